"""Django settings for Regie.

Everything that differs between the demo, CI and production comes from the environment and is
parsed strictly: a bad value stops the process at start-up instead of surfacing as odd
behaviour later (healthchecks' `envbool` habit).
"""

from __future__ import annotations

import hashlib
import os
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
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "regie.api.middleware.ApiVersionMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # The client's address for the audit log (privacy.context), for the whole request.
    "regie.privacy.context.AuditContextMiddleware",
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

SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

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
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "regie.api.problems.problem_exception_handler",
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
# this many working days; people are matched across cases by an HMAC with this secret (by
# default derived from SECRET_KEY), never by the raw address or number.
REGIE_UNOWNED_WORKING_DAYS = env_int("REGIE_UNOWNED_WORKING_DAYS", 5)
REGIE_LEARNING_SECRET = env_str(
    "REGIE_LEARNING_SECRET",
    hashlib.sha256(f"regie.learning:{SECRET_KEY}".encode()).hexdigest(),
)
# Reporting (issue 10, ADR 3): every figure for people without case access (council, college,
# published reports) below this number is shown as "< N", also where a total would give it
# away.
REGIE_SMALL_NUMBER = env_int("REGIE_SMALL_NUMBER", 5)
if REGIE_SMALL_NUMBER < 1:
    raise ImproperEnvironment("REGIE_SMALL_NUMBER must be at least 1")
# Triage (issue 9): the model trained on confirmed cases (`regie triage train`); without the
# file, triage uses its rules and the seed model.
REGIE_TRIAGE_MODEL = env_str("REGIE_TRIAGE_MODEL", str(VAR_DIR / "triage-model.pickle"))
# "inline": send e-mail right after commit in the web process; "celery": hand it to a worker.
REGIE_DELIVERY = env_str("REGIE_DELIVERY", "inline")
if REGIE_DELIVERY not in {"inline", "celery"}:
    raise ImproperEnvironment(f"REGIE_DELIVERY={REGIE_DELIVERY!r} must be inline or celery")

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
