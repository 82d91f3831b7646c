"""The anonymizer on what the retired fourth sealed set and our own fifth-round letters showed
(round 5): handles written without an @, titles, languages, lenders, greetings, wars, holidays,
landmarks and grandparents left alone; venues named beside their noun found. Every letter here
is written here, not taken from any set.
"""

from dearly.letters.anonymizer import Kind, apply, find_identifiers
from dearly.letters.tests.proposals import kinds, proposed

# --------------------------------------------------------------------------- #
# Links and handles
# --------------------------------------------------------------------------- #

def test_a_reddit_username_is_a_handle_without_an_at_sign():
    text = "He found my account, u/nightowl_77, and read every post. I deleted u/otherme too."
    assert kinds(text, Kind.URL) == {"u/nightowl_77", "u/otherme"}


def test_a_word_joined_by_underscores_is_a_handle_wherever_it_stands():
    text = "If you want to reply, my LINE is kiko_mama_fuk and I check it daily."
    assert kinds(text, Kind.URL) == {"kiko_mama_fuk"}


def test_a_messaging_app_id_after_a_colon_is_a_handle():
    assert kinds("You can find me there, wechat: lily2291", Kind.URL) == {"lily2291"}
    assert kinds("Please reply. LINE ID: bluebird.88", Kind.URL) == {"bluebird.88"}


def test_filler_before_a_username_is_not_the_username():
    text = "her username is something like u/sunnyday_4 and she lives far away"
    assert kinds(text, Kind.URL) == {"u/sunnyday_4"}


def test_an_app_named_before_an_everyday_word_is_not_a_handle():
    assert kinds("my ID was expired and her insta was private, and the signal is weak here",
                  Kind.URL) == set()


def test_a_file_name_with_underscores_is_not_a_handle():
    assert kinds("I found a file called notes_for_lawyer.docx on his laptop", Kind.URL) == set()


# --------------------------------------------------------------------------- #
# Left alone
# --------------------------------------------------------------------------- #

def test_a_title_after_the_word_film_or_show_is_left_alone():
    text = "My dad says life is not like in the film Dead Poets Society, and my mum loves the show Derry Girls."
    assert proposed(text) == set()


def test_a_title_after_an_adverb_and_a_list_of_titles_are_left_alone():
    assert proposed("My grandfather watches only Eurosport and Tatort.") == set()
    text = "In our book club we have analysed Jane Eyre, Rebecca and Wuthering Heights this year."
    assert proposed(text) == set()


def test_a_comedian_s_special_and_a_speaker_on_stage_are_left_alone():
    text = ("I keep thinking of that Hasan Minhaj special about his parents. Last year we queued "
            "to hear Esther Freud speak.")
    assert proposed(text) == set()


def test_a_show_cue_before_a_lone_given_name_still_finds_the_person():
    assert "Sam" in kinds("I keep watching Sam play with the other kids.", Kind.NAME)


def test_a_language_after_words_about_saying_is_not_a_place():
    text = "I do not know how to say sorry in Ewe. My mother speaks to me in Luganda."
    assert kinds(text, Kind.PLACE) == set()


def test_a_lender_after_a_loan_is_not_a_place():
    text = "He took a loan from Fuliza without telling me, and then borrowed money from Branch."
    assert kinds(text, Kind.PLACE) == set()


def test_a_greeting_transliterated_from_arabic_is_nobody_s_name():
    for greeting in ("Salaam Alaikum wa Rahmatullah.", "Salam Alaykum,", "As-salamu aleikum."):
        assert kinds(f"{greeting} I am writing because my husband is distant.", Kind.NAME) == set()


def test_a_war_a_holiday_in_its_own_language_and_a_landmark_are_left_alone():
    text = ("My father has not been the same since the Gulf War. We spend Heiligabend with his "
            "family, and he proposed at the Eiffel Tower.")
    assert proposed(text) == set()


def test_a_holiday_before_a_year_leaves_the_year_but_not_the_holiday():
    proposals = find_identifiers("We have been together since Silvester 2019 and it is hard.")
    assert all("Silvester" not in p.original for p in proposals)


def test_what_readers_call_their_grandparents_is_nobody_s_name():
    text = "Nani says I am too modern. Abuela cries on the phone. Opa does not speak to us."
    assert kinds(text, Kind.NAME) == set() and kinds(text, Kind.PLACE) == set()


def test_a_sign_off_s_words_are_not_a_town():
    proposals = find_identifiers("What should I do? Warmly, Exhausted in Swansea")
    assert [p.original.strip(" ,") for p in proposals] == ["in Swansea"]


def test_a_platform_someone_posts_on_is_not_an_employer():
    text = "My son makes beats and posts them on Bandcamp every night, and he has a SoundCloud too."
    assert proposed(text) == set()


