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
