"""`manage.py broadcast` from the file to the last message, and what the email holds: an article's
members-only text only for members (the paywall decides), the teaser for everyone else, a
test send, a segment."""

import io
from datetime import timedelta

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from dearly.column.services import create_article
from dearly.email.models import OutgoingEmail
from dearly.email.testing import deliver_outbox
from dearly.mailing.tests.helpers import make_form, make_guide
from dearly.members import services as members
from dearly.members.models import Tier
from dearly.members.signin import member_for_email
from dearly.newsletter import selectors, sending, services
from dearly.newsletter.models import Broadcast, Delivery
from dearly.newsletter.tests.helpers import newsletters_at, readers, subscribe

pytestmark = pytest.mark.django_db

ISSUE = "# Ignored heading\n\nHello, **friends**. Knock first.\n\n<script>alert(1)</script>\n"


def issue_file(tmp_path, text=ISSUE):
    path = tmp_path / "issue.md"
    path.write_text(text)
    return str(path)


def test_the_command_queues_the_issue_sends_it_and_shows_progress_to_the_end(smtp_server, tmp_path):
    people = subscribe(*readers(6))
    deliver_outbox()
    smtp_server.messages.clear()
    out = io.StringIO()
    call_command("broadcast", issue_file(tmp_path), "--subject", "Knock first", "--segment", "all", "--yes",
                 "--here", "--interval", "0", stdout=out)
    output = out.getvalue()
    assert "6 recipients" in output
    assert "[##############################] 100.0%  sent 6" in output
    assert "Sent: 6 sent, 0 failed" in output
    got = newsletters_at(smtp_server)
    assert sorted(str(m["To"]) for m in got) == sorted(p.email for p in people)
    html = got[0].get_body(("html",)).get_content()
    assert "<strong>friends</strong>" in html and "<script>" not in html  # sanitized as everywhere
    assert Broadcast.objects.get().state == Broadcast.State.SENT


def test_without_yes_it_shows_the_count_and_sends_nothing_unless_told(smtp_server, tmp_path, monkeypatch):
    subscribe(*readers(3))
    answers = iter(["n"])
    monkeypatch.setattr("builtins.input", lambda prompt="": next(answers))
    out = io.StringIO()
    call_command("broadcast", issue_file(tmp_path), "--subject", "Maybe", stdout=out)
    assert "to 3 people (all), now" in out.getvalue()
    assert "Not sent" in out.getvalue()
    assert not Broadcast.objects.exists()


def test_the_command_schedules_with_at_and_the_worker_sends_it_then(smtp_server, tmp_path):
    subscribe(*readers(2))
    at = (timezone.now() + timedelta(hours=2)).replace(microsecond=0)
    call_command("broadcast", issue_file(tmp_path), "--subject", "Later", "--at", at.isoformat(), "--yes",
                 "--no-follow", stdout=io.StringIO())
    broadcast = Broadcast.objects.get()
    assert broadcast.state == Broadcast.State.SCHEDULED and broadcast.send_at == at
    assert sending.send_all() == 0
    assert sending.send_all(now=at + timedelta(seconds=1)) == 2


def test_the_command_refuses_bad_input_clearly(tmp_path):
    with pytest.raises(CommandError, match="Cannot read"):
        call_command("broadcast", str(tmp_path / "missing.md"), "--subject", "x", "--yes")
    with pytest.raises(CommandError, match="--segment is"):
        call_command("broadcast", issue_file(tmp_path), "--subject", "x", "--segment", "everyone", "--yes")
    with pytest.raises(CommandError, match="No guide"):
        call_command("broadcast", issue_file(tmp_path), "--subject", "x", "--segment", "guide:nope", "--yes")
    with pytest.raises(CommandError, match="not an ISO time"):
        call_command("broadcast", issue_file(tmp_path), "--subject", "x", "--at", "tomorrow", "--yes")
    with pytest.raises(CommandError, match="subject"):
        call_command("broadcast", issue_file(tmp_path), "--subject", "  ", "--yes")


SECRET = "The hidden part: practise the repair sentence every evening."


def members_only_article(published=None):
    return create_article(
        title="He can't connect emotionally",
        letter="My husband and I avoid each other or we fight.",
        answer=f"What you describe is a cycle, not a character flaw.\n\n<!--more-->\n\n{SECRET}",
        visibility="members", publish_at=published or timezone.now() - timedelta(minutes=1))


