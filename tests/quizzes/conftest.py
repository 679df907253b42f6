import pytest

from quizzes.factories import QuestionFactory, QuizFactory
from quizzes.models import Kind


@pytest.fixture
def questions(db):
    """One question of each kind, with the default choices of tests' factories."""
    return {kind: QuestionFactory(kind=kind) for kind in Kind.values}


@pytest.fixture
def quiz(questions):
    """A fixed quiz of the four questions, in kind order; pass mark 80 %."""
    return QuizFactory(title="FMK-quiz", questions=list(questions.values()))


def key(question, text):
    """The random key of the choice with this text."""
    return question.choices.get(text=text).key


def answer_fields(attempt, picks):
    """POST data for an attempt. ``picks`` maps question pk to a list of choice texts (ordering:
    in the order the learner puts them)."""
    from quizzes.models import Kind, Question

    data = {}
    for item in attempt.layout:
        question = Question.objects.get(pk=item["question"])
        texts = picks.get(question.pk, [])
        if question.kind == Kind.ORDERING:
            for position, text in enumerate(texts, start=1):
                data[f"q-{question.pk}-{key(question, text)}"] = str(position)
        elif question.kind == Kind.MULTIPLE:
            data[f"q-{question.pk}"] = [key(question, t) for t in texts]
        elif texts:
            data[f"q-{question.pk}"] = key(question, texts[0])
    return data


ALL_RIGHT = {
    Kind.SINGLE: ["Det rigtige svar"],
    Kind.MULTIPLE: ["Rigtigt A", "Rigtigt B"],
    Kind.TRUE_FALSE: ["Sandt"],
    Kind.ORDERING: ["Første trin", "Andet trin", "Tredje trin", "Fjerde trin"],
}


def all_right(questions):
    return {questions[kind].pk: texts for kind, texts in ALL_RIGHT.items()}
