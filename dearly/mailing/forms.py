from django import forms
from django.core.exceptions import ValidationError

from dearly.column.models import Topic
from dearly.lib.disposable_email import is_disposable
from dearly.lib.forms import MultilineField
from dearly.mailing.imports import DATE_ORDERS
from dearly.mailing.models import Guide, OptInForm, Placement
from dearly.mailing.services import clean_email

MAX_PDF_BYTES = 20 * 1024 * 1024
MAX_CSV_BYTES = 5 * 1024 * 1024


class EmailAddressField(forms.CharField):
    """An address, normalized and checked by services.clean_email (the one place that does it)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        try:
            return clean_email(value)
        except ValueError as exc:
            raise ValidationError(str(exc)) from None


class SignUpForm(forms.Form):
    email = EmailAddressField(label="Your email", max_length=254,
                            error_messages={"required": "Please enter your email address.",
                                            "max_length": "That address is too long to be real."})
    name = forms.CharField(label="Your first name (optional)", max_length=120, required=False)
    # The honeypot: hidden from people, filled in by bots.
    website = forms.CharField(required=False)

    def clean_email(self):
        email = self.cleaned_data["email"]
        if is_disposable(email):
            raise ValidationError("Please use an address you will keep: we cannot send the guide or the "
                                  "newsletter to temporary inboxes.")
        return email


class PreferencesForm(forms.Form):
    wants_newsletter = forms.BooleanField(label="The newsletter: new answers and practical ideas, about twice a month",
                                          required=False)
    topics = forms.ModelMultipleChoiceField(
        queryset=Topic.objects.all(), required=False, widget=forms.CheckboxSelectMultiple,
        label="Topics you most want to hear about",
    )


class GuideForm(forms.ModelForm):
    class Meta:
        model = Guide
        fields = ["title", "slug", "summary", "landing_text", "pdf", "is_published"]
        help_texts = {"slug": "The address of its page: /free/<slug>/."}
        field_classes = {"landing_text": MultilineField}

    def clean_pdf(self):
        pdf = self.cleaned_data.get("pdf")
        if pdf and hasattr(pdf, "read") and getattr(pdf, "content_type", None) is not None:
            if pdf.size > MAX_PDF_BYTES:
                raise ValidationError("That file is over 20 MB; please make it smaller.")
            head = pdf.read(5)
            pdf.seek(0)
            if head != b"%PDF-":
                raise ValidationError("That file is not a PDF. Please upload the guide as a PDF.")
        return pdf


class OptInFormForm(forms.ModelForm):
    consent_text = MultilineField(
        label="Consent wording shown under the form", widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Exactly what people agree to. Changing it keeps the old version for the people who saw it.",
    )

    class Meta:
        model = OptInForm
        fields = ["name", "placement", "guide", "heading", "blurb", "button_label", "is_active"]
        widgets = {"blurb": forms.Textarea(attrs={"rows": 3})}
        field_classes = {"blurb": MultilineField}

    def clean(self):
        data = super().clean()
        if data.get("placement") == Placement.LANDING and not data.get("guide"):
            self.add_error("guide", "A landing-page form belongs to a guide: choose one.")
        return data


class ImportForm(forms.Form):
    file = forms.FileField(label="CSV file",
                           help_text="Columns: email, name (optional), consent_source (where and how they "
                                     "agreed), consented_at (optional). The first line names the columns.")
    date_order = forms.ChoiceField(
        label="Dates like 03/04/2026 in this file are", required=False,
        choices=[("", "Not sure: only take dates that can't be read two ways"), *DATE_ORDERS.items()],
        help_text="Dates such as 2026-03-14, 14 March 2026 and March 14, 2026 are read whatever you choose.",
    )
    default_source = forms.CharField(
        label="Where and how they agreed, for rows that don't say (optional)", max_length=250, required=False,
        help_text="For example: Sign-up sheet at the March workshop.",
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_CSV_BYTES:
            raise ValidationError("That file is over 5 MB. Please split it.")
        return upload


class SuppressForm(forms.Form):
    email = EmailAddressField(label="Email address", max_length=254)
