"""Every desk URL, whichever part of the practice it serves, turns away everyone but desk staff,
and nothing it answers is ever stored by a browser or a proxy.

The list is read from the URL resolver, so a desk page added later is covered without
anyone remembering to add it here.
"""

import re

import pytest
from django.contrib.auth.models import Permission
from django.urls import URLPattern, URLResolver, get_resolver

from dearly.testing import sign_in_with_second_factor

# Signing in: the password, then the second factor (any signed-in staff, for the desk or the
# admin; tested in dearly/desk/tests/test_two_factor.py).
OPEN_DESK_URLS = {"/desk/login/", "/desk/logout/", "/desk/two-factor/"}


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


@pytest.fixture
def desk_staff(django_user_model):
    user = django_user_model.objects.create_user("desk-staff", "d@example.org", "pw", is_staff=True)
    user.user_permissions.add(Permission.objects.get(codename="use_desk", content_type__app_label="desk"))
    return user


@pytest.mark.parametrize("url", desk_urls())
def test_desk_staff_with_only_a_password_are_sent_to_give_a_code(client, desk_staff, url):
    client.force_login(desk_staff)  # the password step, not the second one
    for method in (client.get, client.post):
        response = method(url)
        assert response.status_code == 302, (method, url, response.status_code)
        assert response["Location"].startswith("/desk/two-factor/?next="), (method, url)


@pytest.mark.parametrize("url", ["/admin/", "/admin/auth/user/", "/admin/column/article/add/"])
def test_the_admin_asks_for_a_code_too(client, django_user_model, url):
    operator = django_user_model.objects.create_superuser("operator", "o@example.org", "pw")
    client.force_login(operator)
    response = client.get(url, follow=True)
    assert response.redirect_chain[-1][0].startswith("/desk/two-factor/?next="), response.redirect_chain
    assert "Set up two-factor sign-in" in response.content.decode()
    sign_in_with_second_factor(client, operator)
    assert client.get(url).status_code == 200


def test_with_two_factor_sign_in_off_a_password_is_enough(client, desk_staff, settings):
    settings.DESK_TWO_FACTOR = False
    client.force_login(desk_staff)
    assert client.get("/desk/").status_code == 200


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
