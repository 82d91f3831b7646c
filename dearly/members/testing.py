"""Stripe, played locally for tests: a tiny HTTP server that answers the SDK's calls with the
JSON shapes of Stripe's API reference and OpenAPI specification (products, prices, checkout
session, billing portal configuration and session, subscription retrieve and cancel), plus
events signed the way Stripe signs webhooks, and a customer's switch of plan in the portal.

    with FakeStripe() as fake:            # settings.STRIPE_API_BASE = fake.url
        ...                               # fake.requests: what the SDK sent
    body, header = signed_event(event, secret)

Nothing here talks to Stripe."""

import hashlib
import hmac
import json
import re
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


def unflatten(params: dict) -> dict:
    """Stripe's form encoding back into objects: "a[b][0][c]=x" → {"a": {"b": [{"c": "x"}]}}."""
    root: dict = {}
    for key, value in params.items():
        parts = [key.split("[", 1)[0]] + re.findall(r"\[([^\]]*)\]", key)
        node = root
        for part, following in zip(parts, parts[1:] + [None], strict=True):
            if following is None:
                node[part] = value
            else:
                node = node.setdefault(part, {})
    return _lists(root)


def _lists(node):
    if isinstance(node, dict):
        if node and all(k.isdigit() for k in node):
            return [_lists(node[k]) for k in sorted(node, key=int)]
        return {k: _lists(v) for k, v in node.items()}
    return node


def product(*, name, metadata=None) -> dict:
    now = int(time.time())
    return {"id": stripe_id("prod"), "object": "product", "active": True, "created": now, "updated": now,
            "default_price": None, "description": None, "images": [], "livemode": False,
            "marketing_features": [], "metadata": metadata or {}, "name": name, "package_dimensions": None,
            "shippable": None, "statement_descriptor": None, "tax_code": None, "unit_label": None, "url": None}


def price_object(*, product_id, unit_amount, currency="usd", interval="month", metadata=None, id=None) -> dict:
    return {"id": id or stripe_id("price"), "object": "price", "active": True, "billing_scheme": "per_unit",
            "created": int(time.time()), "currency": currency, "custom_unit_amount": None, "livemode": False,
            "lookup_key": None, "metadata": metadata or {}, "nickname": None, "product": product_id,
            "recurring": {"interval": interval, "interval_count": 1, "meter": None, "trial_period_days": None,
                          "usage_type": "licensed"},
            "tax_behavior": "unspecified", "tiers_mode": None, "transform_quantity": None, "type": "recurring",
            "unit_amount": unit_amount, "unit_amount_decimal": str(unit_amount)}


