"""The policy as data: codes, citations, regions and versions (frozen dataclasses).

Every value a version holds carries a `Citation` (paragraph + the exact Dutch sentence), the way
OpenFisca parameters carry their legal reference. The models are frozen so that a version the
dashboard caches can never be changed for everyone; a what-if scenario is a new object
(`PolicyVersion.with_overrides`).

They are plain dataclasses, not pydantic models, so that answering one case
(`python -m policy evaluate`) does not import pydantic. Pydantic still validates every version:
`policy.version_checks` reads these classes (their fields, the `NonEmpty` and `TrueFalseOrUnknown`
marks, `__pydantic_config__` and `__post_init__`) when it checks data, and only then.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass
from enum import Enum, StrEnum
from typing import Annotated, Any, ClassVar, cast

from policy.errors import UnknownRegionError
from wording import phrases, t


class Gradation(StrEnum):
    """The Article 15(c) level a version assigns to a region (C7/23.4.2 Vc)."""

    exceptional = "exceptional"
    relatively_higher = "relatively_higher"
    relatively_lower = "relatively_lower"
    no_15c = "no_15c"
    not_designated = "not_designated"
    unknown = "unknown"


class IndividualElements(StrEnum):
    """How much the applicant shows to be specifically affected (sliding scale, C2/3.3.3 Vc)."""

    none = "none"
    limited = "limited"
    substantial = "substantial"


class Outcome(StrEnum):
    """The indicative outcome of the decision order of the engine."""

    refugee_status = "refugee_status"
    subsidiary_protection_individual = "subsidiary_protection_individual"
    subsidiary_protection_15c = "subsidiary_protection_15c"
    internal_protection_alternative = "internal_protection_alternative"
    no_protection_ground = "no_protection_ground"
    undetermined = "undetermined"
    """The outcome depends on a value the version's sources do not give (named in the Decision's
    `missing_values`), or on a reading the text leaves open (`region_scope_unclear`)."""


class Flag(StrEnum):
    """What a Decision signals beside its outcome, in the order a Decision lists them."""

    what_if = "what_if"
    region_mapped = "region_mapped"
    exclusion_review = "exclusion_review"
    region_not_named = "region_not_named"
    region_scope_unclear = "region_scope_unclear"
    gradation_unknown = "gradation_unknown"
    gradation_narrowed = "gradation_narrowed"
    """The sources narrow the level to a set of possibilities without fixing it."""
    ipa_reading_open = "ipa_reading_open"
    """Whether the IPA sentence covers a 15(c) risk resting partly on individual elements."""
    ipa_unknown = "ipa_unknown"
    rests_on_reading = "rests_on_reading"
    rests_on_inference = "rests_on_inference"
    """Every possibility the sources leave open gives the same outcome: it is inferred."""


class IpaRole(StrEnum):
    """A region's part in the internal protection alternative (C7/23.5.2 Vc), as the map draws
    it: the place of the alternative, a region on the list, one not on it, or not in the sources."""

    destination = "destination"
    origin = "origin"
    none = "none"
    unknown = "unknown"


class NonEmpty:
    """A field mark read by pydantic when it validates a version: text or a list must have at
    least one character or entry. Defined here, without pydantic, so that importing the models
    does not import it (`__get_pydantic_core_schema__` runs only while validating)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        return {**handler(source), "min_length": 1}


class TrueFalseOrUnknown:
    """A field mark: `true`, `false`, or "unknown" (read as None) where the sources do not say;
    any other value is refused with that sentence (read by pydantic when it validates)."""

    def __get_pydantic_core_schema__(self, source: Any, handler: Callable[[Any], Any]) -> Any:
        from pydantic_core import core_schema  # only while validating: see the module docstring

        return core_schema.no_info_before_validator_function(unknown_is_none, handler(source))

    @staticmethod
    def read(value: Any) -> Any:
        """The value of checked data (policy.unchecked): "unknown" is None."""
        return unknown_is_none(value)


