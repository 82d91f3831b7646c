"""With a DKIM key configured, email sent through a plain SMTP server carries a signature that
verifies against the public key (as a receiving server would check it, here without DNS)."""

import subprocess

import dkim
import pytest
from django.core.exceptions import ImproperlyConfigured

from dearly.email.outbox import queue_email
from dearly.email.testing import deliver_outbox
from dearly.env import dkim_config

pytestmark = pytest.mark.django_db
SMTP = "django.core.mail.backends.smtp.EmailBackend"


@pytest.fixture
def key_pair(tmp_path):
    private = tmp_path / "dkim.pem"
    subprocess.run(["openssl", "genrsa", "-traditional", "-out", str(private), "2048"], check=True,
                   capture_output=True)
    public = subprocess.run(["openssl", "rsa", "-in", str(private), "-pubout"], check=True,
                            capture_output=True).stdout.decode()
    p = "".join(line for line in public.splitlines() if "-----" not in line)
    return private, f"v=DKIM1; k=rsa; p={p}".encode()


def capture_raw(smtp_server):
    raw = []

    async def handle_DATA(server, session, envelope):
        raw.append(envelope.original_content or envelope.content)
        return "250 OK"

    smtp_server.controller.handler.handle_DATA = handle_DATA
    return raw


def test_email_through_smtp_is_signed_and_the_signature_verifies(smtp_server, key_pair, settings, monkeypatch):
    private, txt_record = key_pair
    monkeypatch.setenv("DKIM_PRIVATE_KEY_FILE", str(private))
    monkeypatch.setenv("DKIM_SELECTOR", "dearly2026")
    monkeypatch.delenv("DKIM_DOMAIN", raising=False)
    for name, value in dkim_config(SMTP, "Dearly <letters@dearly.example>").items():
        setattr(settings, name, value)
    assert settings.EMAIL_BACKEND == "dearly.email.backends.DKIMSigningSMTPBackend"
    raw = capture_raw(smtp_server)
    queue_email(to="reader@example.com", purpose="dkim", template="mailing/email/test", context={"who": "Sam"})
    assert deliver_outbox() == 1
    [message] = raw
    assert message.startswith(b"DKIM-Signature:")
    assert b"d=dearly.example" in message and b"s=dearly2026" in message

    def dns(name, timeout=5):
        assert name == b"dearly2026._domainkey.dearly.example."
        return txt_record

    assert dkim.verify(message, dnsfunc=dns)
    tampered = message.replace(b"Sam", b"Someone else", 1)
    assert not dkim.verify(tampered, dnsfunc=dns)


def test_without_a_key_nothing_changes(monkeypatch):
    for name in ("DKIM_PRIVATE_KEY_FILE", "DKIM_SELECTOR", "DKIM_DOMAIN"):
        monkeypatch.delenv(name, raising=False)
    assert dkim_config(SMTP, "letters@dearly.example") == {}


def test_an_esp_is_left_to_sign_for_itself(key_pair, monkeypatch):
    monkeypatch.setenv("DKIM_PRIVATE_KEY_FILE", str(key_pair[0]))
    monkeypatch.setenv("DKIM_SELECTOR", "s1")
    config = dkim_config("anymail.backends.postmark.EmailBackend", "letters@dearly.example")
    assert "EMAIL_BACKEND" not in config


@pytest.mark.parametrize("env, message", [
    ({"DKIM_SELECTOR": "s1"}, "DKIM_SELECTOR is set but DKIM_PRIVATE_KEY_FILE is not"),
    ({"DKIM_PRIVATE_KEY_FILE": "/nonexistent/dkim.pem", "DKIM_SELECTOR": "s1"}, "DKIM_PRIVATE_KEY_FILE cannot be read"),
    ({"DKIM_PRIVATE_KEY_FILE": "KEY"}, "DKIM_SELECTOR must be set"),
])
def test_a_half_configured_key_stops_start_up_naming_the_variable(env, message, key_pair, monkeypatch):
    for name in ("DKIM_PRIVATE_KEY_FILE", "DKIM_SELECTOR", "DKIM_DOMAIN"):
        monkeypatch.delenv(name, raising=False)
    for name, value in env.items():
        monkeypatch.setenv(name, str(key_pair[0]) if value == "KEY" else value)
    with pytest.raises(ImproperlyConfigured, match=message):
        dkim_config(SMTP, "letters@dearly.example")
