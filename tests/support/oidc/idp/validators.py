"""django-oauth-toolkit validator that asserts the claims file's claims."""

from oauth2_provider.oauth2_validators import OAuth2Validator

from tests.support.oidc.idp.claims import CLAIM_NAMES, claims_for


class ClaimsFileValidator(OAuth2Validator):
    """Puts each user's claims from the claims file into the ID token and the userinfo response.

    DOT releases a claim only when the scope named for it in `oidc_claim_scope` was granted.
    The custom claims "unit" and "role", and any other claim a test adds to the file, are
    released with the "profile" scope.
    """

    oidc_claim_scope = {**OAuth2Validator.oidc_claim_scope, "unit": "profile", "role": "profile"}
    extra_claim_scope = "profile"

    def get_additional_claims(self, request):
        # Taking `request` makes DOT call this per token, so the file is read fresh each time.
        return claims_for(request.user)

    def get_oidc_claims(self, token, token_handler, request):
        # As DOT's own, except that claims missing from oidc_claim_scope are not dropped.
        claims = {}
        for name, value in self.get_claim_dict(request).items():
            scope = self.oidc_claim_scope.get(name, self.extra_claim_scope)
            if scope in request.scopes:
                claims[name] = value
        return claims

    def get_discovery_claims(self, request):
        return list(CLAIM_NAMES)
