"""The relationship check-up: the CSI-4 (Funk & Rogge, 2007), scored 0–21, cut-off 13.5."""

import re

import pytest

from dearly.tools import csi, services
from dearly.tools.models import CheckUp

ALL_LOW = {"happiness": 0, "warmth": 0, "rewarding": 0, "satisfied": 0}
ALL_HIGH = {"happiness": 6, "warmth": 5, "rewarding": 5, "satisfied": 5}


def test_the_four_published_items_and_their_scales():
    assert [item.field for item in csi.ITEMS] == ["happiness", "warmth", "rewarding", "satisfied"]
    assert [item.highest for item in csi.ITEMS] == [6, 5, 5, 5]
    assert csi.ITEMS[0].labels[0] == "Extremely unhappy" and csi.ITEMS[0].labels[-1] == "Perfect"
    assert csi.ITEMS[1].text == "I have a warm and comfortable relationship with my partner."
    assert "572–583" in csi.CITATION and "Funk" in csi.CITATION and "Rogge" in csi.CITATION


@pytest.mark.parametrize(("answers", "total", "below"), [
    (ALL_LOW, 0, True),                                                     # the bottom of the range
    (ALL_HIGH, 21, False),                                                  # the top
    ({"happiness": 4, "warmth": 3, "rewarding": 3, "satisfied": 3}, 13, True),   # just under the cut-off
    ({"happiness": 4, "warmth": 4, "rewarding": 3, "satisfied": 3}, 14, False),  # just over it
    ({"happiness": 6, "warmth": 0, "rewarding": 0, "satisfied": 0}, 6, True),    # one item at its top
    ({"happiness": 0, "warmth": 5, "rewarding": 5, "satisfied": 5}, 15, False),
])
def test_scores_on_the_published_range_and_its_edges(answers, total, below):
    assert csi.score(answers) == total
    assert csi.below_cut_off(total) is below


@pytest.mark.parametrize("bad", [
    {**ALL_LOW, "happiness": 7},       # past the first item's top (6)
    {**ALL_LOW, "warmth": 6},          # past the others' top (5)
    {**ALL_LOW, "satisfied": -1},
    {**ALL_LOW, "rewarding": True},    # not an answer
    {**ALL_LOW, "rewarding": "3"},
    {"happiness": 3, "warmth": 3, "rewarding": 3},  # one missing
])
def test_answers_off_the_scales_are_refused(bad):
    with pytest.raises(ValueError):
        csi.score(bad)


def test_every_total_in_range_has_a_reading_and_nothing_outside_it():
    for total in range(csi.LOWEST, csi.HIGHEST + 1):
        assert ("Below 13.5" in csi.reading(total)) is (total <= 13)
    for outside in (-1, 22):
        with pytest.raises(ValueError):
            csi.reading(outside)


@pytest.mark.django_db
def test_the_page_scores_cites_the_source_and_keeps_ones_history(person):
    ana = person("ana@example.com")
    html = ana.client.get("/tools/check-up/").content.decode()
    assert "Funk, J. L., &amp; Rogge, R. D. (2007)" in html and "10.1037/0893-3200.21.4.572" in html
    assert "warm and comfortable relationship" in html
    response = ana.client.post("/tools/check-up/", {"happiness": "4", "warmth": "3", "rewarding": "3",
                                                     "satisfied": "3"}, follow=True)
    html = response.content.decode()
    assert "Your score is 13 of 21" in html and "Below 13.5" in html
    services.record_check_up(ana, ALL_HIGH)
    html = ana.client.get("/tools/check-up/").content.decode()
    assert "<strong>21</strong> of 21" in html and "13 of 21 (below 13.5)" in html


@pytest.mark.django_db
def test_a_missing_answer_re_renders_marked_with_the_other_answers_kept(person):
    ana = person("ana@example.com")
    response = ana.client.post("/tools/check-up/", {"happiness": "5", "warmth": "4", "rewarding": "9"})
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("Please choose an answer.") == 2  # rewarding off the scale, satisfied missing
    assert re.findall(r'<input[^>]*name="(\w+)" value="(\d)"[^>]*checked>', html) == [("happiness", "5"),
                                                                                ("warmth", "4")]
    assert not CheckUp.objects.exists()
