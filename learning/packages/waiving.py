"""The waiving screen (cmi5 9.3.7): an educator of the package's owning organisation (or a
platform admin: ``permissions.can_edit_package``) lets a learner move on without an AU, giving
one of the reasons cmi5 names. The LMS records "waived" with a ``Waiver`` row
(``satisfaction.waive``); anyone else gets 403 and nothing changes. Reached from the package
block of a lesson, whose lesson is then completed when the waiver satisfies the package.

The same screen lists the package's waivers (who, which AU, why, when, by whom), each with a
button that withdraws it (``withdraw_view``, POST, the same permission): the LRS's own voiding
voids the "waived" statement and satisfaction is worked out again
(``satisfaction.withdraw_waiver``)."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from .models import Package, Waiver
from .permissions import can_edit_package
from .satisfaction import waive, withdraw_waiver


class WaiverForm(forms.Form):
    email = forms.EmailField(label=gettext_lazy("The learner's e-mail address"))
    unit = forms.ModelChoiceField(queryset=None, label=gettext_lazy("AU"), empty_label=None)
    reason = forms.ChoiceField(choices=Waiver.Reason.choices, label=gettext_lazy("Reason"))

    def __init__(self, package, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = package.units.all()

    def clean_email(self):
        email = self.cleaned_data["email"]
        learner = get_user_model().objects.filter(email__iexact=email, is_active=True).first()
        if learner is None:
            raise forms.ValidationError(_("Nobody on the platform has this e-mail address."))
        self.learner = learner
        return email


def _lesson_id(request):
    try:
        return int(request.GET.get("lektion") or request.POST.get("lektion") or "")
    except ValueError:
        return None


@login_required
def waive_view(request, package_id):
    # cmi5 packages only: a SCO has no cmi5 "waived" (its ids need not be IRIs).
    package = get_object_or_404(Package, pk=package_id, kind=Package.Kind.CMI5)
    if not can_edit_package(request.user, package):
        raise PermissionDenied
    lesson_id = _lesson_id(request)
    form = WaiverForm(package, request.POST or None)
    if request.method == "POST" and form.is_valid():
        unit = form.cleaned_data["unit"]
        waive(
            form.learner,
            unit,
            form.cleaned_data["reason"],
            by=request.user,
            lesson_id=lesson_id,
        )
        messages.success(
            request,
            _("%(email)s is waived from %(unit)s.")
            % {"email": form.cleaned_data["email"], "unit": unit.title},
        )
        return redirect(request.get_full_path())
    waivers = (
        Waiver.objects.filter(registration__package=package)
        .select_related("registration__user", "unit", "waived_by")
        .order_by("-at")
    )
    return render(
        request,
        "packages/waive.html",
        {"package": package, "form": form, "lesson_id": lesson_id, "waivers": waivers},
    )


@login_required
@require_POST
def withdraw_view(request, waiver_id):
    waiver = get_object_or_404(
        Waiver.objects.select_related("registration__package", "registration__user", "unit"),
        pk=waiver_id,
    )
    package = waiver.registration.package
    if not can_edit_package(request.user, package):
        raise PermissionDenied
    withdraw_waiver(waiver, by=request.user)
    messages.success(
        request,
        _("The waiver of %(email)s from %(unit)s is withdrawn.")
        % {"email": waiver.registration.user.email, "unit": waiver.unit.title},
    )
    lesson_id = _lesson_id(request)
    suffix = f"?lektion={lesson_id}" if lesson_id else ""
    return redirect(reverse("packages:waive", args=[package.pk]) + suffix)
