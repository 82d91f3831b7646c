"""Building blocks for the mailing tests, made through the same services the app uses."""

import io
import re

from django.core.files.base import ContentFile

from dearly.mailing import services
from dearly.mailing.models import Guide, OptInForm, Placement


def tiny_pdf(text: str = "A test guide") -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("helvetica", size=14)
    pdf.cell(text=text)
    buffer = io.BytesIO()
    pdf.output(buffer)
    return buffer.getvalue()


def make_guide(title="Ending an argument well", slug="ending-an-argument-well", **extra) -> Guide:
    guide = Guide(title=title, slug=slug, summary="How to stop a fight kindly.",
                  landing_text="A **short** guide for couples.", **extra)
    guide.pdf.save(f"{slug}.pdf", ContentFile(tiny_pdf(title)), save=False)
    return services.save_guide(guide)


def make_form(guide=None, placement=Placement.HOME, consent="We will email you the guide and the newsletter.",
              **extra) -> OptInForm:
    form = OptInForm(name=f"{placement} form", guide=guide, placement=placement,
                     heading="Get the free guide" if guide else "Join the newsletter", **extra)
    return services.save_form(form, consent_text=consent)


LINK = re.compile(r"https?://[^\s<>\"]+")


def links(text: str, fragment: str) -> list[str]:
    return [url for url in LINK.findall(text) if fragment in url]


def path_of(url: str) -> str:
    from urllib.parse import urlsplit

    return urlsplit(url).path
