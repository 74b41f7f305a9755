"""The page started as users start it (`scripts/dashboard`, `mali-policy-map`: the launcher,
which warms the server up, ui/warm_up.py), in headless Chromium: a page opened while the
warm-up runs, and the first page opened after it, draw the map (its component is registered
although the warm-up loaded its libraries) and become whole by the map's report; the search
works; the server log names no failure. Waits on the page's state, never on sleeps."""

from __future__ import annotations

import time
from collections.abc import Iterator

import pytest
from conftest import ARTIFACTS
from full_page import wait_for_full_page
from playwright.sync_api import Page

from ui import first_load
from ui.texts import t

pytestmark = pytest.mark.browser

MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"
TIMEOUT_MS = 45_000
WARM_UP_DONE = "Warm-up done in"
# A bound, not a measurement: the warm-up takes a few seconds on two busy cores.
WARM_UP_LIMIT_SECONDS = 120


def server_log(name: str) -> str:
    return (ARTIFACTS / name).read_text(encoding="utf-8", errors="replace")


def wait_for_warm_up(log_name: str) -> None:
    deadline = time.monotonic() + WARM_UP_LIMIT_SECONDS
    while WARM_UP_DONE not in server_log(log_name):
        assert time.monotonic() < deadline, f"no warm-up line in {ARTIFACTS / log_name}"
        time.sleep(0.1)


@pytest.fixture
def open_page(browser) -> Iterator:
    contexts = []

    def opener() -> Page:
        context = browser.new_context(viewport={"width": 1366, "height": 768})
        contexts.append(context)
        return context.new_page()

    yield opener
    for context in contexts:
        context.close()


def assert_whole_page_with_its_map(page: Page, lang: str) -> None:
    page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive").first.wait_for(
        timeout=TIMEOUT_MS
    )
    wait_for_full_page(page, TIMEOUT_MS)
    reason = page.locator(".first-load-reason").text_content(timeout=TIMEOUT_MS)
    assert reason == first_load.MAP_REPORT
    body = page.locator("body").inner_text()
    assert "Traceback" not in body and t("error_unexpected", lang) not in body


def assert_clean_log(log_name: str) -> None:
    log = server_log(log_name)
    assert WARM_UP_DONE in log
    assert "failed" not in log and "Traceback" not in log, log


def test_the_first_page_after_the_warm_up_draws_its_map_and_searches(
    start_dashboard, open_page
) -> None:
    log_name = "launched-after-warm-up.log"
    with start_dashboard(log_name=log_name, launcher=True) as url:
        wait_for_warm_up(log_name)
        page = open_page()
        page.goto(f"{url}/?lang=nl")
        assert_whole_page_with_its_map(page, "nl")
        page.locator('[data-testid="stSidebar"] [data-testid="stTextInputField"]').fill("Douentza")
        page.keyboard.press("Enter")
        page.get_by_role("button", name=t("form_place_use", "nl")).wait_for(timeout=TIMEOUT_MS)
    assert_clean_log(log_name)


def test_a_page_opened_while_the_server_warms_up_is_whole(start_dashboard, open_page) -> None:
    """Opened as soon as the server answers, while the warm-up runs: the session waits for it
    rather than computing the same caches beside it. (Whether the two overlap depends on the
    machine; tests/geodata/test_split_off_threads.py covers the one race this once exposed.)"""
    log_name = "launched-at-once.log"
    with start_dashboard(log_name=log_name, launcher=True) as url:
        page = open_page()
        page.goto(f"{url}/?lang=en&region=ML-9")
        assert_whole_page_with_its_map(page, "en")
        wait_for_warm_up(log_name)
    assert_clean_log(log_name)
