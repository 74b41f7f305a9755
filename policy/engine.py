"""The rules engine: one case, one version → a Decision that explains itself step by step.

The decision order (indicative; the IND decides each case individually):
1. individual fear of persecution established → refugee status, no IPA (C7/23.5.2 Vc, 1st
   sentence);
2. individual real risk of serious harm (art. 29(1)(b) 1° and 2° Vw) → subsidiary protection,
   no IPA;
3. Article 15(c) (art. 29(1)(b) 3° Vw) by the region's gradation and the framework table;
4. 15(c) established, region on the IPA list, no individual obstacles (C2/3.4 Vc) → IPA;
   otherwise subsidiary protection under 15(c);
5. otherwise no protection ground.
The engine holds no region names: every fact comes from the PolicyVersion.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from policy.errors import PolicyError
from policy.framework import (
    IpaCriterion,
    article_15c_rules,
    disclaimer,
    ground_citation,
    ipa_criteria,
)
from policy.labels import elements_label, fact_label, flag_label, gradation_label, outcome_label
from policy.models import Citation, Gradation, IndividualElements, Outcome, PolicyVersion
from policy.regions import RegionMatch, resolve_region


@dataclass(frozen=True)
class Case:
    """The facts of one case, as the IND would have established them.

    `ipa_criteria` optionally answers the art. 3.37d VV criteria by id (True: met, False: an
    obstacle); `ipa_obstacles=True` says in one answer that the IPA is unreasonable.
    """

    region: str
    persecution: bool = False
    individual_harm: bool = False
    individual_elements: IndividualElements = IndividualElements.none
    ipa_obstacles: bool = False
    exclusion_indications: bool = False
    ipa_criteria: Mapping[str, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # A frozen dataclass does not check types; a string "false" would be truthy and turn a
        # case into refugee status, so every field is checked here.
        if not isinstance(self.region, str):
            raise PolicyError(f"region: must be a name or code (text), not {self.region!r}")
        for name in _BOOLEAN_FIELDS:
            value = getattr(self, name)
            if not isinstance(value, bool):
                raise PolicyError(f"{name}: must be true or false (a bool), not {value!r}")
        object.__setattr__(self, "individual_elements", _elements(self.individual_elements))
        known = {criterion.id for criterion in ipa_criteria()}
        for key, value in self.ipa_criteria.items():
            if key not in known:
                raise PolicyError(
                    f"ipa_criteria: unknown criterion {key!r}; known: {', '.join(sorted(known))}"
                )
            if not isinstance(value, bool):
                raise PolicyError(f"ipa_criteria.{key}: must be true or false")
        object.__setattr__(self, "ipa_criteria", dict(self.ipa_criteria))


_BOOLEAN_FIELDS = (
    "persecution",
    "individual_harm",
    "ipa_obstacles",
    "exclusion_indications",
)


def _elements(value: object) -> IndividualElements:
    """The enum, or its value in any case with surrounding spaces (empty: none), as batch reads."""
    if isinstance(value, IndividualElements):
        return value
    allowed = ", ".join(e.value for e in IndividualElements)
    if isinstance(value, str):
        text = value.strip().casefold() or IndividualElements.none.value
        if text in IndividualElements.__members__:
            return IndividualElements(text)
    raise PolicyError(f"individual_elements: {value!r} is not one of {allowed}")


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

    def to_dict(self) -> dict[str, Any]:
        return {
            "rule": self.rule,
            "citation": self.citation,
            "source": self.source,
            "source_text": self.source_text,
            "conclusion": {"nl": self.conclusion_nl, "en": self.conclusion_en},
            "reading": self.reading,
            "note_en": self.note_en,
        }


@dataclass(frozen=True)
class Decision:
    """The indicative outcome with its chain of steps; see `to_dict` for the JSON contract."""

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
    facts: Mapping[str, Any] = field(default_factory=dict)

    @property
    def policy(self) -> dict[str, Any]:
        return {"id": self.policy_id, "modified": self.policy_modified}

    @property
    def region(self) -> dict[str, Any]:
        return {"code": self.region_code, "name": self.region_name}

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `python -m policy evaluate --json` (issue 3): `policy` is the
        version id; `policy_modified`, `region.mapped_from`/`mapping_note`,
        `ipa_criteria_answered` and `disclaimer` are additions."""
        return {
            "policy": self.policy_id,
            "policy_modified": self.policy_modified,
            "region": {
                **self.region,
                "mapped_from": self.region_mapped_from,
                "mapping_note": self.region_mapping_note,
            },
            "gradation": self.gradation.value,
            "outcome": self.outcome.value,
            "ipa_applies": self.ipa_applies,
            "flags": list(self.flags),
            "steps": [step.to_dict() for step in self.steps],
            "ipa_criteria_answered": dict(self.ipa_criteria_answered),
            "facts": dict(self.facts),
            "disclaimer": {"nl": self.disclaimer_nl, "en": self.disclaimer_en},
        }

    def to_markdown(self, lang: str = "en") -> str:
        """A memo an analyst can paste: outcome, flags, every step with citation and Dutch text."""
        nl = lang == "nl"
        if lang not in ("nl", "en"):
            raise ValueError(f"language must be 'nl' or 'en', not {lang!r}")
        what_if = " (gewijzigd: wat-als)" if nl else " (modified: what-if)"
        modified = what_if if self.policy_modified else ""
        mapped = (
            f" ({'omgezet van' if nl else 'mapped from'} {self.region_mapped_from})"
            if self.region_mapped_from
            else ""
        )
        ipa = {None: "onbekend" if nl else "unknown", True: "ja" if nl else "yes"}.get(
            self.ipa_applies, "nee" if nl else "no"
        )
        ipa_title = (
            "Binnenlands beschermingsalternatief" if nl else "Internal protection alternative"
        )
        lines = [
            f"# {'Indicatieve beoordeling' if nl else 'Indicative assessment'}: "
            f"{self.region_name} ({self.region_code})",
            "",
            f"- **{'Beleid' if nl else 'Policy'}:** {self.policy_id}{modified}",
            f"- **{'Regio' if nl else 'Region'}:** {self.region_name} ({self.region_code}){mapped}",
            *(
                [f"  - {'Grond van de omzetting' if nl else 'Why'}: {self.region_mapping_note}"]
                if self.region_mapping_note
                else []
            ),
            f"- **{'Gradatie' if nl else 'Gradation'}:** {gradation_label(self.gradation, lang)}",
            f"- **{'Uitkomst' if nl else 'Outcome'}:** {outcome_label(self.outcome, lang)}",
            f"- **{ipa_title}:** {ipa}",
        ]
        if self.facts:
            lines += ["", f"## {'Feiten' if nl else 'Facts'}", ""]
            lines += [f"- {line}" for line in self._fact_lines(lang)]
        if self.flags:
            lines += ["", f"## {'Signaleringen' if nl else 'Flags'}", ""]
            lines += [f"- {flag_label(flag, lang)}" for flag in self.flags]
        lines += ["", f"## {'Stappen' if nl else 'Steps'}", ""]
        for number, step in enumerate(self.steps, start=1):
            reading = (" *(lezing van het project)*" if nl else " *(project's reading)*") * (
                step.reading
            )
            conclusion = step.conclusion_nl if nl else step.conclusion_en
            lines.append(f"{number}. **{step.citation}**{reading}: {conclusion}")
            lines.append("")
            lines.append(f"   > {step.source_text}")
            if step.note_en and not nl:
                lines.append("")
                lines.append(f"   {step.note_en}")
            lines.append("")
        lines.append(f"*{self.disclaimer_nl if nl else self.disclaimer_en}*")
        return "\n".join(lines) + "\n"

    def _fact_lines(self, lang: str) -> list[str]:
        """The case's facts as the memo lists them: each question with its answer."""
        nl = lang == "nl"
        lines = [f"{'Opgegeven regio' if nl else 'Region given'}: {self.facts.get('region', '')}"]
        for name, value in self.facts.items():
            if name == "region":
                continue
            if name == "individual_elements":
                answer = elements_label(value, lang)
            else:
                answer = ("ja" if nl else "yes") if value else ("nee" if nl else "no")
            lines.append(f"{fact_label(name, lang)}: {answer}")
        return lines


