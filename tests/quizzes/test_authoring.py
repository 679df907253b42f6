"""Authoring in Wagtail: the question bank and quiz admin, previews, the quiz page and block."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from cms.factories import catalogue_tree
from quizzes.blocks import QuizBlock
from quizzes.factories import QuestionFactory, QuizFactory
from quizzes.models import Kind, Question, QuizPage


def question_post(kind, choices):
    data = {
        "kind": kind,
        "text": "Hvornår afstemmes medicinen?",
        "explanation": "",
        "competence": "",
        "choices-TOTAL_FORMS": str(len(choices)),
        "choices-INITIAL_FORMS": "0",
        "choices-MIN_NUM_FORMS": "2",
        "choices-MAX_NUM_FORMS": "1000",
    }
    for n, (text, correct) in enumerate(choices):
        data.update(
            {
                f"choices-{n}-text": text,
                f"choices-{n}-feedback": "",
                f"choices-{n}-ORDER": str(n + 1),
                f"choices-{n}-id": "",
            }
        )
        if correct:
            data[f"choices-{n}-is_correct"] = "on"
    return data


def test_an_educator_adds_a_question_to_the_bank(client, educator):
    client.force_login(educator)
    response = client.post(
        reverse("wagtailsnippets_quizzes_question:add"),
        question_post("single", [("Ved indlæggelse", True), ("Aldrig", False)]),
    )
    assert response.status_code == 302
    question = Question.objects.get()
    assert [c.text for c in question.choices.order_by("sort_order")] == [
        "Ved indlæggelse",
        "Aldrig",
    ]


def test_a_true_false_question_needs_exactly_two_answers(client, educator):
    client.force_login(educator)
    response = client.post(
        reverse("wagtailsnippets_quizzes_question:add"),
        question_post("true_false", [("Sandt", True), ("Falsk", False), ("Måske", False)]),
    )
    assert response.status_code == 200
    assert not Question.objects.exists()


def test_a_single_choice_question_needs_one_correct_answer(client, educator):
    client.force_login(educator)
    response = client.post(
        reverse("wagtailsnippets_quizzes_question:add"),
        question_post("single", [("A", False), ("B", False)]),
    )
    assert response.status_code == 200
    assert not Question.objects.exists()


def test_a_learner_cannot_reach_the_question_bank(client, learner):
    client.force_login(learner)
    response = client.get(reverse("wagtailsnippets_quizzes_question:list"))
    assert response.status_code in (302, 403)


def test_an_educator_can_open_the_quiz_editor(client, educator):
    client.force_login(educator)
    assert client.get(reverse("wagtailsnippets_quizzes_quiz:add")).status_code == 200


def test_the_quiz_preview_shows_the_questions_but_no_answers(db):
    question = QuestionFactory(kind=Kind.SINGLE)
    quiz = QuizFactory(questions=[question])
    request = RequestFactory().get("/")
    request.user = None
    response = quiz.serve_preview(request, "")
    html = (
        response.rendered_content
        if hasattr(response, "rendered_content")
        else response.content.decode()
    )
    assert question.text in html
    assert question.explanation not in html
    assert "Ja, netop." not in html


@pytest.fixture
def quiz_page(db):
    quiz = QuizFactory(questions=[QuestionFactory()], title="Quiz om FMK")
    # Under a home page that is the default site's root, whatever earlier tests left behind.
    parent = catalogue_tree().get_parent()
    page = QuizPage(title="Test din viden om FMK", slug="fmk-quiz", quiz=quiz)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def test_a_quiz_page_shows_the_quiz_rules_and_start_button(client, learner, quiz_page):
    client.force_login(learner)
    response = client.get(quiz_page.url)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count("<h1") == 1
    assert reverse("quizzes:start", args=[quiz_page.quiz.pk]) in html
    assert f'name="page" value="{quiz_page.pk}"' in html


def test_a_quiz_page_allows_any_parent_and_no_children():
    assert getattr(QuizPage, "parent_page_types", None) is None
    assert QuizPage.clean_subpage_models() == []


def test_the_quiz_block_links_to_the_quiz_without_its_questions(db):
    question = QuestionFactory()
    quiz = QuizFactory(questions=[question], title="FMK-quiz")
    block = QuizBlock()
    html = block.render(block.to_python({"quiz": quiz.pk, "heading": ""}), context={})
    assert "FMK-quiz" in html
    assert reverse("quizzes:detail", args=[quiz.pk]) in html
    assert question.text not in html


def test_the_quiz_block_describes_itself_for_editors():
    meta = QuizBlock().meta
    assert (meta.icon, meta.template) == ("form", "quizzes/blocks/quiz_block.html")
    assert meta.description
