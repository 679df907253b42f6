"""Issue 15's "Done when": the educator's way from a blank page to a reviewed, published course,
in Danish, in Chromium at phone size (375 × 812), with the authoring pages that matter most
(the lesson with a video and a quiz, the video's own form) again at desktop size.

Jesper (Hjørring) logs in and sets up his authenticator app; writes two questions and a quiz;
uploads a video made by ffmpeg with its Danish captions in the same form; builds a course of a
text lesson and a video lesson that ends with the quiz, and sends the three pages to review.
Birgit (Aalborg) logs in with her code, opens each of them and posts to them the way a browser
would: nothing changes. Lise (Hjørring) logs in with her code and approves them, which publishes
them. Mette finds the course in the catalogue and completes it under its rule: the text lesson
marked done, the quiz passed.

axe runs on every learner page and on our admin pages of the walk. Wagtail's own widgets that
break a rule are excluded one by one in ``WAGTAIL_WIDGET_EXCLUSIONS``, each with its reason.
"""

import base64
import hashlib
import hmac
import os
import struct
import subprocess
import time

import pytest
from playwright.sync_api import expect

from learning.accounts.factories import TEST_PASSWORD as PASSWORD
from tests.browser.conftest import (
    DESKTOP,
    WCAG_TAGS,
    assert_accessible,
    assert_no_horizontal_scroll,
    browser_page,
    log_in,
    wait_for,
)

pytestmark = pytest.mark.browser

PHONE_TALL = {"width": 375, "height": 812}
COURSE_TITLE = "Første skridt i FMK"
TEXT_LESSON = "Hvad er FMK?"
VIDEO_LESSON = "Sådan logger du på FMK"
QUIZ_TITLE = "Quiz: FMK for begyndere"
VIDEO_TITLE = "Log på FMK med MitID"
QUESTIONS = [
    ("Hvad står FMK for?", "Fælles Medicinkort", "Fælles Mødekalender"),
    ("Hvem kan se borgerens medicinkort?", "Sundhedspersoner med adgang", "Alle på internettet"),
]
CAPTIONS = (
    "WEBVTT\n\n00:00.000 --> 00:01.500\nVælg FMK i menuen.\n\n"
    "00:01.500 --> 00:03.000\nLog på med MitID.\n"
)
DONE_BUTTON = "form[action*='/faerdig/'] button[type=submit]"

# Wagtail's own widgets that break a WCAG rule on our admin pages: axe rule -> the selectors
# (as axe reports them) left out of that rule only.
WAGTAIL_WIDGET_EXCLUSIONS = {
    # The tag field of the video form (Wagtail's TagWidget, jQuery tag-it) types into an input it
    # adds itself, which the field's <label for="id_tags"> does not name. No upstream issue found.
    "label": [".ui-autocomplete-input"],
    # Draftail, Wagtail's rich-text editor: its contenteditable role="textbox" has no accessible
    # name (the field's label points at the hidden input): wagtail/wagtail#14205.
    "aria-input-field-name": [".notranslate"],
}


