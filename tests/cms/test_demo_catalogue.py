"""The guard on the demo catalogue (issue 20): what `make run` shows must teach, be assessed, cite
its sources, have honest durations and real video guides, and give every demo requirement a
course that can meet it."""

import hashlib
import json
import math
import re
import subprocess
from pathlib import Path

import pytest

from cms.demo_courses import lesson_minutes
from learning.video.demo.manuscripts import GUIDES, MANIFEST
from learning.video.webvtt import parse as parse_vtt
from tests.services import require_ffmpeg

DEMO_VIDEOS = Path(__file__).resolve().parents[2] / "learning" / "video" / "demo"

# The strategy's systems and themes (issue 20, DOMAIN.md §2) and words a lesson must use when it
# teaches them: each needs at least one course whose lessons contain every word of its entry.
THEMES = {
    "sundhed.dk": ["sundhed.dk"],
    "Sundhedsjournalen, lovligt opslag": ["Sundhedsjournalen", "aktuel behandling", "Min Log"],
    "FMK og medicinafstemning": ["FMK", "afstemmer", "behandlingsansvarlige læge"],
    "korrespondancemeddelelse": ["korrespondancemeddelelse", "kategori", "tråd"],
    "sygehusadvis": ["sygehusadvis"],
    "indlæggelses- og udskrivningsrapport": ["indlæggelsesrapport", "udskrivningsrapport"],
    "epikrise": ["epikrise"],
    "henvisning": ["henvisning"],
    "meddelelser, der ikke kommer frem": ["kvittering", "ikke leveret", "SOR"],
    "TELMA": ["TELMA", "FUT"],
    "TeleCare Nord ved KOL og hjertesvigt": ["TeleCare Nord", "KOL", "hjertesvigt"],
    "video med borgere og virtuel udskrivningskonference": ["VDX", "udskrivningskonference"],
    "digital først og LEON": ["digital først", "LEON"],
    "borgere, der ikke er digitale": ["fritagelse", "fuldmagt", "pårørende", "Digital Post"],
    "MitID Erhverv": ["MitID Erhverv", "SEB"],
    "databeskyttelse": ["brud på persondatasikkerheden", "Datatilsynet", "72 timer"],
}
# Roles the issue names; each needs a course aimed at it (or at every role).
ROLES = ["SYG", "SSH", "SSA", "LSEK", "LAEGE", "PLAEGE", "FYS", "ERGO"]
MIN_COURSES, MIN_GUIDES = 10, 6
# Both renditions are cut at the spoken length; a frame lasts 0.2 s at the demo's 5 frames/s.
SAME_LENGTH = 0.25

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker):
    """The whole demo, loaded once for the module (these tests only read)."""
    from django.db import transaction

    from cms.demo import load_demo

    with django_db_blocker.unblock():
        with transaction.atomic():
            load_demo()
            yield
            transaction.set_rollback(True)


def courses():
    from cms.models import CoursePage

    return list(CoursePage.objects.live().specific().order_by("path"))


def guides():
    from cms.models import VideoGuidePage

    return list(VideoGuidePage.objects.live().order_by("path"))


