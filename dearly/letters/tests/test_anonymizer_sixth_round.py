"""The anonymizer on what the retired fifth sealed set showed (round 6): a title after "a book
called", a service's bare address, festivals as their towns name them, television families and
novelists read around the world left alone; employers named in a learner's English, in an
appositive after their location or beside a noun in another language found; a region that
narrows a town down kept. Every letter here is written here, not taken from any set.
"""

from dearly.letters.anonymizer import Kind, find_identifiers


def _kinds(text, kind):
    return {p.original.strip(" ,") for p in find_identifiers(text) if p.kind == kind}


def _proposed(text):
    return {p.original.strip(" ,") for p in find_identifiers(text)}


# --------------------------------------------------------------------------- #
# Left alone
# --------------------------------------------------------------------------- #

def test_a_listed_title_after_a_book_called_is_left_alone_whole():
    text = "My counsellor told us about a book called The Five Love Languages and I ordered it."
    assert _proposed(text) == set()


def test_a_services_bare_address_is_left_alone_but_a_page_on_it_is_not():
    assert _proposed("My aunt keeps forwarding me men from BharatMatrimony and Jeevansathi.com.") == set()
    assert _kinds("His profile is jeevansathi.com/p/raghav1988, send help", Kind.URL) == \
        {"jeevansathi.com/p/raghav1988"}


def test_an_unlisted_sites_bare_address_is_still_a_link():
    assert _kinds("She met him on a forum called lonelyhearts.ie last winter.", Kind.URL) == \
        {"lonelyhearts.ie"}


def test_festivals_as_their_own_towns_and_languages_name_them_are_left_alone():
    text = ("During San Fermín he disappeared for two days. At Sant Jordi he bought me no rose, "
            "and for la Chandeleur his mother made crêpes only for him.")
    assert _proposed(text) == set()


def test_a_lunar_new_year_abbreviation_is_left_alone_in_a_lowercase_letter():
    text = "at cny his grandma gave everyone ang pao except me. then during lny dinner nobody talked to me"
    assert _kinds(text, Kind.NAME) == set() and _kinds(text, Kind.ORGANIZATION) == set()


def test_a_television_family_a_reader_compares_hers_to_is_left_alone():
    text = "We are not the Waltons and we never will be. My stepson thinks life is Modern Family."
    assert _proposed(text) == set()


def test_novelists_read_around_the_world_are_left_alone():
    text = "We both cried over Khaled Hosseini, and now she only reads Olga Tokarczuk and Jhumpa Lahiri."
    assert _proposed(text) == set()


def test_mobile_money_and_matchmaking_services_are_left_alone():
    text = "He sends his mother money on EcoCash every week and I found Muzmatch on his phone."
    assert _proposed(text) == set()


def test_a_service_is_still_an_employer_after_a_work_cue():
    assert _kinds("My brother works at Remitly in the payments team.", Kind.ORGANIZATION) == {"Remitly"}
