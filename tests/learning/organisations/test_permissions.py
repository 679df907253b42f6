"""Who manages what: scopes, subtrees, delegations that expire, admins, outsiders."""

import datetime

import pytest
from django.contrib.auth.models import Group

from learning.organisations import permissions
from learning.organisations.factories import (
    DelegationFactory,
    JobAssignmentFactory,
    ManagerScopeFactory,
    OrganisationFactory,
)
from learning.organisations.seed import PLATFORM_ADMIN_GROUP

TODAY = datetime.date.today()


def days(n):
    return TODAY + datetime.timedelta(days=n)


@pytest.fixture
def tree(db):
    municipality = OrganisationFactory(name="Mariagerfjord Kommune")
    home_care = OrganisationFactory(parent=municipality, name="Hjemmeplejen")
    team = OrganisationFactory(parent=home_care, name="Team Hobro")
    nursing = OrganisationFactory(parent=municipality, name="Hjemmesygeplejen")
    elsewhere = OrganisationFactory(name="Hjørring Kommune")
    return {
        "municipality": municipality,
        "home_care": home_care,
        "team": team,
        "nursing": nursing,
        "elsewhere": elsewhere,
    }


@pytest.fixture
def hanne_scope(tree, manager):
    return ManagerScopeFactory(manager=manager, unit=tree["home_care"])


def test_a_manager_manages_the_unit_and_everything_below(tree, manager, hanne_scope):
    assert permissions.managed_units(manager) == {tree["home_care"].pk, tree["team"].pk}


def test_a_manager_does_not_manage_siblings_or_parents(tree, manager, hanne_scope):
    assert not permissions.can_manage_unit(manager, tree["nursing"])
    assert not permissions.can_manage_unit(manager, tree["municipality"])


def test_an_ended_scope_gives_nothing(tree, manager):
    ManagerScopeFactory(
        manager=manager, unit=tree["home_care"], starts_on=days(-100), ends_on=days(-1)
    )
    assert permissions.managed_units(manager) == set()


def test_an_outsider_manages_nothing(tree, outsider, hanne_scope):
    assert permissions.managed_units(outsider) == set()
    assert not permissions.can_manage_unit(outsider, tree["team"])
    assert list(permissions.manageable_units(outsider)) == []


def test_an_anonymous_user_manages_nothing(tree, hanne_scope):
    from django.contrib.auth.models import AnonymousUser

    assert permissions.managed_units(AnonymousUser()) == set()
    assert not permissions.is_platform_admin(AnonymousUser())


def test_a_superuser_is_a_platform_admin(admin_user, tree):
    assert permissions.is_platform_admin(admin_user)
    assert permissions.can_manage_unit(admin_user, tree["elsewhere"])


def test_a_member_of_the_platform_admin_group_is_a_platform_admin(outsider, tree):
    outsider.groups.add(Group.objects.get(name=PLATFORM_ADMIN_GROUP))
    assert permissions.is_platform_admin(outsider)
    assert permissions.manageable_units(outsider).count() == 5


def test_group_membership_and_scope_come_in_one_query(
    tree, manager, outsider, hanne_scope, django_assert_num_queries
):
    """The admin group and today's scope are read together; each answer stays right."""
    manager_again = type(manager).objects.get(pk=manager.pk)  # a fresh request's user object
    with django_assert_num_queries(1):
        assert not permissions.is_platform_admin(manager_again)
        assert permissions.scope_roots(manager_again) == [
            (tree["home_care"].pk, tree["home_care"].path)
        ]
    outsider.groups.add(Group.objects.get(name=PLATFORM_ADMIN_GROUP))
    admin_again = type(outsider).objects.get(pk=outsider.pk)
    with django_assert_num_queries(1):
        assert permissions.scope_roots(admin_again) == []
        assert permissions.is_platform_admin(admin_again)


def test_a_valid_delegation_lets_the_deputy_manage(tree, manager, learner, hanne_scope):
    DelegationFactory(unit=tree["home_care"], granted_by=manager, deputy=learner)
    assert permissions.managed_units(learner) == {tree["home_care"].pk, tree["team"].pk}


def test_an_expired_delegation_gives_nothing(tree, manager, learner, hanne_scope):
    DelegationFactory(
        unit=tree["home_care"],
        granted_by=manager,
        deputy=learner,
        starts_on=days(-20),
        ends_on=days(-1),
    )
    assert permissions.managed_units(learner) == set()


