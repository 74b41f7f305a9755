"""A session's first load: the map first, the rest of the page as soon as the map is drawn.

Why: the browser builds every element of a run on the same thread as the map's frame, and on a
fresh load each kind of element (the form's radios, lists, checkboxes and text field, the legend,
the details, the tools) first fetches its own code. Sent together with the map, that work held
up the first map shape by about a quarter of a second (docs/performance.md); sent
after the map, the form comes about 0.1 s later. So the first run of a session sends the title,
the map and a short note in the sidebar, and stops. The map tells when its shapes are drawn:
streamlit-folium sends its value once the map is set up, if that value differs from the
component's default (`ui.map_view.draw(report_when_drawn=True)`); that value reruns the page,
which is then built in full. If the map never reports (Leaflet could not load, say), a timer
completes the page after FALLBACK_SECONDS, so the form is never lost.

The map element sits at the same place in both runs (the same code runs up to and including it),
so the second run keeps the frame and its shapes; the sidebar exists from the first run on, so the
map does not move when the form arrives.
"""

from __future__ import annotations

import gc
import html
import threading
import time
from typing import Final

import streamlit as st
from streamlit.runtime import Runtime

from ui.texts import Lang, t

# Set once the page has been built in full in this session; tests of the full page set it too,
# as the browser's first map report would (AppTest runs no component code).
COMPLETE_KEY: Final = "page_complete"
_STARTED_KEY: Final = "first_load_started"
FALLBACK_SECONDS: Final = 4.0
# Why the page became whole in this session: the map's first report, or the fallback timer.
REASON_KEY: Final = "page_complete_reason"
MAP_REPORT: Final = "map report"
TIMER: Final = "timer"


def page_complete(map_component_key: str) -> bool:
    """Whether this run builds the whole page: after the map's first report (or the fallback)."""
    if st.session_state.get(COMPLETE_KEY):
        return True
    if isinstance(st.session_state.get(map_component_key), dict):
        st.session_state[COMPLETE_KEY] = True
        st.session_state[REASON_KEY] = MAP_REPORT
        return True
    return False


def wait_for_map(lang: Lang) -> None:
    """The sidebar while the map is being drawn: a note, and the fallback timer."""
    st.session_state.setdefault(_STARTED_KEY, time.monotonic())
    with st.sidebar:
        _waiting_note(lang)


@st.fragment(run_every=FALLBACK_SECONDS)
def _waiting_note(lang: Lang) -> None:
    # Called once inline by the first run; called again by the timer only if the map has not
    # reported by then (a full run replaces the note, which stops the timer).
    waited = time.monotonic() - st.session_state.get(_STARTED_KEY, time.monotonic())
    if waited >= FALLBACK_SECONDS:
        st.session_state[COMPLETE_KEY] = True
        st.session_state[REASON_KEY] = TIMER
        st.rerun(scope="app")
    st.caption(t("page_loading", lang))


def reason_mark() -> str:
    """An invisible HTML mark of why this session's page is whole (`map report` or `timer`;
    empty when a test set it whole). The browser tests read it: a page that only ever completes
    by the timer is slower by FALLBACK_SECONDS, and must not pass as a page whose map reports."""
    reason = html.escape(str(st.session_state.get(REASON_KEY, "")))
    return f'<span class="first-load-reason" hidden>{reason}</span>'


_heap_settled = False
_heap_lock = threading.Lock()


def settle_heap() -> None:
    """Once per served process, after its first page run: hide every object alive by now
    (modules, loaded data, cached maps) from Python's cyclic garbage collector (`gc.freeze`).

    Why: the server's heap holds millions of long-lived objects (streamlit, pandas, geopandas,
    folium, the policy data). Without this, a full collection scanned them all about once per
    page run, for 110 to 200 ms with the interpreter lock held, stalling the server just while a
    page was loading. What is frozen is never freed, which is what long-lived objects are for.

    Only in the process Streamlit serves (a real `Runtime`): under AppTest, whose runtime is a
    stand-in, it would freeze the test runner's own objects. A module flag, not a cache: a
    cleared cache must not freeze again."""
    global _heap_settled
    if _heap_settled or not Runtime.exists() or type(Runtime.instance()) is not Runtime:
        return
    with _heap_lock:
        if _heap_settled:
            return
        _heap_settled = True
        gc.collect()
        gc.freeze()
