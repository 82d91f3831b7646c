"""Staff read members-only answers in full only with the desk's permission; readers are led to join."""

from datetime import timedelta

import pytest
from django.utils import timezone

from dearly.column.services import create_article

HIDDEN = "Only members may read this sentence about the weekly check-in ritual."


@pytest.fixture
def members_only(db):
    return create_article(
        title="A members-only answer", letter="A letter.", topics=["Trust"],
        answer=f"The public part of the answer.\n\n{HIDDEN}",
        visibility="members", publish_at=timezone.now() - timedelta(days=1),
    )


def test_staff_without_the_desk_permission_see_only_the_teaser(client, members_only, staff_without_desk):
    client.force_login(staff_without_desk)
    page = client.get(members_only.get_absolute_url()).content.decode()
    assert "The public part of the answer." in page and HIDDEN not in page


def test_the_expert_reads_it_in_full(desk_client, members_only):
    page = desk_client.get(members_only.get_absolute_url()).content.decode()
    assert HIDDEN in page


def test_the_teaser_leads_to_the_join_page(client, members_only):
    page = client.get(members_only.get_absolute_url()).content.decode()
    assert HIDDEN not in page
    assert 'href="/join/"' in page and "/signin/" in page


def test_the_expert_s_password_alone_is_not_enough(client, members_only, expert):
    client.force_login(expert)  # signed in, the second factor not given yet
    page = client.get(members_only.get_absolute_url()).content.decode()
    assert "The public part of the answer." in page and HIDDEN not in page
