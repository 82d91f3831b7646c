"""Each recipient's copy is encoded from the parts encoded once: it must decode to exactly the
text they would have got encoded whole, in lines of at most 76 characters."""

import quopri
import random

import pytest

from dearly.mailing import tokens
from dearly.mailing.models import Subscriber
from dearly.newsletter import rendering, sending, services
from dearly.newsletter.tests.helpers import newsletters_at, readers, subscribe

WORDS = ["love", "repair", "réparer", "—", "“quoted”", "a=b", "tab\there", "   ", "end.\n", "\n\n", "x" * 90,
         "<a href=\"", "\">link</a>", "ünïcödé", "🙂", "."]


@pytest.mark.parametrize("seed", range(40))
def test_links_filled_into_a_part_encoded_once_decode_to_the_part_with_its_links(seed):
    rng = random.Random(seed)
    pieces = []
    for _ in range(rng.randint(1, 120)):
        pieces.append(rng.choice(WORDS + [rendering.UNSUBSCRIBE, rendering.PREFERENCES]))
        pieces.append(rng.choice(["", " ", "\n"]))
    part = "".join(pieces)
    unsubscribe = "https://dearly.example/unsubscribe/" + "A" * rng.randint(10, 120) + "=:x/"
    preferences = "https://dearly.example/preferences/" + "B" * rng.randint(10, 120)
    filled = sending._qp_fill(sending._qp_template(part), {
        rendering.UNSUBSCRIBE: sending._qp_link(unsubscribe), rendering.PREFERENCES: sending._qp_link(preferences)})
    expected = rendering.personalize(part, unsubscribe_url=unsubscribe, preferences_url=preferences)
    assert quopri.decodestring(filled).decode("utf-8") == expected.replace("\r\n", "\n").replace("\n", "\r\n")
    # At most 76 characters a line, as RFC 2045 asks (binascii's own encoding lets a line
    # end in an encoded space at 78: no longer than encoding the whole part gives).
    whole = sending._qp(expected)
    assert max(len(line) for line in filled.split(b"\r\n")) <= max(76, *(len(line) for line in whole.split(b"\r\n")))
    assert b"\n" not in filled.replace(b"\r\n", b"")


@pytest.mark.django_db
def test_the_links_signed_together_are_the_links_signed_one_by_one():
    reader = Subscriber.objects.create(email="one@example.com", key="k" * 22)
    assert tokens.subscriber_tokens(reader, tokens.UNSUBSCRIBE_SALT, tokens.PREFERENCES_SALT) == [
        tokens.subscriber_token(reader, tokens.UNSUBSCRIBE_SALT), tokens.subscriber_token(reader, tokens.PREFERENCES_SALT)]
    assert tokens.read_subscriber(tokens.subscriber_tokens(reader, tokens.UNSUBSCRIBE_SALT, tokens.PREFERENCES_SALT)[1],
                                  tokens.PREFERENCES_SALT) == reader


@pytest.mark.django_db
def test_an_issue_arrives_with_each_readers_own_links_in_both_parts(smtp_server):
    people = subscribe(*readers(3))
    body = ("A paragraph long enough to wrap several times in quoted-printable, with an equals sign = "
            "and accents: café, naïve, façade. " * 8)
    services.start_sending(services.create_broadcast(subject="Encoded once", body=body))
    smtp_server.messages.clear()
    assert sending.send_all() == 3
    for message in newsletters_at(smtp_server):
        reader = next(p for p in people if p.email == str(message["To"]))
        unsubscribe = tokens.subscriber_token(reader, tokens.UNSUBSCRIBE_SALT)
        preferences = tokens.subscriber_token(reader, tokens.PREFERENCES_SALT)
        for kind in ("plain", "html"):
            content = message.get_body((kind,)).get_content()
            assert unsubscribe in content and preferences in content and "@@DEARLY" not in content
            assert "equals sign = and accents: café, naïve, façade." in " ".join(content.split())
        assert max(len(line) for line in message.as_bytes().split(b"\n")) <= 998
