"""The outbox: every email Dearly sends is queued here as a row, then delivered by a task.

Using it (any app)
    from dearly.mailing.outbox import queue_email
    queue_email(to="reader@example.com", purpose=f"letter-published:{letter.pk}",
                template="letters/email/published", context={"letter": letter})

    renders `<template>.subject.txt`, `<template>.txt` and `<template>.html` right away (the
    HTML extends "mailing/email/base.html"; .txt and the subject are rendered WITHOUT HTML
    escaping), stores the row, and after the transaction commits enqueues the
    `send_due_emails` task. `purpose` is an idempotency key: one (address, purpose) is one row,
    ever, enforced by a unique constraint, so calling queue_email twice sends one email and
    returns the same row. With `subscriber`, the email carries RFC 8058 List-Unsubscribe
    headers and a footer with an unsubscribe link and the postal address. With
    `forget_address=True` the address is erased from the row once it is finished (sent,
    failed or cancelled); its keyed fingerprint stays, so the purpose still cannot repeat.

In tests
    Tests keep the database task backend of settings.py, so enqueued tasks just wait in their
    table and nothing is sent by itself. Call dearly.mailing.testing.deliver_outbox() to send
    every due email synchronously through exactly the code the task runs; it works with any
    EMAIL_BACKEND (the default mailbox:// one, locmem, or the smtp_server fixture).

Delivery: claims, leases, retries
    deliver_due() claims one row at a time with a conditional UPDATE (due → sending, with a
    random claim token and a lease of OUTBOX_LEASE_SECONDS), so two workers never send the
    same row; it sends, then marks the row sent with a second conditional UPDATE that also
    checks the claim token. A transient failure (SMTP 4xx, refused connection, timeout, an
    ESP's 5xx/429) puts the row back as `retrying` with exponential backoff in
    next_attempt_at; a permanent one (SMTP 5xx, an ESP refusing the recipient) makes it
    `failed`, and OUTBOX_HARD_FAILURES permanent failures for one address suppress it.

    django-tasks has no scheduler and no retries, and a worker killed mid-task leaves that task
    RUNNING forever. So the outbox wakes itself: when it claims a row, and when a run ends with
    rows waiting (a retry not yet due, a lease not yet expired), it enqueues send_due_emails
    with `run_after` at that time (the OutboxWakeUp row makes that one task, not one per
    email). A row left `sending` by a killed worker is reclaimed when its lease runs out by
    that wake-up task, on the next restart of any worker. `manage.py send_outbox` runs the same
    delivery loop without the task backend (for cron, or backends that cannot defer tasks).

The guarantee, and its one window
    No email is lost: a committed row stays due until a send is recorded, across SMTP outages
    and killed workers. No row is ever duplicated: the (address, purpose) constraint. A row is
    sent at most once per claim, and reclaimed only after its lease expired. The one window
    is a process dying after the SMTP server answered 250 and before the row was marked sent
    (one UPDATE, milliseconds): that row is sent again after its lease, under the same
    Message-ID (which large mailbox providers collapse). We prefer that at-least-once
    outcome to losing a confirmation or a guide; the window cannot be closed without the
    receiving server's help.
"""

import logging
import secrets
import smtplib
import socket
from datetime import timedelta
from email.utils import make_msgid, parseaddr

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.validators import validate_email
from django.db import IntegrityError, connection, transaction
from django.db.models import F, Min, Q
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import timezone

from dearly.mailing.models import (
    OutboxWakeUp,
    OutgoingEmail,
    Subscriber,
    Suppression,
    address_key,
    normalize_email,
)

logger = logging.getLogger(__name__)

State = OutgoingEmail.State
ONE_CLICK = "List-Unsubscribe=One-Click"
BATCH_SIZE = 500
MAX_BACKOFF = timedelta(hours=6)


# Queueing ---------------------------------------------------------------------------------

def queue_email(*, to: str, purpose: str, template: str, context: dict,
                subscriber=None, forget_address: bool = False) -> OutgoingEmail:
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

    subject, text, html, headers = render_email(template, context, subscriber=subscriber, to=address)
    # Nobody who left the list is emailed as a subscriber (a new sign-up makes them pending).
    suppressed = is_suppressed(address) or (
        subscriber is not None and subscriber.status == Subscriber.Status.UNSUBSCRIBED)
    try:
        with transaction.atomic():
            email = OutgoingEmail.objects.create(
                to="" if (suppressed and forget_address) else address,
                recipient_key=key,
                purpose=purpose,
                subscriber=subscriber,
                forget_address=forget_address,
                template=template,
                from_email=settings.DEFAULT_FROM_EMAIL,
                subject=subject,
                body_text=text,
                body_html=html,
                headers=headers,
                message_id=headers["Message-ID"],
                state=State.CANCELLED if suppressed else State.QUEUED,
                last_error="The address is suppressed or has unsubscribed." if suppressed else "",
            )
    except IntegrityError:
        return OutgoingEmail.objects.get(recipient_key=key, purpose=purpose)
    if not suppressed:
        _enqueue_after_commit()
    return email


