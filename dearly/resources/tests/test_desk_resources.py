"""The expert edits Where to get help in the desk: only desk staff may, a link that carries a
tracking or affiliate code is refused unless marked as one, and the form keeps what was typed."""

from dearly.resources.models import Resource

FORM = {"kind": "help", "name": "A Gottman Method couples therapist", "slug": "", "author": "",
        "summary": "Structured, with homework.", "body": "Built on **research**.", "keywords": "Gottman Method\nGottman",
        "link": "", "link_label": "", "position": "0", "published": "on"}


def test_the_expert_adds_a_resource_and_readers_see_it(desk_client, client):
    response = desk_client.post("/desk/resources/new/", FORM)
    assert response.status_code == 302
    resource = Resource.objects.get()
    assert resource.slug == "a-gottman-method-couples-therapist" and resource.keyword_list == ["Gottman Method", "Gottman"]
    assert "A Gottman Method couples therapist" in client.get("/resources/").content.decode()
    assert "<strong>research</strong>" in client.get(resource.get_absolute_url()).content.decode()


def test_a_link_with_a_tracking_code_is_refused_unless_marked_affiliate_and_the_text_is_kept(desk_client):
    form = {**FORM, "link": "https://shop.example/book?utm_source=dearly&id=3"}
    response = desk_client.post("/desk/resources/new/", form)
    html = response.content.decode()
    assert response.status_code == 400 and not Resource.objects.exists()
    assert "tracking or affiliate code (utm_source)" in html
    assert "Structured, with homework." in html and "Built on **research**." in html
    response = desk_client.post("/desk/resources/new/", {**form, "affiliate": "on"})
    assert response.status_code == 302 and Resource.objects.get().affiliate


def test_an_affiliate_switch_without_a_link_is_refused(desk_client):
    response = desk_client.post("/desk/resources/new/", {**FORM, "count_clicks": "on"})
    assert response.status_code == 400 and "need a link" in response.content.decode()


def test_a_second_resource_cannot_take_an_address_in_use(desk_client):
    desk_client.post("/desk/resources/new/", {**FORM, "slug": "gottman"})
    response = desk_client.post("/desk/resources/new/", {**FORM, "name": "Another", "slug": "gottman"})
    assert response.status_code == 400 and "already lives at /resources/gottman/" in response.content.decode()


def test_the_edit_page_lists_the_answers_that_mention_it(desk_client, make_article, make_resource):
    resource = make_resource()
    make_article("Married to a wall", answer="Look for Emotionally Focused Therapy.")
    make_article("Money again", answer="Make a budget together.")
    html = desk_client.get(f"/desk/resources/{resource.pk}/").content.decode()
    assert "Married to a wall" in html and "Money again" not in html


def test_the_expert_deletes_a_resource(desk_client, client, make_resource):
    resource = make_resource(slug="gone")
    assert desk_client.post(f"/desk/resources/{resource.pk}/delete/").status_code == 302
    assert client.get("/resources/gone/").status_code == 404


def test_members_and_anonymous_readers_cannot_edit_resources(client, member, make_resource):
    resource = make_resource()
    assert client.post("/desk/resources/new/", FORM).status_code == 302  # to the sign-in page
    client.force_login(member)
    assert client.post(f"/desk/resources/{resource.pk}/", FORM).status_code == 403
    assert client.post(f"/desk/resources/{resource.pk}/delete/").status_code == 403
    assert Resource.objects.filter(pk=resource.pk, name=resource.name).exists()
