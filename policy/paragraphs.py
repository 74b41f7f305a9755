"""Paragraph C7/23 Vc in full: every sub-paragraph with number, heading, Dutch text, an English
gloss, and the rules that use it.

The texts are data (`policy/paragraph_texts/<version>.toml`), copied word for word from the
source in `policy/sources/`, including the sub-paragraphs that read "Geen bijzonderheden": an
analyst should see the whole paragraph, not only the parts the rules apply. Which rule uses which
paragraph (`used_by`) is not written by hand: it is read from the steps `evaluate` produces over
every combination of region and facts, so it cannot drift from the rules.
"""

from __future__ import annotations

import itertools
import re
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from policy.data_files import PACKAGE_DIR
from policy.errors import PolicyError
from policy.models import IndividualElements, PolicyVersion
from policy.quotes import normalise_quote

PARAGRAPH_TEXTS_DIR = PACKAGE_DIR / "paragraph_texts"
_C7_23 = re.compile(r"C7/(23(?:\.\d+)*)")


@dataclass(frozen=True)
class Paragraph:
    """One (sub-)paragraph of C7/23 Vc. `text_nl` is empty for a heading without text of its
    own (23, 23.3, 23.4, 23.5); `used_by` names the engine's rules (Step.rule) citing it."""

    number: str
    heading: str
    text_nl: str
    gloss_en: str
    used_by: tuple[str, ...]

    @property
    def paragraph(self) -> str:
        return f"C7/{self.number} Vc"

    def to_dict(self) -> dict[str, Any]:
        """The JSON of `python -m policy paragraphs --json` (one object per paragraph)."""
        return {
            "paragraph": self.paragraph,
            "heading": self.heading,
            "text_nl": self.text_nl,
            "gloss_en": self.gloss_en,
            "used_by": list(self.used_by),
        }


@dataclass(frozen=True)
class FullText:
    """The whole paragraph as one version words it, and where the words are from."""

    version_id: str
    source: str
    """The id of the version's source the text is copied from (its file: `source_file`)."""
    source_file: str
    cited_as: str
    paragraphs: tuple[Paragraph, ...]


def load_paragraphs(version: PolicyVersion, *, with_rules: bool = True) -> tuple[Paragraph, ...]:
    """Every sub-paragraph of C7/23 Vc under `version`, in the order of the text.

    Raises PolicyError (one line) when the version's full text is not in our sources.
    `with_rules=False` leaves `used_by` empty: finding the rules evaluates every combination of
    facts in every region, which a reader of headings and texts (a memo's checklist) need not pay.
    """
    return load_full_text(version, with_rules=with_rules).paragraphs


def load_full_text(
    version: PolicyVersion, text_file: Path | None = None, *, with_rules: bool = True
) -> FullText:
    """The paragraphs with the source they are copied from; see `load_paragraphs`.

    `text_file` names the paragraph texts of a version read from a path (a draft's
    `DRAFT.paragraphs.toml`, written beside it by `python -m policy draft-version`).
    """
    data, path = _text_file(version.id) if text_file is None else _read_text_file(text_file)
    if not data.get("full_text"):
        raise PolicyError(
            f"policy {version.id!r}: the full text of C7/23 Vc of this version is not in our "
            f"sources ({data.get('why', 'no reason given')})"
        )
    files = {source.id: source.file for source in version.sources}
    source = data.get("source")
    file = files.get(source) if isinstance(source, str) else None
    if source is None or not file:
        raise PolicyError(f"{path}: source: {source!r} is not a source with a file in {version.id}")
    used = used_by(version) if with_rules else {}
    paragraphs = tuple(
        Paragraph(
            number=entry["number"],
            heading=normalise_quote(entry["heading"]),
            text_nl=entry["text_nl"].strip(),
            gloss_en=entry["gloss_en"],
            used_by=used.get(entry["number"], ()),
        )
        for entry in data["paragraphs"]
    )
    return FullText(version.id, source, file, data["cited_as"], paragraphs)


def used_by(version: PolicyVersion) -> dict[str, tuple[str, ...]]:
    """Paragraph number ("23.4.2") → the rules whose steps cite it, in the order they run.

    Evaluates every region of the version with every combination of the case's facts and reads
    C7/23 paragraph numbers from each step's citation.
    """
    return dict(_used_by(version))


@cache
def _used_by(version: PolicyVersion) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Cached per version (a frozen dataclass: equal versions share the answer)."""
    from policy import Case, evaluate  # the package's public names: stable across modules

    found: dict[str, dict[str, None]] = {}
    flags = (False, True)
    for code, persecution, harm, elements, obstacles, exclusion in itertools.product(
        [region.code for region in version.regions],
        flags,
        flags,
        list(IndividualElements),
        flags,
        flags,
    ):
        case = Case(
            region=code,
            persecution=persecution,
            individual_harm=harm,
            individual_elements=elements,
            ipa_obstacles=obstacles,
            exclusion_indications=exclusion,
        )
        for step in evaluate(case, version).steps:
            for number in _C7_23.findall(step.citation):
                found.setdefault(number, {})[step.rule] = None
    return tuple((number, tuple(rules)) for number, rules in found.items())


@cache
def _text_files() -> dict[str, tuple[dict[str, Any], Path]]:
    """Version id → (data, path) of every file in policy/paragraph_texts/."""
    files: dict[str, tuple[dict[str, Any], Path]] = {}
    for path in sorted(PARAGRAPH_TEXTS_DIR.glob("*.toml")):
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
        files[data["version"]] = (data, path)
    return files


def _read_text_file(path: Path) -> tuple[dict[str, Any], Path]:
    try:
        with open(path, "rb") as handle:
            return tomllib.load(handle), path
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise PolicyError(f"{path}: cannot read the paragraph texts ({error})") from None


def _text_file(version_id: str) -> tuple[dict[str, Any], Path]:
    files = _text_files()
    if version_id not in files:
        raise PolicyError(
            f"policy {version_id!r}: no text of C7/23 Vc for this version in {PARAGRAPH_TEXTS_DIR}"
        )
    return files[version_id]
