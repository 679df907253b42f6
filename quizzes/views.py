"""Taking a quiz (start, answer, result) and the educators' item analysis.

An attempt belongs to one person: anyone else gets 404 for it, so nobody learns which attempts
exist. Every page works without JavaScript; the countdown script is an optional extra.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from wagtail.models import Page

from learning.spreadsheets import csv_bytes

from . import analysis
from .attempts import (
    AttemptRefused,
    Outcome,
    expire,
    is_late,
    overview,
    start_attempt,
    submit_attempt,
)
from .drawing import shown_questions
from .forms import AnswerForm
from .models import Attempt, CourseEvaluation, Quiz, Status
from .permissions import can_view_analysis
from .results import outcomes, shows_correct_answers, way_on


def _origin_page(value):
    """The live page a quiz was opened from (``?page=`` / ``page``), None if absent.
    Raises ValueError for a malformed or unknown id."""
    if value in (None, ""):
        return None
    if not str(value).isdigit():
        raise ValueError(value)
    page = Page.objects.live().filter(pk=int(value)).first()
    if page is None:
        raise ValueError(value)
    return page


def _own_attempt(request, attempt_id):
    # The result page shows the quiz's competence and leads on from the page it was opened on.
    return get_object_or_404(
        Attempt.objects.select_related("quiz__competence", "page"),
        uuid=attempt_id,
        user=request.user,
    )


@login_required
@require_GET
def quiz_list(request):
    quizzes = Quiz.objects.order_by("title")
    return render(request, "quizzes/quiz_list.html", {"quizzes": quizzes})


@login_required
@require_GET
def quiz_detail(request, quiz_id):
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    try:
        page = _origin_page(request.GET.get("page"))
    except ValueError:
        return HttpResponseBadRequest(_("Unknown page."))
    return render(
        request,
        "quizzes/quiz_detail.html",
        {"quiz": quiz, "overview": overview(quiz, request.user), "origin": page},
    )


@login_required
@require_POST
def start(request, quiz_id):
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    try:
        page = _origin_page(request.POST.get("page"))
    except ValueError:
        return HttpResponseBadRequest(_("Unknown page."))
    try:
        attempt = start_attempt(quiz, request.user, page=page)
    except AttemptRefused:
        return render(
            request,
            "quizzes/quiz_detail.html",
            {"quiz": quiz, "overview": overview(quiz, request.user), "origin": page},
            status=403,
        )
    return redirect("quizzes:attempt", attempt_id=attempt.uuid)


def _closed(request, attempt, reason, status=409):
    return render(
        request,
        "quizzes/attempt_closed.html",
        {"attempt": attempt, "quiz": attempt.quiz, "reason": reason},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def attempt_view(request, attempt_id):
    """GET shows the answer sheet; POST submits it (once)."""
    attempt = _own_attempt(request, attempt_id)
    if attempt.status == Status.OPEN and is_late(attempt):
        expire(attempt)
        if request.method == "POST":
            return _closed(request, attempt, "late")
        messages.error(request, _("Time ran out before the answers were submitted."))
        return redirect("quizzes:result", attempt_id=attempt.uuid)
    if attempt.status != Status.OPEN:
        if request.method == "POST":
            return _closed(request, attempt, "already_submitted")
        return redirect("quizzes:result", attempt_id=attempt.uuid)
    shown = shown_questions(attempt.layout)
    blank_allowed = attempt.deadline is not None
    if request.method == "POST":
        form = AnswerForm(shown, request.POST, blank_allowed=blank_allowed)
        if form.is_valid():
            submission = submit_attempt(attempt, form.picked())
            if submission.outcome is Outcome.SUBMITTED:
                return redirect("quizzes:result", attempt_id=attempt.uuid)
            reason = "late" if submission.outcome is Outcome.LATE else "already_submitted"
            return _closed(request, submission.attempt, reason)
        status = 400 if form.tampered else 200
    else:
        form = AnswerForm(shown, blank_allowed=blank_allowed)
        status = 200
    return render(
        request,
        "quizzes/attempt.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "form": form,
            "items": form.items(),
            "blank_allowed": blank_allowed,
        },
        status=status,
    )


@login_required
@require_GET
def result(request, attempt_id):
    attempt = _own_attempt(request, attempt_id)
    if attempt.status == Status.OPEN:
        if not is_late(attempt):
            return redirect("quizzes:attempt", attempt_id=attempt.uuid)
        attempt = expire(attempt)
    rules = overview(attempt.quiz, request.user)
    return render(
        request,
        "quizzes/result.html",
        {
            "attempt": attempt,
            "quiz": attempt.quiz,
            "outcomes": outcomes(attempt),
            "overview": rules,
            "show_answers": shows_correct_answers(attempt.quiz, rules),
            "way_on": way_on(attempt.page),
            "now": timezone.now(),
        },
    )


def _require_educator(user):
    if not can_view_analysis(user):
        raise PermissionDenied


@login_required
@require_GET
def analysis_index(request):
    _require_educator(request.user)
    return render(
        request,
        "quizzes/analysis_index.html",
        {
            "quizzes": analysis.quiz_summaries(),
            "evaluations": [
                analysis.pre_post(e)
                for e in CourseEvaluation.objects.select_related(
                    "course_page", "pre_test", "post_test"
                )
            ],
            "min_responses": analysis.min_responses(),
        },
    )


@login_required
@require_GET
def analysis_detail(request, quiz_id):
    _require_educator(request.user)
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    return render(
        request,
        "quizzes/analysis_detail.html",
        {
            "quiz": quiz,
            "report": analysis.item_analysis(quiz),
            "min_responses": analysis.min_responses(),
        },
    )


@login_required
@require_GET
def analysis_csv(request, quiz_id):
    _require_educator(request.user)
    quiz = get_object_or_404(Quiz, pk=quiz_id)
    body = csv_bytes(analysis.csv_rows(analysis.item_analysis(quiz)), delimiter=",")
    response = HttpResponse(body, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="item-analysis-quiz-{quiz.pk}.csv"'
    return response
