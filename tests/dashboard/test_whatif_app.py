"""What-if work on the page without a browser (Streamlit's AppTest): the scenario editor and
its marking, scenario files and links, session isolation, the caseload upload and the
comparison of two versions. Every test starts its own app.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from full_page import full_page_app
from streamlit.testing.v1 import AppTest

from policy import load_version
from policy.diff import diff_versions
from policy.scenario import load_scenario
from ui.state import STATE_KEY
from ui.texts import t

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE_SCENARIO = ROOT / "policy" / "examples" / "scenario-menaka-exceptional.json"
EXAMPLE_CASES = ROOT / "policy" / "examples" / "synthetic-caseload.csv"


def fresh_app(**query: str) -> AppTest:
    app = full_page_app(90, **query)
    app.run()
    assert not app.exception, app.exception
    return app


def open_tool(app: AppTest, tool: str) -> None:
    app.radio(key="tools_choice").set_value(tool).run()
    assert not app.exception, app.exception


def upload_scenario(app: AppTest, name: str, raw: bytes) -> None:
    app.file_uploader(key="whatif_upload").set_value((name, raw, "application/json")).run()
    assert not app.exception, app.exception


def scenario_of(app: AppTest):
    return app.session_state[STATE_KEY].scenario


def texts(elements) -> list[str]:
    """The elements' text as a reader sees it (the page escapes Markdown in what users give)."""
    return [re.sub(r"\\(.)", r"\1", str(element.value)) for element in elements]


def test_editor_builds_a_scenario_that_every_view_marks() -> None:
    app = fresh_app()
    open_tool(app, "scenario")
    app.text_input(key="whatif_new_title").set_value("Gao lager").run()
    app.button(key="whatif_start").click().run()
    assert scenario_of(app) is not None
    assert scenario_of(app).title == "Gao lager"
    # A change without a rationale is refused with a message naming the field; nothing changes.
    app.selectbox(key="whatif_region").set_value("ML-7")
    app.selectbox(key="whatif_gradation").set_value("relatively_lower")
    app.button(key="whatif_apply").click().run()
    assert scenario_of(app).changes == ()
    assert any("motivering: mag niet leeg zijn" in e for e in texts(app.error)), texts(app.error)
    # With a rationale the change applies: banner, form, legend and details all say so.
    app.text_area(key="whatif_rationale").set_value("Toets: wat als Gao lager is").run()
    app.button(key="whatif_apply").click().run()
    assert not app.exception, app.exception
    scenario = scenario_of(app)
    assert [c.code for c in scenario.changes] == ["ML-7"]
    warnings = texts(app.warning)
    assert any("Scenario, niet het recht" in w and "Gao (ML-7)" in w for w in warnings)
    assert any(t("scenario_form_note", "nl", title="Gao lager") in w for w in warnings)
    captions = texts(app.caption)
    assert any("Gao (ML-7)" in c and "niet het recht" in c for c in captions), captions
    # The scenario map's caption names its base by the version's name in the page's language.
    base_name = load_version().label("nl")
    assert any(c.startswith("Kaart van het scenario") and base_name in c for c in captions)
    # The decision form decides under the scenario: Gao is relatively lower there.
    app.selectbox(key="details_region").set_value("ML-7").run()
    warnings = texts(app.warning)
    assert any(t("scenario_outcome_region", "nl") in w for w in warnings), warnings
    assert any("wat als Gao lager is" in w for w in warnings)
    # Removing the change leaves a scenario with no changes; ending it restores the law.
    app.button(key="whatif_remove").click().run()
    assert scenario_of(app).changes == ()
    app.button(key="whatif_end").click().run()
    assert scenario_of(app) is None
    assert not any("Scenario, niet het recht" in w for w in texts(app.warning))


def test_scenario_file_round_trip_and_link() -> None:
    raw = EXAMPLE_SCENARIO.read_bytes()
    app = fresh_app()
    open_tool(app, "scenario")
    upload_scenario(app, EXAMPLE_SCENARIO.name, raw)
    scenario = scenario_of(app)
    assert scenario is not None
    # What the download button offers is the scenario's JSON: loading it gives it again.
    text = scenario.to_json()
    assert json.loads(text) == json.loads(raw)
    assert load_scenario(text, "again").to_json() == text
    assert scenario.changed_regions() == ("ML-9",)
    # The short scenario travels in the link, and a fresh session opened with it shows it.
    link = app.query_params["scenario"]
    link = link[-1] if isinstance(link, list) else link
    other = fresh_app(scenario=link)
    assert scenario_of(other) == scenario
    assert any("Ménaka (ML-9)" in w for w in texts(other.warning))


