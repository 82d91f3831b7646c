"""Every desk URL, whichever app declares it, turns away everyone but desk staff.

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
