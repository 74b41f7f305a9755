"""The page without a browser (Streamlit's AppTest): state, link, form, outcome, errors.

Every test starts its own app (no state shared between tests), so a test's result cannot
depend on the order the tests run in. AppTest cannot see inside the map component; a map click
is given to the page the way the component gives it: as the component's value in the session
(`click_on_map`), which the page reads at the top of its next run.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import streamlit as st
from full_page import fresh_app, full_page_app, run
from streamlit.testing.v1 import AppTest

import geodata
from policy import (
    Case,
    IndividualElements,
    data_files,
    evaluate,
    flag_label,
    load_version,
    versions_io,
)
from ui.assets import leaflet_url
from ui.map_view import render_parts
from ui.outcome import decision_json, memo_text
from ui.state import STATE_KEY, PageState, case_of
from ui.texts import t
from wording.escape import markdown as escape_markdown

ROOT = Path(__file__).resolve().parents[2]

# (region, persecution, individual harm, individual elements, IPA obstacles, 1F indications)
CASES = [
    ("ML-9", False, False, "none", False, False),
    ("ML-9", False, False, "limited", True, False),
    ("ML-2", False, False, "substantial", False, True),
    ("ML-BKO", False, False, "substantial", False, False),
    ("ML-1", True, False, "none", False, False),
    ("ML-6", False, True, "none", False, True),
    ("ML-10", False, False, "substantial", False, False),
]


def main_text(app: AppTest) -> str:
    """All text the page shows outside the sidebar and inside it: markdown, captions, alerts."""
    parts = [e.value for e in app.markdown] + [e.value for e in app.caption]
    for kind in ("success", "warning", "error", "info"):
        parts += [e.value for e in getattr(app, kind)]
    return "\n".join(str(p) for p in parts)


def headline_box(app: AppTest) -> tuple[str, str]:
    """(kind, text) of the outcome headline box in the main area."""
    for kind in ("success", "warning", "info", "error"):
        for element in getattr(app.main, kind):
            if str(element.value).startswith("**"):
                return kind, str(element.value)
    raise AssertionError("no outcome headline")


def page_state(app: AppTest) -> PageState:
    return app.session_state[STATE_KEY]


def click_on_map(app: AppTest, code: str) -> AppTest:
    """What the map component sends after a click on `code`'s shape: its value, with a click
    counter that grows with every click."""
    version = load_version(page_state(app).version)
    key = render_parts(version, leaflet_url(), False).component_key
    previous = app.session_state[key] if key in app.session_state else {}
    count = (previous or {}).get("last_object_clicked_count") or 0
    app.session_state[key] = {
        "last_object_clicked_count": count + 1,
        "last_active_drawing": {"type": "Feature", "properties": {"code": code}},
    }
    return run(app)


def memo_and_json(app: AppTest, lang: str = "nl") -> tuple[str, dict]:
    """The memo and JSON the page's download buttons give for the case it shows."""
    current = page_state(app)
    case = case_of(current)
    assert case is not None
    decision = evaluate(case, load_version(current.version))
    return memo_text(decision, lang), decision_json(decision, current.named)


def search(app: AppTest, query: str) -> list[str]:
    """Type `query` in the search box and press Enter; the labels of the results offered (none
    when the name was one exact match, which Enter applies at once)."""
    app.text_input(key="place_query").input(query)
    run(app)
    if "place_choice" not in app.session_state or not app.text_input(key="place_query").value:
        return []
    return list(app.selectbox(key="place_choice").options)


def use_result(app: AppTest, index: int = 0) -> AppTest:
    """Choose the `index`th result (a new choice in the list applies it); a result already
    chosen is applied with the button."""
    choice = app.selectbox(key="place_choice")
    if choice.index == index:
        lang = page_state(app).lang
        next(b for b in app.button if b.label == t("form_place_use", lang)).click()
    else:
        choice.select_index(index)
    return run(app)


