"""Every change to the mailing list happens here: views, commands, tasks and tests call these.

Sign-up is double opt-in: sign_up() records the request and emails a confirmation link;
confirm_subscription() is called only from a POST; unsubscribe() works at once; suppress()
stops all email to an address for good. Each step appends to the ConsentRecord history.
"""

import csv
import io
import json
import re
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from dearly.email import suppressions
from dearly.mailing import outbox, tokens
from dearly.mailing.models import (
    ConsentRecord,
    ConsentWording,
    Guide,
    GuideDownload,
    OptInForm,
    OutgoingEmail,
    SignUp,
    Subscriber,
    SubscriberImport,
    Suppression,
    address_key,
    normalize_email,
)

Event = ConsentRecord.Event
Status = Subscriber.Status


class ConfirmationError(Exception):
    pass


class AlreadyConfirmed(ConfirmationError):
    pass


class SignUpExpired(ConfirmationError):
    pass


def clean_email(address: str) -> str:
    """The normalized address, or ValueError with a message a reader can act on."""
    address = normalize_email(address)
    if not address:
        raise ValueError("Please enter your email address.")
    try:
        validate_email(address)
    except ValidationError:
        raise ValueError("That doesn't look like an email address. Please check it.") from None
    return address


def _record(subscriber: Subscriber, event: str, *, form=None, wording=None, detail: str = "", at=None):
    return ConsentRecord.objects.create(
        subscriber=subscriber,
        event=event,
        email=subscriber.email,
        form=form,
        form_name=form.name if form else "",
        wording_text=wording.text if wording else "",
        wording_version=wording.version if wording else None,
        detail=detail[:300],
        created_at=at or timezone.now(),
    )


# Joining ----------------------------------------------------------------------------------

@transaction.atomic
def sign_up(*, email: str, form: OptInForm, name: str = "", wording_version: int | None = None,
            detail: str = "") -> None:
    """A reader asked to join through `form`, having seen its wording `wording_version`.

    Whatever the address (new, waiting, subscribed, unsubscribed, suppressed), the same work
    is done in the same statements, and the reader is shown the same page: neither the answer
    nor the time it takes tells a stranger what we know about the address. Every request
    becomes a SignUp and a confirmation email; a subscriber asking for a guide confirms once
    more and has it at once on the confirmation page. The outbox itself refuses to send to a
    suppressed address (its row is cancelled), and an address that never confirms is
    forgotten after SIGNUP_EXPIRY_DAYS.

    The confirmation email names nobody: `name` is kept for greetings only once the address
    has been confirmed (see greeting_name)."""
    address = clean_email(email)
    name = " ".join(name.split())[:120]
    wording = None
    if wording_version is not None:
        wording = form.wordings.filter(version=wording_version).first()
    wording = wording or form.current_wording()
    # One statement shape for every address: insert if new (a concurrent twin is ignored),
    # then the same conditional updates, then read the row back.
    Subscriber.objects.bulk_create(
        [Subscriber(email=address, name=name, source=f"Form: {form.name}"[:200])], ignore_conflicts=True)
    # They left once and ask again: pending until they confirm, like anyone new.
    Subscriber.objects.filter(email=address, status=Status.UNSUBSCRIBED).update(status=Status.PENDING)
    Subscriber.objects.filter(email=address, name="", confirmed_at__isnull=True).update(name=name)
    subscriber = Subscriber.objects.get(email=address)
    guide = form.guide
    now = timezone.now()
    signup = SignUp.objects.create(
        subscriber=subscriber, form=form, guide=guide, wording=wording,
        expires_at=now + timedelta(days=settings.SIGNUP_EXPIRY_DAYS),
    )
    asked_for_guide = subscriber.is_subscribed and guide is not None
    _record(subscriber, Event.GUIDE_REQUESTED if asked_for_guide else Event.REQUESTED, form=form, wording=wording,
            detail=detail or (f"Guide: {guide.title}" if asked_for_guide else "Sign-up form"), at=now)
    outbox.queue_email(
        to=address,
        purpose=f"confirm:{signup.pk}",
        template="mailing/email/confirm",
        context={
            "guide": guide,
            "confirm_url": tokens.absolute(tokens.confirm_path(signup)),
            "expiry_days": settings.SIGNUP_EXPIRY_DAYS,
        },
        subscriber=subscriber,
    )


