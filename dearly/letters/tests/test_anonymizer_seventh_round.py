"""The anonymizer on what the retired sixth sealed set showed (round 7), by kind of mistake and
never by the names in it: a district in a lowercase letter whose name begins with a compass word
or an article ("in east ..." , "in al ..."). Every letter here is written here, not taken from
any set.
"""

from dearly.letters.anonymizer import Kind, find_identifiers
from dearly.letters.tests.proposals import kinds, places, proposed

# --------------------------------------------------------------------------- #
# Lowercase letters: a district whose name begins with a compass word or an article
# --------------------------------------------------------------------------- #

def test_a_lowercase_district_after_an_article_is_a_place_whole():
    text = "i work as a cashier at a supermarket in al barsha and the bus takes forever. help."
    assert "al barsha" in places(text)


def test_a_lowercase_district_after_a_compass_word_is_a_place_whole():
    text = "we rent a room in west kaliwo from his cousin and honestly its too small. what do i do."
    assert "west kaliwo" in places(text)


def test_a_compass_word_alone_stays():
    text = "she moved out west last year and i stayed in the east with my mum. we barely talk."
    assert places(text) == set()


# --------------------------------------------------------------------------- #
# Lowercase letters: an employer or a lender named before a word for what it is
# --------------------------------------------------------------------------- #

def test_a_lowercase_bank_a_loan_came_from_is_an_organization():
    text = "so i took out a loan from harbor crest bank last year and my husband doesnt know lol."
    assert "harbor crest bank" in kinds(text, Kind.ORGANIZATION)


def test_a_lowercase_cooperative_and_zoo_someone_works_at_are_organizations_whole():
    text = "honestly he works at greenfield cooperative and i work at maple grove zoo near the highway."
    orgs = kinds(text, Kind.ORGANIZATION)
    assert "greenfield cooperative" in orgs
    assert "maple grove zoo" in orgs  # "near" is where it stands, not a word of its name


def test_a_lowercase_contractor_between_commas_after_company_is_an_organization():
    text = "ok so he works for a building company, delta ridge contracting, and he's never home."
    assert "delta ridge contracting" in kinds(text, Kind.ORGANIZATION)


def test_everyday_places_with_those_words_are_left_alone():
    text = ("i volunteer at the food bank on saturdays and we had school assembly today. "
            "then we went to the dog park and he wants to work in construction.")
    assert proposed(text) == set()


# --------------------------------------------------------------------------- #
# Lowercase letters: a person, then their name between commas or in brackets
# --------------------------------------------------------------------------- #

def test_a_lowercase_name_between_commas_after_a_person_is_a_name():
    text = "im 22 and there is a coworker, darnel, who keeps texting me at night."
    assert "darnel" in kinds(text, Kind.NAME)


def test_a_lowercase_name_that_is_also_a_word_after_a_person_with_a_tail_is_a_name():
    text = "my daughter from before, daisy, is 6 now and my husband treats her like a guest."
    assert "daisy" in kinds(text, Kind.NAME)


def test_a_lowercase_name_after_an_age_noun_is_a_name():
    text = "we have a 9-month-old, tobiah, and i never sleep. he doesnt get up once."
    assert "tobiah" in kinds(text, Kind.NAME)


def test_a_lowercase_child_named_in_brackets_with_an_age_is_a_name():
    text = "we have a little boy (jaylen, he's three) and i'm so tired all the time."
    assert "jaylen" in kinds(text, Kind.NAME)


def test_an_adverb_between_commas_after_a_person_is_no_name():
    text = "my friend, though, says i should leave. my boss, frankly, is the worst."
    assert kinds(text, Kind.NAME) == set()


# --------------------------------------------------------------------------- #
# Left alone: what looks like a name but identifies no reader
# --------------------------------------------------------------------------- #

def test_a_belief_ending_in_ism_is_left_alone():
    text = "I was raised in Catholicism and my husband has lately taken up Stoicism, which is fine."
    assert proposed(text) == set()


def test_a_public_agreement_or_treaty_is_left_alone_whole():
    text = ("My father-in-law brings up the Treaty of Waitangi at every dinner, and my brother "
            "answers with the Paris Climate Agreement.")  # "Paris" is no town of the letter here
    assert proposed(text) == set()


