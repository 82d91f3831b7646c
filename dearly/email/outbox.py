"""The outbox: every email Dearly sends is queued here as a row, then delivered by the worker.

Using it (any app)
    from dearly.email.outbox import queue_email
    queue_email(to="reader@example.com", purpose=f"letter-published:{letter.pk}",
                template="letters/email/published", context={"letter": letter})

    renders `<template>.subject.txt`, `<template>.txt` and `<template>.html` right away (the
    HTML extends "mailing/email/base.html"; .txt and the subject are rendered WITHOUT HTML
    escaping) and stores the row; `manage.py work` (dearly.work) sends it within a second or
    so. `purpose` is an idempotency key: one (address, purpose) is one row, ever, enforced by a
    unique constraint, so calling queue_email twice sends one email and returns the same row.
    With `unsubscribe_url`, the email carries RFC 8058 List-Unsubscribe headers; with
    `footer_template`, that text is added to the plain part (the mailing list's wrapper,
    dearly.mailing.outbox, passes both for list emails). With `forget_address=True` the address
    is erased from the row once it is finished (sent, failed or cancelled); its keyed
    fingerprint stays, so the purpose still cannot repeat.

In tests
    Nothing is sent by itself: call dearly.email.testing.deliver_outbox() to send every due
    email synchronously through exactly the code the worker runs; it works with any
    EMAIL_BACKEND (the default mailbox:// one, locmem, or the smtp_server fixture).

Delivery: claims, leases, retries
    deliver_due() claims one row at a time with a conditional UPDATE (due → sending, with a
    random claim token and a lease of OUTBOX_LEASE_SECONDS), so two workers never send the
    same row; it sends, then marks the row sent with a second conditional UPDATE that also
    checks the claim token. Every change of state goes through models.move() and the
    TRANSITIONS written there. A transient failure (SMTP 4xx, refused connection, timeout, an
    ESP's 5xx/429) puts the row back as `retrying` with exponential backoff in
    next_attempt_at; a permanent one (SMTP 5xx, an ESP refusing the recipient) makes it
    `failed`, and OUTBOX_HARD_FAILURES permanent failures for one address suppress it. A row
    left `sending` by a killed worker is due again once its lease runs out, and the worker
    loop, which looks every second, picks it up: nothing needs to be scheduled.

The guarantee, and its one window
    No email is lost: a committed row stays due until a send is recorded, across SMTP outages,
    database restarts and killed workers. No row is ever duplicated: the (address, purpose)
    constraint. A row is sent at most once per claim, and reclaimed only after its lease
    expired. The one window is a process dying (or losing its database) after the SMTP server
    answered 250 and before the row was marked sent (one UPDATE, milliseconds): that row is
    sent again after its lease, under the same Message-ID (which large mailbox providers
    collapse). We prefer that at-least-once outcome to losing a confirmation or a guide; the
    window cannot be closed without the receiving server's help. When the database goes away
    in that window the worker keeps the outcome in memory and records it as soon as the
    database is back (see `_record`), which closes it for database restarts.
"""

import logging
import re
import secrets
import smtplib
import socket
import time
from datetime import timedelta
from email.utils import format_datetime, make_msgid, parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import (
    IntegrityError,
    InterfaceError,
    OperationalError,
    connection,
    transaction,
)
from django.db.models import F, Q
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from dearly.email import errors, hooks
from dearly.email.models import OutgoingEmail, address_key, move, normalize_email
from dearly.email.suppressions import is_suppressed, suppress

logger = logging.getLogger(__name__)

State = OutgoingEmail.State
ONE_CLICK = "List-Unsubscribe=One-Click"
BATCH_SIZE = 500
MAX_BACKOFF = timedelta(hours=6)
DATABASE_GONE = (OperationalError, InterfaceError)

__all__ = ["queue_email", "is_suppressed", "forget_recipient", "cancel_waiting", "deliver_due", "render_email",
           "list_headers", "list_id",
           "classify", "Transient", "Permanent", "backoff"]


# Queueing ---------------------------------------------------------------------------------

