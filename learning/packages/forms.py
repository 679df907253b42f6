"""The admin form for packages: the upload is checked in ``clean`` (nothing is stored when it
is refused: the form is simply invalid) and stored in ``save``."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from learning.organisations.models import Organisation
from learning.organisations.permissions import employer_paths, is_platform_admin

from . import upload
from .errors import PackageError


class PackageAdminForm(WagtailAdminModelForm):
    package_file = forms.FileField(
        label=_("Package file"),
        required=False,
        help_text=_(
            "A zip with cmi5.xml or imsmanifest.xml (SCORM 1.2 or 2004) at its top level, "
            "or a cmi5.xml whose AUs have absolute URLs."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._inspected = None
        self.fields["title"].required = False
        self.fields["title"].help_text = _(
            "Leave empty to use the course title from cmi5.xml or imsmanifest.xml."
        )
        self._limit_organisations()
        if not self.instance._state.adding:
            del self.fields["package_file"]

    def _limit_organisations(self):
        """As for courses: educators give a package only to an organisation they work for,
        by default their employer; platform admins to any."""

        field, user = self.fields.get("organisation"), self.for_user
        if field is None or user is None:
            return
        paths = employer_paths(user)
        if not is_platform_admin(user):
            field.queryset = Organisation.objects.filter(
                Q(path__in=paths) | Q(pk=self.instance.organisation_id)
            )
        if self.instance._state.adding and paths:
            first = Organisation.objects.filter(path__in=paths).order_by("path").first()
            self.initial.setdefault("organisation", first.pk)

    def clean(self):
        cleaned = super().clean()
        if not self.instance._state.adding:
            if not (cleaned.get("title") or "").strip():
                self.add_error("title", _("This field is required."))
            return cleaned
        uploaded = cleaned.get("package_file")
        if uploaded is None:
            self.add_error("package_file", _("Choose a package file to upload."))
            return cleaned
        try:
            self._inspected = upload.inspect(uploaded)
        except PackageError as error:
            self.add_error("package_file", error.message)
        return cleaned

    def save(self, commit=True):
        if self._inspected is None:
            return super().save(commit=commit)
        return upload.store(
            self._inspected,
            title=(self.cleaned_data.get("title") or "").strip(),
            organisation=self.cleaned_data.get("organisation"),
            user=self.for_user,
            package=self.instance,
        )
