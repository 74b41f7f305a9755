"""Law cases as data (`tests/law_cases/*.toml`): each file quotes one sentence of the law with
its source, and lists cases with the answer that sentence gives them.

Every quote is checked word for word against the source text in `policy/sources/`, and every
case against `evaluate`. A key the format does not know fails the file, so a typo in a case
cannot silently test nothing.
"""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any

import pytest

from policy import Case, Decision, evaluate, load_version
from policy.batch import FACT_COLUMNS
from policy.framework import framework_source_files
from policy.models import Flag, Gradation, Outcome
from policy.quotes import quote_occurs

LAW_CASES = Path(__file__).resolve().parents[1] / "law_cases"
FILE_KEYS = {"title", "policy", "quote", "cases"}
QUOTE_KEYS = {"paragraph", "source", "text"}
CASE_KEYS = {
    "name",
    "facts",
    "what_if",
    "region",
    "gradation",
    "outcome",
    "ipa_applies",
    "flags",
    "not_flags",
    "missing_values",
    "subject_to_exclusion_review",
    "readings",
    "place",
    "says_nl",
    "not_says_nl",
}
FACT_KEYS = set(FACT_COLUMNS)


def _load(path: Path) -> dict[str, Any]:
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    unknown = set(data) - FILE_KEYS
    assert not unknown, f"{path.name}: unknown key(s) {sorted(unknown)}"
    assert set(data["quote"]) == QUOTE_KEYS, f"{path.name}: [quote] needs {sorted(QUOTE_KEYS)}"
    assert data["cases"], f"{path.name}: no [[cases]]"
    for number, case in enumerate(data["cases"], start=1):
        where = f"{path.name}, case {number}"
        assert not set(case) - CASE_KEYS, f"{where}: unknown key(s) {sorted(set(case) - CASE_KEYS)}"
        assert "name" in case and "facts" in case, f"{where}: name and facts are required"
        assert "place" not in case or "region" not in case["facts"], f"{where}: place or region"
        assert not set(case["facts"]) - FACT_KEYS, f"{where}: unknown fact(s)"
        assert len(set(case) - {"name", "facts", "what_if"}) >= 1, f"{where}: expects nothing"
    return data


FILES = sorted(LAW_CASES.glob("*.toml"))
LOADED = {path.name: _load(path) for path in FILES}
CASES = [
    pytest.param(name, number, id=f"{name}:{number}")
    for name, data in LOADED.items()
    for number in range(len(data["cases"]))
]


def test_there_are_law_cases() -> None:
    assert len(FILES) >= 5


@pytest.mark.parametrize("name", sorted(LOADED))
def test_the_quote_is_word_for_word_in_its_source(name: str) -> None:
    data = LOADED[name]
    version = load_version(data["policy"])
    files = {source.id: source.file for source in version.sources}
    files.update(framework_source_files())
    quote = data["quote"]
    assert quote["source"] in files, f"{name}: source {quote['source']!r} is not in {sorted(files)}"
    assert quote_occurs(quote["text"], files[quote["source"]]), f"{name}: quote not in source"


def _decide(data: dict[str, Any], case: dict[str, Any]) -> Decision:
    version = load_version(data["policy"])
    if "what_if" in case:
        version = version.with_overrides(**case["what_if"])
    if "place" in case:
        # A place is answered the way its region's name would be (the --place composition).
        from geodata.origin import place_origin

        origin = place_origin(case["place"])
        return evaluate(Case.from_origin(origin, **case["facts"]), version)
    return evaluate(Case(**case["facts"]), version)


@pytest.mark.parametrize(("name", "number"), CASES)
def test_the_case_gets_the_answer_of_the_sentence(name: str, number: int) -> None:
    data = LOADED[name]
    case = data["cases"][number]
    decision = _decide(data, case)
    where = f"{name}: {case['name']}"
    if "region" in case:
        assert decision.region_code == case["region"], where
    if "gradation" in case:
        assert decision.gradation is Gradation(case["gradation"]), where
    if "outcome" in case:
        assert decision.outcome is Outcome(case["outcome"]), where
    if "ipa_applies" in case:
        expected = None if case["ipa_applies"] == "unknown" else case["ipa_applies"]
        assert decision.ipa_applies is expected, where
    for flag in case.get("flags", []):
        assert flag in decision.flags, f"{where}: flag {Flag(flag).value} missing"
    for flag in case.get("not_flags", []):
        assert flag not in decision.flags, f"{where}: flag {Flag(flag).value} present"
    if "missing_values" in case:
        assert list(decision.missing_values) == case["missing_values"], where
    if "readings" in case:
        # Each possibility the sources leave open, with its outcome ({} when there is one).
        found = {r.reading: r.outcome.value for r in decision.alternative_readings}
        assert found == case["readings"], where
    # Say what the text says: phrases the Dutch memo must hold, and must not.
    memo = decision.to_markdown("nl")
    for phrase in case.get("says_nl", []):
        assert phrase in memo, f"{where}: the memo does not say {phrase!r}"
    for phrase in case.get("not_says_nl", []):
        assert phrase not in memo, f"{where}: the memo says {phrase!r}"
    if "subject_to_exclusion_review" in case:
        assert decision.subject_to_exclusion_review is case["subject_to_exclusion_review"], where
