def test_help_now_lists_the_crisis_lines(client, db):
    html = client.get("/help-now/").content.decode()
    for text in ["988", "741741", "1-800-799-7233", "88788", "1-800-422-4453"]:
        assert text in html
    assert "Leave this site quickly" in html


def test_help_now_shows_another_countrys_resources(client, db):
    html = client.get("/help-now/?country=GB").content.decode()
    assert "Samaritans" in html and "999" in html


def test_an_unknown_country_falls_back_to_the_default(client, db):
    assert "988" in client.get("/help-now/?country=ZZ").content.decode()


def test_pages_about_abuse_carry_a_quick_exit_button(client, make_article):
    from dearly.column.models import Topic

    article = make_article("Is this control?", topics=("Safety at home",))
    Topic.objects.filter(name="Safety at home").update(sensitive=True)
    ordinary = make_article("About chores", topics=("Communication",))
    assert "Leave this site quickly" in client.get(article.get_absolute_url()).content.decode()
    assert "Leave this site quickly" in client.get("/topics/safety-at-home/").content.decode()
    assert "Leave this site quickly" not in client.get(ordinary.get_absolute_url()).content.decode()
