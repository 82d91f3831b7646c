from urllib.parse import parse_qsl, urlsplit

from django import forms
from django.utils.text import slugify

from dearly.lib.text import normalize_newlines
from dearly.resources.models import Resource

# Query parameters that identify a referrer, a campaign or an affiliate. A link that carries one
# is a tracking or affiliate link, and may only be saved as one (the page then says so).
TRACKING_PARAMS = {"tag", "ref", "ref_", "referrer", "aff", "aff_id", "affid", "affiliate", "affiliate_id",
                   "partner", "partnerid", "linkcode", "linkid", "camp", "creative", "ascsubtag", "irgwc",
                   "clickid", "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "_hsenc", "yclid",
                   "igshid", "ranmid", "ransiteid", "cjevent", "awc", "sscid"}
TRACKING_PREFIXES = ("utm_", "aff_", "pk_", "mtm_")


def tracking_params(url: str) -> list[str]:
    names = [name for name, _ in parse_qsl(urlsplit(url).query, keep_blank_values=True)]
    return [n for n in names if n.lower() in TRACKING_PARAMS or n.lower().startswith(TRACKING_PREFIXES)]


class ResourceForm(forms.ModelForm):
    link = forms.URLField(required=False, max_length=500, assume_scheme="https",
                          help_text=Resource._meta.get_field("link").help_text)

    class Meta:
        model = Resource
        fields = ["kind", "name", "slug", "author", "summary", "body", "keywords", "link", "link_label",
                  "affiliate", "count_clicks", "published", "position"]
        widgets = {"body": forms.Textarea(attrs={"rows": 12}), "keywords": forms.Textarea(attrs={"rows": 4})}
        labels = {"affiliate": "Affiliate link", "count_clicks": "Count clicks on the link"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = "The page's address, /resources/<slug>/; made from the name when empty."

    def clean_slug(self):
        slug = self.cleaned_data.get("slug") or slugify(self.cleaned_data.get("name", ""))[:160]
        if not slug:
            raise forms.ValidationError("Give the page an address (letters, numbers and hyphens).")
        if Resource.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError(f"Another resource already lives at /resources/{slug}/.")
        return slug

    def clean_body(self):
        return normalize_newlines(self.cleaned_data["body"])

    def clean_keywords(self):
        lines = normalize_newlines(self.cleaned_data["keywords"]).replace(",", "\n").splitlines()
        keywords = [k.strip() for k in lines if k.strip()]
        short = [k for k in keywords if len(k) < 3]
        if short:
            raise forms.ValidationError(f"“{short[0]}” is too short to find in an answer: use three letters or more.")
        return "\n".join(keywords)

    def clean(self):
        data = super().clean()
        link = data.get("link", "")
        if link:
            if urlsplit(link).scheme not in ("http", "https"):
                self.add_error("link", "Use a web address starting with https://.")
            elif (found := tracking_params(link)) and not data.get("affiliate"):
                self.add_error(
                    "link",
                    f"This address carries a tracking or affiliate code ({', '.join(found)}). Remove it, or tick "
                    "“Affiliate link” so the page tells readers.",
                )
        elif data.get("affiliate") or data.get("count_clicks"):
            self.add_error("link", "Affiliate links and counted clicks need a link.")
        return data
