"""The paywall, site-wide: every kind of reader fetches every URL the site offers, and a
sentinel word that exists only in members-only text must appear exactly where it should:
on a members-only article page (and in one's own private feed) for entitled members and for
staff with the desk permission, in the desk's own editor for that staff, and nowhere else:
not in any other page, feed, sitemap, search result, JSON-LD, related answers, "this may
already help", email or export, for anyone.

The walk is generic. It starts from the home page, the sitemap, the feeds, searches and every
link in every email the site sent, follows every link and form on what it fetches, and then
checks the URL resolver: a URL pattern that no fetch reached and that is not listed in
NOT_FETCHED (with the reason) fails the test, so a page added later is covered or named.
"""

import html as html_lib
import re
import time
from datetime import timedelta
from urllib.parse import urlsplit

import pytest
from django.conf import settings as django_settings
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, resolve
from django.urls.exceptions import Resolver404
from django.utils import timezone

from dearly.column.models import Article
from dearly.column.services import create_article
from dearly.email.models import MailboxMessage, OutgoingEmail
from dearly.email.testing import deliver_outbox
from dearly.letters import services as letters
from dearly.mailing import services as mailing
from dearly.mailing.models import SignUp
from dearly.mailing.tests.helpers import make_form, make_guide
from dearly.members import feeds, services, signin
from dearly.members.models import Membership, Question, Tier
from dearly.members.testing import checkout_session, event, invoice, subscription
from dearly.members.tests.conftest import post_event

SENTINEL = "quillwort"  # found only in the hidden part of members-only answers
pytestmark = pytest.mark.django_db

# Members-only answers written every way an expert may write them. Each hides its own tag
# (SENTINEL + suffix) and shows its own teaser line to everyone.
ANSWERS = {
    "marker": ("Teaser with the marker.\n\n<!--more-->\n\nHidden {tag} behind the plain marker.",
               ["Teaser with the marker."]),
    "spaced-marker": ("Teaser, spaced marker.\r\n\r\nA second public paragraph.\r\n\r\n<!-- More -->\r\n\r\n"
                      "Hidden {tag} behind a marker typed with spaces and a capital.",
                      ["Teaser, spaced marker.", "A second public paragraph."]),
    "inline-marker": ("Teaser on one line. <!--more--> Hidden {tag} after an inline marker.",
                      ["Teaser on one line."]),
    "crlf-spaces": ("Teaser typed in a browser.\r\n \t \r\n<!--more-->   \r\n  \r\nHidden {tag} after blank lines "
                    "holding spaces.", ["Teaser typed in a browser."]),
    "no-marker": ("Teaser without a marker.\r\n   \r\nHidden {tag} in the second paragraph.\r\n\r\nAnd a third.",
                  ["Teaser without a marker."]),
    "one-paragraph": ("The first sentence alone. Hidden {tag} in the same paragraph.", ["The first sentence alone."]),
}
TYPED_TEASER = "Money fights are rarely about money."
LETTER_TEXT = ("My husband and I fight about money every single month. He hides receipts and I check the bank "
               "account at night. We avoid each other for days after. How do we start talking about money "
               "without it turning into a fight?")

# URL patterns the walk does not fetch, and why. Anything else the resolver knows must be reached.
NOT_FETCHED = {
    "webhooks/stripe/": "Stripe's POST-only endpoint: answers OK or 400, never page text",
    "webhooks/anymail/": "the ESP's POST-only tracking endpoints: no page text",
    "admin/": ("Django's admin: stored rows for staff holding each model's own admin permission; its index and "
               "the article's change page are fetched by every reader below"),
    "desk/subscribers/import/<int:pk>/": "a CSV import's preview: the imported addresses, no article text",
    "signout/": "ends the session (POST only, no page text): the walk must stay signed in",
    "tools/entries/<slug:tool>/<int:pk>/": ("share, unshare and delete one's own tool entry (POST only): no article "
                                            "text; who sees which entry is tested in dearly/tools/tests"),
    "tools/partner/unlink/": "ends a partnership (POST only), no article text",
    "tools/safety/resume/": "resumes a paused couple exercise (POST only), no article text",
    "tools/cycle/<int:pk>/": ("one person's cycle map and its steps: their own words, never article text; "
                              "privacy per map id is tested in dearly/cyclemap/tests"),
    "desk/logout/": "ends the session (POST only, no page text): the walk must stay signed in",
}


