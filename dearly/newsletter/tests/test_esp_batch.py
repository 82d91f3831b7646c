"""Batch sending through an ESP's API, against a local HTTP server that speaks the ESP's wire
format: it reads what anymail posts (Mailgun's form fields, Mandrill's JSON) and answers with
the responses their API documentation gives, per recipient where the ESP has them."""

import html
import json
import re
import threading
from datetime import timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

import pytest
from django.utils import timezone

from dearly.email.models import Suppression
from dearly.mailing.models import Subscriber
from dearly.newsletter import sending, services
from dearly.newsletter.models import Broadcast, Delivery
from dearly.newsletter.tests.helpers import readers, subscribe

pytestmark = pytest.mark.django_db
D = Delivery.State
LATER = timedelta(hours=7)  # past the longest backoff

MAILGUN_QUEUED = {"id": "<20261130164455.1.ABCDEF@dearly.example>", "message": "Queued. Thank you."}
MAILGUN_BAD_TO = {"message": "'to' parameter is not a valid address. please check documentation"}


class EspServer:
    """Answers each request with answer(request) → (HTTP status, JSON); keeps every request as
    {"method", "path", "fields"} (the parsed form or JSON body; None without a body)."""

    def __init__(self, answer):
        self.answer = answer
        self.requests: list[dict] = []
        self.events = None  # a shared list, when a test wants calls and records in order
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"] or 0)).decode()
                if not body:
                    fields = None
                elif (self.headers["Content-Type"] or "").startswith("application/x-www-form-urlencoded"):
                    fields = parse_qs(body, keep_blank_values=True)  # Mailgun
                else:
                    fields = json.loads(body)  # Mandrill posts JSON without saying so
                request = {"method": self.command, "path": self.path, "fields": fields}
                server.requests.append(request)
                if server.events is not None:
                    server.events.append(("call", len(server.requests)))
                status, payload = server.answer(request)
                data = json.dumps(payload).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            do_GET = do_DELETE = do_POST

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


@pytest.fixture
def esp():
    servers = []

    def start(answer):
        servers.append(EspServer(answer))
        return servers[-1]

    yield start
    for server in servers:
        server.close()


def use_mailgun(settings, server):
    settings.EMAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"
    settings.ANYMAIL = {"MAILGUN_API_KEY": "key-test", "MAILGUN_API_URL": server.url + "/v3"}


def use_mandrill(settings, server):
    settings.EMAIL_BACKEND = "anymail.backends.mandrill.EmailBackend"
    settings.ANYMAIL = {"MANDRILL_API_KEY": "test-key", "MANDRILL_API_URL": server.url + "/api/1.0"}


def started(subject="An issue"):
    broadcast = services.create_broadcast(subject=subject, body="Some words for you.")
    services.start_sending(broadcast)
    return broadcast


def links_of(broadcast, address):
    """(unsubscribe, preferences) links of this reader, as the sender makes them."""
    return sending.Composer(broadcast).links(Subscriber.objects.get(email=address))


def recipient_variables(request) -> dict:
    return json.loads(request["fields"]["recipient-variables"][0])


def states() -> dict[str, str]:
    return dict(Delivery.objects.values_list("subscriber__email", "state"))


# Mailgun: everything per recipient is kept --------------------------------------------------