def case_facts(case: Case) -> dict[str, Any]:
    """The facts of a case as plain values, for the Decision's memo and JSON."""
    return {
        "region": case.region,
        "persecution": case.persecution,
        "individual_harm": case.individual_harm,
        "individual_elements": case.individual_elements.value,
        "ipa_obstacles": case.ipa_obstacles,
        "exclusion_indications": case.exclusion_indications,
    }


def _names(criteria: Sequence[IpaCriterion], lang: str, separator: str = ", ") -> str:
    """The IPA criteria by name in `lang`, for a conclusion a jurist reads."""
    return separator.join(criterion.name(lang) for criterion in criteria)


def _step(rule: str, citation: Citation, nl: str, en: str) -> Step:
    return Step(
        rule=rule,
        citation=citation.paragraph,
        source=citation.source,
        source_text=citation.text_nl,
        conclusion_nl=nl,
        conclusion_en=en,
        reading=citation.reading,
        note_en=citation.note_en,
    )


def evaluate(case: Case, version: PolicyVersion) -> Decision:
    """Apply the decision order of C7/23 Vc to one case under one policy version."""
    match = resolve_region(case.region, version)
    region = version.region(match.code)
    flags: list[str] = []
    steps: list[Step] = []
    answered: dict[str, bool] = {}
    if version.modified:
        flags.append("what_if")
    if match.mapped_from:
        flags.append("region_mapped")
    if case.exclusion_indications:
        flags.append("exclusion_review")
        steps.append(
            _step(
                "exclusion_1f",
                version.rules.exclusion,
                "Er zijn aanwijzingen voor artikel 1F Vluchtelingenverdrag; voor Mali geldt geen "
                "bijzonder beleid, het algemene beleid wordt toegepast.",
                "There are indications of Article 1F Refugee Convention; Mali has no particular "
                "policy, the general policy applies.",
            )
        )
    outcome, ipa = _individual_grounds(case, version, steps)
    if outcome is None:
        outcome, ipa = _article_15c(case, version, match, steps, flags, answered)
    steps = _mark_borrowed(steps, version)
    if any(step.reading for step in steps):
        flags.append("rests_on_reading")
    return Decision(
        policy_id=version.id,
        policy_modified=version.modified,
        region_code=region.code,
        region_name=region.name,
        region_mapped_from=match.mapped_from,
        gradation=region.gradation,
        outcome=outcome,
        ipa_applies=ipa,
        flags=tuple(flags),
        steps=tuple(steps),
        ipa_criteria_answered=answered,
        disclaimer_nl=disclaimer("nl"),
        disclaimer_en=disclaimer("en"),
        region_mapping_note=match.mapping_note if match.mapped_from else None,
        facts=case_facts(case),
    )


