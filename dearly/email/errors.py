"""What a failed send is kept as: a code and a generic reason, never an address.

SMTP servers echo the recipient in their refusals ("550 5.1.1 <sam@example.com>: Recipient
address rejected"), and Python's exceptions repeat it ({'sam@example.com': (550, b'…')}). Such
text in `last_error` or a log line would outlive the erasure of the address, so what is kept
is the exception's type, the SMTP code, the enhanced status code and a generic reason.
"""

import re
import smtplib

EMAIL_RE = re.compile(r"[^\s<>()\[\]{},;:'\"]+@[^\s<>()\[\]{},;:'\"]+")
ENHANCED_RE = re.compile(rb"\b([245]\.\d{1,3}\.\d{1,3})\b")

GENERIC = {
    421: "service not available, closing the connection",
    450: "mailbox unavailable (temporary)",
    451: "local error in processing",
    452: "insufficient storage (temporary)",
    454: "temporary authentication failure",
    500: "command not recognized",
    501: "syntax error in parameters",
    503: "bad sequence of commands",
    530: "authentication required",
    535: "authentication failed",
    550: "mailbox unavailable",
    551: "user not local",
    552: "exceeded storage allocation",
    553: "mailbox name not allowed",
    554: "transaction failed",
}


def scrub(text: str) -> str:
    """The text with every email address replaced by <address>."""
    return EMAIL_RE.sub("<address>", text or "")


def _smtp(code: int, message) -> str:
    raw = message if isinstance(message, bytes) else str(message or "").encode()
    enhanced = ENHANCED_RE.search(raw)
    generic = GENERIC.get(code) or ("temporary failure" if 400 <= code < 500 else
                                    "permanent failure" if 500 <= code < 600 else "unexpected reply")
    return " ".join(filter(None, [str(code), enhanced.group(1).decode() if enhanced else "", generic]))


def describe(exc: BaseException) -> str:
    """A short description of a failed send that holds no address (see the module)."""
    name = type(exc).__name__
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        replies = sorted({_smtp(code, msg) for code, msg in exc.recipients.values()})
        return f"{name}: " + "; ".join(replies)
    if isinstance(exc, smtplib.SMTPResponseException):
        return f"{name}: {_smtp(exc.smtp_code, exc.smtp_error)}"
    status = getattr(exc, "status_code", None)
    if status is not None:  # an ESP's API (anymail): its text may name the recipient
        return f"{name}: HTTP {status}"
    return f"{name}: {scrub(str(exc))}"[:500]
