"""The rules: one case, one version → a Decision that explains itself step by step.

The decision order (indicative; the IND decides each case individually):
1. individual fear of persecution established → refugee status, no IPA (C7/23.5.2 Vc, 1st
   sentence);
2. individual real risk of serious harm (art. 29(1)(b) 1° and 2° Vw) → subsidiary protection,
   no IPA;
3. Article 15(c) (art. 29(1)(b) 3° Vw) by the region's gradation and the framework table;
4. 15(c) established, region on the IPA list, no individual obstacles (C2/3.4 Vc) → the IPA is
   held against the applicant in principle; otherwise subsidiary protection under 15(c);
5. otherwise no protection ground.

Where the result depends on a value the version's sources do not give (a level or an IPA answer
that is `unknown`) the outcome is `undetermined` and the Decision names the value; where it
depends on a reading the text leaves open (a unit split off from a named one, Taoudénit from
Tombouctou) the Decision gives the outcome under both readings. Never a default in their place.
The rules hold no region names: every fact comes from the PolicyVersion and the region tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from policy.case import Case, case_facts
from policy.decision import AlternativeReading, Decision, Step
from policy.errors import PolicyError
from policy.framework import IpaCriterion, article_15c_rules, ground_citation, ipa_criteria
from policy.models import (
    Citation,
    Flag,
    Gradation,
    IndividualElements,
    Outcome,
    PolicyVersion,
)
from policy.regions import RegionMatch, SplitOff, resolve_region, split_off
from policy.texts import elements_label, gradation_label, outcome_label, text, texts
from wording import phrases


@dataclass
class _Result:
    """What one reading of a case gives, before it becomes a Decision."""

    outcome: Outcome
    ipa: bool | None
    steps: list[Step] = field(default_factory=list)
    flags: set[Flag] = field(default_factory=set)
    missing: list[str] = field(default_factory=list)
    answered: dict[str, bool] = field(default_factory=dict)


def evaluate(case: Case, version: PolicyVersion) -> Decision:
    """Apply the decision order of C7/23 Vc to one case under one policy version."""
    match = resolve_region(case.region, version)
    if case.origin is not None and case.origin.region_code != match.code:
        raise PolicyError(
            f"origin: {case.origin.text!r} lies in {case.origin.region_code}, "
            f"but the case's region {case.region!r} is {match.code}"
        )
    region = version.region(match.code)
    result = _decide(case, version, match)
    readings: tuple[AlternativeReading, ...] = ()
    scope = _unclear_scope(match.code, version)
    if scope is not None:
        readings = _scope_readings(case, version, scope, result)
    steps = _mark_borrowed(result.steps, version)
    flags = set(result.flags)
    if version.modified:
        flags.add(Flag.what_if)
    if match.mapped_from:
        flags.add(Flag.region_mapped)
    if case.exclusion_indications:
        flags.add(Flag.exclusion_review)
    if any(step.reading for step in steps):
        flags.add(Flag.rests_on_reading)
    decision = Decision(
        policy_id=version.id,
        policy_modified=version.modified,
        region_code=region.code,
        region_name=region.name,
        region_mapped_from=match.mapped_from,
        gradation=region.gradation,
        outcome=result.outcome,
        ipa_applies=result.ipa,
        flags=tuple(flag.value for flag in Flag if flag in flags),
        steps=tuple(steps),
        ipa_criteria_answered=result.answered,
        disclaimer_nl=disclaimer("nl", version, Flag.rests_on_reading in flags),
        disclaimer_en=disclaimer("en", version, Flag.rests_on_reading in flags),
        region_mapping_note=match.mapping_note if match.mapped_from else None,
        region_mapping_note_nl=match.note("nl") if match.mapped_from else None,
        facts=case_facts(case),
        origin=case.origin,
        missing_values=tuple(result.missing),
        alternative_readings=readings,
        ipa_role=version.ipa_role(region.code).value,
        policy_label_nl=version.label("nl"),
        policy_label_en=version.label("en"),
    )
    lines = {lang: _outcome_line(decision, version, lang) for lang in ("nl", "en")}
    return replace(decision, outcome_line_nl=lines["nl"], outcome_line_en=lines["en"])


def _decide(case: Case, version: PolicyVersion, match: RegionMatch) -> _Result:
    """The decision order for the case as if it came from the unit of `match`."""
    steps: list[Step] = []
    if case.exclusion_indications:
        steps.append(_step("exclusion_1f", version.rules.exclusion, "step.exclusion_1f"))
    result = _individual_grounds(case, version, steps)
    if result is None:
        result = _article_15c(case, version, match, steps)
    return result


def _step(rule: str, citation: Citation, key: str, **values: object) -> Step:
    """A step whose conclusion is the catalogue text `key` (both languages)."""
    return _bilingual_step(rule, citation, texts(key, **values))


def _names(criteria: Sequence[IpaCriterion], lang: str, separator: str = ", ") -> str:
    """The IPA criteria by name in `lang`, for a conclusion a jurist reads."""
    return separator.join(criterion.name(lang) for criterion in criteria)


def _mark_borrowed(steps: list[Step], version: PolicyVersion) -> list[Step]:
    """Steps quoting a document later than the version (a `borrowed` source) are readings."""
    borrowed = {source.id for source in version.sources if source.borrowed}
    return [
        replace(step, reading=True) if step.source in borrowed and not step.reading else step
        for step in steps
    ]


def _individual_grounds(case: Case, version: PolicyVersion, steps: list[Step]) -> _Result | None:
    """Steps 1 and 2, and the named exception: no IPA on individual grounds (C7/23.5.2 Vc)."""
    persecution = ground_citation("persecution")
    harm = ground_citation("individual_harm")
    if case.persecution:
        steps.append(_step("persecution", persecution, "step.persecution_established"))
        outcome = Outcome.refugee_status
    else:
        steps.append(_step("persecution", persecution, "step.persecution_not_established"))
        if not case.individual_harm:
            steps.append(_step("individual_harm", harm, "step.individual_harm_not_established"))
            return None
        steps.append(_step("individual_harm", harm, "step.individual_harm_established"))
        outcome = Outcome.subsidiary_protection_individual
    steps.append(
        _step("no_ipa_individual", version.rules.no_ipa_individual, "step.no_ipa_individual")
    )
    return _Result(outcome=outcome, ipa=False, steps=steps)


def _requirement(gradation: Gradation, needs: IndividualElements | None) -> dict[str, str]:
    """What Article 15(c) needs at this level, in words."""
    if needs is None:
        return texts(f"article_15c.no_level.{gradation.value}")
    if needs is IndividualElements.none:
        return texts("article_15c.presence")
    return {
        lang: text("article_15c.at_least", lang, elements=elements_label(needs, lang))
        for lang in ("nl", "en")
    }


def _verdict(gradation: Gradation, established: bool) -> dict[str, str]:
    if established:
        return texts("article_15c.established")
    if gradation is Gradation.unknown:
        return texts("article_15c.undetermined")
    if gradation is Gradation.not_designated:
        return texts("article_15c.not_established_as_written")
    return texts("article_15c.not_established")


def _bilingual_step(rule: str, citation: Citation, conclusion: dict[str, str]) -> Step:
    return Step(
        rule=rule,
        citation=citation.paragraph,
        source=citation.source,
        source_text=citation.text_nl,
        conclusion_nl=conclusion["nl"],
        conclusion_en=conclusion["en"],
        reading=citation.reading,
        note_en=citation.note_en,
        note_nl=citation.note_nl,
    )


def _article_15c(
    case: Case, version: PolicyVersion, match: RegionMatch, steps: list[Step]
) -> _Result:
    """Steps 3 to 5: the region's level, the sliding scale, the IPA list and its criteria."""
    region = version.region(match.code)
    gradation = region.gradation
    flags: set[Flag] = set()
    if gradation is Gradation.not_designated:
        flags.add(Flag.region_not_named)
    if gradation is Gradation.unknown:
        flags.add(Flag.gradation_unknown)
    level = {lang: gradation_label(gradation, lang) for lang in ("nl", "en")}
    if match.mapped_from:
        # The decree does not say whether its region names are those of 2016 or of 2023.
        conclusion = {
            lang: text(
                "step.gradation_mapped",
                lang,
                given=match.mapped_from,
                region=region.name,
                # The note ends a sentence of its own; inside the brackets it takes no full stop.
                note=(match.note(lang) or "").rstrip("."),
                level=level[lang],
            )
            for lang in ("nl", "en")
        }
        gradation_step = replace(
            _bilingual_step("gradation", region.gradation_citation, conclusion), reading=True
        )
    else:
        conclusion = {
            lang: text("step.gradation", lang, region=region.name, level=level[lang])
            for lang in ("nl", "en")
        }
        gradation_step = _bilingual_step("gradation", region.gradation_citation, conclusion)
    steps.append(gradation_step)
    rule = article_15c_rules()[gradation]
    elements = case.individual_elements
    established = rule.establishes(elements)
    requirement = _requirement(gradation, rule.minimum_individual_elements)
    verdict = _verdict(gradation, established)
    conclusion = {
        lang: text(
            "step.article_15c",
            lang,
            requirement=requirement[lang],
            elements=elements_label(elements, lang),
            verdict=verdict[lang],
        )
        for lang in ("nl", "en")
    }
    steps.append(_bilingual_step("article_15c", rule.citation, conclusion))
    if gradation is Gradation.unknown:
        return _Result(
            outcome=Outcome.undetermined,
            ipa=None,
            steps=steps,
            flags=flags,
            missing=[f"regions[{region.code}].gradation"],
        )
    if not established:
        return _Result(outcome=Outcome.no_protection_ground, ipa=False, steps=steps, flags=flags)
    return _ipa(case, version, match, steps, flags, rule.minimum_individual_elements)


