"""A relying party made of plain `requests` calls, to drive the test IdP without allauth.

`log_in_at_idp` also serves end-to-end tests that go through the platform: follow the
platform's redirect to the IdP, then hand the IdP's login page response to it.
"""

import base64
import hashlib
import re
import secrets
from urllib.parse import parse_qs, urljoin, urlsplit

import jwt
import requests

CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


def log_in_at_idp(session, login_page, username, password):
    """Submits the IdP's login form shown in `login_page` (a GET response); returns the POST's.

    On success the response is a redirect to the form's `next` (usually /o/authorize/...);
    on a wrong password it is the form again with status 200.
    """
    token = CSRF_INPUT.search(login_page.text)
    if not token:
        raise AssertionError(f"no login form at {login_page.url}:\n{login_page.text[:500]}")
    next_url = parse_qs(urlsplit(login_page.url).query).get("next", [""])[0]
    return session.post(
        login_page.url,
        data={
            "csrfmiddlewaretoken": token.group(1),
            "username": username,
            "password": password,
            "next": next_url,
        },
        allow_redirects=False,
        timeout=10,
    )


def pkce_pair():
    """(code_verifier, code_challenge) for PKCE with S256, as allauth makes them."""
    verifier = secrets.token_urlsafe(64)
    digest = hashlib.sha256(verifier.encode("ascii")).digest()
    return verifier, base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def authorize(provider, username, password, redirect_uri, scope="openid profile email", **extra):
    """Runs the browser half of the code flow; returns the final redirect's Location or None.

    None means the IdP never redirected to `redirect_uri` (e.g. a wrong password, or a
    redirect URI it rejects). `extra` goes into the authorization request (e.g. PKCE).
    """
    session = requests.Session()
    params = {
        "response_type": "code",
        "client_id": provider.client_id,
        "redirect_uri": redirect_uri,
        "scope": scope,
        "state": secrets.token_urlsafe(8),
        **extra,
    }
    authorize_url = f"{provider.server_url}/authorize/"
    response = session.get(authorize_url, params=params, allow_redirects=False, timeout=10)
    if response.status_code == 302 and "/accounts/login/" in response.headers["Location"]:
        login_page = session.get(urljoin(authorize_url, response.headers["Location"]), timeout=10)
        response = log_in_at_idp(session, login_page, username, password)
        if response.status_code != 302:
            return None
        response = session.get(
            urljoin(authorize_url, response.headers["Location"]), allow_redirects=False, timeout=10
        )
    location = response.headers.get("Location", "")
    if response.status_code != 302 or not location.startswith(redirect_uri):
        return None
    query = parse_qs(urlsplit(location).query)
    assert query["state"] == [params["state"]]
    return location


def code_from(location):
    return parse_qs(urlsplit(location).query).get("code", [None])[0]


def exchange_code(provider, code, redirect_uri, **extra):
    """The token endpoint's response to the code (client_secret_post, as allauth sends it)."""
    return requests.post(
        f"{provider.server_url}/token/",
        data={
            "grant_type": "authorization_code",
            "code": code,
            "redirect_uri": redirect_uri,
            "client_id": provider.client_id,
            "client_secret": provider.secret,
            **extra,
        },
        timeout=10,
    )


def verified_id_token(provider, id_token):
    """The ID token's claims after checking its RS256 signature against the IdP's jwks."""
    discovery = requests.get(f"{provider.server_url}/.well-known/openid-configuration", timeout=10)
    keys = jwt.PyJWKSet.from_dict(requests.get(discovery.json()["jwks_uri"], timeout=10).json())
    kid = jwt.get_unverified_header(id_token)["kid"]
    return jwt.decode(
        id_token,
        key=keys[kid],
        algorithms=["RS256"],
        audience=provider.client_id,
        issuer=discovery.json()["issuer"],
    )


def userinfo(provider, access_token):
    return requests.get(
        f"{provider.server_url}/userinfo/",
        headers={"Authorization": f"Bearer {access_token}"},
        timeout=10,
    )
