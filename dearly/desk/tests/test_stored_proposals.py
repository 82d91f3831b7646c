"""The review page reads the proposals the worker stored with the letter, so that a web
process never has to load the anonymizer's entity model; a stale set is found afresh."""

from dearly.letters import anonymizer, services
from dearly.letters.models import Letter

LETTER = "My husband Mark works at Deloitte and I'm 34. Write to mark.fan@example.net."


def test_the_review_page_shows_the_proposals_the_worker_stored(desk_client, make_letter):
    letter = make_letter(LETTER)
    services.prepare_letter(letter.pk)
    stored = Letter.objects.get(pk=letter.pk).proposals
    assert stored == [anonymizer.proposal_to_dict(p) for p in anonymizer.find_identifiers(LETTER)]
    stored[0]["replacement"] = "what the worker proposed"
    Letter.objects.filter(pk=letter.pk).update(proposals=stored)
    page = desk_client.get(f"/desk/letters/{letter.pk}/answer/").content.decode()
    assert 'value="what the worker proposed"' in page


def test_stored_proposals_that_no_longer_match_the_letter_are_found_afresh(desk_client, make_letter):
    letter = make_letter(LETTER)
    Letter.objects.filter(pk=letter.pk).update(proposals=[{
        "kind": "name", "start": 0, "end": 5, "original": "Other", "replacement": "stale",
        "reason": "a personal name"}])
    page = desk_client.get(f"/desk/letters/{letter.pk}/answer/").content.decode()
    assert 'value="stale"' not in page
    assert page.count('<mark class="proposal">') == len(anonymizer.find_identifiers(LETTER))
