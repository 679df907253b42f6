from django.urls import path

from learning.accounts import views

app_name = "privacy"

urlpatterns = [
    path("mine-data/", views.my_data, name="my_data"),
    path("mine-data/data.json", views.my_data_json, name="my_data_json"),
    path("mine-data/data.zip", views.my_data_csv, name="my_data_csv"),
    path("slet-person/", views.erase, name="erase"),
]
