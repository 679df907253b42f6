"""The progress projection: enrolments and lesson progress from the statement log.

Registered in ``apps.py`` with ``learning.xapi.projections``; the store calls ``project`` inside
the transaction that stores the statements. The statements it reads:

- ``registered`` a course or video guide: enrol (the first registration wins);
- ``completed`` a lesson: the lesson is done (enrolling implicitly if needed). When every
  required live lesson of the course is done, the course is complete: a ``completed`` course
  statement is stored, the awarded competences are recorded and a certificate is issued;
- ``completed`` a video guide: complete only if the video app says the person's played segments
  cover the video. A forged statement alone completes nothing.

Course completion is always derived from lesson progress, never taken from a "completed course"
statement, so nobody completes a course by posting one to the LRS.

``manage.py rebuild_progress`` (learning.xapi) calls ``clear_progress`` and replays the log
through ``project``, so every side effect is idempotent: the course completion statement has a
deterministic id and timestamp (re-storing it is a no-op), certificates are found by
registration, and a competence is recorded once per certificate.
"""

import uuid

from django.utils import timezone

from cms import video
from learning.xapi import vocabulary
from learning.xapi.actors import homepage, users_by_actor_id

from . import activities
from .models import Enrolment, LessonProgress

WATCHED_VERBS = {vocabulary.REGISTERED.id, vocabulary.COMPLETED.id}


def _relevant(statements):
    """[(row, kind, page id, actor name)] for statements this projection reads (no query)."""
    home = homepage()
    found = []
    for row in statements:
        data = row.data
        if row.voided or data["verb"]["id"] not in WATCHED_VERBS:
            continue
        obj = data.get("object") or {}
        if obj.get("objectType", "Activity") != "Activity":
            continue
        parsed = activities.parse(obj.get("id"))
        account = (data.get("actor") or {}).get("account") or {}
        if parsed is None or account.get("homePage") != home:
            continue
        found.append((row, parsed[0], parsed[1], account.get("name")))
    return found


def _users(names):
    valid = []
    for name in names:
        try:
            valid.append(uuid.UUID(str(name)))
        except ValueError:
            continue
    return {str(actor_id): user for actor_id, user in users_by_actor_id(valid).items()}


def clear_progress():
    """Empty the projection (lesson progress goes with the enrolments). Certificates stay."""
    Enrolment.objects.all().delete()


def project(statements):
    """Apply newly stored statements (a few queries per relevant statement, none otherwise)."""
    relevant = _relevant(statements)
    if not relevant:
        return
    users = _users({name for *_rest, name in relevant})
    for row, kind, page_id, name in relevant:
        user = users.get(name)
        if user is None:
            continue
        verb = row.data["verb"]["id"]
        registration = (row.data.get("context") or {}).get("registration")
        at = row.timestamp
        if verb == vocabulary.REGISTERED.id and kind in (activities.COURSE, activities.VIDEO_GUIDE):
            _enrol(user, page_id, registration, at)
        elif verb == vocabulary.COMPLETED.id and kind == activities.LESSON:
            _lesson_done(user, page_id, registration, at, row.statement_id)
        elif verb == vocabulary.COMPLETED.id and kind == activities.VIDEO_GUIDE:
            _guide_done(user, page_id, registration, at, row.statement_id)


def _pages():
    from cms.models import CoursePage, LessonPage, VideoGuidePage

    return CoursePage, LessonPage, VideoGuidePage


def _enrolment(user, page, registration, at):
    enrolment, created = Enrolment.objects.get_or_create(
        user=user,
        page_id=page.pk,
        # Without a registration (a lesson done before starting), one derived from the person
        # and the page, so a replay of the log gives the same value.
        defaults={
            "registration": registration
            or uuid.uuid5(uuid.NAMESPACE_URL, f"{activities.for_page(page)}/{user.actor_id}"),
            "enrolled_at": at,
            "last_activity_at": at,
            "lessons_required": len(page.required_lesson_ids())
            if hasattr(page, "required_lesson_ids")
            else 0,
        },
    )
    return enrolment


