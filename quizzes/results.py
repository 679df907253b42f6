"""What the result page shows for each question of a submitted attempt."""

from dataclasses import dataclass

from .drawing import shown_questions
from .models import Kind


@dataclass
class ChoiceOutcome:
    choice: object
    picked: bool
    position: int | None = None  # ordering: where the learner put it (1-based)
    right_position: int | None = None  # ordering: where it belongs (1-based)

    @property
    def in_right_place(self):
        return self.position is not None and self.position == self.right_position


@dataclass
class QuestionOutcome:
    shown: object
    answer: object  # Answer or None (expired attempts have none)
    choices: list

    @property
    def question(self):
        return self.shown.question

    @property
    def right_order(self):
        return list(self.question.choices.all())


def outcomes(attempt):
    """Per question: the learner's choices (in the order shown, or the order they put them),
    the answer row and the question with its feedback. Three queries."""
    answers = {a.question_id: a for a in attempt.answers.all()}
    result = []
    for shown in shown_questions(attempt.layout):
        answer = answers.get(shown.question.pk)
        selected = answer.selected if answer else []
        if shown.question.kind == Kind.ORDERING and selected:
            by_key = {c.key: c for c in shown.choices}
            right = {key: n for n, key in enumerate(shown.keys_in_right_order, start=1)}
            choices = [
                ChoiceOutcome(by_key[key], True, position, right[key])
                for position, key in enumerate(selected, start=1)
                if key in by_key
            ]
        else:
            choices = [ChoiceOutcome(c, c.key in selected) for c in shown.choices]
        result.append(QuestionOutcome(shown, answer, choices))
    return result
