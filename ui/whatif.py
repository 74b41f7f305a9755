"""The scenario editor and the marking that says, wherever a value is shown, that a scenario and
not the law is on screen.

Why the scenario is in the page state and nowhere else: it must be the user's alone (two
sessions never see each other's) and it must never become policy. `ui.state` holds it in the
session; `Scenario.apply` builds the what-if version in memory through the validated overrides.
Every edit goes through `Scenario.with_change` / `without_change` / `scenario_from_data`, which
check it exactly as a scenario file is checked, so the editor cannot make a scenario a file
could not hold. A bad upload or edit shows one line naming the field and changes nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Final

import streamlit as st

from policy import PolicyVersion, gradation_label
from policy.models import Gradation
from policy.scenario import (
    MAX_BYTES,
    MAX_RATIONALE,
    MAX_TITLE,
    Scenario,
    ScenarioError,
    load_scenario,
    scenario_from_data,
)
from ui import state
from ui.draft_view import render_draft
from ui.errors import safe_callback
from ui.texts import Lang, t
from wording import phrases
from wording.escape import markdown

MESSAGE_KEY: Final = "whatif_message"
UPLOAD_KEY: Final = "whatif_upload"
TITLE_KEY: Final = "whatif_title"
NEW_TITLE_KEY: Final = "whatif_new_title"
REGION_KEY: Final = "whatif_region"
GRADATION_KEY: Final = "whatif_gradation"
IPA_KEY: Final = "whatif_ipa"
RATIONALE_KEY: Final = "whatif_rationale"
REMOVE_KEY: Final = "whatif_remove_region"
KEEP: Final = "keep"


# --- marking ---------------------------------------------------------------------------------


def changed_names(scenario: Scenario, base: PolicyVersion, lang: Lang) -> str:
    """The regions that differ from the base, as "Ménaka (ML-9), …" (or "none yet")."""
    codes = scenario.changed_regions(base)
    if not codes:
        return t("scenario_no_regions", lang)
    return ", ".join(f"{base.region(code).name} ({code})" for code in codes)


def render_banner(scenario: Scenario, base: PolicyVersion, lang: Lang) -> None:
    """The banner at the top of the page while a scenario is on."""
    st.warning(
        t(
            "scenario_banner",
            lang,
            title=markdown(scenario.title),
            base=markdown(base.label(lang)),
            regions=changed_names(scenario, base, lang),
        ),
        icon="⚠️",
    )


def legend_note(scenario: Scenario, base: PolicyVersion, lang: Lang) -> str:
    return t(
        "scenario_legend_note",
        lang,
        title=markdown(scenario.title),
        regions=changed_names(scenario, base, lang),
    )


def render_outcome_marking(scenario: Scenario, base: PolicyVersion, lang: Lang, code: str) -> None:
    """Above the outcome: the decision is made under the scenario (and whether its region is
    one the scenario changes)."""
    text = t("scenario_outcome_note", lang, title=markdown(scenario.title))
    if code in scenario.changed_regions(base):
        text += " " + t("scenario_outcome_region", lang)
    st.warning(text, icon="⚠️")


def render_details_marking(scenario: Scenario, base: PolicyVersion, lang: Lang, code: str) -> None:
    """In the region details: the base's values and the rationale, for a changed region."""
    if code not in scenario.changed_regions(base):
        return
    region = base.region(code)
    change = next(c for c in scenario.changes if c.code == code)
    st.warning(
        t(
            "scenario_details_note",
            lang,
            base=markdown(base.label(lang)),
            gradation=gradation_label(region.gradation, lang),
            ipa=ipa_word(region.ipa_applies, lang),
            rationale=markdown(change.rationale),
        ),
        icon="⚠️",
    )


def ipa_word(value: bool | None, lang: Lang) -> str:
    return phrases.ipa_value(value, lang)


# --- editing (callbacks) -----------------------------------------------------------------------


def _say(kind: str, text: str) -> None:
    st.session_state[MESSAGE_KEY] = (kind, text)


@safe_callback
def _start(base: PolicyVersion, stem: str, lang: Lang) -> None:
    title = str(st.session_state.get(NEW_TITLE_KEY) or t("scenario_default_title", lang))
    data = {"scenario": 1, "base": base.id, "title": title, "changes": []}
    try:
        scenario = scenario_from_data(data, "scenario")
    except ScenarioError as error:
        _say("error", t("scenario_not_loaded", lang, message=markdown(error.message(lang))))
        return
    state.put_scenario(scenario, stem)


