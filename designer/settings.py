"""Django settings: every deployment value comes from an environment variable with a safe local default."""

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from . import limits
from .db import with_sqlite_safety
from .env import env_bool, env_int, env_list, env_rate, env_url

BASE_DIR = Path(__file__).resolve().parent.parent

DEBUG = env_bool("DJANGO_DEBUG", True)

_DEV_SECRET = "dev-only-insecure-key-set-DJANGO_SECRET_KEY-in-production"  # noqa: S105 - refused when DEBUG is off
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", _DEV_SECRET if DEBUG else "")
if not SECRET_KEY:
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off")
if not DEBUG and (SECRET_KEY == _DEV_SECRET or len(SECRET_KEY) < 50):
    raise ImproperlyConfigured("DJANGO_SECRET_KEY must be a random string of at least 50 characters in production")

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "servestatic.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "channels",
    "component_catalog",
    "designer",
    "designer.sharing",
    "designer.interview",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "servestatic.middleware.ServeStaticMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "designer.middleware.ContentSecurityPolicyMiddleware",
]

ROOT_URLCONF = "designer.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

WSGI_APPLICATION = None
ASGI_APPLICATION = "designer.asgi.application"

DATABASE_URL = env_url("DATABASE_URL", {"sqlite", "postgres", "postgresql", "pgsql"})
if DATABASE_URL:
    DATABASES = {
        "default": with_sqlite_safety(dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True))
    }
else:
    DATABASES = {
        "default": with_sqlite_safety({"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"})
    }

REDIS_URL = env_url("REDIS_URL", {"redis", "rediss", "unix"})
if REDIS_URL:
    CHANNEL_LAYERS = {
        "default": {
            "BACKEND": "channels_redis.core.RedisChannelLayer",
            # redis-py 8 times reads out after 5 s by default, the same 5 s channels_redis blocks for
            # on an idle channel: the timeout could win that race and crash the consumer.
            "CONFIG": {"hosts": [{"address": REDIS_URL, "socket_timeout": 15}], "capacity": 1000, "expiry": 10},
        }
    }
else:
    CHANNEL_LAYERS = {"default": {"BACKEND": "channels.layers.InMemoryChannelLayer", "CONFIG": {"capacity": 1000}}}

# The cache holds throttle counters and the history's finding summaries: Redis when REDIS_URL is set
# (every worker counts together), else the database (`manage.py createcachetable`, run by `make run`).
CACHES: dict[str, dict[str, Any]]
if REDIS_URL:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.db.DatabaseCache",
            "LOCATION": "django_cache",
            "OPTIONS": {"MAX_ENTRIES": 100000},
        }
    }

# Per-connection websocket rate limit (token bucket): beyond it an error, then close 4429.
REALTIME_RATE_PER_SECOND = env_int("REALTIME_RATE_PER_SECOND", limits.RATE_PER_SECOND, minimum=1)
REALTIME_RATE_BURST = env_int("REALTIME_RATE_BURST", limits.RATE_BURST, minimum=1)
# Websocket database work runs on this many threads per process; work that waits longer than
# REALTIME_MAX_WAIT_S for one is refused (close 1013), and a socket whose messages reach it more
# than REALTIME_MAX_LAG_S late is closed (4408) to reconnect and resync (docs/protocol.md).
REALTIME_DB_THREADS = env_int("REALTIME_DB_THREADS", 4, minimum=1)
REALTIME_MAX_WAIT_S = env_int("REALTIME_MAX_WAIT_S", 5, minimum=1)
REALTIME_MAX_LAG_S = env_int("REALTIME_MAX_LAG_S", 5, minimum=1)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 8}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
# Production serves collected files (make collectstatic); locally the finders serve static/ directly.
STATIC_ROOT = None if DEBUG else BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": "servestatic.storage.CompressedManifestStaticFilesStorage"
        if not DEBUG and env_bool("DJANGO_MANIFEST_STATIC", True)
        else "django.contrib.staticfiles.storage.StaticFilesStorage"
    },
}
# ServeStatic (ASGI-native: files are streamed asynchronously under uvicorn) serves the finders' files
# (static/ and the apps' static folders) and, when collected, STATIC_ROOT with its hashed names.
SERVESTATIC_USE_FINDERS = True
SERVESTATIC_USE_STATIC_ROOT = STATIC_ROOT is not None

LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "design-list"
LOGOUT_REDIRECT_URL = "home"

# A request body: a design document and a little envelope around it (refused before reading when
# larger: designer/middleware.py).
DATA_UPLOAD_MAX_MEMORY_SIZE = limits.REQUEST_BYTES

