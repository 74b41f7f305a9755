"""The dashboard as a user sees it, in headless Chromium, with a real mouse and keyboard.

Each test opens a fresh page (its own browser context: no cookies, cache or storage shared)
and runs a sequence of actions; after each, the details panel, the form's list and the map's
outline must show the same region. Every page is checked for words a traceback would show.
Waits on the page's state (Streamlit's script state, the element needed), never on sleeps.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from full_page import APP_IDLE, type_and_enter, wait_for_full_page
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeout

import geodata
from geodata.map_style import map_style
from policy import Case, evaluate, gradation_label, list_versions, load_version
from ui.texts import t

pytestmark = pytest.mark.browser

# The map's frame (its title is set to a meaningful name in the page's language).
MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"
# The region's details (their heading, region list and quotes), under the map and the answer.
DETAILS_PANEL = ".st-key-region_details"
TIMEOUT_MS = 45_000
LOCAL_SCHEMES = {"data", "blob", "about"}
ROOT = Path(__file__).resolve().parents[2]
VIEWPORTS = {"1366x768": (1366, 768), "1920x1080": (1920, 1080)}


@pytest.fixture
def open_page(browser, dashboard_url: str) -> Iterator:
    """Opens the dashboard (with an optional query) in a fresh browser context."""
    contexts = []

    def opener(query: str = "", size: tuple[int, int] = (1366, 768)) -> Page:
        context = browser.new_context(viewport={"width": size[0], "height": size[1]})
        contexts.append(context)
        page = context.new_page()
        page.requests = []  # type: ignore[attr-defined]
        page.on("request", lambda request: page.requests.append(request.url))
        page.goto(dashboard_url + ("/?" + query if query else "/"))
        wait_for_full_page(page, TIMEOUT_MS)
        map_units(page).first.wait_for(timeout=TIMEOUT_MS)
        return page

    yield opener
    for context in contexts:
        context.close()


def wait_idle(page: Page) -> None:
    page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)


def map_units(page: Page) -> Locator:
    return page.frame_locator(MAP_FRAME).locator("path.policy-unit")


def assert_no_error_text(page: Page) -> None:
    body = page.locator("body").inner_text()
    for word in ("Traceback", "Error"):
        assert word not in body, f"{word!r} on the page"


def inside_point(code: str) -> tuple[float, float]:
    """A (lon, lat) inside the unit's drawn shape."""
    units = geodata.load_units().set_index("code")
    point = units.loc[code, "geometry"].representative_point()
    return point.x, point.y


def click_on_map(page: Page, code: str) -> None:
    """A real mouse click where Leaflet draws a point inside `code`, as a user would click."""
    lon, lat = inside_point(code)
    page.locator(MAP_FRAME).scroll_into_view_if_needed()
    map_div = page.frame_locator(MAP_FRAME).locator("#map_div")
    x, y = map_div.evaluate(
        "(el, ll) => { const p = window.map.latLngToContainerPoint(ll); return [p.x, p.y]; }",
        [lat, lon],
    )
    box = map_div.bounding_box()
    assert box is not None, "the map is not visible"
    page.mouse.click(box["x"] + x, box["y"] + y)


def sidebar(page: Page) -> Locator:
    return page.locator('[data-testid="stSidebar"]')


def selectbox(scope: Locator, label: str) -> Locator:
    return scope.locator('[data-testid="stSelectbox"]').filter(has_text=label).first


def choose(page: Page, box: Locator, option: str) -> None:
    """Open a select box and click an option, as a user does: a click on the box, or (when the
    click only focused it) the arrow key that opens its list."""
    box.get_by_role("combobox").click()
    wanted = page.get_by_role("option", name=option, exact=True)
    try:
        wanted.wait_for(timeout=3000)
    except PlaywrightTimeout:
        page.keyboard.press("ArrowDown")
    wanted.click()


