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
        'source = "wbv-2025-11"\nnote_en = "Kayes', 'source = "x"\nnote_en = "Kayes', 1
    )
    problems = validate_file(_write(tmp_path, text))
    assert any("'x' is not one of the sources" in p for p in problems), problems


def test_not_toml_and_missing_file(tmp_path: Path) -> None:
    problems = validate_file(_write(tmp_path, "id = [unclosed"))
    assert len(problems) == 1 and "not valid TOML" in problems[0]
    assert validate_file(tmp_path / "none.toml") == [f"{tmp_path / 'none.toml'}: file not found"]