def _ipa(
    case: Case,
    version: PolicyVersion,
    match: RegionMatch,
    steps: list[Step],
    flags: set[Flag],
    needs: IndividualElements | None,
) -> _Result:
    """15(c) is established: the IPA list of C7/23.5.2 Vc and the criteria of C2/3.4 Vc."""
    region = version.region(match.code)
    criteria = ipa_criteria()
    failed = [c for c in criteria if case.ipa_criteria.get(c.id) is False]
    unreasonable = case.ipa_obstacles or bool(failed)
    if region.ipa_applies is None:
        flags.add(Flag.ipa_unknown)
        if not unreasonable:
            steps.append(
                _step(
                    "ipa_list",
                    region.ipa_citation,
                    "step.ipa_list_unknown_undetermined",
                    region=region.name,
                )
            )
            return _Result(
                outcome=Outcome.undetermined,
                ipa=None,
                steps=steps,
                flags=flags,
                missing=[f"regions[{region.code}].ipa_applies"],
            )
        steps.append(
            _step("ipa_list", region.ipa_citation, "step.ipa_list_unknown", region=region.name)
        )
        # Whatever the list says, the facts make an alternative unreasonable.
        steps.append(_unreasonable_step(version, failed, destination=None))
        answered = dict(case.ipa_criteria)
        return _Result(Outcome.subsidiary_protection_15c, False, steps, flags, [], answered)
    if not region.ipa_applies:
        steps.append(
            _step("ipa_list", region.ipa_citation, "step.ipa_list_not_listed", region=region.name)
        )
        return _Result(Outcome.subsidiary_protection_15c, False, steps, flags)
    destination = _destination(version)
    listed = _step(
        "ipa_list",
        region.ipa_citation,
        "step.ipa_list_listed",
        region=region.name,
        destination=destination,
    )
    if needs is not None and needs is not IndividualElements.none:
        # The IPA sentence covers people who run a real risk "enkel … vanwege het willekeurige
        # geweld"; applying it where 15(c) rests on individual elements is a reading.
        reading = texts("step.ipa_list_reading")
        listed = replace(
            listed,
            conclusion_nl=f"{listed.conclusion_nl} {reading['nl']}",
            conclusion_en=f"{listed.conclusion_en} {reading['en']}",
            reading=True,
        )
    steps.append(listed)
    answered = dict(case.ipa_criteria)
    if unreasonable:
        steps.append(_unreasonable_step(version, failed, destination))
        return _Result(Outcome.subsidiary_protection_15c, False, steps, flags, [], answered)
    met = [c for c in criteria if case.ipa_criteria.get(c.id) is True]
    conclusion = {
        lang: text(
            "step.ipa_held",
            lang,
            criteria=_names(criteria, lang, "; "),
            met=text("step.ipa_met", lang, criteria=_names(met, lang)) if met else "",
            destination=destination,
        )
        for lang in ("nl", "en")
    }
    steps.append(
        _bilingual_step("ipa_individual", version.rules.ipa_individual_assessment, conclusion)
    )
    return _Result(Outcome.internal_protection_alternative, True, steps, flags, [], answered)


