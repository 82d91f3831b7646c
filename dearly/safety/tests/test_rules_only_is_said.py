"""When the screen's language model cannot run, the screen falls back to its rules, and nobody
is left to find out from a log line: `manage.py check` warns before a letter arrives, and the
desk marks every letter the rules alone read."""

import pytest
from django.core.checks import run_checks

from dearly.language import encoder
from dearly.language.integrity import ModelFileError
from dearly.safety import classifier, screening
from dearly.safety.checks import missing_models


def test_the_check_is_quiet_when_every_model_file_is_there():
    assert missing_models() == []
    assert missing_models(hashes=True) == []  # what `check --deploy` adds
    assert not [w for w in run_checks() if w.id == "safety.W001"]


def test_the_check_warns_when_the_built_encoder_is_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(encoder, "BUILT_PATH", tmp_path / "not-built.onnx")
    warnings = [w for w in run_checks() if w.id == "safety.W001"]
    assert len(warnings) == 1
    assert "rules alone" in warnings[0].msg and "not-built.onnx" in warnings[0].msg
    assert "make install" in warnings[0].hint


def test_the_deploy_check_warns_when_the_built_encoder_is_not_the_pinned_file(monkeypatch, tmp_path, db):
    other = tmp_path / "other.onnx"
    other.write_bytes(b"not the encoder")
    monkeypatch.setattr(encoder, "BUILT_PATH", other)
    assert not [w for w in run_checks() if w.id == "safety.W001"]  # there: every command's check is quiet
    warnings = [w for w in run_checks(include_deployment_checks=True) if w.id == "safety.W001"]
    assert len(warnings) == 1 and "expected" in warnings[0].msg


def test_the_check_warns_when_the_screens_head_is_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(classifier, "WEIGHTS", tmp_path / "screen_model.npz")
    assert any("trained head" in problem for problem in missing_models())


@pytest.fixture
def classifier_broken(monkeypatch):
    def broken():
        raise ModelFileError("Model file missing: the test took it away")

    monkeypatch.setattr(classifier, "get_head", broken)
    monkeypatch.setitem(screening._classifier_state, "failed", False)


def test_a_letter_read_by_the_rules_alone_is_marked_so_in_the_desk(classifier_broken, make_letter, desk_client):
    letter = make_letter("We keep arguing about whose turn it is to cook, and it has got silly.")
    assert letter.screening_version.endswith("+rules-only")
    assert letter.screened_by_rules_only
    page = desk_client.get(f"/desk/letters/{letter.pk}/").content.decode()
    assert "Screened by the rules alone" in page


def test_a_letter_read_by_the_whole_screen_is_not_marked(make_letter, desk_client):
    letter = make_letter("We keep arguing about whose turn it is to cook, and it has got silly.")
    assert not letter.screened_by_rules_only
    assert "Screened by the rules alone" not in desk_client.get(f"/desk/letters/{letter.pk}/").content.decode()


# Read again once the model runs: the worker's chore "letters.rescreen" --------------------------

# A change in a child the rules have no words for; the classifier reads it as a child at risk.
CHANGED_CHILD = "My little girl has started wetting the bed again and won't go to her uncle's house any more."
DROWNING = "I have been sitting in the car in the garage with the engine running, just to see how it feels."


def test_letters_read_by_the_rules_alone_are_read_again_once_the_model_runs(classifier_broken, make_letter,
                                                                            monkeypatch):
    from dearly.letters import services

    changed = make_letter(CHANGED_CHILD)
    assert (changed.screening_outcome, changed.screened_by_rules_only) == ("none", True)  # the rules missed it
    assert services.rescreen_rules_only_letters() == 0  # still broken: nothing changes, tried again later
    changed.refresh_from_db()
    assert changed.screened_by_rules_only

    monkeypatch.undo()  # the model is back
    assert services.rescreen_rules_only_letters() == 1
    changed.refresh_from_db()
    assert not changed.screened_by_rules_only
    assert changed.screening_outcome != "none" and "child_at_risk" in changed.crisis_categories
    assert services.rescreen_rules_only_letters() == 0  # once


def test_a_second_reading_never_lowers_what_the_rules_flagged(classifier_broken, make_letter, monkeypatch):
    from dearly.letters import services
    from dearly.letters.tests.conftest import CRISIS

    flagged = make_letter(CRISIS)
    before = (flagged.screening_outcome, set(flagged.crisis_categories))
    assert before[0] == "urgent"
    monkeypatch.undo()
    services.rescreen_rules_only_letters()
    flagged.refresh_from_db()
    assert flagged.urgent and flagged.screening_outcome == "urgent"
    assert before[1] <= set(flagged.crisis_categories)


def test_a_letter_that_becomes_urgent_on_a_second_reading_is_told_to_the_expert(classifier_broken, make_letter,
                                                                                 monkeypatch, settings):
    from dearly.email.models import OutgoingEmail
    from dearly.letters import services
    from dearly.letters.models import Letter

    settings.EXPERT_EMAIL = settings.EXPERT_EMAIL or "expert@example.com"
    letter = make_letter(DROWNING)
    # As if the rules had found nothing in it (they do find this one: the state a miss leaves).
    Letter.objects.filter(pk=letter.pk).update(urgent=False, screening_outcome="none", crisis_categories=[],
                                               crisis_matches=[])
    OutgoingEmail.objects.all().delete()
    monkeypatch.undo()
    assert services.rescreen_rules_only_letters() == 1
    letter.refresh_from_db()
    assert letter.urgent and letter.screening_outcome == "urgent"
    assert OutgoingEmail.objects.count() == 1
