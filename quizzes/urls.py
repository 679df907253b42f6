"""Mounted by cms/urls.py as ``path("quizzes/", include("quizzes.urls"))``."""

from django.urls import path

from . import views

app_name = "quizzes"

urlpatterns = [
    path("", views.quiz_list, name="list"),
    path("<int:quiz_id>/", views.quiz_detail, name="detail"),
    path("<int:quiz_id>/start/", views.start, name="start"),
    path("attempts/<uuid:attempt_id>/", views.attempt_view, name="attempt"),
    path("attempts/<uuid:attempt_id>/result/", views.result, name="result"),
    path("analysis/", views.analysis_index, name="analysis"),
    path("<int:quiz_id>/analysis/", views.analysis_detail, name="analysis_detail"),
    path("<int:quiz_id>/analysis.csv", views.analysis_csv, name="analysis_csv"),
]
