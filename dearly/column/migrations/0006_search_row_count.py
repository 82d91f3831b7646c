from django.db import migrations


def count_rows(apps, schema_editor):
    # PostgreSQL: the terms table also counts the index's rows (under the empty term), exactly,
    # so that the rarity of a shared word is the same as on SQLite (lib/fulltext.py).
    from dearly.column.search import index

    for sql in index.terms_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("column", "0005_teasers_end_at_any_blank_line")]
    operations = [migrations.RunPython(count_rows, migrations.RunPython.noop)]
