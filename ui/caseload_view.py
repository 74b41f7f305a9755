"""The caseload view: a CSV of cases evaluated under two policies (the base and the scenario, or
two versions), with the counts per outcome and per region, the cases whose outcome changes, a
chart of the change and a spreadsheet-safe download.

Why here and not in a cache: the uploaded cases are the user's; they are kept in this session
only (`st.session_state`), read once when the file arrives (`policy.case_csv.read_cases`, which
names the line and column of any problem) and evaluated by the vectorised batch
(`policy.caseload.compare`). A bad file shows one line naming the line and column, no result.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Final

import altair as alt
import pandas as pd
import streamlit as st

import wording
from policy import PolicyError, PolicyVersion, outcome_label
from policy.batch import FACT_COLUMNS
from policy.case_csv import MAX_UPLOAD_BYTES, read_cases
from policy.caseload import CaseloadComparison, compare
from policy.scenario import Scenario
from ui.errors import safe_callback
from ui.texts import Lang, t
from wording import t as wt
from wording.escape import csv_frame, markdown

EXAMPLE_NAME: Final = "synthetic-caseload.csv"
UPLOAD_KEY: Final = "caseload_upload"
CASES_KEY: Final = "caseload_cases"
ERROR_KEY: Final = "caseload_error"
RESULT_KEY: Final = "caseload_result"
OTHER_KEY: Final = "caseload_other"
SCENARIO_CHOICE: Final = "__scenario__"
LIMIT_MB: Final = MAX_UPLOAD_BYTES // (1024 * 1024)


@dataclass(frozen=True)
class LoadedCases:
    """The cases of one file; `token` tells one loaded file from the next."""

    name: str
    raw: bytes
    token: int


def example_bytes() -> bytes:
    return resources.files("policy").joinpath("examples", EXAMPLE_NAME).read_bytes()


def _load(name: str, raw: bytes, lang: Lang) -> None:
    st.session_state.pop(ERROR_KEY, None)
    if len(raw) > MAX_UPLOAD_BYTES:
        st.session_state[ERROR_KEY] = wt(
            "page_use.caseload.too_large",
            lang,
            name=markdown(name),
            size=f"{len(raw) / (1024 * 1024):.1f}",
            limit=LIMIT_MB,
        )
        return
    token = st.session_state.get(CASES_KEY, LoadedCases("", b"", 0)).token + 1
    st.session_state[CASES_KEY] = LoadedCases(name, raw, token)
    st.session_state.pop(RESULT_KEY, None)


@safe_callback
def _uploaded(lang: Lang) -> None:
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is not None:
        _load(upload.name or "cases.csv", upload.getvalue(), lang)


@safe_callback
def _use_example(lang: Lang) -> None:
    _load(EXAMPLE_NAME, example_bytes(), lang)


def comparison(
    cases: LoadedCases, base: PolicyVersion, other: PolicyVersion, other_key: str
) -> CaseloadComparison:
    """The comparison of the session's cases, kept while cases and policies stay the same."""
    key = (cases.token, base.id, base.modified, other_key)
    kept = st.session_state.get(RESULT_KEY)
    if kept is not None and kept[0] == key:
        return kept[1]
    frame = read_cases(cases.raw, cases.name, max_bytes=MAX_UPLOAD_BYTES, version=base)
    result = compare(frame, base, other, source=cases.name)
    st.session_state[RESULT_KEY] = (key, result)
    return result


def results_csv(result: CaseloadComparison, lang: Lang) -> bytes:
    """The counts per region and outcome and the changed cases, spreadsheet-safe."""
    counts = result.counts.assign(section="counts")
    changed = result.changed.assign(section="changed_case")
    frame = pd.concat([counts, changed], ignore_index=True, sort=False)
    frame = frame[["section", *[c for c in frame.columns if c != "section"]]]
    return (
        csv_frame(frame.astype(object).where(frame.notna(), ""))
        .to_csv(index=False)
        .encode("utf-8")
    )


