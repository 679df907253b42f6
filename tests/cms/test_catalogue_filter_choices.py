"""The catalogue's role and competence lists come from the cache (issue 16) and still follow
every change to what they list."""

import re

import pytest

from cms.factories import CourseCompetenceFactory
from cms.models import CourseCompetence
from learning.competences.models import Competence
from learning.organisations.factories import JobRoleFactory

pytestmark = pytest.mark.django_db


def options(response, name):
    """The labels of the filter's <select name=...> options, as the learner sees them."""
    html = response.content.decode()
    select = re.search(rf'<select name="{name}".*?</select>', html, re.S).group(0)
    return [label.strip() for label in re.findall(r"<option[^>]*>([^<]*)</option>", select)]


def test_the_filter_lists_follow_new_and_removed_roles_and_competences(client, catalogue, course):
    first = client.get(catalogue.url)
    assert options(first, "competence") == ["Alle kompetencer", "N3 " + course_competence_name()]
    assert "Jordemoder" not in options(first, "role")

    midwife = JobRoleFactory(code="JM", name="Jordemoder")
    n5 = Competence.objects.exclude(code="N3").order_by("code").first()
    link = CourseCompetenceFactory(page=course, competence=n5, level=1)
    shown = client.get(catalogue.url)
    assert "Jordemoder" in options(shown, "role")
    assert f"{n5.code} {n5.name}" in options(shown, "competence")

    midwife.is_active = False
    midwife.save()
    CourseCompetence.objects.get(pk=link.pk).delete()
    shown = client.get(catalogue.url)
    assert "Jordemoder" not in options(shown, "role")
    assert f"{n5.code} {n5.name}" not in options(shown, "competence")


def test_a_chosen_role_is_checked_against_the_database(client, catalogue, course):
    gone = JobRoleFactory(code="XX", name="Nedlagt")
    gone_pk = gone.pk
    client.get(catalogue.url)  # the lists, with the role, are now in the cache
    gone.delete()
    response = client.get(catalogue.url, {"role": gone_pk})
    assert response.status_code == 200
    assert response.context["filter_form"].errors  # an unknown role: ignored, not an error page
    assert "FMK i hverdagen" in response.content.decode()


def course_competence_name():
    return Competence.objects.get(code="N3").name
