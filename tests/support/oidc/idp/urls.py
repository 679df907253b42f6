from django.contrib.auth.views import LoginView
from django.urls import include, path

from tests.support.oidc.idp import control

urlpatterns = [
    path("accounts/login/", LoginView.as_view(), name="login"),
    path("o/", include("oauth2_provider.urls", namespace="oauth2_provider")),
    path("test-control/provision/", control.provision, name="test-control-provision"),
]