# Letters, digits, @, slashes and the like have no place in a first name; a name that holds
# them ("Your account is locked, call …") is not used to greet anyone.
_GREETABLE = re.compile(r"[^\W\d_]+(?:[ '’.-]{1,2}[^\W\d_]+)*\.?")
GREETING_NAME_MAX = 40


def greeting_name(name: str) -> str:
    """The name to greet a confirmed subscriber by, or "" when it does not look like a name.

    Only for email to an address its owner has confirmed, and escaped like any text there."""
    name = " ".join((name or "").split())
    if len(name) > GREETING_NAME_MAX or len(name.split()) > 3 or not _GREETABLE.fullmatch(name):
        return ""
    return name


def signup_for_token(token: str) -> SignUp:
    """The sign-up a confirmation link names. Raises tokens.BadToken / tokens.ExpiredToken."""
    signup_id, nonce = tokens.read_confirm(token)
    signup = SignUp.objects.select_related("subscriber", "guide", "form").filter(pk=signup_id).first()
    if signup is None or not isinstance(nonce, str) or signup.nonce != nonce:
        raise tokens.BadToken
    return signup


@transaction.atomic
def confirm_subscription(signup: SignUp, *, now=None) -> SignUp:
    """The person clicked the button in their confirmation email. Single use: the state
    change is a conditional update, so a replayed or late link raises instead."""
    now = now or timezone.now()
    taken = SignUp.objects.filter(pk=signup.pk, state=SignUp.State.PENDING, expires_at__gt=now).update(
        state=SignUp.State.CONFIRMED, confirmed_at=now
    )
    signup.refresh_from_db()
    if not taken:
        if signup.state == SignUp.State.CONFIRMED:
            raise AlreadyConfirmed
        raise SignUpExpired
    subscriber = Subscriber.objects.select_for_update().get(pk=signup.subscriber_id)
    if not subscriber.is_subscribed:
        subscriber.status = Status.SUBSCRIBED
        subscriber.confirmed_at = now
        subscriber.unsubscribed_at = None
        subscriber.wants_newsletter = True
        subscriber.save(update_fields=["status", "confirmed_at", "unsubscribed_at", "wants_newsletter"])
        # A fresh, proven request from the person lifts an earlier erasure's import block.
        Suppression.objects.filter(address_key=address_key(subscriber.email), reason=Suppression.Reason.ERASED).delete()
    _record(subscriber, Event.CONFIRMED, form=signup.form, wording=signup.wording,
            detail="Clicked the button on the confirmation page", at=now)
    if signup.guide is not None:
        send_guide(subscriber, signup.guide)
    signup.subscriber = subscriber
    return signup


def send_guide(subscriber: Subscriber, guide: Guide) -> OutgoingEmail:
    """Email the guide's download link: once per guide, and at most once a day on request again."""
    purpose = f"guide:{guide.pk}"
    if OutgoingEmail.objects.filter(recipient_key=address_key(subscriber.email), purpose=purpose).exists():
        purpose = f"guide:{guide.pk}:{timezone.localdate().isoformat()}"
    return outbox.queue_email(
        to=subscriber.email,
        purpose=purpose,
        template="mailing/email/guide",
        context={
            "name": greeting_name(subscriber.name),
            "guide": guide,
            "download_url": tokens.absolute(tokens.download_path(guide, subscriber)),
            "link_days": settings.GUIDE_LINK_DAYS,
        },
        subscriber=subscriber,
    )


