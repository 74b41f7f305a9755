"""The Decision model: the indicative outcome with its chain of cited steps, and its JSON form.

Rendering it as a memo lives in `policy.memo`; the rules that make it live in `policy.rules`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from policy.case import NamedOrigin
from policy.models import Flag, Gradation, Outcome
from policy.texts import LANGUAGES
from wording import phrases


@dataclass(frozen=True)
class Step:
    """One step of reasoning: the rule, its citation and Dutch source text, the conclusion."""

    rule: str
    citation: str
    source: str
    source_text: str
    conclusion_nl: str
    conclusion_en: str
    reading: bool = False
    note_en: str | None = None
    note_nl: str | None = None
    scenario_change: bool = False
    """The step rests on a value a what-if scenario changed (its note says from what to what)."""

    def note(self, lang: str) -> str | None:
        """The step's remark (a what-if change, a gap in the sources, evidence) in `lang`."""
        return self.note_nl if lang == "nl" else self.note_en

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "citation": self.citation,
            "source": self.source,
            "source_text": self.source_text,
            "conclusion": {"nl": self.conclusion_nl, "en": self.conclusion_en},
            "reading": self.reading,
            "note_en": self.note_en,
            "note_nl": self.note_nl,
            "scenario_change": self.scenario_change,
        }


@dataclass(frozen=True)
class AlternativeReading:
    """The outcome under one reading of a text that is silent (`region_scope_unclear`)."""

    reading: str
    """`part_of_region` (the unit read as part of the one it was split off from) or `not_named`."""
    region_code: str
    region_name: str
    gradation: Gradation
    outcome: Outcome
    ipa_applies: bool | None
    label_nl: str
    label_en: str

    def to_dict(self) -> dict[str, Any]:
        return {
            "reading": self.reading,
            "region": {"code": self.region_code, "name": self.region_name},
            "gradation": self.gradation.value,
            "outcome": self.outcome.value,
            "ipa_applies": self.ipa_applies,
            "label": {"nl": self.label_nl, "en": self.label_en},
        }


@dataclass(frozen=True)
class Decision:
    """The indicative outcome with its chain of steps; see `to_dict` for the JSON contract.

    `outcome_line_nl/en` is the one sentence that states the outcome as an indication of the
    policy, with what it means (an IPA is held against the applicant), what it rests on (a value
    not in the sources, both readings) and the Article 1F reservation; `missing_values` names
    the version's values an `undetermined` outcome depends on (`regions[ML-7].ipa_applies`).
    """

    policy_id: str
    policy_modified: bool
    region_code: str
    region_name: str
    region_mapped_from: str | None
    gradation: Gradation
    outcome: Outcome
    ipa_applies: bool | None
    flags: tuple[str, ...]
    steps: tuple[Step, ...]
    ipa_criteria_answered: Mapping[str, bool]
    disclaimer_nl: str
    disclaimer_en: str
    region_mapping_note: str | None = None
    region_mapping_note_nl: str | None = None
    facts: Mapping[str, Any] = field(default_factory=dict)
    origin: NamedOrigin | None = None
    missing_values: tuple[str, ...] = ()
    alternative_readings: tuple[AlternativeReading, ...] = ()
    outcome_line_nl: str = ""
    outcome_line_en: str = ""
    ipa_role: str = ""
    policy_label_nl: str = ""
    policy_label_en: str = ""
    """The version's short name in each language (the id where the version gives none)."""
    scenario_title: str | None = None
    """The title of the what-if scenario the decision was made under: its headline names it."""
    gradation_possible: tuple[Gradation, ...] = ()
    """The levels the sources leave possible where they narrow an unknown one (else empty)."""
    level_term_nl: str | None = None
    """The version's own term for its highest level, where it has one (the earlier version)."""

    def gradation_words(self, lang: str = "en") -> str:
        """The region's level as every listing and output words it (wording.phrases): a level
        the sources narrow reads as what they say, the earlier version's in its own term."""
        return phrases.region_gradation(
            self.gradation, self.gradation_possible, lang, self.level_term_nl
        )

    @property
    def policy(self) -> dict[str, Any]:
        return {"id": self.policy_id, "modified": self.policy_modified}

    @property
    def region(self) -> dict[str, Any]:
        return {"code": self.region_code, "name": self.region_name}

    @property
    def subject_to_exclusion_review(self) -> bool:
        """Indications of Article 1F: the outcome holds only subject to that review."""
        return Flag.exclusion_review.value in self.flags

    def outcome_line(self, lang: str = "en") -> str:
        """The outcome as one sentence in `lang` (the memo's, the JSON's and the page's)."""
        if lang not in LANGUAGES:
            raise ValueError(f"language must be 'nl' or 'en', not {lang!r}")
        return self.outcome_line_nl if lang == "nl" else self.outcome_line_en

    def policy_label(self, lang: str = "en") -> str:
        """The version's short name in `lang` (memo, PDF, CLI)."""
        return (self.policy_label_nl if lang == "nl" else self.policy_label_en) or self.policy_id

    def headline(self, lang: str = "en", escape: Callable[[str], str] | None = None) -> str:
        """The outcome line with the decision's marks in front (a what-if scenario with its
        title, a reading): the first thing every surface says (page box, memo, PDF, CLI), in
        the same words. `escape` is the output's escape for the scenario's title, which a user
        wrote (`wording.escape.markdown` for the memo); the rest is the catalogue's."""
        return phrases.headline(
            self.outcome_line(lang), self.flags, lang, title=self.scenario_title, escape=escape
        )

    def ipa_answer(self, lang: str = "en") -> str:
        """The decision's IPA answer in words, the same on every surface (wording.phrases)."""
        at_issue = self.outcome is not Outcome.no_protection_ground
        return phrases.ipa_answer(self.ipa_applies, self.ipa_role, lang, at_issue)

    def disclaimer(self, lang: str = "en") -> str:
        """The decision's disclaimer in `lang`."""
        return self.disclaimer_nl if lang == "nl" else self.disclaimer_en

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `python -m policy evaluate --json` (docs/cli.md lists every key)."""
        return {
            "policy": self.policy_id,
            "policy_modified": self.policy_modified,
            "policy_label": {"nl": self.policy_label("nl"), "en": self.policy_label("en")},
            "region": {
                **self.region,
                "mapped_from": self.region_mapped_from,
                "mapping_note": self.region_mapping_note,
                "mapping_note_nl": self.region_mapping_note_nl,
            },
            "origin": self.origin.to_dict() if self.origin else None,
            "gradation": self.gradation.value,
            "gradation_possible": [level.value for level in self.gradation_possible],
            "outcome": self.outcome.value,
            "outcome_line": {"nl": self.outcome_line_nl, "en": self.outcome_line_en},
            "headline": {"nl": self.headline("nl"), "en": self.headline("en")},
            "scenario_title": self.scenario_title,
            "missing_values": list(self.missing_values),
            "alternative_readings": [reading.to_dict() for reading in self.alternative_readings],
            "subject_to_exclusion_review": self.subject_to_exclusion_review,
            "ipa_applies": self.ipa_applies,
            "ipa_role": self.ipa_role,
            "flags": list(self.flags),
            "steps": [step.to_dict() for step in self.steps],
            "ipa_criteria_answered": dict(self.ipa_criteria_answered),
            "facts": dict(self.facts),
            "disclaimer": {"nl": self.disclaimer_nl, "en": self.disclaimer_en},
        }

    def to_markdown(self, lang: str = "en") -> str:
        """A memo an analyst can paste (see `policy.memo.render_memo`)."""
        from policy.memo import render_memo

        return render_memo(self, lang)
