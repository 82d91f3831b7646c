"""Dearly's one settings module, driven by environment variables (see README)."""

from pathlib import Path
from urllib.parse import urlsplit

from django.core.exceptions import ImproperlyConfigured

from dearly.env import (
    database_config,
    dkim_config,
    email_config,
    env_bool,
    env_int,
    env_secret,
    env_str,
    env_url,
    refuse_renamed,
    secret_key,
)

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(env_str("DEARLY_VAR_DIR", str(BASE_DIR / "var")))
VAR_DIR.mkdir(parents=True, exist_ok=True)

DEBUG = env_bool("DEBUG", False)
SECRET_KEY = secret_key(VAR_DIR)

SITE_URL = env_url("SITE_URL", "http://127.0.0.1:8000", schemes={"http", "https"}).rstrip("/")
_site = urlsplit(SITE_URL)
SITE_IS_HTTPS = _site.scheme == "https"
ALLOWED_HOSTS = [_site.hostname]
if _site.hostname in {"127.0.0.1", "localhost"}:
    ALLOWED_HOSTS += ["127.0.0.1", "localhost", "[::1]"]
ALLOWED_HOSTS += [h for h in env_str("EXTRA_ALLOWED_HOSTS").split(",") if h]
CSRF_TRUSTED_ORIGINS = [f"{_site.scheme}://{_site.netloc}"]

SITE_NAME = env_str("DEARLY_SITE_NAME", "Dearly")
EXPERT_NAME = env_str("DEARLY_EXPERT_NAME", "Dr. Nora Ellis")
EXPERT_EMAIL = env_str("DEARLY_EXPERT_EMAIL", "nora@dearly.example")
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", f"{SITE_NAME} <letters@dearly.example>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL
POSTAL_ADDRESS = env_str("DEARLY_POSTAL_ADDRESS", "Dearly, 100 Example Street, Suite 2, Springfield, USA")
DEFAULT_COUNTRY = env_str("DEARLY_COUNTRY", "US").upper()
if len(DEFAULT_COUNTRY) != 2 or not DEFAULT_COUNTRY.isalpha():
    raise ImproperlyConfigured("DEARLY_COUNTRY must be a two-letter country code such as US or GB.")
LOAD_DEMO = env_bool("DEARLY_DEMO", True)
# Set when a reverse proxy (nginx, a load balancer) sits in front: rate limits then count the
# address the proxy puts last in X-Forwarded-For instead of the proxy's own.
BEHIND_PROXY = env_bool("BEHIND_PROXY", False)
# Failed sign-ins (passwords and two-factor codes) per 15 minutes before signing in pauses: for
# one user name from one address, and from one address for any user name. Never for a user name
# from everywhere, which would let anyone lock the expert out (dearly/lib/signin.py).
refuse_renamed("SIGNIN_FAILURES_PER_USER", "SIGNIN_FAILURES_PER_USER_AND_IP",
               "failures are counted per user name from one address, no longer from everywhere")
SIGNIN_FAILURES_PER_USER_AND_IP = env_int("SIGNIN_FAILURES_PER_USER_AND_IP", 10, minimum=1)
SIGNIN_FAILURES_PER_IP = env_int("SIGNIN_FAILURES_PER_IP", 30, minimum=1)
# A password and a code from an authenticator app for the desk and the admin (dearly/lib/twofactor.py).
DESK_TWO_FACTOR = env_bool("DESK_TWO_FACTOR", True)
LETTER_RETENTION_DAYS = env_int("LETTER_RETENTION_DAYS", 180, minimum=1)
# The worker loads its language models for the first letter it prepares (not at start, unless
# DEARLY_WORKER_PRELOAD_MODELS) and drops them after this long unused (0: never); see
# language/usage.py. A worker sending a newsletter then holds no models (about 75 MB, not 290).
WORKER_PRELOAD_MODELS = env_bool("DEARLY_WORKER_PRELOAD_MODELS", False)
WORKER_MODELS_IDLE_SECONDS = env_int("WORKER_MODELS_IDLE_SECONDS", 600, minimum=0)
# Having let its models go, a worker started as `manage.py work` starts afresh in place (exec:
# the same process id, a fresh interpreter): dropping them in-process left ~70 MB of the heap
# they had used (bench/memory: 153 MB at rest against ~80 MB for a worker that never loaded them).
WORKER_RENEW_AFTER_MODELS = env_bool("DEARLY_WORKER_RENEW_AFTER_MODELS", True)
LETTER_WORD_LIMIT = env_int("LETTER_WORD_LIMIT", 600, minimum=50)
# The letter form's anti-spam: seconds a person needs at least, letters per IP an hour and per
# email address a day (counted in the shared cache).
LETTER_MIN_FILL_SECONDS = env_int("LETTER_MIN_FILL_SECONDS", 4, minimum=0)
LETTER_LIMIT_PER_IP_HOUR = env_int("LETTER_LIMIT_PER_IP_HOUR", 10, minimum=1)
LETTER_LIMIT_PER_EMAIL_DAY = env_int("LETTER_LIMIT_PER_EMAIL_DAY", 3, minimum=1)

