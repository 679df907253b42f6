"""Slugs keep Danish letters readable: æ → ae, ø → oe, å → aa."""

import pytest
from django.urls import reverse
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text

from cms.models import CoursePage
from cms.slugs import danish_slug

pytestmark = pytest.mark.django_db


def test_danish_letters_are_transliterated():
    assert danish_slug("Hvorfor digital først? Sådan læser du FMK") == (
        "hvorfor-digital-foerst-saadan-laeser-du-fmk"
    )


@pytest.mark.parametrize("typed_slug", ["hvorfor-digital-frst", "hvorfor-digital-først"])
def test_a_new_course_gets_the_danish_slug_whatever_the_script_filled_in(
    client, jesper, catalogue, typed_slug
):
    client.force_login(jesper)
    url = reverse("wagtailadmin_pages:add", args=["cms", "coursepage", catalogue.pk])
    client.post(
        url,
        nested_form_data(
            {
                "title": "Hvorfor digital først",
                "slug": typed_slug,
                "summary": "Kort.",
                "estimated_minutes": 10,
                "owner_organisation": "",
                "cover_image_alt": "",
                "introduction": rich_text(""),
                "competence_links": inline_formset([]),
            }
        ),
    )
    assert CoursePage.objects.get(title="Hvorfor digital først").slug == "hvorfor-digital-foerst"


def test_a_slug_the_educator_wrote_stays(client, jesper, catalogue):
    client.force_login(jesper)
    url = reverse("wagtailadmin_pages:add", args=["cms", "coursepage", catalogue.pk])
    client.post(
        url,
        nested_form_data(
            {
                "title": "Hvorfor digital først",
                "slug": "digitalt-foerst",
                "summary": "Kort.",
                "estimated_minutes": 10,
                "owner_organisation": "",
                "cover_image_alt": "",
                "introduction": rich_text(""),
                "competence_links": inline_formset([]),
            }
        ),
    )
    assert CoursePage.objects.get(title="Hvorfor digital først").slug == "digitalt-foerst"
