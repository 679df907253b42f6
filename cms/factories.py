"""Page factories (wagtail-factories). Build a tree with ``catalogue_tree()`` in tests."""

import factory
import wagtail_factories
from wagtail.models import Site

from cms.demo import tree_root

from .models import CatalogPage, CourseCompetence, CoursePage, HomePage, LessonPage, VideoGuidePage


class HomePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = HomePage

    title = "eSundhed Akademi"
    slug = "forside"


class CatalogPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CatalogPage

    title = "Kurser og videovejledninger"
    slug = "kurser"


class CoursePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = CoursePage

    title = factory.Sequence(lambda n: f"Kursus {n}")
    summary = "Et kort kursus om digitale arbejdsgange."
    estimated_minutes = 20


class LessonPageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = LessonPage

    title = factory.Sequence(lambda n: f"Lektion {n}")
    estimated_minutes = 5
    body = factory.LazyFunction(lambda: [("text", "<p>Sådan gør du.</p>")])


class VideoGuidePageFactory(wagtail_factories.PageFactory):
    class Meta:
        model = VideoGuidePage

    title = factory.Sequence(lambda n: f"Videovejledning {n}")
    summary = "En kort video om én opgave."
    estimated_minutes = 4


class CourseCompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CourseCompetence

    level = 1


def catalogue_tree():
    """A home page as the default site's root with a catalogue below it. Returns the catalogue."""

    home = HomePageFactory(parent=tree_root())
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "testserver", "port": 80, "root_page": home}
    )
    return CatalogPageFactory(parent=home)


def course_with_lessons(catalogue, lessons=3, **kwargs):
    course = CoursePageFactory(parent=catalogue, **kwargs)
    items = [LessonPageFactory(parent=course) for _ in range(lessons)]
    return course, items
