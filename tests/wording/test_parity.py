"""One decision, the same words on every surface.

A grid of decisions — every unit, code and alias (2023 names included) × the facts that change
the outcome × both shipped versions and one what-if scenario — is rendered in Dutch and English
through the memo (Markdown and JSON), the case report (Markdown and PDF), the page's outcome box
and summary, the command line, and per region through the overview, the map tooltip, the map
layer, the map image's title and the offline map. Each must carry the decision's headline (its
marks and outcome line) and its IPA wording as `wording.phrases` gives them; a Dutch rendering
holds no catalogue key and no English text of the catalogue or of a note.

The grid evaluates ~1,000 decisions; the costly surfaces (PDF, command line, offline map) take
a slice of it, so the test runs in seconds.
"""

from __future__ import annotations

import html
import json
import re
from functools import cache
from pathlib import Path

import pytest

import briefing.report as report
import ui.outcome as outcome
from briefing.content import map_content
from briefing.offline import offline_html
from briefing.scenarios import briefing_scenario
from geodata.policy_layer import policy_values
from policy import Case, evaluate, list_versions, load_version
from policy.cli import main as policy_cli
from policy.data_files import read_package_toml
from policy.decision import Decision
from policy.scenario import load_scenario
from ui.map_view import MapParts, overlay
from ui.overview import overview_frame
from ui.texts import t as page_t
from wording import entry, keys, phrases, t

ROOT = Path(__file__).resolve().parents[2]
SCENARIO_FILE = ROOT / "policy" / "examples" / "scenario-menaka-exceptional.json"
LANGS = ("nl", "en")
# The facts that change an outcome (C7/23 Vc's decision order): none, each individual ground,
# each level of individual elements, an obstacle to the alternative, Article 1F indications.
FACTS: tuple[dict[str, object], ...] = (
    {},
    {"persecution": True},
    {"individual_harm": True},
    {"individual_elements": "limited"},
    {"individual_elements": "substantial"},
    {"individual_elements": "substantial", "ipa_obstacles": True},
    {"individual_elements": "limited", "exclusion_indications": True},
)


@cache
def scenario():
    return load_scenario(SCENARIO_FILE.read_bytes(), SCENARIO_FILE.name)


@cache
def versions():
    """(name, version) of both shipped versions and the scenario applied to the current one."""
    shipped = [(version.id, version) for version in list_versions()]
    return [*shipped, ("scenario", scenario().apply(load_version()))]


def names(version) -> list[str]:
    """Every name a user can give for a unit of `version`: name, code, alias, 2023 name."""
    table = read_package_toml("region_names.toml")
    official = {region.code for region in version.regions}
    given = [region.name for region in version.regions] + sorted(official)
    given += [alias for alias, code in table["aliases"].items() if code in official]
    given += [
        name for name, row in table["reform_2023"].items() if row.get("maps_to") in official
    ]
    return given


@cache
def grid() -> list[tuple[str, Decision]]:
    out = []
    for name, version in versions():
        for region in names(version):
            for facts in FACTS:
                out.append((name, evaluate(Case(region=region, **facts), version)))  # type: ignore[arg-type]
    return out


@cache
def english_only() -> tuple[str, ...]:
    """English texts of the catalogue that differ from their Dutch (long enough to mean it),
    cut at their first placeholder."""
    found = set()
    for key in keys():
        pair = entry(key)
        fixed = pair["en"].split("{", 1)[0].strip()
        if pair["en"] != pair["nl"] and len(fixed) >= 16 and fixed not in pair["nl"]:
            found.add(fixed)
    return tuple(sorted(found))


@cache
def key_pattern() -> re.Pattern[str]:
    """Any catalogue key standing as a word of its own (a text that was never looked up)."""
    alternatives = "|".join(re.escape(key) for key in sorted(keys(), key=len, reverse=True))
    return re.compile(rf"(?<![\w.])(?:{alternatives})(?![\w])")


def assert_dutch(text: str, decision: Decision | None = None) -> None:
    """No catalogue key, no English catalogue text and no English note in a Dutch rendering."""
    leaked = [english for english in english_only() if english in text]
    assert not leaked, leaked
    untranslated = key_pattern().findall(text)
    assert not untranslated, untranslated
    if decision is not None:
        for step in decision.steps:
            if step.note_en and step.note_en != step.note_nl:
                assert step.note_en not in text, step.note_en
        if decision.region_mapping_note and decision.region_mapping_note_nl:
            assert decision.region_mapping_note not in text


