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
that is `unknown`) the outcome is `undetermined` and the Decision names the value. Where the
sources narrow a value without fixing it, every possibility is evaluated — one mechanism for
all of them (docs/possibilities.md):
- a set of possible levels (`gradation_possible`: the earlier Kidal and Tombouctou, "not the
  highest", inferred from the letter);
- a unit split off from a named one (Taoudénit from Tombouctou): part of it, or not named;
- a 2023 reform name (or a place in such a region's cercles): the 2016 region it was formed
  from, or a region the text does not name;
- the IPA sentence's "enkel … vanwege het willekeurige geweld" where 15(c) rests partly on
  individual elements: covering that case (the IPA) or not (15(c) subsidiary protection).
If every possibility gives the same outcome, that is the outcome (flag `rests_on_inference`);
otherwise it is `undetermined`, with each possibility and its outcome in
`alternative_readings`. Never a default in their place.
The rules hold no region names: every fact comes from the PolicyVersion and the region tables.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

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
    RegionPolicy,
)
from policy.open_values import date_words, missing_in_words
from policy.regions import (
    RegionMatch,
    SplitOff,
    reform_match_for_cercle,
    resolve_region,
    split_off,
)
from policy.texts import elements_label, gradation_label, outcome_label, text, texts
from wording import keys as catalogue_keys
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
    ipa_reading_used: bool = False
    """The outcome turned on whether the IPA sentence covers a risk resting partly on
    individual elements (its "enkel … vanwege het willekeurige geweld")."""


@dataclass(frozen=True)
class _Possibility:
    """One combination of the values the sources narrow without fixing (module docstring).

    `choices` are (axis, choice) pairs; an axis is the value left open, named as in
    `missing_values` (`regions[ML-10].scope`). `region` is the unit as this possibility reads
    it; `named=False` reads a 2023 reform name as a region the text does not name.
    """

    match: RegionMatch
    region: RegionPolicy
    choices: tuple[tuple[str, str], ...] = ()
    labels: tuple[dict[str, str], ...] = ()
    named: bool = True
    level_possible: bool = False
    ipa_covers: bool = True
    primary: bool = True

    @property
    def reading(self) -> str:
        return "+".join(choice for _, choice in self.choices)

    def label(self, lang: str) -> str:
        return "; ".join(label[lang] for label in self.labels)

    def with_choice(self, axis: str, choice: str, label: dict[str, str], **changes: Any) -> Any:
        return replace(
            self,
            choices=(*self.choices, (axis, choice)),
            labels=(*self.labels, label),
            **changes,
        )


def evaluate(case: Case, version: PolicyVersion) -> Decision:
    """Apply the decision order of C7/23 Vc to one case under one policy version.

    Where the sources leave a value open (a set of possible levels, Taoudénit's scope, a 2023
    region name, the IPA after individual elements), every possibility is evaluated: the outcome
    is the one they share (flag `rests_on_inference`), or `undetermined` with each possibility
    and its outcome in `alternative_readings`.
    """
    match = resolve_region(case.region, version)
    if case.origin is not None and case.origin.region_code != match.code:
        raise PolicyError(
            f"origin: {case.origin.text!r} lies in {case.origin.region_code}, "
            f"but the case's region {case.region!r} is {match.code}"
        )
    if case.origin is not None and not match.mapped_from:
        # A place is answered the way its 2023 region's name would be.
        reform = reform_match_for_cercle(case.origin.cercle_pcode, version)
        if reform is not None and reform.code == match.code:
            match = reform
    region = version.region(match.code)
    evaluated = [(p, _decide(case, version, p)) for p in _possibilities(version, match)]
    evaluated = _with_ipa_readings(case, version, evaluated)
    primary, result = next((p, r) for p, r in evaluated if p.primary)
    readings: tuple[AlternativeReading, ...] = ()
    axes: list[str] = []
    deciding: list[str] = []
    flags = set(result.flags)
    if len(evaluated) > 1:
        readings, axes, deciding = _combine(version, match, evaluated, result, flags)
    steps = _mark_borrowed(result.steps, version)
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
        scenario_title=version.scenario_title if version.modified else None,
        gradation_possible=region.gradation_possible,
        level_term_nl=version.level_term_nl,
    )
    words = deciding if result.outcome is Outcome.undetermined else axes
    lines = {lang: _outcome_line(decision, version, lang, words) for lang in ("nl", "en")}
    return replace(decision, outcome_line_nl=lines["nl"], outcome_line_en=lines["en"])


