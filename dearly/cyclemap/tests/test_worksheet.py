"""The cycle map worksheet, as a member walks it: one step per screen, answers kept going back
and forth, a draft to come back to, typed words screened, and at the end the map, alone or
with a partner's shared map."""

import re

import pytest
from django.utils.html import escape

from dearly.column.services import create_article
from dearly.cyclemap.models import CycleMap
from dearly.cyclemap.tests.conftest import HANDS_ON_THROAT, WITHDRAWER_STEPS
from dearly.members import services as members
from dearly.tools import cycle
from dearly.tools import services as tools

pytestmark = pytest.mark.django_db


def html(response) -> str:
    return response.content.decode()


def share(client, pk):
    assert client.post(f"/tools/entries/cycle/{pk}/share/").status_code == 302


def test_a_member_walks_six_steps_and_sees_their_side_of_the_loop(person, fill_map):
    ana = person("ana@example.com")
    response = ana.client.post("/tools/cycle/new/")
    pk = CycleMap.objects.get().pk
    assert response["Location"] == f"/tools/cycle/{pk}/step/1/"
    page = html(ana.client.get(f"/tools/cycle/{pk}/step/1/"))
    assert "Step 1 of 6:" in page and "What set it off" in page and 'aria-current="step"' in page
    assert "Leave this site quickly" in page  # quick exit on every tools page
    pk = fill_map(ana.client)
    cycle_map = CycleMap.objects.get(pk=pk)
    assert cycle_map.is_finished and cycle_map.step_reached == 6
    page = html(ana.client.get(f"/tools/cycle/{pk}/"))
    assert ("When I reach out and get no response, I feel hurt and lonely, and I press you for an answer and raise "
            "my voice.") in page
    assert "<svg" in page and 'role="img"' in page and "Your moves reach towards your partner" in page
    assert "The cycle, not your partner, is the enemy" in page


def test_the_last_step_finishes_the_map_and_says_so_on_its_button(person):
    ana = person("ana@example.com")
    ana.client.post("/tools/cycle/new/")
    pk = CycleMap.objects.get().pk
    assert "Next: What I told myself it meant" in html(ana.client.get(f"/tools/cycle/{pk}/step/1/"))
    assert "Finish and see the map" in html(ana.client.get(f"/tools/cycle/{pk}/step/6/"))
    response = ana.client.post(f"/tools/cycle/{pk}/step/6/", {"go": "next", "choices": ["accepted"]})
    assert response["Location"] == f"/tools/cycle/{pk}/"


def test_going_back_keeps_the_answers_of_both_steps(person):
    ana = person("ana@example.com")
    ana.client.post("/tools/cycle/new/")
    pk = CycleMap.objects.get().pk
    ana.client.post(f"/tools/cycle/{pk}/step/2/", {"go": "next", "choices": ["failing", "alone"]})
    response = ana.client.post(f"/tools/cycle/{pk}/step/3/", {"go": "back", "other": "a frozen smile"})
    assert response["Location"] == f"/tools/cycle/{pk}/step/2/"
    step2 = html(ana.client.get(f"/tools/cycle/{pk}/step/2/"))
    assert re.search(r'value="failing"[^>]*checked', step2) and re.search(r'value="alone"[^>]*checked', step2)
    assert not re.search(r'value="dont_matter"[^>]*checked', step2)
    assert 'value="a frozen smile"' in html(ana.client.get(f"/tools/cycle/{pk}/step/3/"))


def test_save_and_finish_later_keeps_a_draft_to_come_back_to(person):
    ana = person("ana@example.com")
    ana.client.post("/tools/cycle/new/")
    pk = CycleMap.objects.get().pk
    ana.client.post(f"/tools/cycle/{pk}/step/1/", {"go": "next", "choices": ["money"]})
    response = ana.client.post(f"/tools/cycle/{pk}/step/2/", {"go": "later", "choices": ["controlled"]})
    assert response["Location"] == "/tools/cycle/"
    page = html(ana.client.get("/tools/cycle/"))
    assert "Your map waits for you at step 2" in page
    assert f'href="/tools/cycle/{pk}/step/2/"' in page and "continue at step 2" in page
    draft = CycleMap.objects.get(pk=pk)
    assert draft.status == CycleMap.Status.DRAFT and draft.map.get("meaning").choices == ("controlled",)


def test_too_long_a_phrase_is_refused_beside_the_field_and_nothing_typed_is_lost(person):
    ana = person("ana@example.com")
    ana.client.post("/tools/cycle/new/")
    pk = CycleMap.objects.get().pk
    long_text = "I slammed every cupboard " * 12
    response = ana.client.post(f"/tools/cycle/{pk}/step/4/", {"go": "next", "choices": ["pressed"], "other": long_text})
    page = html(response)
    assert response.status_code == 400 and "keep it to 200 characters" in page
    assert long_text.strip() in page and re.search(r'value="pressed"[^>]*checked', page)
    assert CycleMap.objects.get(pk=pk).answers == {}


