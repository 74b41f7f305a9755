"""Shared policy phrases, read from the one catalogue (`wording/catalogue/`).

Labels of the codes, the conclusions of the steps, the outcome line, the memo's headings and the
disclaimer are legal wording: they live in data, once, so that the CLI, the memo, the JSON and
the page all say the same thing, and a jurist can correct a sentence without touching code.
"""

from __future__ import annotations

from enum import Enum

from policy.models import PolicyVersion
from wording import LANGUAGES, Lang, check_lang, entry, phrases, t, texts

__all__ = ["LANGUAGES", "Lang", "entry", "text", "texts"]


def text(key: str, lang: str, **values: object) -> str:
    """The text at `key` in `lang`, its `{placeholders}` filled from `values` (wording.t)."""
    check_lang(lang)
    return t(key, lang, **values)


def _code(code: str | Enum) -> str:
    return code.value if isinstance(code, Enum) else str(code)


def gradation_label(code: str | Enum, lang: str = "en") -> str:
    """The Dutch legal term or English rendering of a gradation code (wording.phrases)."""
    return phrases.gradation_label(code, lang)


def region_gradation_label(version: PolicyVersion, code: str, lang: str = "en") -> str:
    """A region's level as the listings show it: its label, what the sources say of a level
    they narrow without fixing, or the version's own term (wording.phrases.region_gradation)."""
    region = version.region(code)
    return phrases.region_gradation(
        region.gradation, region.gradation_possible, lang, version.level_term_nl
    )


def outcome_label(code: str | Enum, lang: str = "en") -> str:
    """The Dutch or English label of an outcome code (wording.phrases)."""
    return phrases.outcome_label(code, lang)


def flag_label(code: str | Enum, lang: str = "en") -> str:
    """The Dutch or English explanation of a decision flag."""
    return text(f"flag.{_code(code)}", lang)


def elements_label(code: str | Enum, lang: str = "en") -> str:
    """The Dutch or English word for a level of individual elements (none/limited/substantial)."""
    return text(f"elements.{_code(code)}", lang)


def fact_answer(value: bool, lang: str = "en") -> str:
    """A yes/no fact of a case as a lawyer files it: "vastgesteld" / "niet vastgesteld"."""
    return text("fact_answer.established" if value else "fact_answer.not_established", lang)


def fact_label(name: str, lang: str = "en") -> str:
    """The Dutch or English wording of one fact of a case (a field of `Case`)."""
    return text(f"fact.{name}", lang)


def ipa_role_label(role: str | Enum, lang: str = "en") -> str:
    """A region's IPA status, in words (map, details, overview, legend, CLI): wording.phrases."""
    return phrases.ipa_status(role, lang)


def ipa_answer_label(
    answer: bool | None, lang: str = "en", at_issue: bool = True, role: str | Enum = ""
) -> str:
    """A Decision's answer to "does the IPA apply?" (wording.phrases.ipa_answer); `role` is the
    region's IPA role, so a region not on the list reads as it does on the map."""
    return phrases.ipa_answer(answer, role, lang, at_issue)