def test_bad_scenario_file_gives_one_message_and_changes_nothing() -> None:
    app = fresh_app()
    open_tool(app, "scenario")
    upload_scenario(app, EXAMPLE_SCENARIO.name, EXAMPLE_SCENARIO.read_bytes())
    before = scenario_of(app)
    data = json.loads(EXAMPLE_SCENARIO.read_bytes())
    data["changes"][0]["region"] = "Atlantis"
    upload_scenario(app, "bad.json", json.dumps(data).encode())
    errors = texts(app.error)
    assert len(errors) == 1, errors
    # On the Dutch page, in Dutch and in words: the file, the change's number and the field.
    assert "bad.json" in errors[0] and "wijziging 1, regio: onbekende regio" in errors[0], errors
    assert "Atlantis" in errors[0] and "changes[0]" not in errors[0], errors
    assert scenario_of(app) == before
    data["changes"][0]["region"] = "ML-9"
    data["title"] = "<script>alert(1)</script>"
    upload_scenario(app, "markup.json", json.dumps(data).encode())
    assert any("titel: de tekens < en >" in e for e in texts(app.error)), texts(app.error)
    upload_scenario(app, "big.json", b" " * (70 * 1024))
    assert any("hoogstens 65536 bytes" in e for e in texts(app.error)), texts(app.error)
    assert scenario_of(app) == before


def test_scenario_errors_in_english_on_the_english_page() -> None:
    app = fresh_app(lang="en")
    open_tool(app, "scenario")
    data = json.loads(EXAMPLE_SCENARIO.read_bytes())
    data["changes"][0]["rationale"] = "  "
    upload_scenario(app, "empty.json", json.dumps(data).encode())
    errors = texts(app.error)
    assert len(errors) == 1, errors
    assert "empty.json: change 1, rationale: must not be empty." in errors[0], errors


def test_bad_scenario_link_is_ignored_with_a_notice() -> None:
    app = fresh_app(scenario="not-a-scenario")
    assert scenario_of(app) is None
    infos = texts(app.info)
    assert any("scenario in de link is genegeerd" in i for i in infos), infos
    # Why, in Dutch: the link's own text is not a scenario.
    assert any("dit is geen scenariolink" in i for i in infos), infos


def test_two_sessions_never_see_each_others_scenario() -> None:
    first, second = fresh_app(), fresh_app()
    open_tool(first, "scenario")
    open_tool(second, "scenario")
    upload_scenario(first, EXAMPLE_SCENARIO.name, EXAMPLE_SCENARIO.read_bytes())
    data = json.loads(EXAMPLE_SCENARIO.read_bytes())
    data["title"] = "Gao lager"
    data["changes"] = [{"region": "Gao", "gradation": "relatively_lower", "rationale": "toets"}]
    upload_scenario(second, "gao.json", json.dumps(data).encode())
    first.run()
    assert scenario_of(first).title == "Ménaka back to exceptional"
    assert scenario_of(second).title == "Gao lager"
    assert not any("Gao lager" in w for w in texts(first.warning))
    assert not any("Ménaka back" in w for w in texts(second.warning))
    third = fresh_app()
    assert scenario_of(third) is None


def test_caseload_counts_the_changed_cases_of_the_example() -> None:
    app = fresh_app()
    open_tool(app, "scenario")
    upload_scenario(app, EXAMPLE_SCENARIO.name, EXAMPLE_SCENARIO.read_bytes())
    open_tool(app, "caseload")
    # The expected columns are shown before any upload.
    assert any("`individual_elements`" in c for c in texts(app.caption))
    label = t("caseload_example", "nl")
    next(b for b in app.button if b.label == label).click().run()
    assert not app.exception, app.exception
    assert any("**15 van 200**" in m for m in texts(app.markdown)), texts(app.markdown)


def upload_cases(app: AppTest, name: str, raw: bytes) -> list[str]:
    app.file_uploader(key="caseload_upload").set_value((name, raw, "text/csv")).run()
    assert not app.exception, app.exception
    return texts(app.error)


def test_caseload_upload_validation_messages() -> None:
    app = fresh_app()
    open_tool(app, "caseload")
    # Without a scenario, the other side is the other shipped version.
    header = "case_id,region,persecution,individual_harm,individual_elements,ipa_obstacles,"
    header += "exclusion_indications\n"
    errors = upload_cases(app, "empty.csv", b"")
    assert len(errors) == 1 and "empty.csv" in errors[0], errors
    errors = upload_cases(app, "missing.csv", b"case_id,persecution\nA,true\n")
    assert len(errors) == 1 and "missing.csv" in errors[0], errors
    # On the Dutch page, in Dutch, naming the line.
    assert "regel 1 (de kopregel): er is geen kolom region" in errors[0], errors
    errors = upload_cases(app, "unknown.csv", b"region,persecuton\nGao,true\n")
    assert len(errors) == 1 and "persecuton" in errors[0] and "persecution" in errors[0], errors
    rows = header + "A,Gao,false,false,none,false,false\nB,Atlantis,false,false,none,false,false\n"
    errors = upload_cases(app, "regions.csv", rows.encode())
    assert len(errors) == 1 and "regel 3, kolom region: onbekende regio 'Atlantis'" in errors[0]
    rows = header + "A,Ségou,false,false,none,false,false\n"
    errors = upload_cases(app, "latin.csv", rows.encode("latin-1"))
    assert len(errors) == 1 and "regel 2: dit is geen UTF-8-tekst" in errors[0], errors
    errors = upload_cases(
        app, "good.csv", (header + "A,Gao,false,false,none,false,false\n").encode()
    )
    assert errors == []
    assert any("van 1**" in m for m in texts(app.markdown)), texts(app.markdown)


