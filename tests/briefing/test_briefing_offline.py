"""The one-file offline map, opened in headless Chromium with every non-file request blocked."""

from __future__ import annotations

import itertools
from pathlib import Path

import pytest

import geodata
from briefing import offline_html
from briefing.offline import CSP

pytestmark = pytest.mark.browser
TIMEOUT_MS = 30_000


def _open(browser, path: Path):
    """A fresh page on `path` that blocks (and records) every request not for a local file."""
    page = browser.new_page(viewport={"width": 1200, "height": 1000})
    blocked: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []

    def route(route) -> None:
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(path.as_uri())
    return page, blocked, dialogs, errors


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_offline_map_draws_every_drawn_region_without_any_request(
    browser, in_force, today, tmp_path, lang
) -> None:
    path = tmp_path / "map.html"
    path.write_text(offline_html(in_force, lang, today=today), encoding="utf-8")
    page, blocked, _dialogs, errors = _open(browser, path)
    try:
        units = geodata.load_units()
        page.wait_for_selector("path.policy-unit", timeout=TIMEOUT_MS)
        assert page.locator("path.policy-unit").count() == len(units)
        for code in units["code"]:
            assert page.locator(f"path.unit-{code}").count() == 1, code
        assert page.locator(".region-label").count() == len(units)
        assert page.locator("path.ipa-destination-dot").count() == 1
        assert blocked == []
        assert errors == []
    finally:
        page.close()


def test_hostile_scenario_text_is_shown_as_text(
    browser, in_force, hostile_scenario, hostile, today, tmp_path
) -> None:
    html = offline_html(in_force, "en", scenario=hostile_scenario, today=today)
    assert "<script>alert" not in html and "<img src=x" not in html
    assert "&lt;script&gt;" in html
    path = tmp_path / "scenario.html"
    path.write_text(html, encoding="utf-8")
    page, blocked, dialogs, errors = _open(browser, path)
    try:
        page.wait_for_selector("path.policy-unit", timeout=TIMEOUT_MS)
        body = page.locator("body").inner_text()
        assert hostile["title"] in body
        assert hostile["rationale"] in body
        assert page.locator("img").count() == 0
        assert dialogs == [] and blocked == [] and errors == []
    finally:
        page.close()


def test_offline_html_forbids_every_request_and_is_deterministic(in_force, today) -> None:
    html = offline_html(in_force, "nl", today=today)
    assert f'content="{CSP}"' in html
    assert "sourceMappingURL" not in html
    assert offline_html(in_force, "nl", today=today) == html


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("size", [(1366, 768), (800, 600)])
def test_offline_labels_are_centred_and_apart_at_a_laptop_size(
    browser, in_force, today, tmp_path, lang, size
) -> None:
    """At 1366 × 768 and 800 × 600 no two names overlap (Koulikoro and Bamako once did), every
    name is centred on its point (not hung from its corner), Taoudénit and the neighbours are
    named."""
    path = tmp_path / "map.html"
    path.write_text(offline_html(in_force, lang, today=today), encoding="utf-8")
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    try:
        page.goto(path.as_uri())
        page.wait_for_selector(".map-label span", timeout=TIMEOUT_MS)
        boxes = page.eval_on_selector_all(
            ".map-label span",
            """els => els.map(e => {
                const r = e.getBoundingClientRect();
                const anchor = e.parentElement.getBoundingClientRect();
                return {text: e.textContent, left: r.left, right: r.right, top: r.top,
                        bottom: r.bottom, ax: anchor.left, ay: anchor.top,
                        transform: e.style.transform};
            })""",
        )
        texts = [box["text"] for box in boxes]
        assert "Taoudénit" in texts and "Bamako" in texts
        assert len([t for t in texts if t.isupper()]) >= 5  # the neighbours' names
        for a, b in itertools.combinations(boxes, 2):
            apart = (
                a["right"] <= b["left"] or b["right"] <= a["left"]
                or a["bottom"] <= b["top"] or b["bottom"] <= a["top"]
            )  # fmt: skip
            assert apart, (a["text"], b["text"])
        for box in boxes:
            if box["transform"] in ("", "translate(calc(-50% + 0px), calc(-50% + 0px))"):
                centre_x = (box["left"] + box["right"]) / 2
                centre_y = (box["top"] + box["bottom"]) / 2
                assert abs(centre_x - box["ax"]) < 1.5 and abs(centre_y - box["ay"]) < 1.5
    finally:
        page.close()
