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
    assert not [w for w in run_checks() if w.id == "safety.W001"]


def test_the_check_warns_when_the_built_encoder_is_missing(monkeypatch, tmp_path):
    monkeypatch.setattr(encoder, "BUILT_PATH", tmp_path / "not-built.onnx")
    warnings = [w for w in run_checks() if w.id == "safety.W001"]
    assert len(warnings) == 1
    assert "rules alone" in warnings[0].msg and "not-built.onnx" in warnings[0].msg
    assert "make install" in warnings[0].hint


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
