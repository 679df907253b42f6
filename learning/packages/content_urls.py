"""URLs of the package content origin (see ``origin``); nothing else is reachable there."""

from django.urls import path

from . import content_views

urlpatterns = [
    path("files/<uuid:key>/<path:path>", content_views.package_file, name="package_file"),
    path("scorm/<uuid:session_id>/", content_views.scorm_host, name="scorm_host"),
    path("fetch/<str:token>", content_views.fetch, name="fetch"),
    path("xapi/about", content_views.lrs("about"), name="about"),
    path("xapi/statements", content_views.statements, name="statements"),
    path("xapi/activities/state", content_views.documents("state"), name="state"),
    path("xapi/activities/profile", content_views.documents("activity_profile")),
    path("xapi/agents/profile", content_views.documents("agent_profile")),
    path("xapi/activities", content_views.lrs("activities")),
    path("xapi/agents", content_views.lrs("agents")),
]
