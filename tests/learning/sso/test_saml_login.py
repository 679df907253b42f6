"""SAML single sign-on through allauth, with responses signed by a real SAML library.

The flow is the real one: the platform's login sends an AuthnRequest (HTTP-Redirect), the test
IdP answers with a signed assertion posted to the platform's ACS, allauth verifies it with
python3-saml/xmlsec, and the claims place the person (learning.sso).
"""

import base64

import pytest
from allauth.socialaccount.models import SocialApp

from learning.accounts.factories import UserFactory
from learning.accounts.models import User
from learning.organisations.factories import (
    JobAssignmentFactory,
    JobRoleFactory,
    OrganisationFactory,
)
from learning.organisations.models import AssignmentSource, JobAssignment
from learning.sso.models import LoginOutcome, ProviderMapping, SSOLoginEvent

from .saml_idp import ENTITY_ID, SSO_URL, key_and_certificate, read_authn_request, signed_response

SLUG = "aalborg"
ATTRIBUTES = {
    "uid": "emp-1001",
    "mail": "sofie@aalborg.dk",
    "givenName": "Sofie",
    "sn": "Kristensen",
    "enhed": "AAL-NORD",
    "stilling": "SSA",
}


@pytest.fixture
def client(client):
    # python3-saml builds URLs from the Host header, which every browser sends.
    client.defaults["HTTP_HOST"] = "localhost"
    return client


@pytest.fixture(scope="module")
def idp_keys():
    return key_and_certificate()


@pytest.fixture
def employer(db, idp_keys):
    aalborg = OrganisationFactory(name="Aalborg Kommune")
    north = OrganisationFactory(name="Hjemmepleje Nord", parent=aalborg, external_id="AAL-NORD")
    OrganisationFactory(name="Hjemmepleje Syd", parent=aalborg, external_id="AAL-SYD")
    JobRoleFactory(code="SSA")
    app = SocialApp.objects.create(
        provider="saml",
        provider_id="aalborg-saml",
        client_id=SLUG,
        name="Aalborg Kommune",
        settings={
            "idp": {"entity_id": ENTITY_ID, "sso_url": SSO_URL, "x509cert": idp_keys[1]},
            "attribute_mapping": {
                "uid": "uid",
                "email": "mail",
                "first_name": "givenName",
                "last_name": "sn",
            },
            # The municipality's directory is the authority on its staff's addresses.
            "verified_email": True,
            "advanced": {"strict": True, "want_assertion_signed": True},
        },
    )
    mapping = ProviderMapping.objects.create(
        app=app, organisation=aalborg, unit_claim="enhed", role_claim="stilling"
    )
    return {"app": app, "mapping": mapping, "aalborg": aalborg, "north": north}


def start_login(client):
    response = client.post(f"/accounts/saml/{SLUG}/login/")
    assert response.status_code == 302 and response.url.startswith(SSO_URL)
    return read_authn_request(response.url)


def post_to_acs(client, acs_url, saml_response):
    response = client.post(
        acs_url.replace("http://localhost", ""), {"SAMLResponse": saml_response, "RelayState": ""}
    )
    assert response.status_code == 302  # to finish the login on the platform's own origin
    return client.get(response.url)


def login(client, idp_keys, attributes=ATTRIBUTES, signing_keys=None, tamper=None):
    request_id, acs_url = start_login(client)
    key, cert = signing_keys or idp_keys
    saml = signed_response(
        key=key,
        cert=cert,
        in_response_to=request_id,
        acs_url=acs_url,
        audience=f"http://localhost/accounts/saml/{SLUG}/metadata/",
        name_id=attributes["uid"],
        attributes=attributes,
    )
    if tamper:
        saml = base64.b64encode(tamper(base64.b64decode(saml).decode()).encode()).decode()
    return post_to_acs(client, acs_url, saml)


def logged_in_user(client):
    user_id = client.session.get("_auth_user_id")
    return User.objects.get(pk=user_id) if user_id else None


def test_a_signed_response_logs_in_and_places_the_person(client, employer, idp_keys):
    response = login(client, idp_keys)
    assert response.status_code == 302 and response.url == "/"
    user = logged_in_user(client)
    assert (user.email, user.first_name) == ("sofie@aalborg.dk", "Sofie")
    assert list(
        JobAssignment.objects.filter(user=user).values_list("unit__name", "role__code", "source")
    ) == [("Hjemmepleje Nord", "SSA", AssignmentSource.SSO)]
    event = SSOLoginEvent.objects.get(user=user)
    assert (event.outcome, event.provider_name) == (LoginOutcome.ASSIGNED, "Aalborg Kommune")


def test_the_next_login_applies_a_move(client, employer, idp_keys):
    login(client, idp_keys)
    client.logout()
    login(client, idp_keys, attributes={**ATTRIBUTES, "enhed": "AAL-SYD"})
    user = logged_in_user(client)
    assert User.objects.count() == 1
    assert list(
        JobAssignment.objects.active_on().filter(user=user).values_list("unit__name", flat=True)
    ) == ["Hjemmepleje Syd"]
    assert list(
        SSOLoginEvent.objects.filter(user=user).order_by("pk").values_list("outcome", flat=True)
    ) == [LoginOutcome.ASSIGNED, LoginOutcome.MOVED]


