from django.conf import settings
from django.urls import include, path

from accounts.views import MeView

STACK = settings.STACK

if STACK == "authtoken":
    from rest_framework.authtoken.views import obtain_auth_token

    urlpatterns = [path("api/me/", MeView.as_view()), path("api/token-auth/", obtain_auth_token)]
elif STACK == "simplejwt":
    from rest_framework_simplejwt.views import (
        TokenBlacklistView,
        TokenObtainPairView,
        TokenRefreshView,
        TokenVerifyView,
    )

    urlpatterns = [
        path("api/me/", MeView.as_view()),
        path("api/token/", TokenObtainPairView.as_view()),
        path("api/token/refresh/", TokenRefreshView.as_view()),
        path("api/token/verify/", TokenVerifyView.as_view()),
        path("api/token/blacklist/", TokenBlacklistView.as_view()),
    ]
elif STACK == "djoser-jwt":
    urlpatterns = [path("auth/", include("djoser.urls")), path("auth/", include("djoser.urls.jwt"))]
else:
    urlpatterns = [path("dj-rest-auth/", include("dj_rest_auth.urls"))]