def test_mailgun_gets_one_request_for_the_group_with_each_readers_own_links(esp, settings):
    people = readers(5)
    subscribe(*people)
    server = esp(lambda request: (200, MAILGUN_QUEUED))
    use_mailgun(settings, server)
    broadcast = started()

    assert sending.send_all() == 5
    assert len(server.requests) == 1
    request = server.requests[0]
    assert request["path"] == "/v3/dearly.example/messages"
    fields = request["fields"]
    assert sorted(fields["to"]) == sorted(people)
    # The body holds Mailgun's merge fields; each reader's own links are in their variables.
    assert "%recipient.dearly_unsubscribe%" in fields["text"][0]
    assert "%recipient.dearly_unsubscribe%" in fields["html"][0]
    assert "%recipient.dearly_preferences%" in fields["html"][0]
    variables = recipient_variables(request)
    assert set(variables) == set(people)
    for address in people:
        unsubscribe, preferences = links_of(broadcast, address)
        mine = variables[address]
        assert mine["dearly_unsubscribe"] == unsubscribe and mine["dearly_preferences"] == preferences
        assert mine["h:List-Unsubscribe"] == f"<{unsubscribe}>"
        delivery = Delivery.objects.get(subscriber__email=address)
        assert mine["h:Message-Id"] == f"<newsletter.{broadcast.pk}.{delivery.pk}@dearly.example>"
        assert mine["v:newsletter_delivery"] == f"{broadcast.pk}.{delivery.pk}"
    # Each recipient's headers come from their variables; the shared ones are the same for all.
    assert fields["h:List-Unsubscribe"] == ["%recipient.h:List-Unsubscribe%"]
    assert fields["h:List-Unsubscribe-Post"] == ["List-Unsubscribe=One-Click"]
    assert fields["h:List-Id"][0].endswith("<newsletter.dearly.example>")

    assert set(states().values()) == {D.SENT}
    broadcast.refresh_from_db()
    assert broadcast.state == Broadcast.State.SENT


def test_each_group_is_one_call_and_its_outcomes_are_written_before_the_next_call(esp, settings, monkeypatch):
    subscribe(*readers(10))
    server = esp(lambda request: (200, MAILGUN_QUEUED))
    use_mailgun(settings, server)
    monkeypatch.setattr(sending, "GROUP", 4)
    events = server.events = []
    record = sending._record

    def recording(ids, token, target, **changes):
        events.append(("record", str(target), len(ids)))
        return record(ids, token, target, **changes)

    monkeypatch.setattr(sending, "_record", recording)
    started()

    assert sending.send_all() == 10
    assert [len(r["fields"]["to"]) for r in server.requests] == [4, 4, 2]
    assert events == [("call", 1), ("record", D.SENT, 4), ("call", 2), ("record", D.SENT, 4),
                      ("call", 3), ("record", D.SENT, 2)]


def test_members_and_other_readers_get_their_own_version_in_separate_calls(esp, settings):
    from dearly.newsletter.tests.helpers import subscribe as make

    make(*readers(4))
    server = esp(lambda request: (200, MAILGUN_QUEUED))
    use_mailgun(settings, server)
    broadcast = started()
    full = list(Delivery.objects.filter(broadcast=broadcast).order_by("id")[:2].values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=full).update(full_text=True)

    assert sending.send_all() == 4
    assert sorted(len(r["fields"]["to"]) for r in server.requests) == [2, 2]


def test_a_mailgun_refusal_of_the_call_sends_that_group_one_by_one_so_the_bad_address_fails_alone(
        esp, settings):
    settings.OUTBOX_HARD_FAILURES = 1
    people = readers(4)
    subscribe(*people)
    bad = people[2]

    def answer(request):  # Mailgun refuses any call naming an address it will not take
        return (400, MAILGUN_BAD_TO) if bad in request["fields"]["to"] else (200, MAILGUN_QUEUED)

    server = esp(answer)
    use_mailgun(settings, server)
    broadcast = started()

    assert sending.send_all() == 3
    assert [len(r["fields"]["to"]) for r in server.requests] == [4, 1, 1, 1, 1]
    failed = Delivery.objects.get(state=D.FAILED)
    assert failed.subscriber.email == bad and failed.permanent_failure
    assert failed.last_error == "AnymailRequestsAPIError: HTTP 400" and bad not in failed.last_error
    assert Suppression.objects.get().email == bad  # one hard failure is enough here
    # The others each got the issue once.
    sent_to = [r["fields"]["to"][0] for r in server.requests[1:] if r["fields"]["to"] != [bad]]
    assert sorted(sent_to) == sorted(set(people) - {bad})
    broadcast.refresh_from_db()
    assert broadcast.state == Broadcast.State.SENT


