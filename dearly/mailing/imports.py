"""CSV import of subscribers who agreed elsewhere (a workshop sheet, an old list).

preview() checks every row without writing; import_subscribers() imports the good rows of an
uploaded file once, and reports every rejected row by its line number in the file.
"""

import csv
import io
from datetime import datetime, time

from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_date, parse_datetime

from dearly.mailing.models import (
    ConsentRecord,
    Subscriber,
    SubscriberImport,
    Suppression,
    address_key,
    normalize_email,
)
from dearly.mailing.services import clean_email

COLUMNS = {
    "email": {"email", "e-mail", "email address", "e-mail address"},
    "name": {"name", "first name", "first_name", "full name"},
    "consent_source": {"consent_source", "consent source", "consent", "source"},
    "consented_at": {"consented_at", "consented at", "consent date", "date"},
}
MALFORMED = "malformed email"
DUPLICATE = "duplicate"
SUPPRESSED = "suppressed"
MISSING_CONSENT = "missing consent source"
BAD_DATE = "bad date"
LOOKUP_CHUNK = 2000


def decode(data: bytes) -> str:
    """Text from an uploaded file: UTF-8 (with or without BOM), else Windows-1252 (Excel)."""
    if b"\x00" in data[:4096]:
        raise ValueError("That file is not a CSV text file. Export it from your spreadsheet as CSV.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            return data.decode("cp1252")
        except UnicodeDecodeError:
            raise ValueError("We could not read that file's characters. Please save it as CSV (UTF-8).") from None


def _header_map(header: list[str]) -> dict[str, int]:
    found = {}
    for index, title in enumerate(header):
        title = title.strip().lower()
        for column, names in COLUMNS.items():
            if title in names and column not in found:
                found[column] = index
    return found


def _when(raw: str):
    raw = raw.strip()
    if not raw:
        return None
    value = parse_datetime(raw)
    if value is None and (day := parse_date(raw)) is not None:
        value = datetime.combine(day, time(12, 0))
    if value is None:
        raise ValueError
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    return value


def preview(content: str) -> dict:
    """{"error": str, "good": [...], "rejected": [...]}; each row carries its file line number."""
    report = {"error": "", "good": [], "rejected": [], "imported": 0}
    reader = csv.reader(io.StringIO(content))
    try:
        header = next(reader)
    except StopIteration:
        report["error"] = "The file is empty."
        return report
    except csv.Error as exc:
        report["error"] = f"The file is not valid CSV: {exc}."
        return report
    columns = _header_map(header)
    if "email" not in columns:
        report["error"] = "The first line must name the columns, with one called “email”."
        return report

    rows = []
    try:
        for row in reader:
            if not any(cell.strip() for cell in row):
                continue
            rows.append((reader.line_num, row))
    except csv.Error as exc:
        report["error"] = f"The file is not valid CSV near line {reader.line_num}: {exc}."
        return report

    def cell(row, column):
        index = columns.get(column)
        return row[index].strip() if index is not None and index < len(row) else ""

    addresses = sorted({normalize_email(cell(row, "email")) for _, row in rows})
    existing, suppressed = {}, {}
    # In chunks: one IN (...) with every address of a large file passes SQLite's limit on SQL
    # variables (32,766) and PostgreSQL's (65,535).
    for start in range(0, len(addresses), LOOKUP_CHUNK):
        chunk = addresses[start:start + LOOKUP_CHUNK]
        existing.update(Subscriber.objects.filter(email__in=chunk).values_list("email", "status"))
        suppressed.update(Suppression.objects.filter(
            address_key__in=[address_key(a) for a in chunk]).values_list("address_key", "reason"))
    first_line = {}
    for line, row in rows:
        raw_email = cell(row, "email")

        def reject(reason, message, line=line, raw_email=raw_email):
            report["rejected"].append({"line": line, "email": raw_email, "reason": reason, "message": message})

        try:
            email = clean_email(raw_email)
        except ValueError:
            reject(MALFORMED, "This is not an email address." if raw_email else "The email is missing.")
            continue
        if email in first_line:
            reject(DUPLICATE, f"The same address is on line {first_line[email]}.")
            continue
        first_line[email] = line
        if (reason := suppressed.get(address_key(email))) is not None:
            reject(SUPPRESSED, f"This address is suppressed ({Suppression.Reason(reason).label.lower()}).")
            continue
        if existing.get(email) == Subscriber.Status.UNSUBSCRIBED:
            reject(SUPPRESSED, "This person unsubscribed; importing would add them back without their consent.")
            continue
        if email in existing:
            reject(DUPLICATE, "Already on the list.")
            continue
        source = cell(row, "consent_source")
        if not source:
            reject(MISSING_CONSENT, "Say where and how this person agreed (the consent_source column).")
            continue
        try:
            consented_at = _when(cell(row, "consented_at"))
        except ValueError:
            reject(BAD_DATE, "The consent date should look like 2025-03-14.")
            continue
        report["good"].append({
            "line": line, "email": email, "name": " ".join(cell(row, "name").split())[:120],
            "consent_source": source[:250], "consented_at": consented_at.isoformat() if consented_at else "",
        })
    return report


def store_upload(filename: str, data: bytes, *, by=None) -> SubscriberImport:
    """Keep an uploaded file for its preview (nothing is imported yet). ValueError, with a
    message for the expert, when it cannot be read as text."""
    return SubscriberImport.objects.create(filename=filename[:200], content=decode(data), uploaded_by=by)


def import_subscribers(batch: SubscriberImport, *, by=None) -> dict:
    """Import the good rows of an uploaded file, once (a second call returns the first report)."""
    with transaction.atomic():
        now = timezone.now()
        if not SubscriberImport.objects.filter(pk=batch.pk, imported_at__isnull=True).update(imported_at=now):
            batch.refresh_from_db()
            return batch.report
        report = preview(batch.content)
        who = by.get_username() if by is not None else "a command"
        for row in report["good"]:
            consented_at = parse_datetime(row["consented_at"]) if row["consented_at"] else now
            subscriber = Subscriber.objects.create(
                email=row["email"], name=row["name"], status=Subscriber.Status.SUBSCRIBED,
                source=f"Import: {batch.filename}"[:200], created_at=now, confirmed_at=consented_at,
            )
            ConsentRecord.objects.create(
                subscriber=subscriber, event=ConsentRecord.Event.IMPORTED, email=subscriber.email,
                form_name=f"Import: {batch.filename}"[:200], wording_text=row["consent_source"],
                detail=f"{batch.filename}, line {row['line']}, imported by {who}"[:300],
                created_at=now,
            )
        report["imported"] = len(report["good"])
        batch.report = report
        batch.imported_at = now
        batch.save(update_fields=["report", "imported_at"])
    return report
