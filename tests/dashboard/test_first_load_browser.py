"""A session's first load in headless Chromium (ui/first_load.py): the map's shapes show before
the form, nothing on the page moves when the rest arrives, a reload does the same, and a map that
cannot draw still leaves the user a whole page. Waits on the page's state, never on sleeps."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from full_page import APP_IDLE, FORM_FIELD, wait_for_full_page
from playwright.sync_api import Page

from ui import first_load
from ui.texts import t

pytestmark = pytest.mark.browser

MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"
TIMEOUT_MS = 45_000

# Marks, in the top page, the order in which the first map shape and the form's field appear.
ORDER_PROBE = """
if (window === window.top) {
  window.__seen = [];
  const timer = setInterval(() => {
    const seen = window.__seen;
    if (!seen.includes("shape")) {
      for (const frame of document.querySelectorAll("iframe")) {
        try {
          if (frame.contentDocument.querySelector("path.leaflet-interactive")) {
            seen.push("shape");
          }
        } catch (e) { /* not loaded yet */ }
      }
    }
    if (!seen.includes("form") && document.querySelector('FORM_FIELD')) { seen.push("form"); }
    if (seen.length === 2) { clearInterval(timer); }
  }, 5);
}
""".replace("FORM_FIELD", FORM_FIELD.replace("'", "\\'"))


@pytest.fixture
def fresh_page(browser) -> Iterator:
    contexts = []

    def opener() -> Page:
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        context.add_init_script(ORDER_PROBE)
        contexts.append(context)
        return context.new_page()

    yield opener
    for context in contexts:
        context.close()


def boxes(page: Page) -> dict[str, dict]:
    """Where the title and the map's frame are on the screen."""
    return {
        "title": page.locator("h1").first.bounding_box(),
        "map": page.locator(MAP_FRAME).bounding_box(),
    }


def assert_no_error_text(page: Page) -> None:
    body = page.locator("body").inner_text()
    for word in ("Traceback", "Error"):
        assert word not in body, f"{word!r} on the page"


def test_shapes_first_then_the_form_with_nothing_moving_and_again_after_a_reload(
    fresh_page, dashboard_url: str
) -> None:
    page = fresh_page()
    page.goto(f"{dashboard_url}/?lang=en&region=ML-9")
    for _ in range(2):  # the first load, then a reload of the same link
        shape = page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive").first
        shape.wait_for(timeout=TIMEOUT_MS)
        before = boxes(page)
        wait_for_full_page(page, TIMEOUT_MS)
        assert page.evaluate("window.__seen") == ["shape", "form"]
        assert boxes(page) == before, "the title or the map moved when the form arrived"
        assert page.get_by_text(t("page_loading", "en")).count() == 0
        assert page.get_by_text(t("details_heading", "en"), exact=True).is_visible()
        assert "region=ML-9" in page.url and "lang=en" in page.url
        assert_no_error_text(page)
        page.reload()


def reason(page: Page) -> str | None:
    """Why the page became whole, as the page records it (ui.first_load.reason_mark)."""
    return page.locator(".first-load-reason").text_content(timeout=TIMEOUT_MS)


def test_the_map_report_completes_the_page_and_the_timer_is_gone(
    fresh_page, dashboard_url: str
) -> None:
    """The page is whole because the map reported, not because the fallback timer ran out (a
    page that only ever completes by the timer would be FALLBACK_SECONDS slower and otherwise
    look the same); the timer's note, and with it the timer, are gone from the whole page."""
    page = fresh_page()
    page.goto(f"{dashboard_url}/?lang=nl&region=ML-9")
    wait_for_full_page(page, TIMEOUT_MS)
    assert reason(page) == first_load.MAP_REPORT
    assert page.get_by_text(t("page_loading", "nl")).count() == 0


def test_a_map_that_cannot_draw_still_leaves_the_whole_page(fresh_page, dashboard_url: str) -> None:
    page = fresh_page()
    page.route("**/leaflet.js", lambda route: route.abort())
    page.goto(f"{dashboard_url}/?lang=nl")
    page.get_by_text(t("page_loading", "nl")).wait_for(timeout=TIMEOUT_MS)
    # The fallback timer brings the form although the map never reports.
    wait_for_full_page(page, TIMEOUT_MS)
    assert reason(page) == first_load.TIMER
    assert page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive").count() == 0
    assert page.get_by_text(t("page_loading", "nl")).count() == 0
    # The form works: a search gives its results.
    page.locator(FORM_FIELD).fill("Douentza")
    page.locator(FORM_FIELD).press("Enter")
    page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)
    page.get_by_role("button", name=t("form_place_use", "nl")).wait_for(timeout=TIMEOUT_MS)
    assert_no_error_text(page)
