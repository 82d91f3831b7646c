"""Tools data is in "download my data" and goes with "delete my account" (the members app's
hooks): every tool's entries, the partnership, the settings."""

import json

import pytest

from dearly.members.models import Member
from dearly.members.tests.test_account import every_row_mentioning
from dearly.tools import selectors, services
from dearly.tools.models import CheckIn, CheckUp, PartnerInvite, Partnership, ToolsState

pytestmark = pytest.mark.django_db
NOTE = "Sunday-walk-sentinel"


def test_download_my_data_holds_every_tools_entry_of_mine_and_none_of_my_partners(couple):
    ana, ben = couple
    services.record_check_in(ana, need=7, connected=4, note=NOTE)
    services.record_check_in(ana, need=6, connected=6, share=True)
    services.record_check_up(ana, {"happiness": 3, "warmth": 3, "rewarding": 3, "satisfied": 3})
    services.record_check_in(ben, need=2, connected=9, note="bens-own", share=True)
    services.set_weekly_reminder(ana, True)
    data = json.loads(ana.client.post("/account/my-data.json").content)["tools"]
    check_ins = data["entries"]["check-in"]
    assert sorted((c["need_for_closeness"], c["feel_connected"], c["shared_with_partner"]) for c in check_ins) == [
        (6, 6, True), (7, 4, False)]
    assert NOTE in [c["note"] for c in check_ins]
    [check_up] = data["entries"]["check-up"]
    assert check_up["total"] == 12 and check_up["below_cut_off"] is True
    assert data["partner"]["linked_at"] and data["settings"]["weekly_reminder"] is True
    assert "bens-own" not in json.dumps(data) and "ben@example.com" not in json.dumps(data)


def test_deleting_my_account_erases_my_tools_data_and_my_partner_loses_sight_at_once(couple):
    ana, ben = couple
    shared, _ = services.record_check_in(ana, need=7, connected=4, note=NOTE, share=True)
    services.record_check_up(ana, {"happiness": 3, "warmth": 3, "rewarding": 3, "satisfied": 3})
    bens, _ = services.record_check_in(ben, need=2, connected=9, share=True)
    services.set_weekly_reminder(ana, True)
    services.cancel_invites(ana)
    assert selectors.can_see(ben, shared)
    response = ana.client.post("/account/delete/", {"confirm": "yes"})
    assert response.status_code == 200 and not Member.objects.filter(email="ana@example.com").exists()
    assert not CheckIn.objects.filter(pk=shared.pk).exists() and not CheckUp.objects.exists()
    assert not Partnership.objects.exists() and not PartnerInvite.objects.exists()
    assert list(ToolsState.objects.values_list("member__email", flat=True)) == ["ben@example.com"]
    assert every_row_mentioning(NOTE) == []
    assert CheckIn.objects.get(pk=bens.pk).shared_in is None  # ben's entry stays his, private again
    assert NOTE not in ben.client.get("/tools/check-in/").content.decode()
