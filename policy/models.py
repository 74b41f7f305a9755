"""The policy as data: codes, citations, regions and versions (frozen pydantic models).

Every value a version holds carries a `Citation` (paragraph + the exact Dutch sentence), the way
OpenFisca parameters carry their legal reference. The models are frozen so that a version the
dashboard caches can never be changed for everyone; a what-if scenario is a new object
(`PolicyVersion.with_overrides`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from policy.data_files import official_units


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
    ipa_unknown = "ipa_unknown"
    rests_on_reading = "rests_on_reading"


class IpaRole(StrEnum):
    """A region's part in the internal protection alternative (C7/23.5.2 Vc), as the map draws
    it: the place of the alternative, a region on the list, one not on it, or not in the sources."""

    destination = "destination"
    origin = "origin"
    none = "none"
    unknown = "unknown"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Citation(_Frozen):
    """Where a value or a step comes from: paragraph, exact Dutch sentence, source document.

    `reading` marks the project's interpretation rather than quoted law; `override` marks a value
    changed in a what-if scenario, whose cited text no longer supports it.
    """

    paragraph: str = Field(min_length=1)
    text_nl: str = Field(min_length=1)
    source: str = Field(min_length=1)
    reading: bool = False
    override: bool = False
    note_en: str | None = None

    def __str__(self) -> str:
        return self.paragraph


class Source(_Frozen):
    """A document a version is built from."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    reference: str = Field(min_length=1)
    date: dt.date | None = None
    file: str | None = Field(default=None, min_length=1)
    """The text file in `policy/sources/` that the version's quotes are checked against."""
    borrowed: bool = False
    """The document is later than the version: citing it under the version is a reading."""


class Reason(_Frozen):
    """One of the minister's reasons for a region: the Dutch quote and an English summary."""

    text_nl: str = Field(min_length=1)
    summary_en: str = Field(min_length=1)
    source: str = Field(min_length=1)


class RegionPolicy(_Frozen):
    """The policy for one 2016 unit: its 15(c) gradation and whether the IPA in Bamako applies.

    `ipa_applies` is None when the version's sources do not say (written "unknown" in TOML).
    """

    code: str = Field(min_length=1)
    name: str = Field(min_length=1)
    gradation: Gradation
    gradation_citation: Citation
    ipa_applies: bool | None
    ipa_citation: Citation
    reasons: tuple[Reason, ...] = ()
    note: str | None = None

    @field_validator("code")
    @classmethod
    def _a_2016_unit(cls, value: str) -> str:
        units = official_units()
        if value not in units:
            raise ValueError(f"not a unit of Mali's 2016 structure ({', '.join(units)})")
        return value

    @field_validator("ipa_applies", mode="before")
    @classmethod
    def _unknown_is_none(cls, value: Any) -> Any:
        if value == "unknown":
            return None
        if not isinstance(value, bool):
            raise ValueError('must be true, false or "unknown"')
        return value


class Rules(_Frozen):
    """Citations of the rules applied in every case under a version (C7/23.2, C7/23.5.2, C2/3.4)."""

    exclusion: Citation
    no_ipa_individual: Citation
    ipa_individual_assessment: Citation


