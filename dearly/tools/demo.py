"""Demo content for the couples' tools: the demo's complimentary member (friend@example.com) is
linked with a partner (partner@example.com, covered by the same membership), and both have eight
weeks of check-ins they chose to share, so /tools/check-in/ shows the joint chart at once. Made
through the same services as everything else; nothing is screened positive."""

from datetime import timedelta

from django.utils import timezone

from dearly.members import signin
from dearly.tools import selectors, services

# (weeks ago, need, connected) for each of them: her need high, his low, drifting closer.
FRIEND = [(8, 9, 2), (7, 9, 3), (6, 8, 3), (5, 9, 4), (4, 8, 4), (3, 8, 5), (2, 7, 5), (1, 7, 6)]
PARTNER = [(8, 2, 4), (7, 3, 4), (6, 3, 5), (5, 2, 4), (4, 4, 5), (3, 4, 6), (2, 5, 6), (1, 5, 7)]


def load(*, stdout=None):
    friend = signin.member_for_email("friend@example.com")
    if selectors.partnership_of(friend) is not None:
        return
    partner = signin.member_for_email("partner@example.com")
    services.link_partners(friend, partner)
    now = timezone.now()
    for member, rows in ((friend, FRIEND), (partner, PARTNER)):
        for weeks, need, connected in rows:
            services.record_check_in(member, need=need, connected=connected, share=True,
                                     now=now - timedelta(weeks=weeks, hours=3))
    services.record_check_up(friend, {"happiness": 2, "warmth": 3, "rewarding": 3, "satisfied": 3},
                             now=now - timedelta(days=5))
    if stdout:
        stdout.write("Couples' tools: friend@example.com and partner@example.com linked, with shared check-ins.")