def test_a_members_only_article_reaches_members_in_full_and_everyone_else_as_its_teaser(smtp_server):
    paid = members.save_tier(Tier(name="Member", slug="member", included="Everything", monthly_price=500))
    member_address, reader_address, lapsed_address = "member@example.com", "reader@example.com", "lapsed@example.com"
    subscribe(member_address, reader_address, lapsed_address)
    members.grant_complimentary(member_for_email(member_address), paid)
    lapsed = members.grant_complimentary(member_for_email(lapsed_address), paid)
    members.end_complimentary(lapsed)
    deliver_outbox()
    smtp_server.messages.clear()

    broadcast = services.create_broadcast(subject="This week's answer", article=members_only_article())
    services.start_sending(broadcast)
    assert sending.send_all() == 3
    got = {str(m["To"]): m for m in newsletters_at(smtp_server)}

    def parts(address):
        m = got[address]
        return m.get_body(("plain",)).get_content() + m.get_body(("html",)).get_content()

    assert SECRET in parts(member_address)
    for address in (reader_address, lapsed_address):
        assert SECRET not in parts(address)
        assert "What you describe is a cycle" in parts(address)
        assert "/join/" in parts(address)
    assert SECRET not in broadcast.html_teaser + broadcast.text_teaser
    assert Delivery.objects.filter(full_text=True).get().subscriber.email == member_address


def test_segments_reach_whom_they_say(smtp_server):
    guide = make_guide()
    subscribe("guide-reader@example.com", form=make_form(guide))
    subscribe("other@example.com")
    paid = members.save_tier(Tier(name="Member", slug="member", included="Everything", monthly_price=500))
    subscribe("member@example.com")
    members.grant_complimentary(member_for_email("member@example.com"), paid)
    assert selectors.recipients_count("all") == 3
    assert selectors.recipients_count("guide", guide=guide) == 1
    assert selectors.recipients_count("members") == 1
    assert selectors.recipients_count("tier", tier=paid) == 1
    broadcast = services.create_broadcast(subject="For the guide's readers", body="Hi.", segment="guide",
                                          segment_guide=guide)
    assert selectors.recipients_count(broadcast) == 1
    with pytest.raises(ValueError, match="guide"):
        services.create_broadcast(subject="x", body="y", segment="guide")


def test_a_test_send_goes_to_the_expert_at_once_and_to_nobody_else(smtp_server):
    subscribe(*readers(3))
    deliver_outbox()
    smtp_server.messages.clear()
    broadcast = services.create_broadcast(subject="Draft issue", body="A **draft**.")
    services.send_test(broadcast, "nora@dearly.example")
    services.send_test(broadcast, "nora@dearly.example")  # a second test is a second email
    assert deliver_outbox() == 2
    assert [str(m["To"]) for m in smtp_server.messages] == ["nora@dearly.example"] * 2
    assert str(smtp_server.messages[0]["Subject"]) == "[Test] Draft issue"
    assert "<strong>draft</strong>" in smtp_server.messages[0].get_body(("html",)).get_content()
    assert broadcast.state == Broadcast.State.DRAFT and not Delivery.objects.exists()
    with pytest.raises(ValueError):
        services.send_test(broadcast, "not an address")
    assert OutgoingEmail.objects.count() == 2 + 3 * 1  # the two tests, the three confirmations


def test_a_digest_lists_the_answers_published_since_the_last_issue(smtp_server):
    with pytest.raises(ValueError, match="Nothing has been published"):
        services.draft_digest()
    old = create_article(title="An older answer", letter="Old letter.", answer="Old answer.",
                         publish_at=timezone.now() - timedelta(days=3))
    subscribe("reader@example.com")
    first = services.draft_digest()
    assert old.title in first.body and first.state == Broadcast.State.DRAFT
    services.start_sending(first)
    sending.send_all()
    new = create_article(title="A newer answer", letter="New letter.", answer="New answer.",
                         publish_at=timezone.now())
    members_only_article(published=timezone.now())
    second = services.draft_digest()
    assert new.title in second.body and old.title not in second.body
    assert "He can't connect emotionally" in second.body and SECRET not in second.body
    assert second.subject == "2 new answers"