def _start_run():
    from dearly.mailing.tasks import send_due_emails

    send_due_emails.enqueue()


def _enqueue_after_commit():
    """One send_due_emails task per transaction, however many emails it queued."""
    if connection.in_atomic_block and any(f is _start_run for _, f, _ in connection.run_on_commit):
        return
    transaction.on_commit(_start_run)


def is_suppressed(address: str = "", *, key: str = "") -> bool:
    """Whether nothing may be sent to this address (or to the address with this keyed hash)."""
    return Suppression.objects.filter(
        address_key=key or address_key(address), reason__in=Suppression.BLOCKS_SENDING
    ).exists()


# Rendering --------------------------------------------------------------------------------

def _plain(template_name: str, context: dict) -> str:
    """Render a text template without HTML escaping (it is not HTML)."""
    return get_template(template_name).template.render(Context(context, autoescape=False))


def _domain() -> str:
    return parseaddr(settings.DEFAULT_FROM_EMAIL)[1].rpartition("@")[2] or "dearly.invalid"


def render_email(template: str, context: dict, *, subscriber=None, to: str = "") -> tuple[str, str, str, dict]:
    """Subject, text, HTML and headers of one email; subscriber emails get the list footer."""
    from dearly.mailing import tokens

    ctx = {
        "SITE_NAME": settings.SITE_NAME,
        "SITE_URL": settings.SITE_URL,
        "EXPERT_NAME": settings.EXPERT_NAME,
        "POSTAL_ADDRESS": settings.POSTAL_ADDRESS,
        **context,
    }
    headers = {"Message-ID": make_msgid(domain=_domain())}
    if subscriber is not None:
        unsubscribe_url = tokens.absolute(tokens.unsubscribe_path(subscriber))
        ctx["unsubscribe_url"] = unsubscribe_url
        ctx["preferences_url"] = tokens.absolute(tokens.preferences_path(subscriber))
        headers["List-Unsubscribe"] = f"<{unsubscribe_url}>"
        headers["List-Unsubscribe-Post"] = ONE_CLICK
    subject = " ".join(_plain(f"{template}.subject.txt", ctx).split())
    text = _plain(f"{template}.txt", ctx).strip() + "\n"
    if subscriber is not None:
        text += "\n" + _plain("mailing/email/footer.txt", ctx).strip() + "\n"
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
    taken = OutgoingEmail.due(now).filter(pk=pk).update(
        state=State.SENDING, claim=token, lease_expires_at=lease_until, attempts=F("attempts") + 1
    )
    return token if taken == 1 else None


def _finish(email: OutgoingEmail, token: str, **changes) -> bool:
    if email.forget_address and changes.get("state") in (State.SENT, State.FAILED, State.CANCELLED):
        changes["to"] = ""
    done = OutgoingEmail.objects.filter(pk=email.pk, claim=token, state=State.SENDING).update(**changes)
    if not done:
        logger.warning("outbox: lost the lease on email %s before recording it", email.pk)
    return bool(done)


def _should_cancel(email: OutgoingEmail) -> str:
    if not email.to:
        return "The address was erased before it was sent."
    if is_suppressed(key=email.recipient_key):
        return "The address is suppressed."
    if email.subscriber is not None and email.subscriber.status == Subscriber.Status.UNSUBSCRIBED:
        return "The subscriber left before it was sent."
    return ""


def _message(email: OutgoingEmail, conn) -> EmailMultiAlternatives:
    msg = EmailMultiAlternatives(
        subject=email.subject, body=email.body_text, from_email=email.from_email, to=[email.to],
        headers=email.headers, connection=conn,
    )
    msg.attach_alternative(email.body_html, "text/html")
    return msg