def totp(secret, at=None):
    """RFC 6238: the six-digit code an authenticator app shows for ``secret`` (base32)."""
    key = base64.b32decode(secret.upper() + "=" * (-len(secret) % 8))
    digest = hmac.new(key, struct.pack(">Q", int((at or time.time()) // 30)), hashlib.sha1)
    digest = digest.digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return f"{value % 1_000_000:06d}"


def fresh_totp(secret):
    """A code with a few seconds left of its 30-second step, so it is still valid when posted."""
    wait_for(lambda: time.time() % 30 < 25, timeout=6)
    return totp(secret)


def authenticator_app(user):
    """The person set up an authenticator app earlier: their TOTP secret, stored as allauth does."""
    from allauth.mfa.adapter import get_adapter
    from allauth.mfa.models import Authenticator

    secret = base64.b32encode(os.urandom(20)).decode()
    Authenticator.objects.create(
        user=user, type=Authenticator.Type.TOTP, data={"secret": get_adapter().encrypt(secret)}
    )
    return secret


def make_video(directory):
    """Three seconds of H.264 test picture, and its Danish captions."""
    video = directory / "fmk-login.mp4"
    subprocess.run(
        [
            "ffmpeg", "-loglevel", "error", "-f", "lavfi",
            "-i", "testsrc=duration=3:size=320x240:rate=10",
            "-pix_fmt", "yuv420p", "-c:v", "libx264", str(video),
        ],
        check=True,
    )  # fmt: skip
    captions = directory / "fmk-login.da.vtt"
    captions.write_text(CAPTIONS, encoding="utf-8")
    return video, captions


def assert_admin_accessible(page):
    """axe on our admin page, less the Wagtail widgets listed in WAGTAIL_WIDGET_EXCLUSIONS."""
    from axe_playwright_python.sync_playwright import Axe

    results = Axe().run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}})
    violations = []
    for violation in results.response["violations"]:
        excluded = WAGTAIL_WIDGET_EXCLUSIONS.get(violation["id"], ())
        targets = [
            node["target"]
            for node in violation["nodes"]
            if not any(part in str(node["target"]) for part in excluded)
        ]
        if targets:
            violations.append(f"{violation['id']}: {violation['help']} -> {targets}")
    assert violations == [], page.url + "\n" + "\n".join(violations)


def save(page, name="action-save"):
    with page.expect_navigation():
        page.locator(f"button[name='{name}'], button.action-save").first.click()


def submit_for_review(page):
    """The footer's "more actions" menu: "Send til gennemsyn hos en anden underviser"."""
    page.locator("footer").get_by_role("button", name="Flere handlinger").click()
    with page.expect_navigation():
        page.locator("button[name='action-submit']").click()


def autosave_settled(page, quiet_seconds=1.5):
    """No autosave of the form is in flight, nor about to start. If one has made the draft (no
    longer a 400 for the slug the script had not filled in yet), the form now edits it, so the
    educator's submit goes to that draft and cannot create the page a second time.

    Wagtail starts an autosave half a second after the last change, so a check made at once
    can come before it starts, and the submit then meets the first autosave still creating the
    page on the server, a race of its own (test_autosave_race.py). Hence a quiet period."""
    form = page.locator("form[data-w-autosave-interval-value]")
    quiet_since = time.monotonic()
    while time.monotonic() - quiet_since < quiet_seconds:
        if form.get_attribute("data-w-autosave-state-value") == "saving":
            quiet_since = time.monotonic()
        page.wait_for_timeout(100)
    if form.get_attribute("data-w-autosave-state-value") == "saved":
        assert "/edit/" in page.url and "/edit/" in form.get_attribute("action"), page.url


def choose_in_modal(page, title):
    """Wagtail's chooser modal: click the item by its title; the modal closes."""
    modal = page.locator(".modal:visible")
    modal.get_by_role("link", name=title).first.click()
    expect(modal).to_have_count(0)


def add_block(page, label):
    """Wagtail's StreamField: the last "+" button, then the block by its Danish name."""
    page.locator("button.c-sf-add-button").last.click()
    page.get_by_role("option", name=label, exact=True).click()


# -- Jesper ---------------------------------------------------------------------------------


def set_up_totp_at_first_login(page, base, email):
    log_in(page, base, email, PASSWORD)
    if "/reauthenticate/" in page.url:
        assert_accessible(page)
        page.get_by_label("Adgangskode").fill(PASSWORD)
        with page.expect_navigation():
            page.locator("main form button[type=submit]").click()
    assert page.url.endswith("/accounts/2fa/totp/activate/"), page.url
    assert "ekstra faktor" in page.locator("main").inner_text()
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
    secret = page.locator("#authenticator_secret").inner_text().strip()
    page.locator("input[name=code]").fill(fresh_totp(secret))
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()
    assert_accessible(page)
    with page.expect_navigation():
        page.get_by_role("link", name="Fortsæt til redigeringsværktøjerne").click()
    assert page.url.endswith("/cms/"), page.url
    return secret


