"""Nobody but the expert's staff reaches any letter: anonymous visitors, members and staff
without the desk permission are turned away from every desk URL, for every letter id tried,
before anything is looked up, logged or changed."""

import pytest
from django.contrib import admin
from django.urls import reverse

from dearly.desk.models import LetterAccess
from dearly.letters.models import Letter
from dearly.letters.tests.conftest import CRISIS
from dearly.testing import sign_in_with_second_factor

SECRET = "ptarmigan"

LETTER_URLS = [
    ("get", "desk:letter"),
    ("post", "desk:move"),
    ("post", "desk:note"),
    ("post", "desk:topics"),
    ("get", "desk:answer"),
    ("post", "desk:answer"),
    ("get", "desk:draft"),
    ("post", "desk:draft"),
    ("post", "desk:follow_up"),
    ("post", "desk:draft_preview"),
    ("post", "desk:draft_autosave"),
    ("post", "desk:publish"),
]
PAGE_URLS = [("get", "desk:inbox"), ("get", "desk:access_log")]
POST_DATA = {"to": "declined", "text": "a note", "topics": [], "title": "t", "letter": "x", "answer": "y",
             "visibility": "public", "publish": "1", "fingerprint": "x", "action": "called_back", "confirm": "on"}


@pytest.fixture
def letters(make_letter):
    plain = make_letter(f"A private letter about a {SECRET} in the attic.", pen_name=f"Pen {SECRET}")
    urgent = make_letter(CRISIS + f" {SECRET}", pen_name="Urgent pen")
    return [plain, urgent]


def letter_ids(letters):
    # Every real id, and ids that do not exist: the answer must not tell them apart.
    return [letter.pk for letter in letters] + [max(letter.pk for letter in letters) + 1, 999999]


@pytest.fixture(params=["anonymous", "member", "staff_without_desk", "inactive_desk_staff"])
def outsider_client(request, client, django_user_model):
    if request.param == "anonymous":
        return request.param, client
    if request.param == "inactive_desk_staff":
        user = request.getfixturevalue("expert")
        user.is_active = False
        user.save()
    else:
        user = request.getfixturevalue(request.param)
    client.force_login(user)
    return request.param, client


def assert_turned_away(who, response):
    body = response.content.decode()
    if who == "anonymous" or who == "inactive_desk_staff":
        assert response.status_code == 302, (who, response.status_code)
        assert response["Location"].startswith("/desk/login/")
    else:
        assert response.status_code == 403, (who, response.status_code)
    assert SECRET not in body and "Urgent pen" not in body and "hit me" not in body


def test_outsiders_reach_no_letter_at_any_desk_url_for_any_id(outsider_client, letters):
    who, client = outsider_client
    before = list(Letter.objects.values_list("pk", "state", "article_id"))
    for letter_id in letter_ids(letters):
        for method, name in LETTER_URLS:
            response = getattr(client, method)(reverse(name, args=[letter_id]), POST_DATA)
            assert_turned_away(who, response)
    for method, name in PAGE_URLS:
        assert_turned_away(who, getattr(client, method)(reverse(name), POST_DATA))
    assert list(Letter.objects.values_list("pk", "state", "article_id")) == before
    assert not LetterAccess.objects.exists()
    assert not letters[0].notes.exists() and not letters[1].follow_ups.exists()


def test_outsiders_cannot_read_the_access_log(outsider_client, letters, expert):
    from dearly.desk.services import record_access

    record_access(expert, letters[0], LetterAccess.Action.VIEWED)
    who, client = outsider_client
    assert_turned_away(who, client.get("/desk/access-log/", {"letter": letters[0].pk}))


def test_the_expert_reaches_every_letter(desk_client, letters):
    for letter in letters:
        response = desk_client.get(reverse("desk:letter", args=[letter.pk]))
        assert response.status_code == 200
        assert SECRET in response.content.decode()
    assert desk_client.get(reverse("desk:letter", args=[999999])).status_code == 404


def test_a_superuser_has_the_desk_permission(client, django_user_model, letters):
    boss = django_user_model.objects.create_superuser("owner", "owner@example.com", "pw-for-tests-only")
    sign_in_with_second_factor(client, boss)
    assert client.get(reverse("desk:letter", args=[letters[0].pk])).status_code == 200


def test_desk_pages_are_never_cached(desk_client, letters):
    for url in ("/desk/", f"/desk/letters/{letters[0].pk}/", "/desk/access-log/"):
        assert "no-store" in desk_client.get(url)["Cache-Control"], url


def test_the_admin_lists_no_letters():
    # The admin is for the operator: letters are read only in the desk, where reads are logged.
    assert Letter not in admin.site._registry


def test_the_sign_in_page_is_the_way_in(client, expert, letters):
    response = client.get(f"/desk/letters/{letters[0].pk}/")
    assert response["Location"] == f"/desk/login/?next=/desk/letters/{letters[0].pk}/"
    page = client.get(response["Location"])
    assert page.status_code == 200 and SECRET not in page.content.decode()
    signed_in = client.post("/desk/login/", {"username": "nora", "password": "pw-for-tests-only",
                                             "next": f"/desk/letters/{letters[0].pk}/"})
    assert signed_in["Location"] == f"/desk/letters/{letters[0].pk}/"
