from django.db import migrations


def create_index(apps, schema_editor):
    from dearly.letters.search import index

    for sql in index.create_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


def drop_index(apps, schema_editor):
    from dearly.letters.search import index

    for sql in index.drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("letters", "0001_initial")]
    operations = [migrations.RunPython(create_index, drop_index)]
