"""C7/23 Vc in full: every sub-paragraph, word for word from the decree, with the rules that
use it."""

from __future__ import annotations

import json
import re

import pytest

from policy import Case, evaluate, load_version
from policy.cli import main
from policy.data_files import SOURCES_DIR
from policy.paragraphs import load_full_text, load_paragraphs
from policy.quotes import quote_occurs

WBV = load_version("WBV 2025/11")
BEFORE = load_version("C7/23 Vc before WBV 2025/11")
FULL = load_full_text(WBV)
GEEN_BIJZONDERHEDEN = ("23.1", "23.2", "23.3.1", "23.3.2", "23.4.1", "23.4.1.1", "23.4.1.2")
GEEN_BIJZONDERHEDEN += ("23.5.1", "23.6", "23.7")


def _numbers_in_the_decree() -> list[str]:
    """The numbered headings of the new C7/23 Vc, read from the source text itself."""
    text = (SOURCES_DIR / FULL.source_file).read_text(encoding="utf-8")
    start = text.index("komt te luiden:")
    end = text.index("ARTIKEL II")
    return re.findall(r"^\s*(23(?:\.\d+)*)\.\s", text[start:end], flags=re.MULTILINE)


def _written(paragraph) -> str:
    return " ".join(part for part in (f"{paragraph.number}.", paragraph.heading) if part) + (
        f" {paragraph.text_nl}" if paragraph.text_nl else ""
    )


def test_every_paragraph_of_the_decree_is_listed_in_order() -> None:
    numbers = _numbers_in_the_decree()
    assert len(numbers) == 16
    assert [p.number for p in FULL.paragraphs] == numbers


def test_every_heading_and_text_is_a_verbatim_quote_of_the_source() -> None:
    for paragraph in FULL.paragraphs:
        assert quote_occurs(paragraph.heading, FULL.source_file), paragraph.number
        if paragraph.text_nl:
            assert quote_occurs(paragraph.text_nl, FULL.source_file), paragraph.number


def test_the_paragraphs_follow_each_other_in_the_source_with_nothing_left_out() -> None:
    """Each paragraph (number, heading, text) runs straight into the next one's number, from
    "komt te luiden:" to "ARTIKEL II": no word of the decree is missing or added."""
    pieces = ["komt te luiden:", *map(_written, FULL.paragraphs), "ARTIKEL II"]
    for before, after in zip(pieces, pieces[1:], strict=False):
        assert quote_occurs(f"{before} {after}", FULL.source_file), (before[:40], after[:40])


@pytest.mark.parametrize("number", GEEN_BIJZONDERHEDEN)
def test_geen_bijzonderheden_paragraphs_are_listed_with_a_one_line_gloss(number) -> None:
    (paragraph,) = [p for p in FULL.paragraphs if p.number == number]
    assert paragraph.text_nl == "Geen bijzonderheden."
    assert paragraph.gloss_en and "\n" not in paragraph.gloss_en
    assert "not applicable" not in paragraph.gloss_en


def test_glosses_say_what_the_text_says() -> None:
    glosses = {p.number: p.gloss_en for p in FULL.paragraphs}
    assert "No group persecution is assumed" in glosses["23.3.1"]
    assert "No departure moratorium" in glosses["23.7"]
    assert "No decision moratorium" in glosses["23.1"]
    assert all(glosses.values())


def test_used_by_is_derived_from_the_steps_of_the_rules() -> None:
    used = {p.number: p.used_by for p in FULL.paragraphs}
    assert "gradation" in used["23.4.2"]
    assert set(used["23.5.2"]) >= {"no_ipa_individual", "ipa_list"}
    assert used["23.2"] == ("exclusion_1f",)
    for number in ("23.1", "23.3.1", "23.6", "23.7"):
        assert used[number] == ()
    # Every step that cites a C7/23 paragraph is listed under that paragraph, and no step cites
    # a paragraph the decree does not have.
    for case in (
        Case(region="Gao"),
        Case(region="Kayes", exclusion_indications=True),
        Case(region="Ménaka", individual_harm=True),
        Case(region="Mopti", individual_elements="substantial", ipa_obstacles=True),
    ):
        for step in evaluate(case, WBV).steps:
            for number in re.findall(r"C7/(23(?:\.\d+)*)", step.citation):
                assert step.rule in used[number], (number, step.rule)


def test_load_paragraphs_gives_the_same_paragraphs() -> None:
    assert load_paragraphs(WBV) == FULL.paragraphs
    assert FULL.paragraphs[0].paragraph == "C7/23 Vc"
    assert [p.paragraph for p in FULL.paragraphs][10] == "C7/23.4.2 Vc"


def test_paragraphs_without_rules_are_the_same_texts_with_no_rules_named() -> None:
    """A memo's checklist reads headings and texts only; it gets the same words, no rule list."""
    bare = load_paragraphs(WBV, with_rules=False)
    assert [(p.number, p.heading, p.text_nl, p.gloss_en) for p in bare] == [
        (p.number, p.heading, p.text_nl, p.gloss_en) for p in FULL.paragraphs
    ]
    assert all(p.used_by == () for p in bare)
    assert any(p.used_by for p in FULL.paragraphs)


def test_the_earlier_version_has_no_full_text_in_our_sources() -> None:
    with pytest.raises(Exception, match="not in our sources"):
        load_paragraphs(BEFORE)


def test_cli_json_lists_every_paragraph_with_the_agreed_keys(capsys) -> None:
    assert main(["paragraphs", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [set(row) for row in rows] == [
        {"paragraph", "heading", "text_nl", "gloss_en", "used_by"}
    ] * len(rows)
    assert [row["paragraph"] for row in rows][:3] == ["C7/23 Vc", "C7/23.1 Vc", "C7/23.2 Vc"]


def test_cli_text_shows_each_heading_text_and_gloss(capsys) -> None:
    assert main(["paragraphs", "--policy", "wbv-2025-11"]) == 0
    out = capsys.readouterr().out
    assert "C7/23.7 Vc  Vertrekmoratorium" in out
    assert "De IND neemt voor Mali in beginsel een binnenlands" in out
    assert "used by: no_ipa_individual, ipa_list" in out


def test_cli_earlier_version_is_one_line_and_exit_2(capsys) -> None:
    assert main(["paragraphs", "--policy", "c7-23-before-wbv-2025-11"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("python -m policy: ")
    assert "full text of C7/23 Vc of this version is not in our sources" in lines[0]
