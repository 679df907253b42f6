from django import forms
from django.db.models import F, Value
from django.utils.functional import cached_property
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


def filter_choices():
    """({id: role} of the active roles, {id: competence} of the competences some requirement
    asks for), each in display order, in one query: the UNION of the two lists, sorted by the
    database as each model's own ordering would (roles by name; competences by framework, area
    and code). The instances carry what the filters and the tables show: code and name."""
    roles = (
        JobRole.objects.filter(is_active=True)
        .annotate(kind=Value("role"), sort_a=F("name"), sort_b=Value(0), sort_c=Value(""))
        .values_list("kind", "pk", "code", "name", "sort_a", "sort_b", "sort_c")
        .order_by()
    )
    competences = (
        Competence.objects.filter(requirements__isnull=False)
        .annotate(
            kind=Value("competence"),
            sort_a=F("area__framework__name"),
            sort_b=F("area__sort_order"),
            sort_c=F("code"),
        )
        .values_list("kind", "pk", "code", "name", "sort_a", "sort_b", "sort_c")
        .order_by()
    )
    # UNION also drops the repeats of a competence that several requirements ask for.
    rows = roles.union(competences).order_by("kind", "sort_a", "sort_b", "sort_c")
    chosen = {"role": {}, "competence": {}}
    for kind, pk, code, name, *_sort in rows:
        model = JobRole if kind == "role" else Competence
        chosen[kind][pk] = model(pk=pk, code=code, name=name)
    return chosen["role"], chosen["competence"]


class CoverageFilterForm(forms.Form):
    """The dashboard's filters, read from the query string. Invalid values fall back to "all".

    The role and competence choices are read once, when first needed (``filter_choices``); the
    builders take ``roles`` and ``competences`` from here too instead of reading them again.
    """

    group = forms.ChoiceField(
        label=_("Rows"),
        required=False,
        choices=[(GROUP_BY_UNIT, _("Units")), (GROUP_BY_ROLE, _("Roles"))],
    )
    role = forms.TypedChoiceField(label=_("Role"), required=False, coerce=int, empty_value=None)
    sector = forms.ChoiceField(
        label=_("Sector"), required=False, choices=[("", _("All sectors")), *Sector.choices]
    )
    competence = forms.TypedChoiceField(
        label=_("Competence"), required=False, coerce=int, empty_value=None
    )
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Status.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Callables: read when the choices are first shown or checked, not before.
        self.fields["role"].choices = lambda: [
            ("", _("All roles")),
            *((pk, role.name) for pk, role in self.roles.items()),
        ]
        self.fields["competence"].choices = lambda: [
            ("", _("All competences")),
            *((pk, str(competence)) for pk, competence in self.competences.items()),
        ]

    @cached_property
    def _choices(self):
        return filter_choices()

    @property
    def roles(self):
        """{id: role} offered by the role filter (the active roles)."""
        return self._choices[0]

    @property
    def competences(self):
        """{id: competence} offered by the competence filter (those some requirement asks for)."""
        return self._choices[1]

    def filters(self):
        """Filters from the valid fields; a bad value in one field does not drop the others."""
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return Filters(
            group=data.get("group") or GROUP_BY_UNIT,
            role_id=data.get("role"),
            sector=data.get("sector") or "",
            competence_id=data.get("competence"),
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
