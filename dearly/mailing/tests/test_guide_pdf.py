"""The free guide's PDF comes on the paper its readers print on: US Letter where the site's
country uses it, A4 elsewhere."""

import re

import pytest

from dearly.mailing import pdf

GUIDE = "# A guide\n\n## For two\n\nA paragraph.\n\n- A step.\n"


def page_size_in_points(document: bytes) -> tuple[float, float]:
    box = re.search(rb"/MediaBox\s*\[\s*0\s+0\s+([\d.]+)\s+([\d.]+)\s*\]", document)
    return round(float(box.group(1))), round(float(box.group(2)))


@pytest.mark.parametrize("country, size", [("US", (612, 792)), ("CA", (612, 792)), ("MX", (612, 792)),
                                           ("PH", (612, 792)), ("GB", (595, 842)), ("DE", (595, 842)),
                                           ("AU", (595, 842))])
def test_the_guide_is_printed_on_the_countrys_paper(settings, country, size):
    settings.DEFAULT_COUNTRY = country
    assert page_size_in_points(pdf.render(GUIDE, footer_text="Dearly")) == size


def test_a_paper_size_can_be_asked_for(settings):
    settings.DEFAULT_COUNTRY = "US"
    assert page_size_in_points(pdf.render(GUIDE, footer_text="Dearly", paper="A4")) == (595, 842)
