"""The cycle map's logic, without a database: sides, patterns, the sentence and the loop's SVG."""

import xml.etree.ElementTree as ET

import pytest

from dearly.tools import cycle
from dearly.tools.cycle import Map, Side

REACHES = {"pressed", "criticized", "raised_voice", "followed", "kept_messaging", "old_hurts"}
WITHDRAWS = {"went_quiet", "left", "got_logical", "changed_subject", "gave_in", "screen"}


def did(*choices, other="", other_kind=""):
    return Map.from_dict({"did": {"choices": list(choices), "other": other, "other_kind": other_kind},
                          "felt": {"choices": ["hurt"]}})


def test_every_move_on_the_list_is_on_one_side_and_the_lists_match_the_brief():
    moves = cycle.step("did").choices
    assert {c.key for c in moves if c.side == Side.REACH} == REACHES
    assert {c.key for c in moves if c.side == Side.WITHDRAW} == WITHDRAWS
    assert [s.key for s in cycle.STEPS] == ["trigger", "meaning", "showed", "did", "felt", "longing"]
    assert all(s.choices and s.other_label for s in cycle.STEPS)


@pytest.mark.parametrize("answers, side", [
    (did("pressed"), Side.REACH),
    (did("criticized", "raised_voice", "went_quiet"), Side.REACH),
    (did("went_quiet", "left"), Side.WITHDRAW),
    (did("got_logical"), Side.WITHDRAW),
    (did("pressed", "left"), Side.MIXED),
    (did(), Side.UNKNOWN),
    (did(other="slammed the cupboard", other_kind="reach"), Side.REACH),
    (did(other="hid in the garage", other_kind="withdraw"), Side.WITHDRAW),
    (did(other="cried", other_kind=""), Side.UNKNOWN),            # an "other" move counts only when its side is said
    (did("pressed", other="went for a drive", other_kind="withdraw"), Side.MIXED),
])
def test_a_persons_side_comes_from_their_moves(answers, side):
    assert cycle.side_of(answers) == side


@pytest.mark.parametrize("mine, yours, pattern", [
    (("pressed",), ("went_quiet",), "pursue-withdraw"),
    (("went_quiet",), ("pressed",), "pursue-withdraw"),
    (("followed", "kept_messaging"), ("left", "screen"), "pursue-withdraw"),
    (("criticized",), ("raised_voice",), "attack-attack"),
    (("old_hurts", "pressed"), ("criticized", "went_quiet", "raised_voice"), "attack-attack"),
    (("left",), ("changed_subject",), "withdraw-withdraw"),
    (("gave_in", "screen"), ("got_logical",), "withdraw-withdraw"),
    (("pressed", "left"), ("went_quiet",), "mixed"),
    (("criticized",), ("pressed", "left"), "mixed"),
    (("pressed",), (), None),                                  # the partner picked no move yet
    ((), (), None),
])
def test_a_couples_pattern_is_named_from_both_sides(mine, yours, pattern):
    named = cycle.name_pattern(did(*mine), did(*yours))
    assert (named.key if named else None) == pattern


def test_one_person_alone_is_told_what_their_side_suggests_and_no_pattern_is_named():
    pursuer, withdrawer = did("pressed", "followed"), did("went_quiet")
    assert cycle.name_pattern(pursuer) is None
    assert cycle.what_my_side_suggests(pursuer)[0] == "Your moves reach towards your partner"
    assert "pursue–withdraw" in cycle.what_my_side_suggests(withdrawer)[1]
    assert [p.key for p in cycle.likely_patterns(withdrawer)] == ["pursue-withdraw", "withdraw-withdraw"]
    assert cycle.likely_patterns(did()) == []


def test_every_pattern_says_it_in_plain_words_and_the_cycle_is_the_enemy():
    assert "The cycle, not your partner, is the enemy" in cycle.ENEMY
    for p in cycle.PATTERNS.values():
        assert p.summary.endswith(".") and len(p.explanation) > 100 and p.search_text


# The sentence -------------------------------------------------------------------------------------

PURSUER = Map.from_dict({
    "trigger": {"choices": ["no_response"]},
    "meaning": {"choices": ["dont_matter"]},
    "felt": {"choices": ["hurt", "lonely"]},
    "did": {"choices": ["pressed", "raised_voice"]},
})
WITHDRAWER = Map.from_dict({
    "felt": {"choices": ["not_enough"], "other": "small"},
    "did": {"choices": ["went_quiet", "left"]},
})


def test_the_couples_sentence_follows_when_i_i_feel_and_i_then_you_feel_and_you():
    assert cycle.sentence(PURSUER, WITHDRAWER) == (
        "When I reach out and get no response, I feel hurt and lonely, and I press you for an answer and raise "
        "my voice; then you feel not good enough and “small”, and you go quiet and leave the room."
    )


def test_the_partners_sentence_turns_the_pronouns_round():
    assert cycle.sentence(WITHDRAWER, PURSUER) == (
        "When things go wrong between us, I feel not good enough and “small”, and I go quiet and leave the room; "
        "then you feel hurt and lonely, and you press me for an answer and raise your voice."
    )


def test_alone_the_sentence_ends_after_my_half():
    assert cycle.sentence(PURSUER) == ("When I reach out and get no response, I feel hurt and lonely, and I press "
                                       "you for an answer and raise my voice.")


