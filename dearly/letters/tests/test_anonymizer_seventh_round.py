"""The anonymizer on what the retired sixth sealed set showed (round 7), by kind of mistake and
never by the names in it: a district in a lowercase letter whose name begins with a compass word
or an article ("in east ..." , "in al ..."). Every letter here is written here, not taken from
any set.
"""

import re

from dearly.letters.anonymizer import Kind, find_identifiers


def _kinds(text, kind):
    return {p.original.strip(" ,") for p in find_identifiers(text) if p.kind == kind}


def _places(text):
    """Places proposed, without the preposition a proposal removes with them ("in Clare")."""
    return {re.sub(r"^(?:in|from|to|near|on|off|at|along|down)\s+", "", p) for p in _kinds(text, Kind.PLACE)}


def _proposed(text):
    return {p.original.strip(" ,") for p in find_identifiers(text)}


# --------------------------------------------------------------------------- #
# Lowercase letters: a district whose name begins with a compass word or an article
# --------------------------------------------------------------------------- #

def test_a_lowercase_district_after_an_article_is_a_place_whole():
    text = "i work as a cashier at a supermarket in al barsha and the bus takes forever. help."
    assert "al barsha" in _places(text)


def test_a_lowercase_district_after_a_compass_word_is_a_place_whole():
    text = "we rent a room in west kaliwo from his cousin and honestly its too small. what do i do."
    assert "west kaliwo" in _places(text)


def test_a_compass_word_alone_stays():
    text = "she moved out west last year and i stayed in the east with my mum. we barely talk."
    assert _places(text) == set()


# --------------------------------------------------------------------------- #
# Lowercase letters: an employer or a lender named before a word for what it is
# --------------------------------------------------------------------------- #

def test_a_lowercase_bank_a_loan_came_from_is_an_organization():
    text = "so i took out a loan from harbor crest bank last year and my husband doesnt know lol."
    assert "harbor crest bank" in _kinds(text, Kind.ORGANIZATION)


def test_a_lowercase_cooperative_and_zoo_someone_works_at_are_organizations_whole():
    text = "honestly he works at greenfield cooperative and i work at maple grove zoo near the highway."
    orgs = _kinds(text, Kind.ORGANIZATION)
    assert "greenfield cooperative" in orgs
    assert "maple grove zoo" in orgs  # "near" is where it stands, not a word of its name


def test_a_lowercase_contractor_between_commas_after_company_is_an_organization():
    text = "ok so he works for a building company, delta ridge contracting, and he's never home."
    assert "delta ridge contracting" in _kinds(text, Kind.ORGANIZATION)


def test_everyday_places_with_those_words_are_left_alone():
    text = ("i volunteer at the food bank on saturdays and we had school assembly today. "
            "then we went to the dog park and he wants to work in construction.")
    assert _proposed(text) == set()


# --------------------------------------------------------------------------- #
# Lowercase letters: a person, then their name between commas or in brackets
# --------------------------------------------------------------------------- #

def test_a_lowercase_name_between_commas_after_a_person_is_a_name():
    text = "im 22 and there is a coworker, darnel, who keeps texting me at night."
    assert "darnel" in _kinds(text, Kind.NAME)


def test_a_lowercase_name_that_is_also_a_word_after_a_person_with_a_tail_is_a_name():
    text = "my daughter from before, daisy, is 6 now and my husband treats her like a guest."
    assert "daisy" in _kinds(text, Kind.NAME)


def test_a_lowercase_name_after_an_age_noun_is_a_name():
    text = "we have a 9-month-old, tobiah, and i never sleep. he doesnt get up once."
    assert "tobiah" in _kinds(text, Kind.NAME)


def test_a_lowercase_child_named_in_brackets_with_an_age_is_a_name():
    text = "we have a little boy (jaylen, he's three) and i'm so tired all the time."
    assert "jaylen" in _kinds(text, Kind.NAME)


def test_an_adverb_between_commas_after_a_person_is_no_name():
    text = "my friend, though, says i should leave. my boss, frankly, is the worst."
    assert _kinds(text, Kind.NAME) == set()
