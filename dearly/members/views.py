"""The reader's side of membership: signing in, /join/, /account/. Views parse the request and
render; every change goes through dearly.members.signin, .billing or .services."""

import functools
import json
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import Http404, HttpResponse, HttpResponseBadRequest, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.cache import add_never_cache_headers
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from dearly.lib import ratelimit
from dearly.lib.lazy import stripe
from dearly.mailing.services import clean_email
from dearly.members import billing, selectors, services, signin
from dearly.members.models import Tier
from dearly.middleware import POLICY

NEXT_KEY = "members.next"


def _private(response):
    add_never_cache_headers(response)
    return response


def _safe_next(request, url: str) -> str:
    if url and url_has_allowed_host_and_scheme(url, allowed_hosts={request.get_host()},
                                               require_https=request.is_secure()):
        return url
    return ""


def _after_sign_in(request):
    return redirect(request.session.pop(NEXT_KEY, "") or "members:account")


# Signing in ---------------------------------------------------------------------------------

@require_http_methods(["GET", "POST"])
def signin_start(request):
    email, error = "", ""
    next_url = _safe_next(request, request.POST.get("next") or request.GET.get("next", ""))
    if request.method == "POST":
        email = request.POST.get("email", "")
        try:
            address = clean_email(email)
        except ValueError as exc:
            error = str(exc)
        else:
            try:
                signin.request_sign_in(email=address, ip=ratelimit.client_ip(request), session=request.session,
                                       next_url=next_url)
            except signin.TooMany:
                return _private(render(request, "members/too_many.html", status=429))
            request.session[NEXT_KEY] = next_url
            return redirect("members:signin_code")
    return _private(render(request, "members/signin.html", {"email": email, "error": error, "next": next_url},
                           status=400 if error else 200))


@require_http_methods(["GET", "POST"])
def signin_code(request):
    if not request.session.get(signin.SESSION_KEY):
        return redirect("members:signin")
    error = ""
    if request.method == "POST":
        try:
            signin.sign_in_with_code(request, request.POST.get("code", ""))
        except signin.TooMany:
            return _private(render(request, "members/too_many.html", status=429))
        except signin.SignInRefused:
            error = ("That code doesn't work. Check the six digits in the email we just sent, or ask "
                     "for a new one: a code works once, for 10 minutes, in the browser that asked for it.")
        else:
            return _after_sign_in(request)
    return _private(render(request, "members/signin_code.html", {"error": error}, status=400 if error else 200))


@require_http_methods(["GET", "POST"])
def signin_link(request, token):
    """Opening the link shows a button; only pressing it (a POST) signs in."""
    try:
        sign_in, _ = signin.request_for_link(token)
    except signin.SignInRefused:
        return _private(render(request, "members/link_problem.html", status=410))
    if request.method == "POST":
        try:
            signin.sign_in_with_link(request, token)
        except signin.SignInRefused:
            return _private(render(request, "members/link_problem.html", status=410))
        if next_url := _safe_next(request, request.GET.get("next", "")):
            request.session[NEXT_KEY] = next_url
        return _after_sign_in(request)
    return _private(render(request, "members/signin_link.html", {"email": sign_in.email}))


@require_POST
def signout(request):
    logout(request)
    return redirect("column:home")


@require_POST
def signout_everywhere(request):
    if request.user.is_authenticated:
        signin.sign_out_everywhere(request)
    return redirect("members:signin")


# The account ----------------------------------------------------------------------------------

def member_required(view):
    """Members only: anyone else is sent to sign in (staff accounts have no member page)."""
    @functools.wraps(view)
    def wrapper(request, *args, **kwargs):
        member = selectors.member_for(request.user)
        if member is None:
            return redirect(f"{reverse('members:signin')}?{urlencode({'next': request.get_full_path()})}")
        return _private(view(request, member, *args, **kwargs))

    return wrapper


@member_required
def account(request, member):
    return _allow_stripe_forms(render(request, "members/account.html", selectors.account_page(member)))


@member_required
@require_POST
def billing_portal(request, member):
    try:
        url = billing.portal_url(member)
    except (ValueError, billing.NotConfigured):
        messages.error(request, "There is no billing account to manage yet.")
        return redirect("members:account")
    except stripe.StripeError:
        messages.error(request, "We could not reach our payment provider. Please try again in a minute.")
        return redirect("members:account")
    return _redirect_off_site(url)


