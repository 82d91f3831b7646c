"""Django's SMTP backend, signing every message with DKIM (dkimpy) on its way out.

Chosen by settings when EMAIL_URL is smtp://… and DKIM_PRIVATE_KEY_FILE is set (dearly.env.
dkim_config). ESPs sign for their own domains; they need none of this.
"""

import smtplib
from functools import cache

import dkim
from django.conf import settings
from django.core.mail.backends.smtp import EmailBackend
from django.core.mail.message import sanitize_address

# The headers a receiver sees and a forwarder should not change.
SIGNED_HEADERS = [b"From", b"To", b"Subject", b"Date", b"Message-ID", b"Reply-To", b"Cc", b"MIME-Version",
                  b"Content-Type", b"Content-Transfer-Encoding", b"List-Unsubscribe", b"List-Unsubscribe-Post",
                  b"List-Id"]


@cache
def _private_key(path: str) -> bytes:
    with open(path, "rb") as f:
        return f.read()


def sign(raw: bytes) -> bytes:
    """The message with its DKIM-Signature header first (relaxed/relaxed, rsa-sha256)."""
    head = raw.split(b"\r\n\r\n", 1)[0].lower()
    signature = dkim.sign(
        raw, settings.DKIM_SELECTOR.encode(), settings.DKIM_DOMAIN.encode(),
        _private_key(settings.DKIM_PRIVATE_KEY_FILE), canonicalize=(b"relaxed", b"relaxed"),
        include_headers=[h for h in SIGNED_HEADERS if b"\r\n" + h.lower() + b":" in b"\r\n" + head],
    )
    return signature + raw


class DKIMSigningSMTPBackend(EmailBackend):
    def _send(self, email_message):
        if not email_message.recipients():
            return False
        encoding = email_message.encoding or settings.DEFAULT_CHARSET
        from_email = sanitize_address(email_message.from_email, encoding)
        recipients = [sanitize_address(addr, encoding) for addr in email_message.recipients()]
        raw = email_message.message().as_bytes(linesep="\r\n")
        try:
            self.connection.sendmail(from_email, recipients, sign(raw))
        except smtplib.SMTPException:
            if not self.fail_silently:
                raise
            return False
        return True
