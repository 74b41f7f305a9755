"""A whole caseload at once, every output taken from `evaluate`, so the rules exist once.

Why this shape: the facts a caseload row carries are finite — the region as named, four yes/no
answers and individual elements none/limited/substantial, 48 combinations per region. So
`evaluate_batch` asks `evaluate` for the Decision of every combination of each region the
caseload names (once per version, cached), turns each Decision into the output columns, and
broadcasts that small table to the rows with numpy. No rule is written here: a new outcome,
flag or reading in `evaluate` reaches the batch without a change in this module.

Columns read: `region` (required); `persecution`, `individual_harm`, `ipa_obstacles`,
`exclusion_indications` (true/false, 1/0, yes/no, ja/nee; empty = false) and
`individual_elements` (none/limited/substantial; empty = none), all optional.
Columns added: `policy`, `region_code`, `region_name`, `region_mapped_from`, `gradation`,
`outcome`, `ipa_applies` (true/false/empty when unknown), `flags` and `missing_values`
(";"-separated), each the value of the same key in `evaluate`'s Decision
(`python -m policy evaluate --json`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from policy.case import BOOLEAN_FACTS, FALSE_WORDS, TRUE_WORDS, Case, parse_elements
from policy.decision import Decision
from policy.errors import PolicyError, UnknownRegionError
from policy.messages import quoted
from policy.models import IndividualElements, PolicyVersion
from policy.regions import RegionMatch, resolve_region
from policy.rules import evaluate
from wording import phrases
from wording.errors import Rows

BOOLEAN_COLUMNS = BOOLEAN_FACTS
FACT_COLUMNS = ("region", *BOOLEAN_COLUMNS, "individual_elements")
OUTPUT_COLUMNS = (
    "policy",
    "region_code",
    "region_name",
    "region_mapped_from",
    "gradation",
    "outcome",
    "ipa_applies",
    "flags",
    "missing_values",
    "marks",
)
# A frame whose index has this name counts its rows as lines of the file it was read from
# (`policy.case_csv.read_cases`); messages then say "line N" as an editor or spreadsheet shows.
LINE_INDEX = "line"
TRUE_TEXTS = TRUE_WORDS
FALSE_TEXTS = FALSE_WORDS | {""}  # an empty cell: the fact was not given
ELEMENTS: tuple[IndividualElements, ...] = tuple(IndividualElements)
# The space of facts a row can carry, in the order of the combination index.
_SHAPE = (2, 2, len(ELEMENTS), 2, 2)  # persecution, harm, elements, obstacles, exclusion


class BatchInputError(PolicyError):
    """A cell of the caseload that cannot be read; names the line (or row) and the column."""


@dataclass(frozen=True)
class CaseCodes:
    """The facts of a caseload as small integer arrays, one entry per row."""

    matches: tuple[RegionMatch, ...]
    match_index: np.ndarray
    persecution: np.ndarray
    individual_harm: np.ndarray
    individual_elements: np.ndarray
    ipa_obstacles: np.ndarray
    exclusion_indications: np.ndarray

    def key(self) -> np.ndarray:
        """Row → index of (region match, facts) in the table of decisions: match × 48 +
        the facts' place in `_SHAPE` order. Small integer types: a million rows stay small."""
        key = self.match_index.astype(np.int32)
        for values, size in zip(
            (
                self.persecution,
                self.individual_harm,
                self.individual_elements,
                self.ipa_obstacles,
                self.exclusion_indications,
            ),
            _SHAPE,
            strict=True,
        ):
            key *= size
            key += values
        return key


def evaluate_batch(
    cases: pd.DataFrame, version: PolicyVersion, source: str = "cases"
) -> pd.DataFrame:
    """The decisions of a caseload: a copy of `cases` with the output columns added.

    Each added cell is what `evaluate` answers for that row's facts (see the module docstring).
    """
    codes = decode_cases(cases, version, source)
    tables = [_decision_table(version, match) for match in codes.matches]
    key = codes.key()
    out = cases.copy(deep=False)
    for column in OUTPUT_COLUMNS:
        values = [row[column] for table in tables for row in table]
        out[column] = _broadcast(values, key)
    return out


def decision_columns(decision: Decision) -> dict[str, str]:
    """The output columns of one Decision, as text: the keys of its JSON (`to_dict`)."""
    data = decision.to_dict()
    ipa = data["ipa_applies"]
    return {
        "policy": data["policy"],
        "region_code": data["region"]["code"],
        "region_name": data["region"]["name"],
        "region_mapped_from": data["region"]["mapped_from"] or "",
        "gradation": data["gradation"],
        "outcome": data["outcome"],
        "ipa_applies": "" if ipa is None else str(bool(ipa)).lower(),
        "flags": ";".join(data["flags"]),
        "missing_values": ";".join(data["missing_values"]),
        # The marks every headline carries (scenario, reading, undetermined, Article 1F review),
        # as codes: a scenario's rows say so beside the policy id.
        "marks": ";".join(phrases.mark_codes(data["flags"], data["outcome"])),
    }


