"""`manage.py check --deploy` warns when PostgreSQL would write a letter's text to its own log."""

import pytest
from django.db import connection

from dearly.letters.checks import check_statement_logging

pytestmark = pytest.mark.postgres


@pytest.fixture
def postgres(db):
    if connection.vendor != "postgresql":
        pytest.skip("Only PostgreSQL logs statements; SQLite has no server log.")
    return connection


def ids(warnings):
    return [w.id for w in warnings]


def set_for_this_session(postgres, **values):
    # As SET: for the session, undone with the test's transaction.
    with postgres.cursor() as cursor:
        for name, value in values.items():
            cursor.execute("SELECT set_config(%s, %s, false)", [name, value])


def test_postgresqls_default_logs_failing_statements_and_is_warned_about(postgres):
    set_for_this_session(postgres, log_min_error_statement="error", log_statement="none")
    warnings = check_statement_logging(databases=["default"])
    assert ids(warnings) == ["dearly.W001"]
    assert "log_min_error_statement = error" in warnings[0].msg
    role = postgres.ops.quote_name(postgres.get_connection_params()["user"] or "postgres")
    assert f"ALTER ROLE {role} SET log_min_error_statement = panic;" in warnings[0].hint


def test_no_warning_once_failing_statements_are_not_logged(postgres):
    set_for_this_session(postgres, log_min_error_statement="panic", log_statement="none",
                         log_min_duration_statement="-1")
    assert check_statement_logging(databases=["default"]) == []


@pytest.mark.parametrize(("name", "value"), [("log_statement", "mod"), ("log_statement", "all"),
                                             ("log_min_duration_statement", "0")])
def test_logging_every_write_or_slow_statements_is_warned_about_too(postgres, name, value):
    set_for_this_session(postgres, log_min_error_statement="panic", log_statement="ddl")
    set_for_this_session(postgres, **{name: value})
    warnings = check_statement_logging(databases=["default"])
    assert ids(warnings) == ["dearly.W001"] and name in warnings[0].msg
    assert "log_min_error_statement" not in warnings[0].msg


def test_check_deploy_runs_it_without_naming_a_database(postgres):
    assert ids(check_statement_logging(databases=None)) in (["dearly.W001"], [])
