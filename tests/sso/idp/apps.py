from django.apps import AppConfig


class IdpConfig(AppConfig):
    name = "tests.sso.idp"
    label = "idp"
    verbose_name = "Test OpenID Connect provider"