INSTALLED_APPS = [
    "dearly.apps.AdminConfig",  # Django's admin, behind two-factor sign-in
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
    "django_tasks",
    "django_tasks_db",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "dearly.column",
    "dearly.safety",
    "dearly.email",
    "dearly.work",
    "dearly.letters",
    "dearly.desk",
    "dearly.mailing",
    "dearly.members",
    "dearly.newsletter",
    "dearly.welcome",
    "dearly.tools",
    "dearly.cyclemap",
    "dearly.resources",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "dearly.middleware.CompressionMiddleware",  # gzip, but never where BREACH could guess a secret
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",  # request.user.is_verified(): this session gave a code
    "dearly.members.middleware.member_sessions_expire_when_idle",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "dearly.middleware.content_security_policy",
]

ROOT_URLCONF = "dearly.urls"
WSGI_APPLICATION = "dearly.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "dearly" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "dearly.context_processors.site",
            ],
        },
    },
]

DATABASES = {"default": database_config("DATABASE_URL", VAR_DIR / "dearly.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = env_str("CACHE_URL", "")
# Two caches: "default" for counters that must not be lost (rate limits), "pages" for whole
# anonymous pages, so that a flood of page URLs can never push a rate-limit counter out.
if _cache_url.startswith(("redis://", "rediss://")):
    _redis = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": _cache_url}
    CACHES = {"default": _redis, "pages": {**_redis, "KEY_PREFIX": "pages"}}
elif _cache_url in {"", "file://"}:
    # One machine: a file cache is shared by every web worker and the task worker, which
    # rate limits and the page cache need. Several machines: set CACHE_URL=redis://…
    _files = {"BACKEND": "django.core.cache.backends.filebased.FileBasedCache"}
    CACHES = {
        "default": {**_files, "LOCATION": str(VAR_DIR / "cache"), "OPTIONS": {"MAX_ENTRIES": 20000}},
        "pages": {**_files, "LOCATION": str(VAR_DIR / "cache-pages"), "OPTIONS": {"MAX_ENTRIES": 2000}},
    }
elif _cache_url == "locmem://":
    _locmem = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    CACHES = {"default": {**_locmem, "LOCATION": "default"}, "pages": {**_locmem, "LOCATION": "pages"}}
else:
    raise ImproperlyConfigured("CACHE_URL must be redis://…, rediss://…, file:// or locmem://.")

TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

_email = email_config("EMAIL_URL", "mailbox://", VAR_DIR)
ANYMAIL = _email.pop("ANYMAIL", {})
globals().update(_email)
# DKIM_PRIVATE_KEY_FILE, DKIM_SELECTOR, DKIM_DOMAIN: sign what goes through a plain SMTP server.
DKIM_PRIVATE_KEY_FILE = DKIM_SELECTOR = DKIM_DOMAIN = ""
globals().update(dkim_config(EMAIL_BACKEND, DEFAULT_FROM_EMAIL))  # noqa: F821  (EMAIL_BACKEND: from _email)
# ESP webhooks (bounces, complaints) at /webhooks/anymail/<esp>/tracking/ need HTTP basic
# auth "user:password", set as ANYMAIL_WEBHOOK_SECRET or ?webhook_secret=… in EMAIL_URL;
# without it those URLs answer 404 rather than accept forged events.
if env_str("ANYMAIL_WEBHOOK_SECRET"):
    ANYMAIL["WEBHOOK_SECRET"] = env_str("ANYMAIL_WEBHOOK_SECRET")

# The mailing list (dearly.mailing) and outgoing email: see dearly/email/outbox.py for delivery.
GUIDE_LINK_DAYS = env_int("GUIDE_LINK_DAYS", 7, minimum=1)
SIGNUP_EXPIRY_DAYS = env_int("SIGNUP_EXPIRY_DAYS", 7, minimum=1)
SIGNUP_LIMIT_PER_IP = env_int("SIGNUP_LIMIT_PER_IP", 20, minimum=1)  # per hour
SIGNUP_LIMIT_PER_EMAIL = env_int("SIGNUP_LIMIT_PER_EMAIL", 3, minimum=1)  # per hour
OUTBOX_LEASE_SECONDS = env_int("OUTBOX_LEASE_SECONDS", 120, minimum=1)
OUTBOX_RETRY_SECONDS = env_int("OUTBOX_RETRY_SECONDS", 60, minimum=1)
OUTBOX_MAX_ATTEMPTS = env_int("OUTBOX_MAX_ATTEMPTS", 10, minimum=1)
OUTBOX_HARD_FAILURES = env_int("OUTBOX_HARD_FAILURES", 2, minimum=1)
# Newsletters (dearly.newsletter): deliveries claimed per chunk, and the provider's limits
# (0: none). Leases, retries, attempts and hard failures follow the OUTBOX_ settings above.
NEWSLETTER_CHUNK = env_int("NEWSLETTER_CHUNK", 200, minimum=1)
# SMTP connections each worker sends a newsletter over at once (a thread each).
NEWSLETTER_CONNECTIONS = env_int("NEWSLETTER_CONNECTIONS", 2, minimum=1)
# Processes sending a newsletter at once from each worker: while a broadcast goes out the worker
# forks this many less one senders, which exit when it is sent (dearly/newsletter/senders.py).
NEWSLETTER_PROCESSES = env_int("NEWSLETTER_PROCESSES", 2, minimum=1)
NEWSLETTER_RATE_PER_SECOND = env_int("NEWSLETTER_RATE_PER_SECOND", 0, minimum=0)
NEWSLETTER_RATE_PER_HOUR = env_int("NEWSLETTER_RATE_PER_HOUR", 0, minimum=0)
# Through an ESP with a batch API (dearly.newsletter.batching: Mailgun), one API call per up to
# 50 recipients instead of one each. Mandrill cannot carry each recipient's List-Unsubscribe
# header in a batch: it batches only with NEWSLETTER_ESP_BATCH_WITHOUT_HEADERS.
NEWSLETTER_ESP_BATCH = env_bool("NEWSLETTER_ESP_BATCH", True)
NEWSLETTER_ESP_BATCH_WITHOUT_HEADERS = env_bool("NEWSLETTER_ESP_BATCH_WITHOUT_HEADERS", False)

# Membership (dearly.members): sign-in by emailed link or code, tiers paid through Stripe.
# Sign-in emails per address and per IP an hour; a member's session ends after this many days
# without a visit.
MEMBER_SIGNIN_PER_EMAIL_HOUR = env_int("MEMBER_SIGNIN_PER_EMAIL_HOUR", 5, minimum=1)
MEMBER_SIGNIN_PER_IP_HOUR = env_int("MEMBER_SIGNIN_PER_IP_HOUR", 20, minimum=1)
MEMBER_IDLE_DAYS = env_int("MEMBER_IDLE_DAYS", 14, minimum=1)
# Without STRIPE_SECRET_KEY paid tiers say "not available yet"; without STRIPE_WEBHOOK_SECRET
# /webhooks/stripe/ refuses every event. STRIPE_API_BASE points the SDK elsewhere (tests).
STRIPE_SECRET_KEY = env_secret("STRIPE_SECRET_KEY", prefixes=("sk_", "rk_"))
STRIPE_WEBHOOK_SECRET = env_secret("STRIPE_WEBHOOK_SECRET", prefixes=("whsec_",))
STRIPE_API_BASE = env_url("STRIPE_API_BASE", "https://api.stripe.com", schemes={"http", "https"}).rstrip("/")
# Days a member keeps reading after a renewal payment failed, while Stripe retries the card.
MEMBERSHIP_GRACE_DAYS = env_int("MEMBERSHIP_GRACE_DAYS", 7, minimum=0)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/desk/login/"
AUTHENTICATION_BACKENDS = ["dearly.lib.signin.RateLimitedModelBackend"]
OTP_TOTP_ISSUER = SITE_NAME  # the name authenticator apps show beside the code

LANGUAGE_CODE = "en-us"
TIME_ZONE = env_str("TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
STATICFILES_DIRS = [BASE_DIR / "dearly" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = VAR_DIR / "media"
MEDIA_URL = "/media/"

# Security: everything on by default; HTTPS-only settings follow SITE_URL.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if SITE_IS_HTTPS:
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
    if BEHIND_PROXY:  # only a proxy we run may say the request came over HTTPS
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 60 * 60 * 24 * 365, minimum=0)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True
    SECURE_REDIRECT_EXEMPT = [r"^healthz$"]

# Anonymous pages are cached as whole responses and dropped when content changes.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300, minimum=0)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"json": {"()": "dearly.logs.JsonFormatter"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "json"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {"django.server": {"level": "WARNING"}},
}
