"""Demo content for the cycle map: the demo couple (friend@example.com and partner@example.com,
linked by dearly.tools.demo) have each mapped the same fight and shared it, so /tools/cycle/
shows the joint loop at once. Made through the same services as the worksheet; the words
typed are ordinary and screen as such."""

from dearly.cyclemap import services
from dearly.cyclemap.models import CycleMap
from dearly.members import signin
from dearly.tools import cycle
from dearly.tools import services as tools

FRIEND = {
    "trigger": {"choices": ["no_response", "phone"]},
    "meaning": {"choices": ["dont_matter", "alone"]},
    "showed": {"choices": ["irritation", "tears"]},
    "did": {"choices": ["pressed", "followed", "old_hurts"]},
    "felt": {"choices": ["lonely", "afraid"]},
    "longing": {"choices": ["matter", "close"]},
}
PARTNER = {
    "trigger": {"choices": ["criticized", "tone"]},
    "meaning": {"choices": ["failing"]},
    "showed": {"choices": ["calm", "blank"]},
    "did": {"choices": ["went_quiet", "got_logical"], "other": "go down to the basement", "other_kind": "withdraw"},
    "felt": {"choices": ["not_enough", "overwhelmed"]},
    "longing": {"choices": ["good_enough", "peace"]},
}


def load(*, stdout=None):
    friend = signin.member_for_email("friend@example.com")
    partner = signin.member_for_email("partner@example.com")
    if CycleMap.objects.filter(author__in=[friend, partner]).exists():
        return
    for member, answers in ((friend, FRIEND), (partner, PARTNER)):
        cycle_map = services.start_map(member)
        for key, raw in answers.items():
            step_answer = cycle.Map.from_dict({key: raw}).get(key)
            cycle_map, _ = services.save_step(member, cycle_map, key, step_answer)
        services.finish_map(member, cycle_map)
        tools.share_entry(member, cycle_map)
    if stdout:
        stdout.write("Cycle map: the demo couple each mapped a fight and shared it.")
