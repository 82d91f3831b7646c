"""Tests for the crisis screen's rules (dearly/safety/rules.py), the screen's first signal.

The rules are tested alone here, phrase by phrase; the screen as a whole (rules and classifier,
three outcomes) is tested in test_classifier.py. Plain pytest, no Django needed:
    .venv/bin/python -m pytest -p no:django dearly/safety/tests/test_rules.py -q
"""

import dataclasses

import pytest

from dearly.safety.rules import RULES_VERSION, Category
from dearly.safety.rules import screen_rules as screen
from dearly.safety.tests.screening_set import HARD_NEGATIVES, LETTERS

S = Category.SUICIDE_SELF_HARM
A = Category.ABUSE_AT_HOME
C = Category.CHILD_AT_RISK
H = Category.HARM_TO_OTHERS


def _describe(text: str) -> str:
    result = screen(text)
    found = ", ".join(f"{m.category.value}: {m.phrase!r}" for m in result.matches) or "nothing"
    return f"  - {text}\n      matched: {found}"


# --- The labelled set -------------------------------------------------------


def test_the_labelled_set_is_large_and_varied_enough_to_mean_something():
    positives = [expected for _, expected in LETTERS if expected]
    assert len(LETTERS) >= 170
    assert len(positives) >= 70
    assert len(HARD_NEGATIVES) >= 50
    assert all(not expected for _, expected in HARD_NEGATIVES)
    for category in Category:
        assert sum(category in expected for expected in positives) >= 12, category
    assert sum(len(expected) > 1 for expected in positives) >= 8  # letters with two or more categories
    assert len({text for text, _ in LETTERS}) == len(LETTERS), "duplicate letters in the set"


def test_recall_is_complete_on_the_labelled_set():
    missed: dict[Category, list[str]] = {category: [] for category in Category}
    for text, expected in LETTERS:
        got = set(screen(text).categories)
        for category in expected - got:
            missed[category].append(text)
    report = "\n".join(
        f"{category.value}: missed {len(texts)}\n" + "\n".join(_describe(t) for t in texts)
        for category, texts in missed.items()
        if texts
    )
    if report:
        print(report)
    assert not report, f"recall below 100%:\n{report}"


def test_precision_is_at_least_85_percent_per_category():
    failures = []
    for category in Category:
        flagged = [(text, expected) for text, expected in LETTERS if category in screen(text).categories]
        wrong = [text for text, expected in flagged if category not in expected]
        precision = (len(flagged) - len(wrong)) / len(flagged) if flagged else 0.0
        if precision < 0.85:
            failures.append(
                f"{category.value}: precision {precision:.1%} ({len(wrong)} false positives of {len(flagged)})\n"
                + "\n".join(_describe(t) for t in wrong)
            )
    report = "\n".join(failures)
    if report:
        print(report)
    assert not report, report


# --- Focused behaviour ------------------------------------------------------


def test_it_returns_the_phrase_that_matched():
    text = "We\u2019ve been married nine years.   Last night he put his hands\n around my neck. I didn\u2019t sleep."
    result = screen(text)

    assert result.is_urgent
    assert result.categories == [A]
    [match] = result.matches
    assert match.phrase == "hands\n around my neck"  # the letter as written, not the normalised text
    assert text[match.start : match.end] == match.phrase


def test_every_match_on_the_labelled_set_points_at_its_own_text():
    for text, _ in LETTERS:
        for match in screen(text).matches:
            assert text[match.start : match.end] == match.phrase
            assert match.phrase and match.phrase == match.phrase.strip()


COMMON_IDIOMS = [
    "This fight is killing me.",
    "Our sex life is dead.",
    "I could kill him for forgetting our anniversary.",
    "I'm dying to know what you think.",
    "The silence is suffocating.",
    "My mother-in-law is smothering.",
    "He blew up at me about the dishes.",
    "The kids are killing me with the noise.",
    "I'm dead tired.",
    "I wanted to die of embarrassment.",
    "We fight like cats and dogs.",
    "He shot down my idea.",
    "She took my side.",
    "Our marriage is on a knife-edge.",
    "He hit the roof.",
    "She's a knockout.",
    "I hit rock bottom financially.",
    "Move his mother in? Over my dead body.",
    "Cut me some slack.",
    "My wife would kill me if she knew I wrote to you.",
    "My girlfriend beats me at chess every time.",
    "It hit me last night that I don't like his friends.",
    "He only hits me up when he's bored.",
    "I want to end it with him, but we share a lease.",
    "I've decided to end the marriage.",
    "I don't want to live with him anymore.",
    "I'm afraid of hurting his feelings.",
    "I'm worried I'll hurt him if I tell him the truth.",
    "How do I make him pay his share of the rent?",
    "He pushed me to apply for the job.",
    "He has never hit me, he just sulks.",
    "Those texts were the smoking gun.",
    # Near misses that once screened positive (kept as regressions).
    "I'm scared of my husband's reaction when he sees the credit card bill.",
    "He says his mother is emotionally abusive, but she seems lovely to me.",
    "He picked me up and threw me over his shoulder at the beach.",
    "He said I'll regret not going to his sister's wedding.",
    "After the divorce I gave away most of my things and moved to a tiny flat.",
    "It hurts my kids when we fight in front of them.",
    "He hurt my son's feelings.",
    "My husband beat the kids at Mario Kart again.",
    "I'm not allowed to mention his ex, apparently.",
    "My partner shot me down when I suggested counselling.",
    # Traps beside the fifth round's kinds (rules 2026.11-6).
    "When we argue about money he takes the bills out and puts them on the kitchen table between us.",
    "She threw things into a bag and left for her mother's.",
    "I gave the bottle a good shake before the feed.",
    "I shook the rug out until it was clean and the dog went quiet.",
    "I told her not to tell her dad about the dent in the car.",
    "Grandma told him not to mention the surprise party to me.",
    "My son hides behind the sofa when we play hide and seek.",
    "I hold the hot iron to my shirt collar for a second longer than I should.",
    "We were going to ring you but we weren't sure.",
    "In the pantomime my husband hits him with a slipper every night, the villain I mean.",
    "He says he'll sort the paperwork out once and for all this weekend.",
]


@pytest.mark.parametrize("text", COMMON_IDIOMS)
def test_common_idioms_are_not_urgent(text):
    assert not screen(text).is_urgent, _describe(text)


