"""The sidebar decision form: one case, evaluated by the same `policy.evaluate` as the CLI.

The form runs as a Streamlit fragment: answering a question reruns only the form and its outcome,
never the map. The region can be chosen from the list, set by a click on the map (the page writes
FORM_REGION_KEY before the form runs), or found by a name the applicant gives: a region
(`policy.resolve_region`, including the regions of the 2023 reform) or a town or village
(`geodata.locate`).
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

import geodata
from policy import (
    Case,
    IndividualElements,
    PolicyError,
    PolicyVersion,
    UnknownRegionError,
    elements_label,
    evaluate,
    gradation_label,
    resolve_region,
)
from policy.framework import article_15c_rules
from ui.outcome import render_outcome
from ui.region_select import FORM_REGION_KEY, region_select
from ui.texts import Lang, t

PLACE_QUERY_KEY = "place_query"
PLACE_CHOICE_KEY = "place_choice"
REGION_GIVEN_KEY = "form_region_given"
PLACE_USED_KEY = "place_used"
PLACE_LIMIT = 8


@dataclass(frozen=True)
class Candidate:
    """One answer to a lookup: a region by name, or a place with the region it lies in."""

    label: str
    unit_code: str
    confirmation: str
    region_given: str | None = None


def _use_candidate(candidates: list[Candidate]) -> None:
    """Button callback: set the form's region to the chosen candidate's (runs before rerun)."""
    chosen = candidates[st.session_state.get(PLACE_CHOICE_KEY) or 0]
    st.session_state[FORM_REGION_KEY] = chosen.unit_code
    st.session_state[REGION_GIVEN_KEY] = (chosen.unit_code, chosen.region_given)
    st.session_state[PLACE_USED_KEY] = chosen.confirmation


def _region_candidate(query: str, version: PolicyVersion, lang: Lang) -> Candidate | None:
    """The region the query names (official, English or 2023-reform name), if it names one.

    Raises PolicyError when the name is a region that maps to more than one 2016 region.
    """
    try:
        match = resolve_region(query, version)
    except UnknownRegionError:
        return None
    label = t("form_candidate_region", lang, region=match.name, code=match.code)
    if match.mapped_from:
        label += " " + t("form_candidate_mapped", lang, name=match.mapped_from)
    return Candidate(
        label=label,
        unit_code=match.code,
        confirmation=t("form_region_set", lang, region=match.name),
        region_given=query.strip() if match.mapped_from else None,
    )


def _place_candidate(place: geodata.Place, lang: Lang) -> Candidate:
    kind = t(f"place_class_{place.place_class}", lang)
    # The unit the place resolves to: a place in the area that now forms Taoudénit is drawn in
    # Tombouctou (2015) but resolves to Taoudénit, as its name does.
    origin = geodata.named_origin(place)
    unit_name = geodata.unit_table().set_index("code").loc[origin.region_code, "name"]
    return Candidate(
        label=f"{place.name} — {place.cercle_name}, {unit_name} ({kind})",
        unit_code=origin.region_code,
        confirmation=t(
            "form_place_set",
            lang,
            region=unit_name,
            place=place.name,
            cercle=place.cercle_name,
        ),
    )


def _lookup(query: str, version: PolicyVersion, lang: Lang) -> list[Candidate]:
    """Regions first (a region name is what the user most likely means), then places."""
    candidates: list[Candidate] = []
    try:
        region = _region_candidate(query, version, lang)
    except PolicyError as error:
        st.info(str(error))
        region = None
    if region is not None:
        candidates.append(region)
    try:
        places = geodata.locate(query, limit=PLACE_LIMIT)
    except geodata.PlaceNotFoundError as error:
        if not candidates:
            suggestions = ", ".join(error.suggestions) or "—"
            st.warning(t("form_place_not_found", lang, name=query, suggestions=suggestions))
        return candidates
    except geodata.GeodataError as error:
        st.warning(str(error))
        return candidates
    return candidates + [_place_candidate(place, lang) for place in places]


def _place_lookup(version: PolicyVersion, lang: Lang) -> None:
    query = st.text_input(
        t("form_place", lang), key=PLACE_QUERY_KEY, help=t("form_place_help", lang)
    )
    confirmation = st.session_state.pop(PLACE_USED_KEY, None)
    if confirmation:
        st.caption(confirmation)
    if not query.strip():
        return
    candidates = _lookup(query, version, lang)
    if not candidates:
        return
    st.selectbox(
        t("form_place_matches", lang),
        range(len(candidates)),
        format_func=lambda i: candidates[i].label,
        key=PLACE_CHOICE_KEY,
    )
    st.button(t("form_place_use", lang), on_click=_use_candidate, args=(candidates,))


def _case_region(code: str) -> str:
    """The region as the case gives it: the 2023-reform name the user looked up, if that is
    what set the form's region (so the Decision shows the mapping), else the ISO code."""
    given = st.session_state.get(REGION_GIVEN_KEY)
    if given and given[0] == code and given[1]:
        return given[1]
    return code


def sliding_scale_lines(lang: Lang) -> list[str]:
    """Per level of violence, the individual elements that establish 15(c): the same framework
    table (policy/framework.toml) the engine applies, so the form explains what it will do."""
    lines = []
    for gradation, rule in article_15c_rules().items():
        needs = rule.minimum_individual_elements
        if needs is None:
            continue
        if needs is IndividualElements.none:
            answer = t("scale_presence", lang)
        else:
            answer = t("scale_at_least", lang, level=elements_label(needs, lang))
        reading = f" *({t('reading_label', lang)})*" if rule.citation.reading else ""
        lines.append(f"- {gradation_label(gradation, lang)}: {answer}{reading}")
    return lines


def read_case(version: PolicyVersion, lang: Lang) -> Case | None:
    """The form's questions; returns the Case, or None while no region is chosen."""
    region = region_select(version, lang, t("form_region", lang), FORM_REGION_KEY)
    _place_lookup(version, lang)
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
        format_func=lambda v: elements_label(v, lang),
        key="form_elements",
        help=t("form_elements_help", lang),
        horizontal=True,
    )
    with st.expander(t("form_elements_what_counts", lang)):
        st.caption(t("form_elements_help", lang))
        st.caption(t("form_sliding_scale", lang))
        st.markdown("\n".join(sliding_scale_lines(lang)))
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
        region=_case_region(region),
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
