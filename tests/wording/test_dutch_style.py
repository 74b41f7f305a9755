"""Dutch as a lawyer writes it, in every Dutch text of the catalogue: "hangt ervan af of" (a
clause after "afhangen" takes "ervan"), "aanwijzingen dat artikel 1F van toepassing is", one
term for the 2023 reform of Mali's regions ("herindeling van 2023"), and "toelichting" only
for a decree's own TOELICHTING (an explanation of ours is a "samenvatting" or "uitleg")."""

from __future__ import annotations

import re

import pytest

from policy import Case, evaluate, load_version
from wording import entry, keys


def dutch_texts() -> list[tuple[str, str]]:
    return [(key, entry(key)["nl"]) for key in sorted(keys())]


def test_a_clause_after_afhangen_takes_ervan() -> None:
    wrong = re.compile(r"hangt\s+(?:het\s+)?af\s+van\s+(?:of\b|welk|\{)|hangt\s+af\s+of\b")
    found = [key for key, text in dutch_texts() if wrong.search(text)]
    assert not found, found


@pytest.mark.parametrize("region", ["Taoudénit", "Bandiagara"])
def test_an_undetermined_outcome_hangt_ervan_af_of(region) -> None:
    decision = evaluate(Case(region=region), load_version())
    assert decision.outcome.value == "undetermined"
    assert "hangt ervan af of " in decision.outcome_line("nl")


def test_a_missing_level_reads_as_a_clause() -> None:
    """An unknown level is "welk niveau … de IND aanneemt", so it fits "hangt ervan af"."""
    assert entry("missing.gradation")["nl"].startswith("welk niveau")


def test_article_1f_indications_are_that_it_applies() -> None:
    loose = re.compile(r"aanwijzingen\s+(?:voor|van|op)\s+(?:artikel\s+)?1F", re.IGNORECASE)
    found = [key for key, text in dutch_texts() if loose.search(text)]
    assert not found, found
    assert "Aanwijzingen dat artikel 1F" in entry("flag.exclusion_review")["nl"]


def test_one_term_for_the_2023_reform() -> None:
    other = re.compile(r"(?:hervorming|(?<!her)indeling|herverdeling|reorganisatie)\s+van\s+2023")
    found = [key for key, text in dutch_texts() if other.search(text)]
    assert not found, found
    assert sum("herindeling van 2023" in text for _, text in dutch_texts()) >= 5


def test_toelichting_is_only_the_decree_s_own() -> None:
    """Where a text explains something itself, it does not call that a "toelichting"."""
    ours = re.compile(r"(?:Engelse|geen|onze|korte)\s+toelichting|^Toelichting\b", re.IGNORECASE)
    found = [key for key, text in dutch_texts() if ours.search(text)]
    assert not found, found
