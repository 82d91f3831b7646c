"""The email app stands on its own: it imports neither letters nor the mailing list, and every
change of an email's state goes through models.move() (TRANSITIONS)."""

import ast
from pathlib import Path

import dearly.email

APP = Path(dearly.email.__file__).parent
FORBIDDEN = ("dearly.letters", "dearly.mailing")


def app_modules():
    return [p for p in APP.rglob("*.py") if "tests" not in p.relative_to(APP).parts]


def imported_names(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            yield node.module
            yield from (f"{node.module}.{alias.name}" for alias in node.names)
        elif isinstance(node, ast.Call) and getattr(node.func, "attr", getattr(node.func, "id", "")) in (
                "import_module", "__import__", "import_string") and node.args:
            if isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str):
                yield node.args[0].value


def test_the_email_app_imports_neither_letters_nor_the_mailing_list():
    found = {
        f"{path.relative_to(APP)}: {name}"
        for path in app_modules()
        for name in imported_names(ast.parse(path.read_text()))
        if name.startswith(FORBIDDEN) or name in ("dearly.letters", "dearly.mailing")
    }
    assert len(app_modules()) > 8  # the walk sees the app
    assert not found, found


def test_the_import_walk_would_see_a_forbidden_import():
    tree = ast.parse("def f():\n    from dearly.mailing import services\n")
    assert any(name.startswith(FORBIDDEN) for name in imported_names(tree))


def test_every_state_change_goes_through_move():
    offenders = []
    for path in app_modules():
        if path.name == "models.py" or "migrations" in path.parts:
            continue
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.Call) and getattr(node.func, "attr", "") in ("update", "save", "create") and \
                    any(k.arg == "state" for k in node.keywords):
                offenders.append(f"{path.relative_to(APP)}:{node.lineno}")
            if isinstance(node, ast.Assign) and any(
                    isinstance(t, ast.Attribute) and t.attr == "state" for t in ast.walk(node) if t is not node.value):
                offenders.append(f"{path.relative_to(APP)}:{node.lineno}")
    # One exception, by design: queue_email builds a new row cancelled from the start (an INSERT).
    assert offenders == ["outbox.py:" + str(_cancelled_at_birth_line())], offenders


def _cancelled_at_birth_line():
    source = (APP / "outbox.py").read_text().splitlines()
    return next(i for i, line in enumerate(source, 1) if "email.state, email.last_error = State.CANCELLED" in line)
