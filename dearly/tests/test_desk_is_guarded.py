"""Every desk URL, whichever app declares it, turns away everyone but desk staff.

The list is read from the URL resolver, so a desk page added later is covered without
anyone remembering to add it here.
"""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

OPEN_DESK_URLS = {"/desk/login/", "/desk/logout/"}


def desk_urls():
    def walk(patterns, prefix=""):
        for p in patterns:
            route = prefix + str(p.pattern)
            if isinstance(p, URLResolver):
                yield from walk(p.url_patterns, route)
            elif isinstance(p, URLPattern):
                yield route

    urls = set()
    for route in walk(get_resolver().url_patterns):
        path = "/" + re.sub(r"<(?:(\w+):)?\w+>", lambda m: "1" if m.group(1) == "int" else "x", route)
        path = path.lstrip("^").replace("$", "")
        if path.startswith("/desk/") and path not in OPEN_DESK_URLS:
            urls.add(path)
    return sorted(urls)


def test_the_desk_has_pages_to_guard():
    assert {"/desk/", "/desk/letters/1/", "/desk/mailbox/", "/desk/settings/"} <= set(desk_urls())


@pytest.mark.parametrize("url", desk_urls())
def test_anonymous_readers_are_sent_to_sign_in(client, db, url):
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, (method, url, response.status_code)
        assert response["Location"].startswith("/desk/login/")


@pytest.mark.parametrize("url", desk_urls())
def test_staff_without_the_desk_permission_are_refused(client, django_user_model, url):
    clerk = django_user_model.objects.create_user("clerk", "c@example.org", "pw", is_staff=True)
    client.force_login(clerk)
    for method in (client.get, client.post):
        assert method(url).status_code == 403, (method, url)
