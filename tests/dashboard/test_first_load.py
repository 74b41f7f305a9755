"""A session's first load (ui/first_load.py), without a browser: the first run sends the title
and the map only; the map's first report, or the fallback timer, brings the whole page.

The browser side (the shapes show before the form, the map does not move when the form comes,
the form comes even when the map cannot draw) is in test_first_load_browser.py.
"""

from __future__ import annotations

import time

import pytest
from full_page import page_app
from streamlit.testing.v1 import AppTest

from policy import load_version
from ui import first_load
from ui.assets import leaflet_url
from ui.map_view import render_parts
from ui.texts import t

# What streamlit-folium's frontend sends once the map is set up (the keys the page asks for).
MAP_REPORT = {"last_object_clicked_count": 0, "last_active_drawing": None}


def first_run(**query: str) -> AppTest:
    app = page_app(60, **query)
    app.run()
    assert not app.exception, app.exception
    return app


def map_component_key() -> str:
    """The key the page gives the map of the version in force (as dashboard.map_parts does)."""
    return render_parts(load_version(None), leaflet_url(""), False).component_key


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_first_run_sends_the_title_the_map_and_a_note_only(lang: str) -> None:
    app = first_run(lang=lang, region="ML-9")
    assert [title.value for title in app.title] == [t("page_title", lang)]
    assert [note.value for note in app.sidebar.caption] == [t("page_loading", lang)]
    # No form, no details, no tools yet: no widget of any kind.
    assert not app.radio and not app.selectbox and not app.text_input and not app.checkbox
    assert not app.subheader
    assert first_load.COMPLETE_KEY not in app.session_state


def test_the_maps_first_report_brings_the_whole_page_and_keeps_the_link() -> None:
    app = first_run(lang="en", region="ML-9")
    app.session_state[map_component_key()] = MAP_REPORT
    app.run()
    assert not app.exception, app.exception
    assert app.session_state[first_load.COMPLETE_KEY]
    assert app.session_state[first_load.REASON_KEY] == first_load.MAP_REPORT
    assert t("page_loading", "en") not in [note.value for note in app.sidebar.caption]
    assert app.sidebar.text_input, "the decision form is shown"
    assert app.sidebar.selectbox(key="policy_version") is not None
    assert app.query_params["region"] == "ML-9" and app.query_params["lang"] == "en"
    assert any(t("details_heading", "en") == s.value for s in app.header)


def test_without_a_report_the_timer_brings_the_whole_page() -> None:
    """The map never drew (Leaflet did not load, say): the fallback completes the page."""
    app = first_run(lang="nl")
    assert not app.sidebar.text_input
    # As if FALLBACK_SECONDS had passed when the timer runs the note again.
    app.session_state[first_load._STARTED_KEY] = time.monotonic() - first_load.FALLBACK_SECONDS
    app.run()
    assert not app.exception, app.exception
    assert app.session_state[first_load.COMPLETE_KEY]
    assert app.session_state[first_load.REASON_KEY] == first_load.TIMER
    assert app.sidebar.text_input


def test_the_heap_is_frozen_only_in_the_served_process() -> None:
    """gc.freeze runs in the process Streamlit serves, never in a test runner's AppTest, whose
    own objects it would otherwise freeze for the rest of the run."""
    import gc

    before = gc.get_freeze_count()
    app = first_run(lang="en", region="ML-9")
    app.session_state[map_component_key()] = MAP_REPORT
    app.run()
    assert not app.exception, app.exception
    assert gc.get_freeze_count() == before
