from django.urls import path

from . import views

app_name = "reports"

urlpatterns = [
    path("", views.dashboard, name="dashboard"),
    path("export/<str:fmt>/", views.dashboard_export, name="export"),
    path("unit/<int:unit_id>/people/", views.people, name="people"),
    path("unit/<int:unit_id>/people/export/<str:fmt>/", views.people_export, name="people_export"),
    path("person/<int:user_id>/", views.person, name="person"),
    path("region/", views.region, name="region"),
    path("region/export/<str:fmt>/", views.region_export, name="region_export"),
    path("content/", views.content, name="content"),
    path("content/<int:page_id>/", views.content_course, name="content_course"),
]