def log_in_with_code(page, base, email, secret):
    log_in(page, base, email, PASSWORD)
    assert page.url.endswith("/accounts/2fa/authenticate/"), page.url
    assert_accessible(page)
    page.locator("input[name=code]").fill(fresh_totp(secret))
    with page.expect_navigation():
        page.get_by_role("button", name="Log ind").click()
    assert page.url.endswith("/cms/") or "/accounts/" not in page.url, page.url


def write_question(page, base, text, right, wrong):
    page.goto(f"{base}/cms/snippets/quizzes/question/add/")
    page.locator("#id_kind").select_option("single")
    page.locator("#id_text").fill(text)
    page.locator("#id_choices-0-text").fill(right)
    page.locator("#id_choices-0-is_correct").check()
    page.locator("#id_choices-1-text").fill(wrong)
    save(page)


def write_quiz(page, base):
    page.goto(f"{base}/cms/snippets/quizzes/quiz/add/")
    page.locator("#id_title").fill(QUIZ_TITLE)
    for index, (text, _right, _wrong) in enumerate(QUESTIONS):
        page.locator("#id_items-ADD").click()
        page.locator(f"#inline_child_items-{index} button.chooser__choose-button").click()
        choose_in_modal(page, text)
    page.locator("#id_cooldown_minutes").fill("0")
    assert_admin_accessible(page)
    save(page)


def upload_video(page, base, video, captions):
    page.goto(f"{base}/cms/media/video/add/")
    page.locator("#id_title").fill(VIDEO_TITLE)
    page.locator("#id_file").set_input_files(str(video))
    page.locator("#id_danish_captions").set_input_files(str(captions))
    assert_admin_accessible(page)
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def create_course(page, base, catalogue_page):
    page.goto(f"{base}/cms/pages/add/cms/coursepage/{catalogue_page.pk}/")
    page.locator("#id_title").fill(COURSE_TITLE)
    page.locator("#id_summary").fill("For nye medarbejdere: log på FMK og tjek et medicinkort.")
    assert_admin_accessible(page)
    autosave_settled(page)
    submit_for_review(page)


def create_text_lesson(page, base, course):
    page.goto(f"{base}/cms/pages/add/cms/lessonpage/{course.pk}/")
    page.locator("#id_title").fill(TEXT_LESSON)
    add_block(page, "Tekst")
    page.locator(".Draftail-Editor [contenteditable=true]").last.fill(
        "FMK er borgerens fælles medicinkort."
    )
    autosave_settled(page)
    submit_for_review(page)


def create_video_lesson(page, base, course):
    page.goto(f"{base}/cms/pages/add/cms/lessonpage/{course.pk}/")
    page.locator("#id_title").fill(VIDEO_LESSON)
    add_block(page, "Video")
    page.locator("[data-contentpath=video] button[data-chooser-action-choose]").last.click()
    choose_in_modal(page, VIDEO_TITLE)
    add_block(page, "Quiz")
    page.locator("[data-contentpath=quiz] button[data-chooser-action-choose]").last.click()
    choose_in_modal(page, QUIZ_TITLE)
    assert_admin_accessible(page)
    autosave_settled(page)
    submit_for_review(page)


# -- Birgit ----------------------------------------------------------------------------------


def assert_refused(page, url):
    """Wagtail's answer to a page one may not change: back to the dashboard, with a message."""
    assert not page.url.endswith(url), url
    assert "ikke rettigheder" in page.locator("body").inner_text(), url


def csrf_token(page):
    return next(c["value"] for c in page.context.cookies() if c["name"] == "csrftoken")


def page_form(item):
    """What the page's edit form would post, with a new title and "publish"."""
    return {"title": "Kapret", "slug": item.slug, "summary": "Kapret", "action-publish": "1"}


def workflow_action_url(item, action):
    item.refresh_from_db()
    task_state = item.current_workflow_state.current_task_state
    return f"/cms/pages/{item.pk}/workflow/action/{action}/{task_state.pk}/"


# -- the walk -------------------------------------------------------------------------------


