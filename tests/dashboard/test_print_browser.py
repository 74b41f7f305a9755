"""The page's own print: Ctrl+P prints map, legend, outcome and details, not
the sidebar and its widgets. Checked in a real browser with print media emulated, after a
region was chosen through the link, then back on screen (nothing lost).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from full_page import wait_for_full_page
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"
TIMEOUT_MS = 45_000


def test_print_hides_sidebar_and_widgets_and_keeps_map_and_outcome(
    browser, dashboard_url: str, artifacts: Path
) -> None:
    page = browser.new_page(viewport={"width": 1366, "height": 768})
    page.goto(f"{dashboard_url}/?lang=en&region=ML-9")
    wait_for_full_page(page, TIMEOUT_MS)
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar).to_be_visible(timeout=TIMEOUT_MS)
    frame = page.frame_locator(MAP_FRAME).first
    expect(frame.locator("path.unit-ML-9")).to_be_attached(timeout=TIMEOUT_MS)

    page.emulate_media(media="print")
    expect(sidebar).to_be_hidden()
    for widget in (".stButton", ".stDownloadButton", ".stRadio", ".stSelectbox"):
        for element in page.locator(widget).all():
            expect(element).to_be_hidden()
    expect(page.locator(MAP_FRAME).first).to_be_visible()
    expect(page.get_by_text("Ménaka").first).to_be_visible()
    pdf = page.pdf(format="A4", print_background=True)
    (artifacts / "dashboard-print.pdf").write_bytes(pdf)

    page.emulate_media(media="screen")
    expect(sidebar).to_be_visible()
    page.close()
