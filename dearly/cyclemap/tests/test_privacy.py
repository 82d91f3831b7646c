"""No one sees a cycle map that is not theirs: every cycle URL (read from the resolver, so one
added later is covered) and the tools' share/unshare/delete URLs, for every map's id, tried by
the author, their partner, another member, a member without access, staff and an anonymous
visitor. Each map carries a secret word; a response shows it only to someone allowed to see it."""

import re

import pytest
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from dearly.cyclemap.models import CycleMap
from dearly.cyclemap.tests.conftest import PURSUER_STEPS
from dearly.testing import sign_in_with_second_factor

pytestmark = pytest.mark.django_db
GENERIC = ["/tools/entries/cycle/<int:pk>/share/", "/tools/entries/cycle/<int:pk>/unshare/",
           "/tools/entries/cycle/<int:pk>/delete/"]


def cycle_routes():
    def walk(patterns, prefix=""):
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, route)
            elif isinstance(p, URLPattern):
                yield "/" + route
    return sorted(r for r in walk(get_resolver().url_patterns) if r.startswith("/tools/cycle/"))


def fill(route, pk, number=1):
    return route.replace("<int:pk>", str(pk)).replace("<int:number>", str(number))


@pytest.fixture
def world(couple, person, fill_map, expert):
    """Ana's private draft, Ana's shared map, Ben's private map, a stranger's map; each with a secret."""
    ana, ben = couple
    stranger = person("stranger@example.com")
    free = person("free@example.com", paying=False)
    maps = {}
    for name, who, shared, finish in (("ana-draft", ana, False, False), ("ana-shared", ana, True, True),
                                      ("ben-private", ben, False, True), ("stranger", stranger, False, True)):
        secret = f"secret{name.replace('-', '')}word"
        steps = {**PURSUER_STEPS, 1: {"other": secret}}
        pk = fill_map(who.client, steps, finish=finish)
        if shared:
            assert who.client.post(f"/tools/entries/cycle/{pk}/share/").status_code == 302
        maps[name] = (pk, secret)
    staff = Client()
    sign_in_with_second_factor(staff, expert)
    return {"ana": ana.client, "ben": ben.client, "stranger": stranger.client, "free": free.client,
            "staff": staff, "anonymous": Client()}, maps


# Who may see what: the maps each viewer may read (the map page) and change (its steps).
READS = {"ana": {"ana-draft", "ana-shared"}, "ben": {"ben-private", "ana-shared"}, "stranger": {"stranger"},
         "free": set(), "staff": set(), "anonymous": set()}
CHANGES = {"ana": {"ana-draft", "ana-shared"}, "ben": {"ben-private"}, "stranger": {"stranger"},
           "free": set(), "staff": set(), "anonymous": set()}


def test_the_cycle_urls_are_the_ones_this_test_knows():
    assert cycle_routes() == ["/tools/cycle/", "/tools/cycle/<int:pk>/", "/tools/cycle/<int:pk>/step/<int:number>/",
                              "/tools/cycle/new/"]


@pytest.mark.parametrize("viewer", list(READS))
def test_every_cycle_url_and_map_id_shows_each_viewer_only_what_is_theirs_or_shared_with_them(world, viewer):
    clients, maps = world
    client = clients[viewer]
    for name, (pk, _secret) in maps.items():
        for route in cycle_routes():
            if "<int:pk>" not in route:
                continue
            numbers = range(1, 7) if "<int:number>" in route else [1]
            for number in numbers:
                url = fill(route, pk, number)
                response = client.get(url)
                allowed = CHANGES[viewer] if "/step/" in url else READS[viewer]
                if viewer in ("anonymous", "staff"):  # staff accounts are not members: sent to sign in as one
                    assert response.status_code == 302 and response["Location"].startswith("/signin/"), url
                elif viewer == "free":
                    assert response.status_code == 403, (viewer, url)
                elif name in allowed:
                    assert response.status_code == 200, (viewer, url)
                else:
                    assert response.status_code == 404, (viewer, url, response.status_code)
                assert "no-store" in response.get("Cache-Control", ""), url
                body = response.content.decode()
                for other, (_pk, other_secret) in maps.items():
                    if other not in READS[viewer]:
                        assert other_secret not in body, (viewer, url, other)


@pytest.mark.parametrize("viewer", list(READS))
def test_the_cycle_index_lists_only_the_viewers_maps_and_what_was_shared_with_them(world, viewer):
    clients, maps = world
    response = clients[viewer].get("/tools/cycle/")
    body = response.content.decode()
    linked = {int(pk) for pk in re.findall(r'href="/tools/cycle/(\d+)/', body)}
    expected = {maps[name][0] for name in READS[viewer]}
    assert linked == expected, viewer
    if viewer in ("anonymous", "staff"):
        assert response.status_code == 302
    elif viewer == "free":
        assert response.status_code == 403


@pytest.mark.parametrize("viewer", ["ben", "stranger", "free", "staff", "anonymous"])
def test_nobody_but_the_author_can_change_share_or_delete_a_map(world, viewer):
    clients, maps = world
    client = clients[viewer]
    before = {m.pk: (m.answers, m.shared_in_id, m.status) for m in CycleMap.objects.all()}
    for name in ("ana-draft", "ana-shared"):
        pk, _ = maps[name]
        for number in range(1, 7):
            client.post(f"/tools/cycle/{pk}/step/{number}/", {"go": "next", "other": "tampered", "choices": ["hurt"]})
        for route in GENERIC:
            response = client.post(fill(route, pk))
            assert response.status_code in (302, 403, 404)
            if viewer not in ("anonymous", "staff"):
                assert response.status_code in (403, 404), (viewer, route)
    after = {m.pk: (m.answers, m.shared_in_id, m.status) for m in CycleMap.objects.all()}
    assert after == before


def test_a_new_map_is_always_the_starters_own(world):
    clients, _maps = world
    before = CycleMap.objects.count()
    for viewer in ("staff", "free", "anonymous"):
        clients[viewer].post("/tools/cycle/new/")
    assert CycleMap.objects.count() == before
