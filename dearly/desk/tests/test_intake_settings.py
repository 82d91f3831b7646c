import pytest

from dearly.letters.models import IntakeSettings


def test_the_expert_sets_the_word_limit_and_the_form_follows(desk_client, client):
    response = desk_client.post("/desk/settings/", {"word_limit": "120"})
    assert response.status_code == 302
    assert IntakeSettings.current().word_limit == 120
    assert "Up to 120 words" in client.get("/ask/").content.decode()


def test_an_impossible_word_limit_is_refused_beside_the_field(desk_client):
    response = desk_client.post("/desk/settings/", {"word_limit": "5"})
    assert response.status_code == 400
    html = response.content.decode()
    assert 'class="errorlist"' in html and 'value="5"' in html
    assert IntakeSettings.current().word_limit == 600


def test_the_word_limit_starts_from_the_environment(db, settings):
    settings.LETTER_WORD_LIMIT = 450
    assert IntakeSettings.current().word_limit == 450


def test_only_the_desk_may_change_settings(client, db):
    assert client.post("/desk/settings/", {"word_limit": "100"}).status_code == 302  # to sign-in
    assert not IntakeSettings.objects.exists()


def test_the_word_limit_is_set_through_its_service_and_checked_there(db):
    from django.core.exceptions import ValidationError

    from dearly.letters import services

    assert services.set_word_limit(800).word_limit == 800
    assert IntakeSettings.current().word_limit == 800
    with pytest.raises(ValidationError):
        services.set_word_limit(5)
    assert IntakeSettings.current().word_limit == 800