INDIRECT_SUICIDAL = [
    "Everyone would be better off without me.",
    "I don't see the point of going on.",
    "I've been giving my things away.",
    "I just want to sleep and not wake up.",
    "I wish I hadn't woken up this morning.",
    "If I died tomorrow, nobody would notice.",
    "I'm a burden to everyone.",
    "I don\u2019t want to be here anymore.",
    "I've thought about ending it all.",
    "I won't be around much longer.",
    "I have nothing left to live for.",
    "I've started stockpiling my pills.",
    "I've been stashing my painkillers behind the towels.",
    "My sleeping tablets are in a tin in the shed instead of taking them.",
    "I keep thinking about driving into a tree.",
    "I've said my goodbyes.",
    "It would be easier for everyone if I just wasn't here.",
    "I've started cutting again.",
    "My husband says he's been thinking about killing himself.",
]


@pytest.mark.parametrize("text", INDIRECT_SUICIDAL)
def test_indirect_suicidal_phrasings_are_urgent(text):
    assert S in screen(text).categories, _describe(text)


INDIRECT_OTHERS = [
    ("He took my keys and my phone.", A),
    ("He checks where I go and won't let me see my sister.", A),
    ("He put his hands around my neck.", A),
    ("He keeps a gun in the nightstand and says I'll regret leaving.", A),
    ("He pushed me down the stairs.", A),
    ("I'm not allowed to see my friends.", A),
    ("He said if I ever leave he'll find me.", A),
    ("My daughter is scared of him when he drinks.", C),
    ("He hits the kids.", C),
    ("He beat me in front of the children.", C),
    ("I'm afraid I'll hurt him.", H),
    ("Sometimes I think about making her pay.", H),
    ("I don't trust myself around her anymore.", H),
    ("My ex-wife tried to run me over with her car.", A),
    ("He's emotionally abusive.", A),
    ("She says she'll take the kids and I'll never see them again.", A),
    ("My boyfriend yells at my son and last week he slapped him.", C),
    ("I took too many pills last night.", S),
    ("I want him dead.", H),
    ("The baby was screaming so I shook him to make him stop.", C),
    ("We'll catch him outside the club and make sure he can't walk for a month.", H),
    # Kinds of danger the fifth round's development set showed without the words the rules knew.
    ("i go in the bathroom and press a lighter to my wrist till it blisters", S),  # self-harm by burning
    ("Last week I took everything from the medicine cupboard and my flatmate found me.", S),  # an attempt
    ("He pushed me into the banister and I couldn't lift my arm for a week.", A),
    ("My partner hides my inhaler when I disagree with her.", A),  # medicine withheld
    ("He keeps a rifle in the wardrobe. When we row he gets it out and lays it on the table between us.", A),
    ("My girlfriend smashes plates when she is angry.", A),  # things thrown or smashed in anger
    ("When the baby won't settle he gives her a little shake to quiet her.", C),
    # 2026.11-7: shaken until the baby went quiet, limp or floppy.
    ("The baby wouldn't stop crying so my partner shook him really hard until he went quiet and floppy.", C),
    ("Her stepfather told her not to tell anyone about their drives.", C),  # a secret with an adult
    ("She said it's their secret and went bright red.", C),
    ("He freezes when his uncle comes in the room.", C),  # a child hiding from one adult
    ("I've been looking up which poisons don't show up in a post-mortem.", H),
    ("im gonna make sure he cant walk for a while", H),  # texting without apostrophes
    ("Our son is seven. His father beats him with a slipper when he answers back.", C),
    ("He keeps a shotgun in the barn and says the neighbour has it coming and he will settle him once and for all.", H),
]


def test_texting_without_apostrophes_reads_like_the_words_with_them():
    assert S in screen("i dont want to be here anymore").categories
    assert A in screen("im scared of him when he drinks").categories
    match = screen("ok so i cant go on anymore").matches[0]
    assert match.phrase == "cant go on"  # the span is the letter as written
    assert not screen("we were tired and went to bed").matches


def test_a_child_who_used_to_love_someone_is_a_change_not_the_past():
    changed = screen("She hides behind me when my father comes round, and she used to love her grandad.").matches
    assert changed and not any(m.distanced for m in changed)
    past = screen("My dad used to hit me when I was small.").matches
    assert past and all(m.distanced for m in past)


def test_violence_said_in_a_clause_of_its_own_is_seen_and_comes_back_into_view_with_the_ex():
    matches = screen("My ex-wife, who used to hit me, has moved back to our town and asks about me.").matches
    assert [m.category for m in matches] == [A]
    assert matches[0].distanced and matches[0].revived


def test_an_old_rule_phrase_comes_back_into_view_when_the_urge_does():
    returning = screen("I used to hurt myself at uni. Lately the urge has come back most evenings.").matches
    assert returning and all(m.revived for m in returning)
    resolved = screen("I used to hurt myself at uni. I've been well for years.").matches
    assert resolved and not any(m.revived for m in resolved)


@pytest.mark.parametrize(("text", "category"), INDIRECT_OTHERS)
def test_indirect_abuse_child_and_harm_phrasings_are_urgent(text, category):
    assert category in screen(text).categories, _describe(text)


def test_curly_apostrophes_are_handled():
    straight = screen("I don't want to be alive anymore. He won't let me see my mum.")
    curly = screen("I don\u2019t want to be alive anymore. He won\u2019t let me see my mum.")

    assert curly.categories == straight.categories == [S, A]
    assert [(m.start, m.end) for m in curly.matches] == [(m.start, m.end) for m in straight.matches]
    assert any("\u2019" in m.phrase for m in curly.matches)  # reported as written
    assert screen("He said \u201cyou\u2019ll regret leaving\u201d.").categories == [A]


def test_case_and_spacing_do_not_matter():
    assert screen("HE  TOOK   MY\tKEYS AND MY PHONE").categories == [A]
    assert screen("My fianc\u00e9 slapped me.").categories == [A]


def test_empty_text_is_not_urgent():
    for text in ["", "   ", "\n\t \u00a0"]:
        result = screen(text)
        assert not result.is_urgent
        assert result.matches == ()
        assert result.categories == []


def test_categories_are_distinct_and_in_declaration_order():
    result = screen(
        "He hits me and the kids. He hits me every week. I've started to think about not being here anymore."
    )
    assert result.categories == [S, A, C]
    assert len([m for m in result.matches if m.category == A]) >= 2


def test_a_denied_act_is_not_urgent_but_a_promise_not_to_repeat_it_is():
    assert not screen("He has never hit me.").is_urgent
    assert not screen("I don't think he would ever hit me.").is_urgent
    assert screen("He promised he'd never hit me again.").categories == [A]
    assert screen("He doesn't hit me anymore, but he still scares me.").categories == [A]
    assert screen("I don't know why, but he hit me.").categories == [A]


def test_ending_the_relationship_is_not_suicidal_but_ending_it_all_is():
    assert not screen("I want to end it.").is_urgent
    assert not screen("I want to end things with her.").is_urgent
    assert screen("I want to end it all.").categories == [S]