def strings(value):
    """Every string inside a raw StreamField value (the HTML of text, callouts, steps, tabs)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for key, item in value.items() if key != "type" for s in strings(item)]
    if isinstance(value, list):
        return [s for item in value for s in strings(item)]
    return []


def lesson_text(lesson):
    return " ".join(strings(list(lesson.body.raw_data)))


def plain(html):
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def quiz_blocks(course):
    return [
        block.value["quiz"]
        for lesson in course.lessons()
        for block in lesson.body
        if block.block_type == "quiz"
    ]


def test_the_catalogue_has_enough_courses_and_guides(demo):
    assert len(courses()) >= MIN_COURSES
    assert len(guides()) >= MIN_GUIDES


def test_every_named_system_and_theme_is_taught_in_a_course(demo):
    texts = [
        plain(" ".join(lesson_text(lesson) for lesson in course.lessons())).lower()
        for course in courses()
    ]
    missing = [
        theme
        for theme, required in THEMES.items()
        if not any(all(word.lower() in text for word in required) for text in texts)
    ]
    assert missing == []


def test_every_named_role_has_a_course(demo):
    aimed = set()
    for course in courses():
        codes = set(course.target_roles.values_list("code", flat=True))
        aimed |= codes or set(ROLES)
    assert set(ROLES) <= aimed


def test_the_demo_says_it_must_be_reviewed_before_real_use(demo):
    from cms.models import HomePage

    assert "Demonstrationsindhold" in HomePage.objects.get().intro
    for page in courses():
        assert "Demonstrationsindhold" in page.introduction, page.title
    for guide in guides():
        assert "Demonstrationsindhold" in guide.notes, guide.title


def test_every_course_that_awards_a_competence_is_assessed_by_a_quiz_in_a_lesson(demo):
    for course in courses():
        awarded = {link.competence_id for link in course.competence_links.all()}
        if not awarded:
            continue
        assessed = [q for q in quiz_blocks(course) if q.competence_id and q.pass_mark > 0]
        assert assessed, course.title
        assert {q.competence_id for q in assessed} <= awarded, course.title
        assert all(q.question_count >= 4 for q in assessed), course.title


def test_every_demo_quiz_is_reachable_from_a_course(demo):
    from quizzes.models import Quiz

    in_courses = {quiz.pk for course in courses() for quiz in quiz_blocks(course)}
    assert set(Quiz.objects.values_list("pk", flat=True)) <= in_courses


def test_evaluated_courses_have_their_pre_test_before_their_post_test(demo):
    from quizzes.models import CourseEvaluation

    evaluations = list(CourseEvaluation.objects.select_related("course_page"))
    assert len(evaluations) >= 2
    for evaluation in evaluations:
        order = [q.pk for q in quiz_blocks(evaluation.course_page.specific)]
        assert order.index(evaluation.pre_test_id) < order.index(evaluation.post_test_id)


def test_every_link_in_the_catalogue_is_absolute_https_and_each_course_cites_sources(demo):
    for course in courses():
        hrefs = re.findall(
            r'href="([^"]*)"', " ".join(lesson_text(lesson) for lesson in course.lessons())
        )
        assert len(set(hrefs)) >= 2, course.title
        assert [h for h in hrefs if not h.startswith("https://")] == [], course.title
    for guide in guides():
        hrefs = re.findall(r'href="([^"]*)"', guide.notes)
        assert hrefs and all(h.startswith("https://") for h in hrefs), guide.title


def test_no_two_guides_share_a_video_and_each_is_a_captioned_guide_of_one_to_three_minutes(demo):
    from learning.video.captions import has_danish_captions

    videos = [guide.video for guide in guides()]
    assert len({video.pk for video in videos}) == len(videos)
    for video in videos:
        assert 60 <= video.duration <= 180, video.title
        assert has_danish_captions(video), video.title
        assert video.file.size < 1024 * 1024, video.title


def test_every_guide_offers_an_mp4_and_a_webm_of_the_same_length_and_shares_neither(demo):
    from learning.video.models import VideoRendition
    from learning.video.renditions import container_of, sources

    seen = {}
    for guide in guides():
        video = guide.video
        renditions = list(VideoRendition.objects.filter(media=video))
        assert container_of(video.file) == "webm", video.title
        assert [(r.container, container_of(r.file)) for r in renditions] == [("mp4", "mp4")]
        assert renditions[0].duration == pytest.approx(video.duration, abs=SAME_LENGTH)
        assert [s["type"] for s in sources(video, renditions)] == ["video/mp4", "video/webm"]
        for file in (video.file, renditions[0].file):
            assert file.size < 1024 * 1024, file.name
            with file.open("rb") as content:
                digest = hashlib.sha256(content.read()).hexdigest()
            assert seen.setdefault(digest, video.title) == video.title, file.name


def ffprobe_streams(path):
    _ffmpeg, ffprobe = require_ffmpeg()
    done = subprocess.run(
        [ffprobe, "-v", "error", "-of", "json", "-show_format", "-show_streams", str(path)],
        capture_output=True,
        check=True,
        timeout=60,
    )
    info = json.loads(done.stdout)
    return float(info["format"]["duration"]), {s["codec_type"]: s for s in info["streams"]}


@pytest.mark.parametrize("guide", GUIDES, ids=[g["key"] for g in GUIDES])
def test_the_committed_mp4_and_webm_are_the_spoken_length_and_play_on_an_iphone(guide):
    """Probed with ffprobe, as publishing does: both files last what the manuscript takes to
    say; the MP4 is H.264 in yuv420p with AAC and its index first (Safari on iPhone)."""
    spoken = json.loads(MANIFEST.read_text())[guide["stem"]]
    webm_length, webm = ffprobe_streams(DEMO_VIDEOS / f"{guide['stem']}.webm")
    mp4_length, mp4 = ffprobe_streams(DEMO_VIDEOS / f"{guide['stem']}.mp4")
    assert webm_length == pytest.approx(spoken, abs=SAME_LENGTH)
    assert mp4_length == pytest.approx(spoken, abs=SAME_LENGTH)
    assert (webm["video"]["codec_name"], webm["audio"]["codec_name"]) == ("vp9", "opus")
    assert (mp4["video"]["codec_name"], mp4["video"]["pix_fmt"]) == ("h264", "yuv420p")
    assert mp4["audio"]["codec_name"] == "aac"
    head = (DEMO_VIDEOS / f"{guide['stem']}.mp4").read_bytes()
    assert head.index(b"moov") < head.index(b"mdat")  # -movflags +faststart


def test_durations_are_computed_from_the_content(demo):
    for course in courses():
        total = 0
        for lesson in course.lessons():
            blocks = [(block.block_type, block.value) for block in lesson.body]
            assert lesson.estimated_minutes == lesson_minutes(blocks), lesson.title
            total += lesson.estimated_minutes
        assert course.estimated_minutes == total, course.title
    for guide in guides():
        assert guide.estimated_minutes == max(1, math.ceil(guide.video.duration / 60))


def test_every_demo_requirement_has_a_course_that_grants_it_at_the_required_level(demo):
    from cms.models import CourseCompetence
    from learning.competences.models import Requirement

    granted = {}
    for link in CourseCompetence.objects.filter(page__live=True):
        granted[link.competence_id] = max(granted.get(link.competence_id, 0), link.level)
    unmet = {
        (r.competence.code, r.level)
        for r in Requirement.objects.select_related("competence")
        if granted.get(r.competence_id, 0) < r.level
    }
    assert unmet == set()


def test_the_demo_dates_are_relative_to_today_with_every_status(demo):
    import datetime

    from django.utils import timezone

    from learning.competences.models import CompetenceRecord
    from learning.competences.status import Status, statuses_for_people
    from learning.organisations.models import JobAssignment

    today = timezone.localdate()
    earliest = today - datetime.timedelta(days=5 * 365)
    for achieved in CompetenceRecord.objects.values_list("achieved_at", flat=True):
        assert earliest <= achieved.date() <= today
    people = JobAssignment.objects.values_list("user_id", flat=True).distinct()
    seen = {s.status for statuses in statuses_for_people(people).values() for s in statuses}
    assert seen == set(Status)


@pytest.mark.parametrize("guide", GUIDES, ids=[g["key"] for g in GUIDES])
def test_the_captions_are_the_manuscript_spoken(guide):
    """The committed captions say, cue by cue, what the manuscript makes espeak-ng say."""
    spoken = [sentence for slide in guide["slides"] for sentence in slide["say"]]
    cues = parse_vtt((DEMO_VIDEOS / f"{guide['stem']}.da.vtt").read_text())
    assert [cue.text for cue in cues] == spoken
    chapters = parse_vtt((DEMO_VIDEOS / f"{guide['stem']}.chapters.vtt").read_text())
    assert [c.text for c in chapters] == [s["chapter"] for s in guide["slides"] if s["chapter"]]
    assert cues[-1].end <= chapters[-1].end
