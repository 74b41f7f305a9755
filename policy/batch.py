"""A whole caseload at once: every output is the output of `evaluate`, looked up per row.

Region names are resolved once per distinct name, never per row; for each distinct name the
Decision of every combination of facts (48) is taken from `evaluate` once, and the rows index
into that table with numpy, so the rules exist once and a million cases stay fast.

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

from policy.case import Case, parse_elements
from policy.errors import PolicyError, UnknownRegionError
from policy.framework import ELEMENTS, GRADATIONS
from policy.models import Outcome, PolicyVersion
from policy.regions import resolve_region
from policy.rules import evaluate

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


class BatchInputError(PolicyError):
    """A cell of the caseload that cannot be read; names the row (1-based) and the column."""


def evaluate_batch(
    cases: pd.DataFrame, version: PolicyVersion, source: str = "cases"
) -> pd.DataFrame:
    """The decisions of a caseload: a copy of `cases` with the output columns added."""
    if "region" not in cases.columns:
        raise BatchInputError(f"{source}: missing column 'region'")
    region_idx, regions, names = _region_codes(cases["region"], version, source)
    persecution, harm, obstacles, exclusion = (
        _boolean(cases, column, source) for column in BOOLEAN_COLUMNS
    )
    elements = _elements(cases, source)

    # Every output comes from `evaluate` itself: one Decision per distinct region name and
    # combination of facts (48 per name), looked up for each row, so the batch and the single
    # case can never disagree.
    cube_index = np.ravel_multi_index(
        (
            persecution.astype(np.intp),
            harm.astype(np.intp),
            elements.astype(np.intp),
            obstacles.astype(np.intp),
            exclusion.astype(np.intp),
        ),
        _CUBE,
    )
    tables = [_decision_table(name, version) for name in names]
    outcome = np.stack([table[0] for table in tables])[region_idx, cube_index]
    ipa = np.stack([table[1] for table in tables])[region_idx, cube_index]
    flag_sets = sorted({flags for table in tables for flags in table[2]})
    flag_codes = np.stack(
        [np.array([flag_sets.index(flags) for flags in table[2]]) for table in tables]
    )[region_idx, cube_index]
    gradation = np.array([GRADATIONS.index(r.gradation) for r, _ in regions], dtype=np.int8)[
        region_idx
    ]

    out = cases.copy()
    out["policy"] = version.id
    out["region_code"] = _categorical(region_idx, [r.code for r, _ in regions])
    out["region_name"] = _categorical(region_idx, [r.name for r, _ in regions])
    out["region_mapped_from"] = _categorical(region_idx, [m.mapped_from or "" for _, m in regions])
    out["gradation"] = pd.Categorical.from_codes(gradation, [g.value for g in GRADATIONS])
    out["outcome"] = pd.Categorical.from_codes(outcome, [o.value for o in _OUTCOMES])
    out["ipa_applies"] = pd.Categorical.from_codes(ipa, ["false", "true", ""])
    out["flags"] = pd.Categorical.from_codes(flag_codes, flag_sets)
    return out


def _categorical(codes: np.ndarray, values: list[str]) -> pd.Categorical:
    """Per-row values from per-code values, as a categorical (values may repeat)."""
    categories, inverse = np.unique(np.array(values, dtype=object), return_inverse=True)
    return pd.Categorical.from_codes(inverse[codes], list(categories))


_CUBE = (2, 2, len(ELEMENTS), 2, 2)


@lru_cache(maxsize=256)
def _decision_table(name: str, version: PolicyVersion) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """For one region (code or 2023 name): outcome code, ipa code (0 false, 1 true,
    2 unknown) and flags of the Decision of `evaluate` for every combination of facts
    [persecution, harm, elements, obstacles, exclusion], flattened in C order."""
    outcomes = np.zeros(int(np.prod(_CUBE)), dtype=np.int8)
    ipas = np.zeros(int(np.prod(_CUBE)), dtype=np.int8)
    flags: list[str] = []
    for position, index in enumerate(np.ndindex(_CUBE)):
        persecution, harm, elements, obstacles, exclusion = index
        decision = evaluate(
            Case(
                region=name,
                persecution=bool(persecution),
                individual_harm=bool(harm),
                individual_elements=ELEMENTS[elements],
                ipa_obstacles=bool(obstacles),
                exclusion_indications=bool(exclusion),
            ),
            version,
        )
        outcomes[position] = _OUTCOMES.index(decision.outcome)
        ipas[position] = 2 if decision.ipa_applies is None else int(decision.ipa_applies)
        flags.append(";".join(decision.flags))
    outcomes.setflags(write=False)
    ipas.setflags(write=False)
    return outcomes, ipas, flags


def _region_codes(
    column: pd.Series, version: PolicyVersion, source: str
) -> tuple[np.ndarray, list, list[str]]:
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
    # The name each distinct region is evaluated under: its code, or the 2023 name it was
    # mapped from (whose Decision says so); spellings of one region share one table.
    names = [m.mapped_from or m.code for m in matches]
    return codes.astype(np.intp), regions, names


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
    for position, raw in enumerate(uniques):
        try:
            values[position] = ELEMENTS.index(parse_elements(str(raw)))
        except PolicyError as error:
            row = int(np.flatnonzero(codes == position)[0]) + 1
            raise BatchInputError(f"{source}: row {row}, column {error}") from None
    return values[codes]
