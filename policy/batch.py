"""A whole caseload at once: the same decision order as `evaluate`, on numpy arrays of codes.

Region names are resolved once per distinct name, never per row; every rule is an array
operation over integer codes, so a million cases take well under a second.

Columns read: `region` (required); `persecution`, `individual_harm`, `ipa_obstacles`,
`exclusion_indications` (true/false, 1/0, yes/no, ja/nee; empty = false) and
`individual_elements` (none/limited/substantial; empty = none), all optional.
Columns added: `policy`, `region_code`, `region_name`, `region_mapped_from`, `gradation`,
`outcome`, `ipa_applies` (true/false/empty when unknown), `flags` (";"-separated).
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import pandas as pd

from policy.engine import Case, evaluate
from policy.errors import PolicyError, UnknownRegionError
from policy.framework import ELEMENTS, GRADATIONS, article_15c_table
from policy.models import Gradation, Outcome, PolicyVersion
from policy.regions import resolve_region

BOOLEAN_COLUMNS = ("persecution", "individual_harm", "ipa_obstacles", "exclusion_indications")
OUTPUT_COLUMNS = (
    "policy",
    "region_code",
    "region_name",
    "region_mapped_from",
    "gradation",
    "outcome",
    "ipa_applies",
    "flags",
)
_TRUE = {"true", "1", "yes", "y", "ja", "j", "t"}
_FALSE = {"false", "0", "no", "n", "nee", "f", ""}
_OUTCOMES = tuple(Outcome)
# Flag bits, in the order `evaluate` lists the flags.
_FLAG_ORDER = (
    "what_if",
    "region_mapped",
    "exclusion_review",
    "region_not_named",
    "gradation_unknown",
    "ipa_unknown",
    "rests_on_reading",
)


class BatchInputError(PolicyError):
    """A cell of the caseload that cannot be read; names the row (1-based) and the column."""


def evaluate_batch(
    cases: pd.DataFrame, version: PolicyVersion, source: str = "cases"
) -> pd.DataFrame:
    """The decisions of a caseload: a copy of `cases` with the output columns added."""
    if "region" not in cases.columns:
        raise BatchInputError(f"{source}: missing column 'region'")
    n = len(cases)
    region_idx, regions = _region_codes(cases["region"], version, source)
    persecution, harm, obstacles, exclusion = (
        _boolean(cases, column, source) for column in BOOLEAN_COLUMNS
    )
    elements = _elements(cases, source)

    grad_of_region = np.array([GRADATIONS.index(r.gradation) for r, _ in regions], dtype=np.int8)
    ipa_of_region = np.array(
        [2 if r.ipa_applies is None else int(r.ipa_applies) for r, _ in regions], dtype=np.int8
    )
    mapped_of_region = np.array([m.mapped_from is not None for _, m in regions], dtype=bool)
    gradation = grad_of_region[region_idx]
    ipa_list = ipa_of_region[region_idx]

    individual = persecution | harm
    established = article_15c_table()[gradation, elements] & ~individual
    on_list = established & (ipa_list == 1)
    ipa_granted = on_list & ~obstacles

    outcome = np.full(n, _OUTCOMES.index(Outcome.no_protection_ground), dtype=np.int8)
    outcome[established] = _OUTCOMES.index(Outcome.subsidiary_protection_15c)
    outcome[ipa_granted] = _OUTCOMES.index(Outcome.internal_protection_alternative)
    outcome[harm & ~persecution] = _OUTCOMES.index(Outcome.subsidiary_protection_individual)
    outcome[persecution] = _OUTCOMES.index(Outcome.refugee_status)

    # ipa_applies: 1 true, 0 false, 2 unknown (15(c) established, list unknown).
    ipa = np.where(ipa_granted, 1, 0).astype(np.int8)
    ipa[established & (ipa_list == 2)] = 2

    by_code = _reading_table(version)
    reading_of_region = np.stack([by_code[r.code] for r, _ in regions])
    reading = reading_of_region[
        region_idx,
        persecution.astype(np.intp),
        harm.astype(np.intp),
        elements.astype(np.intp),
        obstacles.astype(np.intp),
        exclusion.astype(np.intp),
    ]
    not_designated = GRADATIONS.index(Gradation.not_designated)
    unknown = GRADATIONS.index(Gradation.unknown)
    flag_masks = (
        np.full(n, version.modified, dtype=bool),
        mapped_of_region[region_idx],
        exclusion,
        (gradation == not_designated) & ~individual,
        (gradation == unknown) & ~individual,
        established & (ipa_list == 2),
        reading,
    )
    bits = np.zeros(n, dtype=np.uint8)
    for bit, mask in enumerate(flag_masks):
        bits |= mask.astype(np.uint8) << np.uint8(bit)

    out = cases.copy()
    out["policy"] = version.id
    out["region_code"] = _categorical(region_idx, [r.code for r, _ in regions])
    out["region_name"] = _categorical(region_idx, [r.name for r, _ in regions])
    out["region_mapped_from"] = _categorical(region_idx, [m.mapped_from or "" for _, m in regions])
    out["gradation"] = pd.Categorical.from_codes(gradation, [g.value for g in GRADATIONS])
    out["outcome"] = pd.Categorical.from_codes(outcome, [o.value for o in _OUTCOMES])
    out["ipa_applies"] = pd.Categorical.from_codes(ipa, ["false", "true", ""])
    flag_names = [
        ";".join(name for bit, name in enumerate(_FLAG_ORDER) if value >> bit & 1)
        for value in range(1 << len(_FLAG_ORDER))
    ]
    out["flags"] = pd.Categorical.from_codes(bits, flag_names)
    return out


def _categorical(codes: np.ndarray, values: list[str]) -> pd.Categorical:
    """Per-row values from per-code values, as a categorical (values may repeat)."""
    categories, inverse = np.unique(np.array(values, dtype=object), return_inverse=True)
    return pd.Categorical.from_codes(inverse[codes], list(categories))


@lru_cache(maxsize=16)
def _reading_table(version: PolicyVersion) -> dict[str, np.ndarray]:
    """Region code → bool array [persecution, harm, elements, obstacles, exclusion]: whether the
    Decision of `evaluate` for those facts carries `rests_on_reading`.

    Taken from `evaluate` itself (11 regions × 48 fact combinations, once per version), so the
    batch flag cannot drift from the steps the engine takes.
    """
    table: dict[str, np.ndarray] = {}
    for region in version.regions:
        cube = np.zeros((2, 2, len(ELEMENTS), 2, 2), dtype=bool)
        for index in np.ndindex(cube.shape):
            persecution, harm, elements, obstacles, exclusion = index
            decision = evaluate(
                Case(
                    region=region.code,
                    persecution=bool(persecution),
                    individual_harm=bool(harm),
                    individual_elements=ELEMENTS[elements],
                    ipa_obstacles=bool(obstacles),
                    exclusion_indications=bool(exclusion),
                ),
                version,
            )
            cube[index] = "rests_on_reading" in decision.flags
        cube.setflags(write=False)
        table[region.code] = cube
    return table


def _region_codes(
    column: pd.Series, version: PolicyVersion, source: str
) -> tuple[np.ndarray, list]:
    """Row → index into the version's regions, resolving each distinct name once."""
    codes, uniques = pd.factorize(column, use_na_sentinel=True)
    if (codes < 0).any():
        row = int(np.flatnonzero(codes < 0)[0]) + 1
        raise BatchInputError(f"{source}: row {row}, column region: empty")
    matches = []
    for position, name in enumerate(uniques):
        try:
            matches.append(resolve_region(str(name), version))
        except UnknownRegionError as error:
            row = int(np.flatnonzero(codes == position)[0]) + 1
            raise BatchInputError(f"{source}: row {row}, column region: {error}") from None
    regions = [(version.region(m.code), m) for m in matches]
    return codes.astype(np.intp), regions