def search(page: Page, query: str, lang: str = "nl") -> None:
    """Type a name into the search box with the keyboard and press Enter."""
    field = sidebar(page).get_by_label(t("form_place", lang), exact=True)
    field.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(query)
    page.keyboard.press("Enter")
    results = selectbox(sidebar(page), t("form_place_matches", lang)).get_by_role("combobox")
    expect(results).to_have_value(re.compile(re.escape(query)), timeout=TIMEOUT_MS)
    wait_idle(page)


def use_first_result(page: Page, lang: str = "nl") -> None:
    sidebar(page).get_by_role("button", name=t("form_place_use", lang)).click()


def find(page: Page, query: str, lang: str = "nl") -> None:
    """Type a name and press Enter: a name that is one exact match (or a region's own name) is
    used at once; otherwise the result chosen in advance is used with the button."""
    type_and_enter(page, query, lang, TIMEOUT_MS)
    button = sidebar(page).get_by_role("button", name=t("form_place_use", lang))
    if button.count():
        button.click()
        wait_idle(page)


def assert_selected_everywhere(page: Page, code: str, lang: str = "nl") -> None:
    """The details panel, the form's list and the map's outline all show `code`."""
    name = load_version(None).region(code).name
    details = page.locator(DETAILS_PANEL)
    expect(details.get_by_role("heading", name=name, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(selectbox(sidebar(page), t("form_region", lang)).get_by_role("combobox")).to_have_value(
        name
    )
    listed = selectbox(details, t("details_choose", lang)).get_by_role("combobox")
    expect(listed).to_have_value(name)
    frame = page.frame_locator(MAP_FRAME)
    outline = frame.locator("path.selected-unit")
    expect(outline).to_have_count(1, timeout=TIMEOUT_MS)
    unit = frame.locator(f"path.unit-{code}").first
    a, b = outline.bounding_box(), unit.bounding_box()
    assert a and b
    for key in ("x", "y", "width", "height"):
        assert abs(a[key] - b[key]) < 6, (code, key, a, b)
    wait_idle(page)
    assert_no_error_text(page)


def outcome_box(page: Page, region: str, lang: str = "nl", **facts: object) -> Locator:
    """The outcome headline for the case of `region` with `facts`: the Decision's own line."""
    decision = evaluate(Case(region=region, **facts), load_version(None))
    main = page.locator('[data-testid="stMain"]')
    return main.locator('[data-testid="stAlert"]').filter(has_text=decision.outcome_line(lang))


def test_map_click_details_form_and_no_outside_requests(open_page, artifacts: Path) -> None:
    page = open_page(size=(1440, 1000))
    expect(map_units(page)).to_have_count(10, timeout=TIMEOUT_MS)
    # Region names are labels on the map; the frame has a meaningful title; the page's language.
    frame = page.frame_locator(MAP_FRAME)
    # Ten units and Taoudénit's area; the seven neighbours in grey type.
    expect(frame.locator(".unit-label:not(.neighbour-label)")).to_have_count(11, timeout=TIMEOUT_MS)
    expect(frame.locator(".unit-label.neighbour-label")).to_have_count(7, timeout=TIMEOUT_MS)
    assert page.locator(MAP_FRAME).get_attribute("title") == t("map_frame_title", "nl")
    assert page.evaluate("document.documentElement.lang") == "nl"
    assert frame.locator(".leaflet-control-zoom-in").get_attribute("title") == t("zoom_in", "nl")
    scale = frame.locator(".leaflet-control-scale-line")
    expect(scale).to_have_count(1)
    assert "km" in scale.inner_text() and "mi" not in scale.inner_text()

    version = load_version(None)
    click_on_map(page, "ML-9")
    assert_selected_everywhere(page, "ML-9")
    details = page.locator(DETAILS_PANEL)
    menaka = version.region("ML-9")
    line = f"{t('details_gradation', 'nl')}: {gradation_label(menaka.gradation, 'nl')}"
    expect(details.get_by_text(line)).to_be_visible()

    # The case for Ménaka: no individual elements, then limited ones.
    expect(outcome_box(page, "ML-9")).to_be_visible(timeout=TIMEOUT_MS)
    sidebar(page).get_by_text("beperkt", exact=True).click()
    expect(outcome_box(page, "ML-9", individual_elements="limited")).to_be_visible(
        timeout=TIMEOUT_MS
    )
    wait_idle(page)

    # Bamako is smaller than its dot: a click on it still selects Bamako.
    click_on_map(page, "ML-BKO")
    assert_selected_everywhere(page, "ML-BKO")

    # Zoom in with the map's own button; switching the language keeps that view (the map is
    # not rebuilt: the same Leaflet map, only its labels and titles change).
    map_frame = next(f for f in page.frames if "streamlit_folium" in f.url)
    zoom = map_frame.evaluate("window.map.getZoom()")
    frame.locator(".leaflet-control-zoom-in").click()
    map_frame.wait_for_function(f"window.map.getZoom() > {zoom}")
    map_frame.evaluate("window.kept = true")
    view = map_frame.evaluate("[window.map.getZoom(), window.map.getCenter().lat]")

    # In English, with the previous version, the map still draws all ten units.
    sidebar(page).get_by_text("English", exact=True).click()
    expect(page.get_by_role("heading", name=t("page_title", "en"))).to_be_visible(
        timeout=TIMEOUT_MS
    )
    wait_idle(page)
    expect(page.locator(MAP_FRAME)).to_have_attribute("title", t("map_frame_title", "en"))
    assert page.evaluate("document.documentElement.lang") == "en"
    assert map_frame.evaluate(
        "[window.kept, window.map.getZoom(), window.map.getCenter().lat]"
    ) == [
        True,
        *view,
    ]
    expect(frame.locator(".leaflet-control-zoom-in")).to_have_attribute("title", t("zoom_in", "en"))
    previous = list_versions()[0]
    choose(page, selectbox(sidebar(page), t("policy_version", "en")), _version_label(previous))
    wait_idle(page)
    expect(map_units(page)).to_have_count(10, timeout=TIMEOUT_MS)
    assert_no_error_text(page)

    origin = urlsplit(page.url).netloc
    outside = [
        url
        for url in page.requests
        if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != origin
    ]
    assert page.requests, "no requests were recorded"
    assert outside == [], f"requests left the machine: {outside}"


def _version_label(version) -> str:
    return version.label("en")


@pytest.mark.parametrize(
    "queries",
    [
        (("Tombouctou", "ML-6"), ("Bamako", "ML-BKO")),
        (("Kidal", "ML-8"), ("Bandiagara", "ML-5"), ("Ménaka", "ML-9")),
    ],
    ids=["two-searches", "three-searches"],
)
def test_searches_in_a_row_each_offer_their_own_results(open_page, queries) -> None:
    page = open_page()
    for query, code in queries:
        find(page, query)
        assert_selected_everywhere(page, code)


def test_every_way_of_choosing_selects_everywhere(open_page) -> None:
    page = open_page()
    details = page.locator(DETAILS_PANEL)
    version = load_version(None)
    search(page, "Anderamboukane")
    use_first_result(page)
    assert_selected_everywhere(page, "ML-9")
    expect(page.get_by_text("Anderamboukane").first).to_be_visible()
    choose(page, selectbox(sidebar(page), t("form_region", "nl")), version.region("ML-1").name)
    assert_selected_everywhere(page, "ML-1")
    # The name given is gone once another region is chosen from a list.
    expect(page.get_by_text("Anderamboukane")).to_have_count(0)
    choose(page, selectbox(details, t("details_choose", "nl")), version.region("ML-4").name)
    assert_selected_everywhere(page, "ML-4")
    click_on_map(page, "ML-7")
    assert_selected_everywhere(page, "ML-7")


def test_a_link_opens_menaka_in_english_and_a_reload_keeps_it(open_page) -> None:
    page = open_page("lang=en&region=ML-9")
    expect(page.get_by_role("heading", name=t("page_title", "en"))).to_be_visible()
    assert_selected_everywhere(page, "ML-9", "en")
    sidebar(page).get_by_text(t("form_persecution", "en")).click()
    expect(outcome_box(page, "ML-9", "en", persecution=True)).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)
    assert "persecution=1" in page.url and "region=ML-9" in page.url
    page.reload()
    wait_for_full_page(page, TIMEOUT_MS)
    wait_idle(page)
    map_units(page).first.wait_for(timeout=TIMEOUT_MS)
    expect(page.get_by_role("heading", name=t("page_title", "en"))).to_be_visible()
    assert_selected_everywhere(page, "ML-9", "en")
    expect(outcome_box(page, "ML-9", "en", persecution=True)).to_be_visible(timeout=TIMEOUT_MS)


def test_a_hostile_link_loads_with_a_notice(open_page) -> None:
    page = open_page(
        "lang=%3Cscript%3Ealert(1)%3C/script%3E&region=%3Cimg%20src=x%20onerror=alert(1)%3E"
        "&named=" + "A" * 500 + "&persecution=%5Bx%5D(javascript:alert(1))"
    )
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    main = page.locator('[data-testid="stMain"]')
    expect(main.get_by_text(t("link_bad_value", "nl").split("“")[0]).first).to_be_visible()
    expect(page.get_by_role("heading", name=t("page_title", "nl"))).to_be_visible()
    expect(main.get_by_text(t("hint_choose_region", "nl"))).to_be_visible()
    assert page.locator("img[src='x']").count() == 0
    assert dialogs == []
    assert_no_error_text(page)


@pytest.mark.parametrize("size", list(VIEWPORTS))
def test_outcome_headline_and_legend_in_view_after_an_answer(
    open_page, artifacts: Path, size: str
) -> None:
    width, height = VIEWPORTS[size]
    page = open_page("region=ML-9", size=(width, height))
    sidebar(page).get_by_text("beperkt", exact=True).click()
    box = outcome_box(page, "ML-9", individual_elements="limited")
    expect(box).to_be_visible(timeout=TIMEOUT_MS)
    wait_idle(page)
    for locator in (box, page.locator(".policy-legend"), page.locator(MAP_FRAME)):
        bounds = locator.bounding_box()
        assert bounds is not None
        assert bounds["y"] >= 0 and bounds["y"] + bounds["height"] <= height, (size, bounds)
    assert_no_error_text(page)
    path = artifacts / f"dashboard-{size}.png"
    page.screenshot(path=str(path))
    # README's screenshot is refreshed on request only, so a test run leaves the tree clean.
    if size == "1366x768" and os.environ.get("UPDATE_README_SCREENSHOT") == "1":
        shutil.copyfile(path, ROOT / "docs" / "screenshot.png")


def test_bamako_and_taoudenit_selection_shows_on_the_map(open_page) -> None:
    """Bamako is a few pixels wide: its dot gets a ring well beyond the shape. Taoudénit is drawn
    only as its hatched area: that area is outlined."""
    ring = map_style().areas["selection"]["ring_radius_px"]
    page = open_page("region=ML-BKO")
    frame = page.frame_locator(MAP_FRAME)
    expect(frame.locator("path.selected-ring")).to_have_count(1, timeout=TIMEOUT_MS)
    around = frame.locator("path.selected-ring").bounding_box()
    unit = frame.locator("path.unit-ML-BKO").first.bounding_box()
    assert around and unit
    assert around["width"] >= 2 * ring and around["height"] >= 2 * ring, around
    centre = (unit["x"] + unit["width"] / 2, unit["y"] + unit["height"] / 2)
    assert around["x"] < centre[0] < around["x"] + around["width"], (around, unit)
    assert around["y"] < centre[1] < around["y"] + around["height"], (around, unit)
    page = open_page("region=ML-10")
    frame = page.frame_locator(MAP_FRAME)
    outline = frame.locator("path.selected-unit")
    expect(outline).to_have_count(1, timeout=TIMEOUT_MS)
    expect(frame.locator("path.selected-ring")).to_have_count(0)
    a = outline.bounding_box()
    b = frame.locator("path.scope-unclear-ML-10").bounding_box()
    assert a and b
    for key in ("x", "y", "width", "height"):
        assert abs(a[key] - b[key]) < 6, (key, a, b)
    assert_no_error_text(page)


def _contrast(page: Page, selector: str) -> list[float]:
    """WCAG contrast ratios of the text in `selector` against the background behind it."""
    return page.evaluate(
        """(selector) => {
          const lum = (c) => {
            const v = c.match(/[\\d.]+/g).slice(0, 3).map(Number).map((x) => {
              x /= 255; return x <= 0.03928 ? x / 12.92 : Math.pow((x + 0.055) / 1.055, 2.4);
            });
            return 0.2126 * v[0] + 0.7152 * v[1] + 0.0722 * v[2];
          };
          const background = (el) => {
            for (; el; el = el.parentElement) {
              const c = getComputedStyle(el).backgroundColor;
              if (c && !c.endsWith(", 0)") && c !== "transparent") return c;
            }
            return "rgb(255, 255, 255)";
          };
          return [...document.querySelectorAll(selector)]
            .filter((el) => el.checkVisibility() && el.innerText.trim())
            .map((el) => {
              const a = lum(getComputedStyle(el).color), b = lum(background(el));
              return (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
            });
        }""",
        selector,
    )


def test_captions_and_quotes_are_readable(open_page) -> None:
    page = open_page("region=ML-7")
    details = page.locator(DETAILS_PANEL)
    expect(details.locator("blockquote:visible").first).to_be_visible(timeout=TIMEOUT_MS)
    for selector in (
        '[data-testid="stSidebar"] [data-testid="stCaptionContainer"] p',
        '[data-testid="stMain"] [data-testid="stCaptionContainer"] p',
        '[data-testid="stMarkdownContainer"] blockquote p',
    ):
        ratios = _contrast(page, selector)
        assert ratios, selector
        assert min(ratios) >= 4.5, (selector, min(ratios))


@pytest.mark.parametrize("size", list(VIEWPORTS), ids=list(VIEWPORTS))
def test_every_region_name_sits_on_its_region(open_page, size: str) -> None:
    """A name beside its region misleads: after the frame has grown to the window, every unit's
    label is drawn inside the box of the unit's own shape."""
    page = open_page("lang=nl", VIEWPORTS[size])
    assert misplaced_labels(page) == []
    # Again after a region is chosen, the language switched and the page reloaded.
    page.goto(page.url.split("?")[0] + "?lang=en&region=ML-8")
    wait_for_full_page(page, TIMEOUT_MS)
    page.reload()
    wait_for_full_page(page, TIMEOUT_MS)
    assert misplaced_labels(page) == []


def misplaced_labels(page: Page) -> list[str]:
    """The units whose label's centre lies outside the box of the unit's own shape."""
    frame = page.frame_locator(MAP_FRAME)
    frame.locator(".unit-label-ML-8").wait_for(timeout=TIMEOUT_MS)
    # The labels are set once the page's font has arrived and the frame has its final size.
    frame.locator("body").evaluate("() => document.fonts.ready")
    return frame.locator("body").evaluate(
        """() => {
          const map = window.map_div, out = [];
          map.eachLayer(layer => {
            const p = layer.feature && layer.feature.properties;
            if (!p || !layer.getBounds || p.role === 'scope_unclear') return;
            const label = document.querySelector('.unit-label-' + p.code);
            if (!label) return;
            const box = label.getBoundingClientRect();
            const shape = layer.getBounds();
            const nw = map.latLngToContainerPoint(shape.getNorthWest());
            const se = map.latLngToContainerPoint(shape.getSouthEast());
            const x = box.left + box.width / 2, y = box.top + box.height / 2;
            if (x < nw.x || x > se.x || y < nw.y || y > se.y) out.push(p.code);
          });
          return out;
        }"""
    )
