"""The answer sheet for one attempt, built from the questions and choices the attempt shows.

Only the choice keys of the attempt's own questions are accepted: a forged key, a key from
another question or an answer to a question not in the attempt is an error, never ignored.
"""

from dataclasses import dataclass
from dataclasses import field as dc_field

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Kind

FIELD_PREFIX = "q-"

# Error codes that only a hand-made request can cause (the page offers nothing else).
TAMPERING = {"invalid_choice", "unknown_question"}


def field_name(question, choice=None):
    name = f"{FIELD_PREFIX}{question.pk}"
    return f"{name}-{choice.key}" if choice is not None else name


@dataclass
class SheetItem:
    """One question as the template renders it."""

    shown: object  # drawing.ShownQuestion
    field: object = None  # bound field (single, multiple, true/false)
    steps: list = dc_field(default_factory=list)  # [(choice, bound field)] for ordering
    errors: list = dc_field(default_factory=list)

    @property
    def kind(self):
        return self.shown.question.kind

    @property
    def anchor(self):
        """The id of the first control, where the error summary links to."""
        if self.field is not None:
            return f"{self.field.auto_id}_0"
        return self.steps[0][1].auto_id if self.steps else ""


class AnswerForm(forms.Form):
    def __init__(self, shown_questions, *args, blank_allowed=False, **kwargs):
        super().__init__(*args, **kwargs)
        self.shown_questions = shown_questions
        required_message = _("Choose an answer.")
        invalid = _("This answer is not one of the choices offered for this question.")
        for shown in shown_questions:
            question = shown.question
            options = [(choice.key, choice.text) for choice in shown.choices]
            if question.kind == Kind.ORDERING:
                positions = [("", _("Choose position"))] + [
                    (str(n), str(n)) for n in range(1, len(shown.choices) + 1)
                ]
                for choice in shown.choices:
                    self.fields[field_name(question, choice)] = forms.TypedChoiceField(
                        label=choice.text,
                        choices=positions,
                        coerce=int,
                        required=False,
                        error_messages={"invalid_choice": invalid},
                    )
            elif question.kind == Kind.MULTIPLE:
                self.fields[field_name(question)] = forms.MultipleChoiceField(
                    label=question.text,
                    choices=options,
                    required=not blank_allowed,
                    widget=forms.CheckboxSelectMultiple,
                    error_messages={
                        "required": _("Choose at least one answer."),
                        "invalid_choice": invalid,
                    },
                )
            else:
                self.fields[field_name(question)] = forms.ChoiceField(
                    label=question.text,
                    choices=options,
                    required=not blank_allowed,
                    widget=forms.RadioSelect,
                    error_messages={"required": required_message, "invalid_choice": invalid},
                )
        self.blank_allowed = blank_allowed

    def clean(self):
        cleaned = super().clean()
        unknown = [
            name for name in self.data if name.startswith(FIELD_PREFIX) and name not in self.fields
        ]
        if unknown:
            raise forms.ValidationError(
                _("An answer was sent for a question that is not part of this attempt."),
                code="unknown_question",
            )
        for shown in self.shown_questions:
            if shown.question.kind != Kind.ORDERING:
                continue
            names = [field_name(shown.question, choice) for choice in shown.choices]
            positions = [cleaned.get(name) for name in names]
            first = names[0]
            if any(name in self.errors for name in names):
                continue
            if all(p in (None, "") for p in positions):
                if not self.blank_allowed:
                    self.add_error(
                        first,
                        forms.ValidationError(_("Give every step a position."), code="required"),
                    )
                continue
            if any(p in (None, "") for p in positions):
                self.add_error(
                    first,
                    forms.ValidationError(_("Give every step a position."), code="incomplete"),
                )
            elif len(set(positions)) != len(positions):
                self.add_error(
                    first,
                    forms.ValidationError(
                        _("Give every step a different position."), code="duplicate"
                    ),
                )
        return cleaned

    @property
    def tampered(self):
        """True if the errors can only come from a forged request (the view answers 400)."""
        return any(
            error.code in TAMPERING for errors in self.errors.as_data().values() for error in errors
        )

    def items(self):
        items = []
        for shown in self.shown_questions:
            question = shown.question
            if question.kind == Kind.ORDERING:
                steps = [(choice, self[field_name(question, choice)]) for choice in shown.choices]
                errors = [e for _choice, bound in steps for e in bound.errors]
                items.append(SheetItem(shown, steps=steps, errors=errors))
            else:
                bound = self[field_name(question)]
                items.append(SheetItem(shown, field=bound, errors=list(bound.errors)))
        return items

    def picked(self):
        """{question pk: [choice keys]} from a valid form; ordering keys in the learner's order."""
        picked = {}
        for shown in self.shown_questions:
            question = shown.question
            if question.kind == Kind.ORDERING:
                placed = [
                    (self.cleaned_data.get(field_name(question, c)), c.key) for c in shown.choices
                ]
                picked[question.pk] = (
                    [key for _pos, key in sorted(placed)]
                    if all(pos not in (None, "") for pos, _ in placed)
                    else []
                )
            elif question.kind == Kind.MULTIPLE:
                picked[question.pk] = list(self.cleaned_data.get(field_name(question)) or [])
            else:
                value = self.cleaned_data.get(field_name(question))
                picked[question.pk] = [value] if value else []
        return picked
