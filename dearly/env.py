"""Strict readers for environment variables.

A malformed value stops start-up with a message that names the variable, so an operator
never runs with a setting silently ignored.
"""

import os
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off"}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    # Unset or empty means the default, as for numbers: an empty DESK_TWO_FACTOR= left by a
    # template must not turn a safeguard off.
    if raw is None or raw.strip() == "":
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be one of 1/0, true/false, yes/no, on/off; got {raw!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number; got {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}; got {value}.")
    return value


def env_secret(name: str, *, prefixes: tuple[str, ...]) -> str:
    """A key issued by a provider, empty when unset; a value that is not one of its kinds (a
    publishable key where a secret one belongs, a stray quote) stops start-up."""
    raw = os.environ.get(name, "").strip()
    if raw and (not raw.startswith(prefixes) or any(c.isspace() or c in "'\"" for c in raw)):
        kinds = " or ".join(f"{p}…" for p in prefixes)
        raise ImproperlyConfigured(f"{name} must look like {kinds}; got a value that does not.")
    return raw


def refuse_renamed(old: str, new: str, why: str) -> None:
    """Stop start-up when a variable that was renamed is still set, rather than ignore it."""
    if old in os.environ:
        raise ImproperlyConfigured(f"{old} is now {new}: {why}. See README.")


def env_url(name: str, default: str, *, schemes: set[str]) -> str:
    raw = os.environ.get(name) or default
    parts = urlsplit(raw)
    if parts.scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise ImproperlyConfigured(f"{name} must start with one of {allowed}; got {raw!r}.")
    if parts.scheme in {"http", "https"} and not parts.hostname:
        raise ImproperlyConfigured(f"{name} needs a host name; got {raw!r}.")
    return raw


def secret_key(var_dir: Path) -> str:
    """SECRET_KEY from the environment, or one generated once into var/ and kept."""
    if key := os.environ.get("SECRET_KEY"):
        if len(key) < 32:
            raise ImproperlyConfigured("SECRET_KEY must be at least 32 characters long.")
        return key
    path = var_dir / "secret_key"
    if not path.exists():
        var_dir.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(50))
        path.chmod(0o600)
    return path.read_text().strip()


def database_config(name: str, default_sqlite: Path) -> dict:
    raw = os.environ.get(name, "")
    if not raw:
        config = {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite)}
    else:
        import dj_database_url

        try:
            config = dj_database_url.parse(raw, conn_max_age=60, conn_health_checks=True)
        except Exception as exc:  # dj_database_url raises several kinds
            raise ImproperlyConfigured(f"{name} is not a database URL we understand: {exc}") from None
        if config["ENGINE"] not in {
            "django.db.backends.sqlite3",
            "django.db.backends.postgresql",
        }:
            raise ImproperlyConfigured(f"{name} must be a sqlite:// or postgres:// URL.")
    if config["ENGINE"] == "django.db.backends.sqlite3":
        config["OPTIONS"] = {
            # WAL lets readers go on while the worker writes; IMMEDIATE transactions and a
            # busy timeout make concurrent writers queue instead of failing with "locked".
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        }
        config.pop("CONN_HEALTH_CHECKS", None)
        config["CONN_MAX_AGE"] = 0
        config["TEST"] = {"NAME": str(default_sqlite.parent / "test.sqlite3")}
    return config


# What anymail calls the credential of ESPs that do not call it an API key (anymail's backends).
_ANYMAIL_CREDENTIAL = {"postmark": "SERVER_TOKEN", "mailersend": "API_TOKEN", "mailtrap": "API_TOKEN",
                       "scaleway": "SECRET_KEY"}

# Anymail's settings that belong to no ESP (the others are read as <ESP>_<NAME>).
_ANYMAIL_GENERAL = {"WEBHOOK_SECRET", "REQUESTS_TIMEOUT", "SEND_DEFAULTS", "IGNORE_UNSUPPORTED_FEATURES",
                    "IGNORE_RECIPIENT_STATUS", "DEBUG_API_REQUESTS"}


