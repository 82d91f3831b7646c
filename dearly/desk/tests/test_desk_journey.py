"""The expert's journey in a real browser: sign in, triage a letter, anonymize it proposal by
proposal, publish the answer, find it in the archive; the writer's one email arrives at a real
SMTP server."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from dearly.column.models import Article
from dearly.desk.models import LetterAccess
from dearly.letters import services
from dearly.letters.models import Letter
from dearly.mailing.testing import deliver_outbox
from dearly.testing import set_up_two_factor_in_browser

pytestmark = pytest.mark.browser

LETTER = (
    "My husband Mark and I have been married eleven years. Since he started at Deloitte he comes "
    "home after nine and goes straight to his laptop. I'm 34 and I feel like a roommate. When I "
    "say I miss him he says he is doing it for us. How do I tell him I'm lonely without starting "
    "a fight?"
)


@pytest.fixture
def desk(live_server, transactional_db, crisis_services, expert):
    call_command("load_demo")
    letter = services.submit_letter(pen_name="Roommate wife", body=LETTER, email="roommate@example.com",
                                    consent_publication=True, consent_sensitive_data=True)
    return live_server.url, letter


def test_the_expert_goes_from_a_letter_to_a_published_anonymized_answer(page, desk, axe, smtp_server):
    site, letter = desk
    page.goto(site + "/desk/")
    expect(page.get_by_role("heading", name="Sign in to the desk")).to_be_visible()
    page.get_by_label("User name").fill("nora")
    page.get_by_label("Password").fill("pw-for-tests-only")
    page.get_by_role("button", name="Sign in").click()
    set_up_two_factor_in_browser(page)

    # The inbox: urgent letters first.
    expect(page.get_by_role("heading", name="Letters", level=1)).to_be_visible()
    first_row = page.locator("table.inbox tbody tr").first
    expect(first_row).to_contain_text("Urgent")
    assert axe(page) == []

    page.get_by_role("link", name=f"#{letter.pk} · Roommate wife").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"#{letter.pk} · Roommate wife")
    expect(page.locator(".letter-text")).to_contain_text("Since he started at Deloitte")
    expect(page.get_by_role("heading", name="Crisis screening: nothing found")).to_be_visible()
    assert axe(page) == []

    page.get_by_role("button", name="Shortlist").click()
    expect(page.get_by_role("status")).to_contain_text("is now shortlisted")
    page.get_by_label("Add a note").fill("Pairs well with the disconnection piece.")
    page.get_by_role("button", name="Add note").click()
    expect(page.get_by_text("Pairs well with the disconnection piece.")).to_be_visible()

    # Anonymize: every proposal is marked; edit one, keep the defaults for the rest.
    page.get_by_role("link", name="Answer: start from an anonymized copy").click()
    expect(page.get_by_role("heading", name="Anonymize before answering")).to_be_visible()
    expect(page.locator("mark.proposal").first).to_be_visible()
    deloitte = page.locator("fieldset.proposal", has_text="“Deloitte”")
    deloitte.get_by_label("Replace with").fill("a consulting firm")
    assert axe(page) == []
    page.get_by_label("Working title").fill("He works late and I feel like a roommate")
    page.get_by_role("button", name="Start the draft from this copy").click()

    expect(page.get_by_role("heading", name=f"Answer to letter #{letter.pk}")).to_be_visible()
    published_letter = page.get_by_label("The letter, as it will be published")
    expect(published_letter).to_contain_text("a consulting firm")
    for identifier in ("Mark", "Deloitte", "34"):
        assert identifier not in published_letter.input_value()
    assert axe(page) == []
    expect(published_letter).to_contain_text("— Roommate wife")  # signed with the pen name
    # As the expert types, the preview follows (sanitized Markdown) and the draft is saved.
    page.get_by_label("Your answer").fill("Loneliness in a marriage is a **signal**, not a failure. Tell him what you miss.")
    expect(page.locator("#preview .answer strong")).to_have_text("signal")
    expect(page.locator("#save-status")).to_contain_text("Saved at")
    article = Article.objects.get(title="He works late and I feel like a roommate")
    assert "**signal**" in article.answer and article.status == Article.Status.DRAFT
    assert axe(page) == []
    page.get_by_role("button", name="Publish…").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("now?")
    assert axe(page) == []
    page.get_by_role("button", name="Yes, publish now").click()
    expect(page.get_by_role("status")).to_contain_text("Published")

    # The answer is in the public archive.
    page.goto(site + "/qa/")
    page.get_by_role("link", name="He works late and I feel like a roommate").click()
    expect(page.get_by_role("region", name="The reader's letter")).to_contain_text("a consulting firm")
    expect(page.get_by_role("region", name="The reader's letter")).not_to_contain_text("Deloitte")

    # The writer's one email, through a real SMTP server; then the address is gone.
    deliver_outbox()
    sent = smtp_server.to("roommate@example.com")
    assert len(sent) == 1
    article = Article.objects.get(title="He works late and I feel like a roommate")
    assert article.get_absolute_url() in sent[0].get_body(("plain",)).get_content()
    letter.refresh_from_db()
    assert letter.state == Letter.State.PUBLISHED and letter.email == ""

    # And the expert can see who read the letter.
    page.goto(site + "/desk/access-log/")
    expect(page.locator("tbody tr").first).to_contain_text(f"#{letter.pk}")
    assert LetterAccess.objects.filter(letter_id=letter.pk, action="viewed").exists()
    assert axe(page) == []
