"""What the learner sees per AU in a package block."""

from django.utils.translation import gettext as _

from learning.accounts.roles import is_signed_in

from .models import Registration
from .satisfaction import unit_satisfied


def unit_rows(user, package):
    """[(unit, status text, done, started)] in course order. Three queries."""
    units = list(package.units.all())
    registration = None
    if is_signed_in(user):
        registration = (
            Registration.objects.filter(user=user, package=package)
            .prefetch_related("results")
            .first()
        )
    results = {r.unit_id: r for r in registration.results.all()} if registration else {}
    waived = set(registration.waivers.values_list("unit_id", flat=True)) if registration else set()
    rows = []
    for unit in units:
        result = results.get(unit.pk)
        if unit.pk in waived:
            text, done = _("Waived"), True
        elif result is None:
            text, done = _("Not started"), False
        elif result.passed_at and result.completed_at:
            text, done = _("Completed and passed"), True
        elif result.passed_at:
            text, done = _("Passed"), True
        elif result.completed_at:
            text, done = _("Completed"), True
        elif result.failed_at:
            text, done = _("Not passed"), False
        else:
            text, done = _("Started"), False
        done = done and unit_satisfied(unit, result, unit.pk in waived)
        rows.append((unit, text, done, result is not None))
    return rows
