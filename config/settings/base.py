"""Settings shared by every environment. Everything a deployment changes comes from the environment."""

import json
from pathlib import Path

import dj_database_url
from django.conf.locale import LANG_INFO

from config.caches import redis_caches
from config.env import env_addresses, env_bool, env_int, env_list, env_str, url_prefix

BASE_DIR = Path(__file__).resolve().parent.parent.parent
VAR_DIR = Path(env_str("VAR_DIR", str(BASE_DIR / "var")))

DEBUG = False
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "home",
    "campaigns",
    "disclosures",
    "internal",
    "clues",
    "hotline",
    "wagtail_localize",
    "wagtail_localize.locales",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "django_tasks",
    "django_q",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "home.security.middleware.PermissionsPolicyMiddleware",
    "home.security.middleware.ContentSecurityPolicyMiddleware",  # django-csp, with the admin's allowance
    "django.middleware.clickjacking.XFrameOptionsMiddleware",  # before the page cache: on every answer
    # NUL bytes, undecodable query strings: 400 — after the header middleware, so the 400 has them too
    "home.security.middleware.RejectBadRequestsMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "home.caching.pages.ServeKeptPagesMiddleware",  # an anonymous reader's kept page, answered here
    "django.contrib.sessions.middleware.SessionMiddleware",
    "home.security.middleware.LoginRateLimitMiddleware",
    "home.security.middleware.PasswordResetGuardMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "home.caching.forms.SameOriginPageFormMiddleware",  # cached public forms: the Origin, not a token
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "home.security.two_factor.TwoFactorMiddleware",  # only when STAFF_TWO_FACTOR is on
    "django.contrib.messages.middleware.MessageMiddleware",
    "home.review_messages.ReviewMessagesMiddleware",  # 三审 steps told in words (needs messages)
    "home.caching.routes.KeptRoutesMiddleware",  # the page a path leads to, kept for anonymous readers
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    "axes.middleware.AxesMiddleware",  # last, as django-axes requires
    "home.caching.pages.KeepPagesMiddleware",  # innermost: keeps what was rendered (home/caching/)
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "home.context_processors.display_preferences",
                "home.context_processors.site_identity",
                "home.caching.generation.fragments",
            ],
        },
    },
]

# --- Database: SQLite by default, anything dj-database-url understands through DATABASE_URL.
DATABASE_URL = env_str("DATABASE_URL", f"sqlite:///{VAR_DIR / 'db.sqlite3'}")
# DB_CONN_MAX_AGE: seconds a worker keeps its connection (production keeps it for 10 minutes: a new
# PostgreSQL connection per page view, or SQLite's open and pragmas, cost more than rendering it).
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=env_int("DB_CONN_MAX_AGE", 0), conn_health_checks=True
    )
}
USING_SQLITE = DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3"
if USING_SQLITE:
    Path(DATABASES["default"]["NAME"]).parent.mkdir(parents=True, exist_ok=True)
    # WAL + immediate transactions: the web server and the task cluster write at the same time
    # without "database is locked" (measured in STACK-NOTES).
    DATABASES["default"]["OPTIONS"] = {
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
    }
else:
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].setdefault("connect_timeout", env_int("DB_CONNECT_TIMEOUT", 5))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Cache and queue: in-process by default; Redis for both when REDIS_URL is set.
REDIS_URL = env_str("REDIS_URL")
# Rate limits count in a cache every worker process shares: Redis, or else a database table
# (made by home's migration 0006), never one process's memory.
if REDIS_URL:
    CACHES = redis_caches(REDIS_URL)  # config/caches.py: an outage degrades instead of failing
else:
    CACHES = {
        "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
        "ratelimit": {"BACKEND": "django.core.cache.backends.db.DatabaseCache", "LOCATION": "fjld_ratelimit"},
        # files every gunicorn worker shares (a per-process memory cache would serve stale pages)
        "pages": {
            "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
            "LOCATION": str(VAR_DIR / "page-cache"),
            "OPTIONS": {"MAX_ENTRIES": 20_000},
        },
    }
