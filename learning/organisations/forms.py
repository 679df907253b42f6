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


class OwnedContentFormMixin:
    """For admin forms of owned content (pages, quizzes, questions): the owner field offers only
    the organisations the author may give content to, new content defaults to the author's
    employer, and is never saved without an owner when the author has one."""

    owner_field = "owner_organisation"

    def limit_owner_choices(self, user):
        self.default_owner = None
        field = self.fields.get(self.owner_field)
        if field is None or user is None:
            return
        current = getattr(self.instance, f"{self.owner_field}_id", None)
        field.queryset = permissions.owner_choices(user, current)
        if self.instance._state.adding and current is None:
            self.default_owner = permissions.default_owner(user)
            if self.default_owner is not None:
                self.initial[self.owner_field] = self.default_owner.pk

    def fill_in_owner(self, cleaned):
        if self.default_owner is not None and not cleaned.get(self.owner_field):
            cleaned[self.owner_field] = self.default_owner
        return cleaned
