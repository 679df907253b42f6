"""Sessions nobody finished (cmi5 section 9.3.6): a periodic sweep records "abandoned" for every
session still open ``PACKAGES_ABANDON_AFTER_HOURS`` after its launch, so an AU or SCO whose
window was simply closed does not stay open for ever. After it the session takes nothing more
(``guard``, ``scorm.commit``). A new launch of the same registration abandons the open session
at once, sweep or not (``launch.launch``, ``scorm.launch``)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from . import launch, scorm
from .models import LaunchSession


def abandon_stale_sessions(now=None):
    """Abandon every session open longer than the timeout; returns how many. Idempotent."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.PACKAGES_ABANDON_AFTER_HOURS)
    stale = LaunchSession.objects.filter(
        terminated_at=None, abandoned_at=None, launched_at__lt=cutoff
    ).values_list("pk", flat=True)
    count = 0
    for pk in list(stale):
        # One transaction per session, the row locked: an AU finishing at this moment either
        # terminates first (and is left alone) or finds its session abandoned.
        with transaction.atomic():
            session = (
                LaunchSession.objects.select_for_update()
                .select_related("registration__user", "registration__package", "unit__package")
                .filter(pk=pk, terminated_at=None, abandoned_at=None)
                .first()
            )
            if session is None:
                continue
            if session.registration.package.is_scorm:
                scorm.abandon(session, now)
            else:
                launch.abandon(session, now)
            count += 1
    return count
