"""The progress projection: enrolments, lesson progress and course completion from the
statement log.

Registered in ``apps.py`` with ``learning.xapi.projections``; the store calls ``project`` inside
the transaction that stores the statements. The statements it reads:

- ``registered`` a course or video guide: enrol (the first registration wins);
- ``completed`` a lesson, or ``passed`` a quiz (the quiz app's own statement, checked against
  its attempt row): the course's completion rule is evaluated again (``rule.py``). When every
  required lesson is done, the course is complete: a ``completed`` course statement is stored,
  the awarded competences are recorded and a certificate is issued;
- ``completed`` a video guide: complete only if the video app says the person's played segments
  cover the video. A forged statement alone completes nothing;
- ``voided``: what the voided statement made is undone. The rule is evaluated again without it;
  a course that is no longer complete loses its completion, its competence records are deleted
  and its certificate is withdrawn (``revoked_at``), shown as such on the verification page.

Every time is the time the platform stored the statement (``row.stored``), never the client's
``timestamp``. Course completion is always derived from the rule, never taken from a "completed
course" statement, so nobody completes a course by posting one to the LRS.

``manage.py rebuild_progress`` (learning.xapi) calls ``clear_progress`` and replays the log
through ``project``, so every side effect is idempotent: the course completion statement has an
id and timestamp that depend only on who, what, which registration and when (re-storing it is a
no-op), certificates are found by registration, and a competence is recorded once per
certificate.
"""

import uuid

from django.utils import timezone

from learning.competences.models import CompetenceRecord
from learning.video import api as video
from learning.xapi import vocabulary
from learning.xapi.actors import actor_for, agent_key, homepage, users_by_actor_id
from learning.xapi.models import Statement
from learning.xapi.store import format_time, store_statements
from quizzes.models import Attempt

from . import activities, rule
from .certificates import award, withdraw
from .models import Enrolment, LessonProgress

WATCHED_VERBS = {vocabulary.REGISTERED.id, vocabulary.COMPLETED.id, vocabulary.PASSED.id}
QUIZ = "quiz"  # the quiz app's activity kind (``quizzes.statements``)


def _parse(iri):
    """(kind, id) of one of our course, lesson, guide, video or quiz activity ids, else None."""
    parsed = activities.parse(iri)
    if parsed is not None:
        return parsed
    prefix = f"{homepage()}/activities/{QUIZ}/"
    if isinstance(iri, str) and iri.startswith(prefix) and iri[len(prefix) :].isdigit():
        return QUIZ, int(iri[len(prefix) :])
    return None


def _relevant(statements):
    """[(row, kind, id, actor name)] for statements this projection reads (voidings: the kind
    is "voided" and the id the target statement's id). No query."""
    home = homepage()
    found = []
    for row in statements:
        data = row.data
        verb = data["verb"]["id"]
        obj = data.get("object") or {}
        account = (data.get("actor") or {}).get("account") or {}
        if row.voided:
            continue
        if verb == vocabulary.VOIDED.id and obj.get("objectType") == "StatementRef":
            # Whoever voided it, the progress that changes is the voided statement's actor's.
            found.append((row, vocabulary.VOIDED.id, obj.get("id"), None))
            continue
        if account.get("homePage") != home:
            continue
        if verb not in WATCHED_VERBS or obj.get("objectType", "Activity") != "Activity":
            continue
        parsed = _parse(obj.get("id"))
        if parsed is None:
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
    users = _users({name for *_rest, name in relevant} - {None})
    for row, kind, object_id, name in relevant:
        at = row.stored  # the server's time: a client's timestamp never dates evidence
        if kind == vocabulary.VOIDED.id:
            _voided(object_id, at)
            continue
        user = users.get(name)
        if user is None:
            continue
        verb = row.data["verb"]["id"]
        registration = (row.data.get("context") or {}).get("registration")
        if verb == vocabulary.REGISTERED.id and kind in (
            activities.COURSE,
            activities.VIDEO_GUIDE,
        ):
            _enrol(user, object_id, registration, at)
        elif verb == vocabulary.COMPLETED.id and kind == activities.LESSON:
            _lesson_event(user, object_id, registration, at)
        elif verb == vocabulary.PASSED.id and kind == QUIZ:
            _quiz_passed(user, row, at)
        elif verb == vocabulary.COMPLETED.id and kind == activities.VIDEO_GUIDE:
            _guide_done(user, object_id, registration, at)


def _pages():
    return tuple(
        activities.page_type(kind)
        for kind in (activities.COURSE, activities.LESSON, activities.VIDEO_GUIDE)
    )


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