def test_a_mailgun_outage_retries_the_whole_batch_with_backoff_and_each_reader_gets_it_once(esp, settings):
    people = readers(3)
    subscribe(*people)
    answers = [(503, {"message": "Service Unavailable"})]
    server = esp(lambda request: answers.pop(0) if answers else (200, MAILGUN_QUEUED))
    use_mailgun(settings, server)
    started()
    now = timezone.now()

    assert sending.send_all(now=now) == 0
    assert sorted(Delivery.objects.values_list("state", "attempts")) == [(D.RETRYING, 1)] * 3
    assert {d.next_attempt_at for d in Delivery.objects.all()} == {now + timedelta(seconds=60)}
    assert set(Delivery.objects.values_list("last_error", flat=True)) == {"AnymailRequestsAPIError: HTTP 503"}
    assert not Delivery.objects.filter(permanent_failure=True).exists()
    assert sending.send_all(now=now) == 0  # not due yet

    assert sending.send_all(now=now + LATER) == 3
    assert len(server.requests) == 2
    assert sorted(server.requests[1]["fields"]["to"]) == sorted(people)
    assert set(states().values()) == {D.SENT}


def test_an_esp_that_cannot_be_reached_puts_the_rest_of_the_chunk_back_untried(esp, settings, monkeypatch):
    from conftest import free_port

    subscribe(*readers(4))
    monkeypatch.setattr(sending, "GROUP", 2)
    settings.EMAIL_BACKEND = "anymail.backends.mailgun.EmailBackend"
    settings.ANYMAIL = {"MAILGUN_API_KEY": "key-test", "MAILGUN_API_URL": f"http://127.0.0.1:{free_port()}/v3"}
    started()
    now = timezone.now()

    assert sending.send_all(now=now) == 0
    assert sorted(Delivery.objects.values_list("state", "attempts")) == [
        (D.RETRYING, 1), (D.RETRYING, 1), (D.WAITING, 0), (D.WAITING, 0)]
    assert not Delivery.objects.filter(permanent_failure=True).exists()

    server = esp(lambda request: (200, MAILGUN_QUEUED))
    use_mailgun(settings, server)
    assert sending.send_all(now=now + LATER) == 4


def test_a_key_the_esp_does_not_know_counts_against_no_reader_and_the_chunk_waits(esp, settings, monkeypatch):
    subscribe(*readers(4))
    monkeypatch.setattr(sending, "GROUP", 2)
    answers = [(401, {"message": "Invalid private key"})]
    server = esp(lambda request: answers.pop(0) if answers else (200, MAILGUN_QUEUED))
    use_mailgun(settings, server)
    started()
    now = timezone.now()

    assert sending.send_all(now=now) == 0
    assert len(server.requests) == 1  # the chunk stopped at the first refusal
    assert sorted(Delivery.objects.values_list("state", "attempts")) == [
        (D.RETRYING, 1), (D.RETRYING, 1), (D.WAITING, 0), (D.WAITING, 0)]
    assert not Delivery.objects.filter(permanent_failure=True).exists()
    assert not Suppression.objects.exists()

    assert sending.send_all(now=now + LATER) == 4


def test_batching_can_be_turned_off(esp, settings):
    subscribe(*readers(3))
    server = esp(lambda request: (200, MAILGUN_QUEUED))
    use_mailgun(settings, server)
    settings.NEWSLETTER_ESP_BATCH = False
    started()

    assert sending.send_all() == 3
    assert [len(r["fields"]["to"]) for r in server.requests] == [1, 1, 1]
    assert all("recipient-variables" not in r["fields"] for r in server.requests)


# Mandrill: a status per recipient, but no per-recipient headers -----------------------------

def mandrill_answer(outcomes: dict[str, tuple[str, str | None]]):
    """Mandrill's /messages/send answer: one entry per recipient; `outcomes` maps an address
    to (status, reject_reason), the rest are "sent"."""
    def answer(request):
        result = []
        for n, to in enumerate(request["fields"]["message"]["to"]):
            status, reason = outcomes.get(to["email"], ("sent", None))
            result.append({"email": to["email"], "status": status, "reject_reason": reason,
                           "_id": f"abc{n:028d}"})
        return 200, result
    return answer


def test_mandrill_batches_only_when_asked_since_it_cannot_carry_each_readers_list_unsubscribe(esp, settings):
    subscribe(*readers(3))
    server = esp(mandrill_answer({}))
    use_mandrill(settings, server)
    started()

    assert sending.send_all() == 3
    assert len(server.requests) == 3  # one message per call, each with its own headers
    for request in server.requests:
        message = request["fields"]["message"]
        assert message["headers"]["List-Unsubscribe"].startswith("<http")
        assert "merge_vars" not in message


