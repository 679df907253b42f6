from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from . import permissions
from .models import Delegation

MAX_DELEGATION_DAYS = 366


class DelegationForm(forms.ModelForm):
    """A manager names a deputy, by e-mail, for one of the units they manage directly."""

    deputy_email = forms.EmailField(label=_("Deputy's e-mail address"))

    class Meta:
        model = Delegation
        fields = ["unit", "deputy_email", "starts_on", "ends_on"]
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}),
            "ends_on": forms.DateInput(attrs={"type": "date"}),
        }

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        self.fields["unit"].queryset = permissions.delegable_units(user)

    def clean_deputy_email(self):
        email = self.cleaned_data["deputy_email"].lower()
        deputy = get_user_model().objects.filter(email=email, is_active=True).first()
        if deputy is None:
            raise forms.ValidationError(_("Nobody with that e-mail address has an account."))
        if deputy.pk == self.user.pk:
            raise forms.ValidationError(_("You cannot delegate to yourself."))
        return deputy

    def clean(self):
        cleaned = super().clean()
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on:
            if ends_on < starts_on:
                self.add_error("ends_on", _("The end date cannot be before the start date."))
            elif (ends_on - starts_on).days > MAX_DELEGATION_DAYS:
                self.add_error("ends_on", _("A delegation can last at most a year."))
        return cleaned

    def save(self, commit=True):
        delegation = super().save(commit=False)
        delegation.deputy = self.cleaned_data["deputy_email"]
        delegation.granted_by = self.user
        if commit:
            delegation.save()
        return delegation
