"""Django settings for Regie.

Everything that differs between the demo, CI and production comes from the environment and is
parsed strictly: a bad value stops the process at start-up instead of surfacing as odd
behaviour later (healthchecks' `envbool` habit).
"""

from __future__ import annotations

import base64
import hashlib
import ipaddress
import os
import re
import secrets
from pathlib import Path

import dj_database_url

from regie.envparse import ImproperEnvironment, env_bool, env_int, env_list, env_str

SRC_DIR = Path(__file__).resolve().parent
# The repository root in a checkout; `var/` holds the embedded database and generated secrets.
BASE_DIR = Path(env_str("REGIE_HOME", str(SRC_DIR.parent.parent)))
# The embedded database, generated secrets and demo mail; movable for tests and packaging.
VAR_DIR = Path(env_str("REGIE_VAR_DIR", str(BASE_DIR / "var")))

DEBUG = env_bool("DEBUG", False)


def _secret_key() -> str:
    """Use SECRET_KEY when set; otherwise keep a generated key in var/ so demo sessions survive
    a restart. Production must set SECRET_KEY (see docs/deployment.md)."""
    if value := os.environ.get("SECRET_KEY"):
        return value
    path = VAR_DIR / "secret_key"
    if path.exists():
        return path.read_text().strip()
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    key = secrets.token_urlsafe(50)
    path.write_text(key)
    path.chmod(0o600)
    return key


SECRET_KEY = _secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "axes",
    # The second factor of local accounts: an authenticator app and recovery codes.
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "rest_framework",
    "drf_spectacular",
    "regie.directory",
    "regie.accounts",
    "regie.cases",
    "regie.documents",
    "regie.intake",
    "regie.directory.pages",
    "regie.notifications",
    "regie.privacy",
    "regie.imports",
    "regie.learning",
    "regie.reporting",
    "regie.api",
    "regie.web",
    "regie.providers",
    "regie.beheer",
    "regie.ui",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    # Every dynamic answer without a Cache-Control of its own: no-store (personal data).
    "regie.ui.middleware.NoStoreMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "regie.api.middleware.ApiVersionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Scope and roles worked out once per request, however often the page asks.
    "regie.accounts.request_memo.RequestMemoMiddleware",
    # The absolute end of a login session (REGIE_SESSION_MAX_HOURS), before anything reads it.
    "regie.ui.middleware.SessionLifetimeMiddleware",
    # The client's address for the audit log (privacy.context), for the whole request.
    "regie.privacy.context.AuditContextMiddleware",
    # Whether this session passed a code (request.user.is_verified()), and, with
    # REGIE_REQUIRE_SECOND_FACTOR, nothing but the second-factor pages until it has.
    "django_otp.middleware.OTPMiddleware",
    "regie.accounts.second_factor_policy.SecondFactorRequired",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    # Last, as django-axes asks: it turns a locked-out login into its lockout response.
    "axes.middleware.AxesMiddleware",
]

# Password guessing is stopped after a few failures per account and address (BIO: protect
# authentication); django-axes records attempts in the database, so it holds across workers.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("AXES_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("AXES_COOLOFF_MINUTES", 15) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "web/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False

ROOT_URLCONF = "regie.urls"
WSGI_APPLICATION = "regie.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                # Whether the staff navigation shows "Beheer" (asked only when logged in).
                "regie.beheer.context.beheer_link",
                # Whether it shows the worklist and capture links (not for college/council).
                "regie.web.context.work_links",
            ],
        },
    },
]

