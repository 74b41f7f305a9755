"""A caseload under two policies: outcome counts on both sides and the cases that change.

Why: "how many of these cases change outcome if Ménaka were exceptional again?" needs the same
cases evaluated twice — under a base version and under a scenario (or another version) — by the
vectorised batch (`evaluate_batch`), so that 100,000 cases answer in about a second.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from policy.batch import OUTPUT_COLUMNS, BatchInputError, evaluate_batch
from policy.models import Outcome, PolicyVersion

CHANGED_COLUMNS = ("row", "region_code", "region_name", "outcome_from", "outcome_to")
"""The columns of `CaseloadComparison.changed` before the input's own columns."""


@dataclass(frozen=True)
class CaseloadComparison:
    """The result of `compare`.

    `counts`: one row per region and outcome that occurs on either side, columns
    `region_code`, `region_name`, `outcome`, `base`, `other`, `difference` (other − base).
    `changed`: every case whose outcome differs (also to or from `undetermined`; the counts
    `changed_count`, `became_undetermined_count` and `no_longer_undetermined_count` tell them
    apart): `row` (data row, counted from 1 as in every
    message), `region_code`, `region_name`, `outcome_from`, `outcome_to`, then the input
    columns as given.
    """

    base_id: str
    base_modified: bool
    other_id: str
    other_modified: bool
    total: int
    counts: pd.DataFrame
    changed: pd.DataFrame

    def _undetermined(self) -> tuple[np.ndarray, np.ndarray]:
        undetermined = Outcome.undetermined.value
        return (
            (self.changed["outcome_from"] == undetermined).to_numpy(dtype=bool),
            (self.changed["outcome_to"] == undetermined).to_numpy(dtype=bool),
        )

    @property
    def changed_count(self) -> int:
        """Cases whose outcome changes from one determinate outcome to another: the change a
        reader means by "changes outcome". A case that becomes, or stops being, undetermined
        is counted apart (a value the sources leave open is no change of policy)."""
        before, after = self._undetermined()
        return int(np.count_nonzero(~before & ~after))

    @property
    def became_undetermined_count(self) -> int:
        """Cases determinate under the base and undetermined under the other."""
        before, after = self._undetermined()
        return int(np.count_nonzero(~before & after))

    @property
    def no_longer_undetermined_count(self) -> int:
        """Cases undetermined under the base and determinate under the other."""
        before, after = self._undetermined()
        return int(np.count_nonzero(before & ~after))

    def outcome_totals(self) -> pd.DataFrame:
        """Per outcome (every outcome, in the engine's order): `base`, `other`, `difference`."""
        totals = self.counts.groupby("outcome", observed=False)[["base", "other"]].sum()
        order = [o.value for o in Outcome]
        extra = [o for o in totals.index if o not in order]
        totals = totals.reindex(order + extra, fill_value=0)
        totals["difference"] = totals["other"] - totals["base"]
        return totals.rename_axis("outcome").reset_index()

    def to_dict(self) -> dict[str, Any]:
        """The JSON contract of `python -m policy caseload --json` (docs/cli.md, "caseload")."""
        input_columns = [c for c in self.changed.columns if c not in CHANGED_COLUMNS]
        changed = [
            {
                "row": int(row["row"]),
                "region_code": row["region_code"],
                "region_name": row["region_name"],
                "from": row["outcome_from"],
                "to": row["outcome_to"],
                "case": {column: row[column] for column in input_columns},
            }
            for row in self.changed.to_dict("records")
        ]
        return {
            "base": {"policy": self.base_id, "policy_modified": self.base_modified},
            "other": {"policy": self.other_id, "policy_modified": self.other_modified},
            "total": self.total,
            "changed_count": self.changed_count,
            "became_undetermined_count": self.became_undetermined_count,
            "no_longer_undetermined_count": self.no_longer_undetermined_count,
            "outcomes": self.outcome_totals().to_dict("records"),
            "counts": self.counts.to_dict("records"),
            "changed": changed,
        }


def compare(
    cases: pd.DataFrame, base: PolicyVersion, other: PolicyVersion, source: str = "cases"
) -> CaseloadComparison:
    """Evaluate `cases` under `base` and under `other` and compare the outcomes.

    Bad cells raise the batch's BatchInputError (naming `source`, row and column).
    """
    if len(cases) == 0:
        raise BatchInputError(f"{source}: no cases (a header but no rows)").keyed(
            "errors.csv.no_rows", file=source
        )
    clash = [column for column in OUTPUT_COLUMNS if column in cases.columns]
    if clash:
        raise BatchInputError(f"{source}: input already has output column(s) {', '.join(clash)}")
    before = evaluate_batch(cases, base, source=source)
    after = evaluate_batch(cases, other, source=source)
    region_code = before["region_code"].astype(str).to_numpy()
    outcome_before = before["outcome"].astype(str).to_numpy()
    outcome_after = after["outcome"].astype(str).to_numpy()

    counts = _counts(base, region_code, outcome_before, outcome_after)
    moved = np.flatnonzero(outcome_before != outcome_after)
    changed = pd.DataFrame(
        {
            "row": moved + 1,
            "region_code": region_code[moved],
            "region_name": pd.Series(region_code[moved]).map(_names(base)).to_numpy(),
            "outcome_from": outcome_before[moved],
            "outcome_to": outcome_after[moved],
        }
    )
    inputs = cases.iloc[moved].reset_index(drop=True)
    inputs = inputs.drop(columns=[c for c in CHANGED_COLUMNS if c in inputs.columns])
    changed = pd.concat([changed, inputs], axis=1)
    return CaseloadComparison(
        base_id=base.id,
        base_modified=base.modified,
        other_id=other.id,
        other_modified=other.modified,
        total=len(cases),
        counts=counts,
        changed=changed,
    )


def _counts(
    version: PolicyVersion,
    region_code: np.ndarray,
    outcome_before: np.ndarray,
    outcome_after: np.ndarray,
) -> pd.DataFrame:
    """Counts per (region, outcome) on both sides; only pairs that occur on either side, in
    the version's region order and the engine's outcome order."""
    regions, region_index = np.unique(region_code, return_inverse=True)
    outcomes, outcome_index = np.unique(
        np.concatenate([outcome_before, outcome_after]), return_inverse=True
    )
    n = len(region_code)
    cells = len(regions) * len(outcomes)
    flat_before = region_index * len(outcomes) + outcome_index[:n]
    flat_after = region_index * len(outcomes) + outcome_index[n:]
    base = np.bincount(flat_before, minlength=cells)
    other = np.bincount(flat_after, minlength=cells)
    occurs = (base > 0) | (other > 0)
    table = pd.DataFrame(
        {
            "region_code": np.repeat(regions, len(outcomes))[occurs],
            "outcome": np.tile(outcomes, len(regions))[occurs],
            "base": base[occurs].astype(np.int64),
            "other": other[occurs].astype(np.int64),
        }
    )
    order_of_regions = [region.code for region in version.regions]
    order_of_outcomes = [o.value for o in Outcome]
    table["_region"] = table["region_code"].map({c: n for n, c in enumerate(order_of_regions)})
    table["_outcome"] = table["outcome"].map({o: n for n, o in enumerate(order_of_outcomes)})
    table = table.sort_values(["_region", "_outcome", "outcome"], na_position="last")
    table.insert(1, "region_name", table["region_code"].map(_names(version)))
    table["difference"] = table["other"] - table["base"]
    return table.drop(columns=["_region", "_outcome"]).reset_index(drop=True)


def _names(version: PolicyVersion) -> dict[str, str]:
    return {region.code: region.name for region in version.regions}
