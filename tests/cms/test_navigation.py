"""The header's links: catalogue and my learning for everyone signed in, the coverage dashboard
for managers, worked out once per request."""

import pytest
from django.test import RequestFactory
from django.urls import reverse

from cms.navigation import main_nav
from learning.organisations.factories import ManagerScopeFactory

pytestmark = pytest.mark.django_db


def header_links(client):
    from bs4 import BeautifulSoup

    html = client.get("/").content.decode()
    nav = BeautifulSoup(html, "html.parser").select_one(".site-nav")
    return {a.get_text(strip=True): a["href"] for a in nav.select("a")}


def test_a_visitor_sees_only_the_login_link(client, catalogue):
    assert list(header_links(client).values()) == [reverse("account_login")]


def test_a_learner_gets_links_to_the_catalogue_and_my_learning(client, learner, catalogue):
    client.force_login(learner)
    links = header_links(client).values()
    assert catalogue.url in links
    assert reverse("progress:my_learning") in links
    assert reverse("reports:dashboard") not in links


def test_a_manager_also_gets_the_coverage_dashboard(client, manager, catalogue):
    ManagerScopeFactory(manager=manager)
    client.force_login(manager)
    assert reverse("reports:dashboard") in header_links(client).values()


def test_a_manager_whose_scope_has_ended_gets_no_dashboard_link(client, manager, catalogue):
    import datetime

    ManagerScopeFactory(manager=manager, ends_on=datetime.date.today() - datetime.timedelta(1))
    client.force_login(manager)
    assert reverse("reports:dashboard") not in header_links(client).values()


def test_the_links_are_worked_out_once_per_request(learner, catalogue, django_assert_num_queries):
    request = RequestFactory().get("/")
    request.user = learner
    first = main_nav(request)
    with django_assert_num_queries(0):
        assert main_nav(request) is first


# The links are cached per person and day (issue 16); each change they rest on forgets them.


def test_a_new_scope_shows_the_dashboard_link_on_the_next_page(client, learner, catalogue):
    client.force_login(learner)
    assert reverse("reports:dashboard") not in header_links(client).values()
    ManagerScopeFactory(manager=learner)
    assert reverse("reports:dashboard") in header_links(client).values()


def test_a_revoked_delegation_takes_the_dashboard_link_away(client, manager, learner, catalogue):
    from django.utils import timezone

    from learning.organisations.factories import DelegationFactory

    scope = ManagerScopeFactory(manager=manager)
    delegation = DelegationFactory(unit=scope.unit, granted_by=manager, deputy=learner)
    client.force_login(learner)
    assert reverse("reports:dashboard") in header_links(client).values()
    delegation.revoked_at = timezone.now()
    delegation.save(update_fields=["revoked_at"])  # as the revoke view does
    assert reverse("reports:dashboard") not in header_links(client).values()


def test_joining_the_editors_shows_the_authoring_link(client, learner, catalogue):
    from django.contrib.auth.models import Group

    client.force_login(learner)
    assert reverse("wagtailadmin_home") not in header_links(client).values()
    learner.groups.add(Group.objects.get(name="Editors"))
    assert reverse("wagtailadmin_home") in header_links(client).values()


def test_a_moved_catalogue_is_linked_at_its_new_url(client, learner, catalogue):
    client.force_login(learner)
    assert catalogue.url in header_links(client).values()
    catalogue.slug = "katalog"
    catalogue.save_revision().publish()
    catalogue.refresh_from_db()
    assert catalogue.url.endswith("/katalog/")
    assert catalogue.url in header_links(client).values()


def test_a_signed_in_page_reads_no_header_fact_twice(client, learner, catalogue):
    """The second page costs the session, the user and the home page's own queries only."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client.force_login(learner)
    client.get("/")
    with CaptureQueriesContext(connection) as second:
        client.get("/")
    tables = " ".join(query["sql"] for query in second.captured_queries)
    for table in ("organisations_managerscope", "auth_permission", "auth_group"):
        assert table not in tables
