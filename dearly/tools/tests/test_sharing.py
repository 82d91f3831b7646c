"""Each entry is private until its author shares it: one rule, in selectors, for everyone."""

import pytest
from django.contrib.auth.models import AnonymousUser

from dearly.tools import selectors, services
from dearly.tools.models import CheckIn

pytestmark = pytest.mark.django_db


def test_an_entry_is_private_until_its_author_shares_it_and_private_again_at_once(couple):
    ana, ben = couple
    entry, _ = services.record_check_in(ana, need=8, connected=3)
    assert selectors.can_see(ana, entry) and not selectors.can_see(ben, entry)
    services.share_entry(ana, entry)
    assert selectors.can_see(ben, entry)
    assert list(selectors.shared_by_partner(ben, CheckIn.objects.all())) == [entry]
    services.unshare_entry(ana, entry)
    assert not selectors.can_see(ben, entry)


def test_only_the_author_can_share_unshare_or_delete(couple):
    ana, ben = couple
    entry, _ = services.record_check_in(ana, need=8, connected=3, share=True)
    for change in (services.share_entry, services.unshare_entry, services.delete_entry):
        with pytest.raises(services.ShareRefused):
            change(ben, entry)
    assert CheckIn.objects.get(pk=entry.pk).is_shared


def test_sharing_needs_a_partner(person):
    ana = person("ana@example.com")
    entry, _ = services.record_check_in(ana, need=5, connected=5)
    with pytest.raises(services.ShareRefused, match="Link with your partner"):
        services.share_entry(ana, entry)


def test_nobody_else_sees_a_shared_entry(couple, person, expert):
    ana, _ben = couple
    entry, _ = services.record_check_in(ana, need=8, connected=3, share=True)
    stranger = person("stranger@example.com")
    for viewer in (stranger, expert, AnonymousUser(), None):
        assert not selectors.can_see(viewer, entry)
        assert not selectors.visible_entries(viewer, CheckIn.objects.all()).exists()


def test_a_member_whose_membership_ended_sees_nothing_not_even_their_own(person):
    from dearly.members import services as members

    ana = person("ana@example.com")
    entry, _ = services.record_check_in(ana, need=5, connected=5)
    members.end_complimentary(ana.membership)
    assert not selectors.can_see(ana, entry)
    assert ana.client.get("/tools/").status_code == 403
