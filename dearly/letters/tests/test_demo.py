"""`make run` loads demo letters so the desk looks alive: about a dozen, two urgent, in every
state, loaded through the real services (screened, indexed, anonymized)."""

from django.core.management import call_command

from dearly.letters.models import Letter


def test_the_demo_fills_the_desk_with_letters_in_every_state(db, desk_client):
    call_command("load_demo")
    letters = Letter.objects.all()
    assert letters.count() == 12
    assert letters.filter(urgent=True).count() == 2
    assert set(letters.values_list("state", flat=True)) == set(Letter.State.values)
    answering = letters.get(state=Letter.State.ANSWERING)
    assert "Marco" in answering.body and "Marco" not in answering.article.letter
    assert letters.get(state=Letter.State.DUPLICATE).duplicate_of.pen_name == "Counting dishes"
    page = desk_client.get("/desk/").content.decode()
    assert "2 urgent letters" in page


def test_loading_the_demo_twice_adds_no_letters(db):
    call_command("load_demo")
    call_command("load_demo", "--force")
    assert Letter.objects.count() == 12