def test_a_choice_that_is_not_on_the_list_is_refused_politely(person):
    ana = person("ana@example.com")
    ana.client.post("/tools/cycle/new/")
    pk = CycleMap.objects.get().pk
    response = ana.client.post(f"/tools/cycle/{pk}/step/4/", {"go": "next", "choices": ["<script>"]})
    assert response.status_code == 400 and "<script>" not in html(response).split("</form>")[0].split("<form")[1]


def test_an_other_move_counts_on_the_side_its_author_gives_it(person, fill_map):
    ana = person("ana@example.com")
    pk = fill_map(ana.client, {4: {"other": "hid in the garage", "other_kind": "withdraw"}, 5: {"choices": ["afraid"]}})
    assert cycle.side_of(CycleMap.objects.get(pk=pk).map) == cycle.Side.WITHDRAW
    assert "Your moves step away" in html(ana.client.get(f"/tools/cycle/{pk}/"))


def test_a_map_without_moves_or_feelings_says_what_the_loop_needs(person, fill_map):
    ana = person("ana@example.com")
    pk = fill_map(ana.client, {1: {"choices": ["money"]}})
    page = html(ana.client.get(f"/tools/cycle/{pk}/"))
    assert "To draw the loop, pick at least one thing at" in page and f"/tools/cycle/{pk}/step/4/" in page


def test_the_map_links_to_the_columns_answers_about_its_pattern(person, fill_map):
    from django.utils import timezone

    article = create_article(title="I follow him from room to room", letter="He leaves, I follow.",
                             answer="This is the pursue–withdraw loop.", topics=["Pursue–withdraw"],
                             publish_at=timezone.now())
    ana = person("ana@example.com")
    pk = fill_map(ana.client)
    page = html(ana.client.get(f"/tools/cycle/{pk}/"))
    assert f'href="{article.get_absolute_url()}"' in page


# Typed words are screened --------------------------------------------------------------------------

def test_words_that_show_danger_pause_the_exercise_and_show_help_to_the_writer_only(couple, fill_map):
    ana, ben = couple
    pk = fill_map(ana.client)
    share(ana.client, pk)
    assert ben.client.get(f"/tools/cycle/{pk}/").status_code == 200
    response = ana.client.post(f"/tools/cycle/{pk}/step/1/", {"go": "next", "other": HANDS_ON_THROAT})
    assert response["Location"] == f"/tools/cycle/{pk}/step/1/"  # the same step: help first, nothing lost
    page = html(ana.client.get(response["Location"]))
    assert "You deserve to be safe" in page and escape(HANDS_ON_THROAT) in page
    cycle_map = CycleMap.objects.get(pk=pk)
    assert cycle_map.held_private and not cycle_map.is_shared
    # The partner loses the map at once and sees no help panel, no change of tone, nothing.
    assert ben.client.get(f"/tools/cycle/{pk}/").status_code == 404
    for path in ("/tools/cycle/", "/tools/"):
        assert "You deserve to be safe" not in html(ben.client.get(path))
        assert "hands around my throat" not in html(ben.client.get(path))
    # And the map cannot be shared again.
    ana.client.post(f"/tools/entries/cycle/{pk}/share/")
    assert not CycleMap.objects.get(pk=pk).is_shared
    # Pressing Next again goes on, privately, with the help still at the top.
    response = ana.client.post(f"/tools/cycle/{pk}/step/1/", {"go": "next", "other": HANDS_ON_THROAT})
    assert response["Location"] == f"/tools/cycle/{pk}/step/2/"
    assert "You deserve to be safe" in html(ana.client.get(response["Location"]))


def test_ordinary_words_do_not_pause_anything(person, fill_map):
    ana = person("ana@example.com")
    pk = fill_map(ana.client, {4: {"other": "I went for a long walk round the block", "other_kind": "withdraw"},
                               5: {"choices": ["lonely"]}})
    assert not CycleMap.objects.get(pk=pk).held_private
    assert "You deserve to be safe" not in html(ana.client.get(f"/tools/cycle/{pk}/"))


# Together ----------------------------------------------------------------------------------------

