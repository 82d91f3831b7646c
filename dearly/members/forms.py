from django import forms
from django.db.models import Q

from dearly.members.models import Question, Tier


class TierForm(forms.ModelForm):
    class Meta:
        model = Tier
        fields = ["name", "slug", "included", "monthly_price", "yearly_price", "currency", "position", "is_active"]

    def clean_currency(self):
        currency = self.cleaned_data["currency"].strip().lower()
        if len(currency) != 3 or not currency.isalpha():
            raise forms.ValidationError("Three letters, such as usd, eur or gbp.")
        return currency


class QuestionForm(forms.ModelForm):
    class Meta:
        model = Question
        fields = ["question", "answer", "position"]


class ComplimentaryForm(forms.Form):
    email = forms.EmailField(label="Their email")
    # Paid tiers only: the free tier opens nothing, so granting it would mislead the expert.
    tier = forms.ModelChoiceField(queryset=Tier.objects.filter(Q(monthly_price__gt=0) | Q(yearly_price__gt=0)),
                                  label="Tier")
    until = forms.DateField(required=False, label="Until (leave empty for no end)",
                            widget=forms.DateInput(attrs={"type": "date"}))