@safe_callback
def _uploaded(stem_of: Callable[[str], str | None], lang: Lang) -> None:
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is None:
        return
    name = upload.name or "scenario.json"
    try:
        # Read one byte past the limit: enough to say the file is too large.
        raw = upload.read(MAX_BYTES + 1)
        scenario = load_scenario(raw, name)
        stem = stem_of(scenario.base)
        if stem is None:
            raise ScenarioError(
                f"{name}: base: {scenario.base} is not a version of this page"
            ).keyed("errors.scenario.unknown_base", file=name, value=scenario.base)
    except ScenarioError as error:
        _say("error", t("scenario_not_loaded", lang, message=markdown(error.message(lang))))
        return
    state.put_scenario(scenario, stem)
    _say("success", t("scenario_loaded", lang, title=markdown(scenario.title)))


@safe_callback
def _apply_change(base: PolicyVersion, lang: Lang) -> None:
    current = state.current()
    scenario = current.scenario
    if scenario is None:
        return
    region = str(st.session_state.get(REGION_KEY) or "")
    gradation = st.session_state.get(GRADATION_KEY, KEEP)
    ipa = st.session_state.get(IPA_KEY, KEEP)
    rationale = str(st.session_state.get(RATIONALE_KEY) or "")
    try:
        changed = scenario.with_change(
            region,
            rationale,
            gradation=None if gradation == KEEP else gradation,
            ipa_applies=None if ipa == KEEP else ipa == "yes",
        )
    except ScenarioError as error:
        message = markdown(_without_name(error, lang))
        _say("error", t("scenario_change_rejected", lang, message=message))
        return
    state.put_scenario(changed, current.version)
    st.session_state[RATIONALE_KEY] = ""
    # The region by its name (a user reads "Ménaka", not the code ML-9).
    _say("success", t("scenario_change_applied", lang, region=markdown(base.region(region).name)))


@safe_callback
def _remove_change() -> None:
    current = state.current()
    code = st.session_state.get(REMOVE_KEY)
    if current.scenario is None or not code:
        return
    state.put_scenario(current.scenario.without_change(code), current.version)


@safe_callback
def _set_title(lang: Lang) -> None:
    current = state.current()
    if current.scenario is None:
        return
    data = {**current.scenario.to_data(), "title": st.session_state.get(TITLE_KEY, "")}
    try:
        scenario = scenario_from_data(data, "scenario")
    except ScenarioError as error:
        message = markdown(_without_name(error, lang))
        _say("error", t("scenario_change_rejected", lang, message=message))
        return
    state.put_scenario(scenario, current.version)


@safe_callback
def _end(lang: Lang) -> None:
    state.put_scenario(None, state.current().version)
    _say("info", t("scenario_ended", lang))


def _without_name(error: ScenarioError, lang: Lang) -> str:
    """The message in `lang` without the leading "scenario: " the editor's own data is named
    by (it is no file)."""
    if error.key is not None:
        return error.message(lang, file=False)
    return str(error).removeprefix("scenario: ")


# --- the editor ----------------------------------------------------------------------------------


def render_scenario_editor(
    versions: Mapping[str, PolicyVersion],
    stem: str,
    scenario: Scenario | None,
    lang: Lang,
    stem_of: Callable[[str], str | None],
    version_name: Callable[[str], str],
) -> None:
    """The what-if area: the scenario editor, then the draft decree (`ui.draft_view`)."""
    _render_editor(versions, stem, scenario, lang, stem_of, version_name)
    render_draft(versions[stem], lang, version_name(stem))


