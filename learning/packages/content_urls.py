"""URLs of the package content origin (see ``origin``); nothing else is reachable there.

The fetch URL and the xAPI endpoint answer CORS for the origins of registered AUs (``cors``):
an AU of a bare ``cmi5.xml`` runs on its own web server and calls them from there."""

from django.urls import path

from . import content_views
from .cors import for_aus

urlpatterns = [
    path("files/<uuid:key>/<path:path>", content_views.package_file, name="package_file"),
    path("scorm/<uuid:session_id>/", content_views.scorm_host, name="scorm_host"),
    path(
        "fetch/<str:token>",
        for_aus(content_views.fetch, methods="POST", token_in_header=False),
        name="fetch",
    ),
    path("xapi/about", for_aus(content_views.lrs("about"), token_in_header=False), name="about"),
    path("xapi/statements", for_aus(content_views.statements), name="statements"),
    path("xapi/activities/state", for_aus(content_views.documents("state")), name="state"),
    path("xapi/activities/profile", for_aus(content_views.documents("activity_profile"))),
    path("xapi/agents/profile", for_aus(content_views.documents("agent_profile"))),
    path("xapi/activities", for_aus(content_views.lrs("activities"))),
    path("xapi/agents", for_aus(content_views.lrs("agents"))),
]
