"""Issue 16: the manager's deputies page answers in a fixed number of queries (cap at today's
count; figures in docs/performance.md)."""

from django.urls import reverse

from learning.organisations.factories import DelegationFactory
from tests.learning.reports.conftest import tree  # noqa: F401  (the hand-built tree)
from tests.walks import Page, assert_pages


def test_the_deputies_page_answers_in_few_queries(
    client,
    manager,
    tree,  # noqa: F811
    django_assert_max_num_queries,
):
    DelegationFactory(unit=tree["south"], granted_by=manager, deputy=tree["people"]["hans"])
    client.force_login(manager)
    page = Page("deputies", reverse("manage_org:delegations"), 5, "Hans Testesen")
    assert_pages(client, [page], django_assert_max_num_queries)
