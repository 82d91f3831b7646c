"""The anonymizer on what the retired third sealed set showed (round 4): countries, peoples,
sign-offs and abbreviations left alone; rare jobs, days of the month, more links, ages and
lowercase names found. Every letter here is written here, not taken from any set.
"""

from dearly.letters.anonymizer import Kind, apply, find_identifiers
from dearly.letters.tests.proposals import kinds


def _found(text):
    return {(p.kind.value, p.original.strip(" ,")) for p in find_identifiers(text)}


# --------------------------------------------------------------------------- #
# Left alone
# --------------------------------------------------------------------------- #

def test_a_people_or_a_nationality_is_nobody_s_name():
    text = ("I'm Estonian but my husband's family is Yoruba and his cousin's wife is Pākehā. "
            "My mother-in-law calls me 'the Québécoise'.")
    assert kinds(text, Kind.NAME) == set() and kinds(text, Kind.PLACE) == set()


def test_a_country_where_someone_lives_is_left_alone_but_a_town_there_is_not():
    text = "I am from Hungary, living in Portugal eight years, in Setúbal."
    assert kinds(text, Kind.PLACE) == {"Setúbal"}


def test_a_name_that_is_also_a_country_is_still_a_name():
    names = kinds("my wife keeps texting a guy called jordan from work", Kind.NAME)
    assert any(n.endswith("jordan") for n in names)


def test_thanks_in_another_language_is_a_sign_off_not_a_name():
    for sign_off in ("Dziękuję.", "Asante sana.", "Obrigada.", "Kiitos."):
        assert kinds(f"Please tell me what to do. {sign_off}", Kind.NAME) == set()


def test_abbreviations_for_tests_exams_and_paperwork_are_not_employers():
    text = ("My mum's BP is high, my sister is waiting on her HSC results, and we applied for "
            "PR last year while I studied for the IELTS.")
    assert kinds(text, Kind.ORGANIZATION) == set()


def test_an_abbreviation_after_a_work_cue_is_still_an_employer():
    assert ("organization", "NTPC") in _found("My husband is an engineer at NTPC in Noida.")


def test_a_month_an_event_a_car_and_a_pet_are_not_people_or_places():
    text = ("we're moving in sept. we went to the Lantern Festival, she drives a blue Micra, "
            "and our dog named Pickle sleeps on my side of the bed")
    assert kinds(text, Kind.PLACE) == set() and kinds(text, Kind.NAME) == set()


def test_a_holiday_in_its_own_language_is_left_alone():
    assert find_identifiers("We always spend Sinterklaas and Koningsdag with his parents.") == []


# --------------------------------------------------------------------------- #
# Found
# --------------------------------------------------------------------------- #

def test_a_rare_occupation_is_a_job_title_whatever_the_article():
    for text, title in (("My husband is a lighthouse keeper and hardly home.", "lighthouse keeper"),
                        ("She retired as county coroner last spring.", "county coroner"),
                        ("Her father, a farrier, shoes every horse in the valley.", "farrier"),
                        ("My brother is a consultant cardiologist at the infirmary.",
                         "consultant cardiologist")):
        assert title in kinds(text, Kind.JOB), text


def test_an_everyday_job_is_left_alone():
    assert kinds("My wife is a nurse and I am a teacher; our son drives a taxi.", Kind.JOB) == set()


def test_a_job_the_letter_says_is_rare_is_a_job_title():
    text = "My wife is a glass engraver, one of only a handful left in the country."
    assert "glass engraver" in kinds(text, Kind.JOB)


def test_the_only_gp_is_a_job_title():
    assert kinds("He is the only GP on the island.", Kind.JOB) == {"the only GP"}


def test_a_day_of_the_month_is_a_date_but_a_floor_is_not():
    assert apply("The hearing is on the 21st and I am scared.",
                 find_identifiers("The hearing is on the 21st and I am scared.")) == \
        "The hearing is soon and I am scared."
    assert kinds("We live on the 14th floor.", Kind.DATE) == set()


def test_a_link_with_a_country_ending_or_a_path_is_a_link():
    text = "Her shop is at linktr.ee/mayas.pots and his work at jonas.studio/prints now."
    assert kinds(text, Kind.URL) == {"linktr.ee/mayas.pots", "jonas.studio/prints"}


def test_an_age_after_a_nationality_or_a_name_at_a_sentence_end_is_found():
    assert "44" in kinds("My partner Tiago is Brazilian, 44, and a chef.", Kind.AGE)
    assert any("5" in a for a in kinds("We have one daughter, Mele, 5. She is shy.", Kind.AGE))
    assert "58" in kinds("Hi, Bernard here, 58, from the coast.", Kind.AGE)


