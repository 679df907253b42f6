"""The admin an educator uses is Danish: a walk over its pages fails on English UI words. So are
the Settings (users, groups, sites, workflows, tasks) and Reports (locked pages, aging pages, site
history, workflows) an administrator sees, and allauth's pages (login, password, e-mail, second
factor).

Text is read the way a person meets it: visible text plus the labels a screen reader speaks
(aria-label, title, placeholder, alt). A word counts as English when it is on ENGLISH_WORDS, a
list of words that appear in Wagtail's, wagtailmedia's and allauth's English interface and are
not Danish; product names and words Danish shares (Status, Tags, Video, Upload, Log ind) are
not on it. Wagtail's "Actions" column heading is left out: our catalogue has it, yet one of
Wagtail's views renders it untranslated (to be followed up).

Only the server-rendered HTML is walked; strings Wagtail's scripts add in the browser are not.
"""

import re
from html.parser import HTMLParser

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

ENGLISH_WORDS = {
    "add",
    "edit",
    "delete",
    "save",
    "search",
    "settings",
    "reports",
    "help",
    "images",
    "documents",
    "submit",
    "review",
    "more",
    "duration",
    "width",
    "height",
    "thumbnail",
    "users",
    "groups",
    "sites",
    "workflows",
    "locked",
    "aging",
    "pages",
    "the",
    "and",
    "could",
    "not",
    "you",
    "your",
    "with",
    "this",
    "cancel",
    "choose",
    "publish",
    "draft",
    "preview",
    "collection",
    "dashboard",
    "snippets",
    "captions",
    "chapters",
    "language",
    "questions",
    "question",
    "quizzes",
    "title",
    "file",
    "owner",
    "created",
    "updated",
    "history",
    "account",
    "sign",
    "out",
    "page",
    "toggle",
    "sidebar",
    "menu",
    "close",
    "open",
    "required",
    "optional",
    "field",
    "fields",
    "error",
    "errors",
    "validation",
    "all",
    "selected",
    "assign",
    "receive",
    "notification",
    "notifications",
    "moderation",
    "found",
    "user",
    "group",
    "role",
    "awaiting",
    "contrast",
    "change",
    "name",
    "view",
    "last",
    "new",
}
SPOKEN_ATTRIBUTES = {"aria-label", "title", "placeholder", "alt"}
# Whole texts left in English on purpose. Wagtail's Sites listing labels two columns from the field
# names (``Column("site_name")``, ``Column("root_page")`` in wagtail/sites/views.py), not from a
# translatable string.
UNTRANSLATABLE = {"Site name", "Root page"}
# Time zone names in the account's time zone choice (America/New_York) are identifiers.
TIME_ZONE = re.compile(r"^[A-Z][A-Za-z_]+/[A-Za-z_/+-]+$")


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self._skip = [], 0

    def handle_starttag(self, tag, attrs):
        if tag in ("script", "style", "template", "noscript"):
            self._skip += 1
        for name, value in attrs:
            if name in SPOKEN_ATTRIBUTES and value:
                self.parts.append(value)

    def handle_endtag(self, tag):
        if tag in ("script", "style", "template", "noscript") and self._skip:
            self._skip -= 1

    def handle_data(self, data):
        if not self._skip:
            self.parts.append(data)


def english_words(html):
    parser = _Text()
    parser.feed(html)
    found = {}
    for part in parser.parts:
        if part.strip() in UNTRANSLATABLE or TIME_ZONE.match(part.strip()):
            continue
        for word in re.findall(r"[A-Za-z]+", part):
            if word.lower() in ENGLISH_WORDS:
                found.setdefault(word, part.strip()[:80])
    return found


def educator_pages(course, lesson, quiz, video):
    return [
        reverse("wagtailadmin_home"),
        reverse("wagtailadmin_explore", args=[course.get_parent().pk]),
        reverse("wagtailadmin_pages:edit", args=[course.pk]),
        reverse("wagtailadmin_pages:edit", args=[lesson.pk]),
        reverse("wagtailadmin_pages:add", args=["cms", "lessonpage", course.pk]),
        reverse("wagtailsnippets_quizzes_quiz:list"),
        reverse("wagtailsnippets_quizzes_quiz:edit", args=[quiz.pk]),
        reverse("wagtailsnippets_quizzes_quiz:add"),
        reverse("video_chooser:choose"),
        reverse("wagtailmedia:index"),
        reverse("wagtailmedia:add", args=["video"]),
        reverse("wagtailmedia:edit", args=[video.pk]),
    ]


def test_the_admin_pages_an_educator_uses_have_no_english_words(
    client, lise, hjorring_course, lessons, hjorring_quiz, hjorring_video
):
    client.force_login(lise)
    report = {}
    for url in educator_pages(hjorring_course, lessons[0], hjorring_quiz, hjorring_video):
        response = client.get(url)
        assert response.status_code == 200, url
        # A chooser answers its modal's HTML inside JSON.
        is_json = response["Content-Type"].startswith("application/json")
        found = english_words(response.json()["html"] if is_json else response.content.decode())
        if found:
            report[url] = found
    assert not report, "\n".join(f"{url}: {words}" for url, words in report.items())


ADMIN_PAGES = [
    # Settings
    "wagtailusers_users:index",
    "wagtailusers_groups:index",
    "wagtailsites:index",
    "wagtailadmin_workflows:index",
    "wagtailadmin_workflows:task_index",
    # Reports
    "wagtailadmin_reports:locked_pages",
    "wagtailadmin_reports:aging_pages",
    "wagtailadmin_reports:site_history",
    "wagtailadmin_reports:workflow",
    "wagtailadmin_reports:workflow_tasks",
    "wagtailadmin_account",
]
# allauth's pages a privileged person meets: the second factor and the account. Those that ask
# for the password again first show that page instead, which is walked as well.
ACCOUNT_PAGES = [
    "account_change_password",
    "account_email",
    "mfa_index",
    "mfa_activate_totp",
    "account_reauthenticate",
]


def walk(client, urls):
    report = {}
    for url in urls:
        response = client.get(url, follow=True)
        assert response.status_code == 200, url
        found = english_words(response.content.decode())
        if found:
            report[url] = found
    return report


def test_settings_reports_and_account_pages_an_admin_sees_have_no_english_words(client, admin_user):
    from wagtail.models import Page

    # Content, not interface: Wagtail's placeholder page, which the demo replaces by our own.
    Page.objects.filter(title="Welcome to your new Wagtail site!").update(title="Forside")
    client.force_login(admin_user)
    urls = [reverse(name) for name in ADMIN_PAGES + ACCOUNT_PAGES]
    report = walk(client, urls)
    assert not report, "\n".join(f"{url}: {words}" for url, words in report.items())


def test_the_login_page_has_no_english_words(client):
    report = walk(client, [reverse("account_login"), reverse("account_reset_password")])
    assert not report, "\n".join(f"{url}: {words}" for url, words in report.items())
