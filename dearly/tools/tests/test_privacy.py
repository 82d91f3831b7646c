"""Nobody sees what is not theirs. A linked partner, another member, a reader on the free tier,
staff (the expert, in the desk) and anonymous visitors try every tools URL and every object id;
each sees only what was shared with them, and staff see aggregates only."""

import json

import pytest
from django.test import Client

from dearly.tools import services
from dearly.tools.models import CheckIn, CheckUp, entry_models
from dearly.tools.tests.conftest import HANDS_ON_THROAT

pytestmark = pytest.mark.django_db

PRIVATE = "PRIVATE-NOTE-orange-heron"
SHARED = "SHARED-NOTE-blue-kestrel"
PAGES = ["/tools/", "/tools/check-in/", "/tools/check-in/?weeks=52", "/tools/check-up/", "/tools/partner/"]


@pytest.fixture
def world(couple, person, desk_client, crisis_services):
    ana, ben = couple
    private, _ = services.record_check_in(ana, need=9, connected=2, note=PRIVATE)
    shared, _ = services.record_check_in(ana, need=8, connected=3, note=SHARED, share=True)
    services.unshare_entry(ana, shared)
    services.share_entry(ana, shared)  # shared, un-shared, shared again
    check_up = services.record_check_up(ana, {"happiness": 1, "warmth": 1, "rewarding": 1, "satisfied": 1})
    held, _ = services.record_check_in(ana, need=9, connected=1, note=HANDS_ON_THROAT, share=True)  # pauses
    anonymous = Client()
    return {
        "ana": ana, "ben": ben, "cleo": person("cleo@example.com"), "dan": person("dan@example.com", paying=False),
        "expert": desk_client, "anonymous": anonymous,
        "entries": {"private": private, "shared": shared, "held": held, "check_up": check_up},
    }


def client_of(world, who):
    thing = world[who]
    return thing if isinstance(thing, Client) else thing.client


def test_every_tools_page_shows_each_person_only_what_was_shared_with_them(world):
    expected = {  # who: (status of /tools/ pages, sees the shared note, sees the private note)
        "ana": (200, True, True),
        "ben": (200, True, False),
        "cleo": (200, False, False),
        "dan": (403, False, False),
        "expert": (302, False, False),  # staff accounts are not members: sent to sign in as one
        "anonymous": (302, False, False),
    }
    for who, (status, sees_shared, sees_private) in expected.items():
        client = client_of(world, who)
        for url in PAGES:
            response = client.get(url)
            html = response.content.decode()
            if url == "/tools/partner/" and who == "dan":
                assert response.status_code == 200, who  # a free account may type a partner's code in
            else:
                assert response.status_code == status, (who, url)
            assert (SHARED in html) is (sees_shared and url.startswith("/tools/check-in/")), (who, url)
            assert (PRIVATE in html) is (sees_private and url.startswith("/tools/check-in/")), (who, url)
            assert ("throat" in html) is (who == "ana" and url.startswith("/tools/check-in/")), (who, url)
            assert response.get("Cache-Control", "").find("no-store") >= 0, (who, url)


def test_only_the_author_can_share_unshare_or_delete_any_entry_by_its_id(world):
    entries = world["entries"]
    before = {name: (e.shared_in_id, e.held_private) for name, e in entries.items()}
    refused = {"ben": 404, "cleo": 404, "dan": 403, "expert": 302, "anonymous": 302}
    for who, status in refused.items():
        client = client_of(world, who)
        for entry in entries.values():
            for action in ("share", "unshare", "delete"):
                url = f"/tools/entries/{entry.tool_slug}/{entry.pk}/{action}/"
                assert client.post(url).status_code == status, (who, url)
                assert client.get(url).status_code in (status, 405), (who, url)
        for tool in ("check-in", "check-up", "no-such-tool"):
            assert client.post(f"/tools/entries/{tool}/999999/share/").status_code in (status, 404)
    after = {name: (type(e).objects.get(pk=e.pk).shared_in_id, e.held_private) for name, e in entries.items()}
    assert after == before  # nothing moved
    assert CheckIn.objects.count() == 3 and CheckUp.objects.count() == 1


def test_the_partner_sees_shared_entries_only_and_a_held_one_never(world):
    ben = world["ben"].client
    html = ben.get("/tools/check-in/").content.decode()
    assert "What your partner shared" in html and SHARED in html
    assert html.count('class="entry partner-entry"') == 1  # not the private one, not the held one
    assert "What your partner shared" not in ben.get("/tools/check-up/").content.decode()  # the check-up is private


def test_staff_see_aggregates_only(world, person):
    for i in range(5):  # enough people for the desk to show any figure
        someone = person(f"user{i}@example.com")
        services.record_check_in(someone, need=5 + (i % 2), connected=5, note=f"NOTE-OF-USER-{i}")
    html = world["expert"].get("/desk/tools/").content.decode()
    assert "Connection check-in" in html and "fewer than 5" in html
    for secret in (PRIVATE, SHARED, "throat", "NOTE-OF-USER", "ana@example.com", "user0@example.com"):
        assert secret not in html
    for who in ("ana", "ben", "cleo", "dan", "anonymous"):
        assert client_of(world, who).get("/desk/tools/").status_code in (302, 403), who


def test_another_persons_export_holds_nothing_of_anas(world):
    for who in ("ben", "cleo"):
        data = world[who].client.post("/account/my-data.json")
        text = json.dumps(json.loads(data.content))
        assert PRIVATE not in text and SHARED not in text and "throat" not in text
        assert all(entries == [] for entries in json.loads(data.content)["tools"]["entries"].values())
    assert {m.tool_slug for m in entry_models()} >= {"check-in", "check-up"}


def test_no_tools_data_is_in_the_admin():
    from django.contrib import admin

    assert [m for m in admin.site._registry if m._meta.app_label == "tools"] == []
