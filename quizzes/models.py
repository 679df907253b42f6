"""Questions in a bank tagged by competence, quizzes drawn from it, attempts and answers.

Authoring (Question, Choice, Quiz, QuizQuestion, CourseEvaluation) happens in the Wagtail admin
as snippets; QuizPage places a quiz in the page tree. Attempt and Answer are written only by
``quizzes.attempts`` in the transaction that stores the matching xAPI statements (see
docs/quizzes.md for the design).
"""

import secrets
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.fields import RichTextField
from wagtail.models import Orderable, Page, PreviewableMixin

from learning.competences.models import Level
from learning.organisations.models import owner_organisation_field
from learning.organisations.permissions import OwnedPageMixin, owner_of, register_owner

from .admin_forms import QuestionAdminForm, QuizAdminForm


def new_choice_key():
    """The id of a choice in forms and xAPI responses: random, so neither its value nor its
    order tells which choice is correct or which step comes first."""
    return secrets.token_hex(5)


class Kind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    TRUE_FALSE = "true_false", _("True or false")
    ORDERING = "ordering", _("Ordering")


# The cmi.interaction type each kind is reported as in xAPI.
INTERACTION_TYPES = {
    Kind.SINGLE: "choice",
    Kind.MULTIPLE: "choice",
    Kind.TRUE_FALSE: "true-false",
    Kind.ORDERING: "sequencing",
}