def test_the_grid_is_the_whole_input_space() -> None:
    decisions = grid()
    outcomes = {d.outcome.value for _, d in decisions}
    assert {"refugee_status", "subsidiary_protection_individual", "subsidiary_protection_15c",
            "internal_protection_alternative", "no_protection_ground",
            "undetermined"} <= outcomes  # fmt: skip
    assert any("what_if" in d.flags for _, d in decisions)
    assert any("rests_on_reading" in d.flags for _, d in decisions)
    assert any(not any(step.reading for step in d.steps) for _, d in decisions)
    assert any("exclusion_review" in d.flags for _, d in decisions)
    assert any(d.region_mapped_from for _, d in decisions)


@pytest.mark.parametrize("lang", LANGS)
def test_memo_json_case_report_and_page_say_the_same_headline_and_ipa(lang, monkeypatch) -> None:
    shown: list[str] = []
    monkeypatch.setattr(outcome.st, "markdown", lambda text, *a, **k: shown.append(text))
    for style in ("settled", "caution", "neutral"):
        monkeypatch.setitem(outcome._BOX, style, lambda text, *a, **k: shown.append(text))
    for _, decision in grid():
        headline = decision.headline(lang)
        ipa = decision.ipa_answer(lang)
        flags = set(decision.flags)
        # The marks: scenario and reading in front, undetermined and Article 1F in the line.
        # A scenario's headline opens with its mark naming its title: never read as the law.
        if "what_if" in flags:
            assert decision.scenario_title == scenario().title
            titled = phrases.scenario_mark(lang, scenario().title)
            assert headline.startswith(f"[{titled}")
            assert ("«" + scenario().title + "»") in headline
        else:
            assert decision.scenario_title is None
            assert t("mark.scenario", lang) not in headline
        assert (phrases.reading_mark(lang) in headline) == ("rests_on_reading" in flags)
        assert headline.startswith("[") == bool({"what_if", "rests_on_reading"} & flags)
        assert (t("mark.undetermined", lang) in headline) == (
            decision.outcome.value == "undetermined"
        )
        assert ("1F" in headline) == ("exclusion_review" in flags)
        # The disclaimer names readings only when a step is one.
        readings = t("disclaimer.readings", lang) in decision.disclaimer(lang)
        assert readings == any(step.reading for step in decision.steps)
        # A region not on the list reads the same wherever it is named.
        if decision.ipa_role == "none":
            assert ipa == phrases.ipa_status("none", lang)
        # Memo: the headline is its first statement; its IPA line is the one answer.
        memo = decision.to_markdown(lang)
        assert memo.splitlines()[2] == f"**{headline}**"
        assert f":** {ipa}\n" in memo
        # JSON carries the same headline.
        assert decision.to_dict()["headline"][lang] == headline
        # The case report in Markdown is the memo with its date.
        case_md = report.markdown_report(decision, lang, None, "7 december 2026")
        assert f"**{headline}**" in case_md and f":** {ipa}\n" in case_md
        # The page's outcome box and summary.
        shown.clear()
        outcome.render_headline(decision, lang)
        outcome.render_summary(decision, lang, None)
        from wording.escape import markdown

        assert shown[0] == f"**{page_t('outcome_heading', lang)}:** {markdown(headline)}"
        assert f"**{page_t('outcome_ipa', lang)}:** {ipa}" in shown[1]
        if lang == "nl":
            assert_dutch(memo, decision)
            assert_dutch(shown[0] + shown[1])


def _pdf_lines(decision: Decision, lang: str, monkeypatch, scenario_applied=None) -> list[str]:
    lines: list[str] = []
    original = report._Report.line_of

    def line_of(self, text, *args, **kwargs):
        lines.append(text)
        if len(lines) < 8:  # the head of the page is laid out for real; the rest is recorded
            original(self, text, *args, **kwargs)

    monkeypatch.setattr(report._Report, "line_of", line_of)
    import datetime as dt

    report._pdf_once(decision, lang, scenario_applied, dt.date(2026, 12, 7), 10.0)
    return lines


