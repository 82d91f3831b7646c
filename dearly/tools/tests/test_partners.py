"""Linking partners with a one-time code handed over in person, and unlinking at once."""

from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from dearly.email.models import OutgoingEmail
from dearly.tools import selectors, services
from dearly.tools.models import CheckIn, PartnerInvite, Partnership

pytestmark = pytest.mark.django_db


def test_a_code_is_short_typable_and_links_two_members_once(person):
    ana, ben, cleo = person("ana@example.com"), person("ben@example.com"), person("cleo@example.com")
    _invite, code = services.create_invite(ana)
    assert len(code) == 9 and code[4] == "-"
    assert set(code.replace("-", "")) <= set(services.CODE_ALPHABET)
    typed = f"  {code.lower().replace('-', ' ')} "  # read from a phone, typed loosely
    partnership = services.link_with_code(ben, typed, ip="10.0.0.2")
    assert selectors.partner_of(ana) == ben and selectors.partner_of(ben) == ana
    with pytest.raises(services.LinkRefused):  # single use
        services.link_with_code(cleo, code, ip="10.0.0.3")
    assert list(Partnership.objects.all()) == [partnership]
    assert PartnerInvite.objects.get().code_hash != code  # only a keyed hash is kept


def test_the_code_page_links_and_a_replayed_code_is_refused_politely(person):
    ana, ben, cleo = person("ana@example.com"), person("ben@example.com"), person("cleo@example.com")
    html = ana.client.post("/tools/partner/invite/").content.decode()
    code = html.split('aria-label="Your code"><strong>')[1].split("<")[0]
    assert ben.client.post("/tools/partner/link/", {"code": code}).status_code == 302
    response = cleo.client.post("/tools/partner/link/", {"code": code})
    assert response.status_code == 400
    text = response.content.decode()
    assert "That code doesn&#x27;t work" in text and f'value="{code}"' in text  # what was typed, kept


def test_an_expired_code_is_refused(person):
    ana, ben = person("ana@example.com"), person("ben@example.com")
    _invite, code = services.create_invite(ana, now=timezone.now() - timedelta(minutes=services.INVITE_MINUTES + 1))
    with pytest.raises(services.LinkRefused):
        services.link_with_code(ben, code, ip="10.0.0.2")
    assert not Partnership.objects.exists()


def test_only_the_newest_code_works(person):
    ana, ben = person("ana@example.com"), person("ben@example.com")
    _first, old = services.create_invite(ana)
    _second, new = services.create_invite(ana)
    with pytest.raises(services.LinkRefused):
        services.link_with_code(ben, old, ip="10.0.0.2")
    services.link_with_code(ben, new, ip="10.0.0.2")
    assert selectors.partner_of(ben) == ana


def test_ones_own_code_does_not_link(person):
    ana = person("ana@example.com")
    _invite, code = services.create_invite(ana)
    with pytest.raises(services.LinkRefused, match="your own code"):
        services.link_with_code(ana, code, ip="10.0.0.2")


def test_wrong_codes_are_limited_per_member_then_even_the_right_one_waits(person):
    ana, ben = person("ana@example.com"), person("ben@example.com")
    _invite, code = services.create_invite(ana)
    for _ in range(services.FAILED_CODES_PER_MEMBER_HOUR):
        response = ben.client.post("/tools/partner/link/", {"code": "AAAA-AAAA"})
        assert response.status_code == 400
    response = ben.client.post("/tools/partner/link/", {"code": code})
    assert response.status_code == 429 and "Too many codes" in response.content.decode()
    assert not Partnership.objects.exists()


def test_wrong_codes_are_limited_per_address_across_accounts(person):
    ana = person("ana@example.com")
    _invite, code = services.create_invite(ana)
    guessers = [person(f"guesser{i}@example.com", paying=False) for i in range(5)]
    for guesser in guessers:
        for _ in range(4):
            with pytest.raises(services.LinkRefused):
                services.link_with_code(guesser, "BBBB-BBBB", ip="10.9.9.9")
    last = person("last@example.com")
    with pytest.raises(services.TooManyTries):
        services.link_with_code(last, code, ip="10.9.9.9")


def test_nobody_is_emailed_anything_about_linking(person):
    ana, ben = person("ana@example.com"), person("ben@example.com")
    ana.client.post("/tools/partner/invite/")
    _invite, code = services.create_invite(ana)
    services.link_with_code(ben, code, ip="10.0.0.2")
    services.unlink(ben)
    assert OutgoingEmail.objects.count() == 0 and mail.outbox == []


def test_someone_already_linked_cannot_link_again(couple, person):
    ana, ben = couple
    cleo = person("cleo@example.com")
    with pytest.raises(services.LinkRefused, match="already linked"):
        services.create_invite(ana)
    _invite, code = services.create_invite(cleo)
    with pytest.raises(services.LinkRefused, match="already linked"):
        services.link_with_code(ben, code, ip="10.0.0.2")
    assert selectors.partner_of(cleo) is None and Partnership.objects.count() == 1


def test_unlinking_takes_effect_at_once_and_a_new_link_starts_with_nothing_shared(couple):
    ana, ben = couple
    entry, _ = services.record_check_in(ana, need=9, connected=2, share=True)
    assert selectors.can_see(ben, entry)
    assert ben.client.post("/tools/partner/unlink/").status_code == 302
    assert not selectors.can_see(ben, entry) and selectors.can_see(ana, entry)
    assert CheckIn.objects.get(pk=entry.pk).shared_in is None
    _invite, code = services.create_invite(ana)
    services.link_with_code(ben, code, ip="10.0.0.2")  # together again: still private
    assert not selectors.can_see(ben, entry)


def test_one_membership_covers_a_couple_and_the_free_tier_alone_does_not(person):
    ana, ben = person("ana@example.com"), person("ben@example.com", paying=False)
    assert not selectors.has_tools_access(ben)
    assert ben.client.get("/tools/").status_code == 403
    assert ben.client.get("/tools/partner/").status_code == 200  # where the code is typed in
    _invite, code = services.create_invite(ana)
    assert ben.client.post("/tools/partner/link/", {"code": code}).status_code == 302
    assert selectors.has_tools_access(ben) and ben.client.get("/tools/").status_code == 200
    services.unlink(ana)
    assert not selectors.has_tools_access(ben)


def test_used_and_expired_codes_are_forgotten_by_the_daily_chore(person):
    from dearly.work import chores

    ana, ben, cleo = person("ana@example.com"), person("ben@example.com"), person("cleo@example.com")
    _used, code = services.create_invite(ana)
    services.link_with_code(ben, code, ip="10.0.0.2")
    services.create_invite(cleo, now=timezone.now() - timedelta(hours=1))  # expired
    _fresh, _ = services.create_invite(person("dora@example.com"))
    assert "tools.tidy-invites" in chores.run_due()
    assert list(PartnerInvite.objects.values_list("inviter__email", flat=True)) == ["dora@example.com"]
