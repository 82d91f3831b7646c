import re

from django.db import models
from django.urls import reverse
from django.utils import timezone

from dearly.lib import markdown
from dearly.lib.text import first_block, normalize_newlines

WORDS_PER_MINUTE = 230


class Topic(models.Model):
    name = models.CharField(max_length=80, unique=True)
    slug = models.SlugField(max_length=80, unique=True)
    description = models.TextField(blank=True)
    sensitive = models.BooleanField(
        default=False,
        help_text="Pages about abuse or crisis carry a quick-exit button.",
    )

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("column:topic", args=[self.slug])


class ArticleQuerySet(models.QuerySet):
    def visible(self, now=None):
        """Published and due: what a reader may see listed (members-only ones included)."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=now or timezone.now())

    def public(self, now=None):
        return self.visible(now).filter(visibility=Article.Visibility.PUBLIC)


def public_teaser(answer: str) -> str:
    """The teaser of a members-only answer with no <!--more--> marker: its first paragraph,
    never the whole answer. An answer of one paragraph shows its first sentence only."""
    first, rest = first_block(answer)
    if rest:
        return first
    sentence = re.match(r".+?[.!?…][)\"'”’]*(?=\s)", first.strip(), re.S)
    return sentence.group(0) if sentence else ""


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        PUBLISHED = "published", "Published (at its publish time)"

    class Visibility(models.TextChoices):
        PUBLIC = "public", "Everyone"
        MEMBERS = "members", "Members only (teaser for everyone else)"

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=200, unique=True)
    letter = models.TextField(help_text="The reader's letter as published: edited and anonymized. Markdown.")
    answer = models.TextField(
        help_text="The answer in Markdown. For members-only articles, a line <!--more--> ends the public teaser."
    )
    excerpt = models.TextField(blank=True, help_text="A sentence or two for listings; made from the letter when empty.")
    topics = models.ManyToManyField(Topic, related_name="articles", blank=True)
    status = models.CharField(max_length=12, choices=Status.choices, default=Status.DRAFT)
    visibility = models.CharField(max_length=12, choices=Visibility.choices, default=Visibility.PUBLIC)
    published_at = models.DateTimeField(null=True, blank=True, db_index=True)
    updated_at = models.DateTimeField(auto_now=True)
    created_at = models.DateTimeField(auto_now_add=True)

    # Rendered once on save; never rendered per request.
    letter_html = models.TextField(editable=False, default="")
    teaser_html = models.TextField(editable=False, default="")
    answer_html = models.TextField(editable=False, default="")
    reading_minutes = models.PositiveSmallIntegerField(editable=False, default=1)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        indexes = [models.Index(fields=["status", "visibility", "published_at"])]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # Here, not only in forms: the desk, the admin, commands and demo loading all save
        # through this, and the teaser below must find the same blank lines in all of them.
        self.letter = normalize_newlines(self.letter)
        self.answer = normalize_newlines(self.answer)
        self.excerpt = normalize_newlines(self.excerpt)
        self.render()
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("column:article", args=[self.slug])

    @property
    def is_members_only(self) -> bool:
        return self.visibility == self.Visibility.MEMBERS

    def is_visible(self, now=None) -> bool:
        now = now or timezone.now()
        return self.status == self.Status.PUBLISHED and self.published_at is not None and self.published_at <= now

    def render(self) -> None:
        """Fill the rendered fields from the Markdown sources."""
        self.letter_html = markdown.render(self.letter)
        teaser, rest = markdown.split_teaser(self.answer)
        if self.is_members_only and not rest:
            teaser = public_teaser(self.answer)
        self.teaser_html = markdown.render(teaser)
        self.answer_html = markdown.render(markdown.without_teaser_marker(self.answer))
        words = markdown.word_count(self.letter) + markdown.word_count(self.answer)
        self.reading_minutes = max(1, round(words / WORDS_PER_MINUTE))
        if not self.excerpt.strip():
            text = " ".join(markdown.plain_text(self.letter_html).split())
            self.excerpt = text if len(text) <= 220 else text[:217].rsplit(" ", 1)[0].rstrip(".,;:!?") + "…"