def _mark_borrowed(steps: list[Step], version: PolicyVersion) -> list[Step]:
    """Steps quoting a document later than the version (a `borrowed` source) are readings."""
    borrowed = {source.id for source in version.sources if source.borrowed}
    return [
        replace(step, reading=True) if step.source in borrowed and not step.reading else step
        for step in steps
    ]


def _individual_grounds(
    case: Case, version: PolicyVersion, steps: list[Step]
) -> tuple[Outcome | None, bool | None]:
    """Steps 1 and 2, and the named exception: no IPA on individual grounds (C7/23.5.2 Vc)."""
    if case.persecution:
        steps.append(
            _step(
                "persecution",
                ground_citation("persecution"),
                "Gegronde vrees voor vervolging op individuele gronden is vastgesteld: "
                "vluchtelingenstatus.",
                "An individual well-founded fear of persecution is established: refugee status.",
            )
        )
        outcome = Outcome.refugee_status
    else:
        steps.append(
            _step(
                "persecution",
                ground_citation("persecution"),
                "Gegronde vrees voor vervolging is niet vastgesteld.",
                "A well-founded fear of persecution is not established.",
            )
        )
        if not case.individual_harm:
            steps.append(
                _step(
                    "individual_harm",
                    ground_citation("individual_harm"),
                    "Een reëel risico op ernstige schade op individuele gronden (1° en 2°) is "
                    "niet vastgesteld.",
                    "A real risk of serious harm on individual grounds (1° and 2°) is not "
                    "established.",
                )
            )
            return None, None
        steps.append(
            _step(
                "individual_harm",
                ground_citation("individual_harm"),
                "Een reëel risico op ernstige schade op individuele gronden is vastgesteld: "
                "subsidiaire bescherming.",
                "A real risk of serious harm on individual grounds is established: subsidiary "
                "protection.",
            )
        )
        outcome = Outcome.subsidiary_protection_individual
    steps.append(
        _step(
            "no_ipa_individual",
            version.rules.no_ipa_individual,
            "Geen binnenlands beschermingsalternatief: de bescherming berust op individuele "
            "omstandigheden.",
            "No internal protection alternative: protection rests on individual circumstances.",
        )
    )
    return outcome, False