def render_caseload(
    base_stem: str,
    versions: Mapping[str, PolicyVersion],
    scenario: Scenario | None,
    shown: PolicyVersion,
    lang: Lang,
    version_name: Callable[[str], str],
) -> None:
    """The view. `shown` is the version on screen (the scenario applied, when one is on)."""
    base = versions[base_stem]
    options = [s for s in versions if s != base_stem]
    if scenario is not None:
        options.insert(0, SCENARIO_CHOICE)

    def name_of(choice: str) -> str:
        if choice == SCENARIO_CHOICE:
            return f"{t('caseload_other_scenario', lang)}: {scenario.title if scenario else ''}"
        return version_name(choice)

    if st.session_state.get(OTHER_KEY) not in options:
        st.session_state.pop(OTHER_KEY, None)
    other_choice = st.selectbox(
        t("caseload_other", lang), options, format_func=name_of, key=OTHER_KEY
    )
    if other_choice is None:
        st.info(t("caseload_no_other", lang))
        return
    other = shown if other_choice == SCENARIO_CHOICE else versions[other_choice]
    other_key = scenario.to_json() if other_choice == SCENARIO_CHOICE and scenario else other_choice
    name_a, name_b = version_name(base_stem), name_of(other_choice)
    st.caption(t("caseload_intro", lang, a=markdown(name_a), b=markdown(name_b)))
    st.caption(
        t(
            "caseload_columns",
            lang,
            columns=", ".join(f"`{c}`" for c in FACT_COLUMNS),
            limit=LIMIT_MB,
        )
    )
    st.file_uploader(
        t("caseload_upload", lang),
        type=["csv", "txt"],
        key=UPLOAD_KEY,
        on_change=_uploaded,
        args=(lang,),
    )
    left, right = st.columns(2)
    left.button(t("caseload_example", lang), on_click=_use_example, args=(lang,))
    right.download_button(
        t("caseload_example_download", lang),
        example_bytes(),
        file_name=EXAMPLE_NAME,
        mime="text/csv",
        on_click="ignore",
    )
    error = st.session_state.get(ERROR_KEY)
    if error:
        st.error(error)
    cases = st.session_state.get(CASES_KEY)
    if cases is None:
        return
    try:
        result = comparison(cases, base, other, other_key)
    except PolicyError as problem:
        st.error(t("caseload_error", lang, message=markdown(problem.message(lang))))
        return
    _render_result(result, lang, name_a, name_b)


def _render_result(result: CaseloadComparison, lang: Lang, name_a: str, name_b: str) -> None:
    st.markdown(
        t(
            "caseload_changed",
            lang,
            changed=result.changed_count,
            total=result.total,
            a=markdown(name_a),
            b=markdown(name_b),
        )
    )
    st.markdown(
        wording.t(
            "caseload.undetermined_apart",
            lang,
            became=result.became_undetermined_count,
            no_longer=result.no_longer_undetermined_count,
        )
    )
    totals = result.outcome_totals()
    totals["label"] = [outcome_label(o, lang) for o in totals["outcome"]]
    st.markdown(f"**{t('caseload_outcomes', lang)}**")
    # A static table wraps the long outcome names, so nothing is cut off at 1366 pixels.
    st.table(
        totals[["label", "base", "other", "difference"]]
        .rename(
            columns={
                "label": t("col_outcome", lang),
                "base": name_a,
                "other": name_b,
                "difference": t("col_difference", lang),
            }
        )
        .set_index(t("col_outcome", lang))
    )
    st.markdown(f"**{t('caseload_chart', lang, a=markdown(name_a), b=markdown(name_b))}**")
    st.altair_chart(_difference_chart(totals, t("col_difference", lang)), width="stretch")
    st.markdown(f"**{t('caseload_regions', lang)}**")
    counts = result.counts.assign(
        outcome=[outcome_label(o, lang) for o in result.counts["outcome"]]
    )
    st.dataframe(
        counts.rename(
            columns={
                "region_code": t("col_code", lang),
                "region_name": t("col_region", lang),
                "outcome": t("col_outcome", lang),
                "base": name_a,
                "other": name_b,
                "difference": t("col_difference", lang),
            }
        ),
        hide_index=True,
        width="stretch",
    )
    st.markdown(f"**{t('caseload_changed_cases', lang)}**")
    # The outcomes in words, not codes.
    changed = result.changed.assign(
        **{
            column: [outcome_label(o, lang) for o in result.changed[column]]
            for column in ("outcome_from", "outcome_to")
            if column in result.changed
        }
    )
    st.dataframe(changed, hide_index=True, width="stretch")
    st.download_button(
        t("caseload_download", lang),
        data=lambda: results_csv(result, lang),
        file_name="caseload-comparison.csv",
        mime="text/csv",
        on_click="ignore",
        key="caseload_download",
    )
    st.caption(t("caseload_download_note", lang))


def _difference_chart(totals: pd.DataFrame, axis_title: str) -> alt.Chart:
    """The change per outcome as horizontal bars, each outcome's name whole beside its bar
    (Streamlit's own bar chart cuts long labels to a few letters)."""
    data = totals[["label", "difference"]]
    return (
        alt.Chart(data)
        .mark_bar(color="#1d4fa3")
        .encode(
            y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=0)),
            x=alt.X("difference:Q", title=axis_title),
            tooltip=["label", "difference"],
        )
    )
