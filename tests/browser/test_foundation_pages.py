import pytest

from cms.demo import DEMO_PASSWORD
from tests.browser.conftest import (
    assert_accessible,
    assert_no_horizontal_scroll,
    log_in,
)

pytestmark = pytest.mark.browser


def test_home_page_is_danish_accessible_and_fits_the_screen(page, live_server, demo_site):
    page.goto(live_server.url + "/")
    assert page.locator("html").get_attribute("lang") == "da"
    assert page.locator("h1").count() == 1
    assert page.get_by_text("Velkommen til eSundhed Akademi").is_visible()
    assert_no_horizontal_scroll(page)
    assert_accessible(page)


def test_login_page_is_accessible_and_fits_the_screen(page, live_server, demo_site):
    page.goto(live_server.url + "/accounts/login/")
    assert page.locator("h1").count() == 1
    assert_no_horizontal_scroll(page)
    assert_accessible(page)


def test_demo_learner_logs_in_and_is_welcomed(page, live_server, demo_site):
    log_in(page, live_server.url, "mette@example.org", DEMO_PASSWORD)
    page.goto(live_server.url + "/")
    assert page.get_by_text("Velkommen tilbage, Mette.").is_visible()
    assert page.get_by_role("button", name="Log ud").is_visible()
    assert_no_horizontal_scroll(page)
    assert_accessible(page)


def test_skip_link_is_the_first_tab_stop_and_moves_focus_to_main(page, live_server, demo_site):
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent.trim()")
    assert focused == "Spring til indhold"
    page.keyboard.press("Enter")
    assert page.evaluate("document.activeElement.id") == "main"


def test_the_page_still_works_at_320_pixels(chromium, live_server, demo_site):
    context = chromium.new_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    for path in ["/", "/accounts/login/", "/tilgaengelighedserklaering/"]:
        page.goto(live_server.url + path)
        assert_no_horizontal_scroll(page)
    context.close()


def test_language_switch_in_the_browser_is_remembered(page, live_server, demo_site):
    page.goto(live_server.url + "/")
    page.get_by_label("Sprog").select_option("en")
    page.get_by_role("button", name="Skift").click()
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    page.goto(live_server.url + "/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert_accessible(page)
