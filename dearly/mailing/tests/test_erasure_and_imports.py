"""An erased subscriber's address does not survive in stored CSV imports: not in the uploaded
file's text, the preview's rows, nor the import's report."""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder

from dearly.mailing import imports, services
from dearly.mailing.models import Subscriber, SubscriberImport

pytestmark = pytest.mark.django_db

ADDRESS = "sam.quill@example.com"

WORKSHOP = f"""email,name,consent_source,consented_at
ann@example.com,Ann,Workshop,2026-03-14
{ADDRESS.upper()},Samantha Quill,Workshop,2026-03-14
bad-address,Bob,Workshop,
"{ADDRESS}","Sam, again
on two lines",Workshop,
cy@example.com,Cy,Workshop,
"""
OLD_LIST = f"""email,consent_source
{ADDRESS},Old newsletter list
di@example.com,Old newsletter list
"""


def every_stored_value() -> str:
    """Every row of every table, as text."""
    rows = []
    for model in apps.get_models():
        rows.extend(model.objects.values())
    return json.dumps(rows, cls=DjangoJSONEncoder, ensure_ascii=False).lower()


def test_erasing_a_subscriber_scrubs_their_address_from_every_stored_import():
    imported = imports.store_upload(f"workshop-{ADDRESS}.csv", WORKSHOP.encode())
    imports.import_subscribers(imported)
    waiting = imports.store_upload("old-list.csv", OLD_LIST.encode())  # previewed, never imported
    assert ADDRESS in every_stored_value()

    services.erase_subscriber(Subscriber.objects.get(email=ADDRESS))

    stored = every_stored_value()
    assert ADDRESS not in stored and "samantha" not in stored and "on two lines" not in stored
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        assert not path.is_file() or ADDRESS.encode() not in path.read_bytes().lower()
    # Everyone else, and the line numbers the desk reported, are as they were.
    imported.refresh_from_db()
    assert [row["line"] for row in imported.report["good"]] == [2, 7]
    assert [(row["line"], row["email"]) for row in imported.report["rejected"]] == [(4, "bad-address")]
    assert [row["line"] for row in imports.preview_batch(imported)["rejected"]] == [2, 4, 7]  # the others, now on the list
    assert imported.filename == "workshop-(erased).csv"
    waiting.refresh_from_db()
    assert [(row["line"], row["email"]) for row in imports.preview_batch(waiting)["good"]] == [(3, "di@example.com")]
    assert SubscriberImport.objects.count() == 2
