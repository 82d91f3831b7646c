from django.db import migrations


def add_terms(apps, schema_editor):
    # PostgreSQL: the letters index counts its lexemes in letters_search_terms, so that the
    # similar-letter look-up finds a letter's rarest words in one query (bench/similar).
    from dearly.letters.search import index

    for sql in index.terms_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("letters", "0002_search_index")]
    operations = [migrations.RunPython(add_terms, migrations.RunPython.noop)]
