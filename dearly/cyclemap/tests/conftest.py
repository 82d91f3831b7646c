import pytest

from dearly.tools.tests.conftest import HANDS_ON_THROAT, couple, paid_tier, person  # noqa: F401 (the tools' own people)

PURSUER_STEPS = {
    1: {"choices": ["no_response"]},
    2: {"choices": ["dont_matter"]},
    3: {"choices": ["anger"]},
    4: {"choices": ["pressed", "raised_voice"]},
    5: {"choices": ["hurt", "lonely"]},
    6: {"choices": ["matter"]},
}
WITHDRAWER_STEPS = {
    4: {"choices": ["went_quiet", "left"]},
    5: {"choices": ["not_enough"], "other": "small"},
}


@pytest.fixture
def fill_map():
    """Walk a map through the worksheet as a person does, POST by POST; returns the map's pk."""
    from dearly.cyclemap.models import CycleMap

    def fill(client, steps=PURSUER_STEPS, *, finish=True):
        response = client.post("/tools/cycle/new/")
        assert response.status_code == 302, response.status_code
        pk = CycleMap.objects.order_by("-id").values_list("pk", flat=True).first()
        for number in range(1, 7):
            if number == 6 and not finish:
                break
            data = {"go": "next", **steps.get(number, {})}
            response = client.post(f"/tools/cycle/{pk}/step/{number}/", data)
            assert response.status_code == 302, (number, response.status_code)
        return pk

    return fill
