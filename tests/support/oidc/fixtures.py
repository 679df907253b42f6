"""The fixtures of the test OpenID Connect provider (tests/support/oidc/idp), imported by
tests/conftest.py so every test can ask for ``oidc_provider``."""

import pytest

from tests.support.oidc.harness import OidcProvider


@pytest.fixture(scope="session")
def oidc_provider(tmp_path_factory):
    """The test IdP in a second process on 127.0.0.1 (see tests/support/oidc/idp/README.md).

    For allauth: SocialApp(provider="openid_connect", provider_id=oidc_provider.provider_id,
    client_id=oidc_provider.client_id, secret=oidc_provider.secret,
    settings={"server_url": oidc_provider.server_url}).

    Also: issuer (== server_url), base_url, password (every IdP user's), redirect_uris,
    set_claims(username, **claims) (merged; None removes a claim; a new username becomes an
    account) and set_redirect_uris([...]). Both are undone after the test that made them.
    """
    provider = OidcProvider(tmp_path_factory.mktemp("oidc-idp"))
    provider.start()
    yield provider
    provider.stop()


@pytest.fixture(autouse=True)
def undo_oidc_provider_changes(request):
    """Restores the IdP's default claims and redirect URIs after a test that changed them."""
    yield
    if "oidc_provider" in request.fixturenames:
        request.getfixturevalue("oidc_provider").reset()
