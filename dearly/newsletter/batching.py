"""Batch sending through an ESP's API: one HTTP request for a group of recipients.

With an anymail backend whose ESP has a batch API, the sender (dearly.newsletter.sending)
sends a group of deliveries as ONE EmailMessage to many `to` addresses with anymail's
`merge_data`: the ESP makes a separate message for each `to`, filling in that recipient's
unsubscribe and preferences links where the body holds the ESP's merge fields. Per-recipient
headers (List-Unsubscribe, Message-ID) go in `merge_headers` where the ESP allows them, and the
delivery's id in `merge_metadata` (so the ESP's webhooks can name it). The outcome of each
recipient is read from `message.anymail_status.recipients`.

Supported (their documented behaviour, as anymail maps it):

- Mailgun: recipient variables, `%recipient.KEY%` in the body and in `h:` headers; at most
  1,000 recipients a call. Everything per recipient is kept. Its answer is one id for the
  whole call ("Queued"), so every recipient is `queued`; a bad address makes it refuse the
  whole call with a 400 (the sender then sends that group one message per call, so the bad
  address fails alone).
- Mandrill: merge tags `*|NAME|*` in the body, one status per recipient (sent, queued,
  rejected, invalid). Mandrill does not fill merge tags into custom headers or
  List-Unsubscribe, so a batch has no per-recipient List-Unsubscribe header and no Message-ID
  of ours (Mandrill makes one per recipient). One-click unsubscribe in the mail client is
  lost: that is why Mandrill batches only with NEWSLETTER_ESP_BATCH_WITHOUT_HEADERS.

- Postmark: its batch API (/email/batchWithTemplates, at most 500 messages a call) fills in
  merge data only from a template stored at Postmark, so the first batch of each version of a
  broadcast stores one (dearly.newsletter.postmark: the rendered subject and both parts, the
  links as Mustachio's `{{{NAME}}}`, which writes the value as it is where `{{NAME}}` would
  HTML-encode it, and the issue's own "{{" written by a field) and every batch names it
  (template_id; no subject or body of its own; InlineCss off, so the HTML is ours). Everything
  per recipient is kept (Headers per message: List-Unsubscribe, Message-ID; Metadata). One
  status per recipient: an inactive address (ErrorCode 406) is `rejected`, alone. A template
  Postmark cannot store for want of a server puts the chunk back (backoff, counted against no
  one); one it refuses (its limit of 100 templates a server, say) sends that version one
  message per call. A sent broadcast's templates are deleted at once, a cancelled one's by a
  daily chore.

Every other backend (SendGrid, no longer supported by anymail; Amazon SES: templates only; …)
keeps one message per call.
"""

import re
from dataclasses import dataclass

from django.conf import settings

UNSUBSCRIBE = "dearly_unsubscribe"
PREFERENCES = "dearly_preferences"


@dataclass(frozen=True)
class BatchApi:
    esp: str
    limit: int  # the most recipients in one call the ESP documents (or that we allow)
    merge_field: str  # the ESP's syntax for one recipient's value, with {} for its name
    per_recipient_headers: bool  # List-Unsubscribe and Message-ID per recipient
    upper_case_names: bool = False  # merge tags written in capitals, as Mandrill's docs do
    stored_template: bool = False  # the body must be a template stored at the ESP (Postmark)

    def data_key(self, name: str) -> str:
        """The name of a merge field in merge_data."""
        return name.upper() if self.upper_case_names else name

    def field(self, name: str) -> str:
        """The merge field as it is written in the body."""
        return self.merge_field.format(self.data_key(name))


# Keyed by backend class path; a subclass of one of these counts as it.
BATCH_APIS = {
    "anymail.backends.mailgun.EmailBackend": BatchApi("Mailgun", 1000, "%recipient.{}%", True),
    # Mandrill documents no limit per call; GROUP bounds it anyway.
    "anymail.backends.mandrill.EmailBackend": BatchApi("Mandrill", 1000, "*|{}|*", False, upper_case_names=True),
    # Triple braces: Mustachio leaves the value as it is (two would HTML-encode it).
    "anymail.backends.postmark.EmailBackend": BatchApi("Postmark", 500, "{{{{{{{}}}}}}}", True,
                                                       stored_template=True),
}


def batch_api(backend) -> BatchApi | None:
    """The batch API to use with this backend instance, or None for one message per call."""
    if not settings.NEWSLETTER_ESP_BATCH:
        return None
    for cls in type(backend).__mro__:
        api = BATCH_APIS.get(f"{cls.__module__}.{cls.__qualname__}")
        if api is not None:
            if not api.per_recipient_headers and not settings.NEWSLETTER_ESP_BATCH_WITHOUT_HEADERS:
                return None
            return api
    return None


# Anymail's recipient statuses, and what each means for a delivery.
ACCEPTED = {"sent", "queued", "scheduled"}
REFUSED = {"rejected", "invalid"}  # permanent: counted toward suppression
# "failed", "unknown" or no status at all: tried again with backoff (a copy may then go twice,
# as after a timeout; losing an issue would be worse).


_REASON = re.compile(r"[a-z][a-z-]{0,39}")


def refusal_reasons(message) -> dict[str, str]:
    """Why the ESP refused recipients, where its answer says so per recipient (Mandrill's
    `reject_reason`: hard-bounce, spam, unsub, invalid…): {address (lower case): reason}. Only
    reasons from that short vocabulary are kept, never free text that might hold an address."""
    try:
        answer = message.anymail_status.esp_response.json()
    except Exception:
        return {}
    if not isinstance(answer, list):
        return {}
    return {str(item["email"]).lower(): item["reject_reason"] for item in answer
            if isinstance(item, dict) and "email" in item
            and isinstance(item.get("reject_reason"), str) and _REASON.fullmatch(item["reject_reason"])}