def _boolean(cases: pd.DataFrame, column: str, source: str) -> np.ndarray:
    if column not in cases.columns:
        return np.zeros(len(cases), dtype=bool)
    series = cases[column]
    if series.dtype == bool:
        return series.to_numpy()
    codes, uniques = pd.factorize(series, use_na_sentinel=True)
    values = np.empty(len(uniques) + 1, dtype=bool)
    values[-1] = False  # missing cell
    for position, raw in enumerate(uniques):
        text = str(raw).strip().casefold()
        if isinstance(raw, bool | np.bool_):
            values[position] = bool(raw)
        elif text in _TRUE:
            values[position] = True
        elif text in _FALSE:
            values[position] = False
        else:
            row = int(np.flatnonzero(codes == position)[0]) + 1
            raise BatchInputError(
                f"{source}: row {row}, column {column}: {raw!r} is not true/false"
            )
    return values[codes]


def _elements(cases: pd.DataFrame, source: str) -> np.ndarray:
    if "individual_elements" not in cases.columns:
        return np.zeros(len(cases), dtype=np.int8)
    codes, uniques = pd.factorize(cases["individual_elements"], use_na_sentinel=True)
    values = np.zeros(len(uniques) + 1, dtype=np.int8)
    allowed = [e.value for e in ELEMENTS]
    for position, raw in enumerate(uniques):
        text = str(raw).strip().casefold() or "none"
        if text not in allowed:
            row = int(np.flatnonzero(codes == position)[0]) + 1
            raise BatchInputError(
                f"{source}: row {row}, column individual_elements: {raw!r} is not one of "
                f"{', '.join(allowed)}"
            )
        values[position] = allowed.index(text)
    return values[codes]
