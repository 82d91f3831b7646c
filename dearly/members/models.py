"""Membership: people who sign in without a password, the tiers they may join, and what
Stripe tells us about their payments.

Writes go through dearly.members.signin (signing in), dearly.members.billing (Stripe) and
dearly.members.services (the account: complimentary memberships, export, deletion).
"""

from django.conf import settings
from django.db import models
from django.utils import timezone

from dearly.lib import markdown


class Member(models.Model):
    """A reader with an account: one person, one address. The address is also their key to the
    mailing list (dearly.mailing's Subscriber with the same email holds their consent history).

    Members are Django users with no usable password, kept apart from staff accounts: signing in
    by email never opens a staff account."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="member")
    email = models.EmailField(max_length=254, unique=True)
    created_at = models.DateTimeField(default=timezone.now)
    # The public half of their private feed's address (dearly.members.feeds): the other half is
    # a keyed hash of it, never stored. A new key (rotating) makes the old address fail at once.
    feed_key = models.CharField(max_length=32, unique=True, null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self):
        return self.email


class SignInRequest(models.Model):
    """One "email me a way in": a link and a six-digit code, either usable once for ten minutes.

    Only keyed hashes of the code, the link's secret and the asking browser's nonce are stored.
    The address stays until the request is used or tidied away (it may belong to nobody yet)."""

    email = models.EmailField(max_length=254)
    code_hash = models.CharField(max_length=64)
    link_hash = models.CharField(max_length=64)
    browser_hash = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)
    expires_at = models.DateTimeField()
    used_at = models.DateTimeField(null=True, blank=True)
    failed_codes = models.PositiveSmallIntegerField(default=0)

    class Meta:
        indexes = [models.Index(fields=["expires_at"])]

    def __str__(self):
        return f"Sign-in for {self.email} at {self.created_at:%Y-%m-%d %H:%M}"


class SignInEvent(models.Model):
    """A member's sign-in history, shown on their account page."""

    class Method(models.TextChoices):
        LINK = "link", "Emailed link"
        CODE = "code", "Six-digit code"

    member = models.ForeignKey(Member, on_delete=models.CASCADE, related_name="sign_ins")
    method = models.CharField(max_length=8, choices=Method.choices)
    ip = models.CharField(max_length=64, blank=True)
    user_agent = models.CharField(max_length=200, blank=True)
    at = models.DateTimeField(default=timezone.now)
    # The session this sign-in opened, so that "sign out everywhere" and deleting the account
    # remove the sessions themselves (with the user id inside them), not only invalidate them.
    session_key = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        ordering = ["-at", "-id"]

    def __str__(self):
        return f"{self.member} by {self.method} at {self.at:%Y-%m-%d %H:%M}"


class Tier(models.Model):
    """What a reader can join: the free tier, or a paid one billed monthly and/or yearly.
    Prices are in the currency's smallest unit (cents), as Stripe counts them."""

    name = models.CharField(max_length=80)
    slug = models.SlugField(max_length=80, unique=True)
    included = models.TextField(help_text="What is included, one thing per line.")
    monthly_price = models.PositiveIntegerField(null=True, blank=True, help_text="In cents; empty for none.")
    yearly_price = models.PositiveIntegerField(null=True, blank=True, help_text="In cents; empty for none.")
    currency = models.CharField(max_length=3, default="usd", help_text="Three letters, such as usd or eur.")
    position = models.PositiveSmallIntegerField(default=0)
    is_active = models.BooleanField(default=True, help_text="Inactive tiers are not offered on /join/.")
    # Stripe's Product for this tier and a Price per interval, made when first needed
    # (dearly.members.billing.stripe_prices): {"month": {"id": "price_…", "amount": 500,
    # "currency": "usd"}, …}. A Stripe Price never changes its amount: a new amount gets a new one.
    stripe_product_id = models.CharField(max_length=64, blank=True, editable=False)
    stripe_prices = models.JSONField(default=dict, blank=True, editable=False)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.name

    @property
    def is_free(self) -> bool:
        return not (self.monthly_price or self.yearly_price)

    def included_lines(self) -> list[str]:
        return [line.strip() for line in self.included.splitlines() if line.strip()]

    def price(self, interval: str) -> int | None:
        return {"month": self.monthly_price, "year": self.yearly_price}.get(interval)


