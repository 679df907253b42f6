import pytest

pytestmark = pytest.mark.django_db


def test_the_catalogue_offers_only_competences_that_something_awards(client, catalogue, course):
    # Regression: the choices were built with a UNION of two ordered querysets, which SQLite
    # refuses, so the whole catalogue answered 500 once any course awarded a competence.
    response = client.get(catalogue.url)
    assert response.status_code == 200
    choices = [c.code for c in response.context["filter_form"].fields["competence"].queryset]
    assert choices == ["N3"]


def test_filtering_by_an_awarded_competence_finds_the_course(client, catalogue, course):
    response = client.get(catalogue.url, {"competence": "N3"})
    assert response.status_code == 200
    assert "FMK i hverdagen" in response.content.decode()
