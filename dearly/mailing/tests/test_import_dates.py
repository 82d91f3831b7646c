"""CSV import reads the consent date in the forms people's spreadsheets use, in the day/month
order the expert chooses, and reports a date it cannot read by its line."""

from datetime import UTC, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from dearly.mailing import imports
from dearly.mailing.imports import DAY_FIRST, MONTH_FIRST, BadDate, parse_consent_date
from dearly.mailing.models import Subscriber, SubscriberImport

pytestmark = pytest.mark.django_db


def local_day(value):
    return timezone.localtime(value).date().isoformat()


@pytest.mark.parametrize("raw, day", [
    ("2026-03-14", "2026-03-14"),
    ("14 March 2026", "2026-03-14"),
    ("14 Mar 2026", "2026-03-14"),
    ("March 14, 2026", "2026-03-14"),
    ("march 14 2026", "2026-03-14"),
    ("Sept 3, 2025", "2025-09-03"),
    ("14th March 2026", "2026-03-14"),
])
def test_it_reads_iso_dates_and_dates_with_month_names(raw, day):
    assert local_day(parse_consent_date(raw)) == day


@pytest.mark.parametrize("raw, moment", [
    ("2026-03-14T09:30:00Z", datetime(2026, 3, 14, 9, 30, tzinfo=UTC)),
    ("2026-03-14T09:30:00+02:00", datetime(2026, 3, 14, 7, 30, tzinfo=UTC)),
    ("2026-03-14 09:30:00-05:00", datetime(2026, 3, 14, 14, 30, tzinfo=UTC)),
])
def test_it_reads_iso_datetimes_with_z_or_an_offset(raw, moment):
    assert parse_consent_date(raw) == moment


def test_numeric_dates_follow_the_chosen_order():
    assert local_day(parse_consent_date("14/03/2026", DAY_FIRST)) == "2026-03-14"
    assert local_day(parse_consent_date("03/14/2026", MONTH_FIRST)) == "2026-03-14"
    # Ambiguous: the chosen order decides.
    assert local_day(parse_consent_date("03/04/2026", DAY_FIRST)) == "2026-04-03"
    assert local_day(parse_consent_date("03/04/2026", MONTH_FIRST)) == "2026-03-04"
    assert local_day(parse_consent_date("14.03.2026", DAY_FIRST)) == "2026-03-14"


def test_without_an_order_only_dates_that_cannot_be_read_two_ways_are_taken():
    assert local_day(parse_consent_date("14/03/2026")) == "2026-03-14"
    assert local_day(parse_consent_date("03/14/2026")) == "2026-03-14"
    with pytest.raises(BadDate, match="choose the order"):
        parse_consent_date("03/04/2026")


@pytest.mark.parametrize("raw, order, says", [
    ("14/03/2026", MONTH_FIRST, "month first"),
    ("31/02/2026", DAY_FIRST, "day first"),
    ("2026-02-30", "", "not a date on the calendar"),
    ("yesterday-ish", "", "not a date we can read"),
    ("14 Smarch 2026", "", "not a date we can read"),
    ("2999-01-01", "", "in the future"),
])
def test_a_date_it_cannot_read_says_why(raw, order, says):
    with pytest.raises(BadDate, match=says):
        parse_consent_date(raw, order)


CSV = """email,name,consent_source,joined
ann@example.com,Ann,Workshop,14 March 2026
bob@example.com,Bob,Workshop,03/04/2026
cy@example.com,Cy,Workshop,not a date
di@example.com,Di,Workshop,2026-03-14T09:30:00Z
"""


def test_a_bad_date_is_reported_by_its_line_and_the_rest_imported():
    batch = SubscriberImport.objects.create(filename="list.csv", content=CSV, date_order=MONTH_FIRST)
    report = imports.import_subscribers(batch)
    assert [(row["line"], row["reason"]) for row in report["rejected"]] == [(4, imports.BAD_DATE)]
    assert "not a date we can read" in report["rejected"][0]["message"]
    assert report["imported"] == 3
    joined = {s.email: local_day(s.confirmed_at) for s in Subscriber.objects.all()}
    assert joined == {"ann@example.com": "2026-03-14", "bob@example.com": "2026-03-04",
                      "di@example.com": "2026-03-14"}


def test_the_desk_import_asks_for_the_day_month_order_and_reads_by_it(desk_client):
    form_page = desk_client.get("/desk/subscribers/import/").content.decode()
    assert 'name="date_order"' in form_page
    upload = SimpleUploadedFile("list.csv", CSV.encode(), content_type="text/csv")
    response = desk_client.post("/desk/subscribers/import/", {"file": upload, "date_order": DAY_FIRST})
    assert response.status_code == 302
    preview = desk_client.get(response["Location"]).content.decode()
    assert "3 rows ready to import; 1 rejected." in preview
    desk_client.post(response["Location"])
    assert local_day(Subscriber.objects.get(email="bob@example.com").confirmed_at) == "2026-04-03"