# --------------------------------------------------------------------------- #
# Found
# --------------------------------------------------------------------------- #

def test_a_club_named_after_its_noun_loses_the_name_and_keeps_the_noun():
    text = "My friends at the hockey club Amstel Tigers only make jokes."
    proposals = find_identifiers(text)
    assert apply(text, proposals) == "My friends at the hockey club only make jokes."


def test_a_venue_named_before_its_noun_is_found():
    text = "We married in 2009 at Bethesda, the Methodist church in Tema. Since then it is hard."
    assert "Bethesda" in kinds(text, Kind.ORGANIZATION)


def test_where_someone_worships_is_found_after_the_service():
    text = "After prayers at Masjid Al Noor my father finally spoke to me."
    assert "Masjid Al Noor" in kinds(text, Kind.ORGANIZATION)


def test_where_a_couple_met_is_found_but_not_a_holiday_or_a_friend_s_party():
    assert "Dalhousie" in kinds("We met at Dalhousie in 2011 and married in 2015.",
                                 Kind.ORGANIZATION)
    assert kinds("We met at Christmas, at Jake's party.", Kind.ORGANIZATION) == set()


def test_an_employer_after_how_someone_works_is_found_in_a_lowercase_letter():
    text = "we have a kid now. i work remote for zendesk and my wife works in sales for vodacom."
    assert {"zendesk", "vodacom"} <= kinds(text, Kind.ORGANIZATION)


def test_a_county_with_a_town_or_port_in_it_is_where_the_writer_lives():
    text = "I'm a vet in a small town in County Clare, so people talk."
    assert {p.removeprefix("in ") for p in kinds(text, Kind.PLACE)} == {"County Clare"}


def test_a_visa_or_a_benefit_with_a_capital_is_paperwork_not_a_person():
    text = "I came on a Skilled Worker visa and my sister is on Carer's Allowance."
    assert kinds(text, Kind.NAME) == set()


def test_an_idea_with_a_capital_is_not_a_place():
    assert proposed("He's into Stoicism now, and before that Minimalism.") == set()


def test_a_phone_a_beer_and_a_tournament_are_left_alone():
    text = "My grandma still uses her Nokia, he drinks Guinness and we argue during the Euros."
    assert proposed(text) == set()


def test_a_street_is_known_by_the_shop_or_the_flat_on_it():
    text = "I work at the Boots on Castlegate, and he has a flat on Kingsway."
    assert {p.original.strip() for p in find_identifiers(text) if p.kind == Kind.ADDRESS} == \
        {"on Castlegate", "on Kingsway"}


def test_a_day_or_a_platform_after_on_is_no_street():
    text = "I saw her at the Tesco on Tuesday and we watched the show on Netflix."
    assert {p.kind for p in find_identifiers(text)} <= {Kind.ORGANIZATION}


def test_a_lowercase_walk_or_gate_with_an_odd_name_is_a_street_but_a_long_walk_is_not():
    assert kinds("his car was outside a flat on leith walk again", Kind.ADDRESS) == {"on leith walk"}
    assert find_identifiers("we went on a long walk and met at the back gate") == []


def test_a_name_after_a_relation_in_the_writer_s_own_language_is_found():
    text = "my kakak nurul says dont start marriage with debt and my bhaiya vikrant agrees"
    assert {n.strip() for n in kinds(text, Kind.NAME)} == {"nurul", "vikrant"}


def test_a_word_drawn_out_or_a_relation_s_nickname_at_a_sentence_start_is_no_name():
    text = "Sooo he left. Whyyy does this happen? Hubby says stay. Wifey and I argue."
    assert kinds(text, Kind.NAME) == set()


def test_a_superlative_before_regards_and_kisses_are_no_name_or_employer():
    assert proposed("Sorry for the long letter. Kindest regards, Anon") == set()
    assert proposed("Thank you so much. Xoxo, a fan") == set()


def test_a_discord_tag_a_cashtag_and_a_name_given_after_steam_name_are_handles():
    text = ("her discord is moonpie#4821, pay him on cashapp $jdog2022, and my steam name is "
            "CaptainCrunch87")
    assert kinds(text, Kind.URL) == {"moonpie#4821", "$jdog2022", "CaptainCrunch87"}


def test_money_written_with_a_dollar_sign_is_no_cashtag():
    assert kinds("It cost $USD 500 and then $5k more.", Kind.URL) == set()


def test_a_capital_on_an_everyday_venue_after_met_at_is_no_employer():
    # a guard for the venue cues above: "met at" and "after ... at" need a name, not a capital
    assert proposed("We met at University.") == set()
    assert proposed("We fell out after Bible Study at Church.") == set()
