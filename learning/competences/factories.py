import factory
from django.utils import timezone

from learning.accounts.factories import UserFactory
from learning.organisations.factories import OrganisationFactory

from .models import (
    Competence,
    CompetenceArea,
    CompetenceRecord,
    Evidence,
    Framework,
    Level,
    Requirement,
)


class FrameworkFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Framework

    code = factory.Sequence(lambda n: f"framework-{n}")
    name = factory.Sequence(lambda n: f"Ramme {n}")


class CompetenceAreaFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetenceArea

    framework = factory.SubFactory(FrameworkFactory)
    code = factory.Sequence(lambda n: f"A{n}")
    name = factory.Sequence(lambda n: f"Område {n}")


class CompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Competence

    area = factory.SubFactory(CompetenceAreaFactory)
    code = factory.Sequence(lambda n: f"T{n}")
    name = factory.Sequence(lambda n: f"Kompetence {n}")


class RequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Requirement

    unit = factory.SubFactory(OrganisationFactory)
    competence = factory.SubFactory(CompetenceFactory)
    level = Level.BASIC
    due_within_days = 90


class CompetenceRecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CompetenceRecord

    user = factory.SubFactory(UserFactory)
    competence = factory.SubFactory(CompetenceFactory)
    level = Level.BASIC
    achieved_at = factory.LazyFunction(timezone.now)
    evidence = Evidence.COURSE