# Rate limits (docs/deployment.md): requests per period per requester (account, share link or IP),
# and per IP whoever asks; a limit is "N/second", "N/minute", "N/hour" or "N/day".
THROTTLE_RATES = {
    "validate": env_rate("THROTTLE_VALIDATE", "300/minute"),
    "validate_ip": env_rate("THROTTLE_VALIDATE_IP", "1200/minute"),
    "export": env_rate("THROTTLE_EXPORT", "30/minute"),
    "export_ip": env_rate("THROTTLE_EXPORT_IP", "120/minute"),
    "layout": env_rate("THROTTLE_LAYOUT", "30/minute"),
    "layout_ip": env_rate("THROTTLE_LAYOUT_IP", "120/minute"),
    "signup": env_rate("THROTTLE_SIGNUP", "20/hour"),  # anonymous: per IP
}
# Sign-in: free failures, then a doubling delay (at most LOGIN_MAX_DELAY_S) since the last one; after
# LOGIN_LOCKOUT_FAILURES within the window, no sign-in for that username or IP until it has passed.
LOGIN_FREE_FAILURES = env_int("LOGIN_FREE_FAILURES", 3, minimum=1)
LOGIN_LOCKOUT_FAILURES = env_int("LOGIN_LOCKOUT_FAILURES", 10, minimum=2)
LOGIN_LOCKOUT_WINDOW_S = env_int("LOGIN_LOCKOUT_WINDOW_S", 900, minimum=1)
LOGIN_MAX_DELAY_S = env_int("LOGIN_MAX_DELAY_S", 60, minimum=1)
# A history (replay, timeline) reads at most this many bytes of logged operations (else 422).
HISTORY_REPLAY_BYTES = env_int("HISTORY_REPLAY_BYTES", 64 * 1024 * 1024, minimum=1024)
# Heavy work (validation, export, layout, history) per process: at most HEAVY_WORKERS at once, at
# most HEAVY_PER_REQUESTER for one requester; a job that cannot start within HEAVY_QUEUE_S gets 429.
HEAVY_WORKERS = env_int("HEAVY_WORKERS", 2, minimum=1)
HEAVY_PER_REQUESTER = env_int("HEAVY_PER_REQUESTER", 1, minimum=1)
HEAVY_QUEUE_S = env_int("HEAVY_QUEUE_S", 5, minimum=0)
# Heavy work on documents of at least HEAVY_OFFLOAD_ITEMS nodes and edges runs in HEAVY_WORKERS worker
# processes (designer/offload.py), so it never holds this process's GIL; one that runs longer than
# HEAVY_TIME_S is stopped and refused with 422.
HEAVY_OFFLOAD_ITEMS = env_int("HEAVY_OFFLOAD_ITEMS", 500, minimum=0)
# The same for JSON text (a websocket frame, a request body, a stored document) of at least this many
# characters: it is parsed and checked in a worker, and the server only moves the text.
HEAVY_OFFLOAD_BYTES = env_int("HEAVY_OFFLOAD_BYTES", 32 * 1024, minimum=0)
# Workers run this much nicer than the server (os.nice), so the server's sockets get a busy core first.
HEAVY_WORKER_NICENESS = env_int("HEAVY_WORKER_NICENESS", 10, minimum=0)
HEAVY_TIME_S = env_int("HEAVY_TIME_S", 60, minimum=1)

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["designer.sharing.authentication.DesignAccessAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PARSER_CLASSES": ["designer.api.parsers.LimitedJSONParser"],
    "DEFAULT_RENDERER_CLASSES": [
        "rest_framework.renderers.JSONRenderer",
        "rest_framework.renderers.BrowsableAPIRenderer",
    ],
    "DEFAULT_SCHEMA_CLASS": "designer.api.schema.AutoSchema",
    "EXCEPTION_HANDLER": "designer.api.errors.exception_handler",
    "UNAUTHENTICATED_USER": "django.contrib.auth.models.AnonymousUser",
    "DEFAULT_THROTTLE_RATES": THROTTLE_RATES,
    # The client's address is REMOTE_ADDR (behind a proxy, uvicorn --proxy-headers sets it from
    # X-Forwarded-For): a client-supplied X-Forwarded-For never picks its own throttle bucket.
    "NUM_PROXIES": 0,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "MLSD Designer API",
    "DESCRIPTION": "Designs (mlsd-design/1 documents), the component catalog, validation and export.",
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "DesignRoleEnum": "designer.sharing.roles.ROLES",
        "LinkRoleEnum": "designer.sharing.roles.LINK_ROLES",
        "StepEnum": "designer.interview.framework.STEP_IDS",
    },
}

# Security: strict by default in production (DJANGO_DEBUG=0), relaxed for local HTTP.
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"
SECURE_REFERRER_POLICY = "same-origin"
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = 31536000
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
}
