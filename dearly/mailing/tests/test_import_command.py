"""manage.py import_subscribers FILE.csv --source "...": the desk's import from the shell,
with the same per-line report."""

import io

import pytest
from django.core.management import CommandError, call_command

from dearly.mailing import services
from dearly.mailing.models import ConsentRecord, Subscriber, SubscriberImport, Suppression

pytestmark = pytest.mark.django_db

CSV = """email,name,consented_at
ann@example.com,Ann,14/03/2026
not-an-email,Bob,
bounced@example.com,Dee,
ANN@example.com,Ann again,
cy@example.com,Cy,03/04/2026
di@example.com,Di,someday
"""


def run(*args):
    out = io.StringIO()
    call_command("import_subscribers", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def csv_file(tmp_path):
    path = tmp_path / "workshop.csv"
    path.write_text(CSV, encoding="utf-8")
    return path


def test_it_imports_the_good_rows_and_reports_each_bad_one_by_its_line(csv_file):
    services.suppress("bounced@example.com", Suppression.Reason.BOUNCED)
    out = run(str(csv_file), "--source", "Sign-up sheet at the March workshop", "--date-order", "dmy")
    assert "Line 3: not-an-email: malformed email." in out
    assert "Line 4: bounced@example.com: suppressed." in out
    assert "Line 5: ANN@example.com: duplicate. The same address is on line 2." in out
    assert "Line 7: di@example.com: bad date." in out
    assert "Imported 2 subscribers; 4 rows rejected." in out
    assert set(Subscriber.objects.values_list("email", flat=True)) == {"ann@example.com", "cy@example.com"}
    assert Subscriber.objects.get(email="cy@example.com").confirmed_at.month == 4  # 03/04 read day first
    consent = ConsentRecord.objects.get(email="ann@example.com")
    assert consent.wording_text == "Sign-up sheet at the March workshop"
    assert "workshop.csv, line 2, imported by a command" == consent.detail


def test_without_a_source_rows_that_do_not_say_where_people_agreed_are_refused(csv_file):
    out = run(str(csv_file), "--date-order", "dmy")
    assert "Line 2: ann@example.com: missing consent source." in out
    assert not Subscriber.objects.exists()


def test_a_dry_run_reports_and_keeps_nothing(csv_file):
    out = run(str(csv_file), "--source", "Workshop", "--dry-run")
    assert "Would import 2 subscribers" in out and "Line 6: cy@example.com: bad date." in out
    assert not Subscriber.objects.exists() and not SubscriberImport.objects.exists()


def test_a_missing_or_unreadable_file_is_a_clear_error(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        run(str(tmp_path / "nope.csv"))
    (tmp_path / "bad.csv").write_text("name,source\nAnn,x\n", encoding="utf-8")
    with pytest.raises(CommandError, match="email"):
        run(str(tmp_path / "bad.csv"), "--source", "x")
