"""The mailing list: guides, forms, subscribers, consent.

Writes go through dearly.mailing.services (people and consent); emails go through the email
app (dearly.email), whose models are re-exported here for the code that imports them from here.
"""

import secrets

from django.db import models
from django.urls import reverse
from django.utils import timezone

from dearly.email.models import (  # noqa: F401  (moved to the email app; re-exported)
    MailboxMessage,
    OutgoingEmail,
    Suppression,
    address_key,
    normalize_email,
)
from dearly.lib import markdown


def _new_key() -> str:
    return secrets.token_urlsafe(12)


class Guide(models.Model):
    """A free guide: an uploaded PDF with its landing page at /free/<slug>/."""

    title = models.CharField(max_length=160)
    slug = models.SlugField(max_length=160, unique=True)
    summary = models.CharField(max_length=300, help_text="One or two sentences, shown with the sign-up form.")
    landing_text = models.TextField(help_text="The landing page, in Markdown.")
    landing_html = models.TextField(editable=False, default="")
    pdf = models.FileField(upload_to="guides/")
    is_published = models.BooleanField(default=True, help_text="Unpublished guides have no landing page.")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        self.landing_html = markdown.render(self.landing_text)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("mailing:landing", args=[self.slug])


class Placement(models.TextChoices):
    HOME = "home", "Home page"
    ARTICLE = "article", "Foot of every article"
    LANDING = "landing", "The guide's landing page"


class OptInForm(models.Model):
    """A sign-up form placed somewhere on the site: for a guide (and the newsletter), or the
    newsletter alone. Its consent wording is versioned in ConsentWording."""

    name = models.CharField(max_length=120, help_text="For the desk only.")
    guide = models.ForeignKey(Guide, null=True, blank=True, on_delete=models.PROTECT, related_name="forms",
                              help_text="Leave empty for a newsletter-only form.")
    placement = models.CharField(max_length=12, choices=Placement.choices)
    heading = models.CharField(max_length=160)
    blurb = models.TextField(blank=True)
    button_label = models.CharField(max_length=60, default="Send it to me")
    is_active = models.BooleanField(default=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["placement", "-updated_at"]

    def __str__(self):
        return self.name

    def current_wording(self) -> "ConsentWording | None":
        return self.wordings.order_by("-version").first()


class ConsentWording(models.Model):
    """The exact words a form shows, kept forever: changing them adds a version."""

    form = models.ForeignKey(OptInForm, on_delete=models.CASCADE, related_name="wordings")
    version = models.PositiveIntegerField()
    text = models.TextField()
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["form", "version"], name="mailing_wording_version_once")]

    def __str__(self):
        return f"{self.form} v{self.version}"


class Subscriber(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        SUBSCRIBED = "subscribed", "Subscribed"
        UNSUBSCRIBED = "unsubscribed", "Unsubscribed"

    email = models.EmailField(max_length=254, unique=True)
    name = models.CharField(max_length=120, blank=True)
    status = models.CharField(max_length=14, choices=Status.choices, default=Status.PENDING)
    wants_newsletter = models.BooleanField(default=True)
    topics = models.ManyToManyField("column.Topic", blank=True, related_name="subscribers",
                                    help_text="Column topics they most want to hear about.")
    source = models.CharField(max_length=200, blank=True, help_text="Where they first came from.")
    # Bound into every link we send them; replacing it revokes all their old links.
    key = models.CharField(max_length=32, default=_new_key, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    confirmed_at = models.DateTimeField(null=True, blank=True)
    unsubscribed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return self.email

    @property
    def is_subscribed(self) -> bool:
        return self.status == self.Status.SUBSCRIBED


class SignUp(models.Model):
    """One request to join through a form, waiting for its confirmation (double opt-in)."""

    class State(models.TextChoices):
        PENDING = "pending", "Waiting for confirmation"
        CONFIRMED = "confirmed", "Confirmed"
        EXPIRED = "expired", "Expired unconfirmed"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="signups")
    form = models.ForeignKey(OptInForm, null=True, on_delete=models.SET_NULL, related_name="signups")
    guide = models.ForeignKey(Guide, null=True, on_delete=models.SET_NULL, related_name="signups")
    wording = models.ForeignKey(ConsentWording, null=True, on_delete=models.SET_NULL, related_name="+")
    state = models.CharField(max_length=10, choices=State.choices, default=State.PENDING)
    nonce = models.CharField(max_length=32, default=_new_key, editable=False)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    confirmed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        indexes = [models.Index(fields=["state", "expires_at"])]

    def __str__(self):
        return f"{self.subscriber} via {self.form} [{self.state}]"


class ConsentRecord(models.Model):
    """Append-only: one row per event in a subscriber's consent history.

    Rows are never changed. They leave only with the person: when a subscriber asks to be
    deleted, or an address that never confirmed expires (it never consented to anything).
    """

    class Event(models.TextChoices):
        REQUESTED = "requested", "Asked to join (not yet confirmed)"
        CONFIRMED = "confirmed", "Confirmed by email"
        GUIDE_REQUESTED = "guide_requested", "Asked for a guide while subscribed"
        IMPORTED = "imported", "Imported by the desk"
        PREFERENCES = "preferences", "Changed preferences"
        WITHDRAWN = "withdrawn", "Unsubscribed"

    subscriber = models.ForeignKey(Subscriber, on_delete=models.CASCADE, related_name="consent_records")
    event = models.CharField(max_length=16, choices=Event.choices)
    email = models.EmailField(max_length=254, help_text="The address at the time of the event.")
    form = models.ForeignKey(OptInForm, null=True, blank=True, on_delete=models.SET_NULL, related_name="+")
    form_name = models.CharField(max_length=200, blank=True, help_text="Kept even if the form is deleted.")
    wording_text = models.TextField(blank=True, help_text="The exact words shown.")
    wording_version = models.PositiveIntegerField(null=True, blank=True)
    detail = models.CharField(max_length=300, blank=True, help_text="How: which link, file or page.")
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    class Meta:
        ordering = ["created_at", "id"]
        default_permissions = ("add", "view")

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.email}: {self.get_event_display()}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Consent records are append-only.")
        super().save(*args, **kwargs)


class GuideDownload(models.Model):
    guide = models.ForeignKey(Guide, on_delete=models.CASCADE, related_name="downloads")
    subscriber = models.ForeignKey(Subscriber, null=True, on_delete=models.CASCADE, related_name="downloads")
    downloaded_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.guide} by {self.subscriber}"


class SubscriberImport(models.Model):
    """An uploaded CSV between its preview and its import, then its report."""

    filename = models.CharField(max_length=200)
    content = models.TextField()
    # How to read it: "dmy" or "mdy" for dates like 03/04/2026 ("" = only unambiguous ones),
    # and where people agreed, for rows that do not say.
    date_order = models.CharField(max_length=3, blank=True, default="")
    default_source = models.CharField(max_length=250, blank=True, default="")
    uploaded_by = models.ForeignKey("auth.User", null=True, on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)
    imported_at = models.DateTimeField(null=True, blank=True)
    report = models.JSONField(default=dict, blank=True)

    def __str__(self):
        return self.filename
