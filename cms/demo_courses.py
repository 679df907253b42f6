"""Load the demo catalogue (``cms.demo_catalogue``): eleven courses and six video guides in
Danish, wired to the workflow competences N1..N12. Never patient data; demonstration content to
be reviewed by subject experts before real use.

Durations are computed, never typed: a lesson's minutes come from its words (at
READING_WORDS_PER_MINUTE), its videos' lengths and its quizzes' questions
(MINUTES_PER_QUESTION); a course is the sum of its lessons and a video guide its video's length.
``lesson_minutes`` is the one formula, used here and by the guard test.

Lessons name their videos by the video demo's key and their quizzes by the quiz demo's title.
Both demos are idempotent, so this loader runs them for the objects it needs;
``load_quiz_demo`` runs later, finds the same quizzes and attaches the pre/post evaluations.
"""

import math
import re
from html import unescape

from django.utils.text import slugify

from cms.demo_catalogue import COURSES, DEMO_NOTICE, VIDEO_GUIDES
from cms.demo_sources import read_more
from cms.models import (
    CatalogPage,
    CourseCompetence,
    CoursePage,
    HomePage,
    LessonPage,
    VideoGuidePage,
)
from cms.workflows import ensure_review_workflow
from learning.competences.models import Competence
from learning.organisations.models import JobRole, Organisation
from learning.video.demo import load_video_demo
from quizzes.demo import load_bank, load_quizzes

READING_WORDS_PER_MINUTE = 120  # careful reading of instructions, often on a phone
MINUTES_PER_QUESTION = 1  # a scenario question is read, thought through and answered


def words(html):
    """The number of words a reader reads in a piece of rich text."""
    return len(unescape(re.sub(r"<[^>]+>", " ", html or "")).split())


def block_words(block_type, value):
    """Words in one lesson block's value (raw dict or Wagtail StructValue)."""
    if block_type == "text":
        return words(str(value.source if hasattr(value, "source") else value))
    if block_type == "callout":
        return words(value["heading"]) + words(_html(value["text"]))
    if block_type == "steps":
        return words(value["heading"]) + sum(
            words(step["title"]) + words(_html(step["text"])) for step in value["steps"]
        )
    if block_type == "system_tabs":
        return words(value["heading"]) + sum(words(_html(tab["text"])) for tab in value["tabs"])
    return 0


def _html(rich):
    return str(getattr(rich, "source", rich) or "")


def lesson_minutes(blocks):
    """Minutes for a lesson from [(block type, value)] with videos and quizzes as objects."""
    minutes = 0.0
    for block_type, value in blocks:
        if block_type == "video":
            minutes += (value["video"].duration or 0) / 60
        elif block_type == "quiz":
            minutes += value["quiz"].question_count * MINUTES_PER_QUESTION
        else:
            minutes += block_words(block_type, value) / READING_WORDS_PER_MINUTE
    return max(1, math.ceil(minutes))


def video_minutes(media):
    return max(1, math.ceil((media.duration or 0) / 60))


def _catalogue():
    catalogue = CatalogPage.objects.first()
    if catalogue is None:
        catalogue = CatalogPage(
            title="Kurser og videovejledninger",
            slug="kurser",
            intro=(
                "<p>Korte kurser og videovejledninger om de digitale arbejdsgange på tværs af "
                "sygehus, kommune og almen praksis.</p>" + DEMO_NOTICE
            ),
        )
        HomePage.objects.first().add_child(instance=catalogue)
        catalogue.save_revision().publish()
    return catalogue


def _links(model, pairs, competences):
    return [model(competence=competences[code], level=level) for code, level in pairs]


def _resolved(blocks, videos, quizzes):
    """The blocks with video keys and quiz titles replaced by the objects."""
    resolved = []
    for kind, value in blocks:
        if kind == "video":
            value = {**value, "video": videos[value["video"]]}
        elif kind == "quiz":
            value = {**value, "quiz": quizzes[value["quiz"]]}
        resolved.append((kind, value))
    return resolved


def _raw(kind, value):
    """The raw StreamField value of one block, with objects as pks."""
    if kind in ("video", "quiz"):
        value = {**value, kind: value[kind].pk}
    return {"type": kind, "value": value}


def _publish(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


def load_courses_demo():
    """The catalogue page, the courses with lessons, the video guides and the review workflow.
    Idempotent: pages are matched by slug."""
    catalogue = _catalogue()
    videos = load_video_demo()
    quizzes = load_quizzes(load_bank())
    competences = {c.code: c for c in Competence.objects.filter(code__regex=r"^N\d+$")}
    roles = {r.code: r for r in JobRole.objects.all()}
    owners = {
        o.external_id: o for o in Organisation.objects.filter(external_id__startswith="DEMO-")
    }
    existing = set(catalogue.get_children().values_list("slug", flat=True))
    body_field = LessonPage._meta.get_field("body")
    for spec in COURSES:
        if spec["slug"] in existing:
            continue
        lessons = [(title, _resolved(blocks, videos, quizzes)) for title, blocks in spec["lessons"]]
        minutes = [lesson_minutes(blocks) for _title, blocks in lessons]
        course = CoursePage(
            title=spec["title"],
            slug=spec["slug"],
            summary=spec["summary"],
            introduction=DEMO_NOTICE,
            estimated_minutes=sum(minutes),
            target_sectors=spec["sectors"],
            owner_organisation=owners.get(spec["owner"]),
        )
        course.target_roles = [roles[code] for code in spec["roles"] if code in roles]
        course.competence_links = _links(CourseCompetence, spec["competences"], competences)
        _publish(catalogue, course)
        for (title, blocks), lesson_min in zip(lessons, minutes, strict=True):
            body = body_field.to_python([_raw(kind, value) for kind, value in blocks])
            _publish(
                course,
                LessonPage(
                    title=title, slug=slugify(title), body=body, estimated_minutes=lesson_min
                ),
            )
    for slug, title, key, summary, name, specialist, sectors, sources in VIDEO_GUIDES:
        if slug in existing:
            continue
        guide = VideoGuidePage(
            title=title,
            slug=slug,
            summary=summary,
            estimated_minutes=video_minutes(videos[key]),
            video=videos[key],
            specialist_name=name,
            specialist_title=specialist,
            notes=DEMO_NOTICE + read_more(*sources),
            target_sectors=sectors,
            owner_organisation=owners.get("DEMO-RN"),
        )
        _publish(catalogue, guide)
    ensure_review_workflow()
