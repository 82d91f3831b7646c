"""Articles saved before line endings were normalized may carry "\r\n" or a blank line holding
a space, and a members-only one among them a teaser that is the whole answer: render them again.
The search index is built from these fields: run `manage.py rebuild_search` after migrating."""

from django.db import migrations


def rerender(apps, schema_editor):
    from dearly.column.models import public_teaser
    from dearly.lib import markdown
    from dearly.lib.text import normalize_newlines

    Article = apps.get_model("column", "Article")
    for article in Article.objects.all().iterator():
        letter, answer = normalize_newlines(article.letter), normalize_newlines(article.answer)
        teaser, rest = markdown.split_teaser(answer)
        if article.visibility == "members" and not rest:
            teaser = public_teaser(answer)
        teaser_html = markdown.render(teaser)
        if (letter, answer, teaser_html) != (article.letter, article.answer, article.teaser_html):
            Article.objects.filter(pk=article.pk).update(
                letter=letter, answer=answer, teaser_html=teaser_html,
                letter_html=markdown.render(letter),
                answer_html=markdown.render(answer.replace(markdown.TEASER_MARKER, "")),
            )


class Migration(migrations.Migration):
    dependencies = [("column", "0004_vectors")]
    operations = [migrations.RunPython(rerender, migrations.RunPython.noop)]