def _possibilities(version: PolicyVersion, match: RegionMatch) -> list[_Possibility]:
    """Every reading of the region's values the sources leave open, the primary one first."""
    region = version.region(match.code)
    base = _Possibility(match=match, region=region)
    split = _unclear_scope(match.code, version)
    if split is not None:
        parent = version.region(split.parent)
        axis = f"regions[{region.code}].scope"
        found = [
            base.with_choice(
                axis,
                "part_of_region",
                texts("reading.part_of_region", parent=parent.name),
                match=RegionMatch(parent.code, parent.name),
                region=parent,
                primary=False,
            ),
            base.with_choice(axis, "not_named", texts("reading.not_named")),
        ]
    elif match.mapped_from:
        axis = f"regions[{region.code}].name_2023"
        unnamed = version.unnamed_region_gradation
        as_unnamed = replace(
            region,
            gradation=unnamed,
            gradation_citation=replace(region.gradation_citation, reading=True),
            gradation_possible=(),
            gradation_possible_citation=None,
            ipa_applies=False if unnamed is Gradation.not_designated else None,
        )
        values = {"given": match.mapped_from, "region": region.name}
        found = [
            base.with_choice(axis, "mapped", texts("reading.name_2023_mapped", **values)),
            base.with_choice(
                axis,
                "not_named_2023",
                texts("reading.name_2023_not_named", **values),
                region=as_unnamed,
                named=False,
                primary=False,
            ),
        ]
    else:
        found = [base]
    expanded: list[_Possibility] = []
    for possibility in found:
        own = possibility.region
        if not own.gradation_possible:
            expanded.append(possibility)
            continue
        axis = f"regions[{own.code}].gradation"
        for number, level in enumerate(own.gradation_possible):
            label = {
                lang: text(
                    "reading.level_possible", lang, level=_lower_first(gradation_label(level, lang))
                )
                for lang in ("nl", "en")
            }
            expanded.append(
                possibility.with_choice(
                    axis,
                    f"level_{level.value}",
                    label,
                    region=replace(own, gradation=level),
                    level_possible=True,
                    primary=possibility.primary and number == 0,
                )
            )
    return expanded


def _with_ipa_readings(
    case: Case, version: PolicyVersion, evaluated: list[tuple[_Possibility, _Result]]
) -> list[tuple[_Possibility, _Result]]:
    """Where the outcome turned on the IPA sentence's "enkel", both of its readings."""
    found: list[tuple[_Possibility, _Result]] = []
    for possibility, result in evaluated:
        if not result.ipa_reading_used:
            found.append((possibility, result))
            continue
        axis = f"regions[{possibility.region.code}].ipa_scope"
        covers = possibility.with_choice(axis, "ipa_covers", texts("reading.ipa_covers"))
        not_covers = possibility.with_choice(
            axis,
            "ipa_not_covers",
            texts("reading.ipa_not_covers"),
            ipa_covers=False,
            primary=False,
        )
        found.append((covers, result))
        found.append((not_covers, _decide(case, version, not_covers)))
    return found