def _destination(version: PolicyVersion) -> str:
    """The name of the place of the alternative, from the version data like every other name.

    A version with a region on the IPA list always names it (validated; with_overrides refuses
    otherwise).
    """
    if version.ipa_destination is None:
        raise PolicyError(f"policy {version.id}: ipa_destination is missing")
    return version.region(version.ipa_destination).name


def _unreasonable_step(
    version: PolicyVersion, failed: list[IpaCriterion], destination: str | None
) -> Step:
    """The facts make the alternative unreasonable (art. 3.37d VV); `destination` is None where
    the version's sources name no place for it."""
    criteria = ipa_criteria()
    key = "step.ipa_unreasonable" if destination else "step.ipa_unreasonable_any"
    conclusion = {
        lang: text(
            key,
            lang,
            destination=destination,
            failed=text("step.ipa_failed", lang, criteria=_names(failed, lang)) if failed else "",
            criteria=_names(criteria, lang, "; "),
        )
        for lang in ("nl", "en")
    }
    return _bilingual_step("ipa_individual", version.rules.ipa_individual_assessment, conclusion)


def _unclear_scope(code: str, version: PolicyVersion) -> SplitOff | None:
    """The split this unit came from, when the version names the older unit but not this one:
    then the text is silent on whether the older name covers it."""
    split = split_off(code)
    if split is None:
        return None
    own = version.region(code).gradation
    parent = version.region(split.parent).gradation
    if own is Gradation.not_designated and parent is not Gradation.not_designated:
        return split
    return None


