"""Identity providers, claim mappings and the single sign-on log in the Wagtail admin."""

import pytest
from django.urls import reverse

from learning.sso.factories import ProviderMappingFactory
from learning.sso.mapping import apply_claims
from learning.sso.models import SSOLoginEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def logged_login(learner):
    mapping = ProviderMappingFactory(app__name="Aalborg Kommune")
    return apply_claims(learner, mapping.app, {"unit": "NO-SUCH-UNIT", "role": "SSA"})


def test_an_administrator_sees_each_login_with_its_outcome(client, admin_user, logged_login):
    client.force_login(admin_user)
    response = client.get(reverse("sso_logins:index"))
    assert response.status_code == 200
    body = response.content.decode()
    assert "NO-SUCH-UNIT" in body
    assert "Enheden findes ikke i organisationen" in body


def test_the_login_log_cannot_be_edited_or_deleted(client, admin_user, logged_login):
    client.force_login(admin_user)
    assert client.get(reverse("sso_logins:add")).status_code in (302, 403)
    for name in ("sso_logins:edit", "sso_logins:delete"):
        client.post(reverse(name, args=[logged_login.pk]), {"outcome": "assigned"})
    logged_login.refresh_from_db()
    assert logged_login.outcome == "unknown_unit"
    assert SSOLoginEvent.objects.count() == 1


def test_providers_and_mappings_are_listed_for_administrators(client, admin_user, logged_login):
    client.force_login(admin_user)
    for name in ("sso_identity_providers:index", "sso_claim_mappings:index"):
        response = client.get(reverse(name))
        assert response.status_code == 200
        assert "Aalborg Kommune" in response.content.decode()


def test_people_without_admin_rights_see_none_of_it(client, educator, logged_login):
    client.force_login(educator)
    for name in ("sso_logins:index", "sso_identity_providers:index", "sso_claim_mappings:index"):
        response = client.get(reverse(name))
        assert response.status_code in (302, 403)
        assert "NO-SUCH-UNIT" not in response.content.decode()


def test_an_administrator_can_add_a_claim_mapping_with_role_values(client, admin_user):
    from learning.organisations.factories import JobRoleFactory, OrganisationFactory
    from learning.sso.factories import SocialAppFactory
    from learning.sso.models import ProviderMapping

    app, org, role = SocialAppFactory(), OrganisationFactory(), JobRoleFactory(code="SSA")
    client.force_login(admin_user)
    assert client.get(reverse("sso_claim_mappings:add")).status_code == 200
    response = client.post(
        reverse("sso_claim_mappings:add"),
        {
            "app": app.pk,
            "organisation": org.pk,
            "unit_claim": "enhed",
            "role_claim": "titel",
            "role_values-TOTAL_FORMS": "1",
            "role_values-INITIAL_FORMS": "0",
            "role_values-MIN_NUM_FORMS": "0",
            "role_values-MAX_NUM_FORMS": "1000",
            "role_values-0-value": "Social- og sundhedsassistent",
            "role_values-0-role": role.pk,
            "role_values-0-ORDER": "1",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    mapping = ProviderMapping.objects.get(app=app)
    assert mapping.unit_claim == "enhed"
    assert [(v.value, v.role.code) for v in mapping.role_values.all()] == [
        ("Social- og sundhedsassistent", "SSA")
    ]
