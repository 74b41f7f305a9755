"""The page without a browser (Streamlit's AppTest): the form, the language switch, the errors.

AppTest cannot see inside the map component (it is an unknown element here); the map is tested
in a real browser in test_dashboard_browser.py.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from policy import (
    Case,
    IndividualElements,
    data_files,
    evaluate,
    flag_label,
    load_version,
    outcome_label,
    versions_io,
)
from ui.texts import TEXTS, t

DASHBOARD = str(Path(__file__).resolve().parents[2] / "dashboard.py")

# (region, persecution, individual harm, individual elements, IPA obstacles, 1F indications)
CASES = [
    ("ML-9", False, False, "none", False, False),
    ("ML-9", False, False, "limited", False, False),
    ("ML-9", False, False, "limited", True, False),
    ("ML-5", False, False, "none", False, False),
    ("ML-2", False, False, "limited", False, False),
    ("ML-2", False, False, "substantial", False, True),
    ("ML-BKO", False, False, "substantial", False, False),
    ("ML-1", True, False, "none", False, False),
    ("ML-6", False, True, "none", False, True),
    ("ML-10", False, False, "substantial", False, False),
]


@pytest.fixture(scope="module")
def app() -> AppTest:
    app = AppTest.from_file(DASHBOARD, default_timeout=60)
    app.run()
    assert not app.exception, app.exception
    return app


def shown_text(app: AppTest) -> str:
    """All text the sidebar shows: markdown, captions and alert boxes."""
    parts = [e.value for e in app.sidebar.markdown]
    parts += [e.value for e in app.sidebar.caption]
    for kind in ("success", "warning", "error", "info"):
        parts += [e.value for e in getattr(app.sidebar, kind)]
    return "\n".join(str(p) for p in parts)


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("case", CASES, ids=["-".join(map(str, c)) for c in CASES])
def test_form_shows_the_same_decision_as_policy_evaluate(
    app: AppTest, case: tuple, lang: str
) -> None:
    region, persecution, harm, elements, obstacles, exclusion = case
    app.radio(key="lang").set_value(lang)
    app.selectbox(key="form_region").set_value(region)
    app.checkbox(key="form_persecution").set_value(persecution)
    app.checkbox(key="form_individual_harm").set_value(harm)
    app.radio(key="form_elements").set_value(elements)
    app.checkbox(key="form_ipa_obstacles").set_value(obstacles)
    app.checkbox(key="form_exclusion").set_value(exclusion)
    app.run()
    assert not app.exception, app.exception

    expected = evaluate(
        Case(
            region=region,
            persecution=persecution,
            individual_harm=harm,
            individual_elements=IndividualElements(elements),
            ipa_obstacles=obstacles,
            exclusion_indications=exclusion,
        ),
        load_version(None),
    )
    text = shown_text(app)
    boxes = [
        e.value
        for kind in ("success", "warning", "error", "info")
        for e in getattr(app.sidebar, kind)
    ]
    # The box names the outcome and says it in one line (an indication; 1F; undetermined on what).
    label = outcome_label(expected.outcome, lang)
    assert f"**{label}**\n\n{expected.outcome_line(lang)}" in boxes
    markdown = [m.value for m in app.sidebar.markdown]
    heading = f"**{t('outcome_flags', lang)}**"
    if expected.flags:
        shown_flags = markdown[markdown.index(heading) + 1]
        assert shown_flags == "\n".join(f"- {flag_label(flag, lang)}" for flag in expected.flags)
    else:
        assert heading not in markdown
    # Every step, in order, with its conclusion, citation and Dutch source text; no extra step.
    numbered = [m.value for m in app.sidebar.markdown if m.value[:1].isdigit()]
    assert len(numbered) == len(expected.steps)
    for number, (shown, step) in enumerate(zip(numbered, expected.steps, strict=True), start=1):
        conclusion = step.conclusion_nl if lang == "nl" else step.conclusion_en
        assert shown.startswith(f"{number}. {conclusion}")
        assert f"`{step.citation}`" in shown
        assert step.source_text.splitlines()[0] in text
    disclaimer = expected.disclaimer_nl if lang == "nl" else expected.disclaimer_en
    assert disclaimer in text


def test_choosing_a_region_in_the_details_list_sets_the_form(app: AppTest) -> None:
    app.selectbox(key="details_region").set_value("ML-7").run()
    assert not app.exception
    assert app.selectbox(key="form_region").value == "ML-7"


def test_region_details_show_the_reasons_with_their_paragraphs_and_the_note(app: AppTest) -> None:
    """Gao: the toelichting's reason for its level, the letter's findings, the general findings
    (who commits the violence), each with its paragraph, and the note on the dates."""
    app.radio(key="lang").set_value("en")
    app.selectbox(key="details_region").set_value("ML-7").run()
    assert not app.exception
    text = "\n".join(str(e.value) for e in [*app.main.markdown, *app.main.caption])
    version = load_version()
    reasons = version.reasons_for("ML-7")
    assert reasons.region and reasons.general
    for reason in reasons.all:
        assert reason.text_nl in text and reason.summary_en in text
    assert "toelichting WBV 2025/11, onder A" in text
    assert t("details_general_reasons", "en") in text
    assert version.notes[0].note_en in text


def test_a_2023_region_name_sets_its_2016_region_and_the_decision_says_so(app: AppTest) -> None:
    app.radio(key="lang").set_value("nl")
    app.text_input(key="place_query").input("Bandiagara").run()
    app.button[0].click().run()
    assert not app.exception
    assert app.selectbox(key="form_region").value == "ML-5"
    assert flag_label("region_mapped", "nl") in shown_text(app)
    app.text_input(key="place_query").input("").run()


def test_language_switch_changes_the_labels(app: AppTest) -> None:
    app.radio(key="lang").set_value("en").run()
    assert not app.exception
    assert app.title[0].value == t("page_title", "en")
    assert app.selectbox(key="form_region").label == t("form_region", "en")
    assert app.checkbox(key="form_persecution").label == t("form_persecution", "en")
    app.radio(key="lang").set_value("nl").run()
    assert app.title[0].value == t("page_title", "nl")
    assert app.selectbox(key="form_region").label == t("form_region", "nl")


def test_unknown_place_gives_a_message_not_an_exception(app: AppTest) -> None:
    app.text_input(key="place_query").input("Xqzwvbnm").run()
    assert not app.exception
    warnings = [w.value for w in app.sidebar.warning]
    assert any("Xqzwvbnm" in w for w in warnings), warnings
    app.text_input(key="place_query").input("").run()


def test_place_lookup_sets_the_form_region(app: AppTest) -> None:
    app.text_input(key="place_query").input("Timbuktu").run()
    assert not app.exception
    app.button[0].click().run()
    assert app.selectbox(key="form_region").value == "ML-6"
    app.text_input(key="place_query").input("").run()


def test_a_place_in_the_taoudenit_area_sets_taoudenit_as_its_name_does(app: AppTest) -> None:
    """Araouane is drawn inside Tombouctou (2015) but lies in the area that now forms
    Taoudénit: the form answers it as Taoudénit, with both readings (region_scope_unclear)."""
    app.radio(key="lang").set_value("en")
    app.text_input(key="place_query").input("Araouane").run()
    assert not app.exception
    app.button[0].click().run()
    assert app.selectbox(key="form_region").value == "ML-10"
    assert flag_label("region_scope_unclear", "en") in shown_text(app)
    app.text_input(key="place_query").input("").run()


def test_every_text_has_both_languages() -> None:
    for key, texts in TEXTS.items():
        assert set(texts) == {"nl", "en"}, key
        assert all(value.strip() for value in texts.values()), key


def test_a_broken_policy_file_is_a_message_naming_file_and_field(tmp_path, monkeypatch) -> None:
    shutil.copytree(data_files.VERSIONS_DIR, tmp_path, dirs_exist_ok=True)
    broken = tmp_path / "wbv-2025-11.toml"
    broken.write_text(
        broken.read_text(encoding="utf-8").replace('"relatively_higher"', '"very_high"', 1),
        encoding="utf-8",
    )
    monkeypatch.setattr(versions_io, "VERSIONS_DIR", tmp_path)
    caches = (versions_io._shipped_files, versions_io._shipped_versions, versions_io._shipped_stems)
    for cached in caches:
        cached.cache_clear()
    st.cache_resource.clear()
    st.cache_data.clear()
    try:
        app = AppTest.from_file(DASHBOARD, default_timeout=60)
        app.run()
        assert not app.exception
        errors = [e.value for e in app.error]
        assert any("wbv-2025-11.toml" in e and "gradation" in e for e in errors), errors
    finally:
        monkeypatch.undo()
        for cached in caches:
            cached.cache_clear()
        st.cache_resource.clear()
        st.cache_data.clear()
