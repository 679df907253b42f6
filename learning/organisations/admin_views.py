"""The roster and organisation upload page in the Wagtail admin (platform admins only)."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from .admin_forms import UnitChoiceField
from .imports import ImportFileError, import_organisations, import_roster
from .permissions import is_platform_admin

IMPORTERS = {"roster": import_roster, "organisations": import_organisations}
SHOWN_LINES = 200  # a 25,000-row dry run is summarised, not printed in full


class ImportForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("What the file holds"),
        choices=[
            ("roster", _("Staff: person × unit × role")),
            ("organisations", _("Organisation units")),
        ],
    )
    file = forms.FileField(label=_("CSV or XLSX file"))
    dry_run = forms.BooleanField(
        label=_("Dry run: show what would change, change nothing"), required=False, initial=True
    )
    full = forms.BooleanField(
        label=_("Full import: end what is missing from the file"), required=False
    )
    root = UnitChoiceField(
        required=False,
        label=_("Limit a full import to"),
        help_text=_("Only assignments or units below this unit are ended."),
    )
    skip_bad_rows = forms.BooleanField(
        label=_("Apply the good rows even if some are bad"), required=False
    )


def import_view(request):
    if not is_platform_admin(request.user):
        raise PermissionDenied
    result, file_error = None, None
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = IMPORTERS[data["kind"]](
                data["file"],
                data["file"].name,
                dry_run=data["dry_run"],
                full=data["full"],
                root=data["root"],
                skip_bad_rows=data["skip_bad_rows"],
            )
        except ImportFileError as error:
            file_error = str(error)
    return render(
        request,
        "organisations/admin/import.html",
        {
            "form": form,
            "result": result,
            "file_error": file_error,
            "shown_lines": SHOWN_LINES,
        },
    )