def _lesson_event(user, lesson_id, registration, at, *, undo=False):
    CoursePage, LessonPage, _VideoGuidePage = _pages()
    lesson = LessonPage.objects.filter(pk=lesson_id).first()
    if lesson is None:
        return
    course = CoursePage.objects.filter(pk=lesson.get_parent().pk).first()
    if course is not None:
        evaluate(user, course, at, registration=registration, undo=undo)


def _quiz_passed(user, row, at):
    """A "passed" statement counts only if the quiz app wrote it for the person's attempt
    (same statement id). The courses to evaluate again: the attempt's course and the course of
    the lesson it was started from."""
    attempt = (
        Attempt.objects.filter(user=user, statement_id=row.statement_id, passed=True)
        .select_related("page")
        .first()
    )
    if attempt is None:
        return
    CoursePage, _LessonPage, _VideoGuidePage = _pages()
    started_in = attempt.page.get_parent().pk if attempt.page is not None else None
    enrolled = set(Enrolment.objects.filter(user=user).values_list("page_id", flat=True))
    unfinished = Enrolment.objects.filter(user=user, completed_at=None).values("page_id")
    # A pass counts towards a course the person takes (or whose lesson it was taken in), also
    # when the quiz was opened from the quiz list rather than the lesson; it does not enrol
    # anyone in the course a quiz evaluates.
    courses = {course.pk: course for course in CoursePage.objects.filter(pk__in=unfinished)}
    for course in _courses_of_attempt(attempt):
        if course.pk in enrolled or course.pk == started_in:
            courses.setdefault(course.pk, course)
    for _pk, course in sorted(courses.items()):
        evaluate(user, course, at)


def _courses_of_attempt(attempt):
    CoursePage, _LessonPage, _VideoGuidePage = _pages()
    ids = set()
    parsed = activities.parse(attempt.course_activity_id)
    if parsed is not None and parsed[0] == activities.COURSE:
        ids.add(parsed[1])
    if attempt.page is not None:
        ids.add(attempt.page.get_parent().pk)
    return list(CoursePage.objects.filter(pk__in=ids).order_by("pk"))


def evaluate(user, course, at, *, registration=None, undo=False):
    """Bring the person's progress on ``course`` in line with its completion rule: lesson
    progress rows for the lessons done, counts and completion. Only a voiding (``undo``) takes
    progress away: then lessons no longer done lose their rows and a completion that no longer
    holds is withdrawn. (An author changing the course later never takes away what a learner
    has earned.) A few queries per lesson."""
    enrolment = _enrolment(user, course, registration, at)
    lessons = list(course.lessons())
    done = {}
    for lesson_rule in rule.rules(course, lessons):
        found = rule.done(user, lesson_rule)
        if found is not None:
            done[lesson_rule.lesson.pk] = found
    rows = {row.lesson_id: row for row in enrolment.lessons.all()}
    for lesson_id, row in list(rows.items()):
        if undo and lesson_id not in done:
            row.delete()
            del rows[lesson_id]
    for lesson_id, (done_at, statement_id) in done.items():
        if lesson_id not in rows:
            rows[lesson_id] = LessonProgress.objects.create(
                enrolment=enrolment,
                lesson_id=lesson_id,
                completed_at=done_at,
                statement_id=statement_id,
            )
    required = {lesson.pk for lesson in lessons if lesson.required}
    enrolment.lessons_required = len(required)
    enrolment.lessons_done = len(required & set(rows))
    enrolment.last_activity_at = max(enrolment.last_activity_at, at)
    complete = bool(required) and required <= set(rows)
    if complete and enrolment.completed_at is None:
        _complete(enrolment, course, max(rows[pk].completed_at for pk in required), emit=True)
    elif undo and not complete and enrolment.completed_at is not None:
        _withdraw(enrolment, course)
    enrolment.save()
    return enrolment


def _guide_done(user, guide_id, registration, at):
    _CoursePage, _LessonPage, VideoGuidePage = _pages()
    guide = VideoGuidePage.objects.filter(pk=guide_id).first()
    if guide is None:
        return
    watched = video.completed_at(user, activities.activity_id(activities.VIDEO, guide.pk))
    if watched is None:
        return
    enrolment = _enrolment(user, guide, registration, at)
    enrolment.last_activity_at = max(enrolment.last_activity_at, at)
    if enrolment.completed_at is None:
        # Completed when the video app decided so (the server's time), however late the
        # player's "completed" statement arrives.
        _complete(enrolment, guide, watched, emit=True)
    enrolment.save()


