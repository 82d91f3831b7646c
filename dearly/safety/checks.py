"""`manage.py check` says when the crisis screen would run on its rules alone.

Without the sentence encoder's files (built by `make install`) or the screen's trained head the
screen still runs, on its rules, and the desk marks each letter so screened; but on the sealed
sets the rules alone caught about a third of crisis letters, so whoever starts the site must
hear of it before a letter arrives, not from a log line afterwards. The check reads only whether
the files are there and of the pinned size and hash (they are hashed again at load).
"""

from __future__ import annotations

from django.core.checks import Warning, register


def missing_models() -> list[str]:
    """What the screen's classifier needs and cannot find or trust, in words an operator can act on."""
    from dearly.language import encoder
    from dearly.language.integrity import ModelFileError, checked
    from dearly.safety import classifier

    problems = []
    try:
        checked(encoder.BUILT_PATH, encoder.BUILT_SHA256)
    except ModelFileError as exc:
        problems.append(str(exc))
    try:
        encoder.Encoder()._tokenizer  # noqa: B018  (the tokenizer file, checked against its hash)
    except ModelFileError as exc:
        problems.append(str(exc))
    for path in (classifier.WEIGHTS, classifier.META):
        if not path.exists():
            problems.append(f"The screen's trained head is missing: {path}.")
    return problems


@register("safety")
def check_screen_models(app_configs=None, **kwargs):
    return [
        Warning(
            "The crisis screen would run on its rules alone: " + problem,
            hint="Run `make install` (it builds the encoder from the pinned model). Until then every letter "
                 "is marked in the desk as screened by the rules alone.",
            id="safety.W001",
        )
        for problem in missing_models()
    ]