def test_mandrill_records_each_recipients_status_and_a_rejection_fails_for_good(esp, settings):
    settings.NEWSLETTER_ESP_BATCH_WITHOUT_HEADERS = True
    settings.OUTBOX_HARD_FAILURES = 1
    people = readers(5)
    subscribe(*people)
    rejected, invalid, queued = people[1], people[3], people[4]
    server = esp(mandrill_answer({rejected: ("rejected", "hard-bounce"), invalid: ("invalid", None),
                                  queued: ("queued", None)}))
    use_mandrill(settings, server)
    broadcast = started()

    assert sending.send_all() == 3
    assert len(server.requests) == 1
    assert server.requests[0]["path"] == "/api/1.0/messages/send.json"
    message = server.requests[0]["fields"]["message"]
    assert sorted(to["email"] for to in message["to"]) == sorted(people)
    assert message["preserve_recipients"] is False  # each `to` gets their own message
    assert "*|DEARLY_UNSUBSCRIBE|*" in message["text"] and "*|DEARLY_UNSUBSCRIBE|*" in message["html"]
    variables = {m["rcpt"]: {v["name"]: v["content"] for v in m["vars"]} for m in message["merge_vars"]}
    for address in people:
        unsubscribe, preferences = links_of(broadcast, address)
        assert variables[address] == {"DEARLY_UNSUBSCRIBE": unsubscribe, "DEARLY_PREFERENCES": preferences}
    assert "List-Unsubscribe" not in message["headers"] and "List-Unsubscribe-Post" not in message["headers"]
    metadata = {m["rcpt"]: m["values"] for m in message["recipient_metadata"]}
    assert metadata[people[0]]["newsletter_delivery"].startswith(f"{broadcast.pk}.")

    assert states() == {people[0]: D.SENT, rejected: D.FAILED, people[2]: D.SENT, invalid: D.FAILED,
                        queued: D.SENT}
    failed = Delivery.objects.filter(state=D.FAILED)
    assert set(failed.values_list("last_error", flat=True)) == {
        "Mandrill: the recipient was rejected (hard-bounce)", "Mandrill: the recipient was invalid"}
    assert all(d.permanent_failure for d in failed)
    assert set(Suppression.objects.values_list("email", flat=True)) == {rejected, invalid}


# Postmark: a stored template, then one batchWithTemplates call per group ---------------------

# Mustachio's tokenizer (ActiveCampaign/mustachio, Mustachio/Tokenizer.cs): a tag is "{{…}}" or
# "{{{…}}}" with no brace inside; "{{{name}}}" and "{{& name}}" are written as they are,
# "{{name}}" HTML-encoded; "{{#", "{{^", "{{/" open and close sections (invalid here).
MUSTACHIO_TAG = re.compile(r"([{]{2}[^{}]+?[}]{2})|([{]{3}[^{}]+?[}]{3})")
INACTIVE = ("You tried to send to a recipient that has been marked as inactive.\n"
            "Found inactive addresses: {}.\n"
            "Inactive recipients are ones that have generated a hard bounce or a spam complaint.")


def mustachio(template: str, model: dict) -> str:
    def value(match):
        tag = match.group(0)
        if tag.startswith(("{{#", "{{^", "{{/")):
            raise ValueError(f"a section: {tag}")
        if tag.startswith("{{!"):
            return ""
        name = tag.strip("{}&").strip()
        text = str(model.get(name, ""))
        return text if tag.startswith(("{{{", "{{&")) else html.escape(text)
    return MUSTACHIO_TAG.sub(value, template)


