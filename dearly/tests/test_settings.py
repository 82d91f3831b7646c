"""Settings come from the environment through strict helpers."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from dearly import env

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("value", ["maybe", "2", "tru"])
def test_a_malformed_boolean_names_the_variable(monkeypatch, value):
    monkeypatch.setenv("DEBUG", value)
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env.env_bool("DEBUG")


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("yes", True), ("off", False), ("", False)])
def test_booleans_accept_the_usual_words(monkeypatch, value, expected):
    monkeypatch.setenv("DEBUG", value)
    assert env.env_bool("DEBUG") is expected


def test_an_empty_boolean_means_its_default(monkeypatch):
    monkeypatch.setenv("DESK_TWO_FACTOR", " ")
    assert env.env_bool("DESK_TWO_FACTOR", True) is True


def test_a_malformed_number_names_the_variable(monkeypatch):
    monkeypatch.setenv("LETTER_RETENTION_DAYS", "six months")
    with pytest.raises(ImproperlyConfigured, match="LETTER_RETENTION_DAYS"):
        env.env_int("LETTER_RETENTION_DAYS", 180)


def test_database_url_selects_postgresql(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "postgres://dearly:pw@db.internal:5433/dearly")
    config = env.database_config("DATABASE_URL", tmp_path / "x.sqlite3")
    assert config["ENGINE"] == "django.db.backends.postgresql"
    assert (config["HOST"], config["PORT"], config["NAME"]) == ("db.internal", 5433, "dearly")


def test_sqlite_runs_in_wal_mode_with_a_busy_timeout(monkeypatch, tmp_path):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    config = env.database_config("DATABASE_URL", tmp_path / "x.sqlite3")
    assert "journal_mode=WAL" in config["OPTIONS"]["init_command"]
    assert config["OPTIONS"]["timeout"] >= 5


def test_an_unsupported_database_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("DATABASE_URL", "mysql://root@localhost/dearly")
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        env.database_config("DATABASE_URL", tmp_path / "x.sqlite3")


def test_email_url_reads_smtp_with_credentials(monkeypatch, tmp_path):
    monkeypatch.setenv("EMAIL_URL", "smtp+tls://me%40x.org:p%2Fw@mail.example.org:587")
    config = env.email_config("EMAIL_URL", "console://", tmp_path)
    assert config["EMAIL_HOST"] == "mail.example.org" and config["EMAIL_PORT"] == 587
    assert config["EMAIL_HOST_USER"] == "me@x.org" and config["EMAIL_HOST_PASSWORD"] == "p/w"
    assert config["EMAIL_USE_TLS"] is True


def test_email_url_reads_an_esp_through_anymail(monkeypatch, tmp_path):
    monkeypatch.setenv("EMAIL_URL", "anymail+postmark://server-token@")
    config = env.email_config("EMAIL_URL", "console://", tmp_path)
    assert config["EMAIL_BACKEND"] == "anymail.backends.postmark.EmailBackend"
    assert config["ANYMAIL"] == {"POSTMARK_SERVER_TOKEN": "server-token"}  # anymail's name for it
    # Query parameters become the ESP's settings as anymail names them; general ones stay so.
    monkeypatch.setenv("EMAIL_URL", "anymail+mailgun://key-1@?sender_domain=mg.example.org&webhook_secret=u:p"
                                    "&mailgun_api_url=https://api.eu.mailgun.net/v3")
    config = env.email_config("EMAIL_URL", "console://", tmp_path)
    assert config["ANYMAIL"] == {"MAILGUN_API_KEY": "key-1", "MAILGUN_SENDER_DOMAIN": "mg.example.org",
                                 "WEBHOOK_SECRET": "u:p", "MAILGUN_API_URL": "https://api.eu.mailgun.net/v3"}


def test_an_unknown_email_url_is_refused(monkeypatch, tmp_path):
    monkeypatch.setenv("EMAIL_URL", "pigeon://coop")
    with pytest.raises(ImproperlyConfigured, match="EMAIL_URL"):
        env.email_config("EMAIL_URL", "console://", tmp_path)


def test_the_secret_key_is_generated_once_and_kept(monkeypatch, tmp_path):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first = env.secret_key(tmp_path)
    assert len(first) >= 50 and env.secret_key(tmp_path) == first


def run_manage(*args, **environ):
    clean = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL", "DEBUG", "SITE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE"}}
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env={**clean, **environ},
        capture_output=True, text=True, timeout=60,
    )


PRODUCTION = {"SITE_URL": "https://advice.example.org",
              "SECRET_KEY": "Yq7-Lk29_ZpWm4vTnR8sEb3uH-aP0cXd6fGh1jK5lM9nQ2rS4tU8vW"}


def test_deploy_checks_are_clean_for_an_https_site(tmp_path):
    result = run_manage("check", "--deploy", "--fail-level", "WARNING", **PRODUCTION, DEARLY_VAR_DIR=str(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.postgres
def test_on_postgresql_deploy_checks_warn_only_of_letters_in_the_servers_log_until_it_is_fixed(
        transactional_db, tmp_path):
    """The one warning a production site on PostgreSQL may see is the server's statement log
    (dearly/letters/checks.py); following its hint makes `check --deploy` clean."""
    import psycopg
    from django.db import connection
    from psycopg import sql

    if connection.vendor != "postgresql":
        pytest.skip("SQLite keeps no server log.")
    db = connection.settings_dict
    auth = db["USER"] + (f":{db['PASSWORD']}" if db["PASSWORD"] else "")
    url = f"postgres://{auth}@{db['HOST'] or '127.0.0.1'}:{db['PORT'] or 5432}/{db['NAME']}"
    check = ("check", "--deploy", "--fail-level", "WARNING")

    before = run_manage(*check, **PRODUCTION, DATABASE_URL=url, DEARLY_VAR_DIR=str(tmp_path))
    assert before.returncode != 0
    assert "(dearly.W001)" in before.stderr and "identified 1 issue" in before.stderr, before.stderr

    # What the hint says, for this test database only (the server and other databases keep theirs).
    params = connection.get_connection_params()
    settings = sql.SQL("log_min_error_statement = panic")
    with psycopg.connect(**{k: v for k, v in params.items() if k != "cursor_factory"}, autocommit=True) as admin:
        for_this_db = sql.SQL("ALTER ROLE CURRENT_USER IN DATABASE {} ").format(sql.Identifier(db["NAME"]))
        admin.execute(for_this_db + sql.SQL("SET ") + settings)
        try:
            after = run_manage(*check, **PRODUCTION, DATABASE_URL=url, DEARLY_VAR_DIR=str(tmp_path))
        finally:
            admin.execute(for_this_db + sql.SQL("RESET log_min_error_statement"))
    assert after.returncode == 0, after.stdout + after.stderr


@pytest.mark.parametrize("name", ["DEBUG", "DESK_TWO_FACTOR"])
def test_a_bad_variable_stops_start_up_with_its_name(tmp_path, name):
    result = run_manage("check", **{name: "perhaps"}, DEARLY_VAR_DIR=str(tmp_path))
    assert result.returncode != 0
    assert f"{name} must be one of" in result.stderr


def test_allowed_hosts_follow_site_url(tmp_path):
    result = run_manage(
        "shell", "-c", "from django.conf import settings; print(settings.ALLOWED_HOSTS)",
        SITE_URL="https://advice.example.org", DEARLY_VAR_DIR=str(tmp_path),
    )
    assert "['advice.example.org']" in result.stdout, result.stderr


def test_stripe_keys_of_the_wrong_kind_stop_start_up(monkeypatch):
    env_secret = env.env_secret
    monkeypatch.setenv("STRIPE_SECRET_KEY", "pk_live_publishable")
    with pytest.raises(ImproperlyConfigured, match="STRIPE_SECRET_KEY"):
        env_secret("STRIPE_SECRET_KEY", prefixes=("sk_", "rk_"))
    monkeypatch.setenv("STRIPE_SECRET_KEY", '"sk_test_quoted"')
    with pytest.raises(ImproperlyConfigured):
        env_secret("STRIPE_SECRET_KEY", prefixes=("sk_", "rk_"))
    monkeypatch.setenv("STRIPE_SECRET_KEY", "sk_test_fine")
    assert env_secret("STRIPE_SECRET_KEY", prefixes=("sk_", "rk_")) == "sk_test_fine"
    monkeypatch.delenv("STRIPE_SECRET_KEY")
    assert env_secret("STRIPE_SECRET_KEY", prefixes=("sk_", "rk_")) == ""
