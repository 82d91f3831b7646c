"""The public side of letters: the form, "this may already help", and the page after sending.

No page here ever shows a letter's text. Every response is `no-store`: what a person typed
must not stay in a shared computer's cache, or in any cache between them and us.

Whatever goes wrong while a letter is sent (a cleared or blocked cookie, the database away for
a moment), the form comes back with every word still in it and says what to do: nothing is
kept in the browser's storage, so the page itself is the only copy the writer has.
"""

import logging
import time

from django.conf import settings
from django.db import InterfaceError, OperationalError
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.utils.decorators import decorator_from_middleware
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dearly.column.search import similar_articles
from dearly.letters import antispam, services
from dearly.letters.forms import LetterForm
from dearly.letters.models import IntakeSettings, Letter
from dearly.lib import ratelimit
from dearly.lib.origin import is_same_origin
from dearly.lib.ratelimit import client_ip
from dearly.safety import resources
from dearly.safety.models import CrisisResource

logger = logging.getLogger(__name__)

SENT_SESSION_KEY = "letters:sent"
SENT_PAGE_HOURS = 2
SIMILAR_TEXT_LIMIT = 20_000
# The panel asks at most every 800 ms of typing: far more than a person writing needs.
SIMILAR_PER_IP_HOUR = 600
# What a database restart looks like from here (psycopg and sqlite3 alike).
DATABASE_AWAY = (OperationalError, InterfaceError)
KEPT_FIELDS = ("pen_name", "letter", "email", "writer_signal", "consent_publication", "consent_sensitive_data")

NOT_RECEIVED = (
    "Your letter has not been received yet: our system was busy for a moment. Everything you "
    "wrote is still here. Please wait a few seconds, then press Send again."
)
NOT_LOOKED = (
    "We could not look for answers just now: our system was busy for a moment. Nothing was "
    "sent, and everything you wrote is still here. Please try again in a few seconds."
)
CSRF_KEPT = (
    "Your letter has not been sent yet. Your browser did not send the small check (a cookie) "
    "that tells us the letter comes from this page: it may have been cleared, or blocked. "
    "Everything you wrote is still here: please send again. If you see this message again, "
    "please allow cookies for this site (ours only: nothing here follows you elsewhere), "
    "then send again."
)
CSRF_OTHER_SITE = (
    "A letter can only be sent from this page on our own site. Nothing was sent. If you "
    "meant to write to us, please write your letter here."
)


def _word_limit() -> int:
    # The form is shown even while the database is away for a moment; the limit is checked
    # again, from the database, when the letter is sent.
    try:
        return IntakeSettings.current().word_limit
    except DATABASE_AWAY:
        return settings.LETTER_WORD_LIMIT


def _writer_signal(value) -> str:
    return value if value in Letter.WriterSignal.values else ""


def _crisis_needs(categories, writer_signal: str) -> list[str]:
    """Which services come first: what the writer told us, then what the screen found."""
    needs = list(categories)
    if writer_signal == Letter.WriterSignal.ENDING_LIFE:
        needs.insert(0, CrisisResource.Need.SUICIDE_SELF_HARM.value)
    elif writer_signal == Letter.WriterSignal.NOT_SAFE:
        # Not safe from what, they did not say: every line, those the letter speaks of first.
        needs += [need for need in CrisisResource.Need.values if need != CrisisResource.Need.ANY]
    return list(dict.fromkeys(needs))


def _crisis_context(urgent: bool, categories, writer_signal: str = "") -> dict:
    if not (urgent or writer_signal):
        return {}
    country = settings.DEFAULT_COUNTRY
    needs = _crisis_needs(categories, writer_signal)
    try:
        # The services for what the letter speaks of first; any service at all rather than none.
        found = resources.resources_for(country, needs or None) or resources.resources_for(country)
    except DATABASE_AWAY:
        found = []  # the section still shows the emergency number and where to find help
    return {
        "crisis": True,
        "crisis_resources": found,
        "emergency_number": resources.emergency_number(country),
        "writer_signal": writer_signal,
        "quick_exit": True,
    }


def _screen_refused_letter(text: str, writer_signal: str = "") -> dict:
    # A refused letter may still come from someone in danger: they see help first, whatever
    # was wrong with the form. Nothing is stored.
    if not text.strip() and not writer_signal:
        return {}
    urgent, categories, _matches, _version = services.screen_text(text) if text.strip() else (False, [], [], "")
    return _crisis_context(urgent, categories, writer_signal)


def _render_form(request, form, *, status=200, notice="", **context):
    """The form page. Every state of it carries the quick exit (and its Escape key): a person
    writing about a partner may need to leave the page at once."""
    text = (form.data if form.is_bound else form.initial).get("letter", "") or ""
    signal = _writer_signal((form.data if form.is_bound else form.initial).get("writer_signal"))
    context = {"form": form, "notice": notice, "quick_exit": True,
               **_screen_refused_letter(text[:SIMILAR_TEXT_LIMIT], signal), **context}
    return render(request, "letters/ask.html", context, status=status)


def _kept_form(request) -> LetterForm:
    """A fresh form holding what the person had typed (never the honeypot's content), to be
    sent again with one click."""
    initial = {name: request.POST.get(name, "") for name in KEPT_FIELDS}
    started = request.POST.get("started", "")
    if antispam.fill_time_problem(started):
        started = antispam.form_token()
    initial["started"] = started
    # They pressed Send already: pressing it again is their confirmation (antispam.doubts).
    initial["confirmed"] = antispam.confirmation_for(started)
    return LetterForm(initial=initial, word_limit=_word_limit())