# What anonymous readers see is kept (home/caching/): whole pages this long (0 turns the page cache
# off), and fragments every reader shares (menu, footer, a column's list, an article) this long.
PAGE_CACHE_SECONDS = env_int("PAGE_CACHE_SECONDS", 300)
FRAGMENT_CACHE_SECONDS = env_int("FRAGMENT_CACHE_SECONDS", 300)
# nginx's front cache (deploy/nginx/fjld.conf): Wagtail purges it on publish through this address.
if FRONT_CACHE_PURGE_URL := env_str("FRONT_CACHE_PURGE_URL", ""):
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "nginx": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONT_CACHE_PURGE_URL,
        }
    }

Q_CLUSTER = {
    "name": "fjld",
    "label": "任务队列",
    # One worker on SQLite: two workers indexing the same object collide (STACK-NOTES).
    "workers": 1 if USING_SQLITE else env_int("Q_WORKERS", 2),
    "timeout": env_int("Q_TIMEOUT", 300),
    "retry": env_int("Q_TIMEOUT", 300) + 60,
    "max_attempts": 3,
    "catch_up": False,
    "save_limit": 500,
    "ack_failures": True,
    "poll": 1,
}
if REDIS_URL:
    Q_CLUSTER["redis"] = REDIS_URL
else:
    Q_CLUSTER["orm"] = "default"

# Wagtail's own background work (search index, references, renditions, purges) runs on the cluster.
TASKS = {"default": {"BACKEND": "config.task_backend.DjangoQ2Backend"}}
WAGTAILLOCALIZE_JOBS = {"BACKEND": "config.task_backend.LocalizeJobBackend"}

# --- Language and time: zh-hans first (unprefixed URLs), English and Tibetan content locales.
LANG_INFO["bo"] = {
    # Django does not know Tibetan; Wagtail refuses content languages outside LANGUAGES.
    "bidi": False,
    "code": "bo",
    "name": "Tibetan",
    "name_local": "བོད་ཡིག",
}
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English"), ("bo", "བོད་ཡིག")]
WAGTAIL_I18N_ENABLED = True
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAILADMIN_PERMITTED_LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
WAGTAILLOCALIZE_SYNC_LIVE_STATUS_ON_TRANSLATE = False  # a new translation starts as a draft
# Machine translation is off unless a translator class is named (it sends text to its service).
if MACHINE_TRANSLATOR := env_str("MACHINE_TRANSLATOR", ""):
    WAGTAILLOCALIZE_MACHINE_TRANSLATOR = {
        "CLASS": MACHINE_TRANSLATOR,
        "OPTIONS": json.loads(env_str("MACHINE_TRANSLATOR_OPTIONS", "") or "{}"),
    }
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Mounted under a path prefix behind the county portal (e.g. URL_PREFIX=/fjld).
URL_PREFIX = url_prefix()
FORCE_SCRIPT_NAME = URL_PREFIX or None
if URL_PREFIX:
    SESSION_COOKIE_PATH = f"{URL_PREFIX}/"
    CSRF_COOKIE_PATH = f"{URL_PREFIX}/"
    LANGUAGE_COOKIE_PATH = f"{URL_PREFIX}/"

# --- Static and media. Relative URLs so that Django prefixes them with the mount point.
STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("STATIC_ROOT", str(VAR_DIR / "static")))
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(VAR_DIR / "media")))
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)
# Files of the internal section (training photos, progress-report attachments): outside MEDIA_ROOT,
# so no web server can serve them; only internal.views_files checks the viewer and sends them.
PRIVATE_MEDIA_ROOT = Path(env_str("PRIVATE_MEDIA_ROOT", str(VAR_DIR / "private-media")))
INTERNAL_UPLOAD_MAX_SIZE = 20 * 1024 * 1024
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000
# Public files are the web server's to read, by group: in the deploy recipe STATIC_ROOT and MEDIA_ROOT
# belong to the group fjld-web (www-data is in it) with the setgid bit, which new folders keep (2750)
# and new files inherit (0640). Private files stay the service user's alone (home/security/storage.py).
FILE_UPLOAD_PERMISSIONS = 0o640
FILE_UPLOAD_DIRECTORY_PERMISSIONS = 0o2750

# --- E-mail (reminders, site-health reports).
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = env_str("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env_str("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "府检联动平台 <noreply@localhost>")
SERVER_EMAIL = env_str("SERVER_EMAIL", DEFAULT_FROM_EMAIL)
# Who is mailed a server error (Django's mail_admins handler): "张三 <zhang@example.gov.cn>, …". Empty:
# nobody, and the 500 page does not claim that anyone was told.
ADMINS = env_addresses("ADMINS")

