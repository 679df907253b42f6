"""The test IdP is a real OpenID Connect provider: discovery, login, signed ID token, userinfo."""

import jwt
import requests

from tests.sso.harness import DEFAULT_CLAIMS
from tests.sso.idp_client import (
    authorize,
    code_from,
    exchange_code,
    pkce_pair,
    userinfo,
    verified_id_token,
)

CALLBACK = "http://127.0.0.1:8123/accounts/oidc/test-idp/login/callback/"


def discovery(provider):
    response = requests.get(f"{provider.server_url}/.well-known/openid-configuration", timeout=10)
    assert response.status_code == 200
    return response.json()


def log_in_and_get_tokens(provider, username="alice", redirect_uri=CALLBACK, **authorize_extra):
    location = authorize(provider, username, provider.password, redirect_uri, **authorize_extra)
    assert location, f"no code for {username}:\n{provider.log_text()[-2000:]}"
    response = exchange_code(provider, code_from(location), redirect_uri)
    assert response.status_code == 200, response.text
    return response.json()


def id_token_claims(provider, username="alice", **authorize_extra):
    tokens = log_in_and_get_tokens(provider, username, **authorize_extra)
    return verified_id_token(provider, tokens["id_token"])


def test_discovery_document_names_the_fixture_issuer_and_endpoints_under_it(oidc_provider):
    document = discovery(oidc_provider)

    assert document["issuer"] == oidc_provider.server_url
    for endpoint in ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri"):
        assert document[endpoint].startswith(oidc_provider.server_url + "/")
    assert "RS256" in document["id_token_signing_alg_values_supported"]
    assert {"openid", "profile", "email"} <= set(document["scopes_supported"])


def test_jwks_publishes_an_rsa_signing_key(oidc_provider):
    keys = requests.get(discovery(oidc_provider)["jwks_uri"], timeout=10).json()["keys"]

    assert [key["kty"] for key in keys] == ["RSA"]
    assert keys[0]["kid"]


def test_code_flow_yields_an_id_token_signed_with_the_published_key(oidc_provider):
    tokens = log_in_and_get_tokens(oidc_provider)

    claims = verified_id_token(oidc_provider, tokens["id_token"])

    assert jwt.get_unverified_header(tokens["id_token"])["alg"] == "RS256"
    assert claims["iss"] == oidc_provider.issuer
    assert claims["aud"] == oidc_provider.client_id


def test_id_token_carries_the_users_claims_from_the_claims_file(oidc_provider):
    tokens = log_in_and_get_tokens(oidc_provider, "alice")

    claims = verified_id_token(oidc_provider, tokens["id_token"])

    expected = DEFAULT_CLAIMS["alice"]
    assert claims["email"] == expected["email"]
    assert claims["email_verified"] is True
    assert claims["given_name"] == expected["given_name"]
    assert claims["family_name"] == expected["family_name"]
    assert (claims["unit"], claims["role"]) == ("AAL-HJP-NORD", "SSA")


def test_sub_is_stable_across_logins_and_differs_between_users(oidc_provider):
    first = id_token_claims(oidc_provider)
    again = id_token_claims(oidc_provider)
    bob = id_token_claims(oidc_provider, "bob")

    assert first["sub"] == again["sub"]
    assert bob["sub"] != first["sub"]
    assert first["sub"] != "alice"


def test_userinfo_returns_the_same_claims_as_the_id_token(oidc_provider):
    tokens = log_in_and_get_tokens(oidc_provider, "bob")
    id_claims = verified_id_token(oidc_provider, tokens["id_token"])

    response = userinfo(oidc_provider, tokens["access_token"])

    assert response.status_code == 200
    names = ["sub", "email", "email_verified", "given_name", "family_name", "unit", "role"]
    assert {name: response.json()[name] for name in names} == {n: id_claims[n] for n in names}


def test_userinfo_refuses_a_request_without_a_valid_access_token(oidc_provider):
    assert userinfo(oidc_provider, "not-a-token").status_code == 401


def test_changed_claims_show_up_at_the_next_login(oidc_provider):
    before = id_token_claims(oidc_provider)
    oidc_provider.set_claims("alice", unit="AAL-HJP-SYD", role="SPL", employee_no="4711")

    tokens = log_in_and_get_tokens(oidc_provider)
    after = verified_id_token(oidc_provider, tokens["id_token"])

    assert (before["unit"], before["role"]) == ("AAL-HJP-NORD", "SSA")
    assert (after["unit"], after["role"], after["employee_no"]) == ("AAL-HJP-SYD", "SPL", "4711")
    assert userinfo(oidc_provider, tokens["access_token"]).json()["unit"] == "AAL-HJP-SYD"


def test_a_claim_set_to_none_is_no_longer_asserted(oidc_provider):
    oidc_provider.set_claims("bob", role=None)

    claims = id_token_claims(oidc_provider, "bob")

    assert "role" not in claims
    assert claims["unit"] == DEFAULT_CLAIMS["bob"]["unit"]


def test_a_user_added_with_set_claims_can_log_in(oidc_provider):
    oidc_provider.set_claims("carl", email="carl@example.org", unit="AAL-PSY", role="SSA")

    claims = id_token_claims(oidc_provider, "carl")

    assert (claims["email"], claims["unit"]) == ("carl@example.org", "AAL-PSY")


