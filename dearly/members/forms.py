from django import forms

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
    tier = forms.ModelChoiceField(queryset=Tier.objects.all(), label="Tier")
    until = forms.DateField(required=False, label="Until (leave empty for no end)",
                            widget=forms.DateInput(attrs={"type": "date"}))
