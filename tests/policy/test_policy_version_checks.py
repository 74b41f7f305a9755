"""One set of checks for a version: files and what-if copies (`with_overrides`) alike, and
version files that write each quoted sentence once ([citations.<id>])."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from policy import Gradation, PolicyError, PolicyVersion, load_version, validate_file
from policy.data_files import VERSIONS_DIR
from policy.errors import InvalidVersionError
from policy.quotes import normalise_quote

CURRENT_TEXT = (VERSIONS_DIR / "wbv-2025-11.toml").read_text(encoding="utf-8")
SHIPPED = sorted(VERSIONS_DIR.glob("*.toml"))


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "version.toml"
    path.write_text(text, encoding="utf-8")
    return path


def _texts_outside_citations(node: object, path: str = "") -> list[str]:
    if isinstance(node, dict):
        found = []
        for key, value in node.items():
            if path == "" and key == "citations":
                continue
            if key == "text_nl":
                found.append(f"{path}.{key}")
            found += _texts_outside_citations(value, f"{path}.{key}")
        return found
    if isinstance(node, list):
        return [hit for i, item in enumerate(node) for hit in _texts_outside_citations(item, path)]
    return []


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.stem)
def test_each_quoted_sentence_is_written_once_per_version_file(path: Path) -> None:
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    assert _texts_outside_citations(data) == []
    texts = [normalise_quote(table["text_nl"]) for table in data["citations"].values()]
    assert len(texts) == len(set(texts))


def test_the_ipa_sentence_is_one_table_used_by_every_region() -> None:
    data = tomllib.loads(CURRENT_TEXT)
    assert [r["ipa_citation"] for r in data["regions"]] == ["ipa-bamako"] * 11
    version = load_version("WBV 2025/11")
    texts = {region.ipa_citation.text_nl for region in version.regions}
    assert len(texts) == 1 and "district Bamako" in texts.pop()


def test_a_region_note_on_a_shared_citation_stays_with_that_region() -> None:
    version = load_version("WBV 2025/11")
    assert "Kayes" in version.region("ML-1").gradation_citation.note_en
    assert "Sikasso" in version.region("ML-3").gradation_citation.note_en
    assert version.region("ML-1").gradation_citation.text_nl == (
        version.region("ML-3").gradation_citation.text_nl
    )


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            'gradation_citation = "level-higher"',
            'gradation_citation = "level-hihger"',
            "regions[3] (ML-4).gradation_citation: unknown citation 'level-hihger'",
        ),
        (
            'exclusion = "article-1f"',
            'exclusion = "artikel-1f"',
            "rules.exclusion: unknown citation 'artikel-1f'",
        ),
        (
            'reasons = ["toelichting-lower", ',
            'reasons = ["toelichting-lowre", ',
            "regions[1] (ML-2).reasons[0]: unknown citation 'toelichting-lowre'",
        ),
        (
            'citations = ["signature", "toelichting-letter"]',
            'citations = ["signature", 7]',
            "notes[0].citations[1]: must be the id of a [citations.<id>] table, not 7",
        ),
        (
            'summary_en = "ACLED recorded no civilian deaths in Bamako in 2023 and 2024."\n',
            "",
            "citations.letter-bamako-acled.summary_en: required: regions[10] (ML-BKO).reasons[2]",
        ),
        (
            'general_reasons = ["toelichting-research", "letter-situation", "letter-actors"]',
            'general_reasons = ["toelichting-research", "letter-situation"]',
            "citations.letter-actors: not used by any value, reason or note",
        ),
        (
            '[citations.article-ii]\nparagraph = "WBV 2025/11, artikel II"\n',
            '[citations.article-ii]\nparagraaf = "WBV 2025/11, artikel II"\n',
            "citations.article-ii.paragraph: Field required",
        ),
        (
            'gradation_note_en = "Kayes is not named',
            'gradation_notes_en = "Kayes is not named',
            "regions[0] (ML-1).gradation_notes_en: Extra inputs are not permitted",
        ),
        (
            'gradation_citation = "levels"\ngradation_note_en = "Kayes',
            'gradation_note_en = "Kayes',
            "regions[0] (ML-1).gradation_note_en: needs gradation_citation",
        ),
        (
            'ipa_note_en = "Kayes is not on the list of regions for which the IPA in Bamako is '
            'assumed."',
            "ipa_note_en = 3",
            "regions[0] (ML-1).ipa_note_en: must be a non-empty text",
        ),
    ],
)
def test_citation_references_are_checked_where_they_are_written(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    assert old in CURRENT_TEXT
    path = _write(tmp_path, CURRENT_TEXT.replace(old, new, 1))
    problems = validate_file(path)
    assert any(p.startswith(f"{path}: {expected}") for p in problems), problems


def test_a_misquote_is_reported_once_where_it_is_written(tmp_path: Path) -> None:
    """The IPA sentence serves 11 regions; a wrong word in it is one problem, not eleven."""
    text = CURRENT_TEXT.replace("in het district Bamako aan", "in de stad Bamako aan", 1)
    problems = validate_file(_write(tmp_path, text))
    assert (
        len(problems) == 1
        and "citations.ipa-bamako.text_nl: not found word for word" in (problems[0])
    )


# --- with_overrides is checked like a file ---------------------------------------------------

CURRENT = load_version("WBV 2025/11")
BEFORE = load_version("C7/23 Vc before WBV 2025/11")


@pytest.mark.parametrize(
    ("kwargs", "expected"),
    [
        (
            {"ipa": {"ML-1": "no"}},
            'regions[0] (ML-1).ipa_applies: must be true, false or "unknown"',
        ),
        ({"ipa": {"ML-1": 1}}, "regions[0] (ML-1).ipa_applies: must be true, false"),
        ({"gradations": {"ML-2": "extreme"}}, "regions[1] (ML-2).gradation: Input should be"),
        ({"gradations": {"ML-2": None}}, "regions[1] (ML-2).gradation: Input should be"),
        ({"gradations": {"ML-99": "exceptional"}}, "no region with code 'ML-99'"),
        ({"ipa": {"Kayes": True}}, "no region with code 'Kayes'"),
    ],
)
def test_with_overrides_refuses_what_a_file_could_not_hold(kwargs, expected) -> None:
    with pytest.raises(PolicyError) as raised:
        CURRENT.with_overrides(**kwargs)
    assert expected in str(raised.value)
    assert "\n" not in str(raised.value)


def test_with_overrides_no_longer_stores_a_truthy_text_as_true() -> None:
    """Before: `ipa={"ML-1": "no"}` was stored and Kayes was treated as on the IPA list."""
    with pytest.raises(PolicyError, match="ipa_applies"):
        CURRENT.with_overrides(ipa={"ML-1": "no"})
    assert CURRENT.region("ML-1").ipa_applies is False


def test_with_overrides_cannot_switch_on_an_ipa_the_sources_place_nowhere() -> None:
    with pytest.raises(PolicyError, match="ipa_destination: required"):
        BEFORE.with_overrides(ipa={"ML-7": True})


def test_the_same_fault_gets_the_same_message_from_a_file_and_from_with_overrides(
    tmp_path: Path,
) -> None:
    text = CURRENT_TEXT.replace(
        'name = "Kayes"\ngradation = "not_designated"', 'name = "Kayes"\ngradation = "extreme"', 1
    )
    path = _write(tmp_path, text)
    (from_file,) = [p for p in validate_file(path) if ".gradation:" in p]
    with pytest.raises(PolicyError) as raised:
        CURRENT.with_overrides(gradations={"ML-1": "extreme"})
    assert from_file.removeprefix(f"{path}: ") in str(raised.value)


def test_valid_overrides_still_work_and_leave_the_original() -> None:
    changed = CURRENT.with_overrides(gradations={"ML-1": "exceptional"}, ipa={"ML-1": True})
    assert changed.modified and changed.region("ML-1").gradation is Gradation.exceptional
    assert changed.region("ML-1").ipa_applies is True
    assert changed.region("ML-1").ipa_citation.override
    citation = changed.region("ML-1").ipa_citation
    # "Scenario: X; paragraph: Y («quote»)": the scenario's value, then the law's, quoted.
    assert citation.note_en.startswith("Scenario: IPA applies; ")
    assert f"; {citation.paragraph}: IPA does not apply («{citation.text_nl}»)" in (
        citation.note_en
    )
    assert citation.note_nl.startswith("Scenario: binnenlands beschermingsalternatief van")
    unknown = BEFORE.with_overrides(ipa={"ML-7": None}, gradations={"ML-1": Gradation.no_15c})
    assert unknown.region("ML-7").ipa_applies is None
    assert CURRENT.region("ML-1").gradation is Gradation.not_designated
    assert changed.reasons_for("ML-7").all == CURRENT.reasons_for("ML-7").all


def test_a_version_built_in_code_passes_the_same_checks() -> None:
    assert PolicyVersion.validate(CURRENT.as_dict()) == CURRENT
    data = CURRENT.as_dict()
    data["regions"][0]["name"] = "Kayès"
    with pytest.raises(InvalidVersionError, match="'Kayès' is not the official name of ML-1"):
        PolicyVersion.validate(data)
    data = CURRENT.as_dict()
    data["regions"][2]["gradation_citation"]["text_nl"] = "De IND neemt voor Mali niets aan."
    with pytest.raises(InvalidVersionError, match="not found word for word"):
        PolicyVersion.validate(data)


def test_the_model_reports_every_problem_at_once() -> None:
    """One validation, every problem: a check beside the schema and a schema error together."""
    data = CURRENT.as_dict()
    data["regions"][0]["name"] = "Kayès"
    data["regions"][1]["gradation"] = "extreme"
    data["sources"][0]["extra"] = "a field no source has"
    with pytest.raises(InvalidVersionError) as raised:
        PolicyVersion.validate(data, "built in code")
    text = "\n".join(raised.value.problems)
    assert "built in code: regions[0] (ML-1).name: 'Kayès' is not the official name of ML-1" in text
    assert "regions[1] (ML-2).gradation: Input should be" in text and "extreme" in text
    assert "sources[0].extra: Extra inputs are not permitted" in text
