"""What the platform holds about one person, as plain data for the "My data" page and downloads.

Every function here takes the person and reads only rows that belong to them, so no parameter
from the request can widen what is returned. The people who looked at the person's record are
shown by name only (never e-mail or id): that is what the person needs to know, and no more.
"""

import csv
import io
import json
import zipfile

from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from learning.spreadsheets import csv_cell
from learning.xapi.actors import actor_for, agent_key

# The sections of an export, in display order.
SECTIONS = (
    "profile",
    "email_addresses",
    "staff_profile",
    "job_assignments",
    "manager_scopes",
    "competence_records",
    "enrolments",
    "lesson_progress",
    "certificates",
    "quiz_attempts",
    "package_registrations",
    "video_progress",
    "record_views",
    "sso_accounts",
    "sso_logins",
    "xapi_statements",
)


def _profile(user):
    return [
        {
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "actor_id": str(user.actor_id),
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_active": user.is_active,
        }
    ]


def _email_addresses(user):
    from allauth.account.models import EmailAddress

    return list(
        EmailAddress.objects.filter(user=user)
        .values("email", "verified", "primary")
        .order_by("email")
    )


def _staff_profile(user):
    from learning.organisations.models import StaffProfile

    return list(StaffProfile.objects.filter(user=user).values("external_id"))


def _job_assignments(user):
    from learning.organisations.models import JobAssignment

    return [
        {
            "unit": a.unit.name,
            "role": a.role.name,
            "starts_on": a.starts_on,
            "ends_on": a.ends_on,
            "source": a.source,
        }
        for a in JobAssignment.objects.filter(user=user).select_related("unit", "role")
    ]


def _manager_scopes(user):
    from learning.organisations.models import ManagerScope

    return [
        {"unit": s.unit.name, "starts_on": s.starts_on, "ends_on": s.ends_on}
        for s in ManagerScope.objects.filter(manager=user).select_related("unit")
    ]


def _competence_records(user):
    from learning.competences.models import CompetenceRecord

    return [
        {
            "competence": r.competence.code,
            "competence_name": r.competence.name,
            "level": r.level,
            "achieved_at": r.achieved_at,
            "valid_until": r.valid_until,
            "evidence": r.evidence,
            "note": r.note,
            "statement_id": r.statement_id,
        }
        for r in CompetenceRecord.objects.filter(user=user).select_related("competence")
    ]


def _enrolments(user):
    from learning.progress.models import Enrolment

    return [
        {
            "course": e.page.title,
            "registration": e.registration,
            "enrolled_at": e.enrolled_at,
            "last_activity_at": e.last_activity_at,
            "lessons_done": e.lessons_done,
            "lessons_required": e.lessons_required,
            "completed_at": e.completed_at,
        }
        for e in Enrolment.objects.filter(user=user).select_related("page")
    ]


def _lesson_progress(user):
    from learning.progress.models import LessonProgress

    return [
        {
            "course": p.enrolment.page.title,
            "lesson": p.lesson.title,
            "completed_at": p.completed_at,
            "statement_id": p.statement_id,
        }
        for p in LessonProgress.objects.filter(enrolment__user=user).select_related(
            "enrolment__page", "lesson"
        )
    ]


def _certificates(user):
    from learning.progress.models import Certificate

    return list(
        Certificate.objects.filter(user=user).values(
            "code", "title", "issued_at", "valid_until", "revoked_at"
        )
    )


def _quiz_attempts(user):
    from quizzes.models import Attempt

    rows = []
    for a in Attempt.objects.filter(user=user).select_related("quiz").prefetch_related("answers"):
        rows.append(
            {
                "quiz": a.quiz.title,
                "number": a.number,
                "status": a.status,
                "started_at": a.started_at,
                "submitted_at": a.submitted_at,
                "raw_score": a.raw_score,
                "max_score": a.max_score,
                "scaled_score": a.scaled_score,
                "passed": a.passed,
                "answers": [
                    {"position": x.position, "selected": x.selected} for x in a.answers.all()
                ],
            }
        )
    return rows


def _package_registrations(user):
    """Per e-learning package: results per AU / SCO and what a SCO kept to resume."""
    from learning.packages.models import Registration

    rows = []
    for r in (
        Registration.objects.filter(user=user)
        .select_related("package")
        .prefetch_related("results__unit", "scorm_data__unit")
    ):
        rows.append(
            {
                "package": r.package.title,
                "registration": str(r.registration),
                "created": r.created,
                "satisfied_at": r.satisfied_at,
                "results": [
                    {
                        "unit": x.unit.title,
                        "completed_at": x.completed_at,
                        "passed_at": x.passed_at,
                        "failed_at": x.failed_at,
                        "score_scaled": x.score_scaled,
                    }
                    for x in r.results.all()
                ],
                "scorm_data": [
                    {
                        "unit": x.unit.title,
                        "location": x.location,
                        "suspend_data": x.suspend_data,
                        "completion_status": x.completion_status,
                        "success_status": x.success_status,
                    }
                    for x in r.scorm_data.all()
                ],
            }
        )
    return rows


