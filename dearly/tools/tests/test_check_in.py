"""The connection check-in: two numbers and a sentence, a chart over weeks (alone, or both
partners' shared lines with the gap shaded), and a weekly reminder that says nothing."""

import re
import xml.etree.ElementTree as ET
from datetime import timedelta

import pytest
from django.utils import timezone

from dearly.email.testing import deliver_outbox
from dearly.tools import charts, selectors, services
from dearly.tools.models import CheckIn, ToolsState
from dearly.tools.tests.conftest import HANDS_ON_THROAT

pytestmark = pytest.mark.django_db
SVG = "{http://www.w3.org/2000/svg}"


def chart_of(html: str) -> ET.Element:
    svg = re.search(r"<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\".*?</svg>", html, re.S).group(0)
    return ET.fromstring(svg)


def ys(points: str) -> list[float]:
    return [float(p.split(",")[1]) for p in points.split()]


def xs(points: str) -> list[float]:
    return [float(p.split(",")[0]) for p in points.split()]


def value_at(y: float) -> float:
    """The 1–10 value a y coordinate stands for (the inverse of charts._y)."""
    return round(charts.HIGH - (y - charts.TOP) / (charts.HEIGHT - charts.TOP - charts.BOTTOM) * (charts.HIGH - charts.LOW), 1)


def test_a_check_in_is_saved_from_the_page_and_drawn_where_its_numbers_say(person):
    ana = person("ana@example.com")
    now = timezone.now()
    services.record_check_in(ana, need=9, connected=2, now=now - timedelta(days=14))
    services.record_check_in(ana, need=7, connected=4, now=now - timedelta(days=7))
    response = ana.client.post("/tools/check-in/", {"need": "6", "connected": "6", "note": "Better week."})
    assert response.status_code == 302
    html = ana.client.get("/tools/check-in/").content.decode()
    svg = chart_of(html)
    assert svg.get("role") == "img" and svg.find(f"{SVG}title") is not None and svg.find(f"{SVG}desc") is not None
    need = svg.find(f"{SVG}polyline[@class='need']").get("points")
    felt = svg.find(f"{SVG}polyline[@class='connected']").get("points")
    assert [value_at(y) for y in ys(need)] == [9, 7, 6]
    assert [value_at(y) for y in ys(felt)] == [2, 4, 6]
    assert xs(need) == sorted(xs(need)) and len(set(xs(need))) == 3  # oldest left, newest right
    assert "latest need for closeness 6 of 10, feeling connected 6 of 10" in svg.find(f"{SVG}desc").text
    # The numbers are in a table behind it, newest first.
    table = html.split("<tbody>")[1].split("</tbody>")[0]
    assert re.findall(r'data-label="Need">(\d+)<', table) == ["6", "7", "9"]
    assert "Better week." in html


def test_wrong_answers_re_render_with_messages_beside_the_field_and_the_sentence_kept(person):
    ana = person("ana@example.com")
    response = ana.client.post("/tools/check-in/", {"need": "11", "note": "Keep <this> sentence"})
    assert response.status_code == 400
    html = response.content.decode()
    assert html.count("Choose a number from 1 to 10.") == 2
    assert 'value="Keep &lt;this&gt; sentence"' in html
    assert not CheckIn.objects.exists()
    response = ana.client.post("/tools/check-in/", {"need": "5", "connected": "5", "note": "x" * 281})
    assert response.status_code == 400 and "280 characters" in response.content.decode()


def test_partners_who_share_see_both_lines_on_one_chart_with_the_gaps_shaded(couple):
    ana, ben = couple
    now = timezone.now()
    for days, need, felt in ((10, 9, 3), (3, 8, 4)):
        services.record_check_in(ana, need=need, connected=felt, share=True, now=now - timedelta(days=days))
    for days, need, felt in ((9, 3, 5), (2, 4, 6)):
        services.record_check_in(ben, need=need, connected=felt, share=True, now=now - timedelta(days=days))
    services.record_check_in(ben, need=1, connected=1, now=now - timedelta(days=1))  # private
    svg = chart_of(ana.client.get("/tools/check-in/").content.decode())
    mine = svg.find(f"{SVG}polyline[@class='need'][@data-person='0']").get("points")
    theirs = svg.find(f"{SVG}polyline[@class='need'][@data-person='1']").get("points")
    assert [value_at(y) for y in ys(mine)] == [9, 8]
    assert [value_at(y) for y in ys(theirs)] == [3, 4]  # ben's private 1 is not there
    gaps = svg.findall(f"{SVG}polygon[@class='gap']")
    assert len(gaps) == 2
    # The shaded band runs along need and back along felt connection.
    assert [value_at(y) for y in ys(gaps[1].get("points"))] == [3, 4, 6, 5]
    # Ben, who has a private check-in, sees it on his own chart; Ana never does.
    assert [value_at(y) for y in ys(chart_of(ben.client.get("/tools/check-in/").content.decode())
                                   .find(f"{SVG}polyline[@class='need'][@data-person='0']").get("points"))] == [3, 4, 1]


