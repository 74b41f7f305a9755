"""The sidebar decision form: one case, evaluated by the same `policy.evaluate` as the CLI.

The form runs as a Streamlit fragment: answering a question reruns only the form and its outcome,
never the map. The region can be chosen from the list, set by a click on the map (the page writes
FORM_REGION_KEY before the form runs), or found through a place the applicant names
(`geodata.locate`).
"""

from __future__ import annotations

import streamlit as st

import geodata
from policy import Case, IndividualElements, PolicyError, PolicyVersion, evaluate
from ui.outcome import render_outcome
from ui.region_select import region_select
from ui.texts import Lang, t

FORM_REGION_KEY = "form_region"
PLACE_QUERY_KEY = "place_query"
PLACE_CHOICE_KEY = "place_choice"
PLACE_LIMIT = 8


def _use_place(places: list[geodata.Place]) -> None:
    """Button callback: set the form's region to the chosen place's unit (runs before rerun)."""
    index = st.session_state.get(PLACE_CHOICE_KEY) or 0
    place = places[index]
    st.session_state[FORM_REGION_KEY] = place.unit_code
    st.session_state["place_used"] = place


def _place_label(place: geodata.Place) -> str:
    return f"{place.name} — {place.cercle_name}, {place.unit_name} ({place.class_label})"


def _place_lookup(lang: Lang) -> None:
    query = st.text_input(
        t("form_place", lang), key=PLACE_QUERY_KEY, help=t("form_place_help", lang)
    )
    used = st.session_state.pop("place_used", None)
    if used is not None:
        st.caption(
            t(
                "form_place_set",
                lang,
                region=used.unit_name,
                place=used.name,
                cercle=used.cercle_name,
            )
        )
    if not query.strip():
        return
    try:
        places = geodata.locate(query, limit=PLACE_LIMIT)
    except geodata.PlaceNotFoundError as error:
        suggestions = ", ".join(error.suggestions) or "—"
        st.warning(t("form_place_not_found", lang, name=query, suggestions=suggestions))
        return
    except geodata.GeodataError as error:
        st.warning(str(error))
        return
    st.selectbox(
        t("form_place_matches", lang),
        range(len(places)),
        format_func=lambda i: _place_label(places[i]),
        key=PLACE_CHOICE_KEY,
    )
    st.button(t("form_place_use", lang), on_click=_use_place, args=(places,))


def read_case(version: PolicyVersion, lang: Lang) -> Case | None:
    """The form's questions; returns the Case, or None while no region is chosen."""
    region = region_select(version, lang, t("form_region", lang), FORM_REGION_KEY)
    _place_lookup(lang)
    persecution = st.checkbox(
        t("form_persecution", lang), key="form_persecution", help=t("form_persecution_help", lang)
    )
    individual_harm = st.checkbox(
        t("form_individual_harm", lang),
        key="form_individual_harm",
        help=t("form_individual_harm_help", lang),
    )
    elements = st.radio(
        t("form_elements", lang),
        [e.value for e in IndividualElements],
        format_func=lambda v: t(f"elements_{v}", lang),
        key="form_elements",
        help=t("form_elements_help", lang),
        horizontal=True,
    )
    with st.expander(t("form_elements_what_counts", lang)):
        st.caption(t("form_elements_help", lang))
    ipa_obstacles = st.checkbox(
        t("form_ipa_obstacles", lang),
        key="form_ipa_obstacles",
        help=t("form_ipa_obstacles_help", lang),
    )
    exclusion = st.checkbox(
        t("form_exclusion", lang), key="form_exclusion", help=t("form_exclusion_help", lang)
    )
    if region is None:
        return None
    return Case(
        region=region,
        persecution=persecution,
        individual_harm=individual_harm,
        individual_elements=IndividualElements(elements),
        ipa_obstacles=ipa_obstacles,
        exclusion_indications=exclusion,
    )


@st.fragment
def decision_form(version: PolicyVersion, lang: Lang) -> None:
    """The whole form with its outcome card, rerun on its own when an answer changes."""
    st.header(t("form_heading", lang))
    st.caption(t("form_intro", lang))
    case = read_case(version, lang)
    if case is None:
        return
    try:
        decision = evaluate(case, version)
    except PolicyError as error:
        st.error(t("error_region", lang, message=str(error)))
        return
    render_outcome(decision, lang)