def _article_15c(
    case: Case,
    version: PolicyVersion,
    match: RegionMatch,
    steps: list[Step],
    flags: list[str],
    answered: dict[str, bool],
) -> tuple[Outcome, bool | None]:
    """Steps 3 to 5: the region's level, the sliding scale, the IPA list and its criteria."""
    region = version.region(match.code)
    gradation = region.gradation
    label_nl, label_en = gradation_label(gradation, "nl"), gradation_label(gradation, "en")
    if gradation is Gradation.not_designated:
        flags.append("region_not_named")
    if gradation is Gradation.unknown:
        flags.append("gradation_unknown")
    mapped_nl = mapped_en = ""
    if match.mapped_from:
        mapped_nl = (
            f"{match.mapped_from} (regio van de hervorming van 2023) wordt gelezen als "
            f"{region.name} ({match.mapping_note}). "
        )
        mapped_en = (
            f"{match.mapped_from} (a region of the 2023 reform) is read as {region.name} "
            f"({match.mapping_note}). "
        )
    steps.append(
        _step(
            "gradation",
            region.gradation_citation,
            f"{mapped_nl}{region.name}: {label_nl}.",
            f"{mapped_en}{region.name}: {label_en}.",
        )
    )
    rule = article_15c_rules()[gradation]
    elements = case.individual_elements
    established = rule.establishes(elements)
    needs = rule.minimum_individual_elements
    if needs is None:
        need_nl, need_en = "nooit", "never"
    elif needs is IndividualElements.none:
        need_nl = "aanwezigheid in de regio volstaat"
        need_en = "presence in the region suffices"
    else:
        need_nl = (
            f"vereist individuele elementen van ten minste het niveau "
            f"'{elements_label(needs, 'nl')}'"
        )
        need_en = f"needs individual elements at the level '{elements_label(needs, 'en')}' or more"
    verdict_nl = "vastgesteld" if established else rule.not_established_nl
    verdict_en = "established" if established else rule.not_established_en
    steps.append(
        _step(
            "article_15c",
            rule.citation,
            f"Artikel 15 onder c ({need_nl}); individuele elementen: "
            f"{elements_label(elements, 'nl')}: {verdict_nl}.",
            f"Article 15(c) ({need_en}); individual elements: {elements_label(elements, 'en')}: "
            f"{verdict_en}.",
        )
    )
    if not established:
        return Outcome.no_protection_ground, False
    if region.ipa_applies is None:
        flags.append("ipa_unknown")
        steps.append(
            _step(
                "ipa_list",
                region.ipa_citation,
                "Of een binnenlands beschermingsalternatief geldt, staat niet in de bronnen: "
                "subsidiaire bescherming wegens willekeurig geweld.",
                "Whether the internal protection alternative applies is not in the sources: "
                "subsidiary protection for indiscriminate violence.",
            )
        )
        return Outcome.subsidiary_protection_15c, None
    if not region.ipa_applies:
        steps.append(
            _step(
                "ipa_list",
                region.ipa_citation,
                f"{region.name} staat niet op de lijst van het binnenlands "
                "beschermingsalternatief: subsidiaire bescherming wegens willekeurig geweld.",
                f"{region.name} is not on the internal protection alternative list: subsidiary "
                "protection for indiscriminate violence.",
            )
        )
        return Outcome.subsidiary_protection_15c, False
    # The place of the alternative comes from the version data, like every other name; a version
    # with a region on the IPA list always names it (validated; with_overrides refuses otherwise).
    if version.ipa_destination is None:
        raise PolicyError(f"policy {version.id}: ipa_destination is missing")
    destination = version.region(version.ipa_destination).name
    steps.append(
        _step(
            "ipa_list",
            region.ipa_citation,
            f"Voor vreemdelingen uit {region.name} wordt in beginsel een binnenlands "
            f"beschermingsalternatief in {destination} aangenomen.",
            f"For people from {region.name} an internal protection alternative in {destination} "
            "is assumed in principle.",
        )
    )
    answered.update(case.ipa_criteria)
    criteria = ipa_criteria()
    failed = [c for c in criteria if case.ipa_criteria.get(c.id) is False]
    checked_nl, checked_en = _names(criteria, "nl", "; "), _names(criteria, "en", "; ")
    if case.ipa_obstacles or failed:
        failed_nl = f" (niet voldaan: {_names(failed, 'nl')})" if failed else ""
        failed_en = f" (not met: {_names(failed, 'en')})" if failed else ""
        steps.append(
            _step(
                "ipa_individual",
                version.rules.ipa_individual_assessment,
                f"Volgens de opgegeven feiten maken individuele omstandigheden het alternatief in "
                f"{destination} onredelijk{failed_nl} (art. 3.37d VV: {checked_nl}): subsidiaire "
                "bescherming wegens willekeurig geweld.",
                f"On the facts given, individual circumstances make the alternative in "
                f"{destination} unreasonable{failed_en} (art. 3.37d VV: {checked_en}): subsidiary "
                "protection for indiscriminate violence.",
            )
        )
        return Outcome.subsidiary_protection_15c, False
    met = [c for c in criteria if case.ipa_criteria.get(c.id) is True]
    met_nl = f"; voldaan: {_names(met, 'nl')}" if met else ""
    met_en = f"; met: {_names(met, 'en')}" if met else ""
    steps.append(
        _step(
            "ipa_individual",
            version.rules.ipa_individual_assessment,
            f"Er zijn geen individuele omstandigheden opgegeven die het alternatief onredelijk "
            f"maken (art. 3.37d VV: {checked_nl}{met_nl}): binnenlands beschermingsalternatief "
            f"in {destination}; de IND toetst dit in elke zaak.",
            f"No individual circumstances were given that make the alternative unreasonable "
            f"(art. 3.37d VV: {checked_en}{met_en}): internal protection alternative in "
            f"{destination}; the IND assesses this in every case.",
        )
    )
    return Outcome.internal_protection_alternative, True