class FakePostmark:
    """Postmark's Templates API and /email/batchWithTemplates as its API reference documents
    them; renders each message as Mustachio would (self.sent: {address: (subject, text, html)})."""

    def __init__(self, inactive=(), template_answers=None, unparseable=()):
        self.templates: dict[str, dict] = {}
        self.sent: dict[str, tuple[str, str, str]] = {}
        self.inactive = set(inactive)
        self.unparseable = set(unparseable)  # messages to these get an error anymail does not map
        self.template_answers = template_answers or []  # forced answers to POST /templates, in turn

    def __call__(self, request):
        method, path, fields = request["method"], request["path"], request["fields"]
        if path == "/templates" and method == "POST":
            if self.template_answers:
                return self.template_answers.pop(0)
            if fields["Alias"] in self.templates:
                return 422, {"ErrorCode": 1122, "Message": "This alias is already in use."}
            try:
                for part in ("Subject", "TextBody", "HtmlBody"):
                    mustachio(fields[part], {})
            except ValueError:
                return 422, {"ErrorCode": 1122, "Message": "The template could not be parsed."}
            self.templates[fields["Alias"]] = fields
            return 200, {"TemplateId": 1000 + len(self.templates), "Name": fields["Name"],
                         "Alias": fields["Alias"], "Active": True, "TemplateType": "Standard",
                         "LayoutTemplate": None}
        if path.startswith("/templates/"):
            alias = path.removeprefix("/templates/")
            if alias not in self.templates:
                return 422, {"ErrorCode": 1101, "Message": "The template was not found."}
            if method == "DELETE":
                del self.templates[alias]
                return 200, {"ErrorCode": 0, "Message": f"Template {alias} removed."}
            return 200, self.templates[alias]
        if path == "/email/batchWithTemplates":
            answers = []
            for n, message in enumerate(fields["Messages"]):
                to = message["To"]
                if to in self.inactive:
                    answers.append({"ErrorCode": 406, "Message": INACTIVE.format(to)})
                    continue
                if to in self.unparseable:  # Postmark's "invalid email request" for this one message
                    answers.append({"ErrorCode": 300, "Message": "Invalid metadata content. Metadata values must be strings."})
                    continue
                template = self.templates.get(message["TemplateAlias"])
                if template is None:
                    answers.append({"ErrorCode": 1101, "Message": "The template was not found."})
                    continue
                model = message["TemplateModel"]
                self.sent[to] = tuple(mustachio(template[part], model) for part in ("Subject", "TextBody", "HtmlBody"))
                answers.append({"ErrorCode": 0, "Message": "OK", "MessageID": f"b7bc2f4a-e38e-4336-af7d-{n:012d}",
                                "SubmittedAt": "2026-11-30T16:50:00.0000000-05:00", "To": to})
            return 200, answers
        if path == "/email":
            to = fields["To"]
            self.sent[to] = (fields["Subject"], fields["TextBody"], fields["HtmlBody"])
            return 200, {"To": to, "SubmittedAt": "2026-11-30T16:50:00.0000000-05:00",
                         "MessageID": "b7bc2f4a-e38e-4336-af7d-e6c392c2f817", "ErrorCode": 0, "Message": "OK"}
        return 404, {}


def use_postmark(settings, server):
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "test-token", "POSTMARK_API_URL": server.url + "/"}


def calls(server) -> list[str]:
    return [f"{r['method']} {r['path']}" for r in server.requests]


def batch_messages(server) -> list[list[dict]]:
    return [r["fields"]["Messages"] for r in server.requests if r["path"] == "/email/batchWithTemplates"]


