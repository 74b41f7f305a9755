"""The version data: complete, cited, and quoting the sources word for word."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

import policy
from policy import Gradation, gradation_label, list_versions, load_version
from policy.framework import article_15c_rules, ipa_criteria

SOURCES = Path(policy.__file__).parent / "sources"
SOURCE_FILES = {
    "wbv-2025-11": "wbv-2025-11-c7-23-mali.txt",
    "kamerbrief-2025-06-17": "kamerbrief-mali-2025.txt",
}
OFFICIAL_NAMES = {
    "ML-1": "Kayes",
    "ML-2": "Koulikoro",
    "ML-3": "Sikasso",
    "ML-4": "Ségou",
    "ML-5": "Mopti",
    "ML-6": "Tombouctou",
    "ML-7": "Gao",
    "ML-8": "Kidal",
    "ML-9": "Ménaka",
    "ML-10": "Taoudénit",
    "ML-BKO": "Bamako",
}


def _squash(text: str) -> str:
    """Compare texts without the PDF's line breaks and hyphenation."""
    return re.sub(r"[\s\-]+", "", text)


def _source_text(source_id: str) -> str:
    return _squash((SOURCES / SOURCE_FILES[source_id]).read_text(encoding="utf-8"))


def _all_citations(version):
    yield from (version.rules.exclusion, version.rules.no_ipa_individual)
    yield version.rules.ipa_individual_assessment
    for region in version.regions:
        yield region.gradation_citation
        yield region.ipa_citation


def test_vendored_sources_match_their_checksums() -> None:
    for line in (SOURCES / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        assert hashlib.sha256((SOURCES / name).read_bytes()).hexdigest() == digest, name


def test_versions_oldest_first_and_in_force_is_latest() -> None:
    ids = [v.id for v in list_versions()]
    assert ids == ["C7/23 Vc before WBV 2025/11", "WBV 2025/11"]
    assert load_version().id == "WBV 2025/11"
    assert load_version("wbv-2025-11").id == load_version("WBV 2025/11").id


def test_unknown_version_is_a_policy_error() -> None:
    with pytest.raises(policy.PolicyError, match="unknown policy version 'WBV 1999/1'"):
        load_version("WBV 1999/1")


def test_current_version_metadata_never_invents_a_date() -> None:
    version = load_version()
    assert version.signed.isoformat() == "2025-06-04"
    assert version.in_force is None
    assert "Staatscourant" in version.in_force_note
    assert "Staatscourant" in version.in_force_citation.text_nl


@pytest.mark.parametrize("version", list_versions(), ids=lambda v: v.id)
def test_every_version_has_the_eleven_units_with_official_names(version) -> None:
    assert {r.code: r.name for r in version.regions} == OFFICIAL_NAMES


@pytest.mark.parametrize("version", list_versions(), ids=lambda v: v.id)
def test_every_citation_quotes_its_source_word_for_word(version) -> None:
    for citation in _all_citations(version):
        assert citation.paragraph and citation.text_nl
        assert _squash(citation.text_nl) in _source_text(citation.source), citation.text_nl
    for region in version.regions:
        for reason in region.reasons:
            assert _squash(reason.text_nl) in _source_text(reason.source), reason.text_nl


def test_framework_source_sentence_is_quoted_from_the_decree() -> None:
    for rule in article_15c_rules().values():
        assert _squash(rule.citation.text_nl) in _source_text(rule.citation.source)


def test_sliding_scale_rows_are_marked_as_reading() -> None:
    rules = article_15c_rules()
    assert rules[Gradation.relatively_higher].citation.reading
    assert rules[Gradation.relatively_lower].citation.reading
    assert not rules[Gradation.exceptional].citation.reading


def test_current_gradations_as_the_decree_names_them() -> None:
    assert load_version().gradations() == {
        "ML-1": Gradation.not_designated,
        "ML-2": Gradation.relatively_lower,
        "ML-3": Gradation.not_designated,
        "ML-4": Gradation.relatively_higher,
        "ML-5": Gradation.exceptional,
        "ML-6": Gradation.exceptional,
        "ML-7": Gradation.exceptional,
        "ML-8": Gradation.exceptional,
        "ML-9": Gradation.relatively_higher,
        "ML-10": Gradation.not_designated,
        "ML-BKO": Gradation.no_15c,
    }


def test_taoudenit_note_says_it_was_split_from_tombouctou_and_the_text_is_silent() -> None:
    note = load_version().region("ML-10").note
    assert "Tombouctou" in note and "silent" in note


def test_labels_exist_for_every_code_in_both_languages() -> None:
    for gradation in Gradation:
        assert gradation_label(gradation, "nl") != gradation_label(gradation, "en")
    for outcome in policy.Outcome:
        assert policy.outcome_label(outcome, "nl") and policy.outcome_label(outcome, "en")
    assert gradation_label("exceptional", "nl") == "Uitzonderlijk niveau van willekeurig geweld"


def test_ipa_criteria_of_art_3_37d_vv() -> None:
    assert [c.id for c in ipa_criteria()] == [
        "travel_and_admittance",
        "reasonable_to_settle",
        "personal_circumstances",
    ]


def test_with_overrides_returns_a_marked_copy_and_leaves_the_original() -> None:
    original = load_version()
    changed = original.with_overrides(gradations={"ML-1": Gradation.exceptional})
    assert changed.modified and not original.modified
    assert original.region("ML-1").gradation is Gradation.not_designated
    assert changed.region("ML-1").gradation is Gradation.exceptional
    assert changed.region("ML-1").gradation_citation.override
    assert not changed.region("ML-2").gradation_citation.override
    decision = policy.evaluate(policy.Case(region="Kayes"), changed)
    assert "what_if" in decision.flags
    with pytest.raises(policy.UnknownRegionError):
        original.with_overrides(ipa={"ML-99": True})
