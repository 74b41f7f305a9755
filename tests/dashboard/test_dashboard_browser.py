"""The dashboard as a user sees it, in headless Chromium: map, click, details, form, offline.

Waits on the page's state (Streamlit's script state, the map's shapes), never on sleeps.
"""

from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect

import geodata
from policy import Outcome, gradation_label, list_versions, load_version, outcome_label
from ui.texts import t

pytestmark = pytest.mark.browser

APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
# The map's frame (its title is set to a meaningful name in the page's language).
MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"
TIMEOUT_MS = 45_000
LOCAL_SCHEMES = {"data", "blob", "about"}


def wait_idle(page: Page) -> None:
    page.wait_for_selector(APP_IDLE, timeout=TIMEOUT_MS)


def inside_point(code: str) -> tuple[float, float]:
    """A (lon, lat) inside the unit's drawn shape."""
    units = geodata.load_units().set_index("code")
    point = units.loc[code, "geometry"].representative_point()
    return point.x, point.y


def click_on_map(page: Page, lon: float, lat: float) -> None:
    """A real mouse click where Leaflet draws (lon, lat), as a user would click."""
    map_div = page.frame_locator(MAP_FRAME).locator("#map_div")
    x, y = map_div.evaluate(
        "(el, ll) => { const p = window.map.latLngToContainerPoint(ll); return [p.x, p.y]; }",
        [lat, lon],
    )
    box = map_div.bounding_box()
    assert box is not None, "the map is not visible"
    page.mouse.click(box["x"] + x, box["y"] + y)


def test_map_click_details_form_and_no_outside_requests(
    browser, dashboard_url: str, artifacts: Path
) -> None:
    requests: list[str] = []
    page = browser.new_page(viewport={"width": 1440, "height": 2000})
    page.on("request", lambda request: requests.append(request.url))
    page.goto(dashboard_url)
    wait_idle(page)

    # The map draws the ten units of the 2016 structure that have a boundary.
    units = page.frame_locator(MAP_FRAME).locator("path.policy-unit")
    expect(units).to_have_count(10, timeout=TIMEOUT_MS)

    # Clicking Ménaka shows its gradation in the details and sets the form's region.
    version = load_version(None)
    menaka = version.region("ML-9")
    click_on_map(page, *inside_point("ML-9"))
    details = page.locator('[data-testid="stColumn"]').nth(1)
    expect(details.get_by_role("heading", name=menaka.name)).to_be_visible(timeout=TIMEOUT_MS)
    menaka_line = f"{t('details_gradation', 'nl')}: {gradation_label(menaka.gradation, 'nl')}"
    expect(details.get_by_text(menaka_line)).to_be_visible()
    wait_idle(page)

    # The form evaluates the case for Ménaka: no individual elements, then limited ones.
    sidebar = page.locator('[data-testid="stSidebar"]')
    no_ground = outcome_label(Outcome.no_protection_ground, "nl")
    expect(sidebar.get_by_text(no_ground, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    sidebar.get_by_text("beperkt", exact=True).click()
    ipa = outcome_label(Outcome.internal_protection_alternative, "nl")
    expect(sidebar.get_by_text(ipa, exact=True)).to_be_visible(timeout=TIMEOUT_MS)
    expect(sidebar.get_by_text("C7/23.5.2 Vc").first).to_be_visible()
    wait_idle(page)

    page.screenshot(path=str(artifacts / "dashboard.png"), full_page=True)

    # Bamako is smaller than its dot: a click on it still selects Bamako.
    bamako = version.region("ML-BKO")
    click_on_map(page, *inside_point("ML-BKO"))
    expect(details.get_by_role("heading", name=bamako.name)).to_be_visible(timeout=TIMEOUT_MS)
    bamako_line = f"{t('details_gradation', 'nl')}: {gradation_label(bamako.gradation, 'nl')}"
    expect(details.get_by_text(bamako_line)).to_be_visible()
    wait_idle(page)

    # In English, with the previous version, the map still draws all ten units.
    sidebar.get_by_text("English", exact=True).click()
    expect(page.get_by_role("heading", name=t("page_title", "en"))).to_be_visible(
        timeout=TIMEOUT_MS
    )
    wait_idle(page)
    previous = list_versions()[0]
    sidebar.locator('[data-testid="stSelectbox"]').first.click()
    page.get_by_role("option").filter(has_text=previous.id).click()
    wait_idle(page)
    expect(page.get_by_text(previous.id).first).to_be_visible(timeout=TIMEOUT_MS)
    expect(units).to_have_count(10, timeout=TIMEOUT_MS)
    page.screenshot(path=str(artifacts / "dashboard-en-previous.png"), full_page=True)
    page.close()

    origin = urlsplit(dashboard_url).netloc
    outside = [
        url
        for url in requests
        if urlsplit(url).scheme not in LOCAL_SCHEMES and urlsplit(url).netloc != origin
    ]
    assert requests, "no requests were recorded"
    assert outside == [], f"requests left the machine: {outside}"
