"""Claims as one flat dict of strings, whichever protocol delivered them.

allauth keeps what the identity provider sent in ``SocialAccount.extra_data``: for OpenID
Connect the ID token's and the userinfo response's claims (65.11 and later), for SAML the
assertion's attributes, each a list of values. The mapping only needs single values.
"""

OIDC = "openid_connect"
SAML = "saml"


def _single(value):
    if isinstance(value, (list, tuple)):
        value = value[0] if value else ""
    if value is None:
        return ""
    return str(value).strip()


def flat_claims(protocol, extra_data):
    """``{"unit": "AAL-HJP-NORD", ...}`` from what allauth stored for one login."""
    extra_data = extra_data or {}
    if protocol == OIDC:
        merged = dict(extra_data.get("id_token") or {})
        # userinfo is fresher than the ID token where both carry a claim.
        merged.update(extra_data.get("userinfo") or {})
        if not merged:  # accounts stored before allauth 65.11 kept the claims flat
            merged = dict(extra_data)
    else:
        merged = dict(extra_data)
    return {str(key): _single(value) for key, value in merged.items()}
