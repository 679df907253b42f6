"""The LRS, mounted by cms/urls.py as ``path("xapi/", include("learning.xapi.urls"))``.

Paths have no trailing slash, as xAPI clients append resource names to the endpoint.
"""

from django.urls import path

from learning.xapi.views import documents, resources, statements

app_name = "xapi"

urlpatterns = [
    path("about", resources.about, name="about"),
    path("statements", statements.statements, name="statements"),
    path("activities/state", documents.state, name="state"),
    path("activities/profile", documents.activity_profile, name="activity_profile"),
    path("agents/profile", documents.agent_profile, name="agent_profile"),
    path("activities", resources.activities, name="activities"),
    path("agents", resources.agents, name="agents"),
]