def record_download(guide: Guide, subscriber: Subscriber) -> GuideDownload:
    return GuideDownload.objects.create(guide=guide, subscriber=subscriber)


# Leaving ----------------------------------------------------------------------------------

@transaction.atomic
def unsubscribe(subscriber: Subscriber, *, detail: str = "") -> bool:
    """Leave the list now. Idempotent: True when this call changed anything."""
    now = timezone.now()
    changed = Subscriber.objects.filter(pk=subscriber.pk).exclude(status=Status.UNSUBSCRIBED).update(
        status=Status.UNSUBSCRIBED, unsubscribed_at=now, wants_newsletter=False
    )
    subscriber.refresh_from_db()
    if changed:
        _record(subscriber, Event.WITHDRAWN, detail=detail or "Unsubscribed", at=now)
        SignUp.objects.filter(subscriber=subscriber, state=SignUp.State.PENDING).update(state=SignUp.State.EXPIRED)
        outbox.cancel_waiting(subscriber, "The subscriber left before it was sent.")
    return bool(changed)


def suppress(email: str, reason: str, *, detail: str = "") -> Suppression:
    """Never email this address again (bounce, complaint, repeated failures, the desk). The
    email app keeps the list and cancels what waits; its signal unsubscribes the person here
    (on_address_suppressed)."""
    return suppressions.suppress(email, reason, detail=detail)


def on_address_suppressed(sender, *, address: str, reason: str, detail: str = "", **kwargs) -> None:
    """The email app suppressed an address: whoever had it leaves the list."""
    if subscriber := Subscriber.objects.filter(email=normalize_email(address)).first():
        unsubscribe(subscriber, detail=f"Suppressed: {Suppression.Reason(reason).label}. {detail}".strip())


def on_unsubscribe_requested(sender, *, address: str, detail: str = "", **kwargs) -> None:
    """The ESP says the person unsubscribed through it."""
    if subscriber := Subscriber.objects.filter(email=normalize_email(address)).first():
        unsubscribe(subscriber, detail=detail)


def reason_not_to_send(email) -> str:
    """The outbox asks before it queues or sends a list email: has the subscriber left?"""
    if email.subscriber_id is not None and email.subscriber.status == Status.UNSUBSCRIBED:
        return "The subscriber left before it was sent."
    return ""


# Preferences and personal data -------------------------------------------------------------

PREFERENCES_WORDING = "Send me the newsletter: new answers and practical ideas, about twice a month."


@transaction.atomic
def update_preferences(subscriber: Subscriber, *, wants_newsletter: bool, topics=()) -> Subscriber:
    """Save what the subscriber chose on their preferences page (reached from their inbox).

    Only someone who once confirmed may rejoin from here: the page's link is also in the
    confirmation email itself, and ticking a box there is not double opt-in."""
    subscriber = Subscriber.objects.select_for_update().get(pk=subscriber.pk)
    if outbox.is_suppressed(subscriber.email) or subscriber.confirmed_at is None:
        wants_newsletter = False
    rejoined = wants_newsletter and not subscriber.is_subscribed
    subscriber.wants_newsletter = wants_newsletter
    if rejoined:
        subscriber.status = Status.SUBSCRIBED
        subscriber.unsubscribed_at = None
    subscriber.save()
    subscriber.topics.set(topics)
    names = ", ".join(t.name for t in subscriber.topics.all()) or "none"
    detail = f"Newsletter: {'yes' if wants_newsletter else 'no'}. Topics: {names}."
    if rejoined:
        detail = "Rejoined from the preferences page. " + detail
    ConsentRecord.objects.create(
        subscriber=subscriber, event=Event.PREFERENCES, email=subscriber.email,
        wording_text=PREFERENCES_WORDING, detail=detail[:300],
    )
    return subscriber