def test_a_feast_that_comes_round_every_year_is_left_alone():
    text = "Back home we danced at every Santo Antônio and every Kupala Night with his aunts."
    assert proposed(text) == set()


def test_a_weekday_in_another_language_is_left_alone():
    text = "his mum calls every domingo at noon and last sábado she came over without asking."
    assert kinds(text, Kind.NAME) == set()


def test_a_holy_figure_on_a_feast_day_is_left_alone():
    text = "We married on the feast of the Virgen de Luján, and his mother cried all day."
    assert proposed(text) == set()


def test_a_team_on_the_television_is_left_alone():
    text = "Every weekend it is Galatasaray on the television and I talk to the wall. He ignores me."
    assert proposed(text) == set()


def test_someone_on_the_screen_after_a_title_is_left_alone_in_a_lowercase_letter():
    text = "i even watched dr. ramani videos about this. pls dont tell me im stupid."
    assert proposed(text) == set()


def test_a_title_after_a_book_and_a_comma_is_left_alone():
    text = "He read a book, Summer at Hazel, and now he thinks we should move to the coast."
    assert proposed(text) == set()


def test_a_name_that_is_also_a_weekday_elsewhere_stays_a_name():
    text = "My sister Ana Domingo lives in Leeds and we visit every Easter."
    assert "Ana Domingo" in kinds(text, Kind.NAME)


# --------------------------------------------------------------------------- #
# Lowercase letters: a pub's name in the shape "the x and y"
# --------------------------------------------------------------------------- #

def test_a_lowercase_pub_named_the_x_and_y_is_an_organization_whole():
    text = "she works at the fox and hounds on mill street so she's five mins away. i hate it."
    assert "the fox and hounds" in kinds(text, Kind.ORGANIZATION)


def test_two_everyday_things_after_at_the_are_left_alone():
    text = "i'm good at the cooking and cleaning. we were at the beach and shops all day."
    assert proposed(text) == set()


# --------------------------------------------------------------------------- #
# Lowercase letters: an institution named by a holy word
# --------------------------------------------------------------------------- #

def test_a_lowercase_institution_named_by_a_holy_word_is_an_organization():
    text = "our daughter got into christ academy last year and the fees are insane. his dad wont help."
    assert "christ academy" in kinds(text, Kind.ORGANIZATION)
    text = "he was a porter at jesus hospital for years and now hes retired and bored."
    assert "jesus hospital" in kinds(text, Kind.ORGANIZATION)


def test_a_holy_word_said_in_passing_before_an_institution_word_is_left_alone():
    text = "oh my god church was so long today and jesus christ hospital food is bad."
    assert kinds(text, Kind.ORGANIZATION) == set()


# --------------------------------------------------------------------------- #
# Lowercase letters: a word no dictionary knows, as the one who speaks or whose age is given
# --------------------------------------------------------------------------- #

def test_a_lowercase_unknown_word_before_says_is_a_name_everywhere_in_the_letter():
    text = "when i complain zulkefli says i'm being dramatic. then he plays fifa with zulkefli all night."
    names = [p for p in find_identifiers(text) if p.kind == Kind.NAME]
    assert [p.original.strip() for p in names] == ["zulkefli", "zulkefli"]


def test_a_lowercase_unknown_word_whose_age_is_given_is_a_name():
    text = "we live in pune. tavish is 27 and works from home, and i met tavish at uni."
    assert "tavish" in kinds(text, Kind.NAME)


def test_a_thing_whose_age_is_given_is_no_name():
    text = "ok so my phone is 2 years old and the uber is 5 mins away and ur mum says hi."
    assert kinds(text, Kind.NAME) == set()


# --------------------------------------------------------------------------- #
# Links whose ending is also an everyday word
# --------------------------------------------------------------------------- #

def test_a_site_named_after_its_cue_is_a_link_whatever_its_ending():
    text = "he works as a freelance designer, his site is rahulbakescakes.in and he's proud of it."
    assert "rahulbakescakes.in" in kinds(text, Kind.URL)


def test_a_long_glued_name_before_an_everyday_ending_is_a_link():
    text = "Honestly you can see her work on priyaclicks.it, she photographs weddings."
    assert "priyaclicks.it" in kinds(text, Kind.URL)


