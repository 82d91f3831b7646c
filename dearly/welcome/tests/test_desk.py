"""The expert writes the welcome sequence in the desk."""

import pytest

from dearly.welcome.models import WelcomeStep

pytestmark = pytest.mark.django_db


def test_the_expert_writes_a_step_and_sees_it_in_order(desk_client):
    response = desk_client.post("/desk/welcome/new/", {"day": "3", "subject": "The pattern", "body": "Notice the *loop*.",
                                                       "is_active": "on"})
    assert response.status_code == 302
    desk_client.post("/desk/welcome/new/", {"day": "0", "subject": "Welcome", "body": "Hello.", "is_active": "on"})
    page = desk_client.get("/desk/welcome/").content.decode()
    assert page.index("Welcome") < page.index("The pattern")
    step = WelcomeStep.objects.get(day=3)
    assert step.body_html == "<p>Notice the <em>loop</em>.</p>"


def test_a_mistake_is_shown_beside_the_field_and_the_text_is_kept(desk_client):
    response = desk_client.post("/desk/welcome/new/", {"day": "400", "subject": "Late", "body": "Words I typed <b>",
                                                       "is_active": "on"})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="id_day_error"' in page and "365 days or fewer" in page
    assert "Words I typed &lt;b&gt;" in page
    assert not WelcomeStep.objects.exists()


def test_markup_in_a_step_is_sanitized(desk_client):
    desk_client.post("/desk/welcome/new/", {"day": "0", "subject": "Hi", "body": "<script>alert(1)</script>Hi",
                                            "is_active": "on"})
    assert "<script" not in WelcomeStep.objects.get().body_html


def test_people_without_the_desk_permission_cannot_edit_the_sequence(client, staff_without_desk):
    from dearly.testing import sign_in_with_second_factor

    sign_in_with_second_factor(client, staff_without_desk)
    assert client.get("/desk/welcome/").status_code == 403
    assert client.post("/desk/welcome/new/", {"day": "0", "subject": "x", "body": "y"}).status_code == 403


# Sending a test of a step -----------------------------------------------------------------

def write_step(desk_client, **fields):
    desk_client.post("/desk/welcome/new/", {"day": "3", "subject": "The pattern", "body": "Notice the *loop*.",
                                            "is_active": "on", **fields})
    return WelcomeStep.objects.latest("id")


def test_the_expert_sends_themselves_a_test_of_a_step_and_no_reader_gets_it(desk_client):
    from dearly.email.models import OutgoingEmail
    from dearly.newsletter.tests.helpers import subscribe
    from dearly.welcome.models import WelcomeEmail

    subscribe("reader@example.com")
    step = write_step(desk_client)
    response = desk_client.post(f"/desk/welcome/{step.pk}/test/", follow=True)
    assert response.redirect_chain[-1][0] == "/desk/welcome/"
    assert f"A test of day 3 is on its way to {desk_client.user.email}" in response.content.decode()
    test = OutgoingEmail.objects.get(subject__startswith="[Test]")
    assert test.to == desk_client.user.email and test.subject == "[Test] The pattern"
    assert "<em>loop</em>" in test.body_html and "A test of the welcome email for day 3" in test.body_text
    assert not WelcomeEmail.objects.exists()  # nobody is counted as having had the step


def test_a_second_test_is_a_second_email_and_a_switched_off_step_can_be_tested_too(desk_client):
    from dearly.email.models import OutgoingEmail

    step = write_step(desk_client, is_active="")
    desk_client.post(f"/desk/welcome/{step.pk}/test/", {"back": "step"})
    response = desk_client.post(f"/desk/welcome/{step.pk}/test/", {"back": "step"})
    assert response.url == f"/desk/welcome/{step.pk}/"  # back to the step from its own page
    tests = OutgoingEmail.objects.filter(subject="[Test] The pattern")
    assert tests.count() == 2
    assert "which is switched off" in tests.first().body_text


def test_each_step_in_the_list_and_its_page_offer_a_test_by_post_with_the_csrf_token(desk_client):
    step = write_step(desk_client)
    listing = desk_client.get("/desk/welcome/").content.decode()
    page = desk_client.get(f"/desk/welcome/{step.pk}/").content.decode()
    for html in (listing, page):
        assert f'action="/desk/welcome/{step.pk}/test/"' in html and "Send me a test" in html
        assert "csrfmiddlewaretoken" in html
    assert desk_client.get(f"/desk/welcome/{step.pk}/test/").status_code == 405


def test_a_test_without_the_csrf_token_is_refused(desk_client, expert):
    from django.test import Client

    from dearly.email.models import OutgoingEmail
    from dearly.testing import sign_in_with_second_factor

    step = write_step(desk_client)
    strict = sign_in_with_second_factor(Client(enforce_csrf_checks=True), expert)
    assert strict.post(f"/desk/welcome/{step.pk}/test/").status_code == 403
    assert not OutgoingEmail.objects.filter(subject__startswith="[Test]").exists()


def test_tests_are_limited_per_hour_like_an_issues(desk_client):
    from dearly.desk.views.newsletter import TESTS_PER_HOUR
    from dearly.email.models import OutgoingEmail

    step = write_step(desk_client)
    for _ in range(TESTS_PER_HOUR):
        desk_client.post(f"/desk/welcome/{step.pk}/test/")
    response = desk_client.post(f"/desk/welcome/{step.pk}/test/", follow=True)
    assert f"That is {TESTS_PER_HOUR} tests this hour" in response.content.decode()
    assert OutgoingEmail.objects.filter(subject__startswith="[Test]").count() == TESTS_PER_HOUR


def test_people_without_the_desk_permission_cannot_send_a_test(client, staff_without_desk):
    from dearly.email.models import OutgoingEmail
    from dearly.testing import sign_in_with_second_factor

    step = WelcomeStep.objects.create(day=0, subject="Hi", body="Hello.")
    sign_in_with_second_factor(client, staff_without_desk)
    assert client.post(f"/desk/welcome/{step.pk}/test/").status_code == 403
    assert not OutgoingEmail.objects.exists()