def unknown_is_none(value: Any) -> Any:
    """A version file's `true`, `false` or "unknown" (None); anything else is refused."""
    if value == "unknown" or value is None:
        return None
    if not isinstance(value, bool):
        raise ValueError('must be true, false or "unknown"')
    return value


Text = Annotated[str, NonEmpty()]
"""Text of at least one character."""
_FORBID_EXTRA: dict[str, Any] = {"extra": "forbid"}
"""Pydantic's settings for every model: a field the model does not have is an error."""


@dataclass(frozen=True, kw_only=True)
class _Frozen:
    __pydantic_config__: ClassVar[dict[str, Any]] = _FORBID_EXTRA

    def as_dict(self) -> dict[str, Any]:
        """The model as plain data (nested models as dicts; enums stay enums)."""
        return asdict(self)


@dataclass(frozen=True, kw_only=True)
class Citation(_Frozen):
    """Where a value or a step comes from: paragraph, exact Dutch sentence, source document.

    `reading` marks the project's interpretation rather than quoted law; `override` marks a value
    changed in a what-if scenario, whose cited text no longer supports it.
    """

    paragraph: Text
    text_nl: Text
    source: Text
    reading: bool = False
    override: bool = False
    note_en: str | None = None
    note_nl: str | None = None
    """The same remark as `note_en`, in Dutch: a Dutch memo carries every note an English one
    does (every shipped version file gives both; a test checks)."""

    def note(self, lang: str) -> str | None:
        """The remark on this citation in `lang` (None when there is none)."""
        return self.note_nl if lang == "nl" else self.note_en

    def __str__(self) -> str:
        return self.paragraph


@dataclass(frozen=True, kw_only=True)
class Source(_Frozen):
    """A document a version is built from."""

    id: Text
    title: Text
    reference: Text
    date: dt.date | None = None
    file: Text | None = None
    """The text file in `policy/sources/` that the version's quotes are checked against."""
    borrowed: bool = False
    """The document is later than the version: citing it under the version is a reading."""


@dataclass(frozen=True, kw_only=True)
class Reason(Citation):
    """A reason the sources give for a value: a cited Dutch sentence and an English summary that
    says only what the sentence says (`summary_en`)."""

    summary_en: Text


@dataclass(frozen=True, kw_only=True)
class Note(_Frozen):
    """A remark about a version's sources themselves (e.g. a date that does not add up), in
    English and Dutch, with the sentences it rests on."""

    id: Text
    note_en: Text
    note_nl: Text
    """The project's own words in Dutch (not a quote: quotes are in `citations`)."""
    citations: Annotated[tuple[Citation, ...], NonEmpty()]

    def text(self, lang: str) -> str:
        return self.note_nl if lang == "nl" else self.note_en


@dataclass(frozen=True)
class RegionReasons:
    """The reasons the sources give for one region's values: its own (`region`: the
    toelichting's reasons for its level and the letter's findings on it) and the findings that
    hold for Mali as a whole (`general`)."""

    region: tuple[Reason, ...]
    general: tuple[Reason, ...]

    @property
    def all(self) -> tuple[Reason, ...]:
        return self.region + self.general


@dataclass(frozen=True, kw_only=True)
class RegionPolicy(_Frozen):
    """The policy for one 2016 unit: its 15(c) gradation and whether the IPA in Bamako applies.

    `ipa_applies` is None when the version's sources do not say (written "unknown" in TOML).
    Which codes and names are allowed is checked for the whole version (policy.version_checks).
    """

    code: Text
    name: Text
    gradation: Gradation
    gradation_citation: Citation
    ipa_applies: Annotated[bool | None, TrueFalseOrUnknown()]
    ipa_citation: Citation
    reasons: tuple[Reason, ...] = ()
    note: str | None = None
    """A remark on the region in English; `note_nl` is the same remark in Dutch."""
    note_nl: str | None = None

    def note_text(self, lang: str) -> str | None:
        """The region's note in `lang` (None when the version gives none)."""
        return self.note_nl if lang == "nl" else self.note

    gradation_possible: tuple[Gradation, ...] = ()
    """Where the sources narrow the level without fixing it (`gradation` is then `unknown`):
    every level they leave possible. The engine evaluates each (policy.rules); the version
    checks require two or more known levels, a citation, and `gradation` "unknown"."""
    gradation_possible_citation: Citation | None = None


