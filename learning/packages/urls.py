from django.urls import path

from . import views

app_name = "packages"

urlpatterns = [
    path("au/<int:unit_id>/start", views.launch, name="launch"),
]
