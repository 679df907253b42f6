"""Which questions an attempt gets, and in which order its questions and choices are shown.

The layout is fixed when the attempt starts and stored on it, so a reload shows the same
questions, and the server later scores exactly what was shown.
"""

import secrets
from dataclasses import dataclass

from django.db.models import Count, Prefetch

from .models import Choice, Kind, Question, Selection


def _with_choices(queryset):
    return queryset.prefetch_related(
        Prefetch("choices", queryset=Choice.objects.order_by("sort_order", "pk"))
    )


def pool(quiz):
    """The questions a quiz uses or draws from: those listed on it, or for a random quiz with
    none listed, every bank question tagged with its competence. Two queries."""
    # quiz.items works for a saved quiz and for the unsaved one the admin preview builds.
    listed_ids = [item.question_id for item in quiz.items.all() if item.question_id]
    found = {q.pk: q for q in _with_choices(Question.objects.filter(pk__in=listed_ids))}
    listed = [found[pk] for pk in dict.fromkeys(listed_ids) if pk in found]
    if listed or quiz.selection != Selection.RANDOM or not quiz.competence_id:
        return [q for q in listed if len(q.choices.all()) >= 2]
    bank = _with_choices(Question.objects.filter(competence_id=quiz.competence_id)).order_by("pk")
    return [q for q in bank if len(q.choices.all()) >= 2]


def pool_size(quiz):
    """``len(pool(quiz))`` counted by the database, without loading questions and choices.
    Two queries (the quiz's items, the count)."""
    listed_ids = {item.question_id for item in quiz.items.all() if item.question_id}
    usable = Question.objects.annotate(choice_count=Count("choices")).filter(choice_count__gte=2)
    # An item's question always exists (a foreign key), so "listed" is "any item".
    if listed_ids or quiz.selection != Selection.RANDOM or not quiz.competence_id:
        return usable.filter(pk__in=listed_ids).count()
    return usable.filter(competence_id=quiz.competence_id).count()


def choice_order(question, rng, shuffle):
    """Choice keys in the order shown. Ordering steps are always shuffled, and never shown in
    the right order (that would give the answer away); true/false keeps true before false."""
    keys = [choice.key for choice in question.choices.all()]
    if question.kind == Kind.ORDERING:
        shown = keys[:]
        rng.shuffle(shown)
        if shown == keys and len(keys) > 1:
            shown = shown[1:] + shown[:1]
        return shown
    if shuffle and question.kind != Kind.TRUE_FALSE:
        rng.shuffle(keys)
    return keys


def draw_layout(quiz, rng=None):
    """The layout of a new attempt: [{"question": pk, "order": [keys]}]. Queries the pool."""
    rng = rng or secrets.SystemRandom()
    questions = pool(quiz)
    if quiz.selection == Selection.RANDOM and quiz.draw_count:
        picked = {q.pk for q in rng.sample(questions, min(quiz.draw_count, len(questions)))}
        questions = [q for q in questions if q.pk in picked]
    if quiz.shuffle_questions:
        rng.shuffle(questions)
    return [
        {"question": q.pk, "order": choice_order(q, rng, quiz.shuffle_choices)} for q in questions
    ]


@dataclass
class ShownQuestion:
    number: int
    question: Question
    choices: list  # Choice rows in the order shown

    @property
    def correct_keys(self):
        return [c.key for c in self.question.choices.all() if c.is_correct]

    @property
    def keys_in_right_order(self):
        return [c.key for c in self.question.choices.all()]


def shown_questions(layout):
    """The attempt's questions with their choices in the order shown. Two queries."""
    by_pk = {
        q.pk: q
        for q in _with_choices(
            Question.objects.filter(pk__in=[item["question"] for item in layout])
        )
    }
    shown = []
    for number, item in enumerate(layout, start=1):
        question = by_pk.get(item["question"])
        if question is None:  # deleted questions are PROTECTed once answered; skip if never
            continue
        choices = {c.key: c for c in question.choices.all()}
        ordered = [choices[key] for key in item["order"] if key in choices]
        # Choices an editor added after the attempt started are not part of it.
        shown.append(ShownQuestion(number, question, ordered))
    return shown


def preview_questions(quiz):
    """What an attempt might look like, for the admin preview (choices shuffled as configured)."""
    return shown_questions(draw_layout(quiz))
