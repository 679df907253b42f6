"""Which courses and guides are required of a person: those that award a competence, at the
level asked or higher, for one of the person's requirements whose status is not met (due,
overdue or expired). The statuses come from ``learning.competences.status`` only."""

from dataclasses import dataclass, field

from learning.accounts.roles import is_signed_in
from learning.competences.status import statuses_for_person


@dataclass
class RequiredCompetences:
    # competence id -> the lowest level a page must award to satisfy an open requirement
    levels: dict = field(default_factory=dict)
    statuses: list = field(default_factory=list)

    @classmethod
    def for_user(cls, user):
        """Three queries for a signed-in person, none for an anonymous visitor."""
        if not is_signed_in(user):
            return cls()
        statuses = statuses_for_person(user)
        levels = {}
        for status in statuses:
            if status.is_covered:
                continue
            requirement = status.requirement
            current = levels.get(requirement.competence_id)
            levels[requirement.competence_id] = min(current or requirement.level, requirement.level)
        return cls(levels, statuses)

    def is_required(self, page):
        """Uses ``page.competence_links`` (prefetch it when checking many pages)."""
        return self.awards_required(
            (link.competence_id, link.level) for link in page.competence_links.all()
        )

    def awards_required(self, awarded):
        """Does a page awarding these (competence id, level) pairs meet an open requirement?"""
        if not self.levels:
            return False
        return any(level >= self.levels.get(competence_id, 99) for competence_id, level in awarded)
