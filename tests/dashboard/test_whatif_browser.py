"""A scenario in a real browser: load the example scenario file, see Ménaka change colour on the
map and the "scenario" marking, and see the changed count in the caseload view.

Waits on the page's state (Streamlit's script state, the map's shapes), never on sleeps.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from full_page import APP_IDLE, wait_for_full_page
from playwright.sync_api import Page, expect

from geodata.palette import GRADATION_COLOURS
from policy import load_version
from ui.texts import t

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_SCENARIO = ROOT / "policy" / "examples" / "scenario-menaka-exceptional.json"
MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"
TIMEOUT_MS = 45_000


def wait_idle(page: Page) -> None:
    page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)


def test_scenario_recolours_menaka_marks_the_page_and_counts_changed_cases(
    browser, dashboard_url: str, artifacts: Path
) -> None:
    page = browser.new_page(viewport={"width": 1440, "height": 2200})
    page.goto(dashboard_url)
    wait_for_full_page(page, TIMEOUT_MS)
    menaka = page.frame_locator(MAP_FRAME).first.locator("path.unit-ML-9")
    law = load_version(None).region("ML-9").gradation.value
    expect(menaka).to_have_attribute("fill", GRADATION_COLOURS[law], timeout=TIMEOUT_MS)

    # Open the scenario editor and load the example file, as a user would.
    page.get_by_text(t("tool_scenario", "nl"), exact=True).click()
    wait_idle(page)
    uploader = page.locator('[data-testid="stFileUploader"] input[type="file"]').first
    uploader.set_input_files(str(EXAMPLE_SCENARIO))
    expect(page.get_by_text("Scenario, niet het recht:").first).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)

    # Ménaka is exceptional in the scenario: its shape takes that colour; the page says so.
    menaka = page.frame_locator(MAP_FRAME).first.locator("path.unit-ML-9")
    expect(menaka).to_have_attribute("fill", GRADATION_COLOURS["exceptional"], timeout=TIMEOUT_MS)
    banner = page.locator('[data-testid="stAlert"]').filter(has_text="Scenario, niet het recht")
    expect(banner.first).to_contain_text("Ménaka (ML-9)")
    sidebar = page.locator('[data-testid="stSidebar"]')
    expect(sidebar.get_by_text(re.compile("Scenario actief")).first).to_be_visible()
    page.screenshot(path=str(artifacts / "dashboard-scenario.png"), full_page=True)

    # The caseload view with the bundled example: 15 of the 200 cases change outcome.
    page.get_by_text(t("tool_caseload", "nl"), exact=True).click()
    wait_idle(page)
    page.get_by_role("button", name=t("caseload_example", "nl")).click()
    expect(page.get_by_text(re.compile(r"15 van 200")).first).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)
    page.screenshot(path=str(artifacts / "dashboard-caseload.png"), full_page=True)
    page.close()