def test_lowercase_names_after_a_relation_or_a_title_are_found():
    text = "my best friend oluwaseun says leave him. mrs kowalczyk next door agrees."
    assert {"oluwaseun", "kowalczyk"} <= kinds(text, Kind.NAME)
    assert apply(text, find_identifiers(text)).startswith("my best friend says leave him. mrs [name]")


def test_a_given_name_after_thanks_at_the_end_is_the_writer_s():
    assert kinds("What should I do? Thank you, Ingrid", Kind.NAME) == {"Ingrid"}


def test_a_south_african_plate_is_found():
    assert kinds("His white bakkie, CA 77 TR GP, is outside her flat every night.", Kind.PLATE) \
        == {"CA 77 TR GP"}


def test_a_song_by_a_famous_singer_and_a_branded_thing_are_left_alone():
    text = "We danced to Yellow by Coldplay and she wants a Pandora bracelet for her birthday."
    assert find_identifiers(text) == []


def test_faiths_athletes_and_drinks_are_left_alone():
    text = ("His family are Seventh-day Adventists and mine are Bahá'í. He talks about Ronaldo "
            "and Djokovic and lives on Red Bull.")
    assert find_identifiers(text) == []


def test_a_school_of_a_kind_is_not_a_named_school():
    assert kinds("Our kids go to a Church of England school nearby.", Kind.ORGANIZATION) == set()


def test_an_age_at_a_life_event_is_an_age_but_a_time_is_not():
    assert "16" in kinds("i came out at 16 and my dad stopped talking to me", Kind.AGE)
    assert "18" in kinds("He joined the navy at 18 and never looked back.", Kind.AGE)
    assert kinds("We left home at 10 tonight and got back at 2.", Kind.AGE) == set()


def test_an_age_right_after_a_self_introduction_is_an_age():
    assert "24" in kinds("hello sir i am priyanka 24 from nagpur, working in a bank", Kind.AGE)
    assert "19" in kinds("hey. im 19 from leeds and my bf is 22", Kind.AGE)


def test_a_town_named_once_is_found_where_it_stands_again():
    text = "We live in Kilcrohane with the kids. Please change it all, half of Kilcrohane reads you."
    assert [p.original.strip() for p in find_identifiers(text) if p.kind == Kind.PLACE] == \
        ["Kilcrohane", "Kilcrohane"]


def test_a_school_in_a_lowercase_letter_after_a_study_cue_is_found():
    assert "mizzou" in kinds("so im a junior at mizzou and my bf is 22", Kind.ORGANIZATION)
    assert "uni of stirling" in kinds("im in first year at uni of stirling doing law lol",
                                       Kind.ORGANIZATION)
    assert kinds("he got into trouble again and i study at night", Kind.ORGANIZATION) == set()


def test_the_reverend_reads_the_pastor_once():
    text = "Our minister, the Reverend Ann Lowe, married us."
    assert apply(text, find_identifiers(text)) == "Our minister, the pastor, married us."


def test_a_greeting_is_not_a_name_and_years_at_a_shop_make_it_an_employer():
    assert kinds("heya. my gf is being weird", Kind.NAME) == set()
    assert ("organization", "Kroger") in _found("I have a pension from thirty years at Kroger.")


def test_an_office_someone_else_holds_is_not_the_writer_s_job_title():
    assert "jockey" in kinds("My husband is a jockey and rides most weekends.", Kind.JOB)
    assert kinds("She is a researcher for an MP in the city.", Kind.JOB) == set()


def test_a_place_of_worship_in_general_and_a_trip_in_a_lowercase_letter_are_left_alone():
    assert find_identifiers("i go to church every sunday and he goes to the mosque on fridays") == []
    text = "we went to ibiza for my 21st and then to zante with the girls, best holiday ever"
    assert kinds(text, Kind.PLACE) == set()


def test_a_star_sign_and_a_car_someone_drives_are_left_alone_but_the_name_leo_is_not():
    assert find_identifiers("He's a Scorpio and I'm a Leo, and he drives a Tesla.") == []
    assert ("name", "Leo") in _found("Leo says I should leave him.")


def test_laughter_and_shorthand_after_a_relation_are_no_name():
    text = "my sister hahaha thinks its funny, my friend irl said so and my mum ofc said no"
    assert kinds(text, Kind.NAME) == set()
    assert "hania" in kinds("my cousin hania says hi", Kind.NAME)
