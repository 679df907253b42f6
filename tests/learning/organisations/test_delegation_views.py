"""Granting and revoking deputies through the manager page."""

import datetime

import pytest
from django.urls import reverse

from learning.organisations import permissions
from learning.organisations.factories import (
    DelegationFactory,
    ManagerScopeFactory,
    OrganisationFactory,
)
from learning.organisations.models import Delegation

TODAY = datetime.date.today()


@pytest.fixture
def home_care(db, manager):
    unit = OrganisationFactory(name="Hjemmeplejen")
    ManagerScopeFactory(manager=manager, unit=unit)
    return unit


def grant(client, unit, email, ends_in=14):
    return client.post(
        reverse("manage_org:delegations"),
        {
            "unit": unit.pk,
            "deputy_email": email,
            "starts_on": TODAY.isoformat(),
            "ends_on": (TODAY + datetime.timedelta(days=ends_in)).isoformat(),
        },
    )


def test_a_manager_grants_a_deputy_and_it_is_recorded(client, manager, learner, home_care):
    client.force_login(manager)
    assert grant(client, home_care, learner.email).status_code == 302
    delegation = Delegation.objects.get()
    assert (delegation.deputy, delegation.granted_by, delegation.unit) == (
        learner,
        manager,
        home_care,
    )
    assert permissions.can_manage_unit(learner, home_care)


def test_a_manager_cannot_delegate_a_unit_she_does_not_manage(client, manager, learner, home_care):
    other = OrganisationFactory(name="Andet sted")
    client.force_login(manager)
    response = grant(client, other, learner.email)
    assert response.status_code == 200 and "unit" in response.context["form"].errors
    assert not Delegation.objects.exists()


def test_a_delegation_to_an_unknown_email_is_refused(client, manager, home_care):
    client.force_login(manager)
    response = grant(client, home_care, "nobody@example.org")
    assert "deputy_email" in response.context["form"].errors


def test_a_delegation_longer_than_a_year_is_refused(client, manager, learner, home_care):
    client.force_login(manager)
    response = grant(client, home_care, learner.email, ends_in=400)
    assert "ends_on" in response.context["form"].errors


def test_a_manager_cannot_delegate_to_herself(client, manager, home_care):
    client.force_login(manager)
    response = grant(client, home_care, manager.email)
    assert "deputy_email" in response.context["form"].errors


def test_an_outsider_cannot_open_the_delegation_page(client, outsider, home_care):
    client.force_login(outsider)
    assert client.get(reverse("manage_org:delegations")).status_code == 403


def test_a_deputy_sees_the_delegation_but_cannot_grant(client, manager, learner, home_care):
    DelegationFactory(unit=home_care, granted_by=manager, deputy=learner)
    client.force_login(learner)
    response = client.get(reverse("manage_org:delegations"))
    assert response.status_code == 200 and response.context["form"] is None
    assert grant(client, home_care, "x@example.org").status_code == 403


def test_the_granter_revokes_and_the_record_stays(client, manager, learner, home_care):
    delegation = DelegationFactory(unit=home_care, granted_by=manager, deputy=learner)
    client.force_login(manager)
    client.post(reverse("manage_org:delegation_revoke", args=[delegation.pk]))
    delegation.refresh_from_db()
    assert delegation.revoked_at is not None
    assert not permissions.can_manage_unit(learner, home_care)


def test_a_deputy_cannot_revoke(client, manager, learner, home_care):
    delegation = DelegationFactory(unit=home_care, granted_by=manager, deputy=learner)
    client.force_login(learner)
    url = reverse("manage_org:delegation_revoke", args=[delegation.pk])
    assert client.post(url).status_code == 404
    delegation.refresh_from_db()
    assert delegation.revoked_at is None


def test_revoking_needs_post(client, manager, learner, home_care):
    delegation = DelegationFactory(unit=home_care, granted_by=manager, deputy=learner)
    client.force_login(manager)
    url = reverse("manage_org:delegation_revoke", args=[delegation.pk])
    assert client.get(url).status_code == 405
    delegation.refresh_from_db()
    assert delegation.revoked_at is None


def test_revoking_an_unknown_delegation_is_not_found(client, manager, learner, home_care):
    delegation = DelegationFactory(unit=home_care, granted_by=manager, deputy=learner)
    client.force_login(manager)
    url = reverse("manage_org:delegation_revoke", args=[delegation.pk + 99999])
    assert client.post(url).status_code == 404
    delegation.refresh_from_db()
    assert delegation.revoked_at is None
