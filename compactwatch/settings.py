"""Settings, read from environment variables with safe defaults.

Out of the box: SQLite in ``var/`` (WAL, busy timeout), DEBUG off, local hosts only.
``DATABASE_URL`` switches to PostgreSQL (or another SQLite file, which keeps the same WAL and busy timeout);
``COMPACTWATCH_HTTPS=1`` turns on the settings a deployment behind TLS needs (``manage.py check --deploy`` is
clean with it and a real ``SECRET_KEY``).

Each variable is read once, here; a malformed value raises ImproperlyConfigured naming it. Importing this
module writes nothing: ``prepare_data_dir()`` makes the data folder and the local secret key.
"""

import os
import secrets
from pathlib import Path

import dj_database_url
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("COMPACTWATCH_DATA_DIR", BASE_DIR / "var"))
FRAMEWORK_DIR = Path(os.environ.get("COMPACTWATCH_FRAMEWORK_DIR", BASE_DIR / "framework"))
BUNDLED_DATA_DIR = Path(os.environ.get("COMPACTWATCH_BUNDLED_DATA_DIR", BASE_DIR / "data"))

TRUE_WORDS = frozenset({"1", "true", "yes", "on"})
FALSE_WORDS = frozenset({"0", "false", "no", "off"})


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name, "").strip().lower()
    if not value:
        return default
    if value in TRUE_WORDS | FALSE_WORDS:
        return value in TRUE_WORDS
    raise ImproperlyConfigured(f"{name}={os.environ[name]!r} is not a yes/no value: use 1 or 0")


def env_int(name: str, default: int, minimum: int = 0) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    if not (raw.isascii() and raw.isdigit()) or int(raw) < minimum:
        raise ImproperlyConfigured(f"{name}={os.environ[name]!r} is not a whole number of at least {minimum}")
    return int(raw)


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def local_secret_key() -> str:
    """The key kept in the data folder by `prepare_data_dir`; before it exists, one for this process only."""
    path = DATA_DIR / "secret_key"
    return path.read_text().strip() if path.is_file() else secrets.token_urlsafe(64)


def prepare_data_dir() -> None:
    """Make the data folder, its static folder and a random secret key, so a local install needs no set-up."""
    for folder in (DATA_DIR, DATA_DIR / "static"):
        folder.mkdir(parents=True, exist_ok=True)
    key = DATA_DIR / "secret_key"
    if not key.exists():
        key.write_text(secrets.token_urlsafe(64))
        key.chmod(0o600)


DEBUG = env_flag("DEBUG")
SECRET_KEY = os.environ.get("SECRET_KEY") or local_secret_key()
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "compactwatch.areas",
    "compactwatch.framework",
    "compactwatch.observations",
    "compactwatch.assessments",
    "compactwatch.accounts",
    "compactwatch.review",
    "compactwatch.practices",
    "compactwatch.web",
    "ninja",
    "csp",
]

MIDDLEWARE = [
    "compactwatch.web.middleware.RefuseMalformedRequests",
    "django.middleware.security.SecurityMiddleware",
    "csp.middleware.CSPMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "compactwatch.urls"
WSGI_APPLICATION = "compactwatch.wsgi.application"

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
                "django.template.context_processors.i18n",
                "compactwatch.web.context_processors.framework_version",
            ],
        },
    },
]


# WAL lets readers go on while an import writes; the busy timeout makes writers wait, not fail.
SQLITE_OPTIONS = {
    "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    "transaction_mode": "IMMEDIATE",
    "timeout": 20,
}


def database_settings() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL", "").strip()
    if url:
        try:
            parsed: dict[str, object] = dict(
                dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
            )
        except ValueError as refused:
            raise ImproperlyConfigured(f"DATABASE_URL is not a database address: {refused}") from refused
    else:
        parsed = {"ENGINE": "django.db.backends.sqlite3", "NAME": DATA_DIR / "compactwatch.sqlite3"}
        # Keep a worker's connection open between requests (WAL makes concurrent readers cheap).
        parsed["CONN_MAX_AGE"] = 60
    if parsed["ENGINE"] == "django.db.backends.sqlite3":
        parsed["OPTIONS"] = {**SQLITE_OPTIONS, **dict(parsed.get("OPTIONS") or {})}  # type: ignore[call-overload]
    return parsed


DATABASES = {"default": database_settings()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en"
LANGUAGES = [("en", "English"), ("fr", "Français"), ("es", "Español")]
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# Files contributors upload for review; kept beside the database, never served publicly.
MEDIA_ROOT = Path(os.environ.get("COMPACTWATCH_MEDIA_ROOT", DATA_DIR / "uploads"))
MEDIA_URL = "/uploads/"

# One cache shared by every server process (login and contribution rate limits count across workers).
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
    },
    # Whole public pages and API answers, per worker process: their keys carry the data version
    # (compactwatch.web.caching), so a change shows at once on every worker.
    "pages": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "compactwatch-pages",
        "OPTIONS": {"MAX_ENTRIES": 500},
    },
}

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}

LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "accounts:account"
SESSION_COOKIE_AGE = 8 * 3600  # a working day; reviewers sign in again the next morning

# Security. Cookies are HTTP-only and same-site everywhere; behind TLS they are also secure.
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env_flag("COMPACTWATCH_HTTPS"):
    SECURE_SSL_REDIRECT = True
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = env_int("SECURE_HSTS_SECONDS", 31_536_000)
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = env_flag("SECURE_HSTS_PRELOAD", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"}},
    "handlers": {"console": {"class": "logging.StreamHandler", "formatter": "plain"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
}

# Children's data (DESIGN.md section 5): counts from 1 to SMALL_COUNT_THRESHOLD - 1 are never published.
SMALL_COUNT_THRESHOLD = env_int("COMPACTWATCH_SMALL_COUNT_THRESHOLD", 5, minimum=1)
SENSITIVE_COUNT_THRESHOLD = env_int("COMPACTWATCH_SENSITIVE_COUNT_THRESHOLD", 10, minimum=1)
# Rates and shares on a base (denominator) smaller than this are not published.
MIN_RATE_BASE = env_int("COMPACTWATCH_MIN_RATE_BASE", 25, minimum=1)
# Seconds the API keeps an answer; the key includes the data version, so an import shows at once.
COMPACTWATCH_API_CACHE_SECONDS = env_int("COMPACTWATCH_API_CACHE_SECONDS", 60)

# How many reverse proxies in front of the app append to X-Forwarded-For; 0 trusts none of it and the
# client is REMOTE_ADDR. Sign-in limits count per client address, so this must match the deployment.
TRUSTED_PROXIES = env_int("COMPACTWATCH_TRUSTED_PROXIES", 0)

# Request size limits: a body larger than MAX_REQUEST_BYTES is refused (413) before it is read; form
# fields (everything but uploaded files) may take DATA_UPLOAD_MAX_MEMORY_SIZE, beyond that a 400 page.
MAX_REQUEST_BYTES = env_int("COMPACTWATCH_MAX_REQUEST_BYTES", 12 * 1024 * 1024, minimum=1024)
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440

# Content-Security-Policy (django-csp): scripts only from this site, no inline script or eval. Vega runs
# its expressions through the CSP-safe interpreter bundled in vega-embed (`ast: true` in charts.js).
# Styles allow inline because Vega and vega-embed set style attributes and a <style> element on charts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF, "'unsafe-inline'"],
        "img-src": [SELF, "data:"],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}