def shown_regions(app: AppTest) -> tuple[str | None, str | None, str | None]:
    """The region in the state, the form's list and the details list."""
    return (
        page_state(app).region,
        app.selectbox(key="form_region").value,
        app.selectbox(key="details_region").value,
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
@pytest.mark.parametrize("case", CASES, ids=["-".join(map(str, c)) for c in CASES])
def test_form_shows_the_same_decision_as_policy_evaluate(case: tuple, lang: str) -> None:
    region, persecution, harm, elements, obstacles, exclusion = case
    app = fresh_app(lang=lang)
    app.selectbox(key="form_region").set_value(region)
    app.checkbox(key="form_persecution").set_value(persecution)
    app.checkbox(key="form_individual_harm").set_value(harm)
    app.radio(key="form_elements").set_value(elements)
    app.checkbox(key="form_ipa_obstacles").set_value(obstacles)
    app.checkbox(key="form_exclusion").set_value(exclusion)
    run(app)

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
    kind, text = headline_box(app)
    label = escape_markdown(expected.headline(lang))
    assert text == f"**{t('outcome_heading', lang)}:** {label}"
    if kind == "success":
        assert "rests_on_reading" not in expected.flags
        assert "exclusion_review" not in expected.flags
    markdown = [m.value for m in app.main.markdown]
    heading = f"**{t('outcome_flags', lang)}**"
    if expected.flags:
        shown_flags = markdown[markdown.index(heading) + 1]
        assert shown_flags == "\n".join(f"- {flag_label(flag, lang)}" for flag in expected.flags)
    else:
        assert heading not in markdown
    # Every step, in order, with its conclusion, citation and Dutch source text; no extra step.
    numbered = [m for m in markdown if m[:1].isdigit()]
    assert len(numbered) == len(expected.steps)
    for number, (shown, step) in enumerate(zip(numbered, expected.steps, strict=True), start=1):
        conclusion = step.conclusion_nl if lang == "nl" else step.conclusion_en
        assert shown.startswith(f"{number}. {conclusion}")
        assert f"`{step.citation}`" in shown
    disclaimer = expected.disclaimer_nl if lang == "nl" else expected.disclaimer_en
    assert disclaimer in main_text(app)


def test_place_then_list_then_map_click_then_memo_facts() -> None:
    """The issue's sequence: a name lookup, a choice from the list, a map click; every view and
    the memo follow the last choice, and the name given is kept only while it holds."""
    app = fresh_app()
    results = search(app, "Anderamboukane")
    assert results and all("Anderamboukane" in label for label in results[:1])
    use_result(app, 0)
    assert shown_regions(app) == ("ML-9", "ML-9", "ML-9")
    memo, data = memo_and_json(app)
    assert re.search(r"Anderamboukane \(plaats, cercle [^)]+\)", memo), memo
    assert data["origin"]["text"] == "Anderamboukane" and data["origin"]["kind"] == "place"
    assert data["origin"]["region_code"] == "ML-9" and data["origin"]["cercle_name"]
    assert data["named"]["kind"] in ("village", "town")
    assert data["named"]["region"]["code"] == "ML-9"
    assert data["boundary_data"] == geodata.ATTRIBUTION and data["date"]

    app.selectbox(key="form_region").set_value("ML-1")
    run(app)
    assert shown_regions(app) == ("ML-1", "ML-1", "ML-1")
    assert page_state(app).named is None

    app.checkbox(key="form_persecution").check()
    run(app)
    click_on_map(app, "ML-7")
    assert shown_regions(app) == ("ML-7", "ML-7", "ML-7")
    memo, data = memo_and_json(app)
    assert "Anderamboukane" not in memo
    assert data["origin"] is None and data["named"] is None
    assert data["facts"]["region"] == "ML-7" and data["facts"]["persecution"] is True
    # The same click counted once: a rerun does not undo a later choice from the list.
    app.selectbox(key="details_region").set_value("ML-3")
    run(app)
    assert shown_regions(app) == ("ML-3", "ML-3", "ML-3")


def test_a_list_choice_after_a_2023_name_clears_it() -> None:
    app = fresh_app()
    results = search(app, "Bandiagara")
    use_result(app, next(i for i, label in enumerate(results) if label.startswith("Regio ")))
    assert shown_regions(app) == ("ML-5", "ML-5", "ML-5")
    memo, data = memo_and_json(app)
    assert flag_label("region_mapped", "nl") in memo
    assert data["region"]["mapped_from"] == "Bandiagara"
    assert data["origin"]["kind"] == "region" and data["origin"]["text"] == "Bandiagara"
    assert data["named"]["kind"] == "region_2023"

    app.selectbox(key="form_region").set_value("ML-1")
    run(app)
    app.selectbox(key="details_region").set_value("ML-5")
    run(app)
    memo, data = memo_and_json(app)
    assert "Bandiagara" not in memo
    assert "region_mapped" not in data["flags"]
    assert data["region"]["mapped_from"] is None


def test_each_search_offers_its_own_results() -> None:
    app = fresh_app()
    first = search(app, "Douentza")
    assert first[0].startswith("Douentza") and page_state(app).region is None
    second = search(app, "Anderamboukane")
    assert second != first and all("Anderamboukane" in label for label in second)
    use_result(app, 1)
    assert shown_regions(app) == ("ML-9", "ML-9", "ML-9")
    # A region's own name is used at once: Enter is the one step.
    assert search(app, "Bamako") == []
    assert shown_regions(app) == ("ML-BKO", "ML-BKO", "ML-BKO")
    assert search(app, "Kidal") == []
    assert shown_regions(app) == ("ML-8", "ML-8", "ML-8")


def test_a_changed_query_is_not_applied_to_the_old_results() -> None:
    """Typing a new name and pressing the button at once never uses a result not shown."""
    app = fresh_app()
    search(app, "Douentza")
    app.text_input(key="place_query").input("Bandiagara")
    next(b for b in app.button if b.label == t("form_place_use", "nl")).click()
    run(app)
    assert page_state(app).region is None
    assert any("Bandiagara" in label for label in app.selectbox(key="place_choice").options)


def test_bougouni_is_explained_not_mapped() -> None:
    app = fresh_app(lang="en")
    results = search(app, "Bougouni")
    notes = [i.value for i in app.sidebar.info]
    assert any("Bougouni" in n and "Sikasso" in n and "Koulikoro" in n for n in notes), notes
    assert not any(label.startswith("Region ") for label in results)
    assert page_state(app).region is None


def test_unknown_and_long_queries_give_short_messages() -> None:
    app = fresh_app()
    app.text_input(key="place_query").input("Xqzwvbnm")
    run(app)
    assert any("Xqzwvbnm" in w.value for w in app.sidebar.warning)
    long_query = "Q" * 99
    app.text_input(key="place_query").input(long_query)
    run(app)
    warnings = [w.value for w in app.sidebar.warning]
    assert warnings and all(long_query not in w and "…" in w for w in warnings), warnings


def test_link_to_state_to_link_round_trip() -> None:
    app = fresh_app(
        lang="en",
        version="c7-23-before-wbv-2025-11",
        region="ML-9",
        individual_elements="limited",
        ipa_obstacles="1",
    )
    current = page_state(app)
    assert current.lang == "en" and current.version == "c7-23-before-wbv-2025-11"
    assert current.region == "ML-9"
    assert current.facts.individual_elements == "limited" and current.facts.ipa_obstacles
    assert app.title[0].value == t("page_title", "en")
    assert app.radio(key="form_elements").value == "limited"
    assert app.checkbox(key="form_ipa_obstacles").value is True
    link = {k: app.query_params[k] for k in app.query_params}
    assert link == {
        "lang": "en",
        "version": "c7-23-before-wbv-2025-11",
        "region": "ML-9",
        "individual_elements": "limited",
        "ipa_obstacles": "1",
    }
    # The same link in a new session gives the same state.
    assert page_state(fresh_app(**link)) == current


def test_a_named_place_survives_the_link() -> None:
    app = fresh_app()
    search(app, "Anderamboukane")
    use_result(app, 0)
    link = {k: app.query_params[k] for k in app.query_params}
    assert link["named"] == "Anderamboukane" and link["place"]
    again = fresh_app(**link)
    assert page_state(again) == page_state(app)
    assert memo_and_json(again)[1]["origin"] == memo_and_json(app)[1]["origin"]


@pytest.mark.parametrize(
    "name,value",
    [
        ("region", "<script>alert(1)</script>"),
        ("lang", "xx"),
        ("version", "../../etc/passwd"),
        ("persecution", "maybe"),
        ("individual_elements", "[x](javascript:alert(1))"),
        ("named", "Xqzwvbnm"),
        ("region", "A" * 5000),
    ],
)
def test_a_hostile_link_value_is_ignored_with_a_notice(name: str, value: str) -> None:
    app = fresh_app(**{name: value})
    assert not app.error
    notices = [i.value for i in app.main.info if i.value != t("hint_choose_region", "nl")]
    assert len(notices) == 1, notices
    assert escape_markdown(name) in notices[0] or name == "named", notices
    assert all(value not in n for n in notices if len(value) > 40)
    assert "<script>" not in "".join(notices)
    current = page_state(app)
    assert current.region is None and current.lang in ("nl", "en")


def test_new_case_resets_the_facts_and_keeps_language_and_version() -> None:
    app = fresh_app(lang="en", region="ML-2", persecution="1")
    next(b for b in app.button if b.label == t("new_case", "en")).click()
    run(app)
    current = page_state(app)
    assert current.region is None and current.facts == type(current.facts)()
    assert current.lang == "en"
    assert t("hint_choose_region", "en") in [i.value for i in app.main.info]
    assert app.checkbox(key="form_persecution").value is False


def test_language_switch_changes_the_labels_and_keeps_the_case() -> None:
    app = fresh_app(region="ML-9")
    app.radio(key="lang").set_value("en")
    run(app)
    assert app.title[0].value == t("page_title", "en")
    assert app.selectbox(key="form_region").label == t("form_region", "en")
    assert page_state(app).region == "ML-9"
    assert app.query_params["lang"] == "en"


def test_region_overview_lists_every_unit() -> None:
    app = fresh_app()
    app.toggle(key="show_overview").set_value(True)
    run(app)
    table = next(m.value for m in app.main.markdown if m.value.startswith("| "))
    rows = table.splitlines()[2:]
    assert len(rows) == len(load_version(None).regions)
    for region in load_version(None).regions:
        start = f"| {escape_markdown(region.code)} | {region.name} |"
        assert any(row.startswith(start) for row in rows)
    # The CSV is spreadsheet-safe: a text cell never starts a formula.
    from ui.overview import overview_csv, overview_frame

    frame = overview_frame(load_version(None), "nl", set())
    frame.iloc[0, 1] = "=HYPERLINK(1)"
    assert "'=HYPERLINK(1)" in overview_csv(frame).decode("utf-8-sig")


def test_the_address_always_names_language_and_version() -> None:
    app = fresh_app()
    assert dict(app.query_params) == {"lang": "nl", "version": "wbv-2025-11"}


def test_an_address_changed_by_back_or_forward_becomes_the_page() -> None:
    """The browser's Back gives the page an address this session did not write last: the page
    then shows what that address names, as a reload of it would."""
    app = fresh_app()
    app.selectbox(key="form_region").set_value("ML-8")
    run(app)
    first = dict(app.query_params)
    assert first["region"] == "ML-8"
    app.selectbox(key="form_region").set_value("ML-9")
    run(app)
    assert dict(app.query_params)["region"] == "ML-9"
    # What Back does: the address of the earlier entry, then a run.
    app.query_params.clear()
    for name, value in first.items():
        app.query_params[name] = value
    run(app)
    assert shown_regions(app) == ("ML-8", "ML-8", "ML-8")
    assert dict(app.query_params) == first


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
        app = full_page_app(60)
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


def test_config_hides_error_details_and_listens_on_loopback() -> None:
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["client"]["showErrorDetails"] == "none"
    assert config["server"]["address"] == "localhost"


def test_json_of_the_page_is_valid() -> None:
    app = fresh_app(region="ML-5")
    _, data = memo_and_json(app)
    json.dumps(data)


def test_region_details_show_the_reasons_with_their_paragraphs_and_the_note() -> None:
    """Gao: the toelichting's reason for its level, the letter's findings, the general findings
    (who commits the violence), each with its paragraph, and the note on the dates."""
    app = fresh_app(lang="en")
    app.selectbox(key="details_region").set_value("ML-7")
    run(app)
    text = "\n".join(str(e.value) for e in [*app.main.markdown, *app.main.caption])
    version = load_version()
    reasons = version.reasons_for("ML-7")
    assert reasons.region and reasons.general
    for reason in reasons.all:
        assert reason.text_nl in text and reason.summary_en in text
    assert "toelichting WBV 2025/11, onder A" in text
    assert t("details_general_reasons", "en") in text
    assert version.notes[0].note_en in text


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_the_map_carries_the_boundary_disclaimer_in_the_page_language(lang: str) -> None:
    """The cartographic convention of OCHA and EUAA map products, as on the briefing maps."""
    from wording import t as wt

    app = fresh_app(lang=lang)
    captions = [caption.value for caption in app.caption]
    assert any(wt("map.disclaimer.boundaries", lang) in caption for caption in captions)
