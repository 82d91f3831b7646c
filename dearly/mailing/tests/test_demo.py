import re
import shutil
import subprocess

import pytest

from dearly.mailing import demo
from dearly.mailing.models import ConsentRecord, Guide, OptInForm, Subscriber
from dearly.mailing.pdf import paper_size

pytestmark = pytest.mark.django_db


def test_the_demo_adds_a_guide_with_its_pdf_forms_and_subscribers(client):
    demo.load()
    guide = Guide.objects.get()
    data = guide.pdf.read()
    pages = {"A4": 4, "Letter": 5}[paper_size()]  # the paper follows DEARLY_COUNTRY (US: Letter)
    assert data.startswith(b"%PDF-") and len(re.findall(rb"/Type /Page\b", data)) == pages
    assert sorted(OptInForm.objects.values_list("placement", flat=True)) == ["article", "home", "landing"]
    assert Subscriber.objects.filter(status=Subscriber.Status.SUBSCRIBED).count() == 4
    assert Subscriber.objects.filter(status=Subscriber.Status.UNSUBSCRIBED).count() == 1
    assert ConsentRecord.objects.filter(event=ConsentRecord.Event.IMPORTED).count() == 5
    assert b"Free guide: ending an argument well" in client.get("/").content
    assert b"Four pages" in client.get(guide.get_absolute_url()).content


def test_loading_the_demo_twice_changes_nothing():
    demo.load()
    demo.load()
    assert Guide.objects.count() == 1 and OptInForm.objects.count() == 3 and Subscriber.objects.count() == 5
    assert {w.version for form in OptInForm.objects.all() for w in form.wordings.all()} == {1}


@pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils' pdftotext")
def test_the_guide_text_survives_into_the_pdf(tmp_path):
    path = tmp_path / "guide.pdf"
    path.write_bytes(demo.guide_pdf())
    text = " ".join(subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True, check=True)
                    .stdout.split())
    assert "Ending an argument well" in text and "Is there more?" in text
    assert "When ______ happened, I felt ______" in text  # underscores are text, not italics markers
    assert "1-800-799-7233" in text and "988" in text