def test_caseload_errors_in_english_on_the_english_page() -> None:
    app = fresh_app(lang="en")
    open_tool(app, "caseload")
    errors = upload_cases(app, "flags.csv", b"region,persecution\nGao,true\nGao,maybe\n")
    assert len(errors) == 1, errors
    assert "flags.csv: line 3, column persecution: 'maybe' is not a yes/no value" in errors[0]


def test_compare_table_lists_menaka_with_both_citations() -> None:
    app = fresh_app()
    open_tool(app, "compare")
    changes, sources = (table.value for table in app.table[-2:])
    before = load_version("c7-23-before-wbv-2025-11")
    after = load_version(None)
    rows = changes[changes[t("col_code", "nl")] == "ML-9"]
    gradation = rows[rows[t("col_field", "nl")].str.startswith("Gradatie")]
    assert len(gradation) == 1
    assert gradation.iloc[0][t("col_change", "nl")] == "Verlaagd"
    cited = sources.loc["Ménaka"]
    row = cited[cited[t("col_field", "nl")].str.startswith("Gradatie")].iloc[0]
    assert row[t("col_from_citation", "nl")].startswith(
        before.region("ML-9").gradation_citation.paragraph
    )
    assert row[t("col_to_citation", "nl")].startswith(
        after.region("ML-9").gradation_citation.paragraph
    )
    assert any("compare-legend" in m for m in texts(app.markdown))
    # The headline counts what policy.diff classes: the levels raised or lowered, named, and
    # the regions whose earlier text is not in the sources (not changes of the policy).
    changes = diff_versions(before, after)
    ranked = [c for c in changes if c.field == "gradation" and c.change in ("raised", "lowered")]
    gaps = {c.code for c in changes if c.change == "became_known"} - {c.code for c in ranked}
    headline = next(m for m in texts(app.markdown) if "niveau" in m and m.startswith("**"))
    assert headline.startswith(f"**{len(ranked)} niveau")
    assert "Ménaka verlaagd" in headline
    for change in ranked:
        verb = "verhoogd" if change.change == "raised" else "verlaagd"
        assert f"{change.name} {verb}" in headline
    assert f"voor {len(gaps)} regio’s staat de eerdere tekst niet in onze bronnen" in headline
    assert "gewijzigd: " not in headline  # not "11 regio's gewijzigd: …"


def test_briefing_downloads_are_offered_for_the_scenario_and_the_decision() -> None:
    app = fresh_app(region="ML-9")
    open_tool(app, "scenario")
    upload_scenario(app, EXAMPLE_SCENARIO.name, EXAMPLE_SCENARIO.read_bytes())
    open_tool(app, "briefing")
    labels = [button.label for button in app.get("download_button")]
    for key in (
        "briefing_download_map",
        "briefing_download_html",
        "briefing_download_case_pdf",
        "briefing_download_case_md",
    ):
        assert t(key, "nl") in labels, labels
    assert any("Ménaka back to exceptional" in c for c in texts(app.caption))
    # Without a decision there is no case report to offer.
    fresh = fresh_app()
    open_tool(fresh, "briefing")
    labels = [button.label for button in fresh.get("download_button")]
    assert t("briefing_download_case_pdf", "nl") not in labels
    assert any(t("briefing_no_case", "nl") in i for i in texts(fresh.info))


def _apply_menaka_change(lang: str) -> AppTest:
    app = fresh_app(lang=lang)
    open_tool(app, "scenario")
    app.button(key="whatif_start").click().run()
    app.selectbox(key="whatif_region").set_value("ML-9")
    app.selectbox(key="whatif_gradation").set_value("exceptional")
    app.text_area(key="whatif_rationale").set_value("Toets").run()
    app.button(key="whatif_apply").click().run()
    assert not app.exception, app.exception
    return app


def test_the_change_notice_and_banner_name_the_region_and_version_in_words() -> None:
    for lang, base in (
        ("nl", "C7/23 Vc zoals gewijzigd bij WBV 2025/11"),
        ("en", "C7/23 Vc as amended by WBV 2025/11"),
    ):
        app = _apply_menaka_change(lang)
        notices = texts(app.success)
        assert t("scenario_change_applied", lang, region="Ménaka") in notices, notices
        assert not any("ML-9" in notice for notice in notices)
        banner = next(w for w in texts(app.warning) if w.startswith("**Scen"))
        assert f"({'uitgangspunt' if lang == 'nl' else 'base'}: {base})" in banner, banner


def test_the_briefing_text_names_the_buttons_it_means() -> None:
    for lang, word in (("nl", "downloaden"), ("en", "Download")):
        app = fresh_app(region="ML-9", lang=lang)
        open_tool(app, "briefing")
        intro = t("briefing_intro", lang)
        assert intro in texts(app.caption)
        assert word in intro and "Prepare" not in intro and "Voorbereiden" not in intro
        labels = [
            button.label
            for button in app.get("download_button")
            if str(button.key).startswith("briefing_")
        ]
        assert len(labels) == 4, labels
        assert all(word in label for label in labels), labels
