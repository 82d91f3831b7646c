from django.db import migrations


def add_terms(apps, schema_editor):
    # PostgreSQL: count the column index's lexemes in column_search_terms (SQLite's fts5vocab
    # does that job), so "similar articles" finds a letter's rarest words in one query.
    from dearly.column.search import index

    for sql in index.terms_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("column", "0002_search_index")]
    operations = [migrations.RunPython(add_terms, migrations.RunPython.noop)]
