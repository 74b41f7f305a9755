"""An automated accessibility audit (axe-core, through axe-playwright-python) of the page in the
states an analyst works in, in both languages: the loaded page, a case with its reasoning open,
the scenario editor, the comparison and the caseload view. Zero violations are allowed.

axe runs in the page and in its frames (the map). Each state is reached on a fresh page with the
mouse, and the audit waits until the script is idle and the state's element is shown.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
import test_dashboard_browser as dashboard_browser
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from test_dashboard_browser import TIMEOUT_MS, wait_idle

from ui.texts import t
from wording import t as wt

pytestmark = pytest.mark.browser
open_page = dashboard_browser.open_page  # the same fresh-page fixture

AXE = Axe()


def _open_tool(page: Page, lang: str, tool: str) -> None:
    page.get_by_role("radio", name=t(f"tool_{tool}", lang), exact=True).click(force=True)
    wait_idle(page)


def loaded(page: Page, lang: str) -> None:
    """The page as it opens; Streamlit's own words are in the page's language."""
    skip = page.locator("a[href='#stMain']")
    expect(skip).to_have_text(wt("page_use.streamlit.skip", lang), timeout=TIMEOUT_MS)


def reasoning(page: Page, lang: str) -> None:
    """A case (Ménaka, from the link) with the reasoning opened."""
    page.get_by_text(t("outcome_details", lang), exact=True).click()
    wait_idle(page)


def scenario(page: Page, lang: str) -> None:
    _open_tool(page, lang, "scenario")
    # The uploader says the scenario file's real limit, in the page's language.
    limit = wt("page_use.streamlit.limit", lang, limit="64 KiB")
    expect(page.get_by_text(limit, exact=False)).to_be_visible(timeout=TIMEOUT_MS)


def compare(page: Page, lang: str) -> None:
    _open_tool(page, lang, "compare")
    frames = page.locator("iframe[title]")
    expect(frames).to_have_count(2, timeout=TIMEOUT_MS)


def caseload(page: Page, lang: str) -> None:
    """The caseload view with the example cases counted (tables and chart shown)."""
    _open_tool(page, lang, "caseload")
    page.get_by_role("button", name=t("caseload_example", lang), exact=True).click()
    wait_idle(page)
    expect(page.locator("[data-testid='stTable']").first).to_be_visible(timeout=TIMEOUT_MS)


STATES: dict[str, tuple[str, Callable[[Page, str], None]]] = {
    "loaded": ("", loaded),
    "reasoning": ("region=ML-9", reasoning),
    "scenario": ("", scenario),
    "compare": ("", compare),
    "caseload": ("", caseload),
}


def report(results) -> str:
    lines = []
    for violation in results.response["violations"]:
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"][:6]:
            lines.append(f"    {node['target']}: {node.get('failureSummary', '')[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("state", list(STATES))
def test_no_accessibility_violations(open_page, artifacts: Path, state: str, lang: str) -> None:
    query, reach = STATES[state]
    page = open_page(f"lang={lang}" + (f"&{query}" if query else ""))
    reach(page, lang)
    wait_idle(page)
    if state in ("compare", "caseload"):  # the view's first table, where a user reads it
        page.locator("[data-testid='stTable']").first.scroll_into_view_if_needed()
        page.screenshot(path=str(artifacts / f"page-use-{state}-{lang}.png"))
    results = AXE.run(page)
    (artifacts / f"axe-{state}-{lang}.txt").write_text(report(results), encoding="utf-8")
    assert results.violations_count == 0, report(results)
