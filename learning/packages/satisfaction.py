"""Results of AUs and packages, projected from the AU's statements (cmi5 sections 9.3, 13.1.4).

``project`` is registered with ``learning.xapi.projections`` and runs inside the transaction
that stores statements. It reads only statements stored with a session's own credential
(``Statement.credential`` is the session's), so nobody satisfies a package by posting
"passed" with another credential or their browser session. When every AU whose moveOn asks
for something is satisfied, the registration is satisfied: the LMS records "satisfied" for the
course (section 9.3.9) and the lesson that launched it is completed through the progress app's
own "completed lesson" statement, so course completion, competences and certificates follow
as for any lesson.

``is_package_satisfied(user, package)`` is the one question a course completion rule asks.
"""

import uuid

from django.db import transaction
from django.utils import timezone
from wagtail.models import Page

from learning.accounts.roles import is_signed_in
from learning.progress import activities, projection
from learning.progress.queries import enrolment
from learning.xapi import vocabulary
from learning.xapi.models import Statement
from learning.xapi.store import format_time, store_statements

from . import statements as lms
from .models import AssignableUnit, LaunchSession, Registration, UnitResult, Waiver

MoveOn = AssignableUnit.MoveOn


def is_package_satisfied(user, package):
    """Has ``user`` met the moveOn criteria of every AU of ``package``? One query."""
    if not is_signed_in(user):
        return False
    return Registration.objects.filter(
        user=user, package=package, satisfied_at__isnull=False
    ).exists()


def package_evidence(user, block_value):
    """For the course's completion rule: (stored, statement id) of the LMS's "satisfied"
    statement for ``user``'s registration of the block's package, if it stands; else None."""

    package = block_value.get("package")
    if package is None:
        return None
    ids = [
        satisfied_statement_id(registration)
        for registration in Registration.objects.filter(
            user=user, package=package, satisfied_at__isnull=False
        ).only("registration", "withdrawals")
    ]
    return (
        Statement.objects.filter(statement_id__in=ids, voided=False)
        .order_by("stored", "id")
        .values_list("stored", "statement_id")
        .first()
    )


def unit_satisfied(unit, result, waived=False):
    """cmi5 13.1.4 moveOn, judged on one AU's result (None: nothing recorded yet); a waived
    AU (9.3.7) is satisfied."""
    if waived:
        return True
    if unit.move_on == MoveOn.NOT_APPLICABLE:
        return True
    if result is None:
        return False
    completed, passed = bool(result.completed_at), bool(result.passed_at)
    if completed and result.failed_at and not passed and unit.package.is_scorm:
        # A SCO that reports its test failed is not done by being completed: SCORM keeps
        # completion and success apart, and a learner who failed the test has not met it
        # (cmi5's CompletedOrPassed, by contrast, says completed is enough).
        return False
    return {
        MoveOn.COMPLETED: completed,
        MoveOn.PASSED: passed,
        MoveOn.COMPLETED_AND_PASSED: completed and passed,
        MoveOn.COMPLETED_OR_PASSED: completed or passed,
    }[unit.move_on]


def _session_statements(rows):
    """[(row, session id)] for AU statements sent with some credential (no query)."""
    found = []
    for row in rows:
        if row.voided or row.credential_id is None or row.verb_id not in _AU_VERBS:
            continue
        extensions = (row.data.get("context") or {}).get("extensions") or {}
        session_id = extensions.get(lms.SESSION_ID)
        if isinstance(session_id, str):
            found.append((row, session_id))
    return found


_AU_VERBS = {
    vocabulary.INITIALIZED.id,
    vocabulary.COMPLETED.id,
    vocabulary.PASSED.id,
    vocabulary.FAILED.id,
    vocabulary.TERMINATED.id,
}


def _replay_waivers(rows):
    """A "waived" statement counts only when it is the one written with a Waiver row (replay
    of the log: the rows survive ``reset``)."""
    ids = [row.statement_id for row in rows if row.verb_id == vocabulary.WAIVED.id]
    if not ids:
        return
    for waiver in Waiver.objects.select_related("registration__package").filter(
        statement_id__in=ids
    ):
        _maybe_satisfy_package(waiver.registration, waiver.at, lesson_id=waiver.lesson_id)


