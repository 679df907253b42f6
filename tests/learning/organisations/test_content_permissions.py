"""can_edit_content: educators change what their employer owns; admins everything; nobody
else. Reading is never restricted by it."""

import datetime

import pytest

from learning.organisations.factories import JobAssignmentFactory, OrganisationFactory
from learning.organisations.permissions import can_edit_content, employers

pytestmark = pytest.mark.django_db


@pytest.fixture
def aalborg():
    return OrganisationFactory(name="Aalborg Kommune")


@pytest.fixture
def hjorring():
    return OrganisationFactory(name="Hjørring Kommune")


@pytest.fixture
def aalborg_educator(educator, aalborg):
    unit = OrganisationFactory(name="Udvikling og kvalitet", parent=aalborg)
    JobAssignmentFactory(user=educator, unit=unit)
    return educator


def test_an_educator_working_below_the_owner_may_edit(aalborg_educator, aalborg):
    assert can_edit_content(aalborg_educator, aalborg)


def test_an_educator_of_another_organisation_may_not_edit(aalborg_educator, hjorring):
    assert not can_edit_content(aalborg_educator, hjorring)


def test_ownership_is_by_employer_even_when_the_owner_is_a_unit(aalborg_educator, aalborg):
    other_unit = OrganisationFactory(name="Hjemmeplejen", parent=aalborg)
    assert can_edit_content(aalborg_educator, other_unit)


def test_an_ended_assignment_no_longer_counts(educator, aalborg):
    past = datetime.date.today() - datetime.timedelta(days=1)
    JobAssignmentFactory(user=educator, unit=aalborg, ends_on=past)
    assert not can_edit_content(educator, aalborg)


def test_a_platform_admin_may_edit_anything(admin_user, hjorring):
    assert can_edit_content(admin_user, hjorring)


def test_shared_content_without_an_owner_is_changed_by_platform_admins_only(educator, admin_user):
    assert not can_edit_content(educator, None)
    assert can_edit_content(admin_user, None)


def test_nobody_signed_out_or_inactive_may_edit(client, aalborg_educator, aalborg):
    from django.contrib.auth.models import AnonymousUser

    assert not can_edit_content(AnonymousUser(), aalborg)
    aalborg_educator.is_active = False
    assert not can_edit_content(aalborg_educator, aalborg)


def test_employers_are_the_top_level_organisations_of_active_assignments(
    aalborg_educator, aalborg, hjorring
):
    assert list(employers(aalborg_educator)) == [aalborg]
