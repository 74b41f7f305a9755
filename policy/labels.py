"""Labels of gradations, outcomes, flags, individual elements and case facts in Dutch and
English, from `labels.toml`.

The labels are legal terms: they live in data so that the map legend, the decision form, the
memo and the CLI all say the same thing.
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from policy.data_files import read_package_toml

Lang = Literal["nl", "en"]


def _label(kind: str, code: str | Enum, lang: str) -> str:
    if lang not in ("nl", "en"):
        raise ValueError(f"language must be 'nl' or 'en', not {lang!r}")
    key = code.value if isinstance(code, Enum) else str(code)
    table = read_package_toml("labels.toml")[kind]
    if key not in table:
        raise KeyError(f"labels.toml: no {kind} label for {key!r}")
    return table[key][lang]


def gradation_label(code: str | Enum, lang: Lang = "en") -> str:
    """The Dutch legal term or English rendering of a gradation code."""
    return _label("gradation", code, lang)


def outcome_label(code: str | Enum, lang: Lang = "en") -> str:
    """The Dutch or English label of an outcome code."""
    return _label("outcome", code, lang)


def flag_label(code: str | Enum, lang: Lang = "en") -> str:
    """The Dutch or English explanation of a decision flag."""
    return _label("flag", code, lang)


def elements_label(code: str | Enum, lang: Lang = "en") -> str:
    """The Dutch or English word for a level of individual elements (none/limited/substantial)."""
    return _label("elements", code, lang)


def fact_label(name: str, lang: Lang = "en") -> str:
    """The Dutch or English wording of one fact of a case (a field of `Case`)."""
    return _label("fact", name, lang)
