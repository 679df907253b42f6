"""The "My data" page and its downloads, and the platform admins' erase-a-person page."""

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from learning.accounts import erasure, personal_data, privacy
from learning.accounts.roles import is_platform_admin


@login_required
@require_GET
def my_data(request):
    """Overview of what is held about the logged-in person. Only ``request.user`` is read."""
    data = privacy.collect(request.user)
    counts = [(section.label, len(data[section.name])) for section in personal_data.sections()]
    return render(
        request,
        "accounts/privacy/my_data.html",
        {
            "counts": counts,
            "record_views": data["record_views"],
        },
    )


def _download(content, content_type, extension):
    response = HttpResponse(content, content_type=content_type)
    stamp = timezone.localdate().isoformat()
    response["Content-Disposition"] = f'attachment; filename="mine-data-{stamp}.{extension}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_GET
def my_data_json(request):
    return _download(
        privacy.as_json(privacy.collect(request.user)), "application/json; charset=utf-8", "json"
    )


@login_required
@require_GET
def my_data_csv(request):
    return _download(privacy.as_csv_zip(privacy.collect(request.user)), "application/zip", "zip")


@login_required
@require_http_methods(["GET", "POST"])
def erase(request):
    """Platform admins erase a person by e-mail after confirming (POST only changes data)."""
    if not is_platform_admin(request.user):
        raise PermissionDenied
    error = None
    email = ""
    if request.method == "POST":
        email = (request.POST.get("email") or "").strip().lower()
        confirmed = request.POST.get("confirm") == "yes"
        person = get_user_model().objects.filter(email__iexact=email).first() if email else None
        if person is None:
            error = _("No person has that e-mail address.")
        elif person.pk == request.user.pk:
            error = _("You cannot erase yourself.")
        elif not confirmed:
            error = _("Tick the box to confirm the erasure.")
        else:
            erasure.erase_person(person, erased_by=request.user)
            messages.success(request, _("The person has been erased."))
            return redirect("privacy:erase")
    status = 400 if error else 200
    return render(
        request, "accounts/privacy/erase.html", {"error": error, "email": email}, status=status
    )