def test_postmark_stores_the_issue_once_then_sends_each_group_as_one_call_with_each_readers_own_links(
        esp, settings):
    people = readers(5)
    subscribe(*people)
    postmark = FakePostmark()
    server = esp(postmark)
    use_postmark(settings, server)
    broadcast = started()

    assert sending.send_all() == 5
    alias = server.requests[0]["fields"]["Alias"]
    assert alias.startswith(f"dearly-b{broadcast.pk}-teaser-")
    assert calls(server)[:2] == ["POST /templates", "POST /email/batchWithTemplates"]
    # Once sent, both versions' templates are deleted (the full one was never made: no harm).
    deleted = sorted(calls(server)[2:])
    assert len(deleted) == 2 and f"DELETE /templates/{alias}" in deleted
    assert deleted[0].startswith(f"DELETE /templates/dearly-b{broadcast.pk}-full-")
    template = server.requests[0]["fields"]
    assert template["TemplateType"] == "Standard" and template["Subject"] == "An issue"
    for part in ("TextBody", "HtmlBody"):
        assert "{{{dearly_unsubscribe}}}" in template[part] and "{{{dearly_preferences}}}" in template[part]
    (messages,) = batch_messages(server)
    assert sorted(m["To"] for m in messages) == sorted(people)
    for message in messages:
        address = message["To"]
        unsubscribe, preferences = links_of(broadcast, address)
        delivery = Delivery.objects.get(subscriber__email=address)
        assert message["TemplateAlias"] == alias
        assert message["TemplateModel"] == {"dearly_braces": "{{", "dearly_unsubscribe": unsubscribe,
                                            "dearly_preferences": preferences}
        assert not {"Subject", "TextBody", "HtmlBody"} & set(message)
        assert message["InlineCss"] is False
        headers = {h["Name"]: h["Value"] for h in message["Headers"]}
        assert headers["List-Unsubscribe"] == f"<{unsubscribe}>"
        assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        assert headers["Message-ID"] == f"<newsletter.{broadcast.pk}.{delivery.pk}@dearly.example>"
        assert headers["List-Id"].endswith("<newsletter.dearly.example>")
        assert message["Metadata"] == {"newsletter_delivery": f"{broadcast.pk}.{delivery.pk}"}
        # What the reader gets is what the SMTP path makes for them: their links, untouched.
        subject, text, body = postmark.sent[address]
        mine = Delivery.objects.select_related("subscriber").get(pk=delivery.pk)
        own_text, own_html, _ = sending.Composer(broadcast).personal(mine)
        assert (subject, text, body) == ("An issue", own_text, own_html)
    assert set(states().values()) == {D.SENT}
    broadcast.refresh_from_db()
    assert broadcast.state == Broadcast.State.SENT
    assert postmark.templates == {}


def test_postmark_members_and_others_get_their_own_versions_template(esp, settings):
    subscribe(*readers(4))
    postmark = FakePostmark()
    server = esp(postmark)
    use_postmark(settings, server)
    broadcast = started()
    full = list(Delivery.objects.filter(broadcast=broadcast).order_by("id")[:2].values_list("pk", flat=True))
    Delivery.objects.filter(pk__in=full).update(full_text=True)

    assert sending.send_all() == 4
    created = [r["fields"]["Alias"] for r in server.requests if calls(server)[server.requests.index(r)]
               == "POST /templates"]
    assert sorted(a.split("-")[2] for a in created) == ["full", "teaser"]
    for messages in batch_messages(server):
        version = "full" if Delivery.objects.get(subscriber__email=messages[0]["To"]).full_text else "teaser"
        assert len(messages) == 2 and {m["TemplateAlias"].split("-")[2] for m in messages} == {version}
    assert postmark.templates == {}


def test_postmark_a_second_chunk_or_worker_reuses_the_stored_template(esp, settings, monkeypatch):
    subscribe(*readers(4))
    settings.NEWSLETTER_CHUNK = 2
    postmark = FakePostmark()
    server = esp(postmark)
    use_postmark(settings, server)
    started()

    assert sending.send_chunk().sent == 2
    sending._composers.clear()  # as in another worker: it knows nothing of the template
    assert sending.send_chunk().sent == 2
    alias = server.requests[0]["fields"]["Alias"]
    assert calls(server) == ["POST /templates", "POST /email/batchWithTemplates",
                             "POST /templates", f"GET /templates/{alias}",  # 422: it is there already
                             "POST /email/batchWithTemplates"]
    assert {m["TemplateAlias"] for messages in batch_messages(server) for m in messages} == {alias}
    assert set(states().values()) == {D.SENT}


def test_postmark_a_template_deleted_since_it_was_stored_is_stored_again(esp, settings):
    subscribe(*readers(4))
    settings.NEWSLETTER_CHUNK = 2
    postmark = FakePostmark()
    server = esp(postmark)
    use_postmark(settings, server)
    started()

    assert sending.send_chunk().sent == 2
    postmark.templates.clear()  # as when a sent broadcast, its templates deleted, retries its failures
    assert sending.send_chunk().sent == 2
    assert calls(server) == ["POST /templates", "POST /email/batchWithTemplates",
                             "POST /email/batchWithTemplates",  # every message: ErrorCode 1101
                             "POST /templates", "POST /email/batchWithTemplates"]
    assert sorted(Delivery.objects.values_list("state", "attempts")) == [(D.SENT, 1)] * 4


