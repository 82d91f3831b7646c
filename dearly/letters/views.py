"""The public side of letters: the form, "this may already help", and the page after sending.

No page here ever shows a letter's text. Every response is `no-store`: what a person typed
must not stay in a shared computer's cache, or in any cache between them and us.
"""

import time

from django.conf import settings
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from dearly.column.search import similar_articles
from dearly.letters import antispam, services
from dearly.letters.forms import LetterForm
from dearly.letters.models import Letter
from dearly.lib import ratelimit
from dearly.lib.ratelimit import client_ip
from dearly.safety import resources

SENT_SESSION_KEY = "letters:sent"
SENT_PAGE_HOURS = 2
SIMILAR_TEXT_LIMIT = 20_000
# The panel asks at most every 800 ms of typing: far more than a person writing needs.
SIMILAR_PER_IP_HOUR = 600


def _crisis_context(urgent: bool, categories) -> dict:
    if not urgent:
        return {}
    country = settings.DEFAULT_COUNTRY
    return {
        "crisis": True,
        # The services for what the letter speaks of first; any service at all rather than none.
        "crisis_resources": resources.resources_for(country, list(categories) or None)
        or resources.resources_for(country),
        "emergency_number": resources.emergency_number(country),
        "quick_exit": True,
    }


def _screen_refused_letter(text: str) -> dict:
    # A refused letter may still come from someone in danger: they see help first, whatever
    # was wrong with the form. Nothing is stored.
    if not text.strip():
        return {}
    urgent, categories, _matches, _version = services.screen_text(text)
    return _crisis_context(urgent, categories)


@never_cache
@require_http_methods(["GET", "POST"])
def ask(request):
    if request.method == "GET":
        return render(request, "letters/ask.html", {"form": LetterForm()})

    text = request.POST.get("letter", "")[:SIMILAR_TEXT_LIMIT]
    if "look" in request.POST:
        # Without JavaScript: "look for answers first" shows similar articles and sends nothing
        # (help first, too, if what is written so far calls for it).
        form = LetterForm(initial=request.POST.dict())
        context = {"form": form, "similar": similar_articles(text), "looked": True, **_screen_refused_letter(text)}
        return render(request, "letters/ask.html", context)
    form = LetterForm(request.POST, ip=client_ip(request))
    if not form.is_valid():
        if form.already_sent and request.session.get(SENT_SESSION_KEY):
            # A second click on "Send" from the browser that sent it: show what the first got.
            return redirect("letters:sent")
        form.prepare_retry()
        context = {"form": form, **_screen_refused_letter(text)}
        return render(request, "letters/ask.html", context, status=400)

    data = form.cleaned_data
    try:
        letter = services.submit_letter(
            pen_name=data["pen_name"],
            body=data["letter"],
            email=data["email"],
            consent_publication=data["consent_publication"],
            consent_sensitive_data=data["consent_sensitive_data"],
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
        **_crisis_context(letter.urgent, letter.crisis_categories),
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