# --- Wagtail.
WAGTAIL_SITE_NAME = "府检联动 · 普法与公开平台"
SITE_URL = (env_str("SITE_URL", "http://127.0.0.1:8000") or "").rstrip("/")
WAGTAILADMIN_BASE_URL = f"{SITE_URL}{URL_PREFIX}"
WAGTAILSEARCH_BACKENDS = {
    # The database backend (SQLite FTS5 / PostgreSQL) with Chinese segmentation; "simple" keeps
    # PostgreSQL from stemming, so both databases give the same results.
    "default": {"BACKEND": "home.search.backend", "SEARCH_CONFIG": "simple"}
}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = [
    "csv",
    "docx",
    "doc",
    "odt",
    "pdf",
    "pptx",
    "rtf",
    "txt",
    "xlsx",
    "xls",
    "zip",
    "ofd",
]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
# A damaged or truncated image is a form error, never a 500 (home/forms.py).
WAGTAILIMAGES_IMAGE_FORM_BASE = "home.forms.ImageForm"
# Pixels, not bytes, decide what decoding costs: 40 megapixels (a 8000×5000 photo) at most, for
# public images (Wagtail checks it at upload) and the internal photos (internal/storage.py).
WAGTAILIMAGES_MAX_IMAGE_PIXELS = env_int("MAX_IMAGE_PIXELS", 40_000_000)
WAGTAIL_GRAVATAR_PROVIDER_URL = None  # no third-party requests from the admin
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAILADMIN_USER_LOGIN_FORM = "home.forms.AdminLoginForm"
# Wagtail 8's autosave creates a new page in the background; a "publish" clicked while that
# request is in flight posts the creation again and fails on the slug (seen as a 500 on a slow
# machine). Staff keep the unsaved-changes warning; drafts are saved when they click.
WAGTAIL_AUTOSAVE_INTERVAL = env_int("WAGTAIL_AUTOSAVE_INTERVAL", 0)
# 三审 (home/registries/workflows.py): the final approval publishes; an edit during review restarts the approvals.
WAGTAIL_FINISH_WORKFLOW_ACTION = "home.registries.workflows.publish_approved"
WAGTAIL_WORKFLOW_REQUIRE_REAPPROVAL_ON_EDIT = True
# The admin's log (who submitted, approved, published, unpublished, changed restrictions): kept this
# long by the daily purge job, and never less than 180 days whatever is set.
AUDIT_LOG_RETENTION_DAYS = env_int("AUDIT_LOG_RETENTION_DAYS", 365)
WAGTAIL_DATE_FORMAT = "%Y-%m-%d"
WAGTAIL_DATETIME_FORMAT = "%Y-%m-%d %H:%M"
WAGTAILADMIN_RICH_TEXT_EDITORS = {
    "default": {
        "WIDGET": "wagtail.admin.rich_text.DraftailRichTextArea",
        "OPTIONS": {
            "features": ["h2", "h3", "h4", "bold", "italic", "ol", "ul", "link", "document-link", "hr"]
        },
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("LOG_LEVEL", "INFO")},
    "loggers": {
        "django_q": {"level": env_str("Q_LOG_LEVEL", "INFO")},
        # one line per task or page action drowns what matters; warnings still show
        "django_tasks": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "wagtail_localize": {"level": "WARNING"},
    },
}

# Rate limits per client address (home/security/ratelimit.py): (count, window in seconds). Forms count only
# valid submissions; search counts every query.
FORM_RATE_LIMIT = (env_int("FORM_RATE_LIMIT_COUNT", 5), env_int("FORM_RATE_LIMIT_WINDOW", 600))
SEARCH_RATE_LIMIT = (env_int("SEARCH_RATE_LIMIT_COUNT", 60), env_int("SEARCH_RATE_LIMIT_WINDOW", 60))
# Logins: only failed ones count. Per address a high ceiling (many staff share one NAT address; this
# stops one address spraying many names); per account, from any address, a lower one. django-axes
# still locks one account at one address after LOGIN_FAILURE_LIMIT.
LOGIN_RATE_LIMIT = (env_int("LOGIN_RATE_LIMIT_COUNT", 100), env_int("LOGIN_RATE_LIMIT_WINDOW", 600))
PASSWORD_RESET_RATE_LIMIT = (
    env_int("PASSWORD_RESET_RATE_LIMIT_COUNT", 3),
    env_int("PASSWORD_RESET_RATE_LIMIT_WINDOW", 3600),
)
LOGIN_ACCOUNT_RATE_LIMIT = (
    env_int("LOGIN_ACCOUNT_RATE_LIMIT_COUNT", 20),
    env_int("LOGIN_ACCOUNT_RATE_LIMIT_WINDOW", 900),
)