def subscriber_data(subscriber: Subscriber) -> dict:
    """Everything Dearly keeps about a subscriber, for them to take away."""
    return {
        "email": subscriber.email,
        "name": subscriber.name,
        "status": subscriber.status,
        "newsletter": subscriber.wants_newsletter,
        "topics": [t.name for t in subscriber.topics.all()],
        "source": subscriber.source,
        "joined_at": subscriber.created_at.isoformat(),
        "confirmed_at": subscriber.confirmed_at.isoformat() if subscriber.confirmed_at else None,
        "unsubscribed_at": subscriber.unsubscribed_at.isoformat() if subscriber.unsubscribed_at else None,
        "consent_records": [
            {
                "at": r.created_at.isoformat(), "event": r.event, "email": r.email, "form": r.form_name,
                "wording": r.wording_text, "wording_version": r.wording_version, "detail": r.detail,
            }
            for r in subscriber.consent_records.all()
        ],
        "downloads": [
            {"guide": d.guide.title, "at": d.downloaded_at.isoformat()}
            for d in subscriber.downloads.select_related("guide")
        ],
        "emails": [
            {"subject": e.subject, "purpose": e.purpose, "state": e.state,
             "sent_at": e.sent_at.isoformat() if e.sent_at else None}
            for e in subscriber.emails.order_by("created_at")
        ],
    }