def _scope_readings(
    case: Case, version: PolicyVersion, split: SplitOff, result: _Result
) -> tuple[AlternativeReading, ...]:
    """Both readings of a split-off unit; `result` (the unit read as not named) becomes
    `undetermined` when the two differ."""
    own = version.region(split.code)
    parent = version.region(split.parent)
    as_part = _decide(case, version, RegionMatch(parent.code, parent.name))
    readings = (
        AlternativeReading(
            reading="part_of_region",
            region_code=parent.code,
            region_name=parent.name,
            gradation=parent.gradation,
            outcome=as_part.outcome,
            ipa_applies=as_part.ipa,
            label_nl=text("reading.part_of_region", "nl", parent=parent.name),
            label_en=text("reading.part_of_region", "en", parent=parent.name),
        ),
        AlternativeReading(
            reading="not_named",
            region_code=own.code,
            region_name=own.name,
            gradation=own.gradation,
            outcome=result.outcome,
            ipa_applies=result.ipa,
            label_nl=text("reading.not_named", "nl"),
            label_en=text("reading.not_named", "en"),
        ),
    )
    conclusion = {
        lang: text(
            "step.region_scope",
            lang,
            region=own.name,
            parent=parent.name,
            as_part=outcome_label(as_part.outcome, lang),
            as_named=outcome_label(result.outcome, lang),
        )
        for lang in ("nl", "en")
    }
    step = replace(
        _bilingual_step("region_scope", own.gradation_citation, conclusion),
        reading=True,
        note_en=split.note("en"),
        note_nl=split.note("nl"),
    )
    result.steps.append(step)
    result.flags.add(Flag.region_scope_unclear)
    result.missing.extend(as_part.missing)
    if (as_part.outcome, as_part.ipa) != (result.outcome, result.ipa):
        result.outcome = Outcome.undetermined
        result.ipa = None
        result.missing.append(f"regions[{own.code}].scope")
    return readings


def disclaimer(lang: str, version: PolicyVersion, readings: bool = True) -> str:
    """That the IND decides each case, that the answer rests partly on readings (only when a
    step is one), and (where it is so) that the version's date of entry into force is not in
    the sources (wording.phrases.disclaimer)."""
    return phrases.disclaimer(lang, readings=readings, in_force_known=version.in_force is not None)


def _outcome_line(decision: Decision, version: PolicyVersion, lang: str) -> str:
    """The outcome as one sentence: an indication of the policy, or what it is undetermined on."""
    outcome = decision.outcome
    scope = [m for m in decision.missing_values if m.endswith(".scope")]
    readings = decision.alternative_readings
    if readings:
        own = version.region(decision.region_code)
        parent = version.region(readings[0].region_code)
        missing = text("missing.scope", lang, parent=parent.name, region=own.name)
    if outcome is Outcome.undetermined and scope:
        listed = "; ".join(
            f"{(r.label_nl if lang == 'nl' else r.label_en)}: "
            f"{_lower_first(outcome_label(r.outcome, lang))}"
            for r in readings
        )
        listed = listed[:1].upper() + listed[1:]
        line = text("outcome_line.scope", lang, missing=missing, readings=listed)
    elif outcome is Outcome.undetermined:
        words = [_missing_words(value, version, lang) for value in decision.missing_values]
        joiner = " en " if lang == "nl" else " and "
        line = text("outcome_line.undetermined", lang, missing=joiner.join(words))
    elif outcome is Outcome.internal_protection_alternative:
        line = text("outcome_line.ipa", lang, destination=_destination(version))
    elif readings:
        line = text(
            "outcome_line.scope_same",
            lang,
            outcome=_lower_first(outcome_label(outcome, lang)),
            missing=missing,
        )
    else:
        label = _lower_first(outcome_label(outcome, lang))
        line = text("outcome_line.indication", lang, outcome=label)
    if decision.subject_to_exclusion_review:
        line += " " + text("outcome_line.exclusion", lang)
    return line


def _lower_first(label: str) -> str:
    """An outcome label inside a sentence ("points to: refugee status")."""
    return label[:1].lower() + label[1:]


def _missing_words(value: str, version: PolicyVersion, lang: str) -> str:
    """`regions[ML-7].ipa_applies` in words."""
    code = value[len("regions[") : value.index("]")]
    what = value.rsplit(".", 1)[1]
    return text(f"missing.{what}", lang, region=version.region(code).name)
