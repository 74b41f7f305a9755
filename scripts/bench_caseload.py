"""Benchmark: a caseload under WBV 2025/11 and under the example scenario (Ménaka exceptional).

Prints the time of `policy.caseload.compare` for 100,000 generated cases (the synthetic example
repeated), first call (includes the scenario version's one-off reading table) and later calls.
Run: .venv/bin/python scripts/bench_caseload.py
"""

from __future__ import annotations

import time

import pandas as pd

from policy import load_version
from policy.caseload import compare
from policy.data_files import EXAMPLES_DIR
from policy.scenario import load_scenario

ROWS = 100_000


def main() -> None:
    example = pd.read_csv(EXAMPLES_DIR / "synthetic-caseload.csv", dtype=str, keep_default_na=False)
    cases = pd.concat([example] * (ROWS // len(example) + 1), ignore_index=True).iloc[:ROWS]
    scenario = load_scenario(EXAMPLES_DIR / "scenario-menaka-exceptional.json", "example")
    base = load_version(scenario.base)
    other = scenario.apply(base)
    for label in ("first call", "second call", "third call"):
        start = time.perf_counter()
        result = compare(cases, base, other)
        seconds = time.perf_counter() - start
        print(f"{label}: {len(cases):,} cases, {len(result.changed):,} change: {seconds:.3f} s")


if __name__ == "__main__":
    main()
