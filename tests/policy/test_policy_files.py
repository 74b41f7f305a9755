"""Malformed policy files: every problem names the file and the field."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from policy import PolicyFileError, load_version_file, validate_file
from policy.data_files import VERSIONS_DIR

CURRENT = (VERSIONS_DIR / "wbv-2025-11.toml").read_text(encoding="utf-8")


def _write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "broken.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_shipped_files_are_valid() -> None:
    for path in VERSIONS_DIR.glob("*.toml"):
        assert validate_file(path) == []


def test_missing_field(tmp_path: Path) -> None:
    path = _write(tmp_path, CURRENT.replace('title = "Besluit', 'titel = "Besluit', 1))
    problems = validate_file(path)
    assert any(p.startswith(f"{path}: title: Field required") for p in problems), problems
    with pytest.raises(PolicyFileError, match=re.escape(str(path))):
        load_version_file(path)


def test_unknown_gradation(tmp_path: Path) -> None:
    text = CURRENT.replace('gradation = "relatively_lower"', 'gradation = "extreme"', 1)
    problems = validate_file(_write(tmp_path, text))
    assert any("regions[1] (ML-2).gradation" in p and "'extreme'" in p for p in problems)


def test_duplicate_region(tmp_path: Path) -> None:
    text = CURRENT.replace('code = "ML-3"', 'code = "ML-2"', 1)
    problems = validate_file(_write(tmp_path, text))
    assert any("regions[2].code: duplicate region 'ML-2'" in p for p in problems), problems
    assert any("missing unit(s) ML-3" in p for p in problems)


def test_bad_date(tmp_path: Path) -> None:
    text = CURRENT.replace("signed = 2025-06-04", 'signed = "2025-13-04"', 1)
    problems = validate_file(_write(tmp_path, text))
    assert any(p.startswith(f"{tmp_path / 'broken.toml'}: signed:") for p in problems), problems


def test_ipa_value_must_be_true_false_or_unknown(tmp_path: Path) -> None:
    text = CURRENT.replace("ipa_applies = true", 'ipa_applies = "perhaps"', 1)
    problems = validate_file(_write(tmp_path, text))
    assert any("regions[1] (ML-2).ipa_applies" in p for p in problems), problems


def test_citation_source_must_be_listed(tmp_path: Path) -> None:
    text = CURRENT.replace(
        '[citations.levels]\nparagraph = "C7/23.4.2 Vc"\nsource = "wbv-2025-11"',
        '[citations.levels]\nparagraph = "C7/23.4.2 Vc"\nsource = "x"',
        1,
    )
    problems = validate_file(_write(tmp_path, text))
    assert any("citations.levels.source: 'x' is not one of the sources" in p for p in problems)


def test_not_toml_and_missing_file(tmp_path: Path) -> None:
    problems = validate_file(_write(tmp_path, "id = [unclosed"))
    assert len(problems) == 1 and "not valid TOML" in problems[0]
    assert validate_file(tmp_path / "none.toml") == [
        f"{tmp_path / 'none.toml'}: cannot read (No such file or directory)"
    ]


def test_every_problem_is_reported_even_with_field_errors(tmp_path: Path) -> None:
    """A missing field, a wrong official name, an unlisted source, a wrong quote and a bad
    ipa_destination, all in one file: validate lists each with its location."""
    text = CURRENT.replace('title = "Besluit', 'titel = "Besluit', 1)
    text = text.replace('name = "Ségou"', 'name = "Timbuktu"', 1)
    text = text.replace('ipa_destination = "ML-BKO"', 'ipa_destination = "ML-99"', 1)
    text = text.replace(
        'source = "wbv-2025-11"\ntext_nl = "De IND neemt voor Mali aan dat sprake is van een '
        'relatief hoger niveau van willekeurig geweld in de regio’s Ménaka en Ségou."',
        'source = "x"\ntext_nl = "De IND neemt voor Mali aan dat sprake is van een '
        'hoog niveau van willekeurig geweld in de regio’s Ménaka en Ségou."',
        1,
    )
    text = text.replace(
        'relatief lager niveau van willekeurig geweld in de regio Koulikoro."\n\n',
        'relatief lager niveau van willekeurig geweld in de regio Kayes."\n\n',
        1,
    )
    path = _write(tmp_path, text)
    problems = validate_file(path)
    joined = "\n".join(problems)
    assert f"{path}: title: Field required" in joined
    assert f"{path}: regions[3] (ML-4).name: 'Timbuktu' is not the official name" in joined
    assert f"{path}: citations.level-higher.source: 'x' is not one of" in joined
    assert f"{path}: ipa_destination: 'ML-99' is not a region code" in joined
    assert f"{path}: citations.levels.text_nl: not found word for word" in joined


def test_a_missing_or_misquoted_reason_is_reported_with_its_path(tmp_path: Path) -> None:
    text = CURRENT.replace("toename van militaire operaties", "afname van militaire operaties", 1)
    problems = validate_file(_write(tmp_path, text))
    assert any("citations.letter-segou.text_nl: not found word for word" in p for p in problems), (
        problems
    )


def test_source_file_must_exist(tmp_path: Path) -> None:
    text = CURRENT.replace('file = "kamerbrief-mali-2025.txt"', 'file = "brief.txt"', 1)
    problems = validate_file(_write(tmp_path, text))
    assert any(
        "sources[1] (kamerbrief-2025-06-17).file: 'brief.txt' is not a file" in p for p in problems
    ), problems


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ('code = "ML-4"', 'code = "ML-44"', "regions[3].code: 'ML-44' is not a unit"),
        ('code = "ML-4"', 'code = "ML-44"', "regions: missing unit(s) ML-4"),
        ('name = "Ménaka"', 'name = "Menaka"', "'Menaka' is not the official name of ML-9"),
    ],
)
def test_units_are_checked_against_the_one_units_table(tmp_path, old, new, expected) -> None:
    problems = validate_file(_write(tmp_path, CURRENT.replace(old, new, 1)))
    assert any(expected in p for p in problems), problems


def test_extra_unit_is_reported(tmp_path: Path) -> None:
    start = CURRENT.index('[[regions]]\ncode = "ML-BKO"')
    extra = CURRENT[start:].replace('code = "ML-BKO"', 'code = "ML-11"', 1)
    problems = validate_file(_write(tmp_path, CURRENT + "\n" + extra))
    assert any("regions[11].code: 'ML-11' is not a unit" in p for p in problems), problems


def test_ipa_destination_is_required_when_a_region_has_the_ipa(tmp_path: Path) -> None:
    text = CURRENT.replace('ipa_destination = "ML-BKO"\n', "", 1)
    text = text.replace('ipa_destination_citation = "ipa-bamako"\n', "", 1)
    problems = validate_file(_write(tmp_path, text))
    assert any(
        p.startswith(f"{tmp_path / 'broken.toml'}: ipa_destination: required") and "(ML-2)" in p
        for p in problems
    ), problems


def test_borrowed_source_citations_must_be_marked_reading(tmp_path: Path) -> None:
    previous = (VERSIONS_DIR / "c7-23-before-wbv-2025-11.toml").read_text(encoding="utf-8")
    text = previous.replace(
        'reading = true\nnote_en = "The previous wording of C7/23.2',
        'note_en = "The previous wording of C7/23.2',
        1,
    )
    problems = validate_file(_write(tmp_path, text))
    assert any("citations.article-1f.reading: must be true" in p for p in problems), problems
