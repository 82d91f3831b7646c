"""Every issue that went out is a page on the site, unless the expert unticked it; the
members-only part of an answer shows only to those the paywall lets read it."""

from datetime import timedelta

import pytest
from django.test import Client
from django.utils import timezone

from dearly.column.services import create_article
from dearly.mailing.models import Subscriber
from dearly.members import services as members
from dearly.members import signin
from dearly.members.models import Tier
from dearly.newsletter import sending, services

pytestmark = pytest.mark.django_db
HIDDEN = "Only members read this careful sentence."


@pytest.fixture(autouse=True)
def a_subscriber(db):
    Subscriber.objects.create(email="reader@example.com", status=Subscriber.Status.SUBSCRIBED,
                              confirmed_at=timezone.now())


def sent(subject, **fields):
    broadcast = services.create_broadcast(subject=subject, **fields)
    services.start_sending(broadcast)
    sending.send_all()
    broadcast.refresh_from_db()
    return broadcast


def test_a_sent_issue_is_in_the_archive_and_has_its_own_page(client):
    issue = sent("Leaving the room, and coming back", body="Take a *pause* that ends.")
    archive = client.get("/newsletter/").content.decode()
    assert "Leaving the room, and coming back" in archive
    page = client.get(f"/newsletter/{issue.pk}-leaving-the-room-and-coming-back/")
    assert page.status_code == 200 and "Take a <em>pause</em> that ends." in page.content.decode()
    assert client.get(f"/newsletter/{issue.pk}-an-old-name/")["Location"] == \
        f"/newsletter/{issue.pk}-leaving-the-room-and-coming-back/"


def test_an_issue_kept_out_of_the_archive_drafts_and_cancelled_ones_are_not_shown(client):
    private = sent("Just for the list", body="Words.", in_archive=False)
    draft = services.create_broadcast(subject="Not yet", body="Words.")
    archive = client.get("/newsletter/").content.decode()
    assert "Just for the list" not in archive and "Not yet" not in archive
    assert client.get(f"/newsletter/{private.pk}-just-for-the-list/").status_code == 404
    assert client.get(f"/newsletter/{draft.pk}-not-yet/").status_code == 404


def test_the_members_only_part_of_an_answer_shows_only_to_members(client):
    article = create_article(title="Money fights", letter="We fight about money.", visibility="members",
                             answer=f"The public teaser.\n\n<!--more-->\n\n{HIDDEN}",
                             publish_at=timezone.now() - timedelta(days=1))
    issue = sent("This week: money", article=article)
    url = f"/newsletter/{issue.pk}-this-week-money/"
    anonymous = client.get(url).content.decode()
    assert "The public teaser." in anonymous and HIDDEN not in anonymous and "Become a member" in anonymous

    tier = members.save_tier(Tier(name="Member", slug="member", included="All", monthly_price=500))
    member = signin.member_for_email("friend@example.com")
    members.grant_complimentary(member, tier)
    reader = Client()
    reader.force_login(member.user)
    assert HIDDEN in reader.get(url).content.decode()

    no_longer = signin.member_for_email("lapsed@example.com")
    other = Client()
    other.force_login(no_longer.user)
    assert HIDDEN not in other.get(url).content.decode()