def test_an_assertion_altered_after_signing_is_refused(client, employer, idp_keys):
    response = login(client, idp_keys, tamper=lambda xml: xml.replace(">AAL-NORD<", ">AAL-SYD<"))
    assert response.status_code == 401  # allauth's "login failed" page, not a redirect home
    assert logged_in_user(client) is None
    assert not User.objects.filter(email="sofie@aalborg.dk").exists()
    assert not JobAssignment.objects.exists()


def test_a_response_signed_by_another_key_is_refused(client, employer, idp_keys):
    response = login(client, idp_keys, signing_keys=key_and_certificate("attacker.test"))
    assert response.status_code == 401
    assert logged_in_user(client) is None
    assert not User.objects.exists()


def test_an_unsigned_assertion_is_refused(client, employer, idp_keys):
    def strip_signature(xml):
        start = xml.index("<ds:Signature")
        end = xml.index("</ds:Signature>") + len("</ds:Signature>")
        return xml[:start] + xml[end:]

    response = login(client, idp_keys, tamper=strip_signature)
    assert response.status_code == 401
    assert logged_in_user(client) is None
    assert not User.objects.exists()


def test_a_response_to_no_request_of_ours_is_refused(client, employer, idp_keys):
    """IdP-initiated logins (no AuthnRequest to answer) are rejected, which closes replay of a
    response captured for someone else's login."""
    _request_id, acs_url = start_login(client)
    saml = signed_response(
        key=idp_keys[0],
        cert=idp_keys[1],
        in_response_to="_forged",
        acs_url=acs_url,
        audience=f"http://localhost/accounts/saml/{SLUG}/metadata/",
        name_id="emp-1001",
        attributes=ATTRIBUTES,
    )
    response = post_to_acs(client, acs_url, saml)
    assert response.status_code == 403
    assert logged_in_user(client) is None


def test_an_existing_account_of_the_same_employer_is_joined(client, employer, idp_keys):
    employer["mapping"].link_existing_by_email = True
    employer["mapping"].save()
    sofie = UserFactory(email="sofie@aalborg.dk")
    JobAssignmentFactory(
        user=sofie, unit=employer["north"], role__code="SSA", source=AssignmentSource.IMPORT
    )
    login(client, idp_keys)
    assert logged_in_user(client) == sofie
    assert User.objects.count() == 1
    assert sofie.socialaccount_set.get().uid == "emp-1001"


def test_an_account_of_another_employer_is_not_taken_over(client, employer, idp_keys):
    employer["mapping"].link_existing_by_email = True
    employer["mapping"].save()
    region = OrganisationFactory(name="Region Nordjylland")
    doctor = UserFactory(email="sofie@aalborg.dk")
    JobAssignmentFactory(user=doctor, unit=OrganisationFactory(parent=region))
    response = login(client, idp_keys)
    assert response.status_code == 403
    assert "Login afvist" in response.content.decode()
    assert logged_in_user(client) is None
    assert not doctor.socialaccount_set.exists()
    assert SSOLoginEvent.objects.get(user=doctor).outcome == LoginOutcome.REFUSED


def test_the_platform_publishes_its_saml_metadata(client, employer):
    response = client.get(f"/accounts/saml/{SLUG}/metadata/")
    assert response.status_code == 200
    assert b"AssertionConsumerService" in response.content
    assert f"/accounts/saml/{SLUG}/acs/".encode() in response.content


def test_a_manager_with_a_second_factor_is_asked_for_it_after_the_employers_login(
    client, employer, idp_keys, settings
):
    from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret

    from learning.organisations.factories import ManagerScopeFactory

    settings.MFA_REQUIRED_FOR_PRIVILEGED = True
    employer["mapping"].link_existing_by_email = True
    employer["mapping"].save()
    sofie = UserFactory(email="sofie@aalborg.dk")
    ManagerScopeFactory(manager=sofie, unit=employer["north"])
    TOTP.activate(sofie, generate_totp_secret())
    response = login(client, idp_keys)
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/authenticate/"
    assert logged_in_user(client) is None
    assert not SSOLoginEvent.objects.exists()  # claims are applied once the login completes


def test_a_manager_without_a_second_factor_must_set_one_up_first(
    client, employer, idp_keys, settings
):
    from learning.organisations.factories import ManagerScopeFactory

    settings.MFA_REQUIRED_FOR_PRIVILEGED = True
    employer["mapping"].link_existing_by_email = True
    employer["mapping"].save()
    sofie = UserFactory(email="sofie@aalborg.dk")
    ManagerScopeFactory(manager=sofie, unit=employer["north"])
    login(client, idp_keys)
    assert logged_in_user(client) == sofie
    response = client.get("/manage/coverage/")
    assert response.status_code == 302
    assert response.url == "/accounts/2fa/totp/activate/"