def email_config(name: str, default: str, var_dir: Path) -> dict:
    """Turn EMAIL_URL into Django email settings.

    smtp://user:pass@host:port       plain SMTP (STARTTLS when the server offers it is not forced)
    smtp+tls://user:pass@host:587    SMTP with STARTTLS
    smtp+ssl://user:pass@host:465    SMTP over TLS
    console://                       print emails to the terminal
    file:///path/to/dir              write emails as files
    mailbox://                       keep emails in Dearly's database, readable in the desk
    anymail+<esp>://KEY@             any ESP through django-anymail (postmark, mailgun, sendgrid,
                                     brevo, amazon_ses, …); ?sender_domain=… and similar
                                     query parameters become ANYMAIL settings
    """
    raw = os.environ.get(name) or default
    parts = urlsplit(raw)
    scheme = parts.scheme
    config: dict = {}
    if scheme in {"smtp", "smtp+tls", "smtp+ssl"}:
        config["EMAIL_BACKEND"] = "django.core.mail.backends.smtp.EmailBackend"
        config["EMAIL_HOST"] = parts.hostname or "localhost"
        try:
            config["EMAIL_PORT"] = parts.port or (465 if scheme == "smtp+ssl" else 25)
        except ValueError:
            raise ImproperlyConfigured(f"{name} has a port that is not a number: {raw!r}.") from None
        config["EMAIL_HOST_USER"] = unquote(parts.username or "")
        config["EMAIL_HOST_PASSWORD"] = unquote(parts.password or "")
        config["EMAIL_USE_TLS"] = scheme == "smtp+tls"
        config["EMAIL_USE_SSL"] = scheme == "smtp+ssl"
        config["EMAIL_TIMEOUT"] = 20
    elif scheme == "console":
        config["EMAIL_BACKEND"] = "django.core.mail.backends.console.EmailBackend"
    elif scheme == "file":
        path = parts.path or str(var_dir / "sent-mail")
        config["EMAIL_BACKEND"] = "django.core.mail.backends.filebased.EmailBackend"
        config["EMAIL_FILE_PATH"] = path
    elif scheme == "mailbox":
        config["EMAIL_BACKEND"] = "dearly.email.mailbox.MailboxBackend"
    elif scheme.startswith("anymail+"):
        esp = scheme.removeprefix("anymail+")
        if not esp.replace("_", "").isalnum():
            raise ImproperlyConfigured(f"{name} names an ESP we cannot read: {esp!r}.")
        config["EMAIL_BACKEND"] = f"anymail.backends.{esp}.EmailBackend"
        credential = _ANYMAIL_CREDENTIAL.get(esp, "API_KEY")
        anymail = {f"{esp.upper()}_{credential}": unquote(parts.username or "")}
        for key, values in parse_qs(parts.query).items():
            key = key.upper()
            if key not in _ANYMAIL_GENERAL and not key.startswith(f"{esp.upper()}_"):
                key = f"{esp.upper()}_{key}"  # anymail reads ESP settings by that name only
            anymail[key] = values[-1]
        config["ANYMAIL"] = anymail
    else:
        raise ImproperlyConfigured(
            f"{name} must start with smtp://, smtp+tls://, smtp+ssl://, console://, file://, "
            f"mailbox:// or anymail+<esp>://; got {raw!r}."
        )
    return config


def dkim_config(email_backend: str, default_from: str) -> dict:
    """DKIM signing for email sent through a plain SMTP server (ESPs sign for themselves).

    DKIM_PRIVATE_KEY_FILE   PEM file of the RSA (or Ed25519) private key; turns signing on
    DKIM_SELECTOR           the selector whose TXT record (<selector>._domainkey.<domain>) holds the public key
    DKIM_DOMAIN             the signing domain; defaults to DEFAULT_FROM_EMAIL's
    """
    from email.utils import parseaddr

    key_file = env_str("DKIM_PRIVATE_KEY_FILE")
    if not key_file:
        for name in ("DKIM_SELECTOR", "DKIM_DOMAIN"):
            if env_str(name):
                raise ImproperlyConfigured(f"{name} is set but DKIM_PRIVATE_KEY_FILE is not: nothing would be signed.")
        return {}
    try:
        key = Path(key_file).read_bytes()
    except OSError as exc:
        raise ImproperlyConfigured(f"DKIM_PRIVATE_KEY_FILE cannot be read: {exc.strerror} ({key_file}).") from None
    if b"PRIVATE KEY-----" not in key:
        raise ImproperlyConfigured(f"DKIM_PRIVATE_KEY_FILE is not a PEM private key: {key_file}.")
    selector = env_str("DKIM_SELECTOR")
    if not selector:
        raise ImproperlyConfigured("DKIM_SELECTOR must be set with DKIM_PRIVATE_KEY_FILE (e.g. dearly2026).")
    domain = env_str("DKIM_DOMAIN") or parseaddr(default_from)[1].rpartition("@")[2]
    if not domain:
        raise ImproperlyConfigured("DKIM_DOMAIN must be set: DEFAULT_FROM_EMAIL has no domain to sign for.")
    config = {"DKIM_PRIVATE_KEY_FILE": key_file, "DKIM_SELECTOR": selector, "DKIM_DOMAIN": domain}
    if email_backend == "django.core.mail.backends.smtp.EmailBackend":
        config["EMAIL_BACKEND"] = "dearly.email.backends.DKIMSigningSMTPBackend"
    return config
