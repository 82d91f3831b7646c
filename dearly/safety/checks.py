"""`manage.py check` says when the crisis screen would run on its rules alone.

Without the sentence encoder's files (built by `make install`) or the screen's trained head the
screen still runs, on its rules, and the desk marks each letter so screened; but on the sealed
sets the rules alone caught about a third of crisis letters, so whoever starts the site must
hear of it before a letter arrives, not from a log line afterwards. Every command's checks ask
only whether the files are there (cheap: checks run before every management command);
`check --deploy` also hashes them against the pinned hashes, which the encoder does again at load.
"""

from __future__ import annotations

from django.core.checks import Warning, register


def _model_files() -> list[tuple]:
    """(what, path, pinned sha256 or None) of each file the screen's classifier needs."""
    from dearly.language import encoder
    from dearly.safety import classifier

    return [("Model file", encoder.BUILT_PATH, encoder.BUILT_SHA256),
            ("Model file", encoder.tokenizer_path(), encoder.TOKENIZER_SHA256),
            ("The screen's trained head", classifier.WEIGHTS, None), ("The screen's trained head", classifier.META, None)]


def missing_models(*, hashes: bool = False) -> list[str]:
    """What the screen's classifier needs and cannot find (or, with `hashes`, cannot trust), in
    words an operator can act on."""
    from dearly.language.integrity import ModelFileError, checked

    try:
        files = _model_files()
    except ModelFileError as exc:  # the package holding the tokenizer is not installed
        return [str(exc)]
    problems = []
    for what, path, sha256 in files:
        if not path.exists():
            problems.append(f"{what} is missing: {path}.")
        elif hashes and sha256:
            try:
                checked(path, sha256)
            except ModelFileError as exc:
                problems.append(str(exc))
    return problems


def _warnings(problems: list[str]) -> list[Warning]:
    return [
        Warning(
            "The crisis screen would run on its rules alone: " + problem,
            hint="Run `make install` (it builds the encoder from the pinned model). Until then every letter "
                 "is marked in the desk as screened by the rules alone.",
            id="safety.W001",
        )
        for problem in problems
    ]


@register("safety")
def check_screen_models(app_configs=None, **kwargs):
    return _warnings(missing_models())


@register("safety", deploy=True)
def check_screen_model_hashes(app_configs=None, **kwargs):
    missing = set(missing_models())
    return _warnings([p for p in missing_models(hashes=True) if p not in missing])
