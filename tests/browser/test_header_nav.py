"""The header with every link a manager gets still fits a 320-pixel screen and passes axe-core."""

import pytest

from learning.accounts.factories import TEST_PASSWORD
from tests.browser.conftest import assert_accessible, assert_no_horizontal_scroll, log_in

pytestmark = pytest.mark.browser


def test_the_managers_header_fits_320_pixels(chromium, live_server, manager):
    from cms.factories import catalogue_tree
    from learning.organisations.factories import ManagerScopeFactory

    catalogue_tree()
    ManagerScopeFactory(manager=manager)
    context = chromium.new_context(viewport={"width": 320, "height": 640}, locale="da-DK")
    page = context.new_page()
    try:
        log_in(page, live_server.url, manager.email, TEST_PASSWORD)
        page.goto(f"{live_server.url}/laering/min-laering/")
        hrefs = [link.get_attribute("href") for link in page.locator(".site-nav a").all()]
        assert {"/kurser/", "/laering/min-laering/", "/manage/coverage/"} <= set(hrefs)
        assert page.locator(".site-nav a[aria-current=page]").get_attribute("href") == (
            "/laering/min-laering/"
        )
        assert_no_horizontal_scroll(page)
        assert_accessible(page)
    finally:
        context.close()
