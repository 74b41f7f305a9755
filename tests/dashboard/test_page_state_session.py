"""The session layer of the page's state, in a running (AppTest) page: the state is set once from
the opening link, every change goes through it, and the link's notices show only while the page
still shows what the link gave."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from policy import NamedOrigin
from policy.scenario import scenario_from_data
from ui.state import STATE_KEY, LinkNotice, PageState

BANDIAGARA = NamedOrigin(
    text="Bandiagara", kind="region", region_code="ML-5", region_name="Mopti",
    mapped_from="Bandiagara",
)  # fmt: skip
NOTICE = LinkNotice("lang", "fr", "link_bad_value")
SCENARIO = scenario_from_data(
    {
        "scenario": 1,
        "base": "WBV 2025/11",
        "title": "Gao lower",
        "changes": [{"region": "Gao", "gradation": "relatively_lower", "rationale": "Why."}],
    }
)


def _page() -> None:
    import streamlit as st

    from ui import state

    first = not state.started()
    if first:
        st.session_state["notices_before_start"] = state.link_notices()
        state.start(
            state.PageState(lang="en", version="wbv-2025-11", region="ML-1"),
            [state.LinkNotice("lang", "fr", "link_bad_value")],
        )
    for action in st.session_state.pop("actions", []):
        name, *args = action
        getattr(state, name)(*args)
    st.session_state["seen"] = (first, state.current(), state.link_notices())
    state.show_in_widget("shown_region", state.current().region)


def _run(app: AppTest, *actions: tuple) -> tuple[bool, PageState, tuple[LinkNotice, ...]]:
    app.session_state["actions"] = list(actions)
    app.run()
    assert not app.exception
    return app.session_state["seen"]


def test_the_state_is_set_once_and_the_notices_show_until_it_changes() -> None:
    app = AppTest.from_function(_page)
    first, state, notices = _run(app)
    opened = PageState(lang="en", version="wbv-2025-11", region="ML-1")
    assert first and state == opened and notices == (NOTICE,)
    assert app.session_state["notices_before_start"] == ()
    assert app.session_state[STATE_KEY] == opened
    assert app.session_state["shown_region"] == "ML-1"
    first, state, notices = _run(app)  # a rerun keeps the state and its notices
    assert not first and state == opened and notices == (NOTICE,)
    first, state, notices = _run(app, ("select_region", "ML-7"))
    assert state.region == "ML-7" and notices == ()
    assert app.session_state["shown_region"] == "ML-7"
    _, state, notices = _run(app, ("select_region", "ML-1"))  # back to what the link gave
    assert state == opened and notices == (NOTICE,)


def test_each_change_goes_through_the_one_state() -> None:
    app = AppTest.from_function(_page)
    _run(app)
    _, state, _ = _run(app, ("select_named", BANDIAGARA), ("change_fact", "persecution", True))
    assert state.region == "ML-5" and state.named == BANDIAGARA and state.facts.persecution
    _, state, _ = _run(app, ("put_scenario", SCENARIO, "wbv-2025-11"))
    assert state.scenario == SCENARIO and state.version == "wbv-2025-11"
    _, state, _ = _run(app, ("put_scenario", None, "c7-23-before-wbv-2025-11"))
    assert state.version == "c7-23-before-wbv-2025-11" and state.scenario is None
    assert state.named == BANDIAGARA
    _, state, _ = _run(app, ("start_new_case",))
    assert state == PageState(lang="en", version="c7-23-before-wbv-2025-11")
    _, state, _ = _run(app, ("update", PageState(lang="nl", version="x")))
    assert state == PageState(lang="nl", version="x")
