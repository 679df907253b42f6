"""My data and the erase page: accessible (axe-core, WCAG 2.1 AA) and fit a phone screen."""

import pytest

from learning.accounts.factories import TEST_PASSWORD
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, log_in

pytestmark = pytest.mark.browser


def test_my_data_is_accessible_at_every_width(page, live_server, learner, manager):
    from tests.learning.accounts.privacy_data import fill

    fill(learner, viewer=manager)
    log_in(page, live_server.url, learner.email, TEST_PASSWORD)
    page.goto(live_server.url + "/konto/mine-data/")
    assert page.locator("h1").count() == 1
    assert page.locator(".site-nav a[aria-current=page]").get_attribute("href") == (
        "/konto/mine-data/"
    )
    assert_no_horizontal_scroll(page)
    assert_accessible(page)


def test_the_erase_page_is_accessible_at_every_width(page, live_server, admin_user):
    log_in(page, live_server.url, admin_user.email, TEST_PASSWORD)
    page.goto(live_server.url + "/konto/slet-person/")
    assert page.locator("h1").count() == 1
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
