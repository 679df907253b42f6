"""Issue 16: the manager's staff and requirement pages answer in a fixed number of queries,
however many people are in scope (caps at today's counts; figures in docs/performance.md)."""

from django.urls import reverse

from tests.learning.reports.conftest import tree  # noqa: F401  (the hand-built tree)
from tests.walks import Page, assert_pages


def test_the_staff_and_requirement_pages_answer_in_few_queries(
    client,
    manager,
    tree,  # noqa: F811
    django_assert_max_num_queries,
):
    client.force_login(manager)
    frida = tree["people"]["frida"]
    assert_pages(
        client,
        [
            Page("staff list", reverse("competences:staff"), 8, "Frida"),
            Page("person", reverse("competences:person", args=[frida.pk]), 12, "Frida"),
            Page("requirements", reverse("competences:requirements"), 4, "N3"),
        ],
        django_assert_max_num_queries,
    )