def completion_statement(user, page, registration, at):
    """The "completed" statement for a course or guide, with an id and timestamp that depend
    only on who, what, which registration and when: storing it again is a no-op."""
    statement = vocabulary.completed_course(
        user, activities.for_page(page), page.title, registration
    )
    statement["timestamp"] = format_time(at)
    statement["id"] = str(
        uuid.uuid5(
            uuid.NAMESPACE_URL,
            f"{activities.for_page(page)}/completed/{registration}/{statement['timestamp']}",
        )
    )
    return statement


def _complete(enrolment, page, at, *, emit, statement_id=None):
    """Mark complete, store the completion statement (``emit``), record the competences and
    issue the certificate. Idempotent."""
    enrolment.completed_at = at
    if emit:
        statement = completion_statement(enrolment.user, page, enrolment.registration, at)
        statement_id = store_statements([statement])[0]
    award(enrolment, page, at, statement_id=statement_id)


def _withdraw(enrolment, page):
    """The evidence the completion rested on was voided: the course is not complete, the
    certificate is withdrawn and the competence records it made are deleted."""
    enrolment.completed_at = None
    withdraw(enrolment, page)


def _voided(target_id, at):
    """Undo what the voided statement made for the person it was about: a voided lesson
    completion or quiz pass no longer counts, so the rule is evaluated again for the course (and
    a quiz pass's own competence record goes). The platform's own course completion statement
    is a record of what the rule derived, not evidence: voiding it changes nothing, and a
    rebuild derives the same. The LRS decides who may void what; this only makes the
    consequences of a voiding right."""
    target = Statement.objects.filter(statement_id=target_id).first()
    if target is None:
        return
    account = (target.data.get("actor") or {}).get("account") or {}
    user = _users({account.get("name")}).get(account.get("name"))
    if user is None or account.get("homePage") != homepage():
        return
    parsed = _parse(target.object_activity_id)
    if parsed is None or target.verb_id not in WATCHED_VERBS:
        return
    kind, object_id = parsed
    if kind == activities.LESSON:
        _lesson_event(user, object_id, None, at, undo=True)
        return
    if kind == QUIZ:
        CompetenceRecord.objects.filter(user=user, statement_id=target.statement_id).delete()
        for attempt in Attempt.objects.filter(user=user, statement_id=target.statement_id):
            for course in _courses_of_attempt(attempt):
                if Enrolment.objects.filter(user=user, page_id=course.pk).exists():
                    evaluate(user, course, at, undo=True)


def video_completed(user, activity_id):
    """Callback for the video app: ``user`` has watched the video ``activity_id`` (live, and
    again while the log is replayed). Completes a guide at the time the video app decided it,
    and evaluates the person's courses whose rule asks for watched videos. Runs inside the
    caller's transaction."""
    parsed = activities.parse(activity_id)
    if parsed is None:
        _video_in_courses(user, video.completed_at(user, activity_id) or timezone.now())
        return
    if parsed[0] != activities.VIDEO:
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


def _video_in_courses(user, at):
    """A lesson video was watched: evaluate the person's unfinished courses that ask for it."""
    CoursePage, _LessonPage, _VideoGuidePage = _pages()
    pending = Enrolment.objects.filter(user=user, completed_at=None).values("page_id")
    for course in CoursePage.objects.filter(pk__in=pending, require_videos_watched=True):
        evaluate(user, course, at)


def video_uncompleted(user, activity_id):
    """Callback for the video app: a video the person had completed no longer is (a statement
    it rested on was voided). A guide's completion is withdrawn; courses that ask for watched
    videos are evaluated again."""
    parsed = activities.parse(activity_id)
    CoursePage, _LessonPage, VideoGuidePage = _pages()
    if parsed is None:
        enrolled = Enrolment.objects.filter(user=user).values("page_id")
        for course in CoursePage.objects.filter(pk__in=enrolled, require_videos_watched=True):
            evaluate(user, course, timezone.now(), undo=True)
        return
    if parsed[0] != activities.VIDEO:
        return
    guide = VideoGuidePage.objects.filter(pk=parsed[1]).first()
    enrolment = Enrolment.objects.filter(user=user, page_id=parsed[1]).first()
    if guide is None or enrolment is None or enrolment.completed_at is None:
        return
    _withdraw(enrolment, guide)
    if _registered(user, guide):
        enrolment.save()
    else:
        # Enrolled only by the completion (the player needs no "start"): a replay of the log
        # would not enrol the person either.
        enrolment.delete()


def _registered(user, page):
    """Whether the person's "registered" statement for the page stands (one query)."""
    return Statement.objects.filter(
        actor_key=agent_key(actor_for(user)),
        verb_id=vocabulary.REGISTERED.id,
        object_activity_id=activities.for_page(page),
        voided=False,
    ).exists()