def _routes(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            yield from _routes(p.url_patterns, prefix + str(p.pattern))
        elif isinstance(p, URLPattern):
            yield prefix + str(p.pattern)


def every_route() -> set[str]:
    return set(_routes(get_resolver().url_patterns))


def route_of(path: str) -> str | None:
    try:
        return resolve(path).route
    except Resolver404:
        return None


LINK = re.compile(r"""(?:href|action|src)=["']([^"'#]+)|<(?:loc|link|guid|id)>([^<]+)<""")
URL_IN_TEXT = re.compile(r"https?://[^\s<>\"']+")


def links_in(text: str) -> set[str]:
    found = set()
    for a, b in LINK.findall(text):
        found.add((a or b).strip().replace("&amp;", "&"))
    found |= set(URL_IN_TEXT.findall(html_lib.unescape(text)))
    local = set()
    for url in found:
        if url.startswith(django_settings.SITE_URL):
            url = url[len(django_settings.SITE_URL):] or "/"
        parts = urlsplit(url)
        if parts.scheme or parts.netloc or not url.startswith("/") or url.startswith("/static/"):
            continue
        local.add(parts.path + (f"?{parts.query}" if parts.query else ""))
    return local


def body_of(response) -> str:
    content = b"".join(response.streaming_content) if getattr(response, "streaming", False) else response.content
    return content.decode("utf-8", "replace")


def without_query_echo(url: str, html: str) -> str:
    """A search page repeats what was asked: that is not the paywall's doing."""
    query = urlsplit(url).query
    for part in query.split("&"):
        if part.startswith("q="):
            html = html.replace(part[2:], "")
    return html


class Reader:
    def __init__(self, name, client, *, entitled, member=None):
        self.name, self.client, self.entitled, self.member = name, client, entitled, member
        self.fetched: dict[str, str] = {}  # url -> body

    def may_see(self, route: str | None) -> bool:
        if not self.entitled:
            return False
        if route in ("qa/<slug:slug>/", "feed/member/<str:token>/"):
            return True
        if route == "newsletter/<int:pk>-<slug:slug>/":  # an issue made of a members-only answer
            return True
        # The expert's own editor for the letter the answer was written for, and the newsletter
        # issue she made of the answer.
        return self.name == "desk staff" and bool(route) and route.startswith(("desk/letters/<int:pk>/",
                                                                              "desk/newsletter/"))


@pytest.fixture
def site(desk_client, make_letter, fake_stripe, settings, expert):
    """A site with every kind of members-only answer, public answers beside them, a guide,
    a question on /join/, emails of every kind sent, and readers of every kind."""
    settings.EMAIL_BACKEND = "dearly.email.mailbox.MailboxBackend"
    from dearly.desk.tests.test_answering import review

    yesterday = timezone.now() - timedelta(days=1)
    # Public answers on the same topic (related answers) and one on another.
    for i in range(3):
        create_article(title=f"Talking about money, part {i}", letter=f"We argue about money and bills {i}.",
                       answer="Start with what money means to each of you.", topics=("Money",),
                       publish_at=yesterday - timedelta(hours=i))
    create_article(title="A quiet evening", letter="We never talk.", answer="Try ten minutes a day.",
                   topics=("Connection",), publish_at=yesterday)
    articles = {}
    for key, (answer, _) in ANSWERS.items():
        articles[key] = create_article(
            title=f"Members answer: {key}", letter=f"We keep fighting about money ({key}).", topics=("Money",),
            answer=answer.format(tag=f"{SENTINEL}-{key}"), visibility="members", publish_at=yesterday)

    # One answered in the desk, typed in a browser (CRLF, a blank line holding a space, no
    # marker), whose writer asked to hear when it is out.
    letter = make_letter(LETTER_TEXT, email="writer@example.com", pen_name="Counting pennies")
    desk_client.post(f"/desk/letters/{letter.pk}/answer/", review(letter))
    typed = (f"{TYPED_TEASER}\r\n \r\nThe members' part: try the {SENTINEL}-typed budget walk.\r\n\r\n"
             "And a last paragraph.")
    desk_client.post(f"/desk/letters/{letter.pk}/draft/", {
        "title": "We fight about money every month", "letter": "We argue about money.\r\n\r\nEvery month.",
        "answer": typed, "visibility": "members", "publish_at": "", "publish": "1"})
    assert desk_client.post(f"/desk/letters/{letter.pk}/publish/", {"publish_at": "", "confirm": "on"}).status_code \
        in (200, 302)
    letter.refresh_from_db()
    articles["typed"] = Article.objects.get(pk=letter.article_id)
    assert articles["typed"].is_visible() and articles["typed"].is_members_only
    teasers = {key: lines for key, (_, lines) in ANSWERS.items()} | {"typed": [TYPED_TEASER]}

    # The mailing list, a guide, a question on /join/.
    guide = make_guide()
    guide_form = make_form(guide=guide)
    mailing.sign_up(email="subscriber@example.com", form=guide_form, name="Sub Scriber")
    mailing.confirm_subscription(SignUp.objects.get(subscriber__email="subscriber@example.com"))
    subscriber = SignUp.objects.get(subscriber__email="subscriber@example.com").subscriber
    mailing.send_personal_data_link(subscriber, "export")
    mailing.send_personal_data_link(subscriber, "erase")
    services.save_question(Question(question="Can I cancel?", answer="Yes, whenever you like."))

    free_tier = services.save_tier(Tier(name="Reader", slug="reader", included="The newsletter"))
    paid = services.save_tier(Tier(name="Member", slug="member", included="Every answer in full",
                                   monthly_price=500, yearly_price=5000, position=1))
    now = int(time.time())

    def member_client(email, how=None):
        member = signin.member_for_email(email)
        if how:
            how(member)
        client = Client()
        client.force_login(member.user)
        services.rotate_feed(member)
        member.refresh_from_db()
        return member, client

    def paying(member, *, status="active", created=now, deleted=False):
        meta = {"member": str(member.pk), "tier": str(paid.pk), "interval": "month"}
        ids = dict(customer=f"cus_{member.pk}", metadata=meta)
        post_event(event("checkout.session.completed", checkout_session(
            member_pk=member.pk, subscription=f"sub_{member.pk}", **ids), created=created))
        post_event(event("customer.subscription.created", subscription(
            id=f"sub_{member.pk}", status="active", **ids), created=created + 1))
        if status == "past_due":
            post_event(event("invoice.payment_failed", invoice(
                customer=ids["customer"], subscription_id=f"sub_{member.pk}", metadata=meta, paid=False),
                created=created + 2))
        if deleted:
            post_event(event("customer.subscription.deleted", subscription(
                id=f"sub_{member.pk}", status="canceled", **ids), created=created + 3))

    long_ago = now - (settings.MEMBERSHIP_GRACE_DAYS + 3) * 86400
    readers = []
    staff = Client()
    from django.contrib.auth import get_user_model

    helper = get_user_model().objects.create_user("helper", "helper@example.com", "pw", is_staff=True)
    staff.force_login(helper)
    half_signed_in = Client()  # the expert's password given, the second factor not yet
    half_signed_in.force_login(expert)
    desk = desk_client
    m_active, c_active = member_client("member@example.com", lambda m: paying(m))
    m_grace, c_grace = member_client("grace@example.com", lambda m: paying(m, status="past_due"))
    m_comp, c_comp = member_client("friend@example.com", lambda m: services.grant_complimentary(m, paid))
    m_sub, c_sub = member_client("subscriber@example.com")  # on the list, a free account
    m_free, c_free = member_client("free-tier@example.com",
                                   lambda m: Membership.objects.create(member=m, tier=free_tier, status="active"))
    m_lapsed, c_lapsed = member_client("lapsed@example.com",
                                       lambda m: paying(m, status="past_due", created=long_ago))
    m_gone, c_gone = member_client("cancelled@example.com", lambda m: paying(m, deleted=True))
    m_ended, c_ended = member_client("comp-ended@example.com", lambda m: services.grant_complimentary(
        m, paid, until=timezone.now().date() - timedelta(days=1)))
    readers += [
        Reader("desk staff", desk, entitled=True),
        Reader("member", c_active, entitled=True, member=m_active),
        Reader("member in grace", c_grace, entitled=True, member=m_grace),
        Reader("complimentary member", c_comp, entitled=True, member=m_comp),
        Reader("anonymous", Client(), entitled=False),
        Reader("free subscriber", c_sub, entitled=False, member=m_sub),
        Reader("free tier", c_free, entitled=False, member=m_free),
        Reader("lapsed past grace", c_lapsed, entitled=False, member=m_lapsed),
        Reader("cancelled", c_gone, entitled=False, member=m_gone),
        Reader("complimentary ended", c_ended, entitled=False, member=m_ended),
        Reader("staff without desk permission", staff, entitled=False),
        Reader("desk staff before the second factor", half_signed_in, entitled=False),
        Reader("anonymous, again at the end", Client(), entitled=False),
    ]
    assert Membership.objects.get(member=m_lapsed).status == "past_due"
    assert not m_lapsed.user.has_active_membership() and m_grace.user.has_active_membership()

    # Emails of every kind: sign-in, change of address, the "answer is out" notice, the list's.
    Client().post("/signin/", {"email": "member@example.com"})
    c_active.post("/account/email/", {"email": "member.new@example.com"})
    assert deliver_outbox() > 0

    # The newsletter: an issue made of the members-only answer, sent to every confirmed
    # subscriber (none of whom may read it in full) and kept in the public archive, a draft
    # beside it, and a welcome email.
    from dearly.newsletter import sending
    from dearly.newsletter import services as newsletter
    from dearly.welcome.models import WelcomeStep
    from dearly.welcome.services import save_step

    issue = newsletter.create_broadcast(subject="This month: money", article=articles["typed"])
    newsletter.start_sending(issue)
    assert sending.send_all() >= 1
    draft = newsletter.create_broadcast(subject="Next month", article=articles["marker"])
    save_step(WelcomeStep(day=0, subject="Welcome", body="Glad you are here."))
    # Where to get help: a resource an answer names (the box on answers), its click counter on.
    from dearly.resources.models import Resource
    from dearly.resources.services import save_resource

    save_resource(Resource(name="A money counsellor", slug="money-counsellor", kind=Resource.Kind.HELP,
                           summary="Someone who helps couples plan together.", keywords="budget walk\nmoney",
                           link="https://example.org/counsellors", link_label="Find one", count_clicks=True))
    return {"articles": articles, "teasers": teasers, "readers": readers, "letter": letter, "expert": expert,
            "broadcasts": (issue, draft)}


def walk(reader: Reader, seeds: set[str], limit=600) -> None:
    todo, seen = sorted(seeds), set()
    while todo and len(seen) < limit:
        url = todo.pop(0)
        if url in seen or any(route_of(urlsplit(url).path) == r for r in ("signout/", "signout/everywhere/",
                                                                        "desk/logout/")):
            continue
        seen.add(url)
        response = reader.client.get(url)
        body = body_of(response)
        reader.fetched[url] = body
        if response.status_code in (301, 302, 303) and response.get("Location", "").startswith("/"):
            todo.append(response["Location"])
        if "html" in response.get("Content-Type", "") or "xml" in response.get("Content-Type", ""):
            todo.extend(sorted(links_in(body) - seen))


def test_members_only_text_appears_exactly_where_it_should(site, settings):
    articles, readers = site["articles"], site["readers"]
    members_only_pages = {a.get_absolute_url(): key for key, a in articles.items()}

    emails = list(OutgoingEmail.objects.values_list("subject", "body_text", "body_html"))
    emails += list(MailboxMessage.objects.values_list("subject", "body_text", "body_html"))
    assert any("/qa/" in text for _, text, _ in emails)  # the "your answer is out" notice is among them
    email_links = set().union(*(links_in(text + html) for _, text, html in emails))

    seeds = {"/", "/sitemap.xml", "/feed/", "/robots.txt", "/healthz", "/favicon.ico", "/ask/", "/join/",
             "/signin/", "/account/", "/desk/", "/admin/", "/help-now/", "/qa/?page=2",
             f"/admin/column/article/{articles['typed'].pk}/change/",
             *(f"/search/?q={q}" for q in (SENTINEL, f"{SENTINEL}-typed", "hidden", "money", "budget", "teaser",
                                            "marker", "paragraph")),
             *members_only_pages, *email_links}
    seeds |= {"/signin/code/", "/subscribe/check-your-inbox/", "/newsletter/", "/resources/", "/tools/",
              "/desk/resources/"}
    # The desk's pages about each issue, those only a draft or a send in progress links to too.
    seeds |= {f"/desk/newsletter/{b.pk}/{tail}" for b in site["broadcasts"] for tail in (
        "", "edit/", "email.html", "progress/", "send/", "schedule/", "test/", "pause/", "resume/", "cancel/",
        "retry/", "unschedule/")}
    seeds |= {"/desk/newsletter/count/", "/desk/newsletter/preview/"}
    # The desk's pages about the letter behind the typed answer, its editor's included.
    seeds |= {f"/desk/letters/{site['letter'].pk}/{tail}" for tail in (
        "", "answer/", "draft/", "draft/preview/", "draft/autosave/", "follow-up/", "move/", "publish/")}

    for reader in readers:
        own_seeds = set(seeds)
        if reader.member is not None and reader.member.feed_key:
            own_seeds.add(feeds.feed_path(reader.member))
        walk(reader, own_seeds)

        # What only a POST shows: "this may already help" (with and without JavaScript), the
        # page after sending a letter, and one's data.
        posted = {
            "/ask/ (look first)": reader.client.post("/ask/", {"letter": LETTER_TEXT, "look": "1"}),
            "/ask/similar/": reader.client.post("/ask/similar/", {"letter": LETTER_TEXT}),
        }
        sent = letters.submit_letter(pen_name="Another", body=LETTER_TEXT, email="", consent_publication=True,
                                     consent_sensitive_data=True)
        session = reader.client.session
        session["letters:sent"] = {"id": sent.pk, "at": int(time.time())}
        session.save()
        posted["/ask/sent/"] = reader.client.get("/ask/sent/")
        if reader.member is not None:
            posted["/account/my-data.json"] = reader.client.post("/account/my-data.json")
        for url, response in posted.items():
            reader.fetched[url] = body_of(response)
        assert "Members answer: marker" in reader.fetched["/ask/ (look first)"] + reader.fetched["/ask/similar/"] \
            or "We fight about money every month" in reader.fetched["/ask/ (look first)"]

    assert all(len(r.fetched) > 60 for r in readers)  # each walked the site, not one page
    # 1. Nowhere it should not be.
    leaks = []
    for reader in readers:
        for url, body in reader.fetched.items():
            path = url.split(" ")[0]
            route = route_of(urlsplit(path).path)
            text = without_query_echo(url, body)
            if SENTINEL in text and not reader.may_see(route):
                leaks.append((reader.name, url))
            if route == "qa/<slug:slug>/":
                head = text.split("</head>")[0]
                json_ld = "".join(re.findall(r'<script type="application/ld\+json">(.*?)</script>', text, re.S))
                if SENTINEL in head or SENTINEL in json_ld:
                    leaks.append((reader.name, f"{url} (head or JSON-LD)"))
    for subject, text, html in emails:
        if SENTINEL in subject + text + html:
            leaks.append(("an email", subject))
    assert leaks == []

    # 2. Exactly where it should be: each hidden part, on its page, for those entitled; each
    # teaser for everyone; the members' own feeds in full.
    for reader in readers:
        for url, key in members_only_pages.items():
            body = reader.fetched[url]
            for line in site["teasers"][key]:
                assert line in body, (reader.name, key, line)
            assert (f"{SENTINEL}-{key}" in body) == reader.entitled, (reader.name, key)
            assert ("The rest of this answer is for members" in body) != reader.entitled, (reader.name, key)
        if reader.member is not None:
            feed = reader.fetched[feeds.feed_path(reader.member)]
            assert "Teaser with the marker." in feed
            assert all((f"{SENTINEL}-{key}" in feed) == reader.entitled for key in articles), reader.name

    # 3. Every URL pattern was fetched by someone, or is named above with its reason.
    reached = {route_of(urlsplit(url.split(" ")[0]).path) for r in readers for url in r.fetched}
    missing = sorted(route for route in every_route()
                     if route not in reached and not any(route.startswith(p) for p in NOT_FETCHED))
    assert missing == [], f"URL patterns neither fetched nor listed in NOT_FETCHED: {missing}"
    assert all(any(r.startswith(p) for r in every_route()) for p in NOT_FETCHED)  # no stale excuses


def test_the_walk_would_see_a_leak(site):
    """The check above can fail: the walk's own reading finds the sentinel when it is there."""
    article = site["articles"]["marker"]
    anonymous = Reader("anonymous", Client(), entitled=False)
    Article.objects.filter(pk=article.pk).update(teaser_html=article.answer_html)  # a broken paywall
    from dearly.column import page_cache

    page_cache.invalidate()
    walk(anonymous, {"/"}, limit=80)
    assert any(SENTINEL in body and not anonymous.may_see(route_of(urlsplit(url).path))
               for url, body in anonymous.fetched.items())
    assert len(anonymous.fetched) > 10  # the walk went past the home page