def queue_email(*, to: str, purpose: str, template: str, context: dict, subscriber=None,
                forget_address: bool = False, unsubscribe_url: str = "", footer_template: str = "",
                extra_context: dict | None = None) -> OutgoingEmail:
    """Queue one email (see the module's docstring). Raises ValueError for an invalid address."""
    address = normalize_email(to)
    try:
        validate_email(address)
    except ValidationError:
        raise ValueError(f"Not an email address: {to!r}") from None
    if not purpose or len(purpose) > 200:
        raise ValueError("purpose must be a non-empty key of at most 200 characters.")
    key = address_key(address)
    # A fast path only: the unique constraint below is what guarantees one row.
    existing = OutgoingEmail.objects.filter(recipient_key=key, purpose=purpose).first()
    if existing is not None:
        return existing

    subject, text, html, headers = render_email(
        template, {**(extra_context or {}), **context}, unsubscribe_url=unsubscribe_url,
        footer_template=footer_template)
    email = OutgoingEmail(
        to=address, recipient_key=key, purpose=purpose, subscriber=subscriber, forget_address=forget_address,
        template=template, from_email=settings.DEFAULT_FROM_EMAIL, subject=subject, body_text=text,
        body_html=html, headers=headers, message_id=headers["Message-ID"],
    )
    # Nobody suppressed, nobody who left the list, is emailed (the row is kept, cancelled).
    reason = "The address is suppressed." if is_suppressed(key=key) else hooks.reason_not_to_send(email)
    if reason:
        email.state, email.last_error = State.CANCELLED, reason
        if forget_address:
            email.to = ""
    try:
        with transaction.atomic():
            email.save(force_insert=True)
    except IntegrityError:
        return OutgoingEmail.objects.get(recipient_key=key, purpose=purpose)
    return email


# Rendering --------------------------------------------------------------------------------