@dataclass(frozen=True, kw_only=True)
class Rules(_Frozen):
    """Citations of the rules applied in every case under a version (C7/23.2, C7/23.5.2, C2/3.4)."""

    exclusion: Citation
    no_ipa_individual: Citation
    ipa_individual_assessment: Citation


@dataclass(frozen=True, kw_only=True)
class PolicyVersion(_Frozen):
    """One version of paragraph C7/23 Vc, as data (one TOML file in `policy/versions/`).

    However a version is made — from a file, with `with_overrides`, or in code — it passes the
    one set of checks in `policy.version_checks`.
    """

    id: Text
    label_nl: str | None = None
    """The version's short name in Dutch (menus, memo, PDF, map titles); the id when absent."""
    label_en: str | None = None
    title: Text
    supersedes: str | None = None
    signed: dt.date | None = None
    signed_citation: Citation | None = None
    in_force: dt.date | None = None
    in_force_citation: Citation | None = None
    in_force_note: Text
    in_force_not_before: dt.date | None = None
    """The earliest date of entry into force the sources allow, where they give no date: an
    inference, explained in `in_force_note` (WBV 2025/11: its toelichting cites a letter of
    17 June 2025, so it was published on or after that day and entered into force after it)."""
    ipa_destination: str | None = None
    ipa_destination_citation: Citation | None = None
    sources: Annotated[tuple[Source, ...], NonEmpty()]
    rules: Rules
    regions: Annotated[tuple[RegionPolicy, ...], NonEmpty()]
    general_reasons: tuple[Reason, ...] = ()
    """Findings the sources give for Mali as a whole (e.g. who commits the violence)."""
    notes: tuple[Note, ...] = ()
    """Remarks about the sources themselves (e.g. the decree cites a letter of a later date)."""
    modified: bool = False
    scenario_title: str | None = None
    """The title of the what-if scenario this version was made from (set by
    `Scenario.apply`): every headline of its decisions names it in the scenario mark."""
    level_term_nl: str | None = None
    """The version's own term for its highest level where it differs from today's (the letter
    calls the earlier one "de hoogste uitzonderlijke situatie"); shown in that term, with its
    mapping to `exceptional` marked as a reading."""
    unnamed_region_gradation: Gradation = Gradation.not_designated
    """The level a region the text does not name has under this version: `not_designated` where
    the text is known and leaves it out, `unknown` where the text itself is not in the sources."""

    def label(self, lang: str) -> str:
        """The version's short name in `lang`; a version file without one shows its id."""
        return (self.label_nl if lang == "nl" else self.label_en) or self.id

    @classmethod
    def validate(cls, data: Mapping[str, Any], where: str = "policy version") -> PolicyVersion:
        """A version from model-shaped data (a file's resolved tables, a what-if copy, data
        built in code), checked by the one set of checks of `policy.version_checks`; every
        problem is raised at once in an InvalidVersionError that names `where`."""
        # Imported here, not at the top: the checks import pydantic, which a single decision
        # from the shipped (already checked) versions does not need (policy.versions_io).
        from policy.version_checks import build_version

        return cast(PolicyVersion, build_version(data, where, cls))

    def region(self, code: str) -> RegionPolicy:
        """The region with this ISO code; an unknown code raises UnknownRegionError."""
        for region in self.regions:
            if region.code == code:
                return region
        raise UnknownRegionError(
            f"policy {self.id}: no region with code {code!r}",
            suggestions=[region.code for region in self.regions],
        )

    def ipa_role(self, code: str) -> IpaRole:
        """The region's part in the internal protection alternative."""
        if code == self.ipa_destination:
            return IpaRole.destination
        ipa = self.region(code).ipa_applies
        if ipa is None:
            return IpaRole.unknown
        return IpaRole.origin if ipa else IpaRole.none

    def gradations(self) -> dict[str, Gradation]:
        """ISO code → gradation, the input of the map's strict join."""
        return {region.code: region.gradation for region in self.regions}

    def reasons_for(self, code: str) -> RegionReasons:
        """The reasons the sources give for a region's values, and the general findings."""
        return RegionReasons(region=self.region(code).reasons, general=self.general_reasons)

    def with_overrides(
        self,
        gradations: Mapping[str, Gradation | str] | None = None,
        ipa: Mapping[str, bool | None] | None = None,
    ) -> PolicyVersion:
        """A what-if copy with some regions' values changed; the original is never touched.

        The copy is validated exactly as a version file is (policy.version_checks), so a value a
        file could not hold (`ipa={"ML-1": "no"}`, an unknown gradation or region code, an IPA
        in a version whose sources name no place for it) raises PolicyError naming the field.
        Changed values keep the cited sentence but are marked `override=True` with a note, so a
        memo never presents a scenario as the text of the law.
        """
        gradations = dict(gradations or {})
        ipa = dict(ipa or {})
        for code in [*gradations, *ipa]:
            self.region(code)
        data = self.as_dict()
        data["modified"] = True
        for region in data["regions"]:
            code = region["code"]
            if code in gradations:
                new = gradations[code]
                region["gradation_citation"] = _overridden(
                    region["gradation_citation"],
                    "gradation",
                    _gradation_word(new, "en"),
                    _gradation_word(region["gradation"], "en"),
                    _gradation_word(new, "nl"),
                    _gradation_word(region["gradation"], "nl"),
                )
                region["gradation"] = new
                region["gradation_possible"] = ()
                region["gradation_possible_citation"] = None
            if code in ipa:
                new_ipa = ipa[code]
                region["ipa_citation"] = _overridden(
                    region["ipa_citation"],
                    "ipa",
                    _ipa_word(new_ipa, "en"),
                    _ipa_word(region["ipa_applies"], "en"),
                    _ipa_word(new_ipa, "nl"),
                    _ipa_word(region["ipa_applies"], "nl"),
                )
                region["ipa_applies"] = new_ipa
        return type(self).validate(data, f"policy {self.id} (what-if)")


