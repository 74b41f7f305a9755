"""The version data: complete, cited, and quoting the sources word for word."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

import policy
from policy import Gradation, gradation_label, list_versions, load_version
from policy.data_files import VERSIONS_DIR, official_units
from policy.framework import (
    article_15c_rules,
    framework_citations,
    framework_source_files,
    ipa_criteria,
)
from policy.quotes import quote_occurs

SOURCES = Path(policy.__file__).parent / "sources"
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


def test_vendored_sources_match_their_checksums() -> None:
    for line in (SOURCES / "SHA256SUMS").read_text().splitlines():
        digest, name = line.split()
        assert hashlib.sha256((SOURCES / name).read_bytes()).hexdigest() == digest, name


def test_versions_form_one_supersedes_chain_and_the_latest_is_in_force() -> None:
    versions = list_versions()
    assert len(versions) == len(list(VERSIONS_DIR.glob("*.toml")))
    assert versions[0].supersedes is None
    for older, newer in zip(versions, versions[1:], strict=False):
        assert newer.supersedes == older.id
    assert load_version().id == versions[-1].id
    assert not any(v.supersedes == versions[-1].id for v in versions)
    ids = [v.id for v in versions]
    assert ids.index("C7/23 Vc before WBV 2025/11") < ids.index("WBV 2025/11")
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


def test_the_units_table_is_the_issue_list() -> None:
    assert official_units() == OFFICIAL_NAMES


@pytest.mark.parametrize("path", sorted(VERSIONS_DIR.glob("*.toml")), ids=lambda p: p.stem)
def test_every_quote_of_a_shipped_version_is_checked_against_its_source_file(path) -> None:
    """validate_file checks every citation and reason word for word; each source has a file."""
    assert policy.validate_file(path) == []
    version = policy.load_version_file(path)
    assert all(source.file for source in version.sources)


def test_framework_quotes_occur_in_their_sources() -> None:
    files = framework_source_files()
    for location, citation in framework_citations():
        assert quote_occurs(citation.text_nl, files[citation.source]), location


def test_quote_check_joins_line_end_hyphens_but_keeps_other_hyphens() -> None:
    decree = "wbv-2025-11-c7-23-mali.txt"
    assert quote_occurs("als de IND heeft geconcludeerd dat de vreemdeling", decree)
    assert not quote_occurs("als de IND heeft geconcludeerddat de vreemdeling", decree)
    assert not quote_occurs("alsde IND heeft geconcludeerd", decree)
    letter = "kamerbrief-mali-2025.txt"
    assert quote_occurs("de aanvallen van (jihadistische) niet-statelijke gewapende", letter)
    assert not quote_occurs("de aanvallen van (jihadistische) niet-sta-telijke", letter)


def test_citation_labels_say_what_they_quote() -> None:
    """The 15(c) table quotes the toelichting and its label says so; the IPA assessment quotes
    the letter and its label says so."""
    for rule in article_15c_rules().values():
        assert "toelichting WBV 2025/11" in rule.citation.paragraph
    for version in list_versions():
        label = version.rules.ipa_individual_assessment.paragraph
        assert label.startswith("Kamerbrief 17 juni 2025") and "C2/3.4 Vc" in label


def test_previous_version_marks_every_borrowed_wbv_citation_as_reading() -> None:
    before = load_version("c7-23-before-wbv-2025-11")
    wbv = {s.id for s in before.sources if s.file == "wbv-2025-11-c7-23-mali.txt"}
    assert wbv
    cited = [before.rules.exclusion, before.rules.no_ipa_individual]
    cited += [before.rules.ipa_individual_assessment]
    for region in before.regions:
        cited += [region.gradation_citation, region.ipa_citation]
    assert all(c.reading for c in cited if c.source in wbv)
    decision = policy.evaluate(policy.Case(region="Gao"), before)
    assert all(step.reading for step in decision.steps if step.source in wbv)
    assert any(step.rule == "article_15c" for step in decision.steps)


def test_each_summary_says_only_what_its_quote_says() -> None:
    """Kidal's and Tombouctou's reasons quote the drones, casualties and security sentences
    the summaries mention; Ménaka carries the sentence it shares with Ségou."""
    current = load_version("WBV 2025/11")
    for code in ("ML-6", "ML-8"):
        quotes = " ".join(r.text_nl for r in current.region(code).reasons)
        assert "drones" in quotes and "burgerslachtoffers" in quotes
        assert "veiligheidsstructuur" in quotes
    shared = "in beide regio’s ten opzichte van de totale burgerbevolking"
    for code in ("ML-4", "ML-9"):
        assert any(shared in r.text_nl for r in current.region(code).reasons)


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
