"""Markup in a version file reaches the page, its tooltips and its downloads only as text.

A copy of the version in force whose titles, notes, summaries and references carry `<script>`,
`<img onerror>` and `javascript:` links is loaded by a real dashboard server (through the
POLICY_VERSIONS_DIR setting) and opened in headless Chromium. The test listens for dialogs
(what each payload would open), page errors and console errors, and fails on any; it checks that
the hostile text is shown literally in the details, the outcome, the sources and the tooltip,
that no element or link the text describes exists in the page or the map frame, and that the
memo and the JSON carry it as text.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from policy import versions_io
from policy.data_files import PACKAGE_DIR
from ui.texts import t

pytest.importorskip("playwright")
from full_page import wait_for_full_page
from playwright.sync_api import Page, expect  # noqa: E402

MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"
SCRIPT = "<script>alert(1)</script>"
IMAGE = "<img src=x onerror=alert(2)>"
LINK = "[open](javascript:alert(3))"
ANCHOR = "<a href='javascript:alert(4)'>here</a>"
HOSTILE = f"{SCRIPT} {IMAGE} {LINK} {ANCHOR} javascript:alert(5)"
# Keys whose (one-line, quoted) values are free text a page or download shows.
TEXT_KEYS = ("title", "reference", "note_en", "note_nl", "summary_en", "in_force_note")


def hostile_version(folder: Path) -> Path:
    """The version in force, every free text replaced by HOSTILE (quotes stay word for word)."""
    source = (PACKAGE_DIR / "versions" / "wbv-2025-11.toml").read_text(encoding="utf-8")
    pattern = re.compile(rf"^({'|'.join(TEXT_KEYS)}) = \".*\"$", re.MULTILINE)
    text, count = pattern.subn(lambda m: f"{m.group(1)} = {json.dumps(HOSTILE)}", source)
    assert count > 20
    path = folder / "wbv-2025-11.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory, start_dashboard) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("versions")
    version = versions_io.load_version_file(hostile_version(folder))
    assert version.title == HOSTILE  # the file passes every check: only its texts are hostile
    with start_dashboard(
        env={"POLICY_VERSIONS_DIR": str(folder)}, log_name="streamlit-injection.log"
    ) as url:
        yield url


def idle(page: Page) -> None:
    page.wait_for_selector(
        '[data-testid="stApp"][data-test-script-state="notRunning"]', timeout=90_000
    )


def no_markup_from(scope) -> None:
    """No element or link the hostile text describes exists in `scope` (page or frame)."""
    expect(scope.locator("img[src='x']")).to_have_count(0)
    expect(scope.locator("a[href^='javascript:' i]")).to_have_count(0)
    expect(scope.locator("script:text('alert(')")).to_have_count(0)


def test_hostile_version_texts_are_shown_as_text_and_nothing_runs(
    browser, hostile_url: str, artifacts: Path, tmp_path: Path
) -> None:
    # The session's browser (tests/conftest.py): a second Playwright in the same process fails.
    alarms: list[str] = []
    context = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.on("dialog", lambda d: (alarms.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda error: alarms.append(f"page error: {error}"))
    page.on(
        "console",
        lambda m: alarms.append(f"console: {m.text}") if m.type == "error" else None,
    )
    try:
        page.goto(f"{hostile_url}/?lang=en&region=ML-BKO&ipa_obstacles=1")
        wait_for_full_page(page, 90_000)
        frame = page.frame_locator(MAP_FRAME)
        frame.locator("path.leaflet-interactive").first.wait_for(timeout=90_000)

        # Details: the summaries and notes of Bamako's reasons and the sources' note.
        main = page.locator('[data-testid="stMain"]')
        expect(main.get_by_text(SCRIPT).first).to_be_visible()
        expect(main.get_by_text(IMAGE).first).to_be_visible()
        # Every expander opened: outcome card, overview, sources, the link.
        for summary in page.locator('[data-testid="stExpander"] summary').all():
            summary.click()
        idle(page)
        outcome = page.locator('[data-testid="stExpander"]', has_text=t("outcome_details", "en"))
        expect(outcome).to_be_visible()
        sources = page.locator('[data-testid="stExpander"]', has_text=t("sources_heading", "en"))
        expect(sources.get_by_text(SCRIPT).first).to_be_visible()

        # The map's tooltip (its region names come from the version file).
        frame.locator("path.unit-ML-1").first.hover()
        expect(frame.locator(".leaflet-tooltip.unit-tip")).to_be_visible()

        no_markup_from(page)
        no_markup_from(page.frame_locator(MAP_FRAME))

        downloads = page.locator('[data-testid="stDownloadButton"] button')
        expect(downloads.first).to_be_visible()
        saved = []
        for index in range(downloads.count()):
            with page.expect_download() as info:
                downloads.nth(index).click()
            target = tmp_path / info.value.suggested_filename
            info.value.save_as(target)
            saved.append(target)
        page.screenshot(path=str(artifacts / "injection.png"), full_page=True)
    finally:
        context.close()
    assert not alarms, alarms

    by_suffix = {path.suffix: path.read_text(encoding="utf-8") for path in saved}
    assert {".md", ".json"} <= set(by_suffix), saved
    decision = json.loads(by_suffix[".json"])
    assert HOSTILE in json.dumps(decision, ensure_ascii=False)  # JSON: the text as data
    # The memo is Markdown: the hostile text is in it with its markup escaped, so a Markdown
    # viewer shows it as text rather than an element or a link.
    memo = by_suffix[".md"]
    assert "alert(1)" in memo
    assert SCRIPT not in memo and IMAGE not in memo and LINK not in memo
