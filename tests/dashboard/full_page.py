"""The whole dashboard, in AppTest and in a browser.

A session's first run sends only the title and the map (`ui.first_load`); the browser's map then
reports and the page is built in full. AppTest runs no component code, so its pages start with
that report already counted; browser tests wait for the form, which comes with the rest. The
first load itself is tested in test_first_load.py and test_first_load_browser.py.
"""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page
from streamlit.testing.v1 import AppTest

from ui.first_load import COMPLETE_KEY
from ui.texts import t

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")


def page_app(timeout: float = 60, **query: str) -> AppTest:
    """A fresh dashboard with the given link parameters, not yet run: its first run is a first
    load (title and map)."""
    app = AppTest.from_file(DASHBOARD, default_timeout=timeout)
    for name, value in query.items():
        app.query_params[name] = value
    return app


def full_page_app(timeout: float = 60, **query: str) -> AppTest:
    """As `page_app`, with the map's first report counted: every run builds the whole page."""
    app = page_app(timeout, **query)
    app.session_state[COMPLETE_KEY] = True
    return app


# In a browser: the decision form's search field, which comes with the rest of the page.
APP_IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
FORM_FIELD = '[data-testid="stSidebar"] [data-testid="stTextInputField"]'


def wait_for_full_page(page: Page, timeout_ms: float = 45_000) -> None:
    """After a page load or reload: the whole page is there and the script is idle."""
    page.locator(FORM_FIELD).first.wait_for(timeout=timeout_ms)
    page.wait_for_selector(APP_IDLE, timeout=timeout_ms)


def type_and_enter(page: Page, query: str, lang: str = "nl", timeout_ms: float = 45_000) -> None:
    """Type a name into the sidebar's search with the keyboard and press Enter; wait until the
    page answered: the name was used (the field emptied) or the results are shown."""
    side = page.locator('[data-testid="stSidebar"]')
    field = side.get_by_label(t("form_place", lang), exact=True)
    field.click()
    page.keyboard.press("Control+A")
    page.keyboard.type(query)
    page.keyboard.press("Enter")
    page.wait_for_function(
        """([label, results]) => {
          const side = document.querySelector('[data-testid="stSidebar"]');
          const field = side.querySelector(`input[aria-label="${label}"]`);
          return (field && field.value === "") || side.innerText.includes(results);
        }""",
        arg=[t("form_place", lang), t("form_place_matches", lang)],
        timeout=timeout_ms,
    )
    page.wait_for_selector(APP_IDLE, timeout=timeout_ms)


# AppTest: a fresh page, and a rerun, each failing on any exception the page raised.
def fresh_app(**query: str) -> AppTest:
    app = full_page_app(60, **query)
    app.run()
    assert not app.exception, app.exception
    return app


def run(app: AppTest) -> AppTest:
    app.run()
    assert not app.exception, app.exception
    return app