def project(rows):
    _replay_waivers(rows)
    found = _session_statements(rows)
    if not found:
        return
    ids = set()
    for _row, session_id in found:
        try:
            ids.add(uuid.UUID(session_id))
        except ValueError:
            continue
    sessions = {
        str(s.session_id): s
        for s in LaunchSession.objects.select_related(
            "registration__package", "registration__user", "unit__package"
        ).filter(session_id__in=ids)
    }
    for row, session_id in found:
        session = sessions.get(session_id)
        if session is not None and session.credential_id == row.credential_id:
            _apply(session, row)


def _apply(session, row):
    # The time the platform stored the statement, never the AU's clock (docs/architecture.md,
    # "The evidence chain").
    verb, at = row.verb_id, row.stored
    result_data = row.data.get("result") or {}
    if verb == vocabulary.INITIALIZED.id:
        session.initialized_at = session.initialized_at or at
        session.save(update_fields=["initialized_at"])
        return
    if verb == vocabulary.TERMINATED.id:
        session.terminated_at = session.terminated_at or at
        session.save(update_fields=["terminated_at"])
        return
    result, _ = UnitResult.objects.get_or_create(
        registration=session.registration, unit=session.unit
    )
    if verb == vocabulary.COMPLETED.id:
        result.completed_at = result.completed_at or at
    else:
        if verb == vocabulary.PASSED.id:
            result.passed_at = result.passed_at or at
        else:
            result.failed_at = result.failed_at or at
        scaled = (result_data.get("score") or {}).get("scaled")
        if isinstance(scaled, int | float):
            result.score_scaled = scaled
        session.passed_or_failed = True
        session.save(update_fields=["passed_or_failed"])
    if result.satisfied_at is None and unit_satisfied(session.unit, result):
        result.satisfied_at = at
    result.save()
    _maybe_satisfy_package(session.registration, at, session)


def _generation(registration):
    # After a withdrawn waiver took satisfaction away, the next one gets statements of its own.
    return f"/{registration.withdrawals}" if registration.withdrawals else ""


def satisfied_statement_id(registration):
    """The id of the LMS's "satisfied" statement for the registration: deterministic, so
    replaying the log stores it once."""
    return uuid.uuid5(
        uuid.NAMESPACE_URL, f"{registration.registration}/satisfied{_generation(registration)}"
    )


def _lesson_statement_id(registration, lesson):
    actor = registration.user.actor_id
    name = f"{activities.for_page(lesson)}/{actor}/package{_generation(registration)}"
    return uuid.uuid5(uuid.NAMESPACE_URL, name)


def _maybe_satisfy_package(registration, at, session=None, lesson_id=None):
    if registration.satisfied_at is not None:
        return
    results = {r.unit_id: r for r in registration.results.all()}
    waived = set(registration.waivers.values_list("unit_id", flat=True))
    units = list(registration.package.units.all())
    if not all(unit_satisfied(u, results.get(u.pk), u.pk in waived) for u in units):
        return
    registration.satisfied_at = at
    registration.save(update_fields=["satisfied_at"])
    statement = lms.satisfied(registration, session)
    # A deterministic id and timestamp: replaying the log stores nothing twice.
    statement["id"] = str(satisfied_statement_id(registration))
    statement["timestamp"] = format_time(at)
    store_statements([statement])
    lesson_id = session.lesson_id if session is not None else lesson_id
    if lesson_id is not None:
        _complete_lesson(registration, lesson_id, at)