def test_postmark_a_cancelled_issues_templates_are_deleted_by_the_chore(esp, settings):
    subscribe(*readers(4))
    settings.NEWSLETTER_CHUNK = 2
    postmark = FakePostmark()
    server = esp(postmark)
    use_postmark(settings, server)
    broadcast = started()

    assert sending.send_chunk().sent == 2
    assert len(postmark.templates) == 1
    services.cancel(broadcast)
    sending.tidy()
    assert len(postmark.templates) == 1  # tidy deletes only a sent issue's

    assert sending.forget_finished_templates() == 1
    assert postmark.templates == {}
    assert sending.forget_finished_templates(timezone.now() + timedelta(days=3)) == 0  # long finished


def test_postmark_an_inactive_recipient_fails_alone_and_counts_toward_suppression(esp, settings):
    settings.OUTBOX_HARD_FAILURES = 1
    people = readers(3)
    subscribe(*people)
    inactive = people[1]
    postmark = FakePostmark(inactive={inactive})
    server = esp(postmark)
    use_postmark(settings, server)
    started()

    assert sending.send_all() == 2
    assert len(batch_messages(server)) == 1
    assert states() == {people[0]: D.SENT, inactive: D.FAILED, people[2]: D.SENT}
    failed = Delivery.objects.get(state=D.FAILED)
    assert failed.permanent_failure and failed.last_error == "Postmark: the recipient was rejected"
    assert Suppression.objects.get().email == inactive


def test_postmark_an_error_anymail_does_not_map_on_one_message_leaves_the_others_sent_and_never_sends_them_twice(
        esp, settings):
    """anymail raises for the whole call when one message of a batch gets an ErrorCode it does not
    know; Postmark has sent the others by then (its answer says so, message by message, in order)."""
    people = readers(3)
    subscribe(*people)
    odd = people[1]
    postmark = FakePostmark(unparseable={odd})
    server = esp(postmark)
    use_postmark(settings, server)
    started()

    assert sending.send_all() == 2
    assert states() == {people[0]: D.SENT, odd: D.RETRYING, people[2]: D.SENT}
    assert "ErrorCode 300" in Delivery.objects.get(state=D.RETRYING).last_error
    postmark.unparseable.clear()
    sending.send_all(now=timezone.now() + LATER)
    assert states() == {person: D.SENT for person in people}
    asked = [m["To"] for call in batch_messages(server) for m in call]
    asked += [r["fields"]["To"] for r in server.requests if r["path"] == "/email"]
    # The odd one was asked for twice (refused, then sent alone); the two that went, once.
    assert sorted(asked) == sorted([*people, odd])
    assert set(postmark.sent) == set(people)


def test_postmark_a_template_that_cannot_be_stored_puts_the_chunk_back_and_no_reader_is_counted(esp, settings):
    people = readers(3)
    subscribe(*people)
    postmark = FakePostmark(template_answers=[(500, {"ErrorCode": 0, "Message": "Internal Server Error"})])
    server = esp(postmark)
    use_postmark(settings, server)
    started()
    now = timezone.now()

    assert sending.send_all(now=now) == 0
    assert calls(server) == ["POST /templates"]
    assert sorted(Delivery.objects.values_list("state", "attempts")) == [(D.WAITING, 0)] * 3
    assert {d.next_attempt_at for d in Delivery.objects.all()} == {now + timedelta(seconds=60)}
    assert not Delivery.objects.filter(permanent_failure=True).exists()
    assert not Suppression.objects.exists()
    assert sending.send_all(now=now) == 0  # not due yet

    assert sending.send_all(now=now + LATER) == 3
    assert len(batch_messages(server)) == 1
    assert set(states().values()) == {D.SENT}


def test_postmark_an_alias_it_cannot_look_up_is_postmark_down_not_a_refusal(esp, settings):
    subscribe(*readers(2))
    postmark = FakePostmark(template_answers=[(422, {"ErrorCode": 1122, "Message": "This alias is already in use."})])

    def answer(request):
        if request["method"] == "GET":
            return 503, {"Message": "Service Unavailable"}
        return postmark(request)

    server = esp(answer)
    use_postmark(settings, server)
    started()

    assert sending.send_all() == 0
    assert [c.split(" ")[0] for c in calls(server)] == ["POST", "GET"]  # nothing went one by one
    assert sorted(Delivery.objects.values_list("state", "attempts")) == [(D.WAITING, 0)] * 2


