"""Words for what a Decision leaves open and for dates, shared by the rules and the memo.

A module of its own so that the memo (rendered from a Decision) and the rules (which make it)
share the words without importing each other.
"""

from __future__ import annotations

import datetime as dt

from policy.data_files import official_units
from policy.regions import split_off
from wording import phrases


def date_words(day: dt.date, lang: str) -> str:
    """18 juni 2025 / 18 June 2025 (the wording layer's one date form)."""
    return phrases.date(day, lang)


def missing_in_words(value: str, lang: str, given: str | None = None) -> str:
    """A value of `missing_values` (`regions[ML-10].scope`) in words, for a memo a lawyer reads:
    no internal keys. `given` is the 2023 reform name the case was given by, if any. Region
    names come from the units table, the same in every version."""
    code = value[len("regions[") : value.index("]")]
    what = value.rsplit(".", 1)[1]
    names = official_units()
    region = names.get(code, code)
    if what == "scope":
        split = split_off(code)
        parent = names.get(split.parent, split.parent) if split else region
        return phrases.missing_value("scope", lang, parent=parent, region=region)
    if what == "name_2023":
        return phrases.missing_value("name_2023", lang, region=region, given=given or region)
    return phrases.missing_value(what, lang, region=region)