def test_words_run_together_across_a_full_stop_are_no_link():
    text = "i finished everything.it was late. it ended.so i left. we were together.in the end."
    assert kinds(text, Kind.URL) == set()


# --------------------------------------------------------------------------- #
# Streets in other languages
# --------------------------------------------------------------------------- #

def test_a_street_of_short_accented_words_after_a_venue_is_found_whole():
    text = "He works as a cook at The Lantern on Hàng Bạc and wants to open his own place."
    assert any("Hàng Bạc" in p for p in proposed(text))


def test_a_street_word_written_without_its_capital_before_a_connector_is_a_street():
    text = "We live together in a small flat in via dei Servi. My problem is his mother."
    assert any("via dei Servi" in p for p in proposed(text))


def test_a_route_via_a_city_is_no_street():
    text = "We flew in via Dubai and then on via Doha. He sent the papers via DHL."
    assert not any(p.startswith(("via", "in via", "on via")) for p in proposed(text))


def test_a_lowercase_saint_with_a_possessive_everyday_word_is_an_organization():
    text = "she told everyone at st redeemer's that i'm cold. i was so hurt by it."
    assert "st redeemer's" in kinds(text, Kind.ORGANIZATION)


# --------------------------------------------------------------------------- #
# A firm, a bank or a tavern named noun first, in its own language
# --------------------------------------------------------------------------- #

def test_a_bank_named_noun_first_is_an_organization_whole():
    text = "I work at Banco Popular do Norte and my husband says the hours are killing our marriage."
    assert "Banco Popular do Norte" in kinds(text, Kind.ORGANIZATION)


def test_a_cooperative_named_noun_first_is_an_organization_whole():
    text = "I work in the loans office of Cooperativa Nova Vale do Sol, so I know this is bad money."
    assert "Cooperativa Nova Vale do Sol" in kinds(text, Kind.ORGANIZATION)


def test_a_tavern_named_noun_first_is_an_organization_whole():
    text = "We sang with friends at Taberna do Chico Manel every Friday when we were young."
    assert "Taberna do Chico Manel" in kinds(text, Kind.ORGANIZATION)


# --------------------------------------------------------------------------- #
# A numbered part of a planned town
# --------------------------------------------------------------------------- #

def test_a_numbered_phase_of_a_named_town_is_a_place_whole():
    text = "We live with his joint family in Bahria Town Phase 7, and he works at a bank."
    assert "Bahria Town Phase 7" in places(text)


def test_a_numbered_sector_is_a_place_whole():
    text = "I live in Sector 62 with my in-laws and it is far from my office."
    assert "Sector 62" in places(text)


def test_a_stage_of_something_is_no_part_of_town():
    text = "She is in phase 2 of the trial and my son is in year 3 at school."
    assert places(text) == set()


# --------------------------------------------------------------------------- #
# A relation in the reader's own language before a name
# --------------------------------------------------------------------------- #

def test_a_lowercase_name_after_a_relation_in_spanish_is_a_name():
    text = "i'm 24 from cali. my novio tavo is a diving instructor and he is SO jealous."
    assert "tavo" in kinds(text, Kind.NAME)


def test_a_relation_in_another_language_alone_is_no_name():
    text = "Mi hermana dice que no, and my suegra agrees with her every single time."
    assert kinds(text, Kind.NAME) == set()


# --------------------------------------------------------------------------- #
# Lowercase letters: "it" before a noun after a preposition is IT, a business district
# --------------------------------------------------------------------------- #

def test_a_lowercase_it_district_is_a_place():
    text = "i do nights at a bpo near it hub and the jeepney ride home takes forever."
    assert any(p.lower() == "it hub" for p in places(text))


def test_it_as_a_pronoun_after_a_preposition_stays():
    text = "i put my whole heart in it and left. we're in it together, he says."
    assert proposed(text) == set()


# --------------------------------------------------------------------------- #
# Lowercase letters: a month written short beside its day
# --------------------------------------------------------------------------- #

def test_a_lowercase_short_month_beside_its_day_is_a_date():
    text = "we're meant to fly to his parents on oct 3 and then they visit us on 21 mar."
    dates = kinds(text, Kind.DATE)
    assert any("oct 3" in d for d in dates) and any("21 mar" in d for d in dates)


