"""Settings a team with djoser would have: Token auth, djoser's users/me,
drf-spectacular for the OpenAPI document, CORS for an app on another
origin, LocaleMiddleware for the person's language. Paths and origins come
from the environment (.ci/test sets them)."""
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "rest_framework",
    "rest_framework.authtoken",
    "djoser",
    "drf_spectacular",
    "corsheaders",
    "accounts",
]
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
]
ROOT_URLCONF = "project.urls"
DATABASES = {
    "default": {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": os.environ.get("DJOSER_DB", str(BASE_DIR / "db.sqlite3")),
    }
}
USE_I18N = True
LANGUAGE_CODE = "en"
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.TokenAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "UNAUTHENTICATED_USER": None,
}
# SET_PASSWORD_RETYPE stays off: the app then asks twice and sends the
# new password once (the reference server's users-me covers the retype),
# and crates/dialect-gen/tests/openapi/stacks/djoser.yaml stays this
# project's document.
DJOSER = {"SERIALIZERS": {"current_user": "accounts.serializers.CurrentUserSerializer"}}
# The four validators `startproject` writes: the ones the app checks as
# the person types (crates/model/src/password.rs).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in ("UserAttributeSimilarityValidator", "MinimumLengthValidator", "CommonPasswordValidator", "NumericPasswordValidator")
]
SPECTACULAR_SETTINGS = {"TITLE": "djoser demo", "VERSION": "1.0.0", "COMPONENT_SPLIT_REQUEST": True}

CORS_ALLOWED_ORIGINS = [o for o in os.environ.get("DJOSER_CORS_ORIGINS", "").split(",") if o]
# A deliberately short list, for dialect-gen check's test of a missing header.
if os.environ.get("DJOSER_CORS_ALLOW_HEADERS"):
    CORS_ALLOW_HEADERS = os.environ["DJOSER_CORS_ALLOW_HEADERS"].split(",")