@member_required
@require_POST
def rotate_feed(request, member):
    had_one = bool(member.feed_key)
    services.rotate_feed(member)
    messages.success(request, "Your private feed has a new address: the old one no longer works."
                     if had_one else "Your private feed is ready: copy its address into your reader.")
    return redirect(reverse("members:account") + "#feed-heading")


@member_required
@require_POST
def export(request, member):
    response = HttpResponse(json.dumps(services.member_data(member), indent=2, ensure_ascii=False),
                            content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{settings.SITE_NAME.lower()}-my-data.json"'
    return response


@member_required
@require_http_methods(["GET", "POST"])
def delete(request, member):
    error = ""
    if request.method == "POST":
        if request.POST.get("confirm") != "yes":
            error = "Please tick the box to confirm that you want your account deleted."
        else:
            try:
                services.delete_account(member)
            except stripe.StripeError:
                error = ("We could not cancel your subscription with our payment provider just now, so "
                         "nothing was deleted. Please try again in a minute.")
            else:
                logout(request)
                return render(request, "members/deleted.html")
    return render(request, "members/delete.html", {"member": member, "error": error,
                                                   "membership": getattr(member, "membership", None)},
                  status=400 if error else 200)


@member_required
@require_http_methods(["GET", "POST"])
def change_email(request, member):
    email, error = "", ""
    if request.method == "POST":
        email = request.POST.get("email", "")
        try:
            address = clean_email(email)
            if address == member.email:
                raise ValueError("That is already your address.")
            services.request_email_change(member, address)
        except (ValueError, services.EmailChangeRefused) as exc:
            error = str(exc)
        else:
            messages.success(request, f"We sent a link to {address}. Your address changes when you press it.")
            return redirect("members:account")
    return render(request, "members/change_email.html", {"member": member, "email": email, "error": error},
                  status=400 if error else 200)


@require_http_methods(["GET", "POST"])
def confirm_email(request, token):
    """Opening the link shows a button; only pressing it (a POST) changes the address."""
    try:
        member, new_email = services.email_change_for(token)
        if request.method == "POST":
            services.confirm_email_change(token)
            messages.success(request, f"Your address is now {new_email}.")
            return redirect("members:account")
    except services.EmailChangeRefused as exc:
        return _private(render(request, "members/link_problem.html", {"message": str(exc)}, status=410))
    return _private(render(request, "members/confirm_email.html", {"new_email": new_email}))


# Joining --------------------------------------------------------------------------------------

def join(request):
    response = render(request, "members/join.html", selectors.join_page(request.user))
    if request.user.is_authenticated:
        add_never_cache_headers(response)
    return _allow_stripe_forms(response)


@require_POST
def checkout(request, slug, interval):
    member = selectors.member_for(request.user)
    if member is None:
        return redirect(f"{reverse('members:signin')}?{urlencode({'next': reverse('members:join')})}")
    tier = get_object_or_404(Tier, slug=slug, is_active=True)
    membership = getattr(member, "membership", None)
    if membership and membership.is_active() and membership.stripe_subscription_id and not membership.complimentary:
        # A second subscription would charge twice: plans change in the portal.
        messages.info(request, "You are already a member. Change your plan from your account's billing page.")
        return redirect("members:account")
    try:
        url = billing.start_checkout(member, tier, interval)
    except ValueError:
        raise Http404("No such plan.") from None
    except billing.NotConfigured:
        messages.error(request, "Paid membership is not available yet.")
        return redirect("members:join")
    except stripe.StripeError:
        messages.error(request, "We could not reach our payment provider. Please try again in a minute.")
        return redirect("members:join")
    return _redirect_off_site(url)


def _redirect_off_site(url: str):
    """A 303 to Stripe's page (Checkout or the portal)."""
    return _allow_stripe_forms(_private(HttpResponseRedirect(url, status=303)))


def _allow_stripe_forms(response):
    """Pages whose forms lead to Stripe: the browser applies this page's form-action to where
    the POST is redirected, so Stripe's origins join 'self' there, and only there."""
    origins = " ".join(billing.page_origins())
    response["Content-Security-Policy"] = POLICY.replace("form-action 'self'", f"form-action 'self' {origins}")
    return response


@csrf_exempt
@require_POST
def stripe_webhook(request):
    """Stripe's events: 400 unless signed with STRIPE_WEBHOOK_SECRET, 200 when applied or
    already seen (Stripe then stops retrying)."""
    try:
        event = billing.verify_event(request.body, request.headers.get("Stripe-Signature", ""))
    except billing.BadSignature:
        return HttpResponseBadRequest("Bad signature.", content_type="text/plain")
    billing.process_event(event)
    return HttpResponse("OK", content_type="text/plain")
