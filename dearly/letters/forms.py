from django import forms

from dearly.letters import antispam, consent, services
from dearly.letters.models import IntakeSettings, Letter
from dearly.lib.forms import MultilineField
from dearly.lib.markdown import word_count
from dearly.lib.text import is_blank, strip_invisible

PEN_NAME_MAX = 60
NEITHER = "neither"

CONFIRM_MESSAGE = (
    "Your letter has not been sent yet. Please press Send once more to confirm. We ask once when "
    "a letter arrives very soon after the form was opened (a letter written elsewhere and pasted "
    "in, for example), because automatic spam does that too. Your words are all still here."
)


class LetterForm(forms.Form):
    """The public letter form. Everything refused comes back with a message beside the field,
    and with every word the person typed still in place."""

    pen_name = forms.CharField(
        label="Pen name",
        max_length=PEN_NAME_MAX,
        help_text="Not your real name. If your letter is answered, it may be signed with it.",
        error_messages={"required": "Please choose a pen name, such as “Tired in Ohio”."},
    )
    letter = MultilineField(
        label="Your letter",
        widget=forms.Textarea(attrs={"rows": 14}),
        error_messages={"required": "Please write your letter here."},
    )
    writer_signal = forms.ChoiceField(
        label="If you need help now (optional)",
        required=False,
        choices=[
            (Letter.WriterSignal.NOT_SAFE, "I’m not safe right now"),
            (Letter.WriterSignal.ENDING_LIFE, "I’m thinking of ending my life"),
            # Its own value, so that nothing is chosen until the writer chooses (and may undo).
            (NEITHER, "Neither"),
        ],
        widget=forms.RadioSelect,
    )
    email = forms.EmailField(
        label="Email (optional)",
        required=False,
        help_text="Only to tell you once if your letter is answered. Then we erase it.",
        error_messages={"invalid": "This does not look like an email address. Check it, or leave it empty."},
    )
    consent_publication = forms.BooleanField(
        required=True,
        error_messages={"required": "Please tick this box to send your letter: we can only "
                                    "consider letters we may publish, edited and anonymized."},
    )
    consent_sensitive_data = forms.BooleanField(
        required=True,
        error_messages={"required": "Please tick this box to send your letter: we need your "
                                    "permission to keep and read what it says."},
    )
    # Anti-spam, out of sight: a field people never see, when the form was opened, and the mark
    # of a writer who pressed Send again when asked to (see antispam.doubts).
    website = forms.CharField(required=False, label="Leave this field empty")
    started = forms.CharField(required=False, widget=forms.HiddenInput)
    confirmed = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, ip: str = "", word_limit: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.ip = ip
        self.word_limit = word_limit or IntakeSettings.current().word_limit
        self.fields["consent_publication"].label = consent.publication_wording()
        self.fields["consent_sensitive_data"].label = consent.sensitive_data_wording()
        self.fields["letter"].help_text = f"Up to {self.word_limit} words."
        # A hard cap on characters too, so nobody can post a book.
        self.fields["letter"].max_length = self.word_limit * 12
        self.fields["letter"].error_messages["max_length"] = (
            f"Your letter is much longer than {self.word_limit} words. Please shorten it."
        )
        if not self.is_bound and not self.initial.get("started"):
            self.initial["started"] = antispam.form_token()

    def clean_pen_name(self):
        name = strip_invisible(self.cleaned_data["pen_name"])
        if is_blank(name):
            raise forms.ValidationError(self.fields["pen_name"].error_messages["required"])
        return name

    def clean_letter(self):
        text = strip_invisible(self.cleaned_data["letter"])
        if is_blank(text):
            # Spaces, zero-width spaces, a byte-order mark, soft hyphens: nothing anyone can read.
            raise forms.ValidationError(
                "Your letter looks empty: it holds only spaces or characters that cannot be seen. "
                "Please write your letter here."
            )
        words = word_count(text)
        if words > self.word_limit:
            raise forms.ValidationError(
                f"Your letter is {words} words long and the limit is {self.word_limit}. "
                f"Please shorten it by {words - self.word_limit} words: everything you wrote is still here."
            )
        return text

    def clean_writer_signal(self):
        value = self.cleaned_data["writer_signal"]
        return "" if value == NEITHER else value

    def clean_email(self):
        email = self.cleaned_data["email"].strip()
        if email and antispam.is_disposable(email):
            raise forms.ValidationError(
                "Please use an address you will keep: we cannot send to temporary inboxes. "
                "Or leave it empty."
            )
        return email

    def clean(self):
        data = super().clean()
        if data.get("website"):
            raise forms.ValidationError(
                "Your letter was not sent: a field meant to stay empty was filled in (sometimes a "
                "browser does that by itself). Your words are still here: please send again."
            )
        token = data.get("started", "")
        if problem := antispam.fill_time_problem(token):
            self.restart_clock = True
            raise forms.ValidationError(problem)
        if self.errors:
            return data
        # A doubt alone never refuses a letter: its writer is asked to press Send once more.
        # Unless the letter is urgent: someone in danger may not stay for a second click, and
        # a letter lost is far worse than a spam letter on the desk.
        self.doubts = antispam.doubts(token, data.get("letter", ""))
        if self.doubts and not antispam.is_confirmed(token, data.get("confirmed")) and not self._urgent(data):
            self.needs_confirmation = True
            raise forms.ValidationError(CONFIRM_MESSAGE)
        # Last, once nothing else is wrong: each opened form sends one letter, however often
        # "Send" is clicked, and only letters about to be stored count against the limits.
        if not antispam.claim_token(token):
            self.already_sent = True
            raise forms.ValidationError(
                "This letter was already sent: we have it, and there is no need to send it again."
            )
        if problem := antispam.rate_limit_problem(self.ip, data.get("email", "")):
            antispam.release_token(token)  # the same form may be sent later
            raise forms.ValidationError(problem)
        return data

    @staticmethod
    def _urgent(data) -> bool:
        return bool(data.get("writer_signal")) or services.screen_text(data.get("letter", ""))[0]

    restart_clock = False
    already_sent = False
    needs_confirmation = False
    doubts: list[str] = []

    def prepare_retry(self):
        """After a refusal: an empty honeypot, a fresh start time if the old one could not be
        used, and the confirmation mark when the writer was asked to press Send again (being
        told to send again after a fresh start is that same question: one more click sends)."""
        self.data = self.data.copy()
        self.data["website"] = ""
        if self.restart_clock:
            self.data["started"] = antispam.form_token()
        if self.restart_clock or self.needs_confirmation:
            self.data["confirmed"] = antispam.confirmation_for(self.data["started"])
