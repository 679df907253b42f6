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
