"""Settings for the 苍南应急 portal.

One module for every environment: what differs between a laptop and the county's servers is
read from environment variables, never from a second settings file.

  DATABASE_URL        PostgreSQL in production (postgres://user:pass@host:5432/name);
                      unset: SQLite under var/.
  REDIS_URL           Celery broker, result backend and cache; unset: tasks run in-process
                      and the cache is local memory.
  DJANGO_SECRET_KEY   required when DJANGO_DEBUG is off.
  DJANGO_DEBUG        "1" for development (the default when no secret key is set).
  DJANGO_ALLOWED_HOSTS, DJANGO_CSRF_TRUSTED_ORIGINS   comma-separated.
  DJANGO_SECURE_SSL_REDIRECT  "0" when TLS ends at a proxy that already redirects.
  MAP_TILE_URL        optional map tile template for the map pages (pages work without).
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONE, SELF
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent

# Townships' ledgers are read by openpyxl through defusedxml, which refuses entity declarations
# (org.ledgers). lxml, which python-docx brings along, would otherwise take over openpyxl's parsing.
os.environ.setdefault("OPENPYXL_LXML", "False")
VAR_DIR = Path(os.environ.get("CANGNAN_VAR_DIR", BASE_DIR / "var"))


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
DEBUG = env_bool("DJANGO_DEBUG", default=not SECRET_KEY)
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off.")
    SECRET_KEY = "dev-only-insecure-key-for-local-runs-never-used-in-production"  # noqa: S105

ALLOWED_HOSTS = env_list("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost" if DEBUG else "")
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "rest_framework",
    "rest_framework.authtoken",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_htmx",
    "axes",
    "csp",
    "simple_history",
    "org",
    "plan",
    "hazards3030",
    "flood1833",
    "stations",
    "campaigns",
    "forestfire",
    "governance",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # HTML and JSON go out gzipped (static files are pre-compressed by whitenoise's storage).
    "django.middleware.gzip.GZipMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "org.middleware.RefuseNulBytesMiddleware",
    "org.middleware.PrivateAnswersMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "simple_history.middleware.HistoryRequestMiddleware",
    # Last, so that a locked-out login is answered before any view runs.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "cangnan_yingji.urls"
WSGI_APPLICATION = "cangnan_yingji.wsgi.application"

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
                "django.template.context_processors.i18n",
                "csp.context_processors.nonce",
                "plan.context_processors.navigation",
                "org.context_processors.inbox",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------------
DATABASE_URL = os.environ.get("DATABASE_URL", "")
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": VAR_DIR / "cangnan.sqlite3",
            "OPTIONS": {"timeout": 20},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Redis: Celery and the cache ------------------------------------------------------------
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_TIMEZONE = "Asia/Shanghai"
CELERY_ENABLE_UTC = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_RESULT_EXTENDED = True
if REDIS_URL:
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": REDIS_URL}}
else:
    # No broker: every task runs in-process, synchronously, as soon as it is sent.
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Every periodic job, in one place. Jobs scan for due rows; nothing is scheduled days ahead on
# the broker (it would be redelivered after the visibility timeout).
CELERY_BEAT_SCHEDULE = {
    "hazards-mark-overdue": {"task": "hazards3030.tasks.mark_overdue_hazards", "schedule": crontab(hour=1, minute=0)},
    "hazards-open-3030-windows": {
        "task": "hazards3030.tasks.open_due_3030_windows",
        "schedule": crontab(hour=0, minute=10),
    },
    "plan-monthly-snapshot": {
        "task": "plan.tasks.monthly_snapshot",
        "schedule": crontab(day_of_month=1, hour=2, minute=0),
    },
    "plan-resume-stalled-snapshots": {"task": "plan.tasks.resume_stalled_snapshots", "schedule": crontab(minute="*/5")},
    # Roll calls left unanswered past their time limit are flagged; the job scans for due rows.
    "flood-flag-unanswered-roll-calls": {
        "task": "flood1833.tasks.flag_unanswered_roll_calls",
        "schedule": timedelta(minutes=1),
    },
    # Reports of 重大以上 incidents still missing past their 30/60-minute deadline are flagged and
    # the township notified; the job scans for due rows.
    "flood-flag-overdue-incident-reports": {
        "task": "flood1833.tasks.flag_overdue_incident_reports",
        "schedule": timedelta(minutes=1),
    },
    # 督办事项 close to or past their deadline get one reminder per stage; the job scans for due rows.
    "governance-remind-due-tasks": {
        "task": "governance.tasks.remind_due_tasks",
        "schedule": crontab(hour=7, minute=30),
    },
    # Last month's 约谈 proposals once its ranking is published; running again proposes nothing new.
    "governance-propose-interviews": {
        "task": "governance.tasks.propose_interviews",
        "schedule": crontab(hour=3, minute=20),
    },
    # Satellite hotspots not verified within the hour (plan.ServiceLevel hotspot_verify) are
    # flagged and the township and the county notified; the job scans for due rows.
    "forestfire-flag-overdue-hotspots": {
        "task": "forestfire.tasks.flag_overdue_hotspots",
        "schedule": timedelta(minutes=1),
    },
}
# 督办事项: days before the deadline when the 临期 reminder goes out.
GOVERNANCE_TASK_REMINDER_DAYS = int(os.environ.get("GOVERNANCE_TASK_REMINDER_DAYS", 3))
# 约谈 proposals: how many townships with the most overdue hazards are proposed each month.
GOVERNANCE_PROPOSE_WORST_OVERDUE = int(os.environ.get("GOVERNANCE_PROPOSE_WORST_OVERDUE", 3))
# Where new inbox notices go besides the inbox (org/senders.py): the class of the SMS / 浙政钉
# gateway; the default only writes them to the log.
PORTAL_NOTICE_SENDER = os.environ.get("PORTAL_NOTICE_SENDER", "org.senders.LoggingSender")
# 1833 roll calls (一键通抽查): minutes an on-duty officer has to answer before being flagged.
FLOOD_ROLL_CALL_ANSWER_MINUTES = int(os.environ.get("FLOOD_ROLL_CALL_ANSWER_MINUTES", 10))
# Seconds between refreshes of the live transfer view.
FLOOD_LIVE_POLL_SECONDS = int(os.environ.get("FLOOD_LIVE_POLL_SECONDS", 15))
# 宣传教育 (campaigns): the largest video a township may upload, the public pages' limit of
# requests per client address and minute, and the address QR codes point to (default: the
# address the page was asked for).
CAMPAIGNS_VIDEO_MAX_BYTES = int(os.environ.get("CAMPAIGNS_VIDEO_MAX_BYTES", 200 * 1024 * 1024))
CAMPAIGNS_PUBLIC_RATE_PER_MINUTE = int(os.environ.get("CAMPAIGNS_PUBLIC_RATE_PER_MINUTE", 60))
CAMPAIGNS_PUBLIC_URL = os.environ.get("CAMPAIGNS_PUBLIC_URL", "").rstrip("/")
# How many reverse proxies stand in front of the portal (nginx in docker-compose.yml: 1). The
# public pages' request limits (org/ratelimit.py) then read the client's address from
# X-Forwarded-For, as the outermost proxy saw it; 0 (no proxy) reads REMOTE_ADDR.
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))
# 码上报 (public tip-offs): requests per client address and minute on the public tip pages (the
# form and the receipt lookup), tips accepted per address and per QR code an hour, and the address
# the printed codes point to (default: the address the page was asked for).
TIPS_PAGE_RATE_PER_MINUTE = int(os.environ.get("TIPS_PAGE_RATE_PER_MINUTE", 30))
TIPS_PER_ADDRESS_PER_HOUR = int(os.environ.get("TIPS_PER_ADDRESS_PER_HOUR", 5))
TIPS_PER_CODE_PER_HOUR = int(os.environ.get("TIPS_PER_CODE_PER_HOUR", 30))
TIPS_PUBLIC_URL = os.environ.get("TIPS_PUBLIC_URL", "").rstrip("/")
# 内部报告奖励: the largest reward one hazard may carry, in yuan (a typo guard, not a policy).
REWARD_MAX_YUAN = int(os.environ.get("REWARD_MAX_YUAN", 100_000))
# Minutes within which a village cadre may take back (更正) their own last transfer step.
FLOOD_UNDO_MINUTES = int(os.environ.get("FLOOD_UNDO_MINUTES", 10))
# Optional pause between the snapshot job's steps, to spare the database during office hours.
SNAPSHOT_PAUSE_SECONDS = float(os.environ.get("SNAPSHOT_PAUSE_SECONDS", 0))

# --- Users, login, sessions -----------------------------------------------------------------
AUTH_USER_MODEL = "org.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
# Each role lands on the page of its work (flood1833.views.home).
LOGIN_REDIRECT_URL = "flood1833:role-home"
LOGOUT_REDIRECT_URL = "login"

SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", 8 * 3600))
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"

# Lock a login after repeated failures for that username from that address.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "org.lockout.lockout_response"
AXES_CLIENT_IP_CALLABLE = "org.lockout.login_address"
AXES_VERBOSE = False

# --- Security headers -----------------------------------------------------------------------
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_HSTS_SECONDS", 31536000))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = True
    SECURE_HSTS_PRELOAD = True

# Rescue circles (stations): travel time = straight-line distance × road factor ÷ speed, the first
# model until a village's measured travel time (from a routing engine) is imported.
STATIONS_ROAD_FACTOR = float(os.environ.get("STATIONS_ROAD_FACTOR", 1.4))
STATIONS_SPEED_KMH = float(os.environ.get("STATIONS_SPEED_KMH", 40))

MAP_TILE_URL = os.environ.get("MAP_TILE_URL", "")
# 苍南县's extent (degrees, WGS-84) and the margin a coordinate may lie outside it (islands, rounding):
# a 纬度/经度 beyond it is a typo, refused by the save services (org.validators.check_coordinates).
COUNTY_BOUNDS = {"lat": (27.05, 27.55), "lng": (120.10, 121.10)}
COUNTY_BOUNDS_MARGIN = float(os.environ.get("COUNTY_BOUNDS_MARGIN", "0.3"))
_tile_origin = "/".join(MAP_TILE_URL.split("/")[:3]) if MAP_TILE_URL.startswith("http") else ""
# Everything the portal shows is served from its own origin (government intranet: no CDN).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF],
        "style-src": [SELF],
        "img-src": [SELF, "data:", "blob:"] + ([_tile_origin] if _tile_origin else []),
        "font-src": [SELF],
        "connect-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
    }
}

# --- Language and time ----------------------------------------------------------------------
LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

# --- Static and uploaded files --------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
# Front-end libraries come from npm (package.json) and are served as /static/vendor/<name>/.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/echarts", NODE_MODULES / "echarts" / "dist"),
    ("vendor/leaflet", NODE_MODULES / "leaflet" / "dist"),
]
MEDIA_URL = "media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
# Ledgers uploaded for a preview wait here (under a random token) until they are confirmed.
LEDGER_PREVIEW_DIR = Path(os.environ.get("LEDGER_PREVIEW_DIR", VAR_DIR / "import-previews"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_NUMBER_FILES = 20  # org.uploads.MAX_FILES_PER_REQUEST: more in one request is refused (400)

# --- REST API -------------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "org.api.authentication.PortalTokenAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["org.permissions.RolePermission"],
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_PAGINATION_CLASS": "org.api.pagination.PortalPagination",
    "DEFAULT_SCHEMA_CLASS": "org.api.schema.PortalAutoSchema",
    "EXCEPTION_HANDLER": "org.api.exceptions.portal_exception_handler",
    "DEFAULT_THROTTLE_RATES": {"anon": os.environ.get("API_ANON_RATE", "60/minute")},
    "DEFAULT_VERSIONING_CLASS": None,
}
SPECTACULAR_SETTINGS = {
    "TITLE": "苍南应急 API",
    "DESCRIPTION": _("苍南县应急管理“365”工程门户的数据接口:指标、排名、目标达成与台账。"),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    # 400/403/404/409 documented for every operation (org.api.schema).
    "POSTPROCESSING_HOOKS": [
        "drf_spectacular.hooks.postprocess_schema_enums",
        "org.api.schema.document_refusals",
    ],
    "ENUM_NAME_OVERRIDES": {
        "HazardStatusEnum": "hazards3030.models.Hazard.Status",
        "HazardLevelEnum": "hazards3030.models.Hazard.Level",
        "AccidentLevelEnum": "hazards3030.models.Accident.Level",
        "SupervisionLevelEnum": "hazards3030.models.Supervision.Level",
        "RegionLevelEnum": "org.models.Region.Level",
        "TransferStatusEnum": "flood1833.models.Transfer.Status",
        "ZoneKindEnum": "flood1833.models.ZoneKind",
        "ResponseEventKindEnum": "flood1833.models.ResponseEvent.Kind",
        "DepotKindEnum": "flood1833.models.Depot.Kind",
        "IncidentLevelEnum": "flood1833.models.Incident.Level",
        "StationStatusEnum": "stations.models.Station.Status",
        "RescueTeamKindEnum": "stations.models.RescueTeam.Kind",
        "TeamEvaluationLevelEnum": "stations.models.TeamEvaluation.Level",
        "TeamEvaluationSpecialtyEnum": "stations.models.TeamEvaluation.Specialty",
        "FiveIntoEnum": "campaigns.models.FiveInto",
        # Two fields named "category" now (hazards and activities): each enum keeps a plain name.
        "HazardCategoryEnum": "hazards3030.models.Hazard.Category",
        "PublicPlaceKindEnum": "campaigns.models.PublicPlace.Kind",
        "ResourceKindEnum": "campaigns.models.Resource.Kind",
        "SiteKindEnum": "campaigns.models.Site.Kind",
        "InterviewLevelEnum": "governance.models.Interview.Level",
        "AgencyCategoryEnum": "governance.models.Agency.Category",
        "InboxKindEnum": "org.models.InboxItem.Kind",
    },
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"axes": {"level": "WARNING"}},
}