def _combine(
    version: PolicyVersion,
    match: RegionMatch,
    evaluated: list[tuple[_Possibility, _Result]],
    result: _Result,
    flags: set[Flag],
) -> tuple[tuple[AlternativeReading, ...], list[str], list[str]]:
    """The possibilities as alternative readings; `result` (the primary one) becomes their
    shared outcome, or `undetermined` naming the values the outcome turns on."""
    readings = tuple(
        AlternativeReading(
            reading=p.reading,
            region_code=p.match.code,
            region_name=p.region.name if p.named else (match.mapped_from or p.region.name),
            gradation=p.region.gradation,
            outcome=r.outcome,
            ipa_applies=r.ipa,
            label_nl=p.label("nl"),
            label_en=p.label("en"),
        )
        for p, r in evaluated
    )
    axes = list(dict.fromkeys(axis for p, _ in evaluated for axis, _ in p.choices))
    deciding = [axis for axis in axes if _decides(axis, evaluated)]
    for _, other in evaluated:
        flags.update(other.flags - {Flag.region_not_named})
    for axis in axes:
        flags.add(_AXIS_FLAGS[axis.rsplit(".", 1)[1]])
    listed = "; ".join(
        f"{r.label_nl}: {_lower_first(outcome_label(r.outcome, 'nl'))}" for r in readings
    )
    listed_en = "; ".join(
        f"{r.label_en}: {_lower_first(outcome_label(r.outcome, 'en'))}" for r in readings
    )
    conclusion = {
        "nl": text("step.possibilities", "nl", readings=_upper_first(listed)),
        "en": text("step.possibilities", "en", readings=_upper_first(listed_en)),
    }
    citation = version.region(match.code).gradation_citation
    split = split_off(match.code)
    step = replace(
        _bilingual_step("possibilities", citation, conclusion),
        reading=True,
        note_en=split.note("en") if split is not None and split.code in _codes(axes) else None,
        note_nl=split.note("nl") if split is not None and split.code in _codes(axes) else None,
    )
    result.steps.append(step)
    outcomes = {(r.outcome, r.ipa) for _, r in evaluated}
    missing = [m for _, r in evaluated for m in r.missing]
    if len(outcomes) == 1:
        if result.outcome is not Outcome.undetermined:
            flags.add(Flag.rests_on_inference)
    else:
        result.outcome = Outcome.undetermined
        result.ipa = None
        missing += deciding
    result.missing = list(dict.fromkeys(missing))
    return readings, axes, deciding


_AXIS_FLAGS = {
    "scope": Flag.region_scope_unclear,
    "name_2023": Flag.region_mapped,
    "gradation": Flag.gradation_narrowed,
    "ipa_scope": Flag.ipa_reading_open,
}


def _codes(axes: list[str]) -> set[str]:
    return {axis[len("regions[") : axis.index("]")] for axis in axes}


def _decides(axis: str, evaluated: list[tuple[_Possibility, _Result]]) -> bool:
    """Whether two possibilities that differ in `axis`, and agree on every other value both
    read, give different outcomes."""
    for p, r in evaluated:
        for q, other in evaluated:
            mine, theirs = dict(p.choices), dict(q.choices)
            if axis not in mine or axis not in theirs or mine[axis] == theirs[axis]:
                continue
            shared = (set(mine) & set(theirs)) - {axis}
            if all(mine[a] == theirs[a] for a in shared) and (r.outcome, r.ipa) != (
                other.outcome,
                other.ipa,
            ):
                return True
    return False


def _decide(case: Case, version: PolicyVersion, possibility: _Possibility) -> _Result:
    """The decision order for the case under one possibility."""
    steps: list[Step] = []
    if case.exclusion_indications:
        steps.append(_step("exclusion_1f", version.rules.exclusion, "step.exclusion_1f"))
    result = _individual_grounds(case, version, steps)
    if result is None:
        result = _article_15c(case, version, possibility, steps)
    return result


def has_text(key: str) -> bool:
    """Whether the catalogue holds `key` (a text for one code, where some codes have none)."""
    return key in catalogue_keys()


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
        scenario_change=citation.override,
    )


