from django import forms
from django.utils.translation import gettext_lazy as _

from learning.organisations import permissions

from .models import Competence, Level, Requirement


class RequirementForm(forms.ModelForm):
    """A requirement on one of the user's own units (any unit, for platform admins)."""

    class Meta:
        model = Requirement
        fields = [
            "unit",
            "include_subtree",
            "role",
            "competence",
            "level",
            "due_within_days",
            "renew_every_months",
        ]

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = permissions.manageable_units(user).filter(is_active=True)
        self.fields["role"].queryset = self.fields["role"].queryset.filter(is_active=True)
        self.fields["competence"].queryset = Competence.objects.select_related("area")


class SignOffForm(forms.Form):
    competence = forms.ModelChoiceField(Competence.objects.all(), label=_("Competence"))
    level = forms.TypedChoiceField(choices=Level.choices, coerce=int, label=_("Level"))
    note = forms.CharField(
        label=_("Note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        help_text=_("What you observed, e.g. the task and the date."),
    )
