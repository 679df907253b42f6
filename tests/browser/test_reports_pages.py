"""The demo manager's coverage dashboard and drill-down: accessible, and fit a phone screen."""

import pytest

from cms.demo import DEMO_PASSWORD
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, log_in

pytestmark = pytest.mark.browser


def test_the_demo_manager_sees_her_coverage_and_drills_down_to_people(page, live_server, demo_site):
    log_in(page, live_server.url, "hanne@example.org", DEMO_PASSWORD)
    page.goto(live_server.url + "/manage/coverage/")
    assert page.locator("h1").count() == 1
    assert page.locator("#coverage tbody tr").count() > 0
    assert page.locator(".chart svg[role=img]").count() == 1
    assert_no_horizontal_scroll(page)
    assert_accessible(page)

    page.locator("#coverage tbody th a").first.click()
    page.wait_for_load_state()
    page.locator("a.button[href*='/people/']").click()
    page.wait_for_load_state()
    assert page.locator("h1").count() == 1
    assert page.locator("#people tbody tr").count() > 0
    assert_no_horizontal_scroll(page)
    assert_accessible(page)