class Question(models.Model):
    """A question and answer on /join/, written by the expert (Markdown)."""

    question = models.CharField(max_length=200)
    answer = models.TextField()
    answer_html = models.TextField(editable=False, default="")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "id"]

    def __str__(self):
        return self.question

    def save(self, *args, **kwargs):
        self.answer_html = markdown.render(self.answer)
        super().save(*args, **kwargs)


class Membership(models.Model):
    """A member's paid or complimentary membership. Paid state is written only from Stripe's
    signature-checked webhooks (dearly.members.billing); complimentary ones by the desk.

    States: active (paid up, or complimentary), past_due (a renewal failed: still reading until
    grace_until), canceled (ended). `stripe_event_at` is the creation time of the newest Stripe
    event applied, so an older event arriving late changes nothing; a deleted subscription
    stays canceled whatever arrives after."""

    class Status(models.TextChoices):
        INCOMPLETE = "incomplete", "Waiting for the first payment"
        ACTIVE = "active", "Active"
        PAST_DUE = "past_due", "Payment failed (grace period)"
        CANCELED = "canceled", "Ended"

    member = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="membership")
    tier = models.ForeignKey(Tier, null=True, blank=True, on_delete=models.PROTECT, related_name="memberships")
    interval = models.CharField(max_length=5, blank=True, help_text="month or year; empty when complimentary.")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.INCOMPLETE)
    complimentary = models.BooleanField(default=False)
    complimentary_until = models.DateField(null=True, blank=True, help_text="Empty: until the desk ends it.")
    stripe_customer_id = models.CharField(max_length=64, blank=True)
    stripe_subscription_id = models.CharField(max_length=64, blank=True)
    stripe_event_at = models.BigIntegerField(default=0)
    # What the subscription's price actually is (from Stripe's events): a member who joined
    # before a price change keeps paying the old amount, and revenue counts what is paid.
    price_amount = models.PositiveIntegerField(null=True, blank=True, help_text="In cents, per interval.")
    price_currency = models.CharField(max_length=3, blank=True)
    current_period_end = models.DateTimeField(null=True, blank=True)
    # Cancelled in the portal, to end at the end of the period paid for: reading goes on until then.
    ends_at = models.DateTimeField(null=True, blank=True)
    grace_until = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.member}: {self.tier} [{self.status}]"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        if self.tier is None or self.tier.is_free:
            return False  # the free tier opens nothing, even when "granted"
        if self.complimentary:
            return self.complimentary_until is None or self.complimentary_until >= now.date()
        if self.status == self.Status.ACTIVE:
            return True
        return self.status == self.Status.PAST_DUE and self.grace_until is not None and self.grace_until > now

    def monthly_revenue(self) -> int:
        """What this membership brings in a month, in cents (0 unless paid and active)."""
        if self.complimentary or not self.is_active() or self.tier is None:
            return 0
        price = self.price_amount if self.price_amount is not None else (self.tier.price(self.interval) or 0)
        return price if self.interval == "month" else round(price / 12)

    @property
    def currency(self) -> str:
        return self.price_currency or (self.tier.currency if self.tier else "")


class Payment(models.Model):
    """A paid invoice, kept for the accounts. When its member deletes their account the link to
    them goes (member becomes empty) and nothing personal remains."""

    member = models.ForeignKey(Member, null=True, blank=True, on_delete=models.SET_NULL, related_name="payments")
    stripe_invoice_id = models.CharField(max_length=64, unique=True)
    amount = models.PositiveIntegerField(help_text="In cents.")
    currency = models.CharField(max_length=3)
    tier_name = models.CharField(max_length=80, blank=True)
    paid_at = models.DateTimeField()

    class Meta:
        ordering = ["-paid_at"]

    def __str__(self):
        return f"{self.amount / 100:.2f} {self.currency.upper()} on {self.paid_at:%Y-%m-%d}"


class StripeEvent(models.Model):
    """Each Stripe event id processed, once: a replayed or retried event finds its row here."""

    event_id = models.CharField(max_length=100, unique=True)
    type = models.CharField(max_length=100)
    received_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return f"{self.type} {self.event_id}"


class PortalConfiguration(models.Model):
    """The customer-portal configuration Dearly made in Stripe: which tiers' prices a member
    may switch between (monthly ⇄ yearly of their tier). One row; `offer` is the exact list of
    products and prices it was last sent, so a change of tiers or prices updates it."""

    stripe_configuration_id = models.CharField(max_length=64)
    offer = models.JSONField(default=list)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return self.stripe_configuration_id
