"""A SAML identity provider for tests: real, signed responses from a real SAML library.

OneLogin's python3-saml (with xmlsec) signs the assertion with a freshly made RSA key; the
platform's side (allauth's saml provider, also on python3-saml) must verify it against the
certificate configured for the provider. Nothing is mocked: a tampered or foreign-signed
response must fail the same check a real one passes.
"""

import base64
import datetime
import uuid
import zlib
from urllib.parse import parse_qs, urlparse

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from lxml import etree
from onelogin.saml2.constants import OneLogin_Saml2_Constants
from onelogin.saml2.utils import OneLogin_Saml2_Utils

ENTITY_ID = "https://idp.aalborg.test/saml"
SSO_URL = "https://idp.aalborg.test/saml/sso"


def key_and_certificate(common_name="idp.aalborg.test"):
    """A new RSA key and a self-signed certificate for it, both PEM text."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])
    now = datetime.datetime.now(datetime.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    key_pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    return key_pem, cert.public_bytes(serialization.Encoding.PEM).decode()


def read_authn_request(redirect_url):
    """The ID and ACS URL of the AuthnRequest the platform sent by HTTP-Redirect."""
    query = parse_qs(urlparse(redirect_url).query)
    xml = zlib.decompress(base64.b64decode(query["SAMLRequest"][0]), -15)
    root = etree.fromstring(xml)
    return root.get("ID"), root.get("AssertionConsumerServiceURL")


def _time(moment):
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _attributes(attributes):
    return "".join(
        f'<saml:Attribute Name="{name}"><saml:AttributeValue>{value}</saml:AttributeValue>'
        f"</saml:Attribute>"
        for name, value in attributes.items()
    )


def signed_response(
    *, key, cert, in_response_to, acs_url, audience, name_id, attributes, issuer=ENTITY_ID
):
    """A base64 SAMLResponse whose assertion is signed (RSA-SHA256) with ``key``."""
    now = datetime.datetime.now(datetime.UTC)
    later = now + datetime.timedelta(minutes=5)
    assertion_id = f"_a{uuid.uuid4().hex}"
    assertion = f"""<saml:Assertion xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion"
 ID="{assertion_id}" Version="2.0" IssueInstant="{_time(now)}">
<saml:Issuer>{issuer}</saml:Issuer>
<saml:Subject>
<saml:NameID Format="urn:oasis:names:tc:SAML:2.0:nameid-format:persistent">{name_id}</saml:NameID>
<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer">
<saml:SubjectConfirmationData InResponseTo="{in_response_to}" NotOnOrAfter="{_time(later)}"
 Recipient="{acs_url}"/>
</saml:SubjectConfirmation>
</saml:Subject>
<saml:Conditions NotBefore="{_time(now - datetime.timedelta(minutes=1))}"
 NotOnOrAfter="{_time(later)}">
<saml:AudienceRestriction><saml:Audience>{audience}</saml:Audience></saml:AudienceRestriction>
</saml:Conditions>
<saml:AuthnStatement AuthnInstant="{_time(now)}" SessionIndex="{assertion_id}">
<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:Password</saml:AuthnContextClassRef></saml:AuthnContext>
</saml:AuthnStatement>
<saml:AttributeStatement>{_attributes(attributes)}</saml:AttributeStatement>
</saml:Assertion>"""
    signed_assertion = OneLogin_Saml2_Utils.add_sign(
        assertion,
        key,
        cert,
        sign_algorithm=OneLogin_Saml2_Constants.RSA_SHA256,
        digest_algorithm=OneLogin_Saml2_Constants.SHA256,
    )
    if isinstance(signed_assertion, bytes):
        signed_assertion = signed_assertion.decode()
    response = f"""<samlp:Response xmlns:samlp="urn:oasis:names:tc:SAML:2.0:protocol"
 xmlns:saml="urn:oasis:names:tc:SAML:2.0:assertion" ID="_r{uuid.uuid4().hex}" Version="2.0"
 IssueInstant="{_time(now)}" Destination="{acs_url}" InResponseTo="{in_response_to}">
<saml:Issuer>{issuer}</saml:Issuer>
<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>
{signed_assertion.split("?>", 1)[-1]}
</samlp:Response>"""
    return base64.b64encode(response.encode()).decode()
