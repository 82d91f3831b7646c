"""Demo content for the mailing list: an original free guide (its PDF generated here from
the Markdown beside this file), its landing page, forms on the home page, under articles and
on the landing page, and a few subscribers with their consent records."""

import functools
from pathlib import Path

from django.conf import settings
from django.core.files.base import ContentFile

from dearly.mailing import imports, pdf, services
from dearly.mailing.models import (
    Guide,
    OptInForm,
    Placement,
    Subscriber,
    SubscriberImport,
    Suppression,
)

GUIDE_SOURCE = Path(__file__).parent / "ending-an-argument-well.md"
SLUG = "ending-an-argument-well"

LANDING = """\
Most couples don't need to argue less. They need to **finish better**. A fight that ends with a
slammed door is not over; it has only gone quiet, and it will be back.

This free guide walks you through the end of an argument, step by step:

- how to notice the moment a fight stops being a conversation,
- how to call a pause without leaving your partner alone with it,
- what to do in the break, and how to come back,
- how to say what was underneath, repair without a "but", and agree on one small next step.

Four pages, with words you can borrow when your own won't come. Written by {expert} for the
readers of {site}. It's free: just tell us where to send it.
"""

CONSENT = (
    "We'll email you the guide, and about twice a month the newsletter with new answers. We never "
    "share or sell your address, and every email has a one-click unsubscribe link."
)

SUBSCRIBERS_CSV = """\
email,name,consent_source,consented_at
maya.r@example.com,Maya,Sign-up sheet at the spring couples' workshop,2026-04-18
daniel.k@example.org,Daniel,Sign-up sheet at the spring couples' workshop,2026-04-18
priya@example.net,Priya,Old newsletter list (double opt-in form on the previous site),2025-11-02
tom.and.jo@example.com,,Old newsletter list (double opt-in form on the previous site),2025-09-21
lucia@example.org,Lucía,Asked in person after a talk at the library,2026-06-05
"""


def guide_pdf() -> bytes:
    return _rendered(GUIDE_SOURCE.read_text(encoding="utf-8"),
                     f"{settings.SITE_NAME} · {settings.EXPERT_NAME} · Free to share as it is")


@functools.lru_cache(maxsize=1)
def _rendered(source: str, footer: str) -> bytes:
    """The same guide renders to the same PDF: a process that loads the demo again (the test
    suite, `load_demo --force`) reuses it instead of spending seconds laying it out again."""
    return pdf.render(source, footer_text=footer)


def load(stdout=None) -> Guide:
    guide = Guide.objects.filter(slug=SLUG).first() or Guide(slug=SLUG)
    guide.title = "Ending an argument well: a guide for couples"
    guide.summary = "Four practical pages on how to pause a fight kindly, come back, repair and move on together."
    guide.landing_text = LANDING.format(expert=settings.EXPERT_NAME, site=settings.SITE_NAME)
    guide.is_published = True
    if not guide.pdf:
        guide.pdf.save(f"{SLUG}.pdf", ContentFile(guide_pdf()), save=False)
    services.save_guide(guide)

    for placement, name, heading, blurb in [
        (Placement.HOME, "Home page: the argument guide", "Free guide: ending an argument well",
         "Four practical pages for couples on pausing a fight kindly and coming back to each other."),
        (Placement.ARTICLE, "Under articles: the argument guide", "Fights that end better",
         "Get our free four-page guide for couples, and the newsletter with new answers."),
        (Placement.LANDING, "Landing page: the argument guide", "Send me the guide", ""),
    ]:
        form = OptInForm.objects.filter(name=name).first() or OptInForm(name=name)
        form.guide, form.placement, form.heading, form.blurb = guide, placement, heading, blurb
        form.button_label = "Send me the free guide"
        services.save_form(form, consent_text=CONSENT)

    batch = SubscriberImport.objects.create(filename="demo-subscribers.csv", content=SUBSCRIBERS_CSV)
    report = imports.import_subscribers(batch)
    if leaver := Subscriber.objects.filter(email="daniel.k@example.org").first():
        services.unsubscribe(leaver, detail="One-click unsubscribe (demo)")
    if not Suppression.objects.filter(email="no-such-mailbox@example.com").exists():
        services.suppress("no-such-mailbox@example.com", Suppression.Reason.BOUNCED,
                          detail="Demo: 550 5.1.1 mailbox does not exist")
    if stdout:
        stdout.write(f"Mailing list: the guide at /free/{SLUG}/, 3 forms, {report['imported']} subscribers imported.")
    return guide
