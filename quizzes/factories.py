"""Factories for questions (with their choices), quizzes and attempts.

``QuestionFactory(kind=Kind.MULTIPLE)`` gets sensible default choices for its kind; pass
``choices=[("text", is_correct, "feedback"), ...]`` to choose them (for ordering: in the right
order). ``QuizFactory(questions=[q1, q2])`` lists questions on the quiz.
"""

import factory
from django.utils import timezone

from learning.accounts.factories import UserFactory

from .models import Answer, Attempt, Choice, Kind, Question, Quiz, QuizQuestion, Status

DEFAULT_CHOICES = {
    Kind.SINGLE: [
        ("Det rigtige svar", True, "Ja, netop."),
        ("Et forkert svar", False, "Nej."),
        ("Et andet forkert svar", False, ""),
    ],
    Kind.MULTIPLE: [
        ("Rigtigt A", True, ""),
        ("Rigtigt B", True, ""),
        ("Forkert C", False, ""),
        ("Forkert D", False, "Ikke denne."),
    ],
    Kind.TRUE_FALSE: [("Sandt", True, "Korrekt."), ("Falsk", False, "Prøv igen.")],
    Kind.ORDERING: [
        ("Første trin", False, ""),
        ("Andet trin", False, ""),
        ("Tredje trin", False, ""),
        ("Fjerde trin", False, ""),
    ],
}


class QuestionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Question
        skip_postgeneration_save = True

    kind = Kind.SINGLE
    text = factory.Sequence(lambda n: f"Spørgsmål nummer {n}?")
    explanation = factory.Sequence(lambda n: f"Forklaring {n}.")

    @factory.post_generation
    def choices(self, create, extracted, **kwargs):
        if not create:
            return
        specs = extracted if extracted is not None else DEFAULT_CHOICES[self.kind]
        for number, (text, is_correct, feedback) in enumerate(specs):
            Choice.objects.create(
                question=self,
                sort_order=number,
                text=text,
                is_correct=is_correct,
                feedback=feedback,
            )


class QuizFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Quiz
        skip_postgeneration_save = True

    title = factory.Sequence(lambda n: f"Quiz {n}")
    pass_mark = 80

    @factory.post_generation
    def questions(self, create, extracted, **kwargs):
        if not create or not extracted:
            return
        for number, question in enumerate(extracted):
            QuizQuestion.objects.create(quiz=self, question=question, sort_order=number)


class AttemptFactory(factory.django.DjangoModelFactory):
    """A submitted attempt without statements (for analysis tests); give ``layout`` and
    ``scaled_score``."""

    class Meta:
        model = Attempt

    quiz = factory.SubFactory(QuizFactory)
    user = factory.SubFactory(UserFactory)
    number = 1
    status = Status.SUBMITTED
    started_at = factory.LazyFunction(timezone.now)
    submitted_at = factory.LazyFunction(timezone.now)
    max_score = 1
    raw_score = 0
    scaled_score = 0
    passed = False


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    attempt = factory.SubFactory(AttemptFactory)
    question = factory.SubFactory(QuestionFactory)
    position = 1
    score = 0
    success = False
