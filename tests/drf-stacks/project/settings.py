"""One settings file, one stack per STACK, each as its documentation says
to install it:

- authtoken: DRF's TokenAuthentication and obtain_auth_token
- simplejwt: djangorestframework-simplejwt's pair, refresh, verify and
  blacklist views
- djoser-jwt: djoser's users plus djoser.urls.jwt
- dj-rest-auth-token / dj-rest-auth-jwt / dj-rest-auth-session:
  dj-rest-auth with a Token, JWT (USE_JWT) or a plain Django session
"""
import os
from pathlib import Path

STACK = os.environ.get("STACK", "authtoken")
STACKS = ("authtoken", "simplejwt", "djoser-jwt", "dj-rest-auth-token", "dj-rest-auth-jwt", "dj-rest-auth-session")
if STACK not in STACKS:
    raise SystemExit(f"STACK must be one of {', '.join(STACKS)}, not {STACK!r}")

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "test-only-not-secret"
DEBUG = False
ALLOWED_HOSTS = ["127.0.0.1", "localhost"]
ROOT_URLCONF = "project.urls"
DATABASES = {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": os.environ.get("STACK_DB", str(BASE_DIR / "db.sqlite3"))}
}
DEFAULT_AUTO_FIELD = "django.db.models.AutoField"
USE_I18N = True

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "rest_framework",
    "drf_spectacular",
    "corsheaders",
    "accounts",
]
MIDDLEWARE = [
    "corsheaders.middleware.CorsMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
]
AUTHENTICATION = {
    "authtoken": ["rest_framework.authentication.TokenAuthentication"],
    "simplejwt": ["rest_framework_simplejwt.authentication.JWTAuthentication"],
    "djoser-jwt": ["rest_framework_simplejwt.authentication.JWTAuthentication"],
    "dj-rest-auth-token": ["rest_framework.authentication.TokenAuthentication"],
    "dj-rest-auth-jwt": ["dj_rest_auth.jwt_auth.JWTCookieAuthentication"],
    "dj-rest-auth-session": ["rest_framework.authentication.SessionAuthentication"],
}[STACK]
INSTALLED_APPS += {
    "authtoken": ["rest_framework.authtoken"],
    "simplejwt": ["rest_framework_simplejwt", "rest_framework_simplejwt.token_blacklist"],
    "djoser-jwt": ["djoser", "rest_framework_simplejwt"],
    "dj-rest-auth-token": ["rest_framework.authtoken", "dj_rest_auth"],
    "dj-rest-auth-jwt": ["rest_framework_simplejwt", "dj_rest_auth"],
    # TOKEN_MODEL = None breaks drf-spectacular's dj-rest-auth extension
    # (it describes the login answer from the token model), so the session
    # stack keeps authtoken installed and authenticates by session only.
    "dj-rest-auth-session": ["rest_framework.authtoken", "dj_rest_auth"],
}[STACK]

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": AUTHENTICATION,
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
}
if STACK == "dj-rest-auth-jwt":
    # The docs' JWT setup; the refresh token in the answer body, for an SPA
    # that keeps it itself.
    REST_AUTH = {
        "USE_JWT": True,
        "JWT_AUTH_COOKIE": "my-app-auth",
        "JWT_AUTH_REFRESH_COOKIE": "my-refresh-token",
        "JWT_AUTH_HTTPONLY": False,
        "TOKEN_MODEL": None,
    }
if STACK == "dj-rest-auth-session":
    REST_AUTH = {"SESSION_LOGIN": True}

SPECTACULAR_SETTINGS = {"TITLE": f"{STACK} demo", "VERSION": "1.0.0", "COMPONENT_SPLIT_REQUEST": True}
# From the environment, so dialect-gen's check tests can set them right
# and wrong: a comma-separated list each, or "0"/"1".
def _list(name, default=""):
    return [o for o in os.environ.get(name, default).split(",") if o]


CORS_ALLOWED_ORIGINS = _list("STACK_CORS_ORIGINS")
CORS_ALLOW_CREDENTIALS = os.environ.get("STACK_CORS_ALLOW_CREDENTIALS", str(int(STACK == "dj-rest-auth-session"))) == "1"
CSRF_TRUSTED_ORIGINS = _list("STACK_CSRF_TRUSTED_ORIGINS", os.environ.get("STACK_CORS_ORIGINS", ""))
