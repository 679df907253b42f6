"""Manager pages: requirements for my units, my staff with their statuses, sign-off.

Every access decision goes through learning.organisations.permissions. Objects outside the
user's scope answer 404, so nobody learns what exists elsewhere.
"""

from collections import Counter

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from learning.organisations import permissions
from learning.organisations.models import JobAssignment

from .forms import RequirementForm, SignOffForm
from .models import Competence, Requirement
from .records import sign_off
from .signals import person_viewed
from .status import Status, statuses_for_people, statuses_for_person, viewer_scope

STAFF_PER_PAGE = 50


def _require_manager(user):
    if not (permissions.is_platform_admin(user) or permissions.scope_roots(user)):
        raise PermissionDenied


def _own_requirement(user, pk):
    requirement = get_object_or_404(Requirement.objects.select_related("unit"), pk=pk)
    if not permissions.can_manage_requirement(user, requirement):
        raise Http404
    return requirement


@login_required
def requirement_list(request):
    """Requirements on (or above-and-including) nothing else than the user's own units."""
    _require_manager(request.user)
    requirements = Requirement.objects.filter(
        unit__in=permissions.manageable_units(request.user)
    ).select_related("unit", "role", "competence")
    return render(request, "competences/requirement_list.html", {"requirements": requirements})


@login_required
@require_http_methods(["GET", "POST"])
def requirement_edit(request, pk=None):
    _require_manager(request.user)
    requirement = _own_requirement(request.user, pk) if pk else None
    form = RequirementForm(request.POST or None, instance=requirement, user=request.user)
    if request.method == "POST" and form.is_valid():
        saved = form.save(commit=False)
        if requirement is None:
            saved.created_by = request.user
        saved.save()
        messages.success(request, _("The requirement was saved."))
        return redirect("competences:requirements")
    return render(
        request, "competences/requirement_form.html", {"form": form, "requirement": requirement}
    )


@login_required
@require_POST
def requirement_delete(request, pk):
    requirement = _own_requirement(request.user, pk)
    requirement.delete()
    messages.success(request, _("The requirement was deleted."))
    return redirect("competences:requirements")


@login_required
def staff_list(request):
    """People with an active assignment in the user's units, with a count per status."""
    _require_manager(request.user)
    people = (
        get_user_model()
        .objects.filter(pk__in=permissions.managed_people(request.user))
        .order_by("last_name", "first_name", "pk")
    )
    page = Paginator(people, STAFF_PER_PAGE).get_page(request.GET.get("page"))
    # Only what the viewer's units require: another employer's requirements stay theirs.
    statuses = statuses_for_people(
        [p.pk for p in page.object_list], in_scope=viewer_scope(request.user)
    )
    rows = []
    for person in page.object_list:
        counts = Counter(s.status for s in statuses[person.pk])
        rows.append(
            {
                "person": person,
                "total": len(statuses[person.pk]),
                "covered": sum(1 for s in statuses[person.pk] if s.is_covered),
                "counts": [(Status(v).label, counts[v]) for v in Status.values if counts[v]],
            }
        )
    return render(request, "competences/staff_list.html", {"page": page, "rows": rows})


def _managed_person(request, user_id):
    """(the person, their active jobs in the viewer's units) if the viewer manages them, else
    404. One query: the jobs, with the person, also answer ``can_manage_person``; only someone
    without a job (whom just a platform admin may open) is read on their own."""
    jobs = list(
        JobAssignment.objects.active_on()
        .filter(user_id=user_id)
        .select_related("user", "unit", "role")
    )
    if not permissions.can_manage_person_with_jobs(request.user, [j.unit.path for j in jobs]):
        raise Http404
    person = jobs[0].user if jobs else get_object_or_404(get_user_model(), pk=user_id)
    in_scope = viewer_scope(request.user)
    # The person's jobs in the viewer's units only: another employer's are not theirs to see.
    return person, [j for j in jobs if in_scope is None or in_scope(j.unit.path)]


@login_required
@require_http_methods(["GET", "POST"])
def person_detail(request, user_id):
    """One person's statuses, and the sign-off form."""
    person, assignments = _managed_person(request, user_id)
    form = SignOffForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            sign_off(
                request.user,
                person,
                form.cleaned_data["competence"],
                form.cleaned_data["level"],
                form.cleaned_data["note"],
            )
        except PermissionDenied:
            raise Http404 from None
        messages.success(request, _("The sign-off was recorded."))
        return redirect("competences:person", user_id=person.pk)
    person_viewed.send(
        sender=get_user_model(), viewer=request.user, person_ids=[person.pk], what="staff_person"
    )
    statuses = statuses_for_person(person, in_scope=viewer_scope(request.user))
    competences = {c.pk: c for c in _competences([s.requirement.competence_id for s in statuses])}
    return render(
        request,
        "competences/person_detail.html",
        {
            "person": person,
            "form": form,
            "assignments": assignments,
            "statuses": [(s, competences[s.requirement.competence_id]) for s in statuses],
        },
    )


def _competences(ids):
    return Competence.objects.filter(pk__in=set(ids))
