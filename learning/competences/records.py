"""Adding competence records. Courses, quizzes, sign-offs and imports all go through here."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from learning.organisations import permissions
from learning.organisations.models import Organisation

from .models import CompetenceRecord, Evidence
from .status import add_months, load_facts, requirement_applies


def renewal_valid_until(user, competence, achieved_on):
    """The last valid day under the shortest renewal rule that applies to the person, or None.

    Only requirements for this competence reached through the person's current assignments
    count (a record may be older than the job, e.g. an imported certificate). Three queries.
    """
    assignments, requirements_by_path, _records = load_facts([user.pk], timezone.localdate())
    months = []
    for assignment in assignments.get(user.pk, []):
        paths = {
            assignment.unit_path[:end]
            for end in range(
                Organisation.steplen, len(assignment.unit_path) + 1, Organisation.steplen
            )
        }
        for path in paths:
            for requirement in requirements_by_path.get(path, ()):
                if (
                    requirement.competence_id == competence.pk
                    and requirement.renew_every_months
                    and requirement_applies(requirement, assignment)
                ):
                    months.append(requirement.renew_every_months)
    if not months:
        return None
    return add_months(achieved_on, min(months)) - datetime.timedelta(days=1)


def record_competence(
    user,
    competence,
    level,
    evidence,
    *,
    achieved_at=None,
    source=None,
    statement_id=None,
    recorded_by=None,
    note="",
    valid_until=None,
):
    """Store that ``user`` showed ``competence`` at ``level``. Writes one row.

    ``valid_until`` defaults to what the renewal rules give on the day it was achieved.
    """
    achieved_at = achieved_at or timezone.now()
    if valid_until is None:
        valid_until = renewal_valid_until(user, competence, timezone.localdate(achieved_at))
    return CompetenceRecord.objects.create(
        user=user,
        competence=competence,
        level=level,
        evidence=evidence,
        achieved_at=achieved_at,
        valid_until=valid_until,
        source_type=ContentType.objects.get_for_model(source) if source is not None else None,
        source_id=str(source.pk) if source is not None else "",
        statement_id=statement_id,
        recorded_by=recorded_by,
        note=note,
    )


def sign_off(manager, person, competence, level, note=""):
    """A manager confirms a person in their scope has the competence. Raises PermissionDenied."""
    if manager.pk == person.pk and not permissions.is_platform_admin(manager):
        raise PermissionDenied("Managers cannot sign off their own competences.")
    if not permissions.can_manage_person(manager, person):
        raise PermissionDenied("The person is not in the manager's scope.")
    return record_competence(
        person, competence, level, Evidence.SIGN_OFF, recorded_by=manager, note=note
    )
