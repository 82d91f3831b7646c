from dearly.column.search import search_articles, similar_articles


def titles(results):
    return [a.title for a in results[0]]


def test_search_finds_words_in_letters_and_answers(make_article):
    make_article("About chores", letter="He never does the laundry.", answer="Talk about fairness.")
    make_article("About money", letter="She hides receipts.", answer="Budget together.")
    assert titles(search_articles("laundry")) == ["About chores"]
    assert titles(search_articles("budget")) == ["About money"]


def test_search_stems_words(make_article):
    make_article("Arguing at night", answer="When couples argue late, everyone loses.")
    assert titles(search_articles("arguing")) == ["Arguing at night"]


def test_title_matches_come_first(make_article):
    make_article("Why we fight", answer="Trust " * 40)
    make_article("Trust after an affair", answer="Rebuilding slowly.")
    assert titles(search_articles("trust"))[0] == "Trust after an affair"


def test_snippets_highlight_matches_and_escape_the_rest(make_article):
    make_article("Tags in text", answer="He typed <b>bold</b> words about the garden shed.")
    results, _ = search_articles("garden")
    snippet = results[0].snippet_html
    assert "<mark>garden</mark>" in snippet
    assert "<b>" not in snippet


def test_every_word_must_match_but_any_word_is_a_fallback(make_article):
    make_article("Apples", answer="Apples and pears.")
    make_article("Pears", answer="Only pears.")
    assert titles(search_articles("apples pears")) == ["Apples"]
    assert set(titles(search_articles("apples bananas"))) == {"Apples"}


def test_query_syntax_is_never_passed_through(make_article, client):
    make_article("Quotes", answer="Plain words.")
    for query in ['"', "AND OR NOT", "title:*", "a) OR (b", "NEAR(", "' OR 1=1 --", "😀"]:
        assert client.get("/search/", {"q": query}).status_code == 200


def test_the_index_follows_edits_and_deletes(make_article):
    article = make_article("Editable", answer="An old word: gramophone.")
    assert titles(search_articles("gramophone")) == ["Editable"]
    article.answer = "A new word: telescope."
    article.save()
    assert titles(search_articles("gramophone")) == []
    assert titles(search_articles("telescope")) == ["Editable"]
    article.delete()
    assert titles(search_articles("telescope")) == []


def test_search_paginates(make_article, client):
    for n in range(12):
        make_article(f"Answer {n}", answer="Common ground.", days_ago=n + 1)
    first, total = search_articles("ground", page=1, per_page=10)
    second, _ = search_articles("ground", page=2, per_page=10)
    assert total == 12 and len(first) == 10 and len(second) == 2
    assert "Next" in client.get("/search/", {"q": "ground"}).content.decode()


def test_similar_articles_rank_by_the_letters_rarest_words(make_article):
    make_article("Mother-in-law keys", answer="Your mother-in-law has a key and criticizes parenting.")
    make_article("Generic", answer="Marriage is hard and couples argue about many things in marriage.")
    letter = "My marriage is hard. My mother-in-law keeps letting herself in with her key."
    assert similar_articles(letter)[0].title == "Mother-in-law keys"


def test_similar_articles_never_use_hidden_text(hidden_articles):
    from .conftest import SECRET

    assert similar_articles(f"{SECRET} {SECRET}") == []


def test_a_very_common_word_says_there_are_at_least_the_counted_answers(make_article, client, monkeypatch):
    from dearly.column import views

    monkeypatch.setattr(views, "CANDIDATES", 3)
    for n in range(3):
        make_article(f"Ground {n}", answer="Common ground.")
    assert "3 or more answers" in client.get("/search/", {"q": "ground"}).content.decode()


def test_a_page_past_the_end_is_empty_not_another_kind_of_search(make_article):
    make_article("Trust and affair", answer="Trust after an affair.")
    for n in range(3):
        make_article(f"Only trust {n}", answer="Trust alone.")
    first, total = search_articles("affair trust", page=1, per_page=1)
    assert total == 1
    second, total_again = search_articles("affair trust", page=2, per_page=1)
    assert second == [] and total_again == 1


def test_a_search_page_out_of_range_is_not_found(client, make_article):
    make_article("Anything", answer="Words.")
    assert client.get("/search/", {"q": "words", "page": "1000"}).status_code == 404
    assert client.get("/search/", {"q": "words", "page": "0"}).status_code == 404


def test_rebuild_search_restores_a_lost_index(make_article):
    from django.core.management import call_command

    from dearly.column.search import index

    make_article("Rebuilt", answer="A word like xylophone.")
    index.clear()
    assert titles(search_articles("xylophone")) == []
    call_command("rebuild_search")
    assert titles(search_articles("xylophone")) == ["Rebuilt"]


ORDINARY_LETTERS = [
    ("Who pays for what", "We split the rent but he buys expensive gadgets and I cover the groceries."),
    ("The holidays with her family", "Every December her parents expect us for a week and I dread it."),
    ("A new puppy, a new fight", "I wanted a dog, he said yes, now he complains about walks at dawn."),
    ("Chores and the mental load", "I plan every meal, appointment and birthday; he waits to be asked."),
    ("Moving for her job", "She got an offer abroad and I would have to leave my friends behind."),
    ("His friends every weekend", "Saturdays are football with the lads, Sundays he recovers."),
    ("Baby names", "We cannot agree on a name and the due date is in three weeks."),
    ("Her ex texts her", "Her former partner messages on birthdays and she answers warmly."),
]


def test_the_search_box_also_finds_an_answer_that_says_it_in_other_words(make_article, client):
    for title, letter in ORDINARY_LETTERS:
        make_article(title, letter=letter)
    make_article("Living like roommates", letter="My husband comes home, eats, watches television and "
                 "goes to bed. We have not had a real conversation in months. He says nothing is wrong.")
    query = "my partner has gone quiet"
    assert "Living like roommates" not in titles(search_articles(query))  # it shares no word
    page = client.get("/search/", {"q": query}).content.decode()
    assert "On the same theme" in page and "Living like roommates" in page
    assert "Who pays for what" not in page  # only what stands out is shown


def test_the_search_box_answers_with_words_alone_when_the_language_model_cannot_run(make_article, client, monkeypatch):
    from dearly.lib import retrieval

    def broken(text):
        raise RuntimeError("model file missing")

    make_article("Living like roommates", letter="We live like roommates and never talk.")
    monkeypatch.setattr(retrieval, "embed", broken)
    response = client.get("/search/", {"q": "roommates"})
    assert response.status_code == 200
    page = response.content.decode()
    assert "Living like roommates" in page and "On the same theme" not in page
