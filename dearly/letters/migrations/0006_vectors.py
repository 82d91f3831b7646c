from django.db import migrations


def create_vectors(apps, schema_editor):
    from dearly.letters.search import vectors

    for sql in vectors.create_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)
    # Letters already stored get their vectors from `manage.py rebuild_search` (or as the worker
    # prepares each new one); a migration should not run the encoder over months of letters.


def drop_vectors(apps, schema_editor):
    from dearly.letters.search import vectors

    for sql in vectors.drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("letters", "0005_writer_signal")]
    operations = [migrations.RunPython(create_vectors, drop_vectors)]