def _article_15c(
    case: Case, version: PolicyVersion, possibility: _Possibility, steps: list[Step]
) -> _Result:
    """Steps 3 to 5: the region's level, the sliding scale, the IPA list and its criteria."""
    match = possibility.match
    region = possibility.region
    gradation = region.gradation
    flags: set[Flag] = set()
    if gradation is Gradation.not_designated:
        flags.add(Flag.region_not_named)
    if gradation is Gradation.unknown:
        flags.add(Flag.gradation_unknown)
    level = {lang: gradation_label(gradation, lang) for lang in ("nl", "en")}
    if possibility.level_possible and region.gradation_possible_citation is not None:
        # Each level in lower case inside the sentence, but a cited paragraph ("C7/23.4.2 Vc")
        # or "Article 15(c)" inside a label keeps its capitals.
        possible = region.gradation_possible
        levels = {
            lang: ", ".join(_lower_first(gradation_label(g, lang)) for g in possible)
            for lang in ("nl", "en")
        }
        conclusion = {
            lang: text(
                "step.gradation_possible",
                lang,
                region=region.name,
                levels=levels[lang],
                level=level[lang],
            )
            for lang in ("nl", "en")
        }
        gradation_step = replace(
            _bilingual_step("gradation", region.gradation_possible_citation, conclusion),
            reading=True,
        )
    elif match.mapped_from and not possibility.named:
        conclusion = {
            lang: text(
                "step.gradation_not_named_2023",
                lang,
                given=match.mapped_from,
                region=region.name,
                level=level[lang],
            )
            for lang in ("nl", "en")
        }
        gradation_step = replace(
            _bilingual_step("gradation", region.gradation_citation, conclusion), reading=True
        )
    elif match.mapped_from:
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
    elif version.level_term_nl and gradation is Gradation.exceptional:
        # The earlier version in its own term; its mapping to today's term is a reading.
        term = version.level_term_nl
        conclusion = texts("step.gradation_own_term", region=region.name, term=term)
        gradation_step = replace(
            _bilingual_step("gradation", region.gradation_citation, conclusion), reading=True
        )
    else:
        # A level is an assumption of the IND ("De IND neemt voor Mali aan …"), not a finding.
        assumed = has_text(f"step.gradation_assumed.{gradation.value}")
        conclusion = {
            lang: text(f"step.gradation_assumed.{gradation.value}", lang, region=region.name)
            if assumed
            else text("step.gradation", lang, region=region.name, level=level[lang])
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
    return _ipa(case, version, possibility, steps, flags, rule.minimum_individual_elements)


def _ipa(
    case: Case,
    version: PolicyVersion,
    possibility: _Possibility,
    steps: list[Step],
    flags: set[Flag],
    needs: IndividualElements | None,
) -> _Result:
    """15(c) is established: the IPA list of C7/23.5.2 Vc and the criteria of C2/3.4 Vc."""
    region = possibility.region
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
    partly_individual = needs is not None and needs is not IndividualElements.none
    if partly_individual:
        # The IPA sentence covers people who run a real risk "enkel … vanwege het willekeurige
        # geweld"; whether it covers a 15(c) risk resting partly on individual elements is a
        # reading either way: both are evaluated (evaluate → _with_ipa_readings).
        key = "step.ipa_list_reading" if possibility.ipa_covers else "step.ipa_list_not_covered"
        reading = texts(key)
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
    if partly_individual and not possibility.ipa_covers:
        return _Result(Outcome.subsidiary_protection_15c, False, steps, flags, [], answered, True)
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
    return _Result(
        Outcome.internal_protection_alternative, True, steps, flags, [], answered, partly_individual
    )


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


def disclaimer(lang: str, version: PolicyVersion, readings: bool = True) -> str:
    """That the IND decides each case, that the answer rests partly on readings (only when a
    step is one), and (where it is so) that the version's date of entry into force is not in
    the sources (wording.phrases.disclaimer)."""
    said = phrases.disclaimer(lang, readings=readings, in_force_known=version.in_force is not None)
    if version.in_force is None and version.in_force_not_before is not None:
        day = version.in_force_not_before
        said += " " + text("disclaimer.in_force_not_before", lang, date=date_words(day, lang))
    return said


def _outcome_line(decision: Decision, version: PolicyVersion, lang: str, axes: list[str]) -> str:
    """The outcome as one sentence (wording.phrases.outcome_line): an indication of the policy,
    what it is undetermined on, or that every possibility the sources leave open gives it
    (`axes`: those values). The rules give codes and names; the wording layer the sentence."""
    readings = decision.alternative_readings
    if readings and axes:
        missing = [_missing_words(axis, decision, version, lang) for axis in axes]
        listed = [(r.label_nl if lang == "nl" else r.label_en, r.outcome) for r in readings]
    else:
        missing = [_missing_words(v, decision, version, lang) for v in decision.missing_values]
        listed = []
    ipa = decision.outcome is Outcome.internal_protection_alternative
    return phrases.outcome_line(
        decision.outcome,
        lang,
        destination=_destination(version) if ipa and not listed else None,
        missing=missing,
        readings=listed,
        exclusion=decision.subject_to_exclusion_review,
    )


def _upper_first(text_: str) -> str:
    return text_[:1].upper() + text_[1:]


def _lower_first(label: str) -> str:
    """An outcome label inside a sentence ("points to: refugee status")."""
    return label[:1].lower() + label[1:]


def _missing_words(value: str, decision: Decision, version: PolicyVersion, lang: str) -> str:
    """`regions[ML-7].ipa_applies` in words (every version holds the same 11 units)."""
    del version
    return missing_in_words(value, lang, decision.region_mapped_from)
