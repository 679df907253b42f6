from django.urls import path

from . import views

app_name = "organisations"

urlpatterns = [
    path("delegations/", views.delegation_list, name="delegations"),
    path("delegations/<int:pk>/revoke/", views.delegation_revoke, name="delegation_revoke"),
]
