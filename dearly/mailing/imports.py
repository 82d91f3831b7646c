"""CSV import of subscribers who agreed elsewhere (a workshop sheet, an old list).

preview() checks every row without writing; import_subscribers() imports the good rows of an
uploaded file once, and reports every rejected row by its line number in the file.
"""

import csv
import io
import re
from datetime import date, datetime, time, timedelta

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
    "consented_at": {"consented_at", "consented at", "consent date", "date", "joined", "joined_at", "joined at",
                     "date joined", "signed up", "subscribed at", "subscribed_at"},
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


DAY_FIRST, MONTH_FIRST = "dmy", "mdy"
DATE_ORDERS = {
    DAY_FIRST: "Day first: 14/03/2026 is 14 March",
    MONTH_FIRST: "Month first: 03/14/2026 is 14 March",
}
MONTHS = {name: number for number, names in enumerate([
    ("january", "jan"), ("february", "feb"), ("march", "mar"), ("april", "apr"), ("may",), ("june", "jun"),
    ("july", "jul"), ("august", "aug"), ("september", "sep", "sept"), ("october", "oct"),
    ("november", "nov"), ("december", "dec")], start=1) for name in names}
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_DAY_MONTH_YEAR = re.compile(r"(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})")
_MONTH_DAY_YEAR = re.compile(r"([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})")
DATE_FORMS = "2026-03-14, 14 March 2026, March 14, 2026 or 14/03/2026 in the day/month order chosen"


class BadDate(ValueError):
    pass


def _day(year, month, day, raw):
    try:
        return date(int(year), int(month), int(day))
    except ValueError:
        raise BadDate(f"“{raw}” is not a date on the calendar.") from None


def parse_consent_date(raw: str, date_order: str = "", *, now=None):
    """The moment of consent a CSV cell states, aware; None for an empty cell; BadDate, with a
    message for the expert, when it cannot be read or could be read two ways.

    ISO 8601 dates and datetimes (with Z or an offset; without one, in Dearly's time zone),
    "14 March 2026", "March 14, 2026" (month names in English, whole or short), and
    14/03/2026 or 03/14/2026 read in `date_order` (DAY_FIRST or MONTH_FIRST). Without an
    order, a numeric date is read only where it cannot be read two ways. A date alone means
    noon, so that no time zone moves it to another day."""
    raw = " ".join(raw.split())
    if not raw:
        return None
    value = None
    try:
        value = parse_datetime(raw)
        if value is None and (day := parse_date(raw)) is not None:
            value = datetime.combine(day, time(12, 0))
    except ValueError:
        raise BadDate(f"“{raw}” is not a date on the calendar.") from None
    if value is None:
        lowered = raw.lower()
        if match := _NUMERIC.fullmatch(lowered):
            first, second, year = match.groups()
            if date_order == DAY_FIRST:
                day, month = first, second
            elif date_order == MONTH_FIRST:
                month, day = first, second
            elif int(first) > 12 >= int(second):
                day, month = first, second
            elif int(second) > 12 >= int(first):
                month, day = first, second
            else:
                raise BadDate(f"“{raw}” could be day/month or month/day: choose the order the file uses.")
            try:
                value = datetime.combine(_day(year, month, day, raw), time(12, 0))
            except BadDate:
                if date_order:
                    raise BadDate(f"“{raw}” is not a date when read {'day' if date_order == DAY_FIRST else 'month'} "
                                  "first, the order chosen for this file.") from None
                raise
        elif (match := _DAY_MONTH_YEAR.fullmatch(lowered)) and match.group(2) in MONTHS:
            day, name, year = match.groups()
            value = datetime.combine(_day(year, MONTHS[name], day, raw), time(12, 0))
        elif (match := _MONTH_DAY_YEAR.fullmatch(lowered)) and match.group(1) in MONTHS:
            name, day, year = match.groups()
            value = datetime.combine(_day(year, MONTHS[name], day, raw), time(12, 0))
    if value is None:
        raise BadDate(f"“{raw}” is not a date we can read. Use {DATE_FORMS}.")
    if timezone.is_naive(value):
        value = timezone.make_aware(value)
    if value > (now or timezone.now()) + timedelta(days=1):
        raise BadDate(f"“{raw}” is in the future: consent is given before an import, not after.")
    return value


def preview(content: str, *, date_order: str = "", default_source: str = "") -> dict:
    """{"error": str, "good": [...], "rejected": [...]}; each row carries its file line number.

    Consent dates are read in `date_order` (see parse_consent_date); `default_source` says where
    and how people agreed for the rows whose consent_source cell is empty."""
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
        source = cell(row, "consent_source") or default_source.strip()
        if not source:
            reject(MISSING_CONSENT, "Say where and how this person agreed (the consent_source column).")
            continue
        try:
            consented_at = parse_consent_date(cell(row, "consented_at"), date_order)
        except BadDate as exc:
            reject(BAD_DATE, str(exc))
            continue
        report["good"].append({
            "line": line, "email": email, "name": " ".join(cell(row, "name").split())[:120],
            "consent_source": source[:250], "consented_at": consented_at.isoformat() if consented_at else "",
        })
    return report


def store_upload(filename: str, data: bytes, *, by=None, date_order: str = "",
                 default_source: str = "") -> SubscriberImport:
    """Keep an uploaded file for its preview (nothing is imported yet), with how to read it.
    ValueError, with a message for the expert, when it cannot be read as text."""
    if date_order not in ("", *DATE_ORDERS):
        raise ValueError(f"The date order must be one of {', '.join(DATE_ORDERS)}.")
    return SubscriberImport.objects.create(filename=filename[:200], content=decode(data), uploaded_by=by,
                                           date_order=date_order, default_source=default_source.strip()[:250])


def preview_batch(batch: SubscriberImport) -> dict:
    """The preview of a stored upload, read the way it was uploaded to be read."""
    return preview(batch.content, date_order=batch.date_order, default_source=batch.default_source)


def import_subscribers(batch: SubscriberImport, *, by=None) -> dict:
    """Import the good rows of an uploaded file, once (a second call returns the first report)."""
    with transaction.atomic():
        now = timezone.now()
        if not SubscriberImport.objects.filter(pk=batch.pk, imported_at__isnull=True).update(imported_at=now):
            batch.refresh_from_db()
            return batch.report
        report = preview_batch(batch)
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
