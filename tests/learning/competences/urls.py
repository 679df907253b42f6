"""The project's URLs plus this issue's manager pages, until cms/urls.py includes them."""

from django.urls import include, path

from cms.urls import urlpatterns as project_urlpatterns

urlpatterns = [
    path("manage/", include("learning.competences.urls")),
    path("manage/", include("learning.organisations.urls")),
    *project_urlpatterns,
]