def test_wrong_password_produces_no_code(oidc_provider):
    assert authorize(oidc_provider, "alice", "wrong-password", CALLBACK) is None


def test_unknown_user_produces_no_code(oidc_provider):
    assert authorize(oidc_provider, "mallory", oidc_provider.password, CALLBACK) is None


def test_a_code_is_refused_with_a_wrong_client_secret(oidc_provider):
    location = authorize(oidc_provider, "alice", oidc_provider.password, CALLBACK)

    response = exchange_code(oidc_provider, code_from(location), CALLBACK, client_secret="nope")

    assert response.status_code == 401
    assert "id_token" not in response.text


def test_the_registered_callback_is_accepted_on_any_loopback_port(oidc_provider):
    for base in ("http://127.0.0.1:8123", "http://127.0.0.1:39999", "http://localhost:40001"):
        uri = f"{base}/accounts/oidc/{oidc_provider.provider_id}/login/callback/"
        assert code_from(authorize(oidc_provider, "alice", oidc_provider.password, uri)), uri


def test_a_callback_for_another_path_or_host_gets_no_code(oidc_provider):
    for uri in (
        "http://127.0.0.1:8123/accounts/oidc/other-idp/login/callback/",
        "http://example.org/accounts/oidc/test-idp/login/callback/",
        "https://127.0.0.1:8123/accounts/oidc/test-idp/login/callback/",
    ):
        assert authorize(oidc_provider, "alice", oidc_provider.password, uri) is None, uri


def test_set_redirect_uris_replaces_the_registered_callbacks(oidc_provider):
    oidc_provider.set_redirect_uris(["http://127.0.0.1/accounts/oidc/region-nord/login/callback/"])
    new = "http://127.0.0.1:8200/accounts/oidc/region-nord/login/callback/"

    moved = authorize(oidc_provider, "alice", oidc_provider.password, new)
    old = authorize(oidc_provider, "alice", oidc_provider.password, CALLBACK)

    assert code_from(moved)
    assert old is None


def test_pkce_is_accepted_and_its_verifier_checked(oidc_provider):
    verifier, challenge = pkce_pair()
    extra = {"code_challenge": challenge, "code_challenge_method": "S256"}

    wrong = exchange_code(
        oidc_provider,
        code_from(authorize(oidc_provider, "alice", oidc_provider.password, CALLBACK, **extra)),
        CALLBACK,
        code_verifier=pkce_pair()[0],
    )
    right = exchange_code(
        oidc_provider,
        code_from(authorize(oidc_provider, "alice", oidc_provider.password, CALLBACK, **extra)),
        CALLBACK,
        code_verifier=verifier,
    )

    assert wrong.status_code == 400
    assert right.status_code == 200
    assert verified_id_token(oidc_provider, right.json()["id_token"])["unit"] == "AAL-HJP-NORD"


def test_unit_and_role_need_the_profile_scope(oidc_provider):
    claims = id_token_claims(oidc_provider, scope="openid email")

    assert claims["email"] == DEFAULT_CLAIMS["alice"]["email"]
    assert "unit" not in claims
    assert "role" not in claims


def test_the_idp_listens_on_loopback_only(oidc_provider):
    port_hex = f"{oidc_provider.port:04X}"
    listening = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with open(table) as handle:
            for line in handle.readlines()[1:]:
                local, state = line.split()[1], line.split()[3]
                if state == "0A" and local.endswith(":" + port_hex):  # 0A: LISTEN
                    listening.append(local.rsplit(":", 1)[0])

    assert listening == ["0100007F"]  # 127.0.0.1, little-endian


def test_the_django_test_clients_callback_is_registered_too(oidc_provider):
    uri = f"http://testserver/accounts/oidc/{oidc_provider.provider_id}/login/callback/"

    assert code_from(authorize(oidc_provider, "alice", oidc_provider.password, uri))


def test_a_user_added_by_a_test_cannot_log_in_after_the_reset(oidc_provider):
    oidc_provider.set_claims("dora", email="dora@example.org")
    assert authorize(oidc_provider, "dora", oidc_provider.password, CALLBACK)

    oidc_provider.reset()

    assert authorize(oidc_provider, "dora", oidc_provider.password, CALLBACK) is None


def control_url(provider):
    return f"{provider.base_url}/test-control/provision/"


def test_the_control_endpoint_refuses_a_wrong_token(oidc_provider):
    response = requests.post(
        control_url(oidc_provider),
        json={"redirect_uris": ["http://evil.example/cb"]},
        headers={"X-Idp-Control-Token": "guess"},
        timeout=10,
    )

    assert response.status_code == 403
    assert authorize(oidc_provider, "alice", oidc_provider.password, CALLBACK)


def test_the_control_endpoint_refuses_get(oidc_provider):
    assert requests.get(control_url(oidc_provider), timeout=10).status_code == 405


def test_the_control_endpoint_refuses_a_malformed_body(oidc_provider):
    response = requests.post(
        control_url(oidc_provider),
        data=b"[1, 2",
        headers={"X-Idp-Control-Token": oidc_provider._control_token},
        timeout=10,
    )

    assert response.status_code == 400