@lru_cache(maxsize=256)
def _decision_table(version: PolicyVersion, match: RegionMatch) -> tuple[dict[str, str], ...]:
    """The output columns for each of the 48 fact combinations in a region, from `evaluate`.

    A Decision depends on the name given only through the match `resolve_region` returns, so
    the match's own name stands for every spelling that resolves to it.
    """
    name = match.mapped_from or match.name
    rows = []
    for index in np.ndindex(*_SHAPE):
        persecution, harm, elements, obstacles, exclusion = index
        case = Case(
            region=name,
            persecution=bool(persecution),
            individual_harm=bool(harm),
            individual_elements=ELEMENTS[elements],
            ipa_obstacles=bool(obstacles),
            exclusion_indications=bool(exclusion),
        )
        rows.append(decision_columns(evaluate(case, version)))
    return tuple(rows)


def _broadcast(values: Sequence[str], key: np.ndarray) -> pd.Categorical:
    """Per-row values from per-key values, as a categorical (the values repeat a lot)."""
    categories, inverse = np.unique(np.array(values, dtype=object), return_inverse=True)
    small = inverse.astype(np.int8 if len(categories) < 128 else np.int32)
    return pd.Categorical.from_codes(small[key], [str(c) for c in categories])


def decode_cases(cases: pd.DataFrame, version: PolicyVersion, source: str = "cases") -> CaseCodes:
    """The facts of every row as codes; BatchInputError naming the row and column otherwise.

    Each distinct cell text is read once (the columns are factorised), never each row.
    """
    if "region" not in cases.columns:
        raise BatchInputError(f"{source}: missing column 'region'").keyed(
            "errors.csv.no_region_column_short", file=source
        )
    matches, match_index = _regions(cases, version, source)
    booleans = {column: _boolean(cases, column, source) for column in BOOLEAN_COLUMNS}
    return CaseCodes(
        matches=matches,
        match_index=match_index,
        individual_elements=_elements(cases, source),
        **booleans,
    )


def where(cases: pd.DataFrame, positions: np.ndarray, limit: int = 3) -> str:
    """`line 7` / `row 3` / `lines 7, 9 and 4 more` for rows at these 0-based positions."""
    if cases.index.name == LINE_INDEX:
        word, numbers = "line", cases.index.to_numpy()[positions[:limit]]
    else:
        word, numbers = "row", positions[:limit] + 1
    shown = ", ".join(str(int(number)) for number in numbers)
    if len(positions) == 1:
        return f"{word} {shown}"
    more = f" and {len(positions) - limit} more" if len(positions) > limit else ""
    return f"{word}s {shown}{more}"


def rows_of(cases: pd.DataFrame, positions: np.ndarray, limit: int = 3) -> Rows:
    """The rows `where` names, as values for a keyed error (`wording.errors.Rows`)."""
    if cases.index.name == LINE_INDEX:
        kind, numbers = "line", cases.index.to_numpy()[positions[:limit]]
    else:
        kind, numbers = "row", positions[:limit] + 1
    more = max(len(positions) - limit, 0)
    return Rows(kind, tuple(int(number) for number in numbers), more)


def _factorize(series: pd.Series) -> tuple[np.ndarray, Any]:
    """Codes (-1 for a missing cell) and the distinct values of a column."""
    if isinstance(series.dtype, pd.CategoricalDtype):
        codes = series.cat.codes.to_numpy()
        categories = series.cat.categories
        # Only the values in use: a category left over from a filtered row is not a cell.
        # (Counted in one pass; pandas' remove_unused_categories sorts the codes.)
        used = np.bincount(codes[codes >= 0], minlength=len(categories)) > 0
        if used.all():
            return codes, categories
        position = np.cumsum(used) - 1
        return np.where(codes >= 0, position[codes], -1), categories[used]
    return pd.factorize(series, use_na_sentinel=True)


def _regions(
    cases: pd.DataFrame, version: PolicyVersion, source: str
) -> tuple[tuple[RegionMatch, ...], np.ndarray]:
    """Row → index into the distinct matches, resolving each distinct name once.

    Every unknown name is listed with the rows it is on, so one run shows all to correct.
    """
    codes, uniques = _factorize(cases["region"])
    codes = np.asarray(codes)
    missing = np.flatnonzero(codes < 0)
    if missing.size:
        raise BatchInputError(f"{source}: {where(cases, missing)}, column region: empty").keyed(
            "errors.csv.empty_region", file=source, rows=rows_of(cases, missing)
        )
    matches: list[RegionMatch] = []
    unknown: list[tuple[str, UnknownRegionError]] = []
    position_of: list[int] = []
    for name in uniques:
        try:
            match = resolve_region(str(name), version)
        except UnknownRegionError as error:
            unknown.append((str(name), error))
            position_of.append(-1)
            continue
        if match not in matches:
            matches.append(match)
        position_of.append(matches.index(match))
    if unknown:
        raise BatchInputError(
            _unknown_regions(cases, codes, list(uniques), unknown, source)
        ).keyed(**_unknown_regions_values(cases, codes, list(uniques), unknown, source))
    remap = np.array(position_of, dtype=np.int32)
    return tuple(matches), remap[codes] if len(remap) else codes