# --- 等保二级: client address, login lockout, passwords, sessions, CSP.
# Reverse proxies in front whose X-Forwarded-For entry is believed (home/security/client_ip.py); 0: none.
# The header is believed only from the proxies' own addresses (TRUSTED_PROXIES, addresses or networks).
TRUSTED_PROXY_COUNT = env_int("TRUSTED_PROXY_COUNT", 0)
TRUSTED_PROXIES = env_list("TRUSTED_PROXIES", ["127.0.0.1", "::1"])
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: refuses a locked-out user+address
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = env_int("LOGIN_FAILURE_LIMIT", 5)
AXES_COOLOFF_TIME = env_int("LOGIN_LOCKOUT_MINUTES", 30) / 60  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_CLIENT_IP_CALLABLE = "home.security.client_ip.axes_client_ip"
AXES_USERNAME_CALLABLE = "home.security.audit.axes_username"
AXES_LOCKOUT_CALLABLE = "home.security.audit.lockout_response"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
AUTH_PASSWORD_VALIDATORS = [  # Django's four rules (with Chinese messages) and a character-class rule
    {"NAME": "home.security.passwords.UserAttributeSimilarityValidator"},
    {"NAME": "home.security.passwords.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "home.security.passwords.CommonPasswordValidator"},
    {"NAME": "home.security.passwords.NumericPasswordValidator"},
    {"NAME": "home.security.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 3}},
]
# Staff sessions end after SESSION_IDLE_MINUTES without a request (the expiry moves with every
# request) and when the browser closes. Citizens have no sessions.
SESSION_COOKIE_AGE = env_int("SESSION_IDLE_MINUTES", 30) * 60
SESSION_SAVE_EVERY_REQUEST = True
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
# Daily backups (home/operations/backup.py): BACKUP_DIR/<date-time>/, the newest BACKUP_KEEP kept.
BACKUP_DIR = Path(env_str("BACKUP_DIR", str(VAR_DIR / "backups")))
BACKUP_KEEP = env_int("BACKUP_KEEP", 7)
# The key backups are encrypted and signed with (any long random string; docs/OPERATIONS.md: keep a
# copy away from the server). Unset: derived from SECRET_KEY.
BACKUP_KEY = env_str("BACKUP_KEY", "")
# Two-factor login for staff (home/security/two_factor.py): off at 等保二级, on for 三级.
STAFF_TWO_FACTOR = env_bool("STAFF_TWO_FACTOR", False)
OTP_TOTP_ISSUER = "府检联动平台"
# The security log (logins, logouts, failures, lockouts) is kept as long as the admin's log.
SECURITY_LOG_RETENTION_DAYS = env_int("SECURITY_LOG_RETENTION_DAYS", 365)
# Content-Security-Policy (django-csp; home/security/middleware.py): public pages allow nothing inline;
# Wagtail's admin needs inline scripts and styles (STACK-NOTES) and gets them under /admin/ only.
CSP_DIRECTIVES = {
    "default-src": ["'self'"],
    "script-src": ["'self'"],
    "style-src": ["'self'"],
    "img-src": ["'self'", "data:"],
    "font-src": ["'self'"],
    "connect-src": ["'self'"],
    "media-src": ["'self'"],
    "object-src": ["'none'"],
    "base-uri": ["'self'"],
    "form-action": ["'self'"],
    "frame-ancestors": ["'none'"],
}
CONTENT_SECURITY_POLICY = {"DIRECTIVES": CSP_DIRECTIVES}
CONTENT_SECURITY_POLICY_ADMIN_EXTRA = {
    "script-src": ["'unsafe-inline'"],
    "style-src": ["'unsafe-inline'"],
    "img-src": ["blob:"],
    "frame-src": ["'self'"],  # the page preview
}
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()"
