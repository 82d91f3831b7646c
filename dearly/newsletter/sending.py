"""Sending broadcasts: the worker's step (dearly.work.loop runs work_step every tick).

Each step starts the scheduled broadcasts that are due, then sends chunks of deliveries for a
couple of seconds, over NEWSLETTER_CONNECTIONS SMTP connections at once (each in a thread with
its own database connection, each claiming its own chunks). While a broadcast is sending, a
worker running its loop also keeps NEWSLETTER_PROCESSES - 1 sender processes forked beside it
(senders.py), which claim and send chunks the same way and exit when nothing is due:

1. Claim a chunk (NEWSLETTER_CHUNK deliveries of broadcasts that are sending): their ids are
   read with `SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL (a plain SELECT on SQLite, whose
   write transactions are serial), and taken by one conditional UPDATE (still due → sending,
   with a random claim token and a lease of OUTBOX_LEASE_SECONDS). Only rows the UPDATE moved
   are this worker's. A worker that dies leaves its chunk `sending`; once the lease has run
   out, any worker takes it again.
2. Just before each group of GROUP deliveries: is the broadcast still sending (pause, cancel)?
   Has anyone in the group left the list, stopped wanting the newsletter, or been suppressed
   since the deliveries were made? Those are skipped, never sent.
3. Send each message over one SMTP connection, reused for the whole chunk (Django's SMTP
   backend's own connection: EMAIL_URL, TLS, login and DKIM as configured; the message is
   assembled from the parts rendered once per broadcast, so per recipient only their links,
   To, Message-ID and Date are new). An ESP with a batch API (dearly.newsletter.batching:
   Mailgun, Mandrill, Postmark through a template stored there) gets the group as one call per
   version of the issue, one EmailMessage to many `to` with anymail's merge_data; any other
   backend (other ESPs, the demo mailbox) gets one Django EmailMessage per call through its
   send_messages().
4. Record each outcome at once, one UPDATE per message (per batch call: one UPDATE for all
   it accepted, then one per refused or failed recipient), guarded by the claim token: sent;
   retrying with backoff (a transient failure: 4xx, refused connection, timeout); failed (a
   permanent refusal, or OUTBOX_MAX_ATTEMPTS used up), keeping the reason without the address.
   OUTBOX_HARD_FAILURES permanent failures of one address (newsletters and other email
   together) suppress it through the email app. When the server as a whole fails, the rest
   of the chunk is put back unsent and waits for the same backoff.
5. A broadcast with nothing left open is marked sent.

Exactly once: a delivery is unique per (broadcast, subscriber); it is claimed by one worker
at a time; its outcome is written before the next message (or batch call) starts. The one
window, as for the outbox, is a worker dying after the server said 250 and before that single
UPDATE: that one message may go again after the lease, with the same Message-ID. After a batch
call the window is as short, but up to GROUP messages are in it. On PostgreSQL those UPDATEs
are committed with synchronous_commit off (the server has them at once, its disk a fraction
of a second later): a killed worker loses nothing, a crash of the database server itself may
forget the last few hundred milliseconds of outcomes, which are then sent again.

Rate limits: with NEWSLETTER_RATE_PER_SECOND, every chunk reserves its time slots in the one
Throttle row under a lock, so the limit holds across all workers and machines; with
NEWSLETTER_RATE_PER_HOUR, a chunk is claimed only while the messages sent in the last hour
plus those being sent stay under it (counted under the same lock).
"""

import binascii
import logging
import re
import secrets
import smtplib
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta
from email.header import Header
from email.utils import format_datetime, parseaddr

from anymail.exceptions import AnymailRecipientsRefused
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.smtp import EmailBackend as SmtpBackend
from django.core.mail.message import sanitize_address
from django.db import InterfaceError, OperationalError, connection, transaction
from django.db.models import F
from django.urls import reverse
from django.utils import timezone

from dearly.email import errors
from dearly.email.backends import DKIMSigningSMTPBackend, sign
from dearly.email.models import OutgoingEmail, Suppression, address_key
from dearly.email.outbox import ONE_CLICK, Permanent, backoff, classify
from dearly.email.suppressions import suppress
from dearly.mailing import tokens
from dearly.mailing.models import Subscriber
from dearly.newsletter import batching, postmark, rendering, services
from dearly.newsletter import senders as processes
from dearly.newsletter.models import Broadcast, Delivery, Throttle, move_broadcast, move_deliveries
from dearly.work.loop import looping

logger = logging.getLogger(__name__)

D = Delivery.State
DATABASE_GONE = (OperationalError, InterfaceError)
STEP_SECONDS = 2.0  # then the loop does its other work (outbox, tasks, chores) and comes back
GROUP = 50  # re-check pause/cancel and unsubscribes this often within a chunk
THROTTLE = "newsletter"


# One step of the worker ---------------------------------------------------------------------

