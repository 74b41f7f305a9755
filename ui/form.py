"""The sidebar decision form: the region, the name the applicant gave, the case's facts.

Every widget shows the page's one state (`ui.state`) and changes it through a callback; none
keeps a copy of its own. The region list here, the list in the details panel and a click on the
map all select the same region; a choice from a list or the map clears an earlier name lookup.
The search always shows the results of the query that is in the box: its results are recomputed
from the box's text on every run and in the button's callback, never carried over.
"""

from __future__ import annotations

from typing import Final

import streamlit as st

from geodata.errors import shortened
from policy import IndividualElements, PolicyVersion, elements_label, gradation_label
from policy.framework import article_15c_rules
from ui import state
from ui.errors import safe_callback
from ui.search import (
    Lookup,
    count_line,
    filter_options,
    kind_label,
    lookup,
    matches_filter,
    outcomes_differ,
)
from ui.state import BOOLEAN_FACTS, Named, PageState
from ui.texts import Lang, t
from wording import t as wt
from wording.escape import markdown

FORM_REGION_KEY: Final = "form_region"
DETAILS_KEY: Final = "details_region"
PLACE_QUERY_KEY: Final = "place_query"
PLACE_CHOICE_KEY: Final = "place_choice"
SEARCHED_KEY: Final = "place_searched"  # the query the shown results belong to
STALE_KEY: Final = "place_stale"
PLACE_FILTER_KEY: Final = "place_filter"
SHORTENED_KEY: Final = "place_shortened"  # the length of a pasted text that was shortened
MAX_QUERY_CHARS: Final = 100
FACT_KEYS: Final[dict[str, str]] = {
    "persecution": "form_persecution",
    "individual_harm": "form_individual_harm",
    "individual_elements": "form_elements",
    "ipa_obstacles": "form_ipa_obstacles",
    "exclusion_indications": "form_exclusion",
}
_FACT_HELP: Final[dict[str, str]] = {
    "persecution": "form_persecution",
    "individual_harm": "form_individual_harm",
    "ipa_obstacles": "form_ipa_obstacles",
    "exclusion_indications": "form_exclusion",
}


def named_line(named: Named, lang: Lang) -> str:
    """ "Anderamboukane (village, cercle Ménaka) → Ménaka": what was said, what it is, where."""
    what = kind_label(named.kind, lang)
    if named.cercle:
        what += ", " + t("named_cercle", lang, cercle=named.cercle)
    said = named.place or named.text
    if named.place and named.text.casefold() != named.place.casefold():
        said = f"{shortened(named.text)} = {named.place}"
    return f"{shortened(said)} ({what}) → {named.region_name}"


def region_select(version: PolicyVersion, lang: Lang, label: str, key: str) -> None:
    """A list of the version's regions bound to the selected region (shared by form and details)."""
    names = {region.code: region.name for region in version.regions}
    current = state.current().region
    state.show_in_widget(key, current if current in names else None)
    st.selectbox(
        label,
        list(names),
        format_func=names.__getitem__,
        key=key,
        placeholder=t("details_choose", lang),
        on_change=_region_chosen,
        args=(key,),
    )


@safe_callback
def _region_chosen(key: str) -> None:
    state.select_region(st.session_state.get(key))


@safe_callback
def _new_case() -> None:
    state.start_new_case()
    st.session_state[PLACE_QUERY_KEY] = ""
    st.session_state.pop(SEARCHED_KEY, None)
    st.session_state.pop(PLACE_FILTER_KEY, None)


def _apply(candidate_named: Named) -> None:
    state.select_named(candidate_named)
    st.session_state[PLACE_QUERY_KEY] = ""
    st.session_state.pop(SEARCHED_KEY, None)
    st.session_state.pop(PLACE_FILTER_KEY, None)


@safe_callback
def _query_entered(version: PolicyVersion, lang: Lang) -> None:
    """Enter in the search field: a pasted text longer than the field takes is shortened (the
    run says so); a name that is one exact match (or a 2016 region's own name) is used at once."""
    query = str(st.session_state.get(PLACE_QUERY_KEY) or "")
    if len(query) > MAX_QUERY_CHARS:
        st.session_state[SHORTENED_KEY] = len(query)
        query = query[:MAX_QUERY_CHARS]
        st.session_state[PLACE_QUERY_KEY] = query
        return
    if not query.strip():
        return
    unique = lookup(query, version, lang).unique
    if unique is not None:
        _apply(unique.named)


@safe_callback
def _use_choice(version: PolicyVersion, lang: Lang) -> None:
    """Button or list callback: select the chosen result, recomputed from the query now in the
    box.

    When the box's text changed since the results were shown (typed and clicked at once), the
    click is not applied to results the user has not seen; the run shows the new results.
    """
    query = str(st.session_state.get(PLACE_QUERY_KEY) or "")
    if st.session_state.get(SEARCHED_KEY) != query:
        st.session_state[STALE_KEY] = True
        return
    chosen = st.session_state.get(PLACE_CHOICE_KEY)
    for candidate in lookup(query, version, lang).candidates:
        if candidate.id == chosen:
            _apply(candidate.named)
            return


