from django.urls import path

from . import views, waiving

app_name = "packages"

urlpatterns = [
    path("au/<int:unit_id>/start", views.launch, name="launch"),
    path("<int:package_id>/fritag", waiving.waive_view, name="waive"),
    path(
        "fritagelse/<int:waiver_id>/tilbagekald",
        waiving.withdraw_view,
        name="withdraw_waiver",
    ),
    path("scorm/<uuid:session_id>/runtime", views.scorm_runtime, name="scorm_runtime"),
]
