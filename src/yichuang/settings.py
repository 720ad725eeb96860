"""Settings, read from environment variables.

SQLite under ``YICHUANG_DATA_DIR`` is the embedded default; ``DATABASE_URL``
switches to PostgreSQL (or anything dj-database-url understands).
See docs/deploy.md for every variable.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path

import dj_database_url

PACKAGE_DIR = Path(__file__).resolve().parent
PROJECT_DIR = PACKAGE_DIR.parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DATA_DIR = Path(os.environ.get("YICHUANG_DATA_DIR", PROJECT_DIR / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _secret_key() -> str:
    """Use the configured key, or keep a generated one in the data directory.

    A laptop install must not need any configuration, yet sessions must survive
    restarts, so the generated key is written once and reused.
    """
    configured = os.environ.get("YICHUANG_SECRET_KEY")
    if configured:
        return configured
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = env_bool("YICHUANG_DEBUG", False)
ALLOWED_HOSTS = env_list("YICHUANG_ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = env_list("YICHUANG_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "csp",
    "django_tasks",
    "django_otp",
    "rules",
    "captcha",  # django-simple-captcha: the human check on public forms
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "yichuang.core.apps.TasksDatabaseConfig",  # django_tasks_db, under a translated name
    "yichuang.core",
    "yichuang.accounts",
    "yichuang.places",
    "yichuang.people",
    "yichuang.notifications",
    "yichuang.programs",
    "yichuang.applications",
    "yichuang.reviews",
    "yichuang.funding",
    "yichuang.projects",
    "yichuang.delivery",
    "yichuang.reports",
    "yichuang.volunteers",
    "yichuang.participation",
    "yichuang.charity",
    "yichuang.api",
    "yichuang.voting",
    "yichuang.ledger",
    "yichuang.portal",
    "yichuang.demo",
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
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "yichuang.core.middleware.PermissionsPolicyMiddleware",
    # Before any view or CSRF check reads the body (they read it in process_view / the view).
    "yichuang.core.middleware.RequestSizeLimitMiddleware",
    "yichuang.core.middleware.DatabaseBusyMiddleware",
    "yichuang.accounts.middleware.SessionIdleMiddleware",
    "yichuang.accounts.middleware.UserLanguageMiddleware",
    "yichuang.accounts.middleware.TwoFactorMiddleware",
]

# Object permissions ("programs.manage_program", program) come from the rules each app's permissions.py
# registers (django-rules); model permissions stay Django's.
AUTHENTICATION_BACKENDS = ["django.contrib.auth.backends.ModelBackend", "rules.permissions.ObjectPermissionBackend"]

ROOT_URLCONF = "yichuang.urls"
WSGI_APPLICATION = "yichuang.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "yichuang.portal.context_processors.navigation",
            ],
        },
    }
]

DATABASES = {"default": dj_database_url.config(default=f"sqlite:///{DATA_DIR / 'yichuang.sqlite3'}")}
# A worker keeps its PostgreSQL connection between requests (checked before reuse): opening one
# costs PostgreSQL a process and the request several milliseconds, which halved check-in throughput.
DATABASES["default"]["CONN_MAX_AGE"] = int(os.environ.get(
    "YICHUANG_DB_CONN_MAX_AGE", "0" if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3" else "300"))
DATABASES["default"]["CONN_HEALTH_CHECKS"] = True
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers work while a writer commits; IMMEDIATE avoids the
    # "database is locked" upgrade deadlock of deferred transactions.
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        # How long a write waits for another writer before the request gets a "busy, retry" page.
        "timeout": int(os.environ.get("YICHUANG_SQLITE_BUSY_TIMEOUT", "5")),
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
    }
    # Tests use a file too: an in-memory database shares one cache between threads, whose table
    # locks ignore the timeout, so concurrency tests would not behave as production does.
    DATABASES["default"]["TEST"] = {"NAME": str(DATA_DIR / "test.sqlite3")}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
AUTH_USER_MODEL = "accounts.User"
LOGIN_URL = "accounts:login"
# Staff (officers, experts, organization members, community workers, auditors…) are logged out after
# this many idle minutes; residents, volunteers and donors keep the ordinary session.
SESSION_IDLE_MINUTES_STAFF = int(os.environ.get("YICHUANG_SESSION_IDLE_MINUTES", "120"))
LOGIN_REDIRECT_URL = "portal:home"
LOGOUT_REDIRECT_URL = "portal:public-home"

PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Failed log-ins allowed per account, and (much higher: a service point has many people behind one
# address) per address, within the window.
LOGIN_THROTTLE_ATTEMPTS = int(os.environ.get("YICHUANG_LOGIN_THROTTLE_ATTEMPTS", "5"))
LOGIN_THROTTLE_ADDRESS_ATTEMPTS = int(os.environ.get("YICHUANG_LOGIN_THROTTLE_ADDRESS_ATTEMPTS", "50"))
# Objections to one public notice accepted from one address in an hour.
OBJECTIONS_PER_ADDRESS_PER_HOUR = int(os.environ.get("YICHUANG_OBJECTIONS_PER_HOUR", "5"))
# Anonymous survey answers per address and hour: a community service point puts many residents
# behind one address, so the limit is generous; the human check and one answer per browser do the rest.
SURVEY_ANSWERS_PER_ADDRESS_PER_HOUR = int(os.environ.get("YICHUANG_SURVEY_ANSWERS_PER_HOUR", "60"))
# Following a gift by receipt number and code: lookups per address and hour (codes cannot be guessed).
GIFT_LOOKUPS_PER_ADDRESS_PER_HOUR = int(os.environ.get("YICHUANG_GIFT_LOOKUPS_PER_HOUR", "30"))
# Topics residents put forward: a day's limit per person, and how many reports hide one for a moderator.
TOPICS_PER_DAY = int(os.environ.get("YICHUANG_TOPICS_PER_DAY", "5"))
TOPIC_REPORTS_TO_HIDE = int(os.environ.get("YICHUANG_TOPIC_REPORTS_TO_HIDE", "3"))
# The human check: a sum drawn as a picture (no third-party service, nothing leaves the server).
CAPTCHA_CHALLENGE_FUNCT = "captcha.helpers.math_challenge"
CAPTCHA_MATH_CHALLENGE_OPERATOR = "×"
CAPTCHA_FONT_SIZE = 30
CAPTCHA_IMAGE_SIZE = (140, 52)
CAPTCHA_TIMEOUT = 15  # minutes to answer
CAPTCHA_LETTER_ROTATION = (-10, 10)
CAPTCHA_NOISE_FUNCTIONS = ("captcha.helpers.noise_arcs",)  # readable for older eyes; the dots blurred digits
# Behind a reverse proxy: how many proxies of ours add to X-Forwarded-For (0: use REMOTE_ADDR).
TRUSTED_PROXY_COUNT = int(os.environ.get("YICHUANG_TRUSTED_PROXY_COUNT", "0"))
LOGIN_THROTTLE_WINDOW_SECONDS = int(os.environ.get("YICHUANG_LOGIN_THROTTLE_WINDOW", "900"))

# The default cache may be per process; counters every worker must share (log-in throttling) use
# "throttle": Redis where configured, else a table in the database (created after migrate).
_REDIS = {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": os.environ.get("REDIS_URL", "")}
CACHES = {
    "default": _REDIS if os.environ.get("REDIS_URL") else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "throttle": _REDIS if os.environ.get("REDIS_URL") else {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "yichuang_cache"},
}

# Chinese (Simplified) first, English complete.
# The largest request body accepted at all (the largest upload); programs set lower per-file limits.
MAX_REQUEST_MB = int(os.environ.get("YICHUANG_MAX_REQUEST_MB", "100"))

# Who may organise a program (government department, foundation, social-work station, hub
# organization); applicant NGOs never run the competition they apply to.
PROGRAM_ORGANIZER_TYPES = env_list("YICHUANG_PROGRAM_ORGANIZER_TYPES", "government,foundation,social_work_station,hub")

# Personal data (core/crypto.py): the master key of field encryption, lookup hashes and seals; the
# site's secret key when unset. Older keys still decrypt while data is re-encrypted.
DATA_KEY = os.environ.get("YICHUANG_DATA_KEY", "")
OLD_DATA_KEYS = env_list("YICHUANG_OLD_DATA_KEYS")

# Volunteers: hours that earn each star; how late a phone may send a scan it queued offline; how
# many check-in requests one account may make per minute through the API.
VOLUNTEER_STAR_HOURS = os.environ.get("YICHUANG_VOLUNTEER_STAR_HOURS", "100/300/600/1000/1500")
CHECK_IN_GRACE_HOURS = int(os.environ.get("YICHUANG_CHECK_IN_GRACE_HOURS", "48"))
API_RATE_PER_MINUTE = int(os.environ.get("YICHUANG_API_RATE_PER_MINUTE", "120"))

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
USE_I18N = True
TIME_ZONE = os.environ.get("YICHUANG_TIME_ZONE", "Asia/Shanghai")
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("YICHUANG_STATIC_ROOT", DATA_DIR / "staticfiles"))
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STATIC_ROOT.mkdir(parents=True, exist_ok=True)
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("YICHUANG_MEDIA_ROOT", DATA_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG or env_bool("YICHUANG_PLAIN_STATIC")
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG or env_bool("YICHUANG_PLAIN_STATIC")

# Background work: the immediate backend needs nothing running (laptop, tests);
# production sets YICHUANG_TASK_BACKEND=database and runs `yichuang db_worker`.
_TASK_BACKENDS = {
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
    "database": "django_tasks_db.DatabaseBackend",
}
TASKS = {"default": {"BACKEND": _TASK_BACKENDS[os.environ.get("YICHUANG_TASK_BACKEND", "immediate")]}}

EMAIL_BACKEND = os.environ.get("YICHUANG_EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("YICHUANG_EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("YICHUANG_EMAIL_PORT", "25"))
SITE_URL = os.environ.get("YICHUANG_SITE_URL", "http://127.0.0.1:8000")
# How invitations and password resets leave (core/delivery.py): "outbox" keeps them for the outbox
# page (no mail server or SMS gateway needed); e-mail may be "smtp"; SMS a gateway class's dotted path.
DELIVERY = {
    "email": os.environ.get("YICHUANG_EMAIL_DELIVERY", "outbox"),
    "sms": os.environ.get("YICHUANG_SMS_DELIVERY", "outbox"),
}
# Who must pass a second sign-in step (an authenticator-app code): role codes, and "operator" for the
# platform operator. By default the people who release money and grant roles; empty turns it off.
TWO_FACTOR_ROLES = frozenset(env_list("YICHUANG_TWO_FACTOR_ROLES", "operator,program_officer"))
OTP_TOTP_ISSUER = "Yichuang"
INVITATION_DAYS = int(os.environ.get("YICHUANG_INVITATION_DAYS", "7"))
PASSWORD_RESET_TIMEOUT = int(os.environ.get("YICHUANG_PASSWORD_RESET_SECONDS", str(2 * 3600)))
DEFAULT_FROM_EMAIL = os.environ.get("YICHUANG_FROM_EMAIL", "yichuang@localhost")

# Security headers. HTTPS-only settings are switched on by YICHUANG_HTTPS in production.
HTTPS = env_bool("YICHUANG_HTTPS", False)
SESSION_COOKIE_SECURE = HTTPS
CSRF_COOKIE_SECURE = HTTPS
SECURE_SSL_REDIRECT = HTTPS and env_bool("YICHUANG_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if HTTPS else 0
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("YICHUANG_BEHIND_PROXY") else None
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

# A strict content security policy: no inline script or style anywhere.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("YICHUANG_LOG_LEVEL", "WARNING")},
}

PAGE_SIZE = 50

YICHUANG_VERSION = "0.1.0"