def test_postmark_refusing_the_template_sends_that_version_one_message_per_call(esp, settings):
    people = readers(3)
    subscribe(*people)
    postmark = FakePostmark(template_answers=[(422, {"ErrorCode": 1105, "Message": "Template limit would be exceeded."})])
    server = esp(postmark)
    use_postmark(settings, server)
    started()

    assert sending.send_all() == 3
    assert calls(server)[:5] == ["POST /templates", f"GET /templates/{server.requests[0]['fields']['Alias']}",
                                 "POST /email", "POST /email", "POST /email"]
    assert all({"Name": "List-Unsubscribe-Post", "Value": "List-Unsubscribe=One-Click"} in r["fields"]["Headers"]
               for r in server.requests if r["path"] == "/email")
    assert set(states().values()) == {D.SENT}


def test_postmark_braces_in_the_issues_own_text_arrive_as_written(esp, settings):
    people = readers(2)
    subscribe(*people)
    postmark = FakePostmark()
    server = esp(postmark)
    use_postmark(settings, server)
    broadcast = services.create_broadcast(subject="Our {{ issue }}",
                                          body="Write {{name}}, {{{raw}}} or {{#each x}} as you like.")
    services.start_sending(broadcast)

    assert sending.send_all() == 2
    assert len(batch_messages(server)) == 1
    for address in people:
        subject, text, body = postmark.sent[address]
        assert subject == "Our {{ issue }}"
        assert "Write {{name}}, {{{raw}}} or {{#each x}} as you like." in text
        assert "{{name}}" in body and "{{{raw}}}" in body and "{{#each x}}" in body
        assert links_of(broadcast, address)[0] in text


def test_postmark_without_batching_sends_one_message_per_call_and_an_inactive_recipient_fails_alone(
        esp, settings):
    people = readers(3)
    subscribe(*people)
    inactive = people[1]

    def answer(request):  # Postmark's /email answers, from its API documentation
        to = request["fields"]["To"]
        if to == inactive:
            return 422, {"ErrorCode": 406, "Message": (
                "You tried to send to a recipient that has been marked as inactive.\n"
                f"Found inactive addresses: {inactive}.\n"
                "Inactive recipients are ones that have generated a hard bounce or a spam complaint.")}
        return 200, {"To": to, "SubmittedAt": "2026-11-30T16:50:00.0000000-05:00",
                     "MessageID": "b7bc2f4a-e38e-4336-af7d-e6c392c2f817", "ErrorCode": 0, "Message": "OK"}

    server = esp(answer)
    settings.EMAIL_BACKEND = "anymail.backends.postmark.EmailBackend"
    settings.ANYMAIL = {"POSTMARK_SERVER_TOKEN": "test-token", "POSTMARK_API_URL": server.url + "/"}
    settings.NEWSLETTER_ESP_BATCH = False
    started()

    assert sending.send_all() == 2
    assert [r["path"] for r in server.requests] == ["/email"] * 3
    assert all({"Name": "List-Unsubscribe-Post", "Value": "List-Unsubscribe=One-Click"} in r["fields"]["Headers"]
               for r in server.requests)
    assert states() == {people[0]: D.SENT, inactive: D.FAILED, people[2]: D.SENT}
    failed = Delivery.objects.get(state=D.FAILED)
    assert failed.permanent_failure and inactive not in failed.last_error


def test_when_mandrill_refuses_everyone_in_a_call_each_refusal_is_still_recorded(esp, settings):
    settings.NEWSLETTER_ESP_BATCH_WITHOUT_HEADERS = True
    people = readers(2)
    subscribe(*people)
    server = esp(mandrill_answer({address: ("rejected", "spam") for address in people}))
    use_mandrill(settings, server)
    started()

    assert sending.send_all() == 0  # anymail raises AnymailRecipientsRefused; the statuses are read anyway
    assert len(server.requests) == 1
    assert set(Delivery.objects.values_list("state", "permanent_failure", "last_error")) == {
        (D.FAILED, True, "Mandrill: the recipient was rejected (spam)")}
