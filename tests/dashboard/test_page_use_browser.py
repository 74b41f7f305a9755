"""The page in an analyst's hands, in headless Chromium with a real mouse and keyboard: places
that share a name, a map that stays put under the mouse wheel, Back and Forward, a long paste,
and a language switch while the lists are open.

Each test opens a fresh page (its own browser context) and waits on the page's state (the
script idle, an element, a value), never on fixed times.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import pytest
import test_dashboard_browser as dashboard_browser
from full_page import type_and_enter
from playwright.sync_api import Frame, Page, expect
from test_dashboard_browser import (
    DETAILS_PANEL,
    MAP_FRAME,
    TIMEOUT_MS,
    VIEWPORTS,
    assert_no_error_text,
    assert_selected_everywhere,
    choose,
    click_on_map,
    selectbox,
    sidebar,
    wait_idle,
)

from policy import load_version
from ui.search import filter_options, lookup
from ui.texts import t
from wording import t as wt

pytestmark = pytest.mark.browser
open_page = dashboard_browser.open_page  # the same fresh-page fixture


def search_field(page: Page, lang: str = "nl"):
    return sidebar(page).get_by_label(t("form_place", lang), exact=True)


def choose_typed(page: Page, box, option: str, typed: str) -> None:
    """Open a long select box, type to narrow its list (as a user does) and click the option."""
    box.get_by_role("combobox").click()
    page.keyboard.type(typed)
    page.get_by_role("option", name=option, exact=True).click()


def map_frame(page: Page) -> Frame:
    handle = page.locator(MAP_FRAME).element_handle(timeout=TIMEOUT_MS)
    frame = handle.content_frame() if handle else None
    assert frame is not None
    return frame


def madina_labels(lang: str = "nl") -> list[str]:
    return [c.label for c in lookup("Madina", load_version(None), lang).candidates]


def test_madina_offers_every_place_picks_none_and_filters(open_page, artifacts: Path) -> None:
    page = open_page()
    type_and_enter(page, "Madina")
    side = sidebar(page)
    expect(side.get_by_text("49 plaatsen heten precies “Madina”", exact=False)).to_be_visible()
    expect(side.get_by_text(wt("page_use.search.outcomes_differ", "nl"))).to_be_visible()
    results = selectbox(side, t("form_place_matches", "nl")).get_by_role("combobox")
    expect(results).to_have_value("")  # nothing chosen in advance
    expect(side.get_by_role("button", name=t("form_place_use", "nl"))).to_be_disabled()
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text(t("hint_choose_region", "nl"))).to_be_visible()
    # The filter narrows the list to one region; choosing a place there selects it at once.
    found = lookup("Madina", load_version(None), "nl")
    mopti = filter_options(found)["region:ML-5"]
    filter_label = wt("page_use.search.filter_region", "nl", region="Mopti", count=mopti[3])
    choose_typed(page, selectbox(side, wt("page_use.search.filter", "nl")), filter_label, "regio M")
    wait_idle(page)
    in_mopti = [c.label for c in found.candidates if c.named.region_code == "ML-5" and c.exact]
    choose_typed(page, selectbox(side, t("form_place_matches", "nl")), in_mopti[0], "Madina")
    assert_selected_everywhere(page, "ML-5")
    page.screenshot(path=str(artifacts / "page-use-madina-1366x768.png"))
    assert_no_error_text(page)


def test_douentza_offers_the_town_first(open_page) -> None:
    page = open_page()
    type_and_enter(page, "Douentza")
    side = sidebar(page)
    note = wt("page_use.search.also_region_2023", "nl", name="Douentza", region="Mopti")
    expect(side.get_by_text(note)).to_be_visible()
    results = selectbox(side, t("form_place_matches", "nl")).get_by_role("combobox")
    expect(results).to_have_value(
        "Douentza — hoofdplaats van een cercle, commune ML050600, cercle Douentza, regio Mopti"
    )
    side.get_by_role("button", name=t("form_place_use", "nl")).click()
    assert_selected_everywhere(page, "ML-5")
    expect(side.get_by_text("Douentza (hoofdplaats van een cercle", exact=False)).to_be_visible()


def test_a_region_name_is_used_on_enter(open_page) -> None:
    page = open_page()
    type_and_enter(page, "Kidal")
    assert_selected_everywhere(page, "ML-8")
    expect(search_field(page)).to_have_value("")


def _scroll_top(page: Page) -> float:
    return page.evaluate(
        "() => Math.max(window.scrollY, document.querySelector('[data-testid=stMain]').scrollTop,"
        " (document.scrollingElement || document.body).scrollTop)"
    )


def test_the_wheel_scrolls_the_page_and_zooms_only_with_ctrl(open_page) -> None:
    page = open_page()
    frame = map_frame(page)
    frame.wait_for_function("() => window.mapMove && window.mapMove.resetButton")
    start = frame.evaluate("() => window.map.getZoom()")
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    before = _scroll_top(page)
    page.mouse.wheel(0, 400)
    page.wait_for_function(
        "(before) => Math.max(window.scrollY,"
        " document.querySelector('[data-testid=stMain]').scrollTop) > before",
        arg=before,
        timeout=TIMEOUT_MS,
    )
    assert frame.evaluate("() => window.map.getZoom()") == start
    expect(page.frame_locator(MAP_FRAME).locator(".map-wheel-hint")).to_have_text(
        wt("page_use.map.wheel_hint", "nl")
    )
    # With Ctrl held, the wheel zooms the map (and not the page).
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    box = page.locator(MAP_FRAME).bounding_box()
    assert box is not None
    page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.keyboard.down("Control")
    page.mouse.wheel(0, -200)
    page.keyboard.up("Control")
    frame.wait_for_function("(z) => window.map.getZoom() > z", arg=start, timeout=TIMEOUT_MS)
    # Zooming out stops at the minimum zoom; the view stays around Mali.
    page.keyboard.down("Control")
    for _ in range(12):
        page.mouse.wheel(0, 200)
    page.keyboard.up("Control")
    frame.wait_for_function("() => window.map.getZoom() === window.map.getMinZoom()")
    assert frame.evaluate("() => window.map.getMinZoom()") >= start - 1.5
    assert frame.evaluate("() => window.map.options.maxBounds !== undefined")
    # The reset button brings back the whole country.
    page.frame_locator(MAP_FRAME).get_by_role(
        "button", name=wt("page_use.map.reset_title", "nl")
    ).click()
    frame.wait_for_function("(z) => Math.abs(window.map.getZoom() - z) < 0.01", arg=start)


def test_back_and_forward_after_three_choices(open_page) -> None:
    page = open_page()
    version = load_version(None)
    details = page.locator(DETAILS_PANEL)
    choose(page, selectbox(sidebar(page), t("form_region", "nl")), version.region("ML-1").name)
    assert_selected_everywhere(page, "ML-1")
    wait_idle(page)
    click_on_map(page, "ML-8")
    assert_selected_everywhere(page, "ML-8")
    wait_idle(page)
    choose(page, selectbox(details, t("details_choose", "nl")), version.region("ML-9").name)
    assert_selected_everywhere(page, "ML-9")
    wait_idle(page)
    assert "region=ML-9" in page.url and "version=" in page.url and "lang=nl" in page.url
    page.go_back()
    assert_selected_everywhere(page, "ML-8")
    assert "region=ML-8" in page.url and "version=" in page.url
    page.go_back()
    assert_selected_everywhere(page, "ML-1")
    assert "region=ML-1" in page.url
    page.go_forward()
    assert_selected_everywhere(page, "ML-8")
    assert "region=ML-8" in page.url
    assert_no_error_text(page)


def test_a_paste_of_200_characters_is_shortened_with_a_notice(open_page) -> None:
    page = open_page()
    pasted = ("Madina, cercle de Kita, région de Kayes; " * 5)[:200]
    assert len(pasted) == 200
    search_field(page).click()
    page.keyboard.insert_text(pasted)  # one input event with the whole text, as a paste gives
    page.keyboard.press("Enter")
    notice = wt("page_use.search.shortened", "nl", length=200, limit=100)
    expect(sidebar(page).get_by_text(notice)).to_be_visible(timeout=TIMEOUT_MS)
    expect(search_field(page)).to_have_value(pasted[:100])
    wait_idle(page)
    assert_no_error_text(page)


def test_a_language_switch_with_the_lists_open(open_page) -> None:
    page = open_page()
    page.get_by_role("radio", name=t("tool_compare", "nl"), exact=True).click(force=True)
    wait_idle(page)
    type_and_enter(page, "Madina")
    side = sidebar(page)
    found = lookup("Madina", load_version(None), "nl")
    count = filter_options(found)["region:ML-5"][3]
    choose_typed(
        page,
        selectbox(side, wt("page_use.search.filter", "nl")),
        wt("page_use.search.filter_region", "nl", region="Mopti", count=count),
        "regio M",
    )
    wait_idle(page)
    side.get_by_text("English", exact=True).click()
    expect(side.get_by_text(t("form_region", "en"), exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)
    # The lists keep their choice and speak English.
    region_filter = selectbox(side, wt("page_use.search.filter", "en")).get_by_role("combobox")
    expect(region_filter).to_have_value(
        wt("page_use.search.filter_region", "en", region="Mopti", count=count)
    )
    results = selectbox(side, t("form_place_matches", "en")).get_by_role("combobox")
    results.click()
    page.keyboard.type("Madina")  # narrows the list, and opens it where a click only focused
    english = [c.label for c in lookup("Madina", load_version(None), "en").candidates]
    first_mopti = next(label for label in english if "region Mopti" in label)
    expect(page.get_by_role("option", name=first_mopti, exact=True)).to_be_visible(
        timeout=TIMEOUT_MS
    )
    assert page.get_by_role("option").filter(has_text="dorp").count() == 0
    page.keyboard.press("Escape")
    expect(side.get_by_text("49 places are named exactly “Madina”", exact=False)).to_be_visible()
    # The tool chosen below the page stays chosen, under its English name.
    expect(page.get_by_role("radio", name=t("tool_compare", "en"), exact=True)).to_be_checked()


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_screenshot_of_a_case(open_page, artifacts: Path, size: str) -> None:
    """A case from a link (Ménaka), as the README shows it; refreshed there on request only
    (UPDATE_README_SCREENSHOT=1), so a test run leaves the tree clean."""
    page = open_page("region=ML-9", size=VIEWPORTS[size])
    assert_selected_everywhere(page, "ML-9")
    map_frame(page).wait_for_function(
        "() => document.getElementById('map_div').style.height === window.innerHeight + 'px'"
    )
    path = artifacts / f"page-use-case-{size}.png"
    page.screenshot(path=str(path))
    if size == "1366x768" and os.environ.get("UPDATE_README_SCREENSHOT") == "1":
        shutil.copyfile(path, Path(__file__).resolve().parents[2] / "docs" / "screenshot.png")


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_screenshots_of_a_search(open_page, artifacts: Path, size: str) -> None:
    page = open_page(size=VIEWPORTS[size])
    type_and_enter(page, "Madina")
    page.screenshot(path=str(artifacts / f"page-use-search-{size}.png"))
    click_on_map(page, "ML-9")
    assert_selected_everywhere(page, "ML-9")
    page.screenshot(path=str(artifacts / f"page-use-menaka-{size}.png"), full_page=True)


def test_map_regions_are_named_keyboard_stops(open_page) -> None:
    """Tab reaches a region's shape, named by its tooltip; Enter selects it."""
    page = open_page()
    frame = page.frame_locator(MAP_FRAME)
    kidal = frame.locator("path.unit-ML-8").first
    expect(kidal).to_have_attribute("aria-label", re.compile(r"^Kidal\. "), timeout=TIMEOUT_MS)
    expect(kidal).to_have_attribute("tabindex", "0")
    kidal.focus()
    page.keyboard.press("Enter")
    assert_selected_everywhere(page, "ML-8")


def test_the_map_grows_with_the_window(open_page) -> None:
    small = open_page(size=VIEWPORTS["1366x768"])
    large = open_page(size=VIEWPORTS["1920x1080"])
    heights = []
    for page in (small, large):
        frame = page.locator(MAP_FRAME)
        expect(frame).to_have_attribute("style", re.compile("height"), timeout=TIMEOUT_MS)
        map_frame(page).wait_for_function(
            "() => document.getElementById('map_div').style.height === window.innerHeight + 'px'"
        )
        box = frame.bounding_box()
        assert box is not None
        heights.append(box["height"])
    assert heights[0] >= 480 and heights[1] > heights[0] + 200, heights
