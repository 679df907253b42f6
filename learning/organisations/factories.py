import datetime

import factory

from learning.accounts.factories import UserFactory

from .models import (
    Delegation,
    JobAssignment,
    JobRole,
    ManagerScope,
    Organisation,
    Sector,
    StaffProfile,
)


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A unit in the tree. Pass ``parent=`` to put it below another; without it, a new root."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Enhed {n}")
    sector = Sector.MUNICIPALITY
    kind = "unit"

    @classmethod
    def _create(cls, model_class, *args, parent=None, **kwargs):
        node = model_class(**kwargs)
        if parent is None:
            return model_class.add_root(instance=node)
        return parent.add_child(instance=node)


class JobRoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobRole
        django_get_or_create = ["code"]

    code = factory.Sequence(lambda n: f"R{n}")
    name = factory.Sequence(lambda n: f"Stilling {n}")


class StaffProfileFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = StaffProfile

    user = factory.SubFactory(UserFactory)
    external_id = factory.Sequence(lambda n: f"P{n:06d}")


class JobAssignmentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = JobAssignment

    user = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(OrganisationFactory)
    role = factory.SubFactory(JobRoleFactory)
    starts_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=365))


class ManagerScopeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManagerScope

    manager = factory.SubFactory(UserFactory)
    unit = factory.SubFactory(OrganisationFactory)
    starts_on = factory.LazyFunction(lambda: datetime.date.today() - datetime.timedelta(days=30))


class DelegationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Delegation

    unit = factory.SubFactory(OrganisationFactory)
    deputy = factory.SubFactory(UserFactory)
    granted_by = factory.SubFactory(UserFactory)
    starts_on = factory.LazyFunction(datetime.date.today)
    ends_on = factory.LazyFunction(lambda: datetime.date.today() + datetime.timedelta(days=14))
