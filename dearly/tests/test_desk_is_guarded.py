"""Every desk URL, whichever part of the practice it serves, turns away everyone but desk staff,
and nothing it answers is ever stored by a browser or a proxy.

The list is read from the URL resolver, so a desk page added later is covered without
anyone remembering to add it here.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

OPEN_DESK_URLS = {"/desk/login/", "/desk/logout/"}


def desk_routes():
    """(route, pattern) for every URL under /desk/, as the resolver has them."""

    def walk(patterns, prefix=""):
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, route)
            elif isinstance(p, URLPattern):
                yield "/" + route.lstrip("^").replace("$", ""), p

    return [(route, p) for route, p in walk(get_resolver().url_patterns) if route.startswith("/desk/")]


def fill(route: str, value=lambda converter, name: "1" if converter == "int" else "x") -> str:
    """The route with each <converter:name> replaced by value(converter, name)."""
    return re.sub(r"<(?:(\w+):)?(\w+)>", lambda m: str(value(m.group(1), m.group(2))), route)


def desk_urls():
    return sorted({fill(route) for route, _ in desk_routes()} - OPEN_DESK_URLS)


def no_store(response) -> bool:
    return "no-store" in response.get("Cache-Control", "")


def test_the_desk_has_pages_to_guard():
    assert {"/desk/", "/desk/letters/1/", "/desk/mailbox/", "/desk/settings/",
            "/desk/guides/", "/desk/subscribers/"} <= set(desk_urls())


def test_every_desk_page_is_declared_in_the_desk_app():
    # One desk: its pages live in dearly.desk.views, under the desk's URL namespace.
    for route, pattern in desk_routes():
        module = pattern.callback.__module__
        assert module.startswith(("dearly.desk.views", "django.contrib.auth")), (route, module)


@pytest.mark.parametrize("url", desk_urls())
def test_anonymous_readers_are_sent_to_sign_in(client, db, url):
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, (method, url, response.status_code)
        assert response["Location"].startswith("/desk/login/")
        assert no_store(response), (method, url)


@pytest.mark.parametrize("url", desk_urls())
def test_staff_without_the_desk_permission_are_refused(client, staff_without_desk, url):
    client.force_login(staff_without_desk)
    for method in (client.get, client.post):
        assert method(url).status_code == 403, (method, url)


@pytest.mark.parametrize("url", desk_urls())
def test_every_desk_answer_to_the_expert_is_marked_no_store(desk_client, url):
    # Ids here are made up: a missing letter is a plain 404 page. The same pages with real
    # objects are visited in dearly/desk/tests/test_every_desk_page.py.
    for method in (desk_client.get, desk_client.post):
        response = method(url)
        if response.status_code != 404:
            assert no_store(response), (method, url, response.status_code)


def test_the_sign_in_and_sign_out_pages_are_not_stored_either(client, db):
    assert no_store(client.get("/desk/login/"))
    assert no_store(client.post("/desk/logout/"))