def work_step(now=None) -> int:
    """Start due scheduled broadcasts and send for up to STEP_SECONDS, over
    NEWSLETTER_CONNECTIONS connections at once. Returns how many messages were sent. `now`
    pretends it is that time (tests)."""
    services.start_due(now)
    sending_now = (not connection.in_atomic_block
                   and Broadcast.objects.filter(state=Broadcast.State.SENDING).exists())
    if looping():  # more processes sending while a broadcast goes out (senders.py); none after
        processes.keep(settings.NEWSLETTER_PROCESSES - 1 if sending_now else 0)
    senders = settings.NEWSLETTER_CONNECTIONS
    if senders <= 1 or not sending_now:
        # (Inside a transaction, a test's, other threads' connections would not see its rows.)
        sent = _send_for(STEP_SECONDS, now)
    else:
        # Each message waits on the SMTP server's four answers; more connections, each in a
        # thread with its own database connection (opened for this step, closed after it), send
        # while one waits. Each claims its own chunks, so nothing goes twice, and the rate limits
        # hold across them (the Throttle row).
        with ThreadPoolExecutor(senders - 1, thread_name_prefix="dearly-newsletter") as pool:
            others = [pool.submit(_send_in_thread, STEP_SECONDS, now) for _ in range(senders - 1)]
            sent = _send_for(STEP_SECONDS, now)
            sent += sum(f.result() for f in others)
    tidy(now)
    return sent


def _send_for(seconds: float, now) -> int:
    sent = 0
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        outcome = send_chunk(now=now)
        if outcome is None:
            break
        sent += outcome.sent
        if outcome.server_down:
            break
    return sent


def _send_in_thread(seconds: float, now) -> int:
    try:
        return _send_for(seconds, now)
    finally:
        connection.close()  # this thread's own; the thread ends here


def send_all(*, now=None, max_chunks: int | None = None) -> int:
    """Send every due delivery now, in this process (tests and `manage.py broadcast --here`).
    Returns how many were sent."""
    sent = 0
    services.start_due(now)
    chunks = 0
    while max_chunks is None or chunks < max_chunks:
        outcome = send_chunk(now=now)
        chunks += 1
        if outcome is None:
            break
        sent += outcome.sent
        if outcome.server_down:
            break
    tidy(now)
    return sent


class Outcome:
    def __init__(self):
        self.claimed = self.sent = 0
        self.server_down = False


# Claiming -------------------------------------------------------------------------------------

