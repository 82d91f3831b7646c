from urllib.parse import quote, urlencode

from django.db import models

from dearly.safety.numbers import dial_string, readable_number


class CrisisResource(models.Model):
    """A place to get help now. Shown on /help-now/ and to letter writers who screen positive."""

    class Need(models.TextChoices):
        SUICIDE_SELF_HARM = "suicide_self_harm", "Thoughts of suicide or self-harm"
        ABUSE_AT_HOME = "abuse_at_home", "Violence or abuse at home"
        CHILD_AT_RISK = "child_at_risk", "A child at risk"
        HARM_TO_OTHERS = "harm_to_others", "Fear of hurting someone"
        ANY = "any", "Any crisis"

    country = models.CharField(max_length=2, help_text="Two-letter country code, e.g. US, GB, CA.")
    need = models.CharField(max_length=24, choices=Need.choices)
    name = models.CharField(max_length=120)
    how_to_reach = models.CharField(max_length=200, help_text='For example "Call or text 988".')
    phone = models.CharField(max_length=40, blank=True, help_text="Digits for a tap-to-call link.")
    sms = models.CharField(max_length=40, blank=True, help_text="Digits for a tap-to-text link.")
    sms_body = models.CharField(max_length=40, blank=True, help_text="Word to text, e.g. HOME.")
    description = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["country", "order", "name"]

    def __str__(self):
        return f"{self.name} ({self.country})"

    @property
    def phone_link(self) -> str:
        return f"tel:{dial_string(self.phone)}" if self.phone else ""

    @property
    def sms_link(self) -> str:
        """sms:741741?body=HOME (RFC 5724): the phone opens a message with the word typed in."""
        if not self.sms:
            return ""
        body = f"?{urlencode({'body': self.sms_body}, quote_via=quote)}" if self.sms_body else ""
        return f"sms:{dial_string(self.sms)}{body}"

    @property
    def phone_display(self) -> str:
        return readable_number(self.phone, self.country)

    @property
    def sms_display(self) -> str:
        return readable_number(self.sms, self.country)
