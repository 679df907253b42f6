from django.conf import settings
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from cms.views import favicon, healthz, serve_page

urlpatterns = [
    path("healthz", healthz, name="healthz"),
    path("favicon.ico", favicon, name="favicon"),
    path("i18n/setlang/", set_language, name="set_language"),
    path("accounts/", include("allauth.urls")),
    path("cms/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("xapi/", include("learning.xapi.urls")),
    # Manager pages: requirements, staff statuses, sign-off, deputies.
    path("manage/", include("learning.competences.urls")),
    path("manage/", include("learning.organisations.urls")),
    # Coverage reports: dashboard, drill-down, exports, region view.
    path("manage/coverage/", include("learning.reports.urls")),
    path("quizzes/", include("quizzes.urls")),
    path("laering/", include("learning.progress.urls")),
    path("konto/", include("learning.accounts.urls")),
    # Launching cmi5 packages; their content is served from PACKAGES_CONTENT_ORIGIN only.
    path("pakker/", include("learning.packages.urls")),
]

if settings.DEBUG:
    # Uploaded files in development, with byte ranges so the video player can seek (Django's
    # static() always sends whole files). In production the web server serves MEDIA_URL.
    from learning.video.media_views import serve_media

    urlpatterns += [re_path(r"^media/(?P<path>.+)$", serve_media)]

# Wagtail's page serving catches everything else, so it stays last; pages are served by
# cms.views.serve_page (fewer queries, Wagtail's own view behind it), except Wagtail's own
# helpers under _util/ (the password form of a restricted page, its login).
urlpatterns += [
    re_path(r"^(?!_util/)((?:[\w\-]+/)*)$", serve_page, name="serve_page"),
    path("", include(wagtail_urls)),
]
