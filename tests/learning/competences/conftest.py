import datetime

import pytest

from learning.competences.factories import RequirementFactory
from learning.competences.models import Competence
from learning.organisations.factories import (
    JobAssignmentFactory,
    JobRoleFactory,
    ManagerScopeFactory,
    OrganisationFactory,
)


@pytest.fixture
def world(db, manager, learner, outsider):
    """Hanne manages Mariagerfjord home care; Mette works in it as a nurse; Olaf works elsewhere."""
    municipality = OrganisationFactory(name="Mariagerfjord Kommune")
    home_care = OrganisationFactory(parent=municipality, name="Hjemmeplejen")
    elsewhere = OrganisationFactory(name="Hjørring Kommune")
    nurse = JobRoleFactory(code="SYG", name="Sygeplejerske")
    fmk = Competence.objects.get(code="N3")  # seeded by the data migration
    ManagerScopeFactory(manager=manager, unit=home_care)
    JobAssignmentFactory(
        user=learner,
        unit=home_care,
        role=nurse,
        starts_on=datetime.date.today() - datetime.timedelta(days=10),
    )
    JobAssignmentFactory(user=outsider, unit=elsewhere, role=nurse)
    own = RequirementFactory(unit=home_care, role=nurse, competence=fmk, level=2)
    foreign = RequirementFactory(unit=elsewhere, role=nurse, competence=fmk, level=1)
    return {
        "municipality": municipality,
        "home_care": home_care,
        "elsewhere": elsewhere,
        "nurse": nurse,
        "fmk": fmk,
        "own": own,
        "foreign": foreign,
    }
