"""Delegation: a manager names a deputy for a limited time; every grant is kept."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import permissions
from .forms import DelegationForm
from .models import Delegation


@login_required
@require_http_methods(["GET", "POST"])
def delegation_list(request):
    """Delegations the user granted or received, and a form to grant one."""
    can_grant = permissions.delegable_units(request.user).exists()
    received = Delegation.objects.filter(deputy=request.user)
    if not can_grant and not received.exists():
        raise PermissionDenied
    form = DelegationForm(request.POST or None, user=request.user) if can_grant else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied
        if form.is_valid():
            form.save()
            messages.success(request, _("The delegation was granted."))
            return redirect("manage_org:delegations")
    delegations = Delegation.objects.filter(
        Q(granted_by=request.user) | Q(deputy=request.user)
    ).select_related("unit", "deputy", "granted_by")
    return render(
        request,
        "organisations/delegation_list.html",
        {
            "form": form,
            "delegations": delegations,
            "today": timezone.localdate(),
        },
    )


@login_required
@require_POST
def delegation_revoke(request, pk):
    """The granter (or a platform admin) ends a delegation now. The row stays as a record."""
    delegation = get_object_or_404(Delegation, pk=pk)
    if not permissions.can_revoke_delegation(request.user, delegation):
        raise Http404
    if delegation.revoked_at is None:
        delegation.revoked_at = timezone.now()
        delegation.save(update_fields=["revoked_at"])
        messages.success(request, _("The delegation was revoked."))
    return redirect("manage_org:delegations")
