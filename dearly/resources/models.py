"""Where to get help: the kinds of help, the ways to find it and the books the column
recommends. The expert edits them in the desk (/desk/resources/); readers see them at
/resources/, and an answer that mentions one (by name or keyword) links to it.

A resource's link is plain unless the expert says otherwise: an affiliate link and counted
clicks are each a switch on the resource, and the page says so beside the link."""

from django.db import models
from django.urls import reverse

from dearly.lib import markdown
from dearly.lib.text import normalize_newlines


class Resource(models.Model):
    class Kind(models.TextChoices):
        HELP = "help", "Kinds of help"
        FINDING = "finding", "Finding help and starting"
        BOOK = "book", "Books"

    kind = models.CharField(max_length=12, choices=Kind.choices, default=Kind.HELP)
    name = models.CharField(max_length=160, help_text="As readers would say it, e.g. “An EFT-trained couples therapist”.")
    slug = models.SlugField(max_length=160, unique=True)
    author = models.CharField(max_length=200, blank=True, help_text="Books: who wrote it.")
    summary = models.CharField(max_length=300, help_text="One or two sentences, shown in lists and beside answers.")
    body = models.TextField(blank=True, help_text="The full description, in Markdown.")
    keywords = models.TextField(
        blank=True,
        help_text="Words or phrases, one a line: an answer that mentions one of them (or the name) links here. "
                  "Avoid common words.",
    )
    link = models.URLField(blank=True, max_length=500, help_text="Optional: a page you can vouch for.")
    link_label = models.CharField(max_length=120, blank=True, help_text="What the link says, e.g. “The publisher’s page”.")
    affiliate = models.BooleanField(
        default=False,
        help_text="The link earns the practice money. The page then says so beside it.",
    )
    count_clicks = models.BooleanField(
        default=False,
        help_text="Count how many people follow the link (a number only: no names, no cookies). The page says so.",
    )
    clicks = models.PositiveIntegerField(default=0, editable=False)
    published = models.BooleanField(default=True)
    position = models.PositiveSmallIntegerField(default=0, help_text="Smaller numbers come first within a kind.")
    body_html = models.TextField(editable=False, default="")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "position", "name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.body = normalize_newlines(self.body)
        self.body_html = markdown.render(self.body)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("resources:detail", args=[self.slug])

    @property
    def keyword_list(self) -> list[str]:
        return [k.strip() for k in self.keywords.replace(",", "\n").splitlines() if k.strip()]

    @property
    def outgoing_url(self) -> str:
        """Where the link points on our pages: straight to the site, or through our counter."""
        if not self.link:
            return ""
        return reverse("resources:go", args=[self.slug]) if self.count_clicks else self.link

    @property
    def link_rel(self) -> str:
        return "sponsored noopener noreferrer" if self.affiliate else "noopener noreferrer"