def _unknown_regions(
    cases: pd.DataFrame,
    codes: np.ndarray,
    uniques: list[Any],
    unknown: list[tuple[str, UnknownRegionError]],
    source: str,
    limit: int = 5,
) -> str:
    """One line naming every unknown region (up to `limit`) with its lines and closest names."""

    def rows_of(name: str) -> np.ndarray:
        return np.flatnonzero(codes == uniques.index(name))

    if len(unknown) == 1:
        name, error = unknown[0]
        said = error if name.strip() else "empty"
        return f"{source}: {where(cases, rows_of(name))}, column region: {said}"
    parts = []
    for name, error in unknown[:limit]:
        if not name.strip():
            parts.append(f"empty ({where(cases, rows_of(name))})")
            continue
        closest = f"; closest: {', '.join(error.suggestions)}" if error.suggestions else ""
        parts.append(f"{quoted(name)} ({where(cases, rows_of(name))}{closest})")
    more = f" and {len(unknown) - limit} more" if len(unknown) > limit else ""
    return (
        f"{source}: column region: {len(unknown)} unknown region names: "
        f"{', '.join(parts)}{more}"
    )


def _unknown_regions_values(
    cases: pd.DataFrame,
    codes: np.ndarray,
    uniques: list[Any],
    unknown: list[tuple[str, UnknownRegionError]],
    source: str,
) -> dict[str, Any]:
    """The catalogue key and values of the unknown-region error (the first name, where it is,
    the closest names, how many unknown names there are)."""
    name, error = unknown[0]
    rows = rows_of(cases, np.flatnonzero(codes == uniques.index(name)))
    values: dict[str, Any] = {
        "file": source,
        "rows": rows,
        "value": quoted(name),
        "closest": list(error.suggestions),
        "count": len(unknown),
    }
    if not name.strip():
        return {"key": "errors.csv.empty_region", **values}
    if len(unknown) > 1:
        return {"key": "errors.csv.unknown_regions", **values}
    if error.suggestions:
        return {"key": "errors.csv.unknown_region_closest", **values}
    return {"key": "errors.csv.unknown_region", **values}


def _boolean(cases: pd.DataFrame, column: str, source: str) -> np.ndarray:
    if column not in cases.columns:
        return np.zeros(len(cases), dtype=bool)
    series = cases[column]
    if series.dtype == bool:
        return series.to_numpy()
    codes, uniques = _factorize(series)
    values = np.empty(len(uniques) + 1, dtype=bool)
    values[-1] = False  # missing cell
    for position, raw in enumerate(uniques):
        text = str(raw).strip().casefold()
        if isinstance(raw, bool | np.bool_):
            values[position] = bool(raw)
        elif text in TRUE_TEXTS:
            values[position] = True
        elif text in FALSE_TEXTS:
            values[position] = False
        else:
            rows = np.flatnonzero(codes == position)
            raise BatchInputError(
                f"{source}: {where(cases, rows)}, column {column}: {quoted(raw)} is not "
                "true/false"
            ).keyed(
                "errors.csv.not_boolean",
                file=source,
                rows=rows_of(cases, rows),
                column=column,
                value=quoted(raw),
            )
    return values[codes]


def _elements(cases: pd.DataFrame, source: str) -> np.ndarray:
    if "individual_elements" not in cases.columns:
        return np.zeros(len(cases), dtype=np.int8)
    codes, uniques = _factorize(cases["individual_elements"])
    values = np.zeros(len(uniques) + 1, dtype=np.int8)  # last: missing cell = none
    allowed = [e.value for e in ELEMENTS]
    for position, raw in enumerate(uniques):
        try:
            # The one parser of individual elements, as Case and the CLI read them.
            values[position] = ELEMENTS.index(parse_elements(str(raw)))
        except PolicyError:
            rows = np.flatnonzero(codes == position)
            raise BatchInputError(
                f"{source}: {where(cases, rows)}, column individual_elements: {quoted(raw)} "
                f"is not one of {', '.join(allowed)}"
            ).keyed(
                "errors.csv.not_elements",
                file=source,
                rows=rows_of(cases, rows),
                value=quoted(raw),
                allowed=allowed,
            ) from None
    return values[codes]