def _filter(found: Lookup, lang: Lang, new_query: bool) -> str:
    """The region or cercle filter, offered when the matches lie in more than one cercle."""
    options = filter_options(found)
    if len(options) <= 2:
        return ""
    chosen = st.session_state.get(PLACE_FILTER_KEY)
    # Written every run, so the list shows its choice in the page's language after a switch
    # (the browser keeps the label it was given last).
    state.show_in_widget(PLACE_FILTER_KEY, "" if new_query or chosen not in options else chosen)

    def label(option: str) -> str:
        kind, region, cercle, count = options[option]
        if kind == "all":
            return wt("page_use.search.filter_all", lang, count=count)
        if kind == "region":
            return wt("page_use.search.filter_region", lang, region=region, count=count)
        return wt("page_use.search.filter_cercle", lang, cercle=cercle, region=region, count=count)

    st.selectbox(
        wt("page_use.search.filter", lang), list(options), format_func=label, key=PLACE_FILTER_KEY
    )
    return str(st.session_state.get(PLACE_FILTER_KEY) or "")


def _search(version: PolicyVersion, lang: Lang, current: PageState) -> None:
    """The search: every match, counted and grouped, never a silent pick between regions."""
    st.text_input(
        t("form_place", lang),
        key=PLACE_QUERY_KEY,
        help=t("form_place_help", lang),
        on_change=_query_entered,
        args=(version, lang),
    )
    st.caption(wt("page_use.search.enter_hint", lang))
    length = st.session_state.pop(SHORTENED_KEY, None)
    if length:
        st.info(wt("page_use.search.shortened", lang, length=length, limit=MAX_QUERY_CHARS))
    if st.session_state.pop(STALE_KEY, False):
        st.caption(t("form_search_stale", lang))
    raw_query = str(st.session_state.get(PLACE_QUERY_KEY) or "")
    query = raw_query.strip()
    if not query:
        st.session_state.pop(SEARCHED_KEY, None)
        return
    found: Lookup = lookup(query, version, lang)
    for note in found.notes:
        st.info(note)
    for warning in found.warnings:
        st.warning(warning)
    if not found.candidates:
        st.session_state.pop(SEARCHED_KEY, None)
        return
    count = count_line(found, lang)
    if count:
        st.caption(count)
    differ = outcomes_differ(found, version, current)
    if differ:
        st.warning(wt("page_use.search.outcomes_differ", lang))
    new_query = st.session_state.get(SEARCHED_KEY) != raw_query
    chosen_filter = _filter(found, lang, new_query)
    shown = [c for c in found.candidates if matches_filter(c, chosen_filter)]
    ids = [candidate.id for candidate in shown]
    labels = {candidate.id: candidate.label for candidate in shown}
    chosen = st.session_state.get(PLACE_CHOICE_KEY)
    if new_query or chosen not in ids:
        # Never a silent pick: not between regions, nor between a place and a region (or
        # its capital) whose name is the same or close (found.homonyms), nor of a place whose
        # name is only similar to the one typed.
        chosen = None if differ or found.homonyms or not shown[0].exact else ids[0]
    state.show_in_widget(PLACE_CHOICE_KEY, chosen)  # every run: see _filter
    st.session_state[SEARCHED_KEY] = raw_query
    st.selectbox(
        t("form_place_matches", lang),
        ids,
        format_func=labels.__getitem__,
        key=PLACE_CHOICE_KEY,
        placeholder=wt("page_use.search.choose", lang),
        on_change=_use_choice,
        args=(version, lang),
    )
    st.button(
        t("form_place_use", lang),
        on_click=_use_choice,
        args=(version, lang),
        disabled=st.session_state.get(PLACE_CHOICE_KEY) is None,
    )


@safe_callback
def _fact_changed(name: str) -> None:
    state.change_fact(name, st.session_state.get(FACT_KEYS[name]))


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


def _facts(current: PageState, lang: Lang) -> None:
    facts = current.facts
    for name in BOOLEAN_FACTS[:2]:
        _checkbox(name, getattr(facts, name), lang)
    state.show_in_widget(FACT_KEYS["individual_elements"], facts.individual_elements)
    st.radio(
        t("form_elements", lang),
        [e.value for e in IndividualElements],
        format_func=lambda v: elements_label(v, lang),
        key=FACT_KEYS["individual_elements"],
        help=t("form_elements_help", lang),
        horizontal=True,
        on_change=_fact_changed,
        args=("individual_elements",),
    )
    with st.expander(t("form_elements_what_counts", lang)):
        st.caption(t("form_elements_help", lang))
        st.caption(t("form_sliding_scale", lang))
        st.markdown("\n".join(sliding_scale_lines(lang)))
    for name in BOOLEAN_FACTS[2:]:
        _checkbox(name, getattr(facts, name), lang)


def _checkbox(name: str, value: bool, lang: Lang) -> None:
    key = FACT_KEYS[name]
    state.show_in_widget(key, value)
    st.checkbox(
        t(_FACT_HELP[name], lang),
        key=key,
        help=t(f"{_FACT_HELP[name]}_help", lang),
        on_change=_fact_changed,
        args=(name,),
    )


def decision_form(version: PolicyVersion, lang: Lang) -> None:
    """The whole form, drawn from and writing to the page state."""
    current = state.current()
    st.header(t("form_heading", lang))
    st.caption(t("form_intro", lang))
    if current != state.new_case(current):  # something to reset (and no extra code on load)
        st.button(t("new_case", lang), on_click=_new_case, help=t("new_case_help", lang))
    region_select(version, lang, t("form_region", lang), FORM_REGION_KEY)
    named = current.named
    if named is not None:
        st.caption(t("named_given", lang, line=markdown(named_line(named, lang))))
        if named.drawn_in and named.place:
            st.caption(
                t(
                    "named_split_off",
                    lang,
                    place=markdown(named.place),
                    region=markdown(named.region_name),
                    drawn=markdown(named.drawn_in),
                )
            )
    _search(version, lang, current)
    if current.region is None:
        st.info(t("hint_choose_region", lang))
    _facts(current, lang)