def test_when_both_partners_share_a_map_each_sees_the_joint_loop(couple, fill_map):
    ana, ben = couple
    ana_map, ben_map = fill_map(ana.client), fill_map(ben.client, WITHDRAWER_STEPS)
    share(ana.client, ana_map)
    page = html(ana.client.get("/tools/cycle/"))
    assert "The loop the two of you make" not in page  # only one of them shared
    assert "Share one of your finished maps too" in html(ben.client.get("/tools/cycle/"))
    share(ben.client, ben_map)
    ana_page, ben_page = html(ana.client.get("/tools/cycle/")), html(ben.client.get("/tools/cycle/"))
    assert "The loop the two of you make" in ana_page and "It looks like pursue–withdraw" in ana_page
    assert ("then you feel not good enough and “small”, and you go quiet and leave the room.") in ana_page
    assert ("When things go wrong between us, I feel not good enough and “small”, and I go quiet and leave the room; "
            "then you feel hurt and lonely, and you press me for an answer and raise your voice.") in ben_page
    assert 'aria-labelledby="joint-title joint-desc"' in ben_page


def test_a_partner_reads_a_shared_map_but_cannot_change_it(couple, fill_map):
    ana, ben = couple
    pk = fill_map(ana.client)
    share(ana.client, pk)
    page = html(ben.client.get(f"/tools/cycle/{pk}/"))
    assert "Your partner's side of the cycle" in page and "Change" not in page
    assert ben.client.get(f"/tools/cycle/{pk}/step/1/").status_code == 404
    assert ben.client.post(f"/tools/cycle/{pk}/step/1/", {"go": "next", "other": "rewritten"}).status_code == 404
    assert "rewritten" not in str(CycleMap.objects.get(pk=pk).answers)


def test_unsharing_or_unlinking_takes_the_map_and_the_joint_loop_away_at_once(couple, fill_map):
    ana, ben = couple
    ana_map, ben_map = fill_map(ana.client), fill_map(ben.client, WITHDRAWER_STEPS)
    share(ana.client, ana_map)
    share(ben.client, ben_map)
    ana.client.post(f"/tools/entries/cycle/{ana_map}/unshare/")
    assert ben.client.get(f"/tools/cycle/{ana_map}/").status_code == 404
    assert "The loop the two of you make" not in html(ben.client.get("/tools/cycle/"))
    share(ana.client, ana_map)
    assert "The loop the two of you make" in html(ben.client.get("/tools/cycle/"))
    tools.unlink(ana)
    assert ben.client.get(f"/tools/cycle/{ana_map}/").status_code == 404
    page = html(ben.client.get("/tools/cycle/"))
    assert "The loop the two of you make" not in page and "press you for an answer" not in page


# The account -------------------------------------------------------------------------------------

def test_download_my_data_has_the_maps_and_delete_my_account_erases_them(couple, fill_map):
    ana, ben = couple
    pk = fill_map(ana.client, {4: {"other": "slammed the door", "other_kind": "reach"}, 5: {"choices": ["hurt"]}})
    share(ana.client, pk)
    data = members.member_data(ana)
    (exported,) = data["tools"]["entries"]["cycle"]
    assert exported["steps"]["What I did"] == ["slammed the door"] and exported["shared_with_partner"]
    assert exported["side"] == "reach" and exported["status"] == "finished"
    assert members.member_data(ben)["tools"]["entries"]["cycle"] == []  # never the partner's
    members.delete_account(ana)
    assert not CycleMap.objects.filter(pk=pk).exists()
    assert ben.client.get(f"/tools/cycle/{pk}/").status_code == 404


def test_past_the_hourly_limit_a_step_is_refused_with_the_words_kept(person, settings, monkeypatch):
    from dearly.tools import services as tools_services

    monkeypatch.setattr(tools_services, "ENTRIES_PER_MEMBER_HOUR", 2)
    ana = person("ana@example.com")
    ana.client.post("/tools/cycle/new/")
    pk = CycleMap.objects.get().pk
    ana.client.post(f"/tools/cycle/{pk}/step/1/", {"go": "next", "other": "the dishes again"})
    response = ana.client.post(f"/tools/cycle/{pk}/step/2/", {"go": "next", "other": "that he never listens"})
    page = html(response)
    assert response.status_code == 429 and "try again a little later" in page and "that he never listens" in page
    # Words already kept are not counted again when a step is saved unchanged.
    assert ana.client.post(f"/tools/cycle/{pk}/step/1/", {"go": "next", "other": "the dishes again"}).status_code == 302
    response = ana.client.post("/tools/cycle/new/")
    assert response["Location"] == "/tools/cycle/" and CycleMap.objects.count() == 1


def test_the_demo_couple_sees_the_joint_loop(settings):
    from django.core.management import call_command
    from django.test import Client

    from dearly.members import signin

    call_command("load_demo")
    client = Client()
    client.force_login(signin.member_for_email("friend@example.com").user)
    page = html(client.get("/tools/cycle/"))
    assert "The loop the two of you make" in page and "It looks like pursue–withdraw" in page
    assert "“go down to the basement”" in page