def send_personal_data_link(subscriber: Subscriber, action: str) -> OutgoingEmail:
    """Email the subscriber a link, good for an hour, that exports ("export") or deletes
    ("erase") their data. Clicking again within the same quarter hour sends nothing more."""
    bucket = int(timezone.now().timestamp() // 900)
    # Not as a list email (no `subscriber=`): people who left may still ask for their data.
    return outbox.queue_email(
        to=subscriber.email,
        purpose=f"personal-data:{action}:{subscriber.pk}:{bucket}",
        template="mailing/email/personal_data",
        context={
            "action": action,
            "url": tokens.absolute(tokens.personal_data_path(subscriber, action)),
            "link_minutes": tokens.PERSONAL_DATA_LINK_SECONDS // 60,
        },
    )


@transaction.atomic
def erase_subscriber(subscriber: Subscriber) -> None:
    """Delete a subscriber and what we sent them. A keyed fingerprint of the address stays on
    the suppression list so that no import adds them back; their own new sign-up still can."""
    key = address_key(subscriber.email)
    suppression = Suppression.objects.filter(address_key=key).first()
    if suppression is None:
        Suppression.objects.create(address_key=key, reason=Suppression.Reason.ERASED,
                                   detail="Deleted at their request")
    else:
        suppression.email = ""
        suppression.save(update_fields=["email"])
    outbox.forget_recipient(subscriber, "The subscriber was deleted.", every_email_to_the_address=True)
    forget_in_imports(subscriber.email)
    subscriber.delete()


def _blank_rows_with(content: str, address: str) -> str:
    """The CSV text with every row that mentions `address` made blank. The row's lines stay
    (empty), so that the other rows keep the line numbers the desk reported them by."""
    lines = content.splitlines(keepends=True)
    reader = csv.reader(io.StringIO(content))
    start = 0
    try:
        for row in reader:
            end = reader.line_num
            if any(address in cell.lower() for cell in row):
                for index in range(start, min(end, len(lines))):
                    lines[index] = "\n"
            start = end
    except csv.Error:
        pass  # a broken file: the line-by-line pass below still blanks what it must
    return "".join("\n" if address in line.lower() else line for line in lines)


def _erased(text: str, address: str) -> str:
    return re.sub(re.escape(address), "(erased)", text, flags=re.I)


def _forget_file_name(filename: str, address: str) -> None:
    """A file named after the person: the name went into other people's source and consent
    records too. Erasure outranks the records' append-only rule for this one word."""
    name = f"Import: {filename}"[:200]
    for subscriber in Subscriber.objects.filter(source=name):
        Subscriber.objects.filter(pk=subscriber.pk).update(source=_erased(subscriber.source, address))
    for record in ConsentRecord.objects.filter(form_name=name):
        ConsentRecord.objects.filter(pk=record.pk).update(
            form_name=_erased(record.form_name, address), detail=_erased(record.detail, address))


def forget_in_imports(address: str) -> int:
    """Take an address out of every stored CSV upload: its rows in the file, the preview and
    the report. Returns how many uploads mentioned it."""
    address = normalize_email(address)
    if not address:
        return 0
    uploads = SubscriberImport.objects.select_for_update().filter(
        Q(content__icontains=address) | Q(filename__icontains=address))
    count = 0
    for upload in uploads:
        upload.content = _blank_rows_with(upload.content, address)
        if address in upload.filename.lower():
            _forget_file_name(upload.filename, address)
            upload.filename = _erased(upload.filename, address)
        report = dict(upload.report or {})
        for part in ("good", "rejected"):
            if isinstance(report.get(part), list):
                report[part] = [row for row in report[part] if address not in json.dumps(row, ensure_ascii=False).lower()]
        upload.report = report
        upload.save(update_fields=["content", "filename", "report"])
        count += 1
    return count


# Housekeeping ------------------------------------------------------------------------------

def expire_unconfirmed(*, now=None) -> int:
    """Sign-ups not confirmed in time expire. People who never confirmed anything are deleted
    (they never consented, and someone else may have typed their address); people who had
    left and asked again without confirming are unsubscribed again. Returns how many people
    were deleted."""
    now = now or timezone.now()
    SignUp.objects.filter(state=SignUp.State.PENDING, expires_at__lte=now).update(state=SignUp.State.EXPIRED)
    waiting = Subscriber.objects.filter(status=Status.PENDING).exclude(signups__state=SignUp.State.PENDING)
    deleted = 0
    for pk in list(waiting.values_list("pk", flat=True)):
        with transaction.atomic():
            # The list above is already old: someone may have signed up again since. Lock the
            # row, then look for a pending sign-up in a fresh statement (a new snapshot).
            subscriber = Subscriber.objects.select_for_update().filter(pk=pk, status=Status.PENDING).first()
            if subscriber is None or subscriber.signups.filter(state=SignUp.State.PENDING).exists():
                continue
            if subscriber.confirmed_at is not None:
                unsubscribe(subscriber, detail="Asked to rejoin, but never confirmed: the sign-up expired")
                continue
            outbox.forget_recipient(subscriber, "The sign-up expired unconfirmed.")
            subscriber.delete()
            deleted += 1
    return deleted


# Guides and forms (the desk) ----------------------------------------------------------------

def _pages_changed():
    # Forms sit on cached column pages.
    from dearly.column import page_cache

    page_cache.invalidate_now_and_on_commit()


@transaction.atomic
def save_guide(guide: Guide) -> Guide:
    guide.save()
    _pages_changed()
    return guide


@transaction.atomic
def save_form(form: OptInForm, *, consent_text: str) -> OptInForm:
    """Save a form; new consent words become a new version (old versions are kept)."""
    form.save()
    consent_text = consent_text.strip()
    current = form.current_wording()
    if current is None or current.text != consent_text:
        ConsentWording.objects.create(form=form, version=(current.version + 1) if current else 1, text=consent_text)
    _pages_changed()
    return form


def form_for(placement: str, guide: Guide | None = None) -> OptInForm | None:
    """The active form shown at a placement (for the landing page: that guide's form)."""
    forms = OptInForm.objects.filter(placement=placement, is_active=True).select_related("guide")
    if guide is not None:
        forms = forms.filter(guide=guide)
    forms = forms.exclude(guide__is_published=False)
    form = forms.order_by("-updated_at", "-id").first()
    if form is None and guide is not None:
        # A guide's page must always offer the guide: borrow any of its active forms.
        form = guide.forms.filter(is_active=True).order_by("-updated_at", "-id").first()
    return form


DEFAULT_CONSENT = (
    "We'll email you the guide and, about twice a month, the newsletter. We never share or sell "
    "your address, and every email has a one-click unsubscribe link."
)
