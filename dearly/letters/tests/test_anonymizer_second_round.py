"""The anonymizer on what the retired second sealed set showed (issue 7): fewer words an editor
leaves alone, more names and employers by general cues. Every letter here is written here, not
taken from any set.
"""

import re

from dearly.letters.anonymizer import Kind, apply, find_identifiers
from dearly.letters.tests.test_anonymizer_kinds_of_mistakes import TUNING, _score


def _found(text):
    return {(p.kind.value, p.original.strip(" ,")) for p in find_identifiers(text)}


def _cores(text):
    return {re.sub(r"^(?:(?:in|to|from|on|at|near|with|for)\s+)?(?:the\s+)?", "",
                   p.original.strip(" ,")) for p in find_identifiers(text)}


# --------------------------------------------------------------------------- #
# Left alone
# --------------------------------------------------------------------------- #

def test_a_country_is_left_alone_where_someone_lives_and_where_they_might_go():
    # round 4: the sealed sets' editors never counted a country as an identifier
    assert _cores("Her dad says in Ghana nobody divorces. Our son wants to move to Peru.") \
        .isdisjoint({"Ghana", "Peru"})
    assert "Peru" not in _cores("My parents still live in Peru and I miss them.")
    assert _cores("Last year my sister moved to Peru, to Cusco, with her kids.") == {"Cusco"}


def test_a_holiday_destination_is_left_alone_but_not_a_village_on_a_weekend_away():
    text = "We had our honeymoon in Lisbon and he went to Berlin on a stag do."
    assert _cores(text).isdisjoint({"Lisbon", "Berlin"})
    assert "Kinvara" in _cores("We spent a weekend in Kinvara with his cousins.")


def test_famous_people_famous_families_and_authors_are_left_alone():
    text = ("My sister says look at the Obamas. I re-read 'Man's Search for Meaning' by Viktor "
            "Frankl and watched 'The Crown'; my husband only talks about leonardo dicaprio.")
    assert find_identifiers(text) == []


def test_a_car_is_a_brand_but_a_car_maker_can_be_an_employer():
    assert find_identifiers("He drives a silver Hyundai and she has an old Yaris.") == []
    assert ("organization", "Hyundai") in _found("My husband works at Hyundai in the plant.")


def test_nationalities_and_months_are_not_names_or_places():
    text = "im worried bc she says 'Estonian men are the worst'. we move in may"
    assert find_identifiers(text) == []


def test_the_honorific_stays_and_the_surname_goes():
    text = "Our neighbour is Mrs Adeyemi-Shaw and she complains about everything."
    assert apply(text, find_identifiers(text)).startswith("Our neighbour is Mrs [name]")


def test_a_role_after_the_is_not_a_name_and_an_everyday_word_is_not_an_employer():
    assert find_identifiers("It happened in front of the Vice-Principal and me.") == []
    assert find_identifiers("The kids call him 'Captain' because of his boat.") == []


# --------------------------------------------------------------------------- #
# Found
# --------------------------------------------------------------------------- #

def test_a_writer_who_introduces_herself_is_named():
    assert ("name", "Eilidh") in _found("Dear Dearly, I'm Eilidh, 36, and I'm at the end of it.")
    assert ("name", "Babajide") in _found("Hello, I am Babajide but people call me Jide.")


def test_a_name_the_letter_has_shown_is_found_again_and_so_is_a_nickname_in_brackets():
    text = ("My wife Bernadette (Detta to everyone) left. Every Sunday Detta takes the kids. "
            "Bernadette says I drink.")
    proposals = find_identifiers(text)
    for name in ("Detta", "Bernadette"):
        spans = [m.span() for m in re.finditer(name, text)]
        assert all(any(p.start < e and s < p.end for p in proposals) for s, e in spans), name


def test_a_relation_before_a_name_that_is_also_a_word():
    assert ("name", "Autumn") in _found("Dear Dearly, my daughter Autumn (15) stopped eating.")


def test_employers_after_a_job_noun_or_a_driving_job():
    text = ("My sister is a midwife with NHS Lothian, her husband drives for Lothian Buses and "
            "I'm a receptionist at Marchmont Dental.")
    cores = _cores(text)
    assert {"NHS Lothian", "Lothian Buses", "Marchmont Dental"} <= cores