def _plain(template_name: str, context: dict) -> str:
    """Render a text template without HTML escaping (it is not HTML)."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def _domain() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "dearly.invalid"


def list_id() -> str:
    """RFC 2919 List-Id of Dearly's list mail, `Dearly newsletter <newsletter.dearly.example>`: one
    id on our own domain for every email to the list (confirmations, guides, welcome emails and
    issues alike), by which filters and mailbox providers group it."""
    label = re.sub(r"[^A-Za-z0-9 .-]", "", settings.SITE_NAME).strip() or "Dearly"
    return f"{label} newsletter <newsletter.{_domain()}>"


def list_headers(unsubscribe_url: str) -> dict:
    """The headers of every email to the list: List-Id, and RFC 8058 one-click unsubscribe
    (List-Unsubscribe with an https link that takes a POST, and List-Unsubscribe-Post)."""
    return {"List-Id": list_id(), "List-Unsubscribe": f"<{unsubscribe_url}>",
            "List-Unsubscribe-Post": ONE_CLICK}


def render_email(template: str, context: dict, *, unsubscribe_url: str = "",
                 footer_template: str = "") -> tuple[str, str, str, dict]:
    """Subject, text, HTML and headers of one email."""
    ctx = {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "EXPERT_NAME": settings.EXPERT_NAME,
        "POSTAL_ADDRESS": settings.POSTAL_ADDRESS,
        **context,
    }
    headers = {"Message-ID": make_msgid(domain=_domain())}
    if unsubscribe_url:
        ctx["unsubscribe_url"] = unsubscribe_url
        headers.update(list_headers(unsubscribe_url))
    subject = " ".join(_plain(f"{template}.subject.txt", ctx).split())
    text = _plain(f"{template}.txt", ctx).strip() + "\n"
    if footer_template:
        text += "\n" + _plain(footer_template, ctx).strip() + "\n"
    html = render_to_string(f"{template}.html", ctx)
    return subject, text, html, headers


# Delivering -------------------------------------------------------------------------------

class Transient(Exception):
    """A failure worth trying again later."""


class Permanent(Exception):
    """A failure that will not change by trying again."""


def classify(exc: Exception) -> type[Exception]:
    """Transient or Permanent, from an SMTP backend's or anymail's exception."""
    try:
        from anymail.exceptions import AnymailAPIError, AnymailRecipientsRefused
    except ImportError:  # pragma: no cover - anymail is a dependency
        AnymailAPIError = AnymailRecipientsRefused = ()
    # First: anymail's HTTP errors are also OSErrors (through requests).
    if isinstance(exc, AnymailRecipientsRefused):
        return Permanent
    if isinstance(exc, AnymailAPIError):
        status = getattr(exc, "status_code", None)
        if status is not None and 400 <= status < 500 and status not in (408, 429):
            return Permanent
        return Transient
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _ in exc.recipients.values()]
        return Permanent if codes and all(500 <= c < 600 for c in codes) else Transient
    if isinstance(exc, smtplib.SMTPResponseException):
        return Permanent if 500 <= exc.smtp_code < 600 else Transient
    # Refused connections, timeouts, anything else: the next attempt may well work.
    return Transient


def _connection_broken(exc: Exception) -> bool:
    """Failures of the server as a whole, not of one message: stop this run."""
    return isinstance(exc, smtplib.SMTPConnectError | smtplib.SMTPServerDisconnected
                      | ConnectionError | socket.timeout) or (
        isinstance(exc, OSError) and not isinstance(exc, smtplib.SMTPException))


def backoff(attempts: int) -> timedelta:
    delay = timedelta(seconds=settings.OUTBOX_RETRY_SECONDS * 2 ** max(0, attempts - 1))
    return min(delay, MAX_BACKOFF)


def _claim(pk: int, now) -> str | None:
    """Take the row if it is still due: the conditional UPDATE is the lock."""
    token = secrets.token_hex(8)
    lease_until = now + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
    taken = move(OutgoingEmail.due(now).filter(pk=pk), State.SENDING,
                 claim=token, lease_expires_at=lease_until, attempts=F("attempts") + 1)
    return token if taken == 1 else None


def _record(email: OutgoingEmail, token: str, target: State, **changes) -> bool:
    """Record the outcome of a claimed send (only while this sender still holds the claim).

    An outcome the SMTP server already saw must not be lost to a database that went away for
    a moment (a restart, a failover): then the send would be repeated after the lease. So this
    retries, reconnecting, for up to half the lease, which is as long as the claim is surely
    still ours; after that the lease decides (at-least-once)."""
    if email.forget_address and target in (State.SENT, State.FAILED, State.CANCELLED):
        changes["to"] = ""
    give_up = time.monotonic() + settings.OUTBOX_LEASE_SECONDS / 2
    pause = 0.1
    while True:
        try:
            done = move(OutgoingEmail.objects.filter(pk=email.pk, claim=token, state=State.SENDING), target, **changes)
            break
        except DATABASE_GONE:
            if time.monotonic() + pause > give_up:
                raise
            logger.warning("outbox: the database went away before an outcome was recorded; retrying")
            _drop_connection()
            time.sleep(pause)
            pause = min(pause * 2, 2.0)
    if not done:
        logger.warning("outbox: lost the lease on email %s before recording it", email.pk)
    return bool(done)


def _drop_connection() -> None:
    try:
        connection.close()
    except Exception:  # a dead connection may fail to close; it is dropped either way
        pass


def _should_cancel(email: OutgoingEmail) -> str:
    if not email.to:
        return "The address was erased before it was sent."
    if is_suppressed(key=email.recipient_key):
        return "The address is suppressed."
    return hooks.reason_not_to_send(email)


def _message(email: OutgoingEmail, conn) -> EmailMultiAlternatives:
    # The date in the site's time zone, with its offset (Django's own says -0000, "unknown").
    date = format_datetime(timezone.localtime(timezone.now()).replace(microsecond=0))
    msg = EmailMultiAlternatives(
        subject=email.subject, body=email.body_text, from_email=email.from_email, to=[email.to],
        headers={**email.headers, "Date": date}, connection=conn,
    )
    msg.attach_alternative(email.body_html, "text/html")
    return msg


def _send_claimed(email: OutgoingEmail, token: str, conn, now) -> str:
    """Send one claimed row and record the outcome: 'sent', 'retrying', 'failed', 'cancelled',
    or 'broken' (retrying, and the server is unreachable: stop this run)."""
    if reason := _should_cancel(email):
        _record(email, token, State.CANCELLED, last_error=reason, lease_expires_at=None)
        return "cancelled"
    if email.attempts > settings.OUTBOX_MAX_ATTEMPTS:
        _record(email, token, State.FAILED, last_error=email.last_error or "Gave up after repeated attempts.",
                lease_expires_at=None)
        return "failed"
    try:
        conn.send_messages([_message(email, conn)])
    except Exception as exc:
        try:
            conn.close()
        except Exception:  # a broken connection may fail to close; it is dropped either way
            pass
        kind = classify(exc)
        error = errors.describe(exc)
        if kind is Permanent or email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            _record(email, token, State.FAILED, last_error=error, lease_expires_at=None,
                    permanent_failure=kind is Permanent)
            logger.warning("outbox: email %s failed: %s", email.pk, error)
            if kind is Permanent:
                _count_hard_failure(email)
            return "failed"
        _record(email, token, State.RETRYING, last_error=error, lease_expires_at=None,
                next_attempt_at=now + backoff(email.attempts))
        logger.info("outbox: email %s will be retried: %s", email.pk, error)
        return "broken" if _connection_broken(exc) else "retrying"
    _record(email, token, State.SENT, sent_at=timezone.now(), lease_expires_at=None, last_error="")
    return "sent"


def _count_hard_failure(email: OutgoingEmail) -> None:
    failures = OutgoingEmail.objects.filter(recipient_key=email.recipient_key, permanent_failure=True).count()
    if failures >= settings.OUTBOX_HARD_FAILURES and email.to:
        suppress(email.to, "hard_failures", detail=f"{failures} permanent failures")


def deliver_due(*, now=None, limit: int | None = BATCH_SIZE) -> int:
    """Claim and send due emails, one claim at a time, over one connection. Returns how many
    were sent. Safe to run in any number of processes at once."""
    sent = 0
    handled = 0
    conn = get_connection(fail_silently=False)
    try:
        while limit is None or handled < limit:
            at = now or timezone.now()
            ids = list(OutgoingEmail.due(at).order_by("next_attempt_at", "id").values_list("pk", flat=True)[:50])
            if not ids:
                break
            stop = False
            for pk in ids:
                token = _claim(pk, at)
                if token is None:
                    continue  # another sender took it
                email = OutgoingEmail.objects.select_related("subscriber").get(pk=pk)
                outcome = _send_claimed(email, token, conn, at)
                handled += 1
                sent += outcome == "sent"
                if outcome == "broken" or (limit is not None and handled >= limit):
                    stop = True
                    break
                if now is None:
                    at = timezone.now()
            if stop:
                break
    finally:
        try:
            conn.close()
        except Exception:
            pass
    return sent


# Erasure ----------------------------------------------------------------------------------

def forget_recipient(subscriber, reason: str, *, every_email_to_the_address: bool = False) -> int:
    """Erase the address, the bodies and any error text from the emails to this subscriber (and,
    when asked, from every email to their address), keeping only the keyed fingerprint. Those
    not sent yet are cancelled first: a due row without an address must never reach the sender.
    `subscriber` is any object with `pk` and `email` that OutgoingEmail.subscriber points to."""
    rows = OutgoingEmail.objects.filter(subscriber=subscriber)
    if every_email_to_the_address:
        rows = OutgoingEmail.objects.filter(Q(subscriber=subscriber) | Q(recipient_key=address_key(subscriber.email)))
    return _forget(rows, reason)


def forget_address(address: str, reason: str) -> int:
    """forget_recipient for an address with no subscriber behind it (a member's account)."""
    return _forget(OutgoingEmail.objects.filter(recipient_key=address_key(address)), reason)


def _forget(rows, reason: str) -> int:
    move(rows.filter(state__in=OutgoingEmail.DUE_STATES), State.CANCELLED, last_error=reason)
    rows.exclude(state=State.CANCELLED).update(last_error="")
    return rows.update(to="", body_text="", body_html="", headers={}, subscriber=None)


def cancel_waiting(subscriber, reason: str) -> int:
    """Cancel emails to this subscriber that have not gone out yet."""
    return move(OutgoingEmail.objects.filter(subscriber=subscriber, state__in=OutgoingEmail.DUE_STATES),
                State.CANCELLED, last_error=reason)