def _render_editor(
    versions: Mapping[str, PolicyVersion],
    stem: str,
    scenario: Scenario | None,
    lang: Lang,
    stem_of: Callable[[str], str | None],
    version_name: Callable[[str], str],
) -> None:
    """The editor: start or load a scenario; add, change and remove changes; title; download;
    end. `version_name(stem)` is the version's name in `lang`."""
    st.caption(t("scenario_intro", lang))
    message = st.session_state.pop(MESSAGE_KEY, None)
    if message is not None:
        kind, text = message
        {"error": st.error, "success": st.success, "info": st.info}[kind](text)
    base = versions[stem]
    if scenario is None:
        st.text_input(
            t("scenario_title", lang),
            value=t("scenario_default_title", lang),
            key=NEW_TITLE_KEY,
            max_chars=MAX_TITLE,
        )
        st.button(
            t("scenario_start", lang, version=version_name(stem)),
            on_click=_start,
            args=(base, stem, lang),
            key="whatif_start",
        )
    st.file_uploader(
        t("scenario_upload", lang),
        type=["json"],
        key=UPLOAD_KEY,
        on_change=_uploaded,
        args=(stem_of, lang),
        help=t("scenario_upload_help", lang, limit=MAX_BYTES // 1024),
    )
    if scenario is None:
        return
    _render_changes(scenario, base, lang)
    _render_change_form(scenario, base, lang)
    state.show_in_widget(TITLE_KEY, scenario.title)
    st.text_input(
        t("scenario_title", lang),
        key=TITLE_KEY,
        max_chars=MAX_TITLE,
        on_change=_set_title,
        args=(lang,),
    )
    download, end = st.columns(2)
    download.download_button(
        t("scenario_download", lang),
        scenario.to_json().encode("utf-8"),
        file_name="scenario.json",
        mime="application/json",
        key="whatif_download",
        on_click="ignore",
    )
    end.button(t("scenario_end", lang), on_click=_end, args=(lang,), key="whatif_end")
    try:
        scenario.to_link()
        st.caption(t("scenario_link_ok", lang))
    except ScenarioError:
        st.caption(t("scenario_link_too_long", lang))


def _render_changes(scenario: Scenario, base: PolicyVersion, lang: Lang) -> None:
    st.markdown(f"**{t('scenario_changes_heading', lang)}**")
    if not scenario.changes:
        st.caption(t("scenario_no_changes", lang))
        return
    applied = scenario.apply(base)
    rows = []
    for change in scenario.changes:
        old, new = base.region(change.code), applied.region(change.code)
        rows.append(
            {
                t("col_region", lang): f"{old.name} ({change.code})",
                t("scenario_gradation", lang): f"{gradation_label(old.gradation, lang)} → "
                f"{gradation_label(new.gradation, lang)}",
                t("scenario_ipa", lang): f"{ipa_word(old.ipa_applies, lang)} → "
                f"{ipa_word(new.ipa_applies, lang)}",
                t("col_rationale", lang): change.rationale,
            }
        )
    st.dataframe(rows, hide_index=True, width="stretch")
    names = {c.code: f"{base.region(c.code).name} ({c.code})" for c in scenario.changes}
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    left.selectbox(
        t("scenario_remove_region", lang),
        list(names),
        format_func=names.__getitem__,
        key=REMOVE_KEY,
    )
    right.button(t("scenario_remove", lang), on_click=_remove_change, key="whatif_remove")


def _render_change_form(scenario: Scenario, base: PolicyVersion, lang: Lang) -> None:
    with st.container(border=True):
        st.markdown(f"**{t('scenario_change_heading', lang)}**")
        names = {region.code: f"{region.name} ({region.code})" for region in base.regions}
        st.selectbox(
            t("scenario_region", lang), list(names), format_func=names.__getitem__, key=REGION_KEY
        )
        gradations = [KEEP, *(g.value for g in Gradation)]
        st.selectbox(
            t("scenario_gradation", lang),
            gradations,
            format_func=lambda g: (
                t("scenario_keep", lang) if g == KEEP else gradation_label(g, lang)
            ),
            key=GRADATION_KEY,
        )
        ipa_options = {
            KEEP: t("scenario_keep", lang),
            "yes": phrases.ipa_value(True, lang),
            "no": phrases.ipa_value(False, lang),
        }
        st.selectbox(
            t("scenario_ipa", lang),
            list(ipa_options),
            format_func=ipa_options.__getitem__,
            key=IPA_KEY,
        )
        st.text_area(t("scenario_rationale", lang), key=RATIONALE_KEY, max_chars=MAX_RATIONALE)
        st.button(
            t("scenario_apply", lang),
            on_click=_apply_change,
            args=(base, lang),
            key="whatif_apply",
        )