def test_lowercase_employers_venues_and_clubs():
    text = ("im a barista at two birds on high st and my bf plays for kelso rfc. his mum runs "
            "a cafe called the copper kettle. we go to st ninians on sundays")
    cores = {c.lower() for c in _cores(text)}
    assert {"two birds", "kelso rfc", "copper kettle", "st ninians"} <= cores


def test_a_lowercase_name_after_called_even_when_it_is_a_word():
    text = "theres this girl called grace mbeki who keeps texting him"
    assert any(p.original.endswith("grace mbeki") for p in find_identifiers(text))


def test_ages_in_brackets_and_plates_by_their_shape():
    text = "Me (Harriet, 41) and him (m, 44). His van is KX19 LMP and hers is 142-KY-5531."
    kinds = [p.kind for p in find_identifiers(text)]
    assert kinds.count(Kind.AGE) == 2 and kinds.count(Kind.PLATE) == 2


def test_a_parish_or_school_named_for_its_dedication():
    assert ("organization", "Sacred Heart") in _found("Our boys go to Sacred Heart and love it.")


def test_the_third_round_letters_keep_their_figures():
    found, total, proposed = _score(TUNING / "anonymizer_own_third_round.jsonl")
    assert total == 146
    assert found >= 143 and proposed <= 2, (found, total, proposed)


def test_a_shop_or_an_app_is_a_brand_unless_someone_works_there():
    assert find_identifiers("We did the big shop at Lidl and then he was on Vinted all night.") == []
    assert ("organization", "Lidl") in _found("My wife is a cashier at Lidl in the evenings.")
    assert ("organization", "Deliveroo") in _found("He drives for Deliveroo most evenings.")


def test_a_book_being_read_and_its_author_are_left_alone():
    text = "My husband and I have been reading Getting Past Your Past by Francine Shapiro."
    assert find_identifiers(text) == []
    assert ("name", "Mark") in _found("I read Mark's texts last night.")


def test_holidays_of_every_calendar_are_left_alone():
    text = "We argue every Yom Kippur, every Holi and every Mothering Sunday."
    assert find_identifiers(text) == []


def test_a_role_only_one_person_holds_here():
    text = "Her brother is the postmaster here and my wife is head of the science department."
    jobs = [p.original for p in find_identifiers(text) if p.kind == Kind.JOB]
    assert jobs == ["the postmaster", "head of the science department"]


def test_a_named_place_of_business_in_a_town():
    assert ("organization", "Anvil Athletics") in _found(
        "He trains at Anvil Athletics in Swindon six days a week.")
    assert "copper anvil" in {c.lower() for c in _cores(
        "he spends every night at copper anvil in swindon")}
    assert _cores("we spent christmas at home in swindon") == {"swindon"}


def test_a_lowercase_name_is_found_again_without_its_capital():
    text = "my gf is sol (she/her, 23). sol says its fine."
    names = [p.original.strip() for p in find_identifiers(text) if p.kind == Kind.NAME]
    assert names == ["sol", "sol"]
    text = "my gf is rose (she/her, 23). rose says its fine. the sun rose and so did we"
    assert [p.start for p in find_identifiers(text) if p.kind == Kind.NAME] == [
        text.index("rose"), text.index("rose says")]


def test_a_venue_someone_runs_is_not_the_series_of_the_same_name():
    assert ("organization", "the Office") in _found("We manage the Office on Bridge Street.")
    assert find_identifiers("We binge-watched The Office all weekend.") == []
    assert ("organization", "uber") in _found("im 30 and i drive for uber most nights")


def test_estates_schools_with_a_plural_possessive_and_names_after_an_age_or_a_role():
    assert "ballyduff estate" in {c.lower() for c in _cores("we live on the ballyduff estate now")}
    assert ("organization", "St Hilda's Girls' High") in _found(
        "She starts at St Hilda's Girls' High in January.")
    assert ("name", "poppy") in _found("our 6 yr old poppy wont sleep")
    assert any(p.original.strip(" ,") == "dave" for p in
               find_identifiers("i asked the coach, dave, to move her"))


def test_a_state_or_province_is_as_coarse_as_a_country():
    assert _cores("His family in Manitoba never says what they feel.").isdisjoint({"Manitoba"})
    assert "Manitoba" in _cores("We still live in Manitoba, near my parents.")
    text = "He is a lineman for Idaho Power and never home."
    assert any(p.start <= text.index("Idaho") < p.end for p in find_identifiers(text))


def test_a_title_beside_a_listed_title_is_left_alone():
    assert find_identifiers("We both love Schitt's Creek and Ted Lasso, if that helps.") == []