def test_a_number_before_a_word_that_looks_like_a_month_stays():
    text = "he ate 3 mar bars in one go, then 2 more, and says he's fine. i'm not fine."
    assert kinds(text, Kind.DATE) == set()


# --------------------------------------------------------------------------- #
# The writer's age first thing after the greeting
# --------------------------------------------------------------------------- #

def test_an_age_with_a_sex_letter_right_after_the_greeting_is_an_age():
    for text, age in (("hi, 24 f from ipoh. my bf and i have been together three years.", "24 f"),
                      ("hey dearly. 29m, cairns. my wife and i moved here last year.", "29m"),
                      ("hey, 19 here from ipswich. my gf works at the shops.", "19")):
        assert age in kinds(text, Kind.AGE), text


def test_a_number_of_years_or_days_after_the_greeting_is_no_age():
    text = "hi, 20 years ago i met my husband. it's been 30 days since he left."
    assert kinds(text, Kind.AGE) == set()


# --------------------------------------------------------------------------- #
# Licence plates: a vehicle then its plate, and plate shapes of more countries
# --------------------------------------------------------------------------- #

def test_a_plate_in_brackets_or_between_commas_after_a_vehicle_is_a_plate():
    text = "he took the ute (481 JQX) and didnt leave a note. later i saw his truck (QRT-5521 if you care)."
    assert kinds(text, Kind.PLATE) == {"481 JQX", "QRT-5521"}


def test_a_plate_after_placa_is_a_plate():
    text = "This time the money was for his car, placa RIO3A45, which he uses for deliveries."
    assert "RIO3A45" in kinds(text, Kind.PLATE)


def test_an_indian_plate_between_commas_is_a_plate():
    text = "Even the car, KA 05 MN 2231, was a wedding gift from my father, so it is his pride."
    assert "KA 05 MN 2231" in kinds(text, Kind.PLATE)


def test_a_year_or_a_kind_after_a_vehicle_is_no_plate():
    text = "He has a car (2019 model), a bike, a van (white), and a truck, 4x4s are his thing."
    assert kinds(text, Kind.PLATE) == set()


# --------------------------------------------------------------------------- #
# A street named for a saint the Quebec way; a region that is home; a firm "& co"
# --------------------------------------------------------------------------- #

def test_a_lowercase_saint_hyphen_street_is_a_place_and_the_firm_keeps_its_and_co():
    text = "she works at a café called crumb & co on st-denis and there's this coworker she likes."
    assert "st-denis" in places(text)
    assert "crumb & co" in kinds(text, Kind.ORGANIZATION)


def test_a_region_someone_goes_home_to_is_a_place():
    text = "Part of me wants to go home to Manitoba and see if he even notices I'm gone."
    assert "Manitoba" in places(text)


def test_a_region_talked_about_stays():
    text = "He talks about Manitoba politics all day, and in Manitoba everyone is polite, he says."
    assert places(text) == set()


def test_what_a_baby_is_called_before_an_age_is_no_name():
    text = "my mum says just wait til bub is 2 and it gets easier. everyone says the same."
    assert kinds(text, Kind.NAME) == set()


def test_a_lowercase_name_after_a_relation_with_an_adjective_is_a_name():
    text = "my little sister zhi ying texted me at 2am again and my mum takes her side."
    assert "zhi ying" in kinds(text, Kind.NAME)  # one name, not "zhi" and then "ying"


def test_an_adverb_after_a_relation_with_an_adjective_is_no_name():
    text = "my best friend honestly thinks i'm crazy and my older sister agrees with her."
    assert kinds(text, Kind.NAME) == set()


# --------------------------------------------------------------------------- #
# Lowercase letters: a workplace, then its name between commas
# --------------------------------------------------------------------------- #

def test_a_lowercase_startup_named_between_commas_is_an_organization():
    text = "she works at a startup, brightloop, and never sleeps. i barely see her anymore."
    assert "brightloop" in kinds(text, Kind.ORGANIZATION)


def test_an_adverb_between_commas_after_a_workplace_is_left_alone():
    text = "he works at a bank, honestly, and hates it. i work at a school, obviously, and love it."
    assert proposed(text) == set()