def test_alone_or_unshared_there_is_one_person_on_the_chart(couple):
    ana, ben = couple
    services.record_check_in(ana, need=9, connected=3)
    services.record_check_in(ben, need=3, connected=5)
    svg = chart_of(ana.client.get("/tools/check-in/").content.decode())
    assert len(svg.findall(f"{SVG}polyline[@class='need']")) == 1
    assert selectors.check_in_chart_data(ana)["joint"] is False


def test_a_sentence_that_screens_positive_shows_help_to_its_writer_and_stays_private(couple, crisis_services):
    ana, ben = couple
    response = ana.client.post("/tools/check-in/", {"need": "9", "connected": "1", "note": HANDS_ON_THROAT,
                                                    "share": "on"}, follow=True)
    html = response.content.decode()
    assert "You deserve to be safe" in html and "National Domestic Violence Hotline" in html
    entry = CheckIn.objects.get()
    assert entry.held_private and not entry.is_shared
    partner_html = ben.client.get("/tools/check-in/").content.decode()
    assert "throat" not in partner_html and "You deserve to be safe" not in partner_html
    assert 'name="share"' not in html  # no offer to share while paused


def test_the_weekly_reminder_is_off_by_default_and_says_nothing_about_answers(person, smtp_server):
    ana, ben = person("ana@example.com"), person("ben@example.com")
    services.record_check_in(ana, need=9, connected=2, note="The dishes again")
    assert services.send_due_reminders() == 0
    for someone in (ana, ben):  # ben has never checked in
        someone.client.post("/tools/reminder/", {"weekly_reminder": "on", "next": "/tools/check-in/"})
    assert ToolsState.objects.get(member=ana).weekly_reminder
    now = timezone.now()
    assert services.send_due_reminders(now) == 2
    assert services.send_due_reminders(now + timedelta(hours=1)) == 0  # once a week
    deliver_outbox()
    [to_ana], [to_ben] = smtp_server.to("ana@example.com"), smtp_server.to("ben@example.com")

    def said(message):
        return (str(message["Subject"]), message.get_body(("plain",)).get_content(),
                message.get_body(("html",)).get_content())

    assert said(to_ana) == said(to_ben)  # the same words whatever one answered
    assert "dishes" not in "".join(said(to_ana)) and "partner" not in "".join(said(to_ana)).lower()
    assert "/tools/check-in/" in said(to_ana)[1]
    assert services.send_due_reminders(now + timedelta(days=7, minutes=1)) == 2
    ana.client.post("/tools/reminder/", {"next": "/tools/check-in/"})  # unticked: off
    assert services.send_due_reminders(now + timedelta(days=15)) == 1


def test_a_flood_of_check_ins_is_refused_politely_with_the_sentence_kept(person, monkeypatch):
    ana = person("ana@example.com")
    monkeypatch.setattr(services, "ENTRIES_PER_MEMBER_HOUR", 3)
    for _ in range(3):
        assert ana.client.post("/tools/check-in/", {"need": "5", "connected": "5"}).status_code == 302
    response = ana.client.post("/tools/check-in/", {"need": "5", "connected": "5", "note": "one more"})
    assert response.status_code == 429
    html = response.content.decode()
    assert "a great many entries" in html and 'value="one more"' in html
    assert CheckIn.objects.count() == 3


def test_the_chart_escapes_labels_and_drops_dots_only_when_there_are_very_many_points():
    now = timezone.now()
    few = charts.Series("<b>You</b>", [(now - timedelta(days=d), 5, 4) for d in (3, 2, 1)])
    svg = ET.fromstring(charts.check_in_chart([few], start=now - timedelta(days=7), end=now))
    assert len(svg.findall(f"{SVG}circle")) == 3 and len(svg.findall(f"{SVG}rect")) == 3
    assert "<b>" not in ET.tostring(svg, encoding="unicode").replace("&lt;b&gt;", "")
    many = charts.Series("You", [(now - timedelta(hours=h), 5, 4) for h in range(charts.MOST_DOTS + 1)])
    svg = ET.fromstring(charts.check_in_chart([many], start=now - timedelta(days=7), end=now))
    assert svg.findall(f"{SVG}circle") == [] and len(ys(svg.find(f"{SVG}polyline").get("points"))) == 61
