"""Benchmark: cases per second of `evaluate_batch` on 1,000,000 generated cases, against a
per-case `evaluate` loop (measured on a sample and extrapolated). Prints figures; asserts nothing.

Run: python3 scripts/bench_policy_batch.py [N]
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from policy import Case, IndividualElements, evaluate, evaluate_batch, load_version  # noqa: E402


def generate(n: int, seed: int = 7) -> pd.DataFrame:
    """A synthetic caseload with the CSV's string columns, as `batch` reads them."""
    rng = np.random.default_rng(seed)
    version = load_version()
    names = np.array([r.name for r in version.regions] + ["Timbuktu", "Bandiagara", "ML-7"])
    flags = np.array(["false", "true"])
    return pd.DataFrame(
        {
            "region": names[rng.integers(0, len(names), n)],
            "persecution": flags[(rng.random(n) < 0.1).astype(int)],
            "individual_harm": flags[(rng.random(n) < 0.1).astype(int)],
            "individual_elements": np.array(["none", "limited", "substantial"])[
                rng.integers(0, 3, n)
            ],
            "ipa_obstacles": flags[(rng.random(n) < 0.2).astype(int)],
            "exclusion_indications": flags[(rng.random(n) < 0.02).astype(int)],
        }
    )


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    version = load_version()
    frame = generate(n)
    evaluate_batch(frame.head(1000), version)  # warm caches
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        evaluate_batch(frame, version)
        best = min(best, time.perf_counter() - start)
    batch_rate = n / best

    sample = frame.head(20_000)
    cases = [
        Case(
            region=row.region,
            persecution=row.persecution == "true",
            individual_harm=row.individual_harm == "true",
            individual_elements=IndividualElements(row.individual_elements),
            ipa_obstacles=row.ipa_obstacles == "true",
            exclusion_indications=row.exclusion_indications == "true",
        )
        for row in sample.itertuples()
    ]
    start = time.perf_counter()
    for case in cases:
        evaluate(case, version)
    loop_rate = len(cases) / (time.perf_counter() - start)

    print(f"cases: {n:,}")
    print(f"batch: {best:.3f} s, {batch_rate:,.0f} cases/s (best of 3)")
    print(f"loop:  {loop_rate:,.0f} cases/s (per-case evaluate, {len(cases):,} cases)")
    print(f"speed-up: {batch_rate / loop_rate:,.0f}x")


if __name__ == "__main__":
    main()