class PolicyVersion(_Frozen):
    """One version of paragraph C7/23 Vc, as data (one TOML file in `policy/versions/`)."""

    id: str = Field(min_length=1)
    title: str = Field(min_length=1)
    supersedes: str | None = None
    signed: dt.date | None = None
    signed_citation: Citation | None = None
    in_force: dt.date | None = None
    in_force_citation: Citation | None = None
    in_force_note: str = Field(min_length=1)
    ipa_destination: str | None = None
    ipa_destination_citation: Citation | None = None
    sources: tuple[Source, ...] = Field(min_length=1)
    rules: Rules
    regions: tuple[RegionPolicy, ...] = Field(min_length=1)
    modified: bool = False

    @model_validator(mode="after")
    def _consistent(self) -> PolicyVersion:
        """A safety net for models built in code; files get every problem from versions_io."""
        codes = [region.code for region in self.regions]
        duplicates = sorted({code for code in codes if codes.count(code) > 1})
        if duplicates:
            raise ValueError(f"duplicate region code(s): {', '.join(duplicates)}")
        if self.ipa_destination is not None and self.ipa_destination not in codes:
            raise ValueError(f"ipa_destination {self.ipa_destination!r} is not a region code")
        if (self.ipa_destination is None) != (self.ipa_destination_citation is None):
            raise ValueError("ipa_destination and ipa_destination_citation go together")
        if self.ipa_destination is None and any(r.ipa_applies for r in self.regions):
            raise ValueError("ipa_destination is required when a region has ipa_applies = true")
        if self.signed is not None and self.signed_citation is None:
            raise ValueError("signed needs signed_citation")
        if self.in_force is not None and self.in_force_citation is None:
            raise ValueError("in_force needs in_force_citation")
        known = {source.id for source in self.sources}
        for where, citation in self._citations():
            if citation.source not in known:
                raise ValueError(
                    f"{where}.source: {citation.source!r} is not one of the sources "
                    f"({', '.join(sorted(known))})"
                )
        return self

    def _citations(self) -> list[tuple[str, Citation | Reason]]:
        found: list[tuple[str, Citation | Reason]] = [
            ("rules.exclusion", self.rules.exclusion),
            ("rules.no_ipa_individual", self.rules.no_ipa_individual),
            ("rules.ipa_individual_assessment", self.rules.ipa_individual_assessment),
        ]
        for name in ("signed_citation", "in_force_citation", "ipa_destination_citation"):
            citation = getattr(self, name)
            if citation is not None:
                found.append((name, citation))
        for region in self.regions:
            found.append((f"regions[{region.code}].gradation_citation", region.gradation_citation))
            found.append((f"regions[{region.code}].ipa_citation", region.ipa_citation))
            for number, reason in enumerate(region.reasons):
                found.append((f"regions[{region.code}].reasons[{number}]", reason))
        return found

    def region(self, code: str) -> RegionPolicy:
        """The region with this ISO code; an unknown code raises UnknownRegionError."""
        for region in self.regions:
            if region.code == code:
                return region
        from policy.errors import UnknownRegionError

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

    def with_overrides(
        self,
        gradations: Mapping[str, Gradation | str] | None = None,
        ipa: Mapping[str, bool | None] | None = None,
    ) -> PolicyVersion:
        """A what-if copy with some regions' values changed; the original is never touched.

        Changed values keep the cited sentence but are marked `override=True` with a note, so a
        memo never presents a scenario as the text of the law. An IPA cannot be switched on in a
        version whose sources name no place for it (`ipa_destination`).
        """
        gradations = dict(gradations or {})
        ipa = dict(ipa or {})
        for code in [*gradations, *ipa]:
            self.region(code)
        if self.ipa_destination is None and any(ipa.values()):
            from policy.errors import PolicyError

            raise PolicyError(
                f"policy {self.id}: its sources name no place for an internal protection "
                "alternative (ipa_destination), so the IPA cannot be set to apply"
            )
        regions = []
        for region in self.regions:
            update: dict[str, Any] = {}
            if region.code in gradations:
                new = Gradation(gradations[region.code])
                update["gradation"] = new
                update["gradation_citation"] = _overridden(
                    region.gradation_citation, "gradation", new.value, region.gradation.value
                )
            if region.code in ipa:
                new_ipa = ipa[region.code]
                update["ipa_applies"] = new_ipa
                update["ipa_citation"] = _overridden(
                    region.ipa_citation, "IPA", _ipa_word(new_ipa), _ipa_word(region.ipa_applies)
                )
            regions.append(region.model_copy(update=update) if update else region)
        return self.model_copy(update={"regions": tuple(regions), "modified": True})


def _overridden(citation: Citation, what: str, new: str, cited: str) -> Citation:
    """The citation of a what-if value: still the cited sentence, marked as overridden."""
    return citation.model_copy(
        update={
            "override": True,
            "note_en": f"What-if: {what} set to {new}; the cited text gives {cited}.",
        }
    )


def _ipa_word(value: bool | None) -> str:
    return "unknown" if value is None else ("applies" if value else "does not apply")
