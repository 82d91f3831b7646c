"""Postmark's stored templates, which its batch API needs to fill in each reader's links.

Postmark's /email/batchWithTemplates (up to 500 messages a call) personalizes only a template
stored at Postmark, so the first batch of a broadcast's version (full text or teaser) stores
one: the rendered subject and both parts, with Mustachio fields where each reader's links go,
under an alias made of the broadcast, the version and a hash of that content. Two workers, or a
retry, make the same alias: Postmark refuses the second creation with a 422 (ErrorCode 1122,
which it also gives for other invalid fields), so a 422 is followed by a GET of the alias, and a
template that is there is used. A server may hold only 100 templates (Postmark's Templates API
reference), so a broadcast's templates are deleted when it is sent (sending.tidy), and a
daily chore deletes those of broadcasts sent or cancelled in the last two days.

Mustachio (Postmark's template language) reads `{{…}}` and `{{{…}}}` as fields and has no
escape for them, so every "{{" of the issue's own text becomes the field `{{{dearly_braces}}}`,
whose value is "{{": the text arrives as written.
"""

import hashlib
import json
import logging

import requests

logger = logging.getLogger(__name__)

BRACES = "dearly_braces"  # the field that writes a literal "{{"
_FIELD = "{{{" + BRACES + "}}}"


class TemplateError(Exception):
    """Postmark did not store the template. `status_code` is its HTTP status (None when it
    could not be reached): 5xx, 401, 429… are the server being down (the chunk waits); any other
    4xx is a refusal of this content (the batch is then sent one message per call)."""

    def __init__(self, message: str, status_code: int | None = None):
        super().__init__(message)
        self.status_code = status_code


def literal(text: str) -> str:
    """The text as a Mustachio template that renders to itself (see the module)."""
    return text.replace("{{", _FIELD)


def global_data() -> dict[str, str]:
    return {BRACES: "{{"}


def alias(broadcast_id: int, version: str, subject: str, text: str, html: str) -> str:
    """Postmark allows letters, digits, ".", "-" and "_", starting with a letter."""
    digest = hashlib.sha256("\0".join([subject, text, html]).encode()).hexdigest()[:16]
    return f"dearly-b{broadcast_id}-{version}-{digest}"


def _call(backend, method: str, path: str, body: dict | None = None) -> requests.Response:
    """One call to Postmark's API with anymail's server token, API URL and timeout."""
    headers = {"Accept": "application/json", "X-Postmark-Server-Token": backend.server_token}
    data = None
    if body is not None:
        headers["Content-Type"] = "application/json"
        data = json.dumps(body)
    try:
        return requests.request(method, backend.api_url + path, headers=headers, data=data,
                                timeout=backend.timeout)
    except requests.RequestException as exc:
        raise TemplateError(f"Postmark could not be reached ({type(exc).__name__})") from exc


def create_template(backend, template_alias: str, subject: str, text: str, html: str) -> str:
    """Store the template under this alias (POST /templates); 'created', or 'exists' when it
    was already there. Raises TemplateError."""
    answer = _call(backend, "POST", "templates", {
        "Name": template_alias, "Alias": template_alias, "TemplateType": "Standard",
        "Subject": subject, "TextBody": text, "HtmlBody": html})
    if answer.status_code == 200:
        return "created"
    if answer.status_code == 422:
        found = _call(backend, "GET", f"templates/{template_alias}")
        if found.status_code == 200:
            return "exists"
        if found.status_code not in (404, 422):  # it cannot say (5xx, 429…): Postmark's own trouble
            answer = found
    raise TemplateError(f"Postmark did not store the template: HTTP {answer.status_code} "
                        f"(ErrorCode {_error_code(answer)})", answer.status_code)


def delete_template(backend, template_alias: str) -> bool:
    """DELETE /templates/{alias}; True when it is gone (or was never there)."""
    try:
        answer = _call(backend, "DELETE", f"templates/{template_alias}")
    except TemplateError:
        return False
    return answer.status_code in (200, 404) or (answer.status_code == 422 and _error_code(answer) == 1101)


def template_missing(exc: Exception) -> bool:
    """Whether a failed send says the template is not there (ErrorCode 1101: deleted since this
    process stored it, e.g. when a sent broadcast retries its failures), for the whole call or
    for one of its messages."""
    response = getattr(exc, "response", None)
    try:
        answer = response.json()
    except Exception:
        return False
    answers = answer if isinstance(answer, list) else [answer]
    return any(isinstance(item, dict) and item.get("ErrorCode") == 1101 for item in answers)


def batch_answers(exc: Exception, messages: int) -> list[dict] | None:
    """Postmark's answer to a batch call, one item per message in the order sent, when a failure
    carries it: anymail raises for the whole call when one message gets an ErrorCode it does not
    map (a 300 that is not about the address, say), although Postmark sent the others. None when
    the failure holds no such answer (the call as a whole failed)."""
    response = getattr(exc, "response", None)
    if response is None or getattr(response, "status_code", None) != 200:
        return None
    try:
        answer = response.json()
    except Exception:
        return None
    if not isinstance(answer, list) or len(answer) != messages or not all(isinstance(a, dict) for a in answer):
        return None
    return answer


def status(answer: dict) -> str:
    """One message's answer as a recipient status (anymail's words where it has them): ErrorCode
    0 sent, 406 (inactive) rejected, anything else named by its code. Postmark's text may name
    addresses: only the code is kept."""
    code = answer.get("ErrorCode")
    if code == 0:
        return "sent"
    if code == 406:
        return "rejected"
    return f"ErrorCode {code if isinstance(code, int) else 'unknown'}"


def _error_code(answer) -> object:
    try:
        return answer.json().get("ErrorCode")
    except Exception:
        return None
