from django.db import migrations


def count_terms(apps, schema_editor):
    # SQLite: the index keeps its own table of how many rows hold each word, as PostgreSQL's
    # does, instead of asking FTS5's vocabulary, which walks each word's list of rows to count
    # them (lib/fulltext.py). PostgreSQL has had its table since 0003.
    from dearly.letters.search import index

    if schema_editor.connection.vendor == "sqlite":
        for sql in index.terms_sql("sqlite"):
            schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("letters", "0008_search_row_count")]
    operations = [migrations.RunPython(count_terms, migrations.RunPython.noop)]