# Without DATABASE_URL every command uses the embedded SQLite database (DESIGN.md contract).
_DEFAULT_SQLITE = f"sqlite:///{VAR_DIR / 'regie.sqlite3'}"
DATABASES = {
    "default": dj_database_url.parse(
        env_str("DATABASE_URL", _DEFAULT_SQLITE),
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL and a busy timeout let the demo's threaded WSGI server write without "database is
    # locked" errors; IMMEDIATE transactions take the write lock up front so two intakes
    # never deadlock on a lock upgrade.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "transaction_mode": "IMMEDIATE",
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
    DATABASES["default"]["CONN_MAX_AGE"] = 0
    # Tests use a file too: an in-memory database shares one cache across threads and answers
    # "table is locked" instead of waiting, unlike the file the demo runs on.
    # One file per test process, so two test runs on one machine never share it.
    DATABASES["default"]["TEST"] = {"NAME": str(VAR_DIR / f"test-regie-{os.getpid()}.sqlite3")}
    VAR_DIR.mkdir(parents=True, exist_ok=True)

# A PostgreSQL read replica for the heavy report reads (issue 12; regie.replica): when set,
# the annual and quarterly reports, the figures page, open data and the background report
# runs read there; every write and every other page use DATABASE_URL.
REGIE_REPORTS_DATABASE_URL = env_str("REGIE_REPORTS_DATABASE_URL", "")
if REGIE_REPORTS_DATABASE_URL:
    if not REGIE_REPORTS_DATABASE_URL.startswith(("postgres://", "postgresql://")):
        raise ImproperEnvironment(
            "REGIE_REPORTS_DATABASE_URL must be a postgres://… address of a read replica"
        )
    DATABASES["reports"] = dj_database_url.parse(
        REGIE_REPORTS_DATABASE_URL,
        conn_max_age=env_int("DATABASE_CONN_MAX_AGE", 60),
        conn_health_checks=True,
    )
    # Tests read the replica's alias from the test database itself.
    DATABASES["reports"]["TEST"] = {"MIRROR": "default"}
DATABASE_ROUTERS = ["regie.replica.ReportsRouter"]

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "/inloggen"
LOGIN_REDIRECT_URL = "/werk"
LOGOUT_REDIRECT_URL = "/"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = VAR_DIR / "static"
# WhiteNoise expects the folder to exist even when it serves from the finders.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
NODE_MODULES = BASE_DIR / "node_modules"
# NL Design System CSS and htmx come from npm (`make install`); they are served as our own
# static files, never from a CDN.
STATICFILES_DIRS = [
    ("nlds/utrecht", NODE_MODULES / "@utrecht" / "component-library-css" / "dist"),
    (
        "nlds/voorbeeld",
        NODE_MODULES / "@nl-design-system-unstable" / "voorbeeld-design-tokens" / "dist",
    ),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
# The demo serves straight from the finders; production runs collectstatic (docs/deployment.md).
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG

# E-mail: real SMTP everywhere. Tests start a local aiosmtpd server and point these at it.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# Used by the demo, which writes mail to var/mail unless EMAIL_HOST points at a real server.
EMAIL_FILE_PATH = str(VAR_DIR / "mail")
EMAIL_HOST = env_str("EMAIL_HOST", "127.0.0.1")
EMAIL_PORT = env_int("EMAIL_PORT", 1025)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = env_int("EMAIL_TIMEOUT", 10)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Regie <noreply@regie.example>")

# The public address used in links that leave the site (status links in e-mails and the API).
REGIE_BASE_URL = env_str("REGIE_BASE_URL", "")

# ── Security (issue 11; docs/deployment.md "HTTPS, proxy and security settings") ──────────
# The demo and the tests run on plain http://localhost, so HTTPS is switched on by the
# environment: REGIE_HTTPS=1 turns on the redirect, HSTS and secure cookies together, which is
# what `manage.py check --deploy` asks of production.
REGIE_HTTPS = env_bool("REGIE_HTTPS", False)
if REGIE_HTTPS and not REGIE_BASE_URL.startswith("https://"):
    # E-mailed status links carry the resident's key; over http it would travel in clear.
    raise ImproperEnvironment("REGIE_HTTPS=1 needs REGIE_BASE_URL=https://… (public address)")
SECURE_SSL_REDIRECT = REGIE_HTTPS
# A year, as the HSTS preload list asks; 0 turns HSTS off (e.g. while trying HTTPS out).
SECURE_HSTS_SECONDS = env_int("REGIE_HSTS_SECONDS", 31_536_000) if REGIE_HTTPS else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("REGIE_HSTS_INCLUDE_SUBDOMAINS", True)
# Preloading binds the whole domain for a long time and is the domain owner's decision, so it
# is a setting of its own, off unless asked for; saying no is a choice, not a forgotten warning.
SECURE_HSTS_PRELOAD = env_bool("REGIE_HSTS_PRELOAD", False)
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]
# Behind a TLS-terminating proxy the request reaches Django as http; the proxy's header (e.g.
# REGIE_PROXY_SSL_HEADER=HTTP_X_FORWARDED_PROTO) says it was https, so links come out as
# https. Only set it when the proxy always sets or strips that header.
_PROXY_SSL_HEADER = env_str("REGIE_PROXY_SSL_HEADER", "")
SECURE_PROXY_SSL_HEADER = (_PROXY_SSL_HEADER, "https") if _PROXY_SSL_HEADER else None
USE_X_FORWARDED_HOST = env_bool("REGIE_USE_X_FORWARDED_HOST", False)
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# SECURE_COOKIES still works on its own (older deployments set it without REGIE_HTTPS).
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", REGIE_HTTPS)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
# A session ends after REGIE_SESSION_IDLE_MINUTES without a request (a request moves the
# expiry on, saving the session at most once a minute: ui.sessions) and at the latest
# REGIE_SESSION_MAX_HOURS after login (ui.middleware), so a computer left logged in at a desk
# does not stay open for days (BIO: session management).
REGIE_SESSION_IDLE_MINUTES = env_int("REGIE_SESSION_IDLE_MINUTES", 30)
REGIE_SESSION_MAX_HOURS = env_int("REGIE_SESSION_MAX_HOURS", 12)
if REGIE_SESSION_IDLE_MINUTES < 1 or REGIE_SESSION_MAX_HOURS < 1:
    raise ImproperEnvironment("REGIE_SESSION_IDLE_MINUTES and _MAX_HOURS must be at least 1")
SESSION_COOKIE_AGE = REGIE_SESSION_IDLE_MINUTES * 60
SESSION_SAVE_EVERY_REQUEST = False
SESSION_ENGINE = "regie.ui.sessions"
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# A body (other than uploaded files, which have their own limits) above this size is refused
# with 413 before it is parsed: problem+json under /api/, a Dutch page elsewhere.
DATA_UPLOAD_MAX_MEMORY_SIZE = env_int("REGIE_MAX_BODY_BYTES", 2_621_440)

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
    }
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["regie.api.authentication.ApiTokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    # Refuses bodies nested deeper than any Regie resource (400 instead of a RecursionError).
    "DEFAULT_PARSER_CLASSES": ["regie.api.parsers.BoundedJSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "regie.api.problems.problem_exception_handler",
    # Per client address and per token (issue 11; rates in the "Abuse" block below).
    "DEFAULT_THROTTLE_CLASSES": [
        "regie.api.throttle.AddressThrottle",
        "regie.api.throttle.TokenThrottle",
    ],
    "UNAUTHENTICATED_USER": None,
}

SPECTACULAR_SETTINGS = {
    "TITLE": "Regie API",
    "DESCRIPTION": (
        "Eén register voor klachten, signalen, meldingen en hulpvragen in het sociaal domein. "
        "Volgt de NL API Design Rules."
    ),
    "VERSION": "1.0.0",
    "CONTACT": {
        "name": "Regie-ontwikkelaars",
        "email": "regie@regie.example",
        "url": "https://regie.example/contact",
    },
    "LICENSE": {"name": "EUPL-1.2"},
    "SERVERS": [{"url": "https://regie.example/api/v1", "description": "Productie"}],
    "SCHEMA_PATH_PREFIX": "/api/v1",
    "SCHEMA_PATH_PREFIX_TRIM": True,
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    # One name for the status vocabulary, whether it is read (a case) or sent (a transition).
    "ENUM_NAME_OVERRIDES": {"StatusEnum": "regie.vocabulary.Status"},
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "regie.api.schema.add_nl_api_rules",
    ],
}

# A deadline is "due soon" this many calendar days ahead (worklist colours, daily digest).
REGIE_DUE_SOON_DAYS = env_int("REGIE_DUE_SOON_DAYS", 3)
# The daily digest of what falls due goes out from this hour (Dutch time) on working days.
REGIE_DIGEST_HOUR = env_int("REGIE_DIGEST_HOUR", 7)
# Learning (issue 9): an open case with no handler, team or organisation is a signal after
# this many working days; people are matched across cases by an HMAC, never by the raw
# address or number: since issue 11 keyed with REGIE_PERSON_KEY_SECRET below, whose default
# is this secret (itself by default derived from SECRET_KEY).
REGIE_UNOWNED_WORKING_DAYS = env_int("REGIE_UNOWNED_WORKING_DAYS", 5)
REGIE_LEARNING_SECRET = env_str(
    "REGIE_LEARNING_SECRET",
    hashlib.sha256(f"regie.learning:{SECRET_KEY}".encode()).hexdigest(),
)


# BSN and the person key (issue 11, LEGAL.md §6; regie.cases.bsn, regie.cases.person_key) --
# REGIE_BSN_KEYS: AES-256 keys (base64 of 32 bytes: `python -c "import base64, os;
# print(base64.b64encode(os.urandom(32)).decode())"`), comma-separated, newest first. The
# first encrypts; every key decrypts what it made (each ciphertext carries its key's id), so a
# rotation puts a new key in front and drops the old one once no row uses it.
# REGIE_PERSON_KEY_SECRET keys the stored BSN search hash and the person key (by default the
# learning secret, so the learning signals keep matching as before); a new value makes every
# stored hash and key stop matching. In production (REGIE_HTTPS=1) both are required: the
# defaults come from SECRET_KEY, and a new SECRET_KEY would make every stored BSN unreadable.
def _bsn_keys() -> list[str]:
    keys = env_list("REGIE_BSN_KEYS", [])
    if not keys:
        if REGIE_HTTPS:
            raise ImproperEnvironment("REGIE_BSN_KEYS is required in production (REGIE_HTTPS=1)")
        derived = hashlib.sha256(f"regie.bsn:{SECRET_KEY}".encode()).digest()
        return [base64.b64encode(derived).decode()]
    for key in keys:
        try:
            raw = base64.b64decode(key, validate=True)
        except ValueError:
            raw = b""
        if len(raw) != 32:
            raise ImproperEnvironment("REGIE_BSN_KEYS: each key must be base64 of 32 bytes")
    return keys


REGIE_BSN_KEYS = _bsn_keys()
if REGIE_HTTPS and not os.environ.get("REGIE_PERSON_KEY_SECRET"):
    raise ImproperEnvironment("REGIE_PERSON_KEY_SECRET is required in production (REGIE_HTTPS=1)")
REGIE_PERSON_KEY_SECRET = env_str("REGIE_PERSON_KEY_SECRET", REGIE_LEARNING_SECRET)
# Reporting (issue 10, ADR 3): every figure for people without case access (council, college,
# published reports) below this number is shown as "< N", also where a total would give it
# away.
# How long a case opened outside one's own work ("break the glass", privacy.glass) stays
# open to that person: a working day, so a second look does not ask the reason again.
REGIE_BREAK_GLASS_HOURS = env_int("REGIE_BREAK_GLASS_HOURS", 8)
REGIE_SMALL_NUMBER = env_int("REGIE_SMALL_NUMBER", 5)
if REGIE_SMALL_NUMBER < 1:
    raise ImproperEnvironment("REGIE_SMALL_NUMBER must be at least 1")
# Retention (issue 11, LEGAL.md §6): the Selectielijst terms are the defaults of
# regie.privacy.retention_rules; this JSON object overrides some by rule name, in years, e.g.
# REGIE_RETENTION_YEARS='{"klacht-ombudsman": 12}'. Checked when the app starts
# (privacy/apps.py): settings sit below privacy and cannot read its rule names.
REGIE_RETENTION_YEARS = env_str("REGIE_RETENTION_YEARS", "")
# The daily retention run anonymises at most this many cases, so one tick stays short.
REGIE_RETENTION_BATCH = env_int("REGIE_RETENTION_BATCH", 500)
# Triage (issue 9): the model trained on confirmed cases (`regie triage train`); without the
# file, triage uses its rules and the seed model.
REGIE_TRIAGE_MODEL = env_str("REGIE_TRIAGE_MODEL", str(VAR_DIR / "triage-model.pickle"))
# "inline": send e-mail right after commit in the web process; "celery": hand it to a worker.
REGIE_DELIVERY = env_str("REGIE_DELIVERY", "inline")
if REGIE_DELIVERY not in {"inline", "celery"}:
    raise ImproperEnvironment(f"REGIE_DELIVERY={REGIE_DELIVERY!r} must be inline or celery")

# Abuse (issue 11) ----------------------------------------------------------------------
# Counters for rate limits and login throttling live in Django's cache, so it must be shared
# by every web process: Redis in production (REGIE_CACHE_URL=redis://…, Django's own
# RedisCache, atomic counters); by default the database cache (`regie manage
# createcachetable`, shared by all processes; regie.db_cache makes its counters exact and its
# writes cheap); `locmem://` only for one process (tests, a laptop).
_CACHE_URL = env_str("REGIE_CACHE_URL", "db://regie_cache")
_CACHE: dict[str, object]
if _CACHE_URL.startswith(("redis://", "rediss://")):
    # Django's RedisCache, keeping its client objects (regie.redis_cache says why).
    _CACHE = {"BACKEND": "regie.redis_cache.RedisCache", "LOCATION": _CACHE_URL}
elif _CACHE_URL.startswith("db://") and _CACHE_URL[5:].isidentifier():
    _CACHE = {"BACKEND": "regie.db_cache.DatabaseCache", "LOCATION": _CACHE_URL[5:]}
elif _CACHE_URL == "locmem://":
    _CACHE = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
else:
    raise ImproperEnvironment(
        f"REGIE_CACHE_URL={_CACHE_URL!r} must be redis://…, db://<table> or locmem://"
    )
# Django culls a database or locmem cache at 300 entries, which would reset counters whenever
# many addresses are counted at once; expired counters go anyway.
if not _CACHE_URL.startswith(("redis://", "rediss://")):
    _CACHE["OPTIONS"] = {"MAX_ENTRIES": env_int("REGIE_CACHE_MAX_ENTRIES", 100_000)}
CACHES = {"default": _CACHE}
# A counter the cache could not keep lets the request through (logged), as a cache that is down
# does (regie.ui.throttle): residents are not refused because of our infrastructure.
RATELIMIT_FAIL_OPEN = True


def _rate(name: str, default: str) -> str:
    """A django-ratelimit rate such as 12/m or 300/15m: requests per window."""
    value = env_str(name, default).strip()
    if not re.fullmatch(r"[1-9][0-9]*/[0-9]*[smhd]", value):
        raise ImproperEnvironment(f"{name}={value!r} is not a rate such as 12/m or 300/15m")
    return value


# Per client address: posts of the public form, views and actions of a status page, API
# requests; and per API token. The 13th form post within a minute is refused before anything
# is written.
REGIE_RATE_FORM = _rate("REGIE_RATE_FORM", "12/m")
REGIE_RATE_STATUS = _rate("REGIE_RATE_STATUS", "60/m")
REGIE_RATE_API = _rate("REGIE_RATE_API", "300/m")
REGIE_RATE_API_TOKEN = _rate("REGIE_RATE_API_TOKEN", "600/m")
# The client address is REMOTE_ADDR, unless that is one of these proxies (addresses or
# networks, comma separated): then the nearest address in X-Forwarded-For that is not a
# trusted proxy. Never trusted blindly, or an attacker would rotate the header.
REGIE_TRUSTED_PROXIES = env_list("REGIE_TRUSTED_PROXIES", [])
for _proxy in REGIE_TRUSTED_PROXIES:
    try:
        ipaddress.ip_network(_proxy, strict=False)
    except ValueError:
        raise ImproperEnvironment(f"REGIE_TRUSTED_PROXIES: {_proxy!r} is no address") from None
# One acknowledgement e-mail per address per window (0: off) for public-form intakes; the case is
# registered all the same and staff see that the acknowledgement is still owed.
REGIE_ACK_WINDOW_MINUTES = env_int("REGIE_ACK_WINDOW_MINUTES", 10)
# Password spraying (on top of axes' lock per account and address, AXES_* above): failed
# logins per address across accounts, per account across addresses, and in total, per
# window; over a limit, password logins are refused until the window ends.
REGIE_LOGIN_FAILURES_PER_ADDRESS = env_int("REGIE_LOGIN_FAILURES_PER_ADDRESS", 20)
REGIE_LOGIN_FAILURES_PER_ACCOUNT = env_int("REGIE_LOGIN_FAILURES_PER_ACCOUNT", 10)
REGIE_LOGIN_FAILURES_TOTAL = env_int("REGIE_LOGIN_FAILURES_TOTAL", 200)
REGIE_LOGIN_WINDOW_MINUTES = env_int("REGIE_LOGIN_WINDOW_MINUTES", 15)
for _name in (
    "REGIE_LOGIN_FAILURES_PER_ADDRESS",
    "REGIE_LOGIN_FAILURES_PER_ACCOUNT",
    "REGIE_LOGIN_FAILURES_TOTAL",
    "REGIE_LOGIN_WINDOW_MINUTES",
):
    if globals()[_name] < 1:
        raise ImproperEnvironment(f"{_name} must be at least 1")
AXES_HANDLER = "regie.web.login_throttle.SprayingAwareHandler"
AXES_CLIENT_IP_CALLABLE = "regie.client_address.client_address"

# Second factor and OIDC (issue 11; docs/deployment.md "Staff login: second factor and
# OIDC") ---------------------------------------------------------------------------------
# BIO2 asks for multi-factor authentication where personal data is. Any local account may
# set up an authenticator app (/account/tweede-stap) and is then asked for its code after the
# password. With REGIE_REQUIRE_SECOND_FACTOR every local account must set one up before it
# reaches anything else. Off by default because the demo prints its passwords and the test
# suite logs in with one; production turns it on.
REGIE_REQUIRE_SECOND_FACTOR = env_bool("REGIE_REQUIRE_SECOND_FACTOR", False)
# The name the authenticator app shows next to the code (e.g. "Regie Gemeente Voorbeeld").
OTP_TOTP_ISSUER = env_str("REGIE_OTP_ISSUER", "Regie")
# Staff login through the organisation's identity provider, as an option: on when a client
# id is set. The provider's endpoints are given one by one (its
# /.well-known/openid-configuration lists them); nothing is fetched at start-up. A login is
# matched by e-mail to an existing local account; nobody is created (roles are memberships).
REGIE_OIDC_ENABLED = bool(env_str("REGIE_OIDC_CLIENT_ID", ""))
# Shown on the login page: "Inloggen via <name>".
REGIE_OIDC_NAME = env_str("REGIE_OIDC_NAME", "uw organisatie")
if REGIE_OIDC_ENABLED:

    def _oidc_required(name: str) -> str:
        if not (value := env_str(name, "")):
            raise ImproperEnvironment(f"{name} is required when REGIE_OIDC_CLIENT_ID is set")
        return value

    OIDC_RP_CLIENT_ID = env_str("REGIE_OIDC_CLIENT_ID", "")
    OIDC_RP_CLIENT_SECRET = _oidc_required("REGIE_OIDC_CLIENT_SECRET")
    OIDC_OP_AUTHORIZATION_ENDPOINT = _oidc_required("REGIE_OIDC_AUTHORIZATION_ENDPOINT")
    OIDC_OP_TOKEN_ENDPOINT = _oidc_required("REGIE_OIDC_TOKEN_ENDPOINT")
    OIDC_OP_USER_ENDPOINT = _oidc_required("REGIE_OIDC_USERINFO_ENDPOINT")
    OIDC_RP_SIGN_ALGO = env_str("REGIE_OIDC_SIGN_ALGO", "RS256")
    if OIDC_RP_SIGN_ALGO.startswith(("RS", "ES")):
        OIDC_OP_JWKS_ENDPOINT = _oidc_required("REGIE_OIDC_JWKS_ENDPOINT")
    OIDC_RP_SCOPES = env_str("REGIE_OIDC_SCOPES", "openid email")
    OIDC_USE_PKCE = True
    OIDC_CREATE_USER = False
    OIDC_CALLBACK_CLASS = "regie.web.oidc_login.OIDCCallback"
    LOGIN_REDIRECT_URL_FAILURE = "/inloggen?oidc=mislukt"
    AUTHENTICATION_BACKENDS = [*AUTHENTICATION_BACKENDS, "regie.accounts.oidc.RegieOIDCBackend"]

# Background work (acknowledgement retries, digests). Production: Celery with Redis.
# The demo and tests run the same tasks in-process via `regie tick`.
CELERY_BROKER_URL = env_str("CELERY_BROKER_URL", "redis://127.0.0.1:6379/0")
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", False)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "WARNING")},
}