def _csrf_failed(request, reason: str):
    """Django's CSRF check refused the letter: show the form again rather than a bare 403.

    A cleared or blocked cookie is the usual cause, and the writer keeps every word. A letter
    that a browser says was posted from another site keeps nothing: that site's words must not
    come back on our page as if they were the reader's own."""
    logger.warning("letter form refused by the CSRF check", extra={"dearly_reason": reason})
    if not is_same_origin(request):
        form = LetterForm(word_limit=_word_limit())
        return _render_form(request, form, status=403, notice=CSRF_OTHER_SITE)
    return _render_form(request, _kept_form(request), status=403, notice=CSRF_KEPT)


class _LetterCsrfCheck(CsrfViewMiddleware):
    """Django's own CSRF check, whose refusal is answered by the letter form itself."""

    def _reject(self, request, reason):
        return _csrf_failed(request, reason)


_csrf_protect_keeping_the_letter = decorator_from_middleware(_LetterCsrfCheck)


@csrf_exempt  # from the site-wide check only: _csrf_protect_keeping_the_letter does it here
@never_cache
@require_http_methods(["GET", "POST"])
@_csrf_protect_keeping_the_letter
def ask(request):
    if request.method == "GET":
        return _render_form(request, LetterForm(word_limit=_word_limit()))
    try:
        return _ask_post(request)
    except DATABASE_AWAY as exc:
        # A database restart, a failover: seconds, usually. The writer must not meet an error
        # page that loses their letter; nothing was stored (submit_letter is one transaction).
        logger.warning("letter form: database unavailable", extra={"dearly_error": type(exc).__name__})
        looking = "look" in request.POST
        response = _render_form(request, _kept_form(request), status=503,
                                notice=NOT_LOOKED if looking else NOT_RECEIVED)
        response["Retry-After"] = "5"
        return response


def _ask_post(request):
    text = request.POST.get("letter", "")[:SIMILAR_TEXT_LIMIT]
    if "look" in request.POST:
        # Without JavaScript: "look for answers first" shows similar articles and sends nothing
        # (help first, too, if what is written so far calls for it).
        form = LetterForm(initial=request.POST.dict(), word_limit=_word_limit())
        return _render_form(request, form, similar=similar_articles(text), looked=True)
    form = LetterForm(request.POST, ip=client_ip(request))
    if not form.is_valid():
        if form.already_sent and request.session.get(SENT_SESSION_KEY):
            # A second click on "Send" from the browser that sent it: show what the first got.
            return redirect("letters:sent")
        form.prepare_retry()
        if form.needs_confirmation:
            # How often letters are held, and why, tells whether the signals are right.
            logger.info("letter held for a second click", extra={"dearly_doubts": form.doubts})
        # Asked to press Send once more is not an error: the letter is fine, we only ask.
        return _render_form(request, form, status=200 if form.needs_confirmation else 400)

    data = form.cleaned_data
    try:
        letter = services.submit_letter(
            pen_name=data["pen_name"],
            body=data["letter"],
            email=data["email"],
            consent_publication=data["consent_publication"],
            consent_sensitive_data=data["consent_sensitive_data"],
            writer_signal=data["writer_signal"],
        )
    except Exception:
        antispam.release_token(data["started"])  # nothing was stored: the same form may be sent again
        raise
    # Only this browser may see the page after sending, and only for a while.
    request.session[SENT_SESSION_KEY] = {"id": letter.pk, "at": int(time.time())}
    return redirect("letters:sent")


@never_cache
@require_GET
def sent(request):
    mark = request.session.get(SENT_SESSION_KEY) or {}
    letter = None
    if mark and time.time() - mark.get("at", 0) < SENT_PAGE_HOURS * 3600:
        letter = Letter.objects.filter(pk=mark.get("id")).first()
    if letter is None:
        request.session.pop(SENT_SESSION_KEY, None)
        return redirect("letters:ask")
    context = {
        "similar": similar_articles(letter.body),
        "asked_for_notice": bool(letter.email),
        "retention_days": settings.LETTER_RETENTION_DAYS,
        "worth_a_look": letter.screening_outcome == "worth_a_look",
        **_crisis_context(letter.urgent, letter.crisis_categories, letter.writer_signal),
    }
    return render(request, "letters/sent.html", context)


@never_cache
@require_POST
def similar(request):
    """htmx, as the reader writes: up to five published answers like the letter so far.

    A POST, so that the words never appear in a URL or a server's access log. Nothing is kept.
    """
    # The form takes letters longer than this; their start is enough to find answers like them.
    text = request.POST.get("letter", "")[:SIMILAR_TEXT_LIMIT]
    # Past the limit the search is skipped and the panel stays quiet (an error would show as
    # one in the middle of someone's letter). The crisis screen still runs: it is cheap.
    searching = ratelimit.count("letter-similar", client_ip(request), window=ratelimit.HOUR) <= SIMILAR_PER_IP_HOUR
    # Someone who writes of being in danger sees where to get help now, while still writing:
    # they should not have to finish the letter, or send it, to be offered it.
    context = {"similar": similar_articles(text) if searching and text.strip() else [], "oob": True, "live": True}
    context.update(_screen_refused_letter(text))
    context.pop("quick_exit", None)
    return render(request, "letters/_similar.html", context)
