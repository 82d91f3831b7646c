"""The expert's page on the tools: aggregates only, no group of fewer than five people."""

import re

import pytest

from dearly.tools import selectors, services


@pytest.mark.parametrize(("counts", "shown"), [
    ([6, 7, 8, 9, 10], [6, 7, 8, 9, 10]),
    ([0, 3, 10, 7, 0], [0, None, 10, None, 0]),   # 3 alone could be worked out from a total: 7 goes too
    ([1, 0, 0, 0, 20], [None, 0, 0, 0, None]),
    ([2, 2, 2, 9, 9], [None, None, None, 9, 9]),   # the hidden three hold 6: enough
    ([0, 0, 0, 0, 0], [0, 0, 0, 0, 0]),
])
def test_small_groups_are_hidden_and_cannot_be_worked_out_from_the_rest(counts, shown):
    assert selectors.suppress(counts) == shown


@pytest.mark.django_db
def test_with_few_people_the_desk_shows_no_spread_at_all(desk_client, person):
    for i in range(4):
        services.record_check_in(person(f"p{i}@example.com"), need=8, connected=2)
    html = desk_client.get("/desk/tools/").content.decode()
    assert "Shown once at least 5 people have checked in." in html
    assert "<svg" not in html
    assert re.search(r"<td>Connection check-in</td><td>fewer than 5</td>", html)


@pytest.mark.django_db
def test_the_spread_counts_each_persons_latest_check_in_once(desk_client, person):
    people = [person(f"p{i}@example.com") for i in range(7)]
    for someone in people:
        services.record_check_in(someone, need=1, connected=1)  # older: replaced by the latest
    for someone in people[:5]:
        services.record_check_in(someone, need=9, connected=5)
    for someone in people[5:]:
        services.record_check_in(someone, need=10, connected=6)
    html = desk_client.get("/desk/tools/").content.decode()
    assert "<td>Connection check-in</td><td>7</td>" in html
    need_bars = re.findall(r'class="bar" data-label="([^"]+)" data-count="(\d+)"', html.split('id="hist-need-title"')[1]
                           .split("</svg>")[0])
    assert need_bars == [("1–2", "0"), ("3–4", "0"), ("5–6", "0"), ("7–8", "0"), ("9–10", "7")]
    felt = html.split('id="hist-felt-title"')[1].split("</svg>")[0]
    assert 'data-label="5–6" data-count="7"' in felt and 'data-label="1–2" data-count="0"' in felt
    assert 'role="img"' in html
