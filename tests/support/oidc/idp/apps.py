from django.apps import AppConfig


class IdpConfig(AppConfig):
    name = "tests.support.oidc.idp"
    label = "idp"
    verbose_name = "Test OpenID Connect provider"
