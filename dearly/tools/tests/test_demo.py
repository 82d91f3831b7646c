import pytest
from django.core.management import call_command
from django.test import Client

from dearly.members.models import Member
from dearly.tools import selectors


@pytest.mark.django_db
def test_the_demo_couple_sees_their_joint_chart_and_loading_twice_changes_nothing():
    call_command("load_demo")
    call_command("load_demo", "--force")
    friend = Member.objects.get(email="friend@example.com")
    data = selectors.check_in_chart_data(friend)
    assert data["joint"] and [len(s.points) for s in data["series"]] == [8, 8]
    client = Client()
    client.force_login(friend.user)
    html = client.get("/tools/check-in/").content.decode()
    assert html.count('class="gap"') == 2
