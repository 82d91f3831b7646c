"""same_origin_required: POSTs a browser says came from another site are refused; same-site
POSTs, typed addresses and clients that send neither header pass; reads always pass."""

import pytest
from django.http import HttpResponse
from django.test import RequestFactory

from dearly.lib.origin import is_same_origin, same_origin_required


@same_origin_required
def view(request):
    return HttpResponse("done")


def post(**headers):
    return RequestFactory().post("/subscribe/", HTTP_HOST="testserver", **headers)


@pytest.fixture(autouse=True)
def site(settings):
    settings.SITE_URL = "https://dearly.example"
    settings.ALLOWED_HOSTS = ["testserver", "dearly.example"]


@pytest.mark.parametrize("headers", [
    {},
    {"HTTP_SEC_FETCH_SITE": "same-origin"},
    {"HTTP_SEC_FETCH_SITE": "none"},
    {"HTTP_ORIGIN": "https://dearly.example"},
    {"HTTP_ORIGIN": "HTTPS://DEARLY.EXAMPLE", "HTTP_SEC_FETCH_SITE": "same-origin"},
    {"HTTP_ORIGIN": "http://testserver"},
], ids=["no-headers", "same-origin", "typed", "site-origin", "origin-in-capitals", "request-host"])
def test_posts_from_this_site_pass(headers):
    assert is_same_origin(post(**headers))
    assert view(post(**headers)).status_code == 200


@pytest.mark.parametrize("headers", [
    {"HTTP_SEC_FETCH_SITE": "cross-site"},
    {"HTTP_SEC_FETCH_SITE": "same-site"},
    {"HTTP_ORIGIN": "https://evil.example"},
    {"HTTP_ORIGIN": "null"},
    {"HTTP_ORIGIN": "https://dearly.example.evil.example"},
    {"HTTP_SEC_FETCH_SITE": "same-origin", "HTTP_ORIGIN": "https://evil.example"},
], ids=["cross-site", "sibling-subdomain", "other-origin", "null-origin", "lookalike", "mixed"])
def test_posts_from_elsewhere_are_refused_plainly(headers):
    response = view(post(**headers))
    assert response.status_code == 403 and b"only be sent from this site" in response.content


def test_reads_are_never_refused():
    request = RequestFactory().get("/subscribe/", HTTP_SEC_FETCH_SITE="cross-site", HTTP_ORIGIN="https://evil.example")
    assert view(request).status_code == 200