def _send_claimed(email: OutgoingEmail, token: str, conn, now) -> str:
    """Send one claimed row and record the outcome: 'sent', 'retrying', 'failed', 'cancelled',
    or 'broken' (retrying, and the server is unreachable: stop this run)."""
    if reason := _should_cancel(email):
        _finish(email, token, state=State.CANCELLED, last_error=reason, lease_expires_at=None)
        return "cancelled"
    if email.attempts > settings.OUTBOX_MAX_ATTEMPTS:
        _finish(email, token, state=State.FAILED, last_error=email.last_error or "Gave up after repeated attempts.",
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
        error = f"{type(exc).__name__}: {exc}"[:2000]
        if kind is Permanent or email.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
            _finish(email, token, state=State.FAILED, last_error=error, lease_expires_at=None,
                    permanent_failure=kind is Permanent)
            logger.warning("outbox: email %s failed: %s", email.pk, error)
            if kind is Permanent:
                _count_hard_failure(email)
            return "failed"
        _finish(email, token, state=State.RETRYING, last_error=error, lease_expires_at=None,
                next_attempt_at=now + backoff(email.attempts))
        logger.info("outbox: email %s will be retried: %s", email.pk, error)
        return "broken" if _connection_broken(exc) else "retrying"
    _finish(email, token, state=State.SENT, sent_at=timezone.now(), lease_expires_at=None, last_error="")
    return "sent"


def _count_hard_failure(email: OutgoingEmail) -> None:
    failures = OutgoingEmail.objects.filter(recipient_key=email.recipient_key, permanent_failure=True).count()
    if failures >= settings.OUTBOX_HARD_FAILURES and email.to:
        from dearly.mailing.services import suppress

        suppress(email.to, Suppression.Reason.HARD_FAILURES, detail=f"{failures} permanent failures")


def deliver_due(*, now=None, limit: int | None = BATCH_SIZE) -> int:
    """Claim and send due emails, one claim at a time, over one connection. Returns how many
    were sent. Safe to run in any number of processes at once."""
    sent = 0
    handled = 0
    wake_scheduled = False
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
                if not wake_scheduled:
                    # Should this process die while holding the lease, a worker wakes then.
                    schedule_wake_up(at + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS + 1))
                    wake_scheduled = True
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
    if limit is not None and handled >= limit and OutgoingEmail.due(now or timezone.now()).exists():
        _start_run()  # more to do: let other tasks run in between
    else:
        schedule_next_run()
    return sent


def schedule_next_run() -> None:
    """Make sure a run is scheduled for the next retry or lease expiry, if any is waiting."""
    waiting = OutgoingEmail.objects.filter(
        Q(state__in=OutgoingEmail.DUE_STATES) | Q(state=State.SENDING)
    ).aggregate(retry=Min("next_attempt_at", filter=Q(state__in=OutgoingEmail.DUE_STATES)),
                lease=Min("lease_expires_at", filter=Q(state=State.SENDING)))
    times = [t for t in (waiting["retry"], waiting["lease"]) if t is not None]
    if times:
        schedule_wake_up(max(min(times), timezone.now()) + timedelta(seconds=1))


def schedule_wake_up(when) -> bool:
    """Enqueue send_due_emails to run at `when`, unless a run is already due by then."""
    from dearly.mailing.tasks import send_due_emails

    if not send_due_emails.get_backend().supports_defer:
        return False  # e.g. the immediate backend: run `manage.py send_outbox` instead
    now = timezone.now()
    with transaction.atomic():
        OutboxWakeUp.objects.get_or_create(pk=1)
        moved = OutboxWakeUp.objects.filter(pk=1).filter(
            Q(due_at__isnull=True) | Q(due_at__lt=now) | Q(due_at__gt=when)
        ).update(due_at=when)
        if moved:
            send_due_emails.using(run_after=when).enqueue()
    return bool(moved)


def forget_recipient(subscriber: Subscriber, reason: str, *, every_email_to_the_address: bool = False) -> int:
    """Erase the address and the bodies from the emails to this subscriber (and, when asked,
    from every email to their address), keeping only the keyed fingerprint. Those not sent
    yet are cancelled first: a due row without an address must never reach the sender."""
    rows = OutgoingEmail.objects.filter(subscriber=subscriber)
    if every_email_to_the_address:
        rows = OutgoingEmail.objects.filter(Q(subscriber=subscriber) | Q(recipient_key=address_key(subscriber.email)))
    rows.filter(state__in=OutgoingEmail.DUE_STATES).update(state=State.CANCELLED, last_error=reason)
    return rows.update(to="", body_text="", body_html="", headers={}, subscriber=None)


def cancel_waiting(subscriber: Subscriber, reason: str) -> int:
    """Cancel emails to this subscriber that have not gone out yet."""
    return OutgoingEmail.objects.filter(subscriber=subscriber, state__in=OutgoingEmail.DUE_STATES).update(
        state=State.CANCELLED, last_error=reason
    )