def subscription(*, id, customer, status, metadata, period_end=None, price=500, interval="month",
                 price_obj=None) -> dict:
    period_end = period_end or int(time.time()) + 30 * 86400
    return {
        "id": id, "object": "subscription", "customer": customer, "status": status, "metadata": metadata,
        "cancel_at_period_end": False, "canceled_at": int(time.time()) if status == "canceled" else None,
        "created": int(time.time()), "currency": "usd", "livemode": False,
        "items": {"object": "list", "has_more": False, "url": f"/v1/subscription_items?subscription={id}", "data": [{
            "id": stripe_id("si"), "object": "subscription_item", "quantity": 1, "subscription": id,
            "current_period_start": period_end - 30 * 86400, "current_period_end": period_end,
            "price": price_obj or price_object(product_id=stripe_id("prod"), unit_amount=price, interval=interval),
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
        self.products: dict[str, dict] = {}
        self.prices: dict[str, dict] = {}
        self.configurations: dict[str, dict] = {}
        self.customers: dict[str, dict] = {}
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

    def switch_plan(self, subscription_id: str, price_id: str) -> dict:
        """What the portal does when a customer picks another price: the subscription's item
        now carries that price. Returns the subscription, as customer.subscription.updated
        carries it."""
        sub = self.subscriptions[subscription_id]
        sub["items"]["data"][0]["price"] = dict(self.prices[price_id])
        return json.loads(json.dumps(sub))

    def _configuration(self, body: dict, existing: dict | None = None) -> dict:
        now = int(time.time())
        conf = existing or {
            "id": stripe_id("bpc"), "object": "billing_portal.configuration", "active": True, "application": None,
            "created": now, "is_default": False, "livemode": False, "login_page": {"enabled": False, "url": None},
            "name": None, "default_return_url": None, "metadata": {},
            "business_profile": {"headline": None, "privacy_policy_url": None, "terms_of_service_url": None},
            "features": {
                "customer_update": {"allowed_updates": [], "enabled": False},
                "invoice_history": {"enabled": False},
                "payment_method_update": {"enabled": False, "payment_method_configuration": None},
                "subscription_cancel": {"enabled": False, "mode": "at_period_end", "proration_behavior": "none",
                                        "cancellation_reason": {"enabled": False, "options": []}},
                "subscription_update": {"billing_cycle_anchor": None, "default_allowed_updates": [],
                                        "enabled": False, "products": [], "proration_behavior": "none",
                                        "schedule_at_period_end": {"conditions": []},
                                        "trial_update_behavior": "end_trial"},
            },
        }
        for key in ("default_return_url", "name"):
            if key in body:
                conf[key] = body[key]
        conf["business_profile"].update(body.get("business_profile") or {})
        conf["metadata"].update(body.get("metadata") or {})
        for feature, settings in (body.get("features") or {}).items():
            settings = dict(settings)
            if "enabled" in settings:
                settings["enabled"] = settings["enabled"] == "true"
            if feature == "subscription_update" and "products" in settings:
                settings["products"] = [{"product": p["product"], "prices": p.get("prices", []),
                                         "adjustable_quantity": {"enabled": False, "maximum": 99, "minimum": 1}}
                                        for p in settings["products"] or []]
            conf["features"].setdefault(feature, {}).update(settings)
        conf["updated"] = now
        return conf

    @staticmethod
    def _missing(kind, id_):
        return 404, {"error": {"type": "invalid_request_error", "code": "resource_missing", "param": "id",
                               "message": f"No such {kind}: '{id_}'"}}, "application/json"

    def route(self, method, path, params):
        json_ = "application/json"
        body = unflatten(params)
        if method == "POST" and path == "/v1/products":
            made = product(name=body.get("name", ""), metadata=body.get("metadata"))
            self.products[made["id"]] = made
            return 200, made, json_
        if method == "POST" and path.startswith("/v1/products/"):
            found = self.products.get(path.rsplit("/", 1)[1])
            if found is None:
                return self._missing("product", path.rsplit("/", 1)[1])
            found.update({k: body[k] for k in ("name", "description") if k in body}, updated=int(time.time()))
            return 200, found, json_
        if method == "POST" and path == "/v1/prices":
            if body.get("product") not in self.products:
                return self._missing("product", body.get("product"))
            made = price_object(product_id=body["product"], unit_amount=int(body["unit_amount"]),
                                currency=body.get("currency", "usd"), interval=body["recurring"]["interval"],
                                metadata=body.get("metadata"))
            self.prices[made["id"]] = made
            return 200, made, json_
        if method == "POST" and path.startswith("/v1/prices/"):
            found = self.prices.get(path.rsplit("/", 1)[1])
            if found is None:
                return self._missing("price", path.rsplit("/", 1)[1])
            if "active" in body:
                found["active"] = body["active"] == "true"
            return 200, found, json_
        if method == "POST" and path == "/v1/billing_portal/configurations":
            conf = self._configuration(body)
            self.configurations[conf["id"]] = conf
            return 200, conf, json_
        if method == "POST" and path.startswith("/v1/billing_portal/configurations/"):
            conf = self.configurations.get(path.rsplit("/", 1)[1])
            if conf is None:
                return self._missing("configuration", path.rsplit("/", 1)[1])
            return 200, self._configuration(body, conf), json_
        if method == "POST" and path.startswith("/v1/customers/"):
            customer_id = path.rsplit("/", 1)[1]
            customer = self.customers.setdefault(customer_id, {
                "id": customer_id, "object": "customer", "address": None, "balance": 0, "created": int(time.time()),
                "currency": "usd", "default_source": None, "delinquent": False, "description": None,
                "email": None, "invoice_prefix": customer_id[-8:].upper(), "livemode": False, "metadata": {},
                "name": None, "phone": None, "preferred_locales": [], "shipping": None, "tax_exempt": "none"})
            customer.update({k: v for k, v in body.items() if k in ("email", "name")})
            return 200, customer, json_
        if method == "POST" and path == "/v1/checkout/sessions":
            for item in body.get("line_items") or []:
                if "price" in item and item["price"] not in self.prices:
                    return self._missing("price", item["price"])
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
            if params.get("configuration") and params["configuration"] not in self.configurations:
                return self._missing("configuration", params["configuration"])
            return 200, {
                "id": stripe_id("bps"), "object": "billing_portal.session",
                "configuration": params.get("configuration") or stripe_id("bpc"),
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
