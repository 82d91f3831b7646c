"""Anything typed into a tool is screened like a letter. Danger pauses the couple exercise and
shows help to the writer, privately: the partner sees no change at all."""

import re

import pytest

from dearly.email.models import OutgoingEmail
from dearly.tools import safety, selectors, services
from dearly.tools.models import ToolsState
from dearly.tools.tests.conftest import HANDS_ON_THROAT, ORDINARY_NOTE

pytestmark = pytest.mark.django_db


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", html)


def test_an_ordinary_sentence_pauses_nothing(person):
    ana = person("ana@example.com")
    result = safety.screen_tool_text(ana, ORDINARY_NOTE)
    assert result.outcome == "none" and not result.paused and not selectors.is_paused(ana)


def test_words_about_abuse_at_home_pause_the_exercise_for_the_writer(person):
    ana = person("ana@example.com")
    result = safety.screen_tool_text(ana, HANDS_ON_THROAT)
    assert result.paused and "abuse_at_home" in result.categories
    state = ToolsState.objects.get(member=ana)
    assert state.is_paused and state.needs() == ["abuse_at_home"]


def test_urgent_words_of_any_kind_pause_it_too(person):
    ana = person("ana@example.com")
    assert safety.screen_tool_text(ana, "I don't want to be alive anymore.").paused


def test_a_failing_screen_counts_as_danger(person, monkeypatch):
    ana = person("ana@example.com")

    def broken(text):
        raise RuntimeError("rules failed")

    monkeypatch.setattr(safety, "screen", broken)
    assert safety.screen_tool_text(ana, "anything at all").paused


def test_the_writer_sees_help_and_the_partner_sees_nothing_of_it(couple, crisis_services):
    ana, ben = couple
    before = ben.client.get("/tools/").content.decode()
    entry, screened = services.record_check_in(ana, need=9, connected=1, note=HANDS_ON_THROAT, share=True)
    assert screened.paused and entry.held_private and not entry.is_shared
    writer_page = ana.client.get("/tools/").content.decode()
    assert "You deserve to be safe" in writer_page and "National Domestic Violence Hotline" in writer_page
    partner_page = ben.client.get("/tools/").content.decode()
    assert "You deserve to be safe" not in partner_page and "Domestic Violence" not in partner_page
    assert without_tokens(partner_page) == without_tokens(before)  # not a byte different
    assert not selectors.can_see(ben, entry)
    assert OutgoingEmail.objects.count() == 0


def test_while_paused_nothing_more_can_be_shared_and_held_entries_never(couple):
    ana, _ben = couple
    held, _ = services.record_check_in(ana, need=9, connected=1, note=HANDS_ON_THROAT)
    calm, _ = services.record_check_in(ana, need=5, connected=5)
    with pytest.raises(services.ShareRefused, match="paused"):
        services.share_entry(ana, calm)
    assert ana.client.post("/tools/safety/resume/").status_code == 302
    assert not selectors.is_paused(ana)
    services.share_entry(ana, calm)
    with pytest.raises(services.ShareRefused, match="private"):
        services.share_entry(ana, held)
