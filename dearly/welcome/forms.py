from django import forms

from dearly.welcome.models import WelcomeStep


class WelcomeStepForm(forms.ModelForm):
    class Meta:
        model = WelcomeStep
        fields = ["day", "subject", "body", "is_active"]
        labels = {"day": "Day", "subject": "Subject", "body": "The email", "is_active": "Send this step"}
        widgets = {"body": forms.Textarea(attrs={"rows": 16}),
                   "day": forms.NumberInput(attrs={"min": 0, "max": 365})}
        help_texts = {
            "body": "In Markdown. It opens with “Hello <name>,” (or “Hello,”) for you; sign it as you like. "
                    "The unsubscribe link and your postal address are added at the foot.",
        }

    def clean_day(self):
        day = self.cleaned_data["day"]
        if day > 365:
            raise forms.ValidationError("A welcome step is sent within a year of joining: choose 365 days or fewer.")
        return day

    def clean_body(self):
        body = self.cleaned_data["body"].replace("\r\n", "\n").replace("\r", "\n")
        if not body.strip():
            raise forms.ValidationError("Write the email.")
        return body