def _overridden(
    citation: dict[str, Any], what: str, new: str, cited: str, new_nl: str, cited_nl: str
) -> dict[str, Any]:
    """The citation of a what-if value: still the cited sentence, marked as overridden, with
    the what-if remark in both languages (catalogue `what_if_note.*`): "Scenario: X;
    C7/23.4.2 Vc: Y («the cited sentence»)", so the step says what the law says beside it."""
    where = {"paragraph": citation.get("paragraph", ""), "quote": citation.get("text_nl", "")}
    return {
        **citation,
        "override": True,
        "note_en": t(f"what_if_note.{what}", "en", new=new, cited=cited, **where),
        "note_nl": t(f"what_if_note.{what}", "nl", new=new_nl, cited=cited_nl, **where),
    }


def _word(value: Any) -> str:
    return str(value.value) if isinstance(value, Enum) else str(value)


def _gradation_word(value: Any, lang: str) -> str:
    """A gradation in words; a value that is no gradation stays as given, for the checks of
    `build_version` to name."""
    try:
        return phrases.gradation_label(Gradation(_word(value)), lang)
    except ValueError:
        return _word(value)


def _ipa_word(value: Any, lang: str) -> str:
    if value is None or isinstance(value, bool):
        return phrases.ipa_value(value, lang)
    return repr(value)