def test_a_delegation_counts_on_its_last_day_and_not_after(tree, manager, learner, hanne_scope):
    DelegationFactory(
        unit=tree["home_care"],
        granted_by=manager,
        deputy=learner,
        starts_on=days(-5),
        ends_on=TODAY,
    )
    assert permissions.can_manage_unit(learner, tree["team"], at=TODAY)
    assert not permissions.can_manage_unit(learner, tree["team"], at=days(1))


def test_a_future_delegation_gives_nothing_yet(tree, manager, learner, hanne_scope):
    DelegationFactory(
        unit=tree["home_care"],
        granted_by=manager,
        deputy=learner,
        starts_on=days(3),
        ends_on=days(10),
    )
    assert permissions.managed_units(learner) == set()


def test_a_revoked_delegation_gives_nothing(tree, manager, learner, hanne_scope):
    from django.utils import timezone

    DelegationFactory(
        unit=tree["home_care"], granted_by=manager, deputy=learner, revoked_at=timezone.now()
    )
    assert permissions.managed_units(learner) == set()


def test_a_delegation_dies_with_the_granters_scope(tree, manager, learner, hanne_scope):
    DelegationFactory(unit=tree["home_care"], granted_by=manager, deputy=learner)
    hanne_scope.ends_on = days(-1)
    hanne_scope.starts_on = days(-10)
    hanne_scope.save()
    assert permissions.managed_units(learner) == set()


def test_a_delegation_from_someone_without_scope_gives_nothing(tree, outsider, learner):
    DelegationFactory(unit=tree["home_care"], granted_by=outsider, deputy=learner)
    assert permissions.managed_units(learner) == set()


def test_a_deputy_cannot_delegate_further(tree, manager, learner, hanne_scope):
    DelegationFactory(unit=tree["home_care"], granted_by=manager, deputy=learner)
    assert not permissions.can_delegate(learner, tree["home_care"])
    assert permissions.can_delegate(manager, tree["home_care"])


def test_a_manager_manages_people_assigned_in_scope_only(
    tree, manager, hanne_scope, learner, outsider
):
    JobAssignmentFactory(user=learner, unit=tree["team"])
    JobAssignmentFactory(user=outsider, unit=tree["nursing"])
    assert permissions.can_manage_person(manager, learner)
    assert not permissions.can_manage_person(manager, outsider)


def test_a_person_who_left_the_unit_is_no_longer_managed(tree, manager, hanne_scope, learner):
    JobAssignmentFactory(user=learner, unit=tree["team"], starts_on=days(-100), ends_on=days(-1))
    assert not permissions.can_manage_person(manager, learner)


@pytest.mark.parametrize("viewer", ["manager", "outsider", "admin_user"])
def test_a_persons_read_jobs_give_the_same_answer_as_asking_the_database(
    tree, hanne_scope, viewer, request
):
    """``can_manage_person_with_jobs`` (the views read the jobs anyway) agrees with
    ``can_manage_person`` for people in, above, beside and outside the scope, ended jobs too."""
    from learning.accounts.factories import UserFactory
    from learning.organisations.models import JobAssignment

    viewer = request.getfixturevalue(viewer)
    people = {}
    for key, unit, ends_on in [
        ("in the team", "team", None),
        ("in the municipality", "municipality", None),
        ("beside", "nursing", None),
        ("elsewhere", "elsewhere", None),
        ("left the team", "team", days(-1)),
    ]:
        people[key] = UserFactory()
        JobAssignmentFactory(
            user=people[key], unit=tree[unit], starts_on=days(-30), ends_on=ends_on
        )
    people["two employers"] = UserFactory()
    JobAssignmentFactory(user=people["two employers"], unit=tree["elsewhere"])
    JobAssignmentFactory(user=people["two employers"], unit=tree["home_care"])
    people["no job"] = UserFactory()
    for key, person in people.items():
        paths = (
            JobAssignment.objects.active_on()
            .filter(user=person)
            .values_list("unit__path", flat=True)
        )
        expected = permissions.can_manage_person(viewer, person)
        assert permissions.can_manage_person_with_jobs(viewer, list(paths)) == expected, key
    if viewer.is_superuser:
        assert all(permissions.can_manage_person(viewer, p) for p in people.values())
    elif viewer.pk == hanne_scope.manager_id:
        assert [k for k, p in people.items() if permissions.can_manage_person(viewer, p)] == [
            "in the team",
            "two employers",
        ]
