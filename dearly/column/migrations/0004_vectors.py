from django.db import migrations


def create_vectors(apps, schema_editor):
    from dearly.column.search import vectors

    for sql in vectors.create_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)
    # Articles already published get their vectors now (a column has hundreds, not millions).
    from dearly.column.search import vector_text
    from dearly.lib import retrieval

    Article = apps.get_model("column", "Article")
    for article in Article.objects.all().iterator():
        retrieval.store_vector(vectors, article.pk, vector_text(article))


def drop_vectors(apps, schema_editor):
    from dearly.column.search import vectors

    for sql in vectors.drop_sql(schema_editor.connection.vendor):
        schema_editor.execute(sql)


class Migration(migrations.Migration):
    dependencies = [("column", "0003_search_terms")]
    operations = [migrations.RunPython(create_vectors, drop_vectors)]
