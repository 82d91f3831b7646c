"""A small Markdown-to-PDF renderer (fpdf2) for free guides written in plain text.

It reads the Markdown a guide needs and no more: # title, ## and ### headings, paragraphs,
"- " lists, "> " quotes (scripts to say aloud), **bold** and *italic*. DejaVu fonts cover
every character a writer is likely to type (curly quotes, dashes, accents).
"""

import logging
import re
from pathlib import Path

from django.conf import settings
from fpdf import FPDF

# fontTools logs every step of font subsetting at INFO; that is noise in `make run`.
logging.getLogger("fontTools").setLevel(logging.WARNING)

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
INK = (31, 35, 40)
MUTED = (87, 96, 106)
ACCENT = (138, 59, 46)
SOFT = (246, 239, 230)
LINE = 5.3  # mm between lines of body text
NEXT_LINE = {"new_x": "LMARGIN", "new_y": "NEXT"}
# Where paper comes in US Letter (8.5 × 11 in); everywhere else it is A4.
LETTER_COUNTRIES = {"US", "CA", "MX", "PH", "CL", "CO", "VE", "GT", "CR", "PA", "DO", "PR", "SV", "NI", "BZ"}
_ITALIC = re.compile(r"(?<![*\w])\*(?!\*)(.+?)(?<!\*)\*(?![*\w])")


def _inline(text: str) -> str:
    """Our Markdown emphasis to fpdf2's markers, with fpdf2's own markers in the text escaped."""
    for marker in ("__", "--", "~~"):
        text = text.replace(marker, "\\" + marker)
    return _ITALIC.sub(r"__\1__", text)


def _blocks(markdown: str):
    """(kind, text) for each block: h1, h2, h3, p, li, quote."""
    paragraph: list[str] = []

    def flush():
        if paragraph:
            yield "p", " ".join(paragraph)
            paragraph.clear()

    for raw in markdown.splitlines():
        line = raw.strip()
        if not line:
            yield from flush()
            continue
        for prefix, kind in (("### ", "h3"), ("## ", "h2"), ("# ", "h1"), ("- ", "li"), ("> ", "quote")):
            if line.startswith(prefix):
                yield from flush()
                yield kind, line[len(prefix):].strip().strip('"') if kind == "quote" else line[len(prefix):].strip()
                break
        else:
            paragraph.append(line)
    yield from flush()


def paper_size(country: str | None = None) -> str:
    """The paper a reader in the site's country (DEARLY_COUNTRY) prints on."""
    return "Letter" if (country or settings.DEFAULT_COUNTRY).upper() in LETTER_COUNTRIES else "A4"


class GuidePDF(FPDF):
    def __init__(self, *, title: str, footer_text: str, paper: str | None = None):
        super().__init__(format=paper or paper_size())
        self.guide_title = title
        self.footer_text = footer_text
        self.set_margins(20, 18, 20)
        self.set_auto_page_break(True, margin=18)
        for family, files in {
            "serif": ("DejaVuSerif.ttf", "DejaVuSerif-Bold.ttf", "DejaVuSerif-Italic.ttf", "DejaVuSerif-BoldItalic.ttf"),
            "sans": ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf", "DejaVuSans-Oblique.ttf", "DejaVuSans-BoldOblique.ttf"),
        }.items():
            for style, name in zip(("", "B", "I", "BI"), files, strict=True):
                self.add_font(family, style, str(FONT_DIR / name))
        self.set_title(title)
        self.set_creator("Dearly")

    def footer(self):
        self.set_y(-13)
        self.set_font("sans", size=8)
        self.set_text_color(*MUTED)
        self.cell(0, 5, f"{self.footer_text}  ·  {self.page_no()}/{{nb}}", align="C")


def render(markdown: str, *, footer_text: str, paper: str | None = None) -> bytes:
    """The PDF of a guide written in Markdown, on the site's country's paper unless told."""
    blocks = list(_blocks(markdown))
    title = next((text for kind, text in blocks if kind == "h1"), "A guide")
    pdf = GuidePDF(title=title, footer_text=footer_text, paper=paper)
    pdf.add_page()
    width = pdf.epw
    first_h2 = True
    previous = None
    for kind, text in blocks:
        pdf.set_text_color(*INK)
        if previous == "li" and kind != "li":
            pdf.ln(1.5)
        previous = kind
        if kind == "h1":
            pdf.set_fill_color(*ACCENT)
            pdf.rect(pdf.l_margin, pdf.get_y(), 18, 1.6, style="F")
            pdf.ln(6)
            pdf.set_font("sans", "B", 24)
            pdf.multi_cell(width, 11, text, **NEXT_LINE)
        elif kind == "h2" and first_h2:
            # The subtitle, right under the title.
            first_h2 = False
            pdf.set_font("sans", "", 13)
            pdf.set_text_color(*MUTED)
            pdf.multi_cell(width, 7, text, **NEXT_LINE)
            pdf.ln(5)
        elif kind in ("h2", "h3"):
            if pdf.get_y() > pdf.h - 60:  # keep a heading with the text after it
                pdf.add_page()
            pdf.ln(4)
            pdf.set_font("sans", "B", 14 if kind == "h2" else 12)
            pdf.set_text_color(*ACCENT)
            pdf.multi_cell(width, 7, text, **NEXT_LINE)
            pdf.ln(1.5)
        elif kind == "p":
            pdf.set_font("serif", "", 10.5)
            pdf.multi_cell(width, LINE, _inline(text), markdown=True, **NEXT_LINE)
            pdf.ln(2)
        elif kind == "li":
            pdf.set_font("serif", "", 10.5)
            x = pdf.get_x()
            pdf.set_text_color(*ACCENT)
            pdf.cell(6, LINE, "•")
            pdf.set_text_color(*INK)
            pdf.multi_cell(width - 6, LINE, _inline(text), markdown=True, **NEXT_LINE)
            pdf.set_x(x)
            pdf.ln(0.8)
        elif kind == "quote":
            pdf.set_font("serif", "I", 10.5)
            pdf.set_fill_color(*SOFT)
            pdf.set_x(pdf.l_margin + 4)
            pdf.multi_cell(width - 8, LINE, _inline(text), markdown=True, fill=True, padding=(2, 4), **NEXT_LINE)
            pdf.ln(2.2)
    return bytes(pdf.output())