class Question(ClusterableModel):
    """One question in the bank. Its choices are ordered: for ordering questions that order is the
    right answer; for true/false the first choice means "true" and the second "false"."""

    kind = models.CharField(_("type"), max_length=12, choices=Kind.choices, default=Kind.SINGLE)
    text = models.TextField(_("question"), help_text=_("Plain text, one or two sentences."))
    explanation = models.TextField(
        _("explanation"),
        blank=True,
        help_text=_("Shown after the answer is submitted: why the right answer is right."),
    )
    competence = models.ForeignKey(
        "competences.Competence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quiz_questions",
        verbose_name=_("competence"),
        help_text=_("Tags the question in the bank; random quizzes draw by competence."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    owner_organisation = owner_organisation_field(
        _("Its educators may change it; everyone may use and copy it.")
    )

    base_form_class = QuestionAdminForm
    panels = [
        FieldPanel("kind"),
        FieldPanel("text"),
        FieldPanel("competence"),
        InlinePanel(
            "choices",
            label=_("Answers"),
            min_num=2,
            help_text=_(
                "Ordering: list the steps in the right order; they are shown shuffled. "
                "True or false: first the answer for true, then the one for false."
            ),
        ),
        FieldPanel("explanation"),
        FieldPanel("owner_organisation"),
    ]

    class Meta:
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        ordering = ["competence__code", "text"]

    def __str__(self):
        return self.text if len(self.text) <= 80 else self.text[:79] + "…"

    @property
    def interaction_type(self):
        return INTERACTION_TYPES[self.kind]


class Choice(Orderable):
    question = ParentalKey(Question, on_delete=models.CASCADE, related_name="choices")
    key = models.CharField(max_length=16, default=new_choice_key, editable=False)
    text = models.CharField(_("answer"), max_length=500)
    is_correct = models.BooleanField(
        _("correct"),
        default=False,
        help_text=_("Not used for ordering questions."),
    )
    feedback = models.TextField(
        _("feedback"),
        blank=True,
        help_text=_("Shown after submission to those who chose it."),
    )

    panels = [FieldPanel("text"), FieldPanel("is_correct"), FieldPanel("feedback")]

    class Meta(Orderable.Meta):
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(fields=["question", "key"], name="unique_choice_key")
        ]

    def __str__(self):
        return self.text


class Selection(models.TextChoices):
    FIXED = "fixed", _("The questions listed, in this order")
    RANDOM = "random", _("N random questions")


class Review(models.TextChoices):
    """What the result page of a submitted attempt reveals (the feedback of the answers the
    learner chose, and each question's explanation, are shown in every case)."""

    AFTER_PASS = (
        "after_pass",
        _(
            "Which questions were wrong after every attempt; the correct answers once the learner "
            "has passed or has no attempts left"
        ),
    )
    ALWAYS = "always", _("The correct answers after every attempt")
    NEVER = "never", _("Which questions were wrong, never the correct answers")


class Quiz(PreviewableMixin, ClusterableModel):
    title = models.CharField(_("title"), max_length=255)
    intro = models.TextField(_("introduction"), blank=True)
    selection = models.CharField(
        _("questions"), max_length=8, choices=Selection.choices, default=Selection.FIXED
    )
    draw_count = models.PositiveSmallIntegerField(
        _("number of questions to draw"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_(
            "Random quizzes: drawn from the questions listed below, or if none are "
            "listed, from every question in the bank tagged with the quiz's competence."
        ),
    )
    shuffle_questions = models.BooleanField(_("shuffle questions"), default=False)
    shuffle_choices = models.BooleanField(
        _("shuffle answers"),
        default=False,
        help_text=_("True/false answers keep their order; ordering steps are always shuffled."),
    )
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark (%)"),
        default=80,
        validators=[MaxValueValidator(100)],
        help_text=_("Share of the maximum score needed to pass."),
    )
    max_attempts = models.PositiveSmallIntegerField(
        _("attempt limit"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text=_("Leave empty for unlimited attempts."),
    )
    cooldown_minutes = models.PositiveIntegerField(
        _("wait between attempts (minutes)"),
        null=True,
        blank=True,
    )
    time_limit_minutes = models.PositiveSmallIntegerField(
        _("time limit (minutes)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
    )
    review = models.CharField(
        _("after an attempt, show"),
        max_length=12,
        choices=Review.choices,
        default=Review.AFTER_PASS,
        help_text=_(
            "Showing the correct answers after a failed attempt lets the next attempt be "
            "passed from memory. Each question's explanation and the feedback of the chosen "
            "answers are always shown."
        ),
    )
    competence = models.ForeignKey(
        "competences.Competence",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="quizzes",
        verbose_name=_("competence"),
        help_text=_('Passing records this competence with evidence "quiz".'),
    )
    competence_level = models.PositiveSmallIntegerField(
        _("level"), choices=Level.choices, default=Level.BASIC
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    owner_organisation = owner_organisation_field(
        _("Its educators may change it; everyone may use and copy it.")
    )

    base_form_class = QuizAdminForm
    panels = [
        FieldPanel("title"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("selection"),
                FieldPanel("draw_count"),
                FieldRowPanel([FieldPanel("shuffle_questions"), FieldPanel("shuffle_choices")]),
                InlinePanel("items", label=_("Questions from the bank")),
            ],
            heading=_("Questions"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("pass_mark"),
                FieldRowPanel([FieldPanel("max_attempts"), FieldPanel("cooldown_minutes")]),
                FieldPanel("time_limit_minutes"),
                FieldPanel("review"),
            ],
            heading=_("Rules"),
        ),
        FieldRowPanel(
            [FieldPanel("competence"), FieldPanel("competence_level")], heading=_("Competence")
        ),
        FieldPanel("owner_organisation"),
    ]

    class Meta:
        verbose_name = _("quiz")
        verbose_name_plural = _("quizzes")
        ordering = ["title"]

    def __str__(self):
        return self.title

    @property
    def question_count(self):
        """How many questions an attempt gets (queries the listed questions, maybe the bank)."""
        # Here, not at the top: drawing and attempts import these models (a cycle in the app).
        from .drawing import pool_size

        available = pool_size(self)
        if self.selection == Selection.RANDOM and self.draw_count:
            return min(self.draw_count, available)
        return available

    # Previews (the admin's preview panel has phone, tablet and desktop sizes).
    def get_preview_template(self, request, mode_name):
        return "quizzes/quiz_preview.html"

    def get_preview_context(self, request, mode_name):
        # Here, not at the top: drawing imports these models (a cycle in the app).
        from .drawing import preview_questions

        return {"quiz": self, "questions": preview_questions(self)}


class QuizQuestion(Orderable):
    quiz = ParentalKey(Quiz, on_delete=models.CASCADE, related_name="items")
    question = models.ForeignKey(
        Question, on_delete=models.PROTECT, related_name="quiz_items", verbose_name=_("question")
    )

    panels = [FieldPanel("question")]

    class Meta(Orderable.Meta):
        verbose_name = _("quiz question")
        verbose_name_plural = _("quiz questions")


class CourseEvaluation(models.Model):
    """A course's pre-test and post-test: the change between them shows whether teaching works.

    Lives here rather than on the course page so the quiz app owns everything about quizzes.
    """

    name = models.CharField(_("name"), max_length=255)
    course_page = models.OneToOneField(
        "wagtailcore.Page",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="quiz_evaluation",
        verbose_name=_("course"),
    )
    pre_test = models.ForeignKey(
        Quiz, on_delete=models.PROTECT, related_name="pre_test_of", verbose_name=_("pre-test")
    )
    post_test = models.ForeignKey(
        Quiz, on_delete=models.PROTECT, related_name="post_test_of", verbose_name=_("post-test")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("course_page"),
        FieldPanel("pre_test"),
        FieldPanel("post_test"),
    ]

    class Meta:
        verbose_name = _("course evaluation")
        verbose_name_plural = _("course evaluations")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(pre_test=models.F("post_test")),
                name="pre_and_post_test_differ",
                violation_error_message=_("The pre-test and the post-test must be two quizzes."),
            )
        ]

    def __str__(self):
        return self.name


class QuizPage(OwnedPageMixin, Page):
    """A stand-alone quiz in the page tree. Parent types are left open so courses can allow it."""

    intro = RichTextField(
        _("introduction"), blank=True, features=["bold", "italic", "link", "ol", "ul"]
    )
    quiz = models.ForeignKey(
        Quiz,
        on_delete=models.PROTECT,
        null=True,
        related_name="pages",
        verbose_name=_("quiz"),
    )

    content_panels = [*Page.content_panels, FieldPanel("intro"), FieldPanel("quiz")]
    subpage_types = []
    template = "quizzes/quiz_page.html"
    activity_kind = "quiz"

    class Meta:
        verbose_name = _("quiz page")
        verbose_name_plural = _("quiz pages")

    def get_context(self, request, *args, **kwargs):
        # Here, not at the top: attempts imports these models (a cycle in the app).
        from .attempts import overview

        context = super().get_context(request, *args, **kwargs)
        if self.quiz_id:
            context["overview"] = overview(self.quiz, request.user)
        return context


class Status(models.TextChoices):
    OPEN = "open", _("In progress")
    SUBMITTED = "submitted", _("Submitted")
    EXPIRED = "expired", _("Time ran out")


class Attempt(models.Model):
    """One person's go at a quiz. ``uuid`` is its public id and its xAPI registration."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    quiz = models.ForeignKey(Quiz, on_delete=models.PROTECT, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="quiz_attempts"
    )
    number = models.PositiveSmallIntegerField()
    page = models.ForeignKey(
        Page,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The page the attempt was started from (a lesson or quiz page), if any.",
    )
    # xAPI parent of the quiz statements: the course of the page or of the course evaluation.
    course_activity_id = models.CharField(max_length=500, blank=True)
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    # [{"question": pk, "order": [choice keys as shown]}] fixed at the start of the attempt.
    layout = models.JSONField(default=list)
    started_at = models.DateTimeField()
    deadline = models.DateTimeField(null=True, blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    raw_score = models.FloatField(null=True, blank=True)
    max_score = models.PositiveSmallIntegerField(default=0)
    scaled_score = models.FloatField(null=True, blank=True)
    passed = models.BooleanField(null=True)
    statement_id = models.UUIDField(null=True, blank=True, help_text="The passed/failed statement.")

    class Meta:
        ordering = ["-started_at"]
        constraints = [
            models.UniqueConstraint(fields=["quiz", "user", "number"], name="unique_attempt_number")
        ]
        indexes = [models.Index(fields=["quiz", "status"])]

    def __str__(self):
        return f"{self.quiz} #{self.number} ({self.user_id})"

    @property
    def question_ids(self):
        return [item["question"] for item in self.layout]


class Answer(models.Model):
    attempt = models.ForeignKey(Attempt, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers")
    position = models.PositiveSmallIntegerField()
    # Choice keys picked; for ordering questions the keys in the order the person put them.
    selected = models.JSONField(default=list)
    response = models.TextField(blank=True, help_text="The xAPI result.response.")
    score = models.FloatField()
    success = models.BooleanField()

    class Meta:
        ordering = ["attempt", "position"]
        constraints = [
            models.UniqueConstraint(fields=["attempt", "question"], name="unique_answer")
        ]

    def __str__(self):
        return f"{self.attempt_id}/{self.question_id}: {self.score}"


# A course's pre- and post-test belong to the course's owner.
register_owner(CourseEvaluation, lambda evaluation: owner_of(evaluation.course_page))