def _complete_lesson(registration, lesson_id, at):
    """Complete the lesson when every package in it is satisfied (progress app's statement)."""
    user = registration.user

    # The lesson page model lives in cms, a layer above; Wagtail's specific page is enough.
    lesson = Page.objects.filter(pk=lesson_id).specific().first()
    if lesson is None or not hasattr(lesson, "body"):
        return
    packages = [block.value["package"] for block in lesson.body if block.block_type == "package"]
    if not all(p is not None and is_package_satisfied(user, p) for p in packages):
        return
    course = lesson.get_parent().specific
    current = enrolment(user, course)
    statement = vocabulary.completed_lesson(
        user,
        activities.for_page(lesson),
        lesson.title,
        activities.for_page(course),
        current.registration if current else None,
    )
    statement["id"] = str(_lesson_statement_id(registration, lesson))
    statement["timestamp"] = format_time(at)
    store_statements([statement])
    # While rebuild_progress replays the log, the progress projection may meet that statement
    # (a duplicate now, so not projected again) before this registration was satisfied anew;
    # evaluating the course here makes the result independent of that order.
    projection.evaluate(user, course, at)


def waive(user, unit, reason, *, by=None, lesson_id=None):
    """Section 9.3.7: let ``user`` move on without ``unit``: a Waiver row and the LMS's
    "waived" statement in one transaction, then satisfaction as for any AU (completing the
    lesson ``lesson_id`` too when that satisfies the package). Idempotent."""
    reason = Waiver.Reason(reason)  # ValueError for a reason the spec does not name
    with transaction.atomic():
        registration, _ = Registration.objects.get_or_create(user=user, package=unit.package)
        if registration.waivers.filter(unit=unit).exists():
            return registration
        statement_id = store_statements([lms.waived(registration, unit, reason.value)])[0]
        at = timezone.now()
        Waiver.objects.create(
            registration=registration,
            unit=unit,
            reason=reason,
            waived_by=by,
            at=at,
            statement_id=statement_id,
            lesson_id=lesson_id,
        )
        _maybe_satisfy_package(registration, at, lesson_id=lesson_id)
    return registration


def withdraw_waiver(waiver, *, by):
    """Take a waiver back: the row goes and the LRS's own voiding voids its "waived" statement
    (in one transaction). When the package is then no longer satisfied, the registration is
    not either: the LMS's "satisfied" statement and the package's "completed lesson"
    statements are voided too, so the progress projection takes back the lesson, the course,
    its competences and certificate (learning.progress.projection, "voided"). A later
    satisfaction records new statements (``Registration.withdrawals``)."""
    with transaction.atomic():
        registration = (
            Registration.objects.select_for_update()
            .select_related("package", "user")
            .get(pk=waiver.registration_id)
        )
        lesson_ids = set(registration.waivers.values_list("lesson_id", flat=True))
        lesson_ids |= set(registration.sessions.values_list("lesson_id", flat=True))
        waiver.delete()
        store_statements([vocabulary.voiding(by, waiver.statement_id)])
        if registration.satisfied_at is None:
            return
        results = {r.unit_id: r for r in registration.results.all()}
        waived = set(registration.waivers.values_list("unit_id", flat=True))
        units = list(registration.package.units.all())
        if all(unit_satisfied(u, results.get(u.pk), u.pk in waived) for u in units):
            return  # satisfied without it: by the AU's own statements or other waivers
        lessons = Page.objects.filter(pk__in=lesson_ids - {None})
        targets = [satisfied_statement_id(registration)]
        targets += [_lesson_statement_id(registration, lesson) for lesson in lessons]
        standing = Statement.objects.filter(statement_id__in=targets, voided=False)
        voidings = [
            vocabulary.voiding(by, statement_id)
            for statement_id in standing.values_list("statement_id", flat=True)
        ]
        registration.satisfied_at = None
        registration.withdrawals += 1
        registration.save(update_fields=["satisfied_at", "withdrawals"])
        if voidings:
            store_statements(voidings)


def reset():
    """Empty what ``project`` builds; the log replays it (abandonment is the LMS's own)."""
    UnitResult.objects.all().delete()
    Registration.objects.update(satisfied_at=None)
    LaunchSession.objects.update(initialized_at=None, terminated_at=None, passed_or_failed=False)
