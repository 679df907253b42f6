from django.urls import path

from . import views

# Not "organisations" or "delegations": the Wagtail admin viewsets use those namespaces.
app_name = "manage_org"

urlpatterns = [
    path("delegations/", views.delegation_list, name="delegations"),
    path("delegations/<int:pk>/revoke/", views.delegation_revoke, name="delegation_revoke"),
]
