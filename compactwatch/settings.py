"""Settings, read from environment variables with safe defaults.

Out of the box: SQLite in ``var/`` (WAL, busy timeout), DEBUG off, local hosts only.
``DATABASE_URL`` switches to PostgreSQL; ``COMPACTWATCH_HTTPS=1`` turns on the settings a deployment
behind TLS needs (``manage.py check --deploy`` is clean with it and a real ``SECRET_KEY``).
"""

import os
import secrets
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent
DATA_DIR = Path(os.environ.get("COMPACTWATCH_DATA_DIR", BASE_DIR / "var"))
FRAMEWORK_DIR = Path(os.environ.get("COMPACTWATCH_FRAMEWORK_DIR", BASE_DIR / "framework"))
BUNDLED_DATA_DIR = Path(os.environ.get("COMPACTWATCH_BUNDLED_DATA_DIR", BASE_DIR / "data"))


def env_flag(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


def local_secret_key() -> str:
    """A random key kept in the data folder, so a local install needs no configuration."""
    path = DATA_DIR / "secret_key"
    if not path.exists():
        DATA_DIR.mkdir(parents=True, exist_ok=True)
        path.write_text(secrets.token_urlsafe(64))
        path.chmod(0o600)
    return path.read_text().strip()


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
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
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


def database_settings() -> dict[str, object]:
    url = os.environ.get("DATABASE_URL")
    if url:
        return dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True)
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": DATA_DIR / "compactwatch.sqlite3",
        "OPTIONS": {
            # WAL lets readers go on while an import writes; the busy timeout makes writers wait, not fail.
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
        # Keep a worker's connection open between requests (WAL makes concurrent readers cheap).
        "CONN_MAX_AGE": 60,
    }


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
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise expects it even before collectstatic has run
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
    SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31_536_000))
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
SMALL_COUNT_THRESHOLD = int(os.environ.get("COMPACTWATCH_SMALL_COUNT_THRESHOLD", 5))
SENSITIVE_COUNT_THRESHOLD = int(os.environ.get("COMPACTWATCH_SENSITIVE_COUNT_THRESHOLD", 10))
# Seconds the API keeps an answer; the key includes the data version, so an import shows at once.
COMPACTWATCH_API_CACHE_SECONDS = int(os.environ.get("COMPACTWATCH_API_CACHE_SECONDS", 60))
MIN_RATE_BASE = int(os.environ.get("COMPACTWATCH_MIN_RATE_BASE", 25))