@pytest.mark.parametrize("lang", LANGS)
def test_the_case_pdf_opens_with_the_same_headline(lang, monkeypatch) -> None:
    # One decision per version, outcome and set of marks: every kind of headline the PDF prints
    # (the text is what `_pdf_once` gives fpdf; test_briefing_report reads a real PDF back).
    seen = set()
    for name, decision in grid():
        marks = {"what_if", "rests_on_reading", "exclusion_review"} & set(decision.flags)
        key = (name, decision.outcome, frozenset(marks))
        if key in seen:
            continue
        seen.add(key)
        applied = None
        if name == "scenario":
            applied = briefing_scenario(scenario(), load_version())
        lines = _pdf_lines(decision, lang, monkeypatch, applied)
        heading = t("briefing.report_outcome", lang)
        assert f"{heading}: {decision.headline(lang)}" in lines
        assert f"{t('briefing.report_ipa', lang)}: {decision.ipa_answer(lang)}" in lines
        assert "7 december 2026" in " ".join(lines) or "7 December 2026" in " ".join(lines)
        if lang == "nl":
            assert_dutch("\n".join(lines), decision)
    assert len(seen) > 20


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("region", ["Kayes", "Ménaka", "Taoudénit", "Bandiagara", "Gao"])
def test_the_command_line_prints_the_same_headline(lang, region, capsys) -> None:
    for extra, version in (([], load_version()), (["--scenario", str(SCENARIO_FILE)], None)):
        assert policy_cli(["evaluate", "--region", region, "--lang", lang, *extra]) == 0
        printed = capsys.readouterr().out
        base = version or scenario().apply(load_version())
        decision = evaluate(Case(region=region), base)
        assert f"**{decision.headline(lang)}**" in printed
        assert f":** {decision.ipa_answer(lang)}\n" in printed
        if lang == "nl":
            assert_dutch(printed, decision)


@pytest.mark.parametrize("lang", LANGS)
def test_every_region_has_one_ipa_status_on_overview_tooltip_layer_and_cli(lang, capsys) -> None:
    parts = MapParts(
        script="", header="", html="", map_id="m", component_key="k", css_links=(),
        js_links=(), labels={},
    )  # fmt: skip
    for name, version in versions():
        frame = overview_frame(version, lang, {r.code for r in version.regions})
        tooltips = overlay(version, parts, lang, None)
        layer = policy_values(version, lang)
        for region in version.regions:
            status = phrases.ipa_status(version.ipa_role(region.code), lang)
            row = frame[frame[page_t("overview_code", lang)] == region.code].iloc[0]
            assert row[page_t("overview_ipa", lang)] == status
            assert json.dumps(html.escape(status))[1:-1] in tooltips
            assert layer[region.code]["ipa_label"] == status
        if lang == "en" and name != "scenario":
            assert policy_cli(["regions", "--policy", version.id]) == 0
            listing = capsys.readouterr().out
            for region in version.regions:
                status = phrases.ipa_status(version.ipa_role(region.code), "en")
                assert f"{region.code:<7} {region.name:<11}" in listing
                assert f"IPA: {status}" in listing
    kayes = phrases.ipa_status("none", "en")
    assert kayes.startswith("not on the list in C7/23.5.2 Vc;")


@pytest.mark.parametrize("lang", LANGS)
def test_a_scenario_map_is_marked_in_its_title_and_speaks_one_language(lang) -> None:
    base = load_version()
    applied = briefing_scenario(scenario(), base)
    content = map_content(base, lang, scenario=applied)
    # The map's title opens with the one scenario mark of every headline, with the title.
    assert content.title.startswith(f"[{phrases.scenario_mark(lang, scenario().title)}] ")
    plain = map_content(base, lang)
    assert phrases.scenario_mark(lang, scenario().title) not in plain.title
    page = offline_html(base, lang, scenario=scenario())
    assert html.escape(content.title) in page
    if lang == "nl":
        # The notes quote the scenario's own rationale (the analyst's words, any language).
        text = "\n".join([content.title, *content.subtitle, content.sources])
        assert_dutch(text)
        assert "before WBV" not in text and "Boundaries and places" not in text


def test_every_note_of_a_shipped_version_has_its_dutch() -> None:
    for version in list_versions():
        assert version.label_nl and version.label_en
        for region in version.regions:
            assert bool(region.note) == bool(region.note_nl), region.code
            for citation in (region.gradation_citation, region.ipa_citation, *region.reasons):
                assert bool(citation.note_en) == bool(citation.note_nl), (version.id, region.code)
        for citation in (version.rules.exclusion, version.rules.no_ipa_individual,
                         version.rules.ipa_individual_assessment):  # fmt: skip
            assert bool(citation.note_en) == bool(citation.note_nl), citation.paragraph


def test_dates_are_words_in_sentences() -> None:
    import datetime as dt

    day = dt.date(2026, 12, 7)
    assert phrases.date(day, "nl") == "7 december 2026"
    assert phrases.date(day, "en") == "7 December 2026"
