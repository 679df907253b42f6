"""Sessions nobody finished (cmi5 section 9.3.6): a periodic sweep records "abandoned" for every
open session that has been silent for ``PACKAGES_ABANDON_AFTER_HOURS``, so an AU or SCO whose
window was simply closed does not stay open for ever, while one still in use is left alone
however long ago it was launched. After it the session takes nothing more (``guard``,
``scorm.commit``). A new launch of the same registration abandons the open session at once,
sweep or not (``launch.launch``, ``scorm.launch``).

A session's last activity is read from what its requests store anyway, so it costs nothing per
request: the statements stored with the session's own credential (an AU's statements; a SCO's
commits that change a status), and for a SCO the ``updated`` time of its ``ScormData`` row,
which every accepted commit saves (one open session per registration, so a recent save is the
open session's). The sweep asks with two ``EXISTS`` subqueries on indexed columns."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone

from learning.xapi.models import Statement

from . import launch, scorm
from .models import LaunchSession, ScormData


def silent_since(cutoff):
    """Open sessions launched before ``cutoff`` with nothing from them since."""
    return (
        LaunchSession.objects.filter(terminated_at=None, abandoned_at=None, launched_at__lt=cutoff)
        .exclude(
            Exists(Statement.objects.filter(credential=OuterRef("credential"), stored__gte=cutoff))
        )
        .exclude(
            Exists(
                ScormData.objects.filter(
                    registration=OuterRef("registration"),
                    unit=OuterRef("unit"),
                    updated__gte=cutoff,
                )
            )
        )
    )


def abandon_stale_sessions(now=None):
    """Abandon every open session silent longer than the timeout; returns how many.
    Idempotent."""
    now = now or timezone.now()
    cutoff = now - timedelta(hours=settings.PACKAGES_ABANDON_AFTER_HOURS)
    stale = silent_since(cutoff).values_list("pk", flat=True)
    count = 0
    for pk in list(stale):
        # One transaction per session, the row locked and its silence asked again: an AU
        # finishing at this moment either terminates first (and is left alone) or finds its
        # session abandoned.
        with transaction.atomic():
            session = (
                silent_since(cutoff)
                .select_for_update(of=("self",))
                .select_related("registration__user", "registration__package", "unit__package")
                .filter(pk=pk)
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
