"""Hostile scenario files in a real browser (the scenario half).

A scenario file is what an analyst receives by e-mail and loads on the page, so its title,
author and rationales are untrusted. Markup (`<script>`, `<img onerror>`) and `javascript:` links
are refused by `policy.scenario` with one line; text that passes (Markdown links and images to
another host, emphasis) must show as the literal text everywhere the page repeats it (banner,
sidebar, details) and load nothing. The test listens for dialogs, page errors, console errors
and every request that would leave the machine, and fails on any.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from full_page import APP_IDLE, wait_for_full_page
from playwright.sync_api import Page, expect

from ui.texts import t

pytestmark = pytest.mark.browser

TIMEOUT_MS = 45_000
OUTSIDE = "http://203.0.113.7"  # TEST-NET-3: never a real host


def _scenario(title: str, rationale: str) -> dict:
    return {
        "scenario": 1,
        "base": "WBV 2025/11",
        "title": title,
        "author": "**author**",
        "created": "2026-01-15",
        "changes": [
            {
                "region": "ML-9",
                "gradation": "exceptional",
                "ipa_applies": True,
                "rationale": rationale,
            }
        ],
    }


def _watch(page: Page) -> list[str]:
    alarms: list[str] = []
    page.on("dialog", lambda d: (alarms.append(f"dialog: {d.message}"), d.dismiss()))
    page.on("pageerror", lambda e: alarms.append(f"page error: {e}"))
    page.on("console", lambda m: alarms.append(f"console: {m.text}") if m.type == "error" else None)
    page.on(
        "request",
        lambda r: alarms.append(f"request: {r.url}") if r.url.startswith(OUTSIDE) else None,
    )
    return alarms


def _upload(page: Page, path: Path) -> None:
    """Choose the file; the caller waits for what the page answers (a refusal naming the file,
    or the scenario's banner), never for a fixed time."""
    uploader = page.locator('[data-testid="stFileUploader"]').filter(
        has_text=t("scenario_upload", "en")
    )
    uploader.locator('input[type="file"]').set_input_files(str(path))


def test_hostile_scenarios_are_refused_or_shown_as_text_and_nothing_runs(
    browser, dashboard_url: str, tmp_path: Path, artifacts: Path
) -> None:
    page = browser.new_page(viewport={"width": 1440, "height": 2200})
    alarms = _watch(page)
    page.goto(f"{dashboard_url}/?lang=en&region=ML-9")
    wait_for_full_page(page, TIMEOUT_MS)
    page.get_by_text(t("tool_scenario", "en"), exact=True).click()
    page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)

    # 1. Markup in the title and a javascript: link in a rationale: refused in one line each,
    #    nothing changes (no scenario banner), nothing runs.
    for number, (title, rationale) in enumerate(
        [
            ("<script>alert(1)</script>", "fine"),
            ("Fine title", "<img src=x onerror=alert(2)>"),
            ("Fine title", "see javascript:alert(3)"),
        ]
    ):
        path = tmp_path / f"hostile-{number}.json"
        path.write_text(json.dumps(_scenario(title, rationale)), encoding="utf-8")
        _upload(page, path)
        refusal = page.locator('[data-testid="stAlert"]').filter(has_text=path.name)
        expect(refusal.first).to_be_visible(timeout=TIMEOUT_MS)
        page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)
        expect(page.get_by_text("Scenario, not the law")).to_have_count(0)
        assert page.locator("img[src='x']").count() == 0
        assert page.locator("script:has-text('alert(1)')").count() == 0

    # 2. Text that passes the checks but is Markdown pointing elsewhere: shown literally.
    title = f"![logo]({OUTSIDE}/x.png) [click]({OUTSIDE}/) *star*"
    path = tmp_path / "markdown.json"
    path.write_text(json.dumps(_scenario(title, f"[source]({OUTSIDE}/r)")), encoding="utf-8")
    _upload(page, path)
    banner = page.locator('[data-testid="stAlert"]').filter(has_text="Scenario, not the law")
    expect(banner.first).to_be_visible(timeout=TIMEOUT_MS)
    # Shown literally; the address keeps an invisible word break so that it is not a link.
    expect(banner.first).to_contain_text("![logo](http")
    expect(banner.first).to_contain_text("203.0.113.7/x.png) [click](http")
    assert page.locator(f"img[src^='{OUTSIDE}']").count() == 0
    links = page.locator(f"a[href^='{OUTSIDE}']")
    assert [link.evaluate("a => a.parentElement.innerText") for link in links.all()] == []
    page.screenshot(path=str(artifacts / "dashboard-scenario-hostile.png"), full_page=True)
    page.close()
    assert alarms == [], alarms
