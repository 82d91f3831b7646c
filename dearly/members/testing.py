"""Stripe, played locally for tests: a tiny HTTP server that answers the SDK's calls with the
JSON shapes of Stripe's API reference (checkout session, billing portal session, subscription
retrieve and cancel), plus events signed the way Stripe signs webhooks.

    with FakeStripe() as fake:            # settings.STRIPE_API_BASE = fake.url
        ...                               # fake.requests: what the SDK sent
    body, header = signed_event(event, secret)

Nothing here talks to Stripe."""

import hashlib
import hmac
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


def stripe_id(prefix: str) -> str:
    return f"{prefix}_test_{secrets.token_hex(8)}"


def signed_event(event: dict, secret: str, *, at: int | None = None) -> tuple[bytes, str]:
    """The body and the Stripe-Signature header Stripe would send: v1 is HMAC-SHA256 of
    "{timestamp}.{body}" keyed with the endpoint's signing secret."""
    body = json.dumps(event).encode()
    t = int(at if at is not None else time.time())
    v1 = hmac.new(secret.encode(), f"{t}.".encode() + body, hashlib.sha256).hexdigest()
    return body, f"t={t},v1={v1}"


def event(type_: str, obj: dict, *, created: int) -> dict:
    return {"id": stripe_id("evt"), "object": "event", "api_version": "2026-10-28.endive", "created": created,
            "livemode": False, "pending_webhooks": 1, "request": {"id": None, "idempotency_key": None},
            "type": type_, "data": {"object": obj}}


def checkout_session(*, member_pk, customer, subscription, metadata, payment_status="paid", url=None) -> dict:
    return {
        "id": stripe_id("cs"), "object": "checkout.session", "mode": "subscription", "status": "complete",
        "payment_status": payment_status, "client_reference_id": str(member_pk), "customer": customer,
        "subscription": subscription, "metadata": metadata, "currency": "usd", "amount_total": 500,
        "livemode": False, "url": url, "success_url": None, "cancel_url": None, "created": int(time.time()),
        "expires_at": int(time.time()) + 86400,
    }


def subscription(*, id, customer, status, metadata, period_end=None, price=500, interval="month") -> dict:
    period_end = period_end or int(time.time()) + 30 * 86400
    return {
        "id": id, "object": "subscription", "customer": customer, "status": status, "metadata": metadata,
        "cancel_at_period_end": False, "canceled_at": int(time.time()) if status == "canceled" else None,
        "created": int(time.time()), "currency": "usd", "livemode": False,
        "items": {"object": "list", "has_more": False, "url": f"/v1/subscription_items?subscription={id}", "data": [{
            "id": stripe_id("si"), "object": "subscription_item", "quantity": 1, "subscription": id,
            "current_period_start": period_end - 30 * 86400, "current_period_end": period_end,
            "price": {"id": stripe_id("price"), "object": "price", "currency": "usd", "unit_amount": price,
                      "recurring": {"interval": interval, "interval_count": 1}, "type": "recurring"},
        }]},
    }


def invoice(*, customer, subscription_id, metadata, amount=500, paid=True) -> dict:
    now = int(time.time())
    return {
        "id": stripe_id("in"), "object": "invoice", "customer": customer, "currency": "usd",
        "amount_due": amount, "amount_paid": amount if paid else 0, "status": "paid" if paid else "open",
        "billing_reason": "subscription_cycle", "livemode": False, "created": now,
        "status_transitions": {"paid_at": now if paid else None, "finalized_at": now},
        "parent": {"type": "subscription_details", "quote_details": None,
                   "subscription_details": {"subscription": subscription_id, "metadata": metadata}},
    }


class FakeStripe:
    """Stripe's API on 127.0.0.1, for the SDK (api_base pointed here), and a pretend Checkout
    page at /pay/<session id> whose button goes to the session's success_url."""

    def __init__(self):
        self.requests: list[tuple[str, str, dict]] = []
        self.sessions: dict[str, dict] = {}
        self.subscriptions: dict[str, dict] = {}
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _answer(self, status, body, content_type="application/json"):
                data = body.encode() if isinstance(body, str) else json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", content_type)
                self.send_header("Content-Length", str(len(data)))
                self.send_header("Request-Id", stripe_id("req"))
                self.end_headers()
                self.wfile.write(data)

            def _handle(self, method):
                length = int(self.headers.get("Content-Length") or 0)
                parts = urlsplit(self.path)
                params = dict(parse_qsl(self.rfile.read(length).decode() if length else parts.query))
                fake.requests.append((method, parts.path, params))
                status, body, kind = fake.route(method, parts.path, params)
                self._answer(status, body, kind)

            def do_GET(self):
                self._handle("GET")

            def do_POST(self):
                self._handle("POST")

            def do_DELETE(self):
                self._handle("DELETE")

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def calls(self, path_start: str) -> list[dict]:
        return [params for _m, path, params in self.requests if path.startswith(path_start)]

    @staticmethod
    def _missing(kind, id_):
        return 404, {"error": {"type": "invalid_request_error", "code": "resource_missing", "param": "id",
                               "message": f"No such {kind}: '{id_}'"}}, "application/json"

    def route(self, method, path, params):
        json_ = "application/json"
        if method == "POST" and path == "/v1/checkout/sessions":
            session = checkout_session(member_pk=params.get("client_reference_id"), customer=params.get("customer"),
                                       subscription=None, metadata={k[9:-1]: v for k, v in params.items()
                                                                    if k.startswith("metadata[")},
                                       payment_status="unpaid")
            session.update(status="open", url=f"{self.url}/pay/{session['id']}",
                           success_url=params.get("success_url"), cancel_url=params.get("cancel_url"),
                           customer_email=params.get("customer_email"))
            self.sessions[session["id"]] = session
            return 200, session, json_
        if method == "POST" and path == "/v1/billing_portal/sessions":
            return 200, {
                "id": stripe_id("bps"), "object": "billing_portal.session", "configuration": stripe_id("bpc"),
                "created": int(time.time()), "customer": params.get("customer"), "flow": None,
                "livemode": False, "locale": None, "on_behalf_of": None, "return_url": params.get("return_url"),
                "url": f"{self.url}/portal/{params.get('customer')}",
            }, json_
        if path.startswith("/v1/subscriptions/"):
            sub_id = path.rsplit("/", 1)[1]
            sub = self.subscriptions.get(sub_id)
            if sub is None:
                return self._missing("subscription", sub_id)
            if method == "DELETE":
                sub.update(status="canceled", canceled_at=int(time.time()))
            return 200, sub, json_
        if method == "GET" and path.startswith("/pay/"):
            session = self.sessions.get(path.rsplit("/", 1)[1])
            if session is None:
                return 404, "No such session", "text/plain"
            return 200, (
                "<!doctype html><html lang=en><title>Pretend Checkout</title><main><h1>Pretend Checkout</h1>"
                f"<p><a href=\"{session['success_url']}\">Pay</a></p></main></html>"
            ), "text/html; charset=utf-8"
        return 404, {"error": {"type": "invalid_request_error", "message": f"Unrecognized request URL ({method}: {path})"}}, json_