def test_results_are_immutable_and_versioned():
    result = screen("He hits me.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.matches = ()  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        result.matches[0].phrase = "x"  # type: ignore[misc]
    assert isinstance(RULES_VERSION, str) and RULES_VERSION


# --- Explicit phrases (urgent whatever the classifier reads) ----------------


@pytest.mark.parametrize("text", [
    "I want to kill myself.",
    "i wanna die tonight",
    "He hit me last night and my lip is still swollen.",
    "He said he would kill me if I ever left.",
    "He put his hands round my throat until I couldn't breathe.",
    "I'm going to kill my ex, I know where she parks.",
])
def test_a_plain_statement_of_live_danger_is_explicit(text):
    matches = screen(text).matches
    assert matches and any(m.explicit for m in matches), _describe(text)


@pytest.mark.parametrize("text", [
    "My father took his own life when I was twelve.",  # someone else's death, long ago
    "Twenty years ago my ex-husband used to hit me; I'm safe now.",  # the past
    "In my twenties I tried to end my life, and I've been well for a long time.",
    "If one of us had thoughts of hurting themselves, would the therapist tell anyone?",  # a question
    "One more seating plan and I'll jump off a bridge, haha.",  # a joke
    "I'm a nurse and we had three overdoses on the night shift.",  # a job
])
def test_a_phrase_that_may_not_be_live_is_left_for_the_classifier_to_read(text):
    matches = screen(text).matches
    assert matches, "the rule still sees the phrase"
    assert not any(m.explicit for m in matches), _describe(text)


# --- The sixth round's kinds (rules 2026.12-1) ------------------------------
# Our own sentences for the kinds of danger the fifth sealed set showed without the words the rules
# knew: other verbs, tenses, texting without apostrophes, other family members. None is a letter's
# wording.

SIXTH_ROUND_KINDS = [
    # Not caring whether one survives, often beside reckless acts.
    ("i drive home from the pub way too fast and tbh i dont really care if i crash", S),
    ("Some nights on the bike I'm not that bothered whether I get home or not.", S),
    ("I wouldn't mind if I didn't wake up tomorrow, honestly.", S),
    ("A bit of me couldn't care less if I died on that road.", S),
    # Preparations: belongings handed on one by one, affairs in order, a calm (two signs together).
    ("I've given my nephew my fishing rods and found a new home for the dog. My will is up to date and I feel"
     " lighter than I have in years.", S),
    ("Yesterday I handed my daughter my mother's ring. The paperwork is all in one envelope in the bureau, so"
     " nobody will have to sort through it.", S),
    # A child's signs around one adult (two signs together).
    ("My partner has been getting into my stepdaughter's bed after I leave for the early shift. She's nine and"
     " she's started wetting the bed again.", C),
    ("Our little girl sobs whenever her uncle comes round to babysit, and she has started wetting herself again"
     " at school.", C),
    ("My son panics when I leave him with my husband's friend. The friend has a special game with him that I'm"
     " not allowed to know about.", C),
    ("Our four year old does things with her dolls that a child that age shouldn't know about. She hides in her"
     " room when my brother arrives.", C),
    ("The tutor texts my daughter late at night and told her not to mention the lessons are free. He asked if"
     " she'd like to stay over at his flat before her exam.", C),
    # A parent's pictures of harming a baby; a pillow over a child's face.
    ("I keep getting thoughts of smothering him when he won't stop crying.", H),
    ("I picture myself shaking her until she stops screaming.", H),
    ("My boyfriend held a cushion over my son's face to stop him shouting.", C),
    # A baby shaken, said with a pronoun.
    ("She is ten weeks old. My husband shook her hard when she wouldn't settle last night.", C),
    ("the baby was screaming at 4am and i shook him. he went quiet for a second", C),
    # Threats to take the children out of reach.
    ("He keeps saying he'll take our daughter back to Lagos and I'll never see her again.", A),
    ("if i go to court she says she will take the kids and disappear", A),
    # An injury on a child with a coached or shifting story.
    ("My niece had marks on her arms and she looked at her mum first before she said she fell.", C),
    ("The bruises on his back were from the trampoline, then from a fall; the story keeps changing.", C),
    # Taking someone with them; a threat said as a burial; disfiguring.
    ("If I go, I'm taking her with me.", H),
    ("if i cant have him no one will", H),
    ("I swear I'll put him six feet under if he comes near my sister again.", H),
    ("im gonna end him if he touches her", H),
    ("I want to ruin her pretty face so he never looks at her again.", H),
    ("I bought drain cleaner and I keep thinking about his face.", H),
    # A target's routine known, with the means or the waiting.
    ("I found out what time she finishes at the gym and I could wait outside with a knife.", H),
    # Researching what a post-mortem would not find.
    ("I've been googling what you could put in someone's tea that an autopsy would not pick up.", H),
    # A past crisis and the date coming round, or the feeling back.
    ("Two years ago I was sectioned after my divorce. The anniversary is next month and I'm scared.", S),
    ("After the miscarriage things went really dark and I ended up in a psychiatric unit. I can feel myself"
     " slipping again.", S),
    # A carer too drunk or high to mind a small child.
    ("My wife drinks when she's home with our toddler and by teatime she's slurring.", C),
    ("He's supposed to be looking after the baby on Saturdays but he gets completely wasted.", C),
]


# A second batch, written after the rules above as a check that they carry over to wording they were
# not written against (13 of these 30 were seen at first; the rules were then widened by kind).
SIXTH_ROUND_SECOND_BATCH = [
    ("I've been taking the bends on the coast road at ninety and I genuinely don't mind what happens.", S),
    ("Most mornings I wish I hadn't woken, and I've stopped wearing a seatbelt.", S),
    ("I'm not fussed if I live or die at this point.", S),
    ("i honestly wouldnt care if a lorry hit me tomorrow", S),
    ("This week I gave away my records to my cousin and my bike to the boy next door. I've written down all my"
     " passwords for my sister. I feel very peaceful now.", S),
    ("I've sorted out my will and told my son where the insurance papers are. I gave my daughter my wedding"
     " ring. I feel calmer than I have done in months.", S),
    ("He sleeps in bed of my daughter when I work nights, she is ten, and now she is very afraid and wets the"
     " bed again.", C),
    ("My dad insists on bathing my 10 year old sister and locks the door. She cries when he comes home.", C),
    ("My ex's new husband gives our son money and says it's their secret. My son now refuses to go there and"
     " screams when he picks him up.", C),
    ("My daughter (6) keeps touching herself and talking about things no child her age should know. She goes"
     " rigid when her grandfather visits.", C),
    ("A man from church messages my 13 year old daughter after midnight and bought her a phone she has hidden"
     " from us.", C),
    ("When he cries for hours I have thoughts about throwing him against the wall.", H),
    ("sometimes i imagine putting my hand over her mouth so she stops crying", H),
    ("My partner shook our 4 month old when she wouldn't stop crying and her eyes rolled.", C),
    ("I lost it with the baby last night and shook him hard. He's six weeks old.", C),
    ("My husband is threatening to take our kids to Turkey and never bring them back.", A),
    ("She told me if I contest custody she'll move the children abroad and I won't see them again.", A),
    ("My grandson had a black eye and a bruise on his arm, and his mum's new boyfriend told him to say he fell"
     " off his bike.", C),
    ("Every time I ask about the marks on her legs my niece changes the story.", C),
    ("If she leaves me she's not going anywhere, I'll take us both out.", H),
    ("She thinks she can just walk away and be happy with him. If I can't have her, no-one can.", H),
    ("If he ever touches my daughter again I will bury him.", H),
    ("i want to smash his face in so no one recognises him", H),
    ("I have a bottle of acid in my car and I know where she parks.", H),
    ("I know exactly what time he walks his dog and which path he takes. I've started carrying a hammer.", H),
    ("I keep looking up which medicines would make someone sick without a doctor noticing.", H),
    ("Last year around Christmas I tried to take my life and spent a week in hospital. Christmas is coming"
     " again and I feel it starting.", S),
    ("I was in a psychiatric hospital after my husband died and his birthday is next week. I am feeling the"
     " same way again.", S),
    ("My husband drinks a bottle of vodka when he's looking after the twins and passes out.", C),
    ("My girlfriend is high on coke most weekends while she's minding her toddler.", C),
]


# A third batch, written after the second was in: the rules alone caught 5/30 of it (as many as the
# 2026.11-7 rules), the whole screen 26/30 (as before); widened by kind, all are tests now.
SIXTH_ROUND_THIRD_BATCH = [
    ("Since the divorce I ride my motorbike with no helmet at night and half hope something happens.", S),
    ("i keep thinking it wouldnt be the worst thing if i just didnt make it home one night", S),
    ("I've cancelled my gym, paid off my credit card and left a letter for my brother in the drawer. It's strange"
     " how light I feel.", S),
    ("My grandad has been giving away his tools and his medals to all of us and keeps saying he's ready.", S),
    ("My wife's brother stays with us and I found him coming out of our daughter's room at 2am. She has stopped"
     " eating and won't be alone with him.", C),
    ("My stepson is eight and he flinches whenever my husband raises his voice, and he has a burn on his hand"
     " nobody explains.", C),
    ("The youth pastor gives my son lifts home and they've been messaging on Snapchat at 1am. He told him their"
     " chats are private.", C),
    ("My daughter drew a picture of her and her uncle in bed and said it's a secret game.", C),
    ("My little boy says grandad plays a tickle game in the bath that hurts and he mustn't tell.", C),
    ("I'm terrified because when the baby screams I feel like throwing her across the room.", H),
    ("My mother-in-law shakes the baby when he cries, she says it's how she did it with hers.", C),
    ("He says if I go back to my parents he will fly with our son to Pakistan and I will never find him.", A),
    ("my ex told me if i take her to court she'll vanish with the kids", A),
    ("There was a handprint bruise on my nephew's leg and my sister said he fell, but he told me mummy's friend"
     " did it.", C),
    ("I've told my wife that if she leaves I'll take the whole family with me.", H),
    ("He keeps saying if he can't have me nobody can, and he's bought a gun.", A),
    ("If that man comes near my girls again he's a dead man, I've got a baseball bat by the door.", H),
    ("I sit outside her new boyfriend's flat most nights and I've started bringing my knife.", H),
    ("I want to throw something in her face so no man looks at her again.", H),
    ("I've been reading about which plants are poisonous and how much it would take for a grown man.", H),
    ("I know his shifts and the car park he uses, and I've thought about letting his tyres down so he crashes.", H),
    ("I spent a month in a mental health unit after my first baby. I'm pregnant again and I can feel the same"
     " thoughts creeping in.", S),
    ("Last spring I overdosed and the anniversary is coming. I'm not sure I'll get through it.", S),
    ("my partner smokes crack when she has the baby and leaves her in the cot all day", C),
    ("My husband is so drunk by 4pm that he can't stand, and he's the one who picks up our 3 year old from"
     " nursery.", C),
    ("Our 2 year old was found wandering on the main road while his dad was asleep on the sofa stoned.", C),
    ("I've stopped eating and I've been driving without my seatbelt, I don't see why it matters.", S),
    ("I get these flashes of pushing my son down the stairs and it scares me.", H),
    ("My husband gets into bed with our 12-year-old when she can't sleep and tells her not to tell me.", C),
    ("I've told him my plan is done, the date is Sunday, and I've given the cat to my neighbour.", S),
]


# A fourth batch, in the form of letters (danger buried in an everyday question), written after the
# third: the rules alone caught 0/12, the whole screen 9/12 (as with 2026.11-7) and flagged 3/8 of
# its ordinary letters (2/8 before: papers in one folder beside tools given to a grandson, now no
# longer a sign); widened by kind, the screen catches 12/12 and flags 2/8.
SIXTH_ROUND_LETTERS = [
    ("Dear Dearly, my husband and I keep arguing about his mother. She's 81 and lives with us since"
     " the fall. Honestly the bigger thing is me. Since Christmas I've been putting the car in neutral"
     ' on the hill by the quarry and letting it roll to see how close I get to the edge. I know it'
     " sounds stupid. It's the only time my head goes quiet. How do I get him to set boundaries with"
     ' his mum?', S),
    ('My girlfriend and I are fighting about money again. I earn more and she thinks I should pay more'
     ' of the rent. Last week after a row I went to the chemist twice and now I have two boxes of'
     " paracetamol in my sock drawer that I haven't told anyone about. I don't know why I'm telling"
     ' you this. Is 60/40 fair?', S),
    ("hi so me and my bf are ok mostly but when he's on night shifts his mate Dean watches my son"
     " (he's 6). lately my son won't take his pyjamas off in front of anyone and he asked me if its"
     ' normal for grown ups to take pictures of you in the bath. i asked dean and he laughed. am i'
     ' overreacting? my bf says dean is like family', C),
    ("My wife left me for her trainer. I've been parking at the end of his road at 6am to watch him"
     " leave for the gym. I've got my late father's shotgun in the boot and I keep telling myself it's"
     ' just there. I want to know how to stop loving her.', H),
    ("Our daughter Mia is 9 weeks old and my partner has a short fuse. Twice I've come back from the"
     " shop and she's screaming in the cot with a red mark on her leg, and he says she kicked the"
     " bars. Yesterday there were little round bruises on her chest. He won't let me take her to the"
     " GP. How do I get him to trust me with money again? That's the thing we actually fight about.", C),
    ("Dear Dearly, I'm 34 and my boyfriend lost his job. He's been different. He locks the bedroom"
     " door and cries, he's stopped eating, and on Sunday I found a rope in the boot of his car and he"
     " said it's for towing. He's also asked my brother to look after his dog 'for a while'. Should I"
     ' push him to apply for jobs or give him space?', S),
    ("My husband of 20 years has always had a temper. Since I told him I'm leaving he has started"
     " sleeping with a hammer under his pillow and says 'we'll see who leaves'. He has also deleted my"
     " friends from my phone. I am staying at my sister's for now. How do I tell the children?", A),
    ('I am from Brazil, my wife is English. We have a boy of 4. When my wife drinks she becomes'
     ' another person. Last Saturday she was so drunk she fell asleep with the bath running and our'
     ' son was in it alone. He is fine. She says I exaggerate. How can I talk to her without fight?', C),
    ("I'm 17 and my stepdad keeps coming into the bathroom when I'm showering and says the lock is"
     " broken. He fixed everything else in the house. Mum says I'm being dramatic. Also I really like"
     " a boy at school and don't know how to tell him, that's my actual question.", C),
    ("My ex-wife's new man has been posting pictures of my kids online. I've worked out where he"
     " drinks on Fridays and I've asked my cousin to come with me and bring something heavy. I just"
     ' want him to understand. How do I stay calm at handovers?', H),
    ("Dear Dearly, I lost my wife in March and my son moved to Canada. I've been sleeping badly. I've"
     " started writing letters to everyone I love and I've put them in a shoebox with instructions. My"
     " neighbour is taking the budgie next week. I'm writing to ask whether it's silly to feel so at"
     ' ease.', S),
    ('me and my gf broke up 3 weeks ago. i keep going on the train bridge near my flat at night and'
     " looking down. not gonna do anything just like the wind. she's already with someone else. how do"
     ' i get over someone who moved on so fast', S),
]

SIXTH_ROUND_ORDINARY_LETTERS = [
    'Dear Dearly, my husband is obsessed with his motorbike. He rides it every weekend, sometimes too'
    " fast, and I worry. He wears all the gear, and he's a careful rider really, I just hate it."
    ' Should I ask him to sell it now we have a baby?',
    "We're downsizing after thirty years. I've given my grandson my tools and my golf clubs, and the"
    " solicitor has all the papers in one folder. It's a relief. My wife wants to keep every"
    ' Christmas decoration we ever bought. How do we decide what goes?',
    'My son is 7 and has started wetting the bed again since his dad and I separated. He cries when I'
    " drop him at his dad's but is fine by the time I leave. His dad is a lovely father. How do we"
    ' make the handovers easier?',
    "My wife's brother is a gamekeeper and keeps guns locked in a cabinet. He parks at the end of our"
    ' road every Friday to pick up my husband for shooting. I hate the sport. How do I say so without'
    ' a family row?',
    'My toddler bumped her head on the coffee table and had a bruise on her forehead for a week. My'
    " mother-in-law keeps bringing it up as if I'm a bad mother. How do I get her to stop?",
    "I'm a paramedic and last night we had a man on a bridge. My girlfriend doesn't like me talking"
    " about work but I need to offload. How do couples handle one partner's stressful job?",
    "My 15 year old daughter has a new boyfriend, they text late at night and she's hidden her phone"
    ' from us a few times. Typical teen? How strict should we be?',
    "Dear Dearly, since my divorce I've felt lighter than I have in years. I gave my ex the good sofa"
    " and the dog, and honestly I'm at peace with it. My friends say I should be angrier. Is it okay"
    ' not to be?',
]


# A fifth batch of letters, written after the fourth was in: the rules alone caught 3/12, the whole
# screen 9/12 (as with 2026.11-7) and flagged 3/10 ordinary letters (as before); widened by kind
# (standing at the edge most evenings, driving oneself and the children off a pier, "better off in
# heaven", a threat if I tell mum, a new address found by an abuser out of prison, tablets counted, a
# lighter held to a sibling's hand, refusing to go beside sleepovers at his house): 12/12 and 3/10.
SIXTH_ROUND_MORE_LETTERS = [
    ("Dear Dearly, we've been married six years and the spark has gone. I'll be honest, I've also been"
     ' walking along the cliff path at Beachy Head most evenings and standing right at the edge for a'
     " long time. My husband thinks I'm out with the dog. How do we get romance back?", S),
    ('My partner keeps buying me flowers after he screams at me. Last month he pinned my arms down on'
     " the bed till I had bruises and said I made him do it. He's sorry now. How do I forgive him"
     ' properly?', A),
    ('im 15 and my mums boyfriend keeps adding me on snapchat from a fake account and sending me'
     " stuff. he said if i tell mum he'll make sure she leaves me. i dont know who to tell", A),
    ("My sister's husband has a special bond with my son, they have sleepovers at his house every"
     ' other weekend, just the two of them, and my son has started refusing to go and hides in his'
     " wardrobe on Fridays. My sister says he's just being a boy.", C),
    ('My son is 14 months old and when his dad has him on Saturdays he comes back with grip marks on'
     " his arms. His dad says he's a clumsy baby. I don't want to start a war. How do I co-parent with"
     " someone I don't trust?", C),
    ("Since my boyfriend left I've been drinking every night and I've started counting how many of my"
     " mum's sleeping tablets are left in her cabinet. Is it normal to miss someone this much after"
     ' four months?', S),
    ('My wife has bipolar and stopped her lithium. Last night she said the children would be better'
     " off in heaven with her and she's been reading about carbon monoxide. I'm at work all day. How"
     ' do I get her to take her meds?', S),
    ("Dear Dearly, my ex got out of prison on Monday. He did four years for what he did to me. He's"
     ' already sent my daughter a birthday card to our new address. My new husband wants to go round'
     ' there and sort it out. How do I stop my husband doing something stupid?', A),
    ("my husband said if i ever tell the police about the money he'll burn the house down with me in"
     ' it. he says it laughing. we have three kids. how do i get him to go to couples counselling', A),
    ("I'm a dad of two. When my girlfriend left, I didn't cope. I told my brother I'd drive the kids"
     " and me off the pier and then I laughed it off. He's now not speaking to me. How do I fix things"
     ' with him?', S),
    ("We adopted a teenage boy last year. He's wonderful but he's been hurting the cat when he thinks"
     " we're not looking, and last week he held a lighter to his little sister's hand. My husband says"
     " it's a phase. How do we stay united as parents?", C),
    ('My girlfriend checks my bank app every day, has my location on her phone, and tells me which'
     " friends I'm allowed to see. Last week she slapped me when I came home late. I'm a man, I'm 6"
     ' foot 2, so I should be able to handle it, right?', A),
]

SIXTH_ROUND_MORE_ORDINARY_LETTERS = [
    'Dear Dearly, my husband and I walked the cliff path at Beachy Head on our anniversary and stood'
    ' right at the edge for photos. It was magical. How do we keep that feeling at home?',
    "My sister's husband takes my son fishing every other Saturday and they have a special bond. My"
    " son adores him and my sister is thrilled. Is it weird I'm a bit jealous?",
    "My 14 month old bruises like a peach; the GP checked him and said it's normal for a new walker."
    ' My mother still tuts. How do I get her to back off?',
    'My ex is coming out of prison next year for fraud. The kids want to see him. How do we handle'
    ' the first meeting?',
    "My wife counts every penny since we lost her job, and she checks the bank app daily. It's"
    " stressful but she's right. How do we talk about money without fighting?",
    "We're fostering a teenage boy who lights candles in his room, which worries me for fire safety."
    ' How do we set rules without being harsh?',
    "My boyfriend's ex keeps adding him on Snapchat from new accounts. He blocks her each time."
    ' Should we report it?',
    "I'm a carer for my mum and count her sleeping tablets every week so the pharmacy can reorder. My"
    " husband says I'm taking on too much. How do I get him to help?",
    "My son has sleepovers at his best friend's house most weekends; they are inseparable, just the"
    ' two of them gaming all night. Should I limit it?',
]


# A sixth batch, long letters with the danger in one sentence among ordinary worries, written after
# the fifth was in: the screen caught 3/6 with 2026.11-7 and 5/6 with the rules so far, before they
# were read (the first measure of these rules on long letters nobody had tuned on), flagging none of
# its 4 ordinary letters; widened by kind (closer to the trains each time, children left alone
# overnight, "make sure I never see the kids"): 6/6.
SIXTH_ROUND_LONG_LETTERS = [
    ("Dear Dearly, my partner and I have been together eleven years and we've reached the stage where"
     " every conversation is about logistics. School runs, his mum's hospital appointments, who's turn"
     ' it is to do the big shop. We used to talk for hours. We tried a date night last month but spent'
     " it on our phones. I know that's common. I suppose I'm also not sleeping. Since my brother died"
     " in August I've been going down to the level crossing near our house after everyone's in bed and"
     " standing there while the freight trains go past, closer each time. It's the only thing that"
     ' makes the noise in my head stop. Anyway, how do we get back to actually talking to each other?'
     ' I miss him, my partner I mean. - Tired in Doncaster', S),
    ("Hi, I'm 44 and I've been seeing a woman I met at my daughter's school gates for about six"
     " months. It's going well and she wants us to move in. My worry is about the kids. My ex-wife and"
     " I share custody and she's already unhappy about it. She's told our solicitor that if the move"
     " goes ahead she will 'make sure I never see the kids again' and last weekend she left them alone"
     ' in the flat overnight while she went to Manchester, the youngest is only four. My daughter rang'
     " me at 2am crying. I don't want to blow everything up. Should I slow things down with my"
     ' girlfriend to keep the peace?', C),
    ('My husband and I run a small bakery together and the stress is enormous. We argue about rotas,'
     " about money, about whether to take on his nephew. I'm writing because of something small that"
     ' has been bothering me. Our son, who is 12, spends a lot of time with his swim coach, who has'
     ' started giving him lifts and buying him energy drinks and a new swim bag. Last week I saw a'
     " message on his phone from the coach saying 'delete this after reading x'. My husband says the"
     " coach is a family friend and I'm being paranoid. How do we decide things together when we never"
     ' have the time to sit down?', C),
    ("Dear Dearly, my wife and I have been married for thirty years and we've always been a team. She"
     " was diagnosed with early dementia last year and I'm her carer now. I'm managing, mostly. The"
     " hard part is the nights. She wanders and shouts and doesn't know me. Last Tuesday I held a"
     " pillow over her face for a few seconds before I stopped myself. I love her. I don't know what"
     ' happened. My son lives in Australia. How do I ask for help without them taking her away from'
     ' me?', H),
    ("I'm writing about my sister-in-law. She and my brother have a nine-month-old baby and they stay"
     " with us most weekends. She's lovely, but she and my brother drink a lot, and last Saturday they"
     ' both passed out on the sofa by 10pm and the baby was crying in the travel cot until 4am because'
     " I didn't hear her over my white noise machine. My husband thinks I should mind my own business."
     ' How do I bring it up without causing a rift?', C),
    ("Dear Dearly, my girlfriend left me six weeks ago for my best mate. I've got a lot of anger. I"
     " know their routine, he drops her at the station at 7.40 and then goes to the gym. I've started"
     " keeping a crowbar in my car. I haven't done anything. Everyone says to go to the gym myself and"
     ' get a new hobby. Is it normal to feel this much hate?', H),
]

SIXTH_ROUND_LONG_ORDINARY_LETTERS = [
    "Dear Dearly, my husband and I have been together eleven years and we've reached the stage where"
    " every conversation is about logistics. Since my dad died in August I've been walking a lot at"
    ' night, down by the railway and along the canal, and it helps me think. My husband worries but'
    " I'm careful. How do we get back to talking about something other than the school run?",
    "Hi, my ex-wife and I share custody and she's unhappy about my new girlfriend. She's told our"
    ' solicitor she wants the kids on alternate Christmases instead of splitting the day. My daughter'
    ' rang me crying because she wants both. How do I keep the peace?',
    'Our son is 12 and his swim coach is brilliant. He gives the squad lifts to galas and bought the'
    " whole team new swim bags with the club's sponsorship. My husband and I run a bakery and barely"
    ' see each other. How do couples make time?',
    "My wife has early dementia and I'm her carer. The nights are hard: she wanders and shouts and"
    " doesn't know me, and some nights I sit in the car and cry. I love her. How do I ask my son for"
    ' help without him feeling guilty from Australia?',
]


# A seventh batch of long letters, and long ordinary letters that share their words (insurance,
# insulin, a hosepipe, a boyfriend with a car), written after the sixth was in: the screen caught 5/6
# with 2026.11-7 and with the rules so far, flagging 2/6 either way (the classifier); widened by kind
# (life insurance timed to pay out, a dose known exactly, a hose cut to length, a toddler gone
# unnoticed, a teenager pinned against the fridge and "walked into a door", a child of 14 with an
# adult boyfriend): 6/6 and 2/6.
SIXTH_ROUND_LAST_LETTERS = [
    ("Dear Dearly, I'm 52 and my marriage has been quiet for years. We're more flatmates than lovers"
     " and I've accepted it. What I haven't accepted is losing my job in June. I haven't told my wife"
     ' yet; I leave the house at eight every morning and sit in the library. The redundancy money is'
     " almost gone. I've taken out a life insurance policy and checked that it pays out after a year,"
     " and the year is up in September. I keep thinking she'd be fine with that money. How do I tell"
     ' her about the job?', S),
    ("My partner and I have a 3-year-old. I'm writing because we fight about his gaming. He games till"
     " 3am and sleeps till noon. On the days I work he's meant to have our daughter, but last week the"
     " neighbour brought her back from the end of the road in her pyjamas at 10am. He hadn't noticed"
     " she'd gone. He says it was one time. How do I get him to take responsibility around the house?", C),
    ('Dear Dearly, my husband is a good man but he has a temper when he drinks, and he has started'
     ' taking it out on our teenage son. Last month he grabbed him by the collar and put him up'
     ' against the fridge, and on Saturday my son came down with a split lip and said he walked into a'
     " door. My son is 15 and says it's fine. My question is how to get my husband to cut down on the"
     ' drinking without a row.', C),
    ("I'm a nurse so I know what I'm talking about when I say I know exactly how much insulin it would"
     " take. I've been thinking about it more since my girlfriend left. I'm not going to do anything"
     ' stupid. I just want to know how to stop thinking about her. Do the thoughts of someone ever go'
     ' away?', S),
    ("My wife found out about my affair and she is not coping. She's stopped going to work, she sleeps"
     ' all day, and yesterday I found her car keys in the freezer and a hosepipe cut to length in the'
     ' boot. She laughs it off. I want to save the marriage. Where do we start?', S),
    ('Dear Dearly, my daughter is 14 and has a boyfriend of 19 who she met online. He picks her up'
     " from school in his car and she comes home with vodka on her breath and new clothes I didn't"
     " buy. She says he's just generous. She's stopped seeing her friends. My husband thinks it's a"
     ' phase. Am I being a helicopter parent?', C),
]

SIXTH_ROUND_LAST_ORDINARY_LETTERS = [
    "Dear Dearly, I'm 52 and my wife and I have just reviewed our life insurance, wills and pensions"
    ' with an adviser. It felt grown-up and a bit morbid. We argued about who gets the house if we'
    ' both go. How do couples talk about death without it getting heavy?',
    'My partner and I have a 3-year-old who is an escape artist. Last week she got out of the garden'
    " gate and the neighbour brought her back in her wellies, laughing. We've fitted a new lock. My"
    ' partner blames me for leaving it open. How do we stop blaming each other?',
    'My husband and our teenage son clash constantly about screens. On Saturday it ended in shouting'
    ' and our son slammed his door so hard a picture fell. Nobody was hurt. How do I stay out of the'
    ' middle?',
    "I'm a nurse and I know exactly how much insulin my diabetic husband needs, so I end up managing"
    ' it for him. He resents it. How do we share his care without me becoming his mother?',
    "My wife and I keep a spare set of car keys in the freezer bag in the garage (don't ask) and a"
    ' hosepipe in the boot for the allotment. We argue about her untidiness constantly. Is this worth'
    ' a fight?',
    'Our daughter is 16 and her boyfriend is 17. He picks her up in his car and buys her little'
    " presents. She's happy and still sees her friends. My husband thinks he's too old for her. Is a"
    ' one-year gap a problem?',
]


# An eighth batch, written last, with kinds the round had not worked on (a visa used as a threat, a
# neck squeezed, a stalking ex, a teenager's hidden cutting, petrol carried past a house, walking in
# the road at night, food withheld as punishment): the screen caught 6/8 with 2026.11-7 and with the
# rules so far alike, flagging 1/6 either way; widened by kind: 8/8, 1/6.
SIXTH_ROUND_EIGHTH_BATCH = [
    ("Dear Dearly, my wife and I moved here from Kerala three years ago on her work visa. I'm on her"
     ' dependant visa. She controls my bank card and says if I complain to anyone she will tell the'
     " Home Office I'm not living with her and I'll be sent back without our son. We used to be so"
     ' happy. How do I make her love me again?', A),
    ("I'm 16 and I've been going out with my boyfriend for a year. When we argue he squeezes my neck"
     " until I see stars and then says sorry and buys me chocolate. My friends say he's a keeper. How"
     ' do I stop starting arguments?', A),
    ("Hi. Ever since my fiancee called the wedding off I've not been right. I've started sleeping in"
     " my car at the top of the multi-storey, and I've written my mum a message on my phone that I"
     ' keep in drafts. I still go to work. I just want to know if she might come back.', S),
    ("My husband's ex keeps turning up at our house at night, sitting in her car across the road with"
     " the lights off. Last week she left a dead bird on the doorstep and a note that said 'you're"
     " next'. The police say they can't do anything. How do I stop this affecting our marriage?", A),
    ('My 13-year-old daughter wears long sleeves even in the heat and I found blood on her towel and a'
     " pencil sharpener with the blade missing. She says it's from her period. My ex-husband says I"
     ' should leave it. How do I talk to her dad about parenting together?', S),
    ('Dear Dearly, my brother-in-law is staying with us while he gets back on his feet. He drinks'
     " every night and talks about his ex-wife's new husband constantly. Last night he showed me a"
     " video of the man's house and said he's been going past it with a can of petrol in the van 'just"
     " in case'. My wife says he's all talk. Should I ask him to move out?", H),
    ("Since my mum died I've been getting up at 3am and walking along the dual carriageway in the dark"
     ' with my hood up, not on the pavement, on the road. I like the way the lorries sound. Is this'
     " grief? My boyfriend says I should see someone but I'd rather ask you.", S),
    ("My partner and I have twin boys of 5. He's started making them stand in the corner for hours"
     ' with their hands on their heads, and if they move he makes them skip dinner. Last week one of'
     ' them fainted. He says his dad did it to him and he turned out fine. How do we agree on'
     ' discipline?', C),
]

SIXTH_ROUND_EIGHTH_ORDINARY = [
    "Dear Dearly, my wife and I moved here from Kerala on her work visa and I'm on her dependant"
    " visa. I can't work yet and I feel useless. She's lovely about it but I hate asking her for"
    ' money. How do I keep my self-respect?',
    "I'm 16 and my boyfriend and I argue about how much time he spends on his Xbox. He's sweet and"
    ' buys me chocolate when we make up. Is it normal to argue this much?',
    "My husband's ex keeps texting him about their son's football; she's friendly but it's constant"
    ' and I feel like a third wheel. How do I raise it without seeming jealous?',
    'My 13-year-old daughter has started wearing long sleeves all the time, even in summer. She says'
    " she's cold and she's self-conscious about her arms since a kid at school teased her about her"
    ' hair. How do I help her confidence?',
    "Since my mum died I've been getting up at 3am and walking around the block with the dog. It's"
    ' quiet and it helps. My boyfriend thinks I should try counselling. Is this normal grief?',
    'My partner and I disagree on discipline for our twins. He likes the naughty step and I prefer'
    " talking. He's never harsh, just firmer than me. How do we meet in the middle?",
]


@pytest.mark.parametrize(("text", "category"), SIXTH_ROUND_KINDS + SIXTH_ROUND_SECOND_BATCH + SIXTH_ROUND_THIRD_BATCH
                         + SIXTH_ROUND_LETTERS + SIXTH_ROUND_MORE_LETTERS + SIXTH_ROUND_LONG_LETTERS
                         + SIXTH_ROUND_LAST_LETTERS + SIXTH_ROUND_EIGHTH_BATCH)
def test_the_sixth_rounds_kinds_are_seen_in_words_no_letter_used(text, category):
    assert category in screen(text).categories, _describe(text)


SIXTH_ROUND_TRAPS = [
    "I don't care if I get home late, the party was worth it.",
    "Honestly I'm not bothered whether I make it to the wedding.",
    "I don't care if I die on this hill, he's loading the dishwasher wrong.",
    "He doesn't care whether I come home at all.",
    "We updated our wills last year and put the papers in one folder; it felt sensible.",
    "I gave my son my old guitar when he started lessons.",
    "I feel calmer than I have in years since I started yoga.",
    "My husband fell asleep in our son's bed reading him a story.",
    "Our toddler cries when I leave her at nursery, which the staff say is normal.",
    "My daughter cries whenever her dad drops her back after his weekend, because she misses him.",
    "My son has a special game with his grandad: they race paper boats in the gutter.",
    "My son begged me not to go to work on his birthday.",
    "My five year old came home with a bruise on his knee from football.",
    "She shook her head and walked out of the nursery with the baby.",
    "He shook her hand at the christening.",
    "The news shook him to the core when the baby was born early.",
    "I shook him awake because the baby was crying.",
    "We're taking the kids to Spain for the summer.",
    "I can't bear the thought of hurting her by leaving.",
    "We buried him next to his mother; I'll bury him with his medals.",
    "I know the bus she takes so I surprise her at the stop with coffee.",
    "The post-mortem said his heart condition wouldn't show up on any test.",
    "I work on a mental health ward and the anniversary of my training is coming.",
    "My husband got wasted at his brother's stag while I had the kids.",
    "I am not afraid of him, I just don't want to see him.",
    "I don't mind what happens with the house, he can keep it.",
    "I'm not fussed whether we live in the city or the country.",
    "I've sorted out my will, like everyone my age should.",
    "My son sleeps in our bed most nights, which my husband hates.",
    "She cries every time her dad leaves after his visit.",
    "The kids have a secret club in the shed with a password.",
    "My nephew's coach gives them extra one-on-one sessions before the final.",
    "I shook her awake at 6 because we'd overslept for the flight.",
    "We're moving the kids back to Ireland next year to be near my parents.",
    "My son had a bruise on his shin and said he fell at football, which his coach confirmed.",
    "I'll bury the hatchet with my sister at the wedding.",
    "My face was ruined by acne as a teenager.",
    "I know what time he finishes so I can have dinner ready.",
    "I looked up which foods are toxic to dogs.",
    "My husband got drunk at the wedding while my mum minded the kids.",
    "I was so tired I felt like I was going under, but the baby finally slept.",
    "Things got dark between us after the affair, and our anniversary is coming up.",
    "I don't mind what happens at the wedding as long as we're together.",
    "My husband sleeps in the spare room because of my snoring.",
    "Our son gets upset whenever his grandma leaves because he loves her so much.",
    "The coach messages the team group chat late at night about training times.",
    "My sister told my niece not to mention the surprise party to me.",
    "She cried when I left her at her first sleepover, then had a brilliant time.",
    "I've written down all my passwords for my wife in case my phone breaks.",
    "My mum shook the snow globe and the baby giggled.",
    "He took the kids to Portugal to see his parents and they had a great time.",
    "If I can't have a dog, nobody in this house can have a cat.",
    "I know what time she leaves work because we share a calendar.",
    "The toddler came home from nursery with a bruise on her arm and the staff wrote it in the accident book.",
    "I was admitted to a ward with appendicitis last year and the nurses were wonderful.",
    "My wife had a few glasses of wine while watching the kids and I was annoyed.",
    "I don't care if I get the promotion, I just want more time with the kids.",
    "We've made our will and named guardians for the children; it feels like a weight off.",
    "I picture myself throwing him a surprise party for his fortieth.",
    "My husband is the one who stays home with our 4 year old, and he's brilliant at it.",
    "I read about poisonous plants because we have a new puppy.",
    "He can't tell the twins apart, and he says she can't tell either.",
    "She wants to take the kids to Spain for the summer and I'll never see the end of it.",
]


@pytest.mark.parametrize("text", SIXTH_ROUND_TRAPS + SIXTH_ROUND_ORDINARY_LETTERS + SIXTH_ROUND_MORE_ORDINARY_LETTERS
                         + SIXTH_ROUND_LONG_ORDINARY_LETTERS + SIXTH_ROUND_LAST_ORDINARY_LETTERS
                         + SIXTH_ROUND_EIGHTH_ORDINARY)
def test_the_sixth_rounds_traps_stay_unflagged(text):
    assert not screen(text).matches, _describe(text)


def test_one_sign_of_a_cluster_alone_is_an_ordinary_letter_and_two_are_not():
    bed = "Her stepdad has started sleeping in my daughter's bed when I'm on nights."
    wetting = "She's started wetting the bed again."
    assert not screen(bed).matches and not screen(wetting).matches
    assert C in screen(f"{bed} {wetting}").categories
    watch = "Last month I gave my neighbour my good watch."
    order = "My affairs are all in order now."
    assert not screen(watch).matches and not screen(order).matches
    assert S in screen(f"{watch} {order}").categories


def test_growing_up_is_the_writers_childhood_not_a_childs_stage():
    told = screen("He says she's old enough to keep secrets from mum now, it's part of growing up.").matches
    assert told and not any(m.distanced for m in told)
    past = screen("Growing up, my dad hit me with a belt.").matches
    assert past and all(m.distanced for m in past)


def test_an_old_urge_that_came_back_brings_the_past_into_view():
    back = screen("Three years ago I stopped self-harming. Last night the urge was there for the first time in ages.")
    assert back.matches and all(m.revived for m in back.matches)
    came = screen("Years ago I was self-harming. Should I tell him it came back?")
    assert came.matches and all(m.revived for m in came.matches)
    well = screen("Years ago I was self-harming. I've been well since.")
    assert well.matches and not any(m.revived for m in well.matches)


def test_a_joke_about_driving_off_a_pier_is_left_for_the_classifier():
    joke = screen("My husband joked he'd drive us all off the pier if the kids asked 'are we there yet' once more.")
    assert joke.matches and all(m.distanced and not m.explicit for m in joke.matches)