def _video_progress(user):
    from learning.video.models import VideoProgress

    return list(
        VideoProgress.objects.filter(user=user).values(
            "activity_id", "length", "segments", "progress", "viewed_at", "completed_at"
        )
    )


def _record_views(user):
    from learning.reports.models import AccessLog

    return [
        {
            "viewer": log.viewer.get_full_name() or _("Former user"),
            "viewed_at": log.viewed_at,
            "what": log.what,
        }
        for log in AccessLog.objects.filter(person=user).select_related("viewer")
    ]


def _sso_accounts(user):
    from allauth.socialaccount.models import SocialAccount

    # extra_data is what the employer's identity provider sent at the last login.
    return [
        {
            "provider": a.provider,
            "subject": a.uid,
            "last_login": a.last_login,
            "date_joined": a.date_joined,
            "claims": a.extra_data,
        }
        for a in SocialAccount.objects.filter(user=user)
    ]


def _sso_logins(user):
    from learning.sso.models import SSOLoginEvent

    return [
        {
            "time": e.occurred_at,
            "identity_provider": e.provider_name,
            "outcome": e.get_outcome_display(),
            "unit_claim": e.unit_value,
            "role_claim": e.role_value,
        }
        for e in SSOLoginEvent.objects.filter(user=user)
    ]


def _xapi_statements(user):
    """The person's own statements and those that mention her, with every other person
    reduced to "another person" and, in statements she did not make, their free text left
    out (see ``_as_seen_by``)."""
    from learning.xapi.models import Statement, StatementAgent

    key = agent_key(actor_for(user))
    ids = StatementAgent.objects.filter(agent_key=key).values("statement_id")
    rows = Statement.objects.filter(pk__in=ids).order_by("stored", "id")
    return [_as_seen_by(row.data, key) for row in rows]


# Parts of a statement that hold what its actor wrote in their own words, or anything a client
# chose to attach: hers when she made the statement, not hers to receive when someone else did.
_FREE_TEXT = (("result", "response"), ("result", "extensions"), ("context", "extensions"))


def _as_seen_by(data, key):
    """A copy of a stored statement for the person whose agent key is ``key``."""
    statement = json.loads(json.dumps(data))  # a deep copy the row's data is safe from
    authority = statement.get("authority")
    if isinstance(authority, dict):
        # A credential or the platform, named as its administrators named it; its account
        # name is half of a credential, so it stays out.
        statement["authority"] = {"objectType": "Agent", "name": authority.get("name", "")}
    _redact_agents(statement, key)
    if agent_key(data.get("actor")) != key:
        _drop_free_text(statement)
    return statement


def _drop_free_text(statement):
    for part, name in _FREE_TEXT:
        if isinstance(statement.get(part), dict):
            statement[part].pop(name, None)
    statement.pop("attachments", None)
    target = statement.get("object")
    if isinstance(target, dict) and target.get("objectType") == "SubStatement":
        _drop_free_text(target)


def _other(agent, key):
    """``agent`` if it is the person, a group with only her left in it, or "another person"."""
    if not isinstance(agent, dict) or agent_key(agent) == key:
        return agent
    if agent.get("objectType") == "Group":
        members = [_other(member, key) for member in agent.get("member") or ()]
        return {"objectType": "Group", "member": members}
    return {"objectType": "Agent", "name": _("Another person")}


def _redact_agents(statement, key):
    """Replace everyone but the person in the places a statement names agents."""
    statement["actor"] = _other(statement.get("actor"), key)
    target = statement.get("object")
    if isinstance(target, dict):
        if target.get("objectType") in ("Agent", "Group"):
            statement["object"] = _other(target, key)
        elif target.get("objectType") == "SubStatement":
            _redact_agents(target, key)
    context = statement.get("context")
    if isinstance(context, dict):
        for role in ("instructor", "team"):
            if role in context:
                context[role] = _other(context[role], key)


def collect(user):
    """Everything held about ``user`` as {section: [row dicts]}. About one query per section."""
    return {name: globals()[f"_{name}"](user) for name in SECTIONS}


def summary(data):
    """{section: number of rows}, for the page's overview."""
    return {name: len(rows) for name, rows in data.items()}


def as_json(data):
    """The export as UTF-8 JSON bytes (dates as ISO 8601)."""
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def _cell(value):
    if isinstance(value, (dict, list)):
        return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)
    if value is None:
        return ""
    return DjangoJSONEncoder().default(value) if not isinstance(value, (str, int, float)) else value


def as_csv_zip(data):
    """The export as a zip of one CSV per section (nested values as JSON text)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, rows in data.items():
            text = io.StringIO()
            columns = list(dict.fromkeys(key for row in rows for key in row))
            writer = csv.writer(text)
            writer.writerow(columns)
            for row in rows:
                # Formula-safe: the person's own text could otherwise run in a spreadsheet.
                writer.writerow([csv_cell(_cell(row.get(column))) for column in columns])
            archive.writestr(f"{name}.csv", text.getvalue().encode("utf-8-sig"))
    return buffer.getvalue()
