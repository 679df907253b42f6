"""Wagtail admin forms that check a question or quiz as a whole, choices and listed questions
included (a model's clean() cannot see its unsaved inline children)."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from wagtail.admin.forms import WagtailAdminModelForm

from learning.organisations.forms import OwnedContentFormMixin


def _live_forms(formset):
    """The inline forms that will be saved: valid, filled in and not marked for deletion."""
    live = []
    for form in formset.forms:
        data = getattr(form, "cleaned_data", None) or {}
        if not data or data.get("DELETE"):
            continue
        live.append(data)
    return live


class OwnedSnippetForm(OwnedContentFormMixin, WagtailAdminModelForm):
    """Questions and quizzes belong to the author's employer (the access policy decides who
    may change them)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.limit_owner_choices(self.for_user)

    def clean(self):
        return self.fill_in_owner(super().clean())


class QuestionAdminForm(OwnedSnippetForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("choices")
        if formset is None or not formset.is_valid():
            return cleaned
        choices = _live_forms(formset)
        correct = sum(1 for choice in choices if choice.get("is_correct"))
        kind = cleaned.get("kind")
        if kind == "true_false" and len(choices) != 2:
            raise ValidationError(_("A true-or-false question has exactly two answers."))
        if kind in ("single", "true_false") and correct != 1:
            raise ValidationError(_("Mark exactly one answer as correct."))
        if kind == "multiple" and correct < 1:
            raise ValidationError(_("Mark at least one answer as correct."))
        if len(choices) < 2:
            raise ValidationError(_("Give at least two answers."))
        return cleaned


class QuizAdminForm(OwnedSnippetForm):
    def clean(self):
        cleaned = super().clean()
        formset = self.formsets.get("items")
        listed = _live_forms(formset) if formset is not None and formset.is_valid() else []
        if cleaned.get("selection") == "random":
            if not cleaned.get("draw_count"):
                self.add_error("draw_count", _("Say how many questions to draw."))
            if not listed and not cleaned.get("competence"):
                self.add_error(
                    "competence",
                    _("List questions to draw from, or choose a competence to draw from the bank."),
                )
        elif not listed:
            raise ValidationError(_("Add at least one question from the bank."))
        return cleaned
