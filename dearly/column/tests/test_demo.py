from django.core.management import call_command

from dearly.column.models import Article, Topic
from dearly.lib.markdown import word_count


def test_demo_content_loads_real_looking_articles(db):
    call_command("load_demo")
    articles = Article.objects.visible()
    assert articles.count() >= 15
    assert Topic.objects.filter(articles__isnull=False).distinct().count() >= 8
    assert articles.filter(visibility=Article.Visibility.MEMBERS).count() >= 2
    for article in articles:
        words = word_count(article.letter) + word_count(article.answer)
        assert 400 <= words <= 900, (article.slug, words)
        if article.is_members_only:
            assert article.teaser_html != article.answer_html, article.slug


def test_demo_content_is_not_loaded_into_a_database_with_content(db, make_article):
    make_article("The operator's own article")
    call_command("load_demo")
    assert Article.objects.count() == 1