def snapshot():
    """What Birgit must not change: the pages, their review, the quiz, questions and video."""
    from wagtail.models import Page, Revision, TaskState, WorkflowState
    from wagtailmedia.models import Media

    from learning.video.models import CaptionTrack
    from quizzes.models import Choice, Question, Quiz, QuizQuestion

    return {
        "pages": list(Page.objects.order_by("pk").values_list("pk", "title", "live", "slug")),
        "revisions": Revision.objects.count(),
        "workflows": list(WorkflowState.objects.order_by("pk").values_list("pk", "status")),
        "tasks": list(TaskState.objects.order_by("pk").values_list("pk", "status")),
        "quizzes": list(Quiz.objects.values_list("pk", "title", "pass_mark", "cooldown_minutes")),
        "quiz_items": list(QuizQuestion.objects.values_list("quiz", "question", "sort_order")),
        "questions": list(Question.objects.values_list("pk", "text", "kind")),
        "choices": list(Choice.objects.values_list("question", "text", "is_correct")),
        "media": list(Media.objects.values_list("pk", "title", "file", "collection")),
        "captions": list(CaptionTrack.objects.values_list("media", "language", "file", "text")),
    }


def test_an_educator_builds_a_course_a_colleague_approves_it_and_a_learner_completes_it(
    chromium,
    live_server,
    settings,
    tmp_path,
    catalogue,
    jesper,
    lise,
    birgit,
    mette,
):
    from wagtailmedia.models import Media

    from cms.models import CoursePage, LessonPage
    from learning.progress.models import Enrolment
    from quizzes.models import Question, Quiz

    settings.MFA_REQUIRED_FOR_PRIVILEGED = True
    settings.MEDIA_ROOT = tmp_path / "media"
    base = live_server.url
    video_file, captions_file = make_video(tmp_path)
    lise_secret, birgit_secret = authenticator_app(lise), authenticator_app(birgit)

    with browser_page(chromium, PHONE_TALL) as page:
        set_up_totp_at_first_login(page, base, jesper.email)
        assert_admin_accessible(page)  # the dashboard

        for text, right, wrong in QUESTIONS:
            write_question(page, base, text, right, wrong)
        questions = list(Question.objects.filter(text__in=[q[0] for q in QUESTIONS]))
        assert {q.owner_organisation.name for q in questions} == {"Hjørring Kommune"}
        write_quiz(page, base)
        quiz = Quiz.objects.get(title=QUIZ_TITLE)
        assert quiz.items.count() == 2 and quiz.owner_organisation.name == "Hjørring Kommune"

        page.set_viewport_size(DESKTOP)
        upload_video(page, base, video_file, captions_file)
        video = Media.objects.get(title=VIDEO_TITLE)
        assert video.duration and video.duration > 2
        assert video.caption_tracks.get(language="da").text.startswith("Vælg FMK i menuen.")
        page.set_viewport_size(PHONE_TALL)

        create_course(page, base, catalogue)
        course = CoursePage.objects.get(title=COURSE_TITLE)
        assert course.slug == "foerste-skridt-i-fmk" and not course.live
        assert course.owner_organisation.name == "Hjørring Kommune"
        create_text_lesson(page, base, course)
        page.set_viewport_size(DESKTOP)
        create_video_lesson(page, base, course)
        page.set_viewport_size(PHONE_TALL)
        lessons = list(LessonPage.objects.child_of(course).order_by("path"))
        assert [lesson.title for lesson in lessons] == [TEXT_LESSON, VIDEO_LESSON]
        pages = [course, *lessons]
        for item in pages:
            item.refresh_from_db()
            assert item.current_workflow_state.status == "in_progress", item.title
            assert not item.live

    # Birgit, educator in Aalborg: every edit, approval and deletion is refused.
    before = snapshot()
    with browser_page(chromium, PHONE_TALL) as page:
        log_in_with_code(page, base, birgit.email, birgit_secret)
        video = Media.objects.get(title=VIDEO_TITLE)
        caption = video.caption_tracks.get()
        owned = [
            *[f"/cms/pages/{item.pk}/edit/" for item in pages],
            f"/cms/snippets/quizzes/quiz/edit/{quiz.pk}/",
            *[f"/cms/snippets/quizzes/question/edit/{q.pk}/" for q in questions],
            f"/cms/media/edit/{video.pk}/",
            f"/cms/snippets/video/captiontrack/edit/{caption.pk}/",
        ]
        for url in owned:
            page.goto(f"{base}{url}")
            assert_refused(page, url)
        token = csrf_token(page)
        forged = {
            **{f"/cms/pages/{item.pk}/edit/": page_form(item) for item in pages},
            **{
                workflow_action_url(item, "approve"): {}
                for item in pages
            },
            f"/cms/pages/{course.pk}/delete/": {},
            f"/cms/pages/add/cms/lessonpage/{course.pk}/": {"title": "Kapret", "slug": "kapret"},
            f"/cms/snippets/quizzes/quiz/edit/{quiz.pk}/": {
                "title": QUIZ_TITLE, "selection": "fixed", "pass_mark": "0",
                "review": "always", "competence_level": "1",
                "items-TOTAL_FORMS": "0", "items-INITIAL_FORMS": "0",
            },
            f"/cms/snippets/quizzes/quiz/delete/{quiz.pk}/": {},
            **{
                f"/cms/snippets/quizzes/question/edit/{q.pk}/": {
                    "kind": "single", "text": "Kapret", "choices-TOTAL_FORMS": "0",
                    "choices-INITIAL_FORMS": "0",
                }
                for q in questions
            },
            f"/cms/media/edit/{video.pk}/": {"title": "Kapret"},
            f"/cms/media/delete/{video.pk}/": {},
            f"/cms/snippets/video/captiontrack/delete/{caption.pk}/": {},
        }  # fmt: skip
        for url, form in forged.items():
            response = page.request.post(
                f"{base}{url}", form=form, headers={"X-CSRFToken": token}, max_redirects=0
            )
            # Refused: forbidden, not found (a review task she may not act on), or back to the
            # dashboard with Wagtail's "no permission" message. A saved form would redirect
            # elsewhere, an invalid one answer 200.
            refused = response.status in (403, 404) or response.headers.get("location") == "/cms/"
            assert refused, (
                url,
                response.status,
                response.headers.get("location"),
            )
    assert snapshot() == before

    with browser_page(chromium, PHONE_TALL) as page:
        log_in_with_code(page, base, lise.email, lise_secret)
        for item in pages:
            page.goto(f"{base}/cms/pages/{item.pk}/edit/")
            page.locator("footer").get_by_role("button", name="Flere handlinger").click()
            with page.expect_navigation():
                page.locator("footer").get_by_role(
                    "button", name="Godkend og Publicér", exact=True
                ).click()
        for item in pages:
            item.refresh_from_db()
            assert item.live and not item.has_unpublished_changes, item.title

    with browser_page(chromium, PHONE_TALL) as page:
        log_in(page, base, mette.email, PASSWORD)
        page.goto(f"{base}/")
        page.locator(".site-nav a[href$='/kurser/']").click()
        page.wait_for_load_state()
        assert_accessible(page)
        with page.expect_navigation():
            page.locator(".card__title a", has_text=COURSE_TITLE).click()
        assert_accessible(page)
        with page.expect_navigation():
            page.locator("form[action*='/laering/start/'] button").click()
        assert page.locator("h1").inner_text() == TEXT_LESSON
        assert_accessible(page)
        with page.expect_navigation():
            page.locator(DONE_BUTTON).click()
        assert page.locator("h1").inner_text() == VIDEO_LESSON
        page.wait_for_selector("[data-video-player][data-ready]")
        assert page.locator("video track[srclang=da]").count() == 1
        assert_accessible(page)
        with page.expect_navigation():
            page.get_by_role("link", name="Gå til quizzen").click()
        with page.expect_navigation():
            page.get_by_role("button", name="Start quizzen").click()
        for _text, right, _wrong in QUESTIONS:
            page.get_by_label(right, exact=True).check()
        with page.expect_navigation():
            page.get_by_role("button", name="Aflever svar").click()
        assert page.locator(".quiz-score--passed").is_visible()
        assert_accessible(page)
        page.goto(f"{base}{course.url}")
        assert page.locator("a[href*='/laering/bevis/']").is_visible()
        assert_accessible(page)
    assert Enrolment.objects.get(user=mette, page_id=course.pk).completed_at is not None
