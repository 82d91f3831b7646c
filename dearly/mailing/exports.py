"""CSV exports for the desk: the whole list with consent status, one person's record."""

import csv
import io

from django.db.models import Prefetch
from django.http import HttpResponse

from dearly.mailing.models import ConsentRecord, Subscriber

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _safe(value) -> str:
    """Spreadsheets run cells that start like formulas; make them plain text."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _iso(value) -> str:
    return value.isoformat() if value else ""


def csv_response(rows, filename: str) -> HttpResponse:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    for row in rows:
        writer.writerow([_safe(v) for v in row])
    response = HttpResponse(buffer.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def subscriber_rows():
    yield ["email", "name", "status", "newsletter", "topics", "joined_at", "confirmed_at", "unsubscribed_at",
           "source", "consent_event", "consent_at", "consent_form", "consent_wording_version", "consent_wording"]
    consent_events = [ConsentRecord.Event.CONFIRMED, ConsentRecord.Event.IMPORTED, ConsentRecord.Event.REQUESTED]
    people = (Subscriber.objects.order_by("created_at", "id")
              .prefetch_related("topics", Prefetch(
                  "consent_records", queryset=ConsentRecord.objects.filter(event__in=consent_events)
                  .order_by("-created_at", "-id"), to_attr="consents")))
    for person in people.iterator(chunk_size=500):
        consent = person.consents[0] if person.consents else None
        yield [
            person.email, person.name, person.status, "yes" if person.wants_newsletter else "no",
            "; ".join(t.name for t in person.topics.all()),
            _iso(person.created_at), _iso(person.confirmed_at), _iso(person.unsubscribed_at), person.source,
            consent.event if consent else "", _iso(consent.created_at) if consent else "",
            consent.form_name if consent else "", consent.wording_version if consent else "",
            consent.wording_text if consent else "",
        ]


def consent_record_rows(subscriber: Subscriber):
    yield ["at", "event", "email", "form", "wording_version", "wording", "detail"]
    for record in subscriber.consent_records.all():
        yield [_iso(record.created_at), record.get_event_display(), record.email, record.form_name,
               record.wording_version or "", record.wording_text, record.detail]