def _enrol(user, page_id, registration, at):
    CoursePage, _LessonPage, VideoGuidePage = _pages()
    page = (
        CoursePage.objects.filter(pk=page_id).first()
        or VideoGuidePage.objects.filter(pk=page_id).first()
    )
    if page is not None:
        _enrolment(user, page, registration, at)


def _lesson_done(user, lesson_id, registration, at, statement_id):
    CoursePage, LessonPage, _VideoGuidePage = _pages()
    lesson = LessonPage.objects.filter(pk=lesson_id).first()
    if lesson is None:
        return
    course = CoursePage.objects.filter(pk=lesson.get_parent().pk).first()
    if course is None:
        return
    enrolment = _enrolment(user, course, registration, at)
    LessonProgress.objects.get_or_create(
        enrolment=enrolment,
        lesson_id=lesson.pk,
        defaults={"completed_at": at, "statement_id": statement_id},
    )
    required = course.required_lesson_ids()
    done = set(enrolment.lessons.values_list("lesson_id", flat=True))
    enrolment.lessons_required = len(required)
    enrolment.lessons_done = len(required & done)
    enrolment.last_activity_at = max(enrolment.last_activity_at, at)
    if enrolment.completed_at is None and required and required <= done:
        _complete(enrolment, course, at, emit=True)
    enrolment.save()


def _guide_done(user, guide_id, registration, at, statement_id):
    _CoursePage, _LessonPage, VideoGuidePage = _pages()
    guide = VideoGuidePage.objects.filter(pk=guide_id).first()
    if guide is None:
        return
    if not video.is_video_complete(user, activities.activity_id(activities.VIDEO, guide.pk)):
        return
    enrolment = _enrolment(user, guide, registration, at)
    enrolment.last_activity_at = max(enrolment.last_activity_at, at)
    if enrolment.completed_at is None:
        _complete(enrolment, guide, at, emit=False, statement_id=statement_id)
    enrolment.save()


def completion_statement(user, page, registration, at):
    """The "completed" statement for a course or guide, with an id and timestamp that depend
    only on who, what, which registration and when: storing it again is a no-op."""
    from learning.xapi.store import format_time

    statement = vocabulary.completed_course(
        user, activities.for_page(page), page.title, registration
    )
    statement["id"] = str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"{activities.for_page(page)}/completed/{registration}")
    )
    statement["timestamp"] = format_time(at)
    return statement


def _complete(enrolment, page, at, *, emit, statement_id=None):
    """Mark complete, store the completion statement (``emit``), record the competences and
    issue the certificate. Idempotent."""
    from learning.xapi.store import store_statements

    from .certificates import award

    enrolment.completed_at = at
    if emit:
        statement = completion_statement(enrolment.user, page, enrolment.registration, at)
        statement_id = store_statements([statement])[0]
    award(enrolment, page, at, statement_id=statement_id)


def video_completed(user, activity_id):
    """Callback for the video app: ``user`` has watched the video ``activity_id`` (live, and
    again while the log is replayed). Completes the guide at the time the video app decided
    it, and stores the guide's completion statement. Runs inside the caller's transaction."""
    parsed = activities.parse(activity_id)
    if parsed is None or parsed[0] != activities.VIDEO:
        return
    _CoursePage, _LessonPage, VideoGuidePage = _pages()
    guide = VideoGuidePage.objects.filter(pk=parsed[1]).first()
    if guide is None:
        return
    enrolment = Enrolment.objects.filter(user=user, page_id=guide.pk).first()
    if enrolment is not None and enrolment.completed_at is not None:
        return
    at = video.completed_at(user, activity_id) or timezone.now()
    registration = (
        enrolment.registration
        if enrolment
        else uuid.uuid5(uuid.NAMESPACE_URL, f"{activities.for_page(guide)}/{user.actor_id}")
    )
    enrolment = _enrolment(user, guide, registration, at)
    _complete(enrolment, guide, at, emit=True)
    enrolment.last_activity_at = max(enrolment.last_activity_at, at)
    enrolment.save()
