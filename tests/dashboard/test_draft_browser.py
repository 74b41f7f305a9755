"""A draft decree in a real browser: upload its text in the what-if area, see the draft mark,
the change it makes and its effect on the example caseload.

Waits on the page's state (Streamlit's script state, texts appearing), never on sleeps.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from full_page import APP_IDLE, wait_for_full_page
from playwright.sync_api import Page, expect

from geodata.palette import GRADATION_COLOURS
from ui.texts import t as page_t
from wording import t

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "policy" / "sources" / "wbv-2025-11-c7-23-mali.txt").read_text(encoding="utf-8")
TIMEOUT_MS = 45_000
MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"


def wait_idle(page: Page) -> None:
    page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)


def test_upload_a_draft_compare_it_and_run_the_caseload(
    browser, dashboard_url: str, artifacts: Path, tmp_path: Path
) -> None:
    decree = tmp_path / "concept-wbv.txt"
    decree.write_text(
        SEED.replace("de regio’s Ménaka en Ségou.\n", "de regio Ménaka.\n").replace(
            "de regio Koulikoro.\n", "de regio’s Koulikoro en Ségou.\n"
        ),
        encoding="utf-8",
    )
    page = browser.new_page(viewport={"width": 1440, "height": 2600})
    page.goto(dashboard_url)
    wait_for_full_page(page, TIMEOUT_MS)
    page.get_by_text(page_t("tool_scenario", "nl"), exact=True).click()
    wait_idle(page)

    section = page.locator('[data-testid="stExpander"]').filter(
        has_text=t("draft.page.section", "nl")
    )
    section.locator('input[type="file"]').set_input_files(str(decree))
    mark = page.locator('[data-testid="stAlert"]').filter(has_text=t("draft.mark", "nl"))
    expect(mark.first).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)
    # the draft's own map: Ségou takes the colour of the relatively lower level
    draft_map = page.frame_locator(MAP_FRAME).nth(1)
    segou = draft_map.locator("path.draft-unit.unit-ML-4")
    expect(segou).to_have_attribute(
        "fill", GRADATION_COLOURS["relatively_lower"], timeout=TIMEOUT_MS
    )
    # the one change: Ségou, from relatively higher to relatively lower
    expect(page.get_by_text(re.compile(r"1 regio\(’s\) veranderen: Ségou")).first).to_be_visible(
        timeout=TIMEOUT_MS
    )

    page.get_by_role("button", name=t("draft.page.caseload_example", "nl")).click()
    changed = page.get_by_text(re.compile(r"van 200 zaken krijgen onder het concept"))
    expect(changed.first).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)
    page.screenshot(path=str(artifacts / "dashboard-draft.png"), full_page=True)
    page.close()
