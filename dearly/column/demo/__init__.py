"""Demo content for the column: original Q&A articles written for Dearly (articles/*.md)."""

from datetime import timedelta
from pathlib import Path

from django.utils import timezone
from django.utils.text import slugify

from dearly.column.models import Article, Topic

ARTICLES_DIR = Path(__file__).parent / "articles"

TOPIC_DESCRIPTIONS = {
    "Emotional disconnection": "When you share a home but not your inner lives.",
    "Pursue–withdraw": "One reaches, the other retreats: the most common cycle in couples' fights.",
    "Trust after betrayal": "Affairs, secrets and the slow work of rebuilding.",
    "Pornography": "Secrecy, comparison, and talking about it without shame.",
    "In-laws": "Loyalty, boundaries and the families we marry into.",
    "Money": "Savers, spenders, debt and the feelings underneath.",
    "Sex and intimacy": "Desire, distance and closeness in long relationships.",
    "Parenting": "Raising children without losing each other.",
    "Communication": "Complaints, criticism, repair: how couples talk when it's hard.",
    "Divorce and separation": "Deciding, leaving, and co-parenting afterwards.",
    "Blended families": "Stepparents, stepchildren and new family shapes.",
    "Anxiety and attachment": "Reassurance, fear of loss and the need to feel safe.",
    "Safety at home": "Control, fear and abuse: recognizing it, and where to turn.",
}
# Pages on these topics carry the quick-exit button.
SENSITIVE_TOPICS = {"Safety at home"}


def parse(path: Path) -> dict:
    text = path.read_text(encoding="utf-8")
    head, _, rest = text.partition("=== letter ===")
    letter, _, answer = rest.partition("=== answer ===")
    fields = {}
    for line in head.strip().splitlines():
        key, _, value = line.partition(":")
        fields[key.strip()] = value.strip()
    return {
        "title": fields["title"],
        "slug": fields["slug"],
        "topics": [t.strip() for t in fields["topics"].split(",") if t.strip()],
        "visibility": fields.get("visibility", "public"),
        "days_ago": int(fields.get("days_ago", 1)),
        "letter": letter.strip(),
        "answer": answer.strip(),
    }


def load(stdout=None) -> int:
    now = timezone.now().replace(hour=9, minute=0, second=0, microsecond=0)
    count = 0
    for path in sorted(ARTICLES_DIR.glob("*.md")):
        data = parse(path)
        article, created = Article.objects.update_or_create(
            slug=data["slug"],
            defaults={
                "title": data["title"],
                "letter": data["letter"],
                "answer": data["answer"],
                "visibility": data["visibility"],
                "status": Article.Status.PUBLISHED,
                "published_at": now - timedelta(days=data["days_ago"]),
            },
        )
        topics = []
        for name in data["topics"]:
            topic, _ = Topic.objects.get_or_create(
                name=name,
                defaults={
                    "slug": slugify(name),
                    "description": TOPIC_DESCRIPTIONS.get(name, ""),
                    "sensitive": name in SENSITIVE_TOPICS,
                },
            )
            topics.append(topic)
        article.topics.set(topics)
        count += 1
    if stdout:
        stdout.write(f"Column: {count} articles in {Topic.objects.count()} topics.")
    return count
