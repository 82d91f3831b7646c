"""The sign-up form on cached pages: no cookies, no CSRF token, guarded by where the POST
comes from; errors beside the field; the same answer whoever is asking."""

import re

import pytest
from django.core import mail
from django.http import HttpResponse
from django.test import RequestFactory

from dearly.column import services as column_services
from dearly.lib.origin import same_origin_required
from dearly.mailing import services
from dearly.mailing.models import ConsentRecord, OutgoingEmail, Placement, Subscriber
from dearly.mailing.testing import deliver_outbox
from dearly.mailing.tests.helpers import make_form, make_guide

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def locmem(settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


@pytest.fixture
def form():
    return make_form(make_guide(), placement=Placement.HOME)


def post(client, form, email="sam@example.com", **extra):
    data = {"form": form.pk, "wording": form.current_wording().version, "email": email, "name": "", "website": ""}
    data.update(extra.pop("data", {}))
    return client.post("/subscribe/", data, **extra)


def test_the_home_page_shows_the_placed_form_without_a_csrf_token_or_cookie(client, form):
    page = client.get("/")
    html = page.content.decode()
    assert 'action="/subscribe/"' in html and form.current_wording().text in html
    assert "csrfmiddlewaretoken" not in html and not page.cookies


def test_the_article_page_shows_the_article_form(client, form):
    article_form = make_form(None, placement=Placement.ARTICLE, consent="Newsletter words.")
    article = column_services.create_article(title="A letter", letter="Dear…", answer="Well…",
                                             publish_at=article_form.created_at)
    html = client.get(article.get_absolute_url()).content.decode()
    assert "Newsletter words." in html and "Join the newsletter" in html


def test_no_form_is_shown_where_none_is_placed(client):
    assert b'action="/subscribe/"' not in client.get("/").content


def test_a_new_form_appears_on_the_cached_home_page_at_once(client):
    client.get("/")  # cached without a form
    make_form(make_guide(), placement=Placement.HOME)
    assert b'action="/subscribe/"' in client.get("/").content


def test_a_cross_site_post_is_refused(client, form):
    response = post(client, form, HTTP_SEC_FETCH_SITE="cross-site")
    assert response.status_code == 403
    response = post(client, form, HTTP_ORIGIN="https://evil.example")
    assert response.status_code == 403
    assert not Subscriber.objects.exists()


def test_same_origin_and_typed_posts_are_allowed(client, form, settings):
    assert post(client, form, HTTP_SEC_FETCH_SITE="same-origin", HTTP_ORIGIN=settings.SITE_URL).status_code == 302
    assert post(client, form, email="b@example.com", HTTP_SEC_FETCH_SITE="none").status_code == 302
    assert Subscriber.objects.count() == 2


def test_the_origin_guard_on_its_own():
    view = same_origin_required(lambda request: HttpResponse("ok"))
    factory = RequestFactory()
    assert view(factory.post("/", HTTP_SEC_FETCH_SITE="same-site")).status_code == 403
    assert view(factory.post("/", HTTP_ORIGIN="null")).status_code == 403
    assert view(factory.post("/", HTTP_ORIGIN="http://testserver")).status_code == 200
    assert view(factory.get("/", HTTP_SEC_FETCH_SITE="cross-site")).status_code == 200
    assert view(factory.post("/")).status_code == 200


def test_a_bad_address_is_shown_beside_the_field_with_the_text_kept(client, form):
    response = post(client, form, email="sam at example", data={"name": "Sam <b>"})
    html = response.content.decode()
    assert response.status_code == 400
    assert "doesn&#x27;t look like an email address" in html
    assert 'value="sam at example"' in html and 'value="Sam &lt;b&gt;"' in html
    assert 'aria-invalid="true"' in html
    assert not Subscriber.objects.exists()


def test_a_filled_honeypot_gets_the_same_answer_and_nothing_happens(client, form):
    response = post(client, form, data={"website": "http://spam.example"})
    assert response.status_code == 302 and response.url == "/subscribe/check-your-inbox/"
    assert not Subscriber.objects.exists() and not OutgoingEmail.objects.exists()


def test_the_answer_does_not_say_whether_the_address_was_on_the_list(client, form):
    new = post(client, form, email="new@example.com")
    services.sign_up(email="old@example.com", form=form)
    from dearly.mailing.models import SignUp

    services.confirm_subscription(SignUp.objects.get(subscriber__email="old@example.com"))
    known = post(client, form, email="old@example.com")
    assert (new.status_code, new.url) == (known.status_code, known.url)
    # Nor does anything else in the answer (a message in the session would show on the next page).
    assert not new.cookies and not known.cookies
    # Nor the work done: the request became one more confirmation email, as for a new address
    # (the first confirmation and the guide it brought were sent before).
    def purposes(address):
        return sorted(p.split(":")[0] for p in OutgoingEmail.objects.filter(to=address).values_list("purpose", flat=True))

    assert purposes("new@example.com") == ["confirm"] and purposes("old@example.com") == ["confirm", "confirm", "guide"]


def test_a_confirmed_subscriber_asking_for_another_guide_confirms_once_more_and_has_it_at_once(client, form):
    services.sign_up(email="sam@example.com", form=form)
    from dearly.mailing.models import SignUp

    services.confirm_subscription(SignUp.objects.get())
    deliver_outbox()
    mail.outbox.clear()
    second = make_form(make_guide(title="Money talks", slug="money-talks"), placement=Placement.ARTICLE)
    post(client, second)
    deliver_outbox()
    [confirmation] = mail.outbox
    assert "/confirm/" in confirmation.body and "Money talks" in confirmation.body
    assert ConsentRecord.objects.filter(event=ConsentRecord.Event.GUIDE_REQUESTED).count() == 1
    mail.outbox.clear()
    confirm_path = re.search(r"https?://[^/\s]+(/confirm/[^\s]+)", confirmation.body).group(1)
    page = client.post(confirm_path)
    assert "/download/" in page.content.decode()  # the guide, right on the page
    deliver_outbox()
    [guide] = mail.outbox
    assert "Money talks" in guide.subject and "/download/" in guide.body
    assert Subscriber.objects.get().is_subscribed


def test_the_consent_words_stored_are_those_the_form_showed(client, form):
    shown = form.current_wording()
    services.save_form(form, consent_text="New words, version two.")
    post(client, form, data={"wording": shown.version})  # an old cached page
    post(client, form, email="b@example.com", data={"wording": 2})
    first, second = ConsentRecord.objects.order_by("id")
    assert (first.wording_text, first.wording_version) == (shown.text, 1)
    assert (second.wording_text, second.wording_version) == ("New words, version two.", 2)
    assert first.form_name == form.name and first.event == ConsentRecord.Event.REQUESTED


def test_too_many_sign_ups_from_one_address_are_refused(client, form, settings):
    settings.SIGNUP_LIMIT_PER_IP = 3
    for i in range(3):
        assert post(client, form, email=f"p{i}@example.com").status_code == 302
    assert post(client, form, email="p9@example.com").status_code == 429
    assert Subscriber.objects.count() == 3


def test_too_many_sign_ups_for_one_email_send_nothing_more_but_look_the_same(client, form, settings):
    settings.SIGNUP_LIMIT_PER_EMAIL = 2
    responses = [post(client, form, email="victim@example.com") for _ in range(4)]
    assert {r.status_code for r in responses} == {302}
    assert OutgoingEmail.objects.count() == 2


def test_an_inactive_or_unknown_form_is_not_found(client, form):
    form.is_active = False
    form.save()
    assert post(client, form).status_code == 404
    assert client.post("/subscribe/", {"form": "x", "email": "a@example.com"}).status_code == 404


def test_the_landing_page_shows_the_guide_and_its_form(client):
    guide = make_guide()
    make_form(guide, placement=Placement.LANDING, consent="Landing words.")
    page = client.get("/free/ending-an-argument-well/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "<strong>short</strong>" in html and "Landing words." in html
    guide.is_published = False
    services.save_guide(guide)
    assert client.get("/free/ending-an-argument-well/").status_code == 404


def test_a_guide_page_without_its_own_form_borrows_the_guides_other_form(client):
    make_form(make_guide(), placement=Placement.ARTICLE, consent="Article words.")
    assert b"Article words." in client.get("/free/ending-an-argument-well/").content


def test_the_sign_up_and_desk_forms_check_addresses_the_same_way():
    from dearly.mailing.forms import SignUpForm, SuppressForm

    for form_class in (SignUpForm, SuppressForm):
        good = form_class({"email": "  Ann@Example.COM "})
        assert good.is_valid() and good.cleaned_data["email"] == services.clean_email("Ann@Example.COM")
        bad = form_class({"email": "not an address"})
        assert not bad.is_valid() and "doesn't look like an email address" in bad.errors["email"][0]


def test_the_consent_record_names_only_a_known_placement(client, form):
    post(client, form, email="a@example.com", data={"placement": "article"})
    post(client, form, email="b@example.com", data={"placement": "<script>I agreed to nothing</script>"})
    details = dict(ConsentRecord.objects.values_list("email", "detail"))
    assert details == {"a@example.com": "Form on article", "b@example.com": "Form on home"}


def test_the_sign_up_address_only_takes_a_post(client, form):
    assert client.get(f"/subscribe/?form={form.pk}").status_code == 405
    assert not Subscriber.objects.exists()


def test_a_throwaway_address_is_refused_beside_the_field_and_kept(client, form):
    response = post(client, form, email="someone@emailfake.com")  # from the disposable-email-domains package
    assert response.status_code == 400
    assert "temporary inboxes" in response.content.decode()
    assert 'value="someone@emailfake.com"' in response.content.decode()
    assert not Subscriber.objects.exists() and not OutgoingEmail.objects.exists()
