from django import forms
from django.utils.translation import gettext_lazy as _

from learning.competences.models import Competence
from learning.competences.status import Status
from learning.organisations.models import JobRole, Sector

from .dashboard import GROUP_BY_ROLE, GROUP_BY_UNIT, Filters


def describe(form, skip=()):
    """The chosen filters as one line of text ("Rolle: Leder; Status: Overskredet"), or "" when
    nothing narrows the table. Exports print it, so a filtered file says what it leaves out."""
    form.is_valid()
    data = getattr(form, "cleaned_data", {})
    parts = []
    for name, field in form.fields.items():
        value = data.get(name)
        if name in skip or value in (None, ""):
            continue
        if isinstance(field, forms.ChoiceField) and not isinstance(field, forms.ModelChoiceField):
            value = dict(field.choices).get(value, value)
        parts.append(f"{field.label}: {value}")
    return "; ".join(parts)


class CoverageFilterForm(forms.Form):
    """The dashboard's filters, read from the query string. Invalid values fall back to "all"."""

    group = forms.ChoiceField(
        label=_("Rows"),
        required=False,
        choices=[(GROUP_BY_UNIT, _("Units")), (GROUP_BY_ROLE, _("Roles"))],
    )
    role = forms.ModelChoiceField(
        label=_("Role"),
        required=False,
        empty_label=_("All roles"),
        queryset=JobRole.objects.filter(is_active=True),
    )
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )
    competence = forms.ModelChoiceField(
        label=_("Competence"),
        required=False,
        empty_label=_("All competences"),
        queryset=Competence.objects.filter(requirements__isnull=False).distinct(),
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Status.choices]
    )

    def filters(self):
        """Filters from the valid fields; a bad value in one field does not drop the others."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        role, competence = data.get("role"), data.get("competence")
        return Filters(
            group=data.get("group") or GROUP_BY_UNIT,
            role_id=role.pk if role else None,
            sector=data.get("sector") or "",
            competence_id=competence.pk if competence else None,
            status=data.get("status") or "",
        )

    def description(self):
        """The filters that narrow the table, as text; grouping by role only reorders it."""
        return describe(self, skip=("group",))


class RegionFilterForm(forms.Form):
    competence = forms.ModelChoiceField(
        label=_("Competence"),
        required=False,
        empty_label=_("All competences"),
        queryset=Competence.objects.filter(requirements__isnull=False).distinct(),
    )

    def description(self):
        return describe(self)

    def competence_id(self):
        self.is_valid()
        competence = getattr(self, "cleaned_data", {}).get("competence")
        return competence.pk if competence else None