def test_what_i_told_myself_opens_the_sentence_when_no_trigger_was_picked():
    m = Map.from_dict({"meaning": {"other": "he never listens"}, "did": {"choices": ["criticized"]}})
    assert cycle.sentence(m) == "When I tell myself “he never listens”, I criticize you."


@pytest.mark.parametrize("felt, text", [
    (["hurt"], "I feel hurt,"),
    (["hurt", "afraid"], "I feel hurt and afraid,"),
    (["hurt", "afraid", "lonely"], "I feel hurt, afraid and lonely,"),
    (["hurt", "afraid", "lonely", "ashamed"], "I feel hurt, afraid and lonely,"),  # at most three
])
def test_lists_in_the_sentence_read_as_english(felt, text):
    m = Map.from_dict({"felt": {"choices": felt}, "did": {"choices": ["left"]}})
    assert text in cycle.sentence(m)
    assert "  " not in cycle.sentence(m) and cycle.sentence(m).endswith("leave the room.")


def test_a_map_with_no_feelings_or_moves_makes_no_sentence():
    assert cycle.sentence(Map.from_dict({"trigger": {"choices": ["money"]}})) == ""


def test_only_the_partners_half_is_left_out_when_their_map_is_empty():
    assert cycle.sentence(PURSUER, Map()) == cycle.sentence(PURSUER)


# Reading answers -----------------------------------------------------------------------------------

def test_answers_that_are_not_on_the_list_are_dropped_and_other_text_is_tidied():
    m = Map.from_dict({
        "did": {"choices": ["pressed", "made-up", "<script>", "pressed"], "other": "  a\n\nb  " + "x" * 500,
                "other_kind": "sideways"},
        "nonsense": {"choices": ["hurt"]},
        "felt": "not a dict",
    })
    assert m.get("did").choices == ("pressed",)
    assert m.get("did").other.startswith("a b x") and len(m.get("did").other) == cycle.OTHER_MAX_CHARS
    assert m.get("did").other_kind == ""
    assert set(m.to_dict()) == {"did"}
    assert Map.from_dict(m.to_dict()) == m


def test_a_map_is_complete_when_it_has_moves_and_feelings():
    assert PURSUER.is_complete and not Map.from_dict({"did": {"choices": ["left"]}}).is_complete
    assert PURSUER.steps_done == 4


def test_everything_typed_is_gathered_for_the_safety_screen():
    m = Map.from_dict({"trigger": {"other": "he grabbed my arm"}, "felt": {"other": "scared"}})
    assert m.all_text() == "he grabbed my arm\nscared"


# The loop ----------------------------------------------------------------------------------------

def parse(svg: str):
    return ET.fromstring(svg)


def texts(svg: str) -> str:
    return " ".join("".join(e.itertext()) for e in parse(svg).iter() if e.tag.endswith("text"))


def test_the_loop_goes_my_moves_your_feelings_your_moves_my_feelings():
    nodes = cycle.loop_nodes(PURSUER, WITHDRAWER)
    assert [n.heading for n in nodes] == ["What I do", "What you feel underneath", "What you do",
                                          "What I feel underneath"]
    assert nodes[1].items == ("not good enough", "“small”") and nodes[2].items == ("go quiet", "leave the room")


def test_the_loop_is_an_accessible_image_with_a_title_and_a_description():
    svg = cycle.loop_svg(PURSUER, WITHDRAWER, id_prefix="joint")
    root = parse(svg)
    ns = "{http://www.w3.org/2000/svg}"
    assert root.get("role") == "img" and root.get("aria-labelledby") == "joint-title joint-desc"
    assert root.find(f"{ns}title").text == "Our cycle"
    desc = root.find(f"{ns}desc").text
    assert desc == cycle.text_equivalent(PURSUER, WITHDRAWER)
    assert "What you do: go quiet and leave the room" in desc
    assert len(root.findall(f".//{ns}path")) >= 4  # four arrows round the loop


def test_alone_the_partners_stations_wait_for_their_map():
    svg = cycle.loop_svg(PURSUER)
    assert "shared when your partner" in texts(svg) and "• shared" not in texts(svg) and "My side of the cycle" in svg
    assert "not shared yet" in cycle.text_equivalent(PURSUER)


def test_the_svg_escapes_everything_a_person_typed():
    nasty = '</text><script>alert(1)</script><a href="javascript:x">&amp;\'"]]>'
    m = Map.from_dict({"did": {"other": nasty, "other_kind": "reach"}, "felt": {"other": nasty}})
    svg = cycle.loop_svg(m, m, id_prefix='x"><script>')
    root = parse(svg)  # still well-formed XML
    assert not any(e.tag.endswith(("script", "a")) for e in root.iter())
    assert "<script>" not in svg and 'href="javascript' not in svg
    assert "alert(1)" in "".join(root.itertext())  # shown as text, not run
    assert root.get("aria-labelledby") == "xscript-title xscript-desc"


def test_long_answers_are_cut_to_fit_their_box_and_say_how_many_more():
    m = Map.from_dict({"did": {"choices": sorted(REACHES)}, "felt": {"choices": ["hurt"]}})
    svg = cycle.loop_svg(m)
    assert "… and 3 more" in texts(svg)
