from django.urls import path

from . import views

app_name = "progress"

urlpatterns = [
    path("min-laering/", views.my_learning, name="my_learning"),
    path("start/<int:page_id>/", views.start, name="start"),
    path("lektion/<int:lesson_id>/faerdig/", views.complete_lesson, name="complete_lesson"),
    path("bevis/<str:code>.pdf", views.certificate_pdf, name="certificate_pdf"),
    path("verificer/", views.verify, name="verify"),
    path("verificer/<str:code>/", views.verify, name="verify_code"),
]
