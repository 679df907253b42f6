from django.urls import path

from . import views

app_name = "competences"

urlpatterns = [
    path("requirements/", views.requirement_list, name="requirements"),
    path("requirements/new/", views.requirement_edit, name="requirement_add"),
    path("requirements/<int:pk>/", views.requirement_edit, name="requirement_edit"),
    path("requirements/<int:pk>/delete/", views.requirement_delete, name="requirement_delete"),
    path("staff/", views.staff_list, name="staff"),
    path("staff/<int:user_id>/", views.person_detail, name="person"),
]