def _due_ids(broadcast_ids, now, limit) -> list[int]:
    """Ids of deliveries that may be claimed now, each state read along its index."""
    ids: list[int] = []
    queries = [
        Delivery.objects.filter(broadcast_id__in=broadcast_ids, state=D.SENDING, lease_expires_at__lt=now)
        .order_by("lease_expires_at", "id"),
        Delivery.objects.filter(broadcast_id__in=broadcast_ids, state=D.RETRYING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id"),
        Delivery.objects.filter(broadcast_id__in=broadcast_ids, state=D.WAITING, next_attempt_at__lte=now)
        .order_by("next_attempt_at", "id"),
    ]
    for query in queries:
        if len(ids) >= limit:
            break
        if connection.features.has_select_for_update_skip_locked:
            query = query.select_for_update(skip_locked=True, of=("self",))
        ids.extend(query.values_list("pk", flat=True)[:limit - len(ids)])
    return ids


def _hour_budget(now) -> int:
    limit = settings.NEWSLETTER_RATE_PER_HOUR
    used = Delivery.objects.filter(sent_at__gt=now - timedelta(hours=1)).count()
    used += Delivery.objects.filter(state=D.SENDING, lease_expires_at__gte=now).count()
    return max(0, limit - used)


def claim_chunk(now, size: int | None = None) -> tuple[str, list[int], object]:
    """Take up to `size` due deliveries for this worker: (claim token, their ids, the time the
    first may be sent). Empty ids when nothing is due (or the hourly limit is reached)."""
    size = size or settings.NEWSLETTER_CHUNK
    per_second, per_hour = settings.NEWSLETTER_RATE_PER_SECOND, settings.NEWSLETTER_RATE_PER_HOUR
    sending = list(Broadcast.objects.filter(state=Broadcast.State.SENDING).values_list("pk", flat=True))
    if not sending:
        return "", [], now
    token = secrets.token_hex(8)
    start_at = now
    with transaction.atomic():
        throttle = None
        if per_second or per_hour:
            Throttle.objects.bulk_create([Throttle(name=THROTTLE, next_free_at=now)], ignore_conflicts=True)
            throttle = Throttle.objects.select_for_update().get(name=THROTTLE)
        if per_hour:
            size = min(size, _hour_budget(now))
        if per_second:
            size = min(size, per_second)
            start_at = max(throttle.next_free_at, now)
        if size <= 0:
            return "", [], now
        ids = _due_ids(sending, now, size)
        if not ids:
            return "", [], now
        # The lease covers the wait for this chunk's time slots and its sending, then some.
        duration = timedelta(seconds=len(ids) / per_second) if per_second else timedelta(0)
        lease_until = start_at + duration + timedelta(seconds=settings.OUTBOX_LEASE_SECONDS)
        move_deliveries(Delivery.due(now).filter(pk__in=ids), D.SENDING, claim=token,
                        lease_expires_at=lease_until, attempts=F("attempts") + 1)
        taken = list(Delivery.objects.filter(pk__in=ids, claim=token, state=D.SENDING)
                     .order_by("id").values_list("pk", flat=True))
        if per_second and taken:
            Throttle.objects.filter(pk=throttle.pk).update(
                next_free_at=start_at + timedelta(seconds=len(taken) / per_second))
    return token, taken, start_at


# Composing ------------------------------------------------------------------------------------

class Composer:
    """A broadcast's messages, built from its parts rendered once (see rendering.render)."""

    def __init__(self, broadcast: Broadcast):
        self.broadcast = broadcast
        self.from_email = settings.DEFAULT_FROM_EMAIL
        self.domain = parseaddr(self.from_email)[1].rpartition("@")[2] or "dearly.invalid"
        self.list_id = rendering.list_id()
        self.parts = {"full": (broadcast.text_full, broadcast.html_full),
                      "teaser": (broadcast.text_teaser, broadcast.html_teaser)}
        marker = "TOKEN-PLACEHOLDER"
        self.unsubscribe_url = settings.SITE_URL + reverse("mailing:unsubscribe", args=[marker])
        self.preferences_url = settings.SITE_URL + reverse("mailing:preferences", args=[marker])
        self.marker = marker
        # The envelope sender and the headers every recipient's copy shares, encoded once.
        self.envelope_from = sanitize_address(self.from_email, "utf-8")
        subject = broadcast.subject
        if not subject.isascii():
            subject = Header(subject, "utf-8", maxlinelen=76).encode(linesep="\r\n")
        self.boundary = "=_dearly_" + secrets.token_hex(12)  # "=_" never occurs in quoted-printable
        self.shared_head = (
            f"From: {self.envelope_from}\r\n"
            f"Subject: {subject}\r\n"
            f"List-Id: {self.list_id}\r\n"
            f"List-Unsubscribe-Post: {ONE_CLICK}\r\n"
            "MIME-Version: 1.0\r\n"
            f'Content-Type: multipart/alternative; boundary="{self.boundary}"\r\n'
        ).encode()
        self.part_head = {
            kind: (f"--{self.boundary}\r\nContent-Type: text/{kind}; charset=\"utf-8\"\r\n"
                   "Content-Transfer-Encoding: quoted-printable\r\n\r\n").encode()
            for kind in ("plain", "html")
        }
        self.closing = f"--{self.boundary}--\r\n".encode()
        # Both parts of both versions in quoted-printable once, cut where each recipient's
        # links go: per recipient only the links are encoded (about 40 % of the cost of a
        # message was encoding the same 10 KB again for everyone).
        self.encoded = {version: (_qp_template(text), _qp_template(html))
                        for version, (text, html) in self.parts.items()}
        self.stored: dict[str, str | None] = {}  # version → alias of its template at the ESP (None: refused)

    def links(self, subscriber) -> tuple[str, str]:
        unsubscribe, preferences = tokens.subscriber_tokens(
            subscriber, tokens.UNSUBSCRIBE_SALT, tokens.PREFERENCES_SALT)
        return (self.unsubscribe_url.replace(self.marker, unsubscribe),
                self.preferences_url.replace(self.marker, preferences))

    def message_id(self, delivery: Delivery) -> str:
        # The same on every attempt: a copy sent again after a crash is one message to a mailbox.
        return f"<newsletter.{self.broadcast.pk}.{delivery.pk}@{self.domain}>"

    def personal(self, delivery: Delivery) -> tuple[str, str, str]:
        """(text, html, unsubscribe url) of this recipient's copy."""
        unsubscribe, preferences = self.links(delivery.subscriber)
        text, html = self.parts["full" if delivery.full_text else "teaser"]
        return (rendering.personalize(text, unsubscribe_url=unsubscribe, preferences_url=preferences),
                rendering.personalize(html, unsubscribe_url=unsubscribe, preferences_url=preferences),
                unsubscribe)

    def raw(self, delivery: Delivery, to: str) -> bytes:
        """The whole message as bytes for SMTP: the shared head, this recipient's headers, both
        parts in quoted-printable."""
        unsubscribe, preferences = self.links(delivery.subscriber)
        text, html = self.encoded["full" if delivery.full_text else "teaser"]
        links = {rendering.UNSUBSCRIBE: _qp_link(unsubscribe), rendering.PREFERENCES: _qp_link(preferences)}
        head = (f"To: {to}\r\nDate: {_date_now()}\r\nMessage-ID: {self.message_id(delivery)}\r\n"
                f"List-Unsubscribe: <{unsubscribe}>\r\n").encode() + self.shared_head
        return b"".join([
            head, b"\r\n",
            self.part_head["plain"], _qp_fill(text, links), b"\r\n",
            self.part_head["html"], _qp_fill(html, links), b"\r\n",
            self.closing,
        ])

    def email_message(self, delivery: Delivery, to: str, conn) -> EmailMultiAlternatives:
        """The same message as a Django EmailMessage, for any other backend (anymail, mailbox)."""
        text, html, unsubscribe = self.personal(delivery)
        date = format_datetime(timezone.localtime(timezone.now()).replace(microsecond=0))
        message = EmailMultiAlternatives(
            subject=self.broadcast.subject, body=text, from_email=self.from_email, to=[to], connection=conn,
            headers={"Message-ID": self.message_id(delivery), "Date": date, "List-Id": self.list_id,
                     "List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": ONE_CLICK})
        message.attach_alternative(html, "text/html")
        return message

    def template(self, version: str, api: batching.BatchApi) -> tuple[str, str, str, str]:
        """(alias, subject, text, html) of this version as a template stored at the ESP, with
        the ESP's merge fields where each recipient's links go (dearly.newsletter.postmark)."""
        text, html = self.parts[version]
        fields = {"unsubscribe_url": api.field(batching.UNSUBSCRIBE),
                  "preferences_url": api.field(batching.PREFERENCES)}
        subject = postmark.literal(self.broadcast.subject)
        text = rendering.personalize(postmark.literal(text), **fields)
        html = rendering.personalize(postmark.literal(html), **fields)
        return postmark.alias(self.broadcast.pk, version, subject, text, html), subject, text, html

    def store_template(self, version: str, api: batching.BatchApi, backend) -> str | None:
        """The alias of this version's template at the ESP, stored there on first use (once per
        process; another worker storing the same is fine). None when the ESP refused it. Raises
        postmark.TemplateError when the ESP cannot be reached or fails."""
        if version not in self.stored:
            alias, subject, text, html = self.template(version, api)
            try:
                outcome = postmark.create_template(backend, alias, subject, text, html)
            except postmark.TemplateError as exc:
                if _server_down(exc):
                    raise
                logger.error("newsletter: %s refused the template of broadcast %s (%s); its %s version "
                             "goes one message per call", api.esp, self.broadcast.pk, exc, version)
                self.stored[version] = None
            else:
                logger.info("newsletter: %s template %s %s", api.esp, alias, outcome)
                self.stored[version] = alias
        return self.stored[version]

    def batch_message(self, deliveries: list[Delivery], api: batching.BatchApi, conn) -> EmailMultiAlternatives:
        """One EmailMessage for a batch of deliveries of the same version (full or teaser): the
        body holds the ESP's merge fields where each recipient's links go, and merge_data,
        merge_headers and merge_metadata carry what is theirs (see dearly.newsletter.batching).
        With an ESP that personalizes only stored templates (Postmark), the message names the
        template (store_template first) and carries no subject or body of its own."""
        version = "full" if deliveries[0].full_text else "teaser"
        text, html = self.parts[version]
        fields = {"unsubscribe_url": api.field(batching.UNSUBSCRIBE),
                  "preferences_url": api.field(batching.PREFERENCES)}
        headers = {"List-Id": self.list_id}
        if api.per_recipient_headers:
            headers["List-Unsubscribe-Post"] = ONE_CLICK  # its List-Unsubscribe comes per recipient
        to = [d.subscriber.email for d in deliveries]
        if api.stored_template:
            message = EmailMultiAlternatives(subject="", body="", from_email=self.from_email, to=to,
                                             connection=conn, headers=headers)
            message.template_id = self.stored[version]
            message.merge_global_data = postmark.global_data()
            message.esp_extra = {"InlineCss": False}  # Postmark would inline the style blocks otherwise
        else:
            message = EmailMultiAlternatives(
                subject=self.broadcast.subject, body=rendering.personalize(text, **fields),
                from_email=self.from_email, to=to, connection=conn, headers=headers)
            message.attach_alternative(rendering.personalize(html, **fields), "text/html")
        merge_data, merge_headers, merge_metadata = {}, {}, {}
        for delivery in deliveries:
            email = delivery.subscriber.email
            unsubscribe, preferences = self.links(delivery.subscriber)
            merge_data[email] = {api.data_key(batching.UNSUBSCRIBE): unsubscribe,
                                 api.data_key(batching.PREFERENCES): preferences}
            merge_headers[email] = {"List-Unsubscribe": f"<{unsubscribe}>", "Message-ID": self.message_id(delivery)}
            merge_metadata[email] = {"newsletter_delivery": f"{self.broadcast.pk}.{delivery.pk}"}
        message.merge_data = merge_data
        message.merge_metadata = merge_metadata
        if api.per_recipient_headers:
            message.merge_headers = merge_headers
        return message


def _qp(text: str) -> bytes:
    """Quoted-printable with CRLF line ends (lines at most 76 characters, as RFC 2045 asks)."""
    encoded = binascii.b2a_qp(text.replace("\r\n", "\n").encode("utf-8"), istext=True)
    return encoded.replace(b"\n", b"\r\n")


_LINKS = re.compile(f"({re.escape(rendering.UNSUBSCRIBE)}|{re.escape(rendering.PREFERENCES)})")


def _qp_template(text: str) -> list:
    """A part in quoted-printable, cut at its link placeholders: encoded bytes, and between
    them the placeholders' names (see _qp_fill)."""
    pieces = _LINKS.split(text)
    return [piece if i % 2 else _qp(piece) for i, piece in enumerate(pieces) if i % 2 or piece]


_QP_UNIT = re.compile(rb"=[0-9A-F]{2}|.", re.DOTALL)


def _qp_link(url: str) -> bytes:
    """A link in quoted-printable on lines of its own, each ending in a soft line break ("=",
    which decoding removes together with the line end), so it can go anywhere in a part."""
    units = _QP_UNIT.findall(binascii.b2a_qp(url.encode("utf-8")).replace(b"=\n", b""))
    lines, line = [], b""
    for unit in units:
        if len(line) + len(unit) > 75:
            lines.append(line)
            line = b""
        line += unit
    lines.append(line)
    return b"".join(line + b"=\r\n" for line in lines)


def _qp_fill(template: list, links: dict[str, bytes]) -> bytes:
    """The part with each placeholder's link (from _qp_link) in its place, after a soft line
    break: every piece was encoded from the start of a line, so no line grows."""
    return b"".join(piece if isinstance(piece, bytes) else b"=\r\n" + links[piece] for piece in template)


_date = (0, "")


def _date_now() -> str:
    """The Date header, formatted once a second."""
    global _date
    second = int(time.time())
    if _date[0] != second:
        _date = (second, format_datetime(timezone.localtime(timezone.now()).replace(microsecond=0)))
    return _date[1]


class Sender:
    """Sends composed messages over one connection of the configured backend."""

    def __init__(self):
        self.backend = get_connection(fail_silently=False)
        self.smtp = isinstance(self.backend, SmtpBackend)
        self.dkim = isinstance(self.backend, DKIMSigningSMTPBackend) and bool(settings.DKIM_PRIVATE_KEY_FILE)
        self.batch = None if self.smtp else batching.batch_api(self.backend)
        if not self.smtp:
            self.backend.open()  # an ESP's HTTP session, kept alive for the chunk

    def send(self, composer: Composer, delivery: Delivery, to: str) -> None:
        if self.smtp:
            self.backend.open()  # once; again after a broken connection was closed
            recipient = to if to.isascii() else sanitize_address(to, "utf-8")
            raw = composer.raw(delivery, recipient)
            if self.dkim:
                raw = sign(raw)
            self.backend.connection.sendmail(composer.envelope_from, [recipient], raw)
        else:
            self.backend.send_messages([composer.email_message(delivery, to, self.backend)])

    def send_batch(self, message) -> tuple[dict, dict]:
        """Send one batch message: ({address (lower case): anymail's status for it}, {address:
        why the ESP refused it, where it says}). Raises for a failure of the call as a whole."""
        try:
            self.backend.send_messages([message])
        except AnymailRecipientsRefused:
            pass  # every recipient refused: their statuses say so, one by one
        statuses = {address.lower(): status for address, status in message.anymail_status.recipients.items()}
        return statuses, batching.refusal_reasons(message)

    def reset(self) -> None:
        try:
            self.backend.close()
        except Exception:  # a broken connection may fail to close; it is dropped either way
            pass
        if self.smtp:
            self.backend.connection = None

    close = reset


def _server_down(exc: Exception) -> bool:
    """Failures of the server as a whole, not of one recipient: stop, and put the rest back."""
    status = getattr(exc, "status_code", None)
    if status is not None:
        # An ESP answered (anymail's HTTP errors are OSErrors too, through requests). Its own
        # trouble (5xx), its rate limit (429) and a key or sender domain it does not know (401,
        # 403, 404) are not the recipient's doing: nothing else would go either, and no reader
        # must be counted as refused for them.
        return status >= 500 or status in (401, 403, 404, 408, 429)
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return any(code == 421 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return exc.smtp_code == 421 or not (500 <= exc.smtp_code < 600 or 400 <= exc.smtp_code < 500)
    return isinstance(exc, OSError | smtplib.SMTPServerDisconnected | smtplib.SMTPConnectError) or (
        not isinstance(exc, smtplib.SMTPException) and classify(exc) is not Permanent)


# Recording ------------------------------------------------------------------------------------

def _record(delivery_ids, token: str, target, **changes) -> int:
    """Write the outcome of claimed deliveries (only while this worker holds the claim). When the
    database goes away for a moment, retry, reconnecting, for up to half the lease: an outcome
    the SMTP server has seen must not be lost, or it would be sent again after the lease."""
    give_up = time.monotonic() + settings.OUTBOX_LEASE_SECONDS / 2
    pause = 0.1
    while True:
        try:
            if len(delivery_ids) == 1 and not any(hasattr(v, "resolve_expression") for v in changes.values()):
                return move_deliveries((delivery_ids[0], token), target, **changes)
            return move_deliveries(Delivery.objects.filter(pk__in=delivery_ids, claim=token, state=D.SENDING),
                                   target, **changes)
        except DATABASE_GONE:
            if time.monotonic() + pause > give_up:
                raise
            logger.warning("newsletter: the database went away before an outcome was recorded; retrying")
            try:
                connection.close()
            except Exception:
                pass
            time.sleep(pause)
            pause = min(pause * 2, 2.0)


def _fast_commits(on: bool) -> None:
    """On PostgreSQL, commit outcomes without waiting for the disk (see the module)."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET synchronous_commit TO off" if on else "RESET synchronous_commit")


def _reasons_to_skip(group: list[Delivery]) -> dict[int, str]:
    """Deliveries of this group that must not go, and why: their subscriber left, stopped
    wanting the newsletter, was deleted, or their address was suppressed since."""
    ids = [d.subscriber_id for d in group if d.subscriber_id]
    current = {pk: (status, wants, email) for pk, status, wants, email in
               Subscriber.objects.filter(pk__in=ids).values_list("pk", "status", "wants_newsletter", "email")}
    keys = {address_key(email): pk for pk, (_, _, email) in current.items()}
    suppressed = set(Suppression.objects.filter(address_key__in=list(keys), reason__in=Suppression.BLOCKS_SENDING)
                     .values_list("address_key", flat=True))
    suppressed_people = {keys[key] for key in suppressed}
    reasons = {}
    for d in group:
        person = current.get(d.subscriber_id)
        if person is None:
            reasons[d.pk] = "The subscriber was deleted before it was sent."
        elif person[0] != Subscriber.Status.SUBSCRIBED:
            reasons[d.pk] = "The subscriber left before it was sent."
        elif not person[1]:
            reasons[d.pk] = "The subscriber stopped wanting the newsletter before it was sent."
        elif d.subscriber_id in suppressed_people:
            reasons[d.pk] = "The address is suppressed."
        else:
            d.subscriber.email = person[2]  # the address as it is now
    return reasons


def _count_hard_failure(delivery: Delivery) -> None:
    """A permanent refusal: with OUTBOX_HARD_FAILURES of them for this address (newsletters and
    other email together), the email app suppresses it (and the list unsubscribes the person)."""
    email = delivery.subscriber.email
    failures = (Delivery.objects.filter(subscriber_id=delivery.subscriber_id, permanent_failure=True).count()
                + OutgoingEmail.objects.filter(recipient_key=address_key(email), permanent_failure=True).count())
    if failures >= settings.OUTBOX_HARD_FAILURES:
        suppress(email, Suppression.Reason.HARD_FAILURES, detail=f"{failures} permanent failures")


# Sending a chunk ------------------------------------------------------------------------------

_composers: dict[tuple[int, object], Composer] = {}


def _composer(broadcast_id: int) -> Composer:
    broadcast = Broadcast.objects.get(pk=broadcast_id)
    key = (broadcast_id, broadcast.started_at)
    if key not in _composers:
        if len(_composers) > 8:
            _composers.clear()
        _composers[key] = Composer(broadcast)
    return _composers[key]


def send_chunk(*, now=None) -> Outcome | None:
    """Claim one chunk and send it (see the module). None when nothing was due."""
    at = now or timezone.now()
    token, ids, start_at = claim_chunk(at)
    if not ids:
        return None
    outcome = Outcome()
    outcome.claimed = len(ids)
    deliveries = list(Delivery.objects.filter(pk__in=ids, claim=token).select_related("subscriber").order_by("id"))
    composers = {pk: _composer(pk) for pk in {d.broadcast_id for d in deliveries}}
    per_second = settings.NEWSLETTER_RATE_PER_SECOND
    stopped: set[int] = set()
    sender = Sender()
    _fast_commits(True)
    try:
        index = 0
        for start in range(0, len(deliveries), GROUP):
            group = deliveries[start:start + GROUP]
            stopped |= _stopped_broadcasts(group, token)
            group = [d for d in group if d.broadcast_id not in stopped]
            reasons = _reasons_to_skip(group)
            for reason in set(reasons.values()):
                _record([pk for pk, r in reasons.items() if r == reason], token, D.SKIPPED, last_error=reason,
                        lease_expires_at=None)
            group = [d for d in group if d.pk not in reasons]
            if sender.batch:
                for batch in _batches(group, sender.batch.limit):
                    if per_second:  # the call goes when the slot of its last message has come
                        _wait_until(start_at + timedelta(seconds=(index + len(batch) - 1) / per_second), now)
                    index += len(batch)
                    sent, down = _send_batch(sender, composers[batch[0].broadcast_id], batch, token,
                                             at if now else timezone.now())
                    outcome.sent += sent
                    if down:
                        outcome.server_down = True
                        _put_back(deliveries, token, at, max(d.attempts for d in batch))
                        return outcome
                continue
            for delivery in group:
                if per_second:
                    _wait_until(start_at + timedelta(seconds=index / per_second), now)
                index += 1
                result = _send_one(sender, composers[delivery.broadcast_id], delivery, token,
                                   at if now else timezone.now())
                if result == "sent":
                    outcome.sent += 1
                elif result == "down":
                    outcome.server_down = True
                    _put_back(deliveries, token, at, delivery.attempts)
                    return outcome
    finally:
        sender.close()
        _fast_commits(False)
    return outcome


def _stopped_broadcasts(group, token) -> set[int]:
    """Broadcasts of this group paused or cancelled meanwhile: this worker's deliveries of them
    go back to waiting (paused) or are cancelled. Returns their ids."""
    broadcast_ids = {d.broadcast_id for d in group}
    states = dict(Broadcast.objects.filter(pk__in=broadcast_ids).values_list("pk", "state"))
    stopped = {pk for pk, state in states.items() if state != Broadcast.State.SENDING}
    for broadcast_id in stopped:
        mine = Delivery.objects.filter(broadcast_id=broadcast_id, claim=token, state=D.SENDING)
        if states[broadcast_id] == Broadcast.State.CANCELLED:
            move_deliveries(mine, D.CANCELLED, last_error="The issue was cancelled.", lease_expires_at=None)
        else:
            move_deliveries(mine, D.WAITING, lease_expires_at=None, attempts=F("attempts") - 1)
    return stopped


def _put_back(deliveries, token: str, at, attempts: int) -> None:
    """The server went away: the chunk's untried deliveries (those still `sending`: every
    outcome so far is recorded) wait with the backoff of the failed one's `attempts`."""
    _record([d.pk for d in deliveries], token, D.WAITING, lease_expires_at=None, attempts=F("attempts") - 1,
            next_attempt_at=at + backoff(attempts))


def _batches(group: list[Delivery], limit: int) -> list[list[Delivery]]:
    """The group cut into batch calls: one per broadcast and version (full or teaser), in
    order, at most `limit` each, never one address twice in a call (its merge data is keyed by
    address)."""
    batches: dict[tuple, list[list[Delivery]]] = {}
    for delivery in group:
        calls = batches.setdefault((delivery.broadcast_id, delivery.full_text), [[]])
        address = delivery.subscriber.email.lower()
        if len(calls[-1]) >= limit or any(d.subscriber.email.lower() == address for d in calls[-1]):
            calls.append([])
        calls[-1].append(delivery)
    return [call for calls in batches.values() for call in calls]


def _wait_until(moment, pretend_now) -> None:
    if pretend_now is not None:
        return  # tests pretending a time do not sleep
    delay = (moment - timezone.now()).total_seconds()
    if delay > 0:
        time.sleep(delay)


def _send_one(sender: Sender, composer: Composer, delivery: Delivery, token: str, now) -> str:
    """Send one claimed delivery and record its outcome: 'sent', 'retrying', 'failed' or
    'down' (retrying, and the server is unreachable: stop this chunk)."""
    if delivery.attempts > settings.OUTBOX_MAX_ATTEMPTS:
        _record([delivery.pk], token, D.FAILED, lease_expires_at=None,
                last_error=delivery.last_error or "Gave up after repeated attempts.")
        return "failed"
    try:
        sender.send(composer, delivery, delivery.subscriber.email)
    except Exception as exc:
        kind = classify(exc)
        down = _server_down(exc)
        if down:
            sender.reset()
        error = errors.describe(exc)[:500]
        if kind is Permanent and not down:
            _fail_for_good(delivery, token, error)
            return "failed"
        result = _retry_later(delivery, token, error, now)
        return "down" if down else result
    _record([delivery.pk], token, D.SENT, sent_at=now, lease_expires_at=None, last_error="")
    return "sent"


def _fail_for_good(delivery: Delivery, token: str, error: str) -> None:
    """A permanent refusal of this recipient: failed, and counted toward suppressing them."""
    _record([delivery.pk], token, D.FAILED, last_error=error, lease_expires_at=None, permanent_failure=True)
    logger.warning("newsletter: delivery %s failed: %s", delivery.pk, error)
    _count_hard_failure(delivery)


def _retry_later(delivery: Delivery, token: str, error: str, now) -> str:
    """A transient failure: 'retrying' with backoff, or 'failed' once the attempts are used up."""
    if delivery.attempts >= settings.OUTBOX_MAX_ATTEMPTS:
        _record([delivery.pk], token, D.FAILED, last_error=error, lease_expires_at=None)
        return "failed"
    _record([delivery.pk], token, D.RETRYING, last_error=error, lease_expires_at=None,
            next_attempt_at=now + backoff(delivery.attempts))
    logger.info("newsletter: delivery %s will be retried: %s", delivery.pk, error)
    return "retrying"


def _send_batch(sender: Sender, composer: Composer, batch: list[Delivery], token: str, now,
                again: bool = False) -> tuple[int, bool]:
    """Send claimed deliveries as one batch call to the ESP and record each outcome as soon
    as it returns. Returns (how many were sent, whether the ESP is unreachable: stop the chunk).

    Per recipient: accepted → sent; rejected or invalid → failed for good (counted toward
    suppression); failed, unknown or missing → retried with backoff. A failure of the call as
    a whole: a refusal of the request (400, 422…: nothing was sent) sends the batch again one
    message per call, so that whatever was refused fails alone; anything else (no answer, 5xx,
    429, a key the ESP does not know) retries every delivery of the batch with backoff, and
    when the ESP is down (see _server_down) the chunk stops."""
    spent = [d for d in batch if d.attempts > settings.OUTBOX_MAX_ATTEMPTS]
    for delivery in spent:
        _record([delivery.pk], token, D.FAILED, lease_expires_at=None,
                last_error=delivery.last_error or "Gave up after repeated attempts.")
    batch = [d for d in batch if d.attempts <= settings.OUTBOX_MAX_ATTEMPTS]
    if len(batch) <= 1:
        results = [_send_one(sender, composer, d, token, now) for d in batch]
        return results.count("sent"), "down" in results
    esp = sender.batch.esp
    version = "full" if batch[0].full_text else "teaser"
    if sender.batch.stored_template:
        try:
            stored = composer.store_template(version, sender.batch, sender.backend)
        except postmark.TemplateError as exc:
            # Nothing was sent: the whole chunk, this batch with it, waits and is counted against no one.
            logger.warning("newsletter: %s: %s", esp, exc)
            return 0, True
        if stored is None:
            return _one_by_one(sender, composer, batch, token, now)
    try:
        statuses, reasons = sender.send_batch(composer.batch_message(batch, sender.batch, sender.backend))
    except Exception as exc:
        if sender.batch.stored_template and (answers := postmark.batch_answers(exc, len(batch))) and any(
                a.get("ErrorCode") == 0 for a in answers):
            # Some messages went: record each from Postmark's own answer, never send them again.
            statuses = {d.subscriber.email.lower(): postmark.status(a) for d, a in zip(batch, answers, strict=True)}
            return _record_statuses(batch, statuses, {}, esp, token, now), False
        if sender.batch.stored_template and not again and postmark.template_missing(exc):
            # Deleted since this process stored it (a sent broadcast retrying its failures):
            # nothing was sent; store it again and send once more.
            logger.warning("newsletter: %s no longer has the template of broadcast %s; storing it again",
                           esp, composer.broadcast.pk)
            composer.stored.pop(version, None)
            return _send_batch(sender, composer, batch, token, now, again=True)
        down = _server_down(exc)
        if classify(exc) is Permanent and not down:
            logger.info("newsletter: %s refused a batch call (%s); sending its %d messages one by one",
                        esp, errors.describe(exc), len(batch))
            return _one_by_one(sender, composer, batch, token, now)
        if down:
            sender.reset()
        error = errors.describe(exc)[:500]
        for delivery in batch:
            _retry_later(delivery, token, error, now)
        return 0, down
    return _record_statuses(batch, {address: status.status for address, status in statuses.items()}, reasons,
                            esp, token, now), False


def _record_statuses(batch: list[Delivery], statuses: dict[str, str | None], reasons: dict[str, str], esp: str,
                     token: str, now) -> int:
    """Record a batch call's outcome per recipient ({address (lower case): status}): accepted
    ones sent, refused ones failed for good, any other status (or none) tried again with backoff.
    Returns how many were sent."""
    # First the one UPDATE that matters most: everyone the ESP accepted.
    accepted = [d for d in batch if statuses.get(d.subscriber.email.lower()) in batching.ACCEPTED]
    if accepted:
        _record([d.pk for d in accepted], token, D.SENT, sent_at=now, lease_expires_at=None, last_error="")
    for delivery in batch:
        status = statuses.get(delivery.subscriber.email.lower())
        if status in batching.ACCEPTED:
            continue
        if status in batching.REFUSED:
            reason = reasons.get(delivery.subscriber.email.lower())
            _fail_for_good(delivery, token, f"{esp}: the recipient was {status}" + (f" ({reason})" if reason else ""))
        else:
            _retry_later(delivery, token, f"{esp}: {status or 'no status'} for this recipient", now)
    return len(accepted)


def _one_by_one(sender: Sender, composer: Composer, batch: list[Delivery], token: str, now) -> tuple[int, bool]:
    sent = 0
    for delivery in batch:
        result = _send_one(sender, composer, delivery, token, now)
        sent += result == "sent"
        if result == "down":
            return sent, True
    return sent, False


# After the chunks -----------------------------------------------------------------------------

def tidy(now=None) -> list[int]:
    """Finish what a step leaves: broadcasts with nothing open are marked sent; deliveries a dead
    worker left `sending` in a paused or cancelled broadcast go back or are cancelled once their
    lease ran out. Returns the ids of broadcasts finished."""
    now = now or timezone.now()
    finished = []
    for broadcast in Broadcast.objects.filter(state=Broadcast.State.SENDING):
        if not Delivery.objects.filter(broadcast=broadcast, state__in=Delivery.OPEN_STATES).exists():
            if move_broadcast(broadcast, Broadcast.State.SENT, only_from=[Broadcast.State.SENDING], finished_at=now):
                finished.append(broadcast.pk)
    if finished:
        _forget_templates(finished)
    stale = Delivery.objects.filter(state=D.SENDING, lease_expires_at__lt=now)
    if not stale.exclude(broadcast__state=Broadcast.State.SENDING).exists():
        return finished  # a read, so that an idle worker writes nothing each second
    move_deliveries(stale.filter(broadcast__state=Broadcast.State.CANCELLED), D.CANCELLED,
                    last_error="The issue was cancelled.", lease_expires_at=None)
    move_deliveries(stale.filter(broadcast__state=Broadcast.State.PAUSED), D.WAITING, lease_expires_at=None,
                    attempts=F("attempts") - 1)
    return finished


def forget_finished_templates(now=None) -> int:
    """The chore: templates at the ESP of broadcasts sent or cancelled in the last two days are
    deleted (again: a deletion that failed, or a cancelled broadcast's, which tidy() leaves).
    Returns how many broadcasts were looked at."""
    now = now or timezone.now()
    ids = list(Broadcast.objects.filter(state__in=[Broadcast.State.SENT, Broadcast.State.CANCELLED],
                                        finished_at__gte=now - timedelta(days=2)).values_list("pk", flat=True))
    if ids:
        _forget_templates(ids)
    return len(ids)


def _forget_templates(broadcast_ids: list[int]) -> None:
    """These finished broadcasts' templates stored at the ESP (Postmark, which keeps at most 100
    a server) are deleted: both versions' aliases, whether or not a batch made them."""
    backend = get_connection(fail_silently=False)
    api = None if isinstance(backend, SmtpBackend) else batching.batch_api(backend)
    if not api or not api.stored_template:
        return
    for broadcast in Broadcast.objects.filter(pk__in=broadcast_ids):
        for key in [key for key in _composers if key[0] == broadcast.pk]:
            del _composers[key]  # it knows them as stored
        composer = Composer(broadcast)
        for version in composer.parts:
            alias = composer.template(version, api)[0]
            if not postmark.delete_template(backend, alias):
                logger.warning("newsletter: %s kept the template %s; delete it by hand", api.esp, alias)
