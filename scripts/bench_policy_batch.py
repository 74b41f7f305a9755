"""Benchmark: `python -m policy batch` end to end beside the user's own three lines of pandas.

Writes a caseload CSV of N generated cases (default 1,000,000), then runs, alternately and
RUNS times each (default 5), as separate processes so start-up and imports count:
  - `python -m policy batch CASES.csv -o OUT.csv`
  - `pandas.read_csv(CASES.csv)` + `DataFrame.to_csv(OUT.csv)` (the baseline: the same file
    read and written, no rules at all)
and prints the median wall time, the ratio, and each one's peak RSS (the largest of its runs).
Also prints `evaluate_batch` in process (cases/s) beside a per-case `evaluate` loop. Prints
figures; asserts nothing.

Run: python3 scripts/bench_policy_batch.py [N] [RUNS]
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from policy import Case, IndividualElements, evaluate, evaluate_batch, load_version  # noqa: E402
from policy.case_csv import read_cases  # noqa: E402

# Each child reports its own peak RSS (VmHWM, counted from its exec) when it exits: the
# rusage of a child started from this large process would count the parent's pages.
PEAK = (
    "import atexit, sys; atexit.register(lambda: sys.stderr.write('\\n' + next(line for line "
    "in open('/proc/self/status') if line.startswith('VmHWM')))); "
)
PANDAS_SCRIPT = PEAK + (
    "import pandas as pd; pd.read_csv(sys.argv[1]).to_csv(sys.argv[2], index=False)"
)
POLICY_SCRIPT = PEAK + (
    "import runpy; sys.argv[0] = 'policy'; runpy.run_module('policy', run_name='__main__')"
)


def generate(n: int, seed: int = 7) -> pd.DataFrame:
    """A synthetic caseload with the CSV's text columns, as `batch` reads them."""
    rng = np.random.default_rng(seed)
    version = load_version()
    names = np.array([r.name for r in version.regions] + ["Timbuktu", "Bandiagara", "ML-7"])
    flags = np.array(["false", "true"])
    return pd.DataFrame(
        {
            "case_id": [f"C-{i:07d}" for i in range(n)],
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


def run(argv: list[str]) -> tuple[float, float, int]:
    """Wall seconds, CPU seconds (user + system) and peak RSS (bytes) of one child process.

    CPU time is the steadier figure on a shared machine: other processes stretch the wall time.
    """
    start = time.perf_counter()
    child = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    stderr = child.stderr.read().decode()  # type: ignore[union-attr]
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"{' '.join(argv)} failed: {stderr}")
    peak = stderr.strip().splitlines()[-1]  # "VmHWM:   123456 kB"
    return wall, usage.ru_utime + usage.ru_stime, int(peak.split()[1]) * 1024


def end_to_end(n: int, runs: int) -> None:
    with tempfile.TemporaryDirectory() as folder:
        cases = Path(folder) / "cases.csv"
        generate(n).to_csv(cases, index=False)
        ours = [sys.executable, "-c", POLICY_SCRIPT, "batch", str(cases), "-o", f"{folder}/o.csv"]
        base = [sys.executable, "-c", PANDAS_SCRIPT, str(cases), f"{folder}/pandas.csv"]
        times: dict[str, list[float]] = {"policy batch": [], "pandas read+write": []}
        cpu: dict[str, list[float]] = {"policy batch": [], "pandas read+write": []}
        peaks: dict[str, int] = {"policy batch": 0, "pandas read+write": 0}
        for _ in range(runs):
            for label, argv in (("policy batch", ours), ("pandas read+write", base)):
                wall, seconds, rss = run(argv)
                times[label].append(wall)
                cpu[label].append(seconds)
                peaks[label] = max(peaks[label], rss)
        size = cases.stat().st_size
    print(f"end to end, {n:,} cases ({size / 1e6:.0f} MB CSV), median of {runs} runs:")
    for label in times:
        print(
            f"  {label:<18} {statistics.median(times[label]):6.2f} s wall  "
            f"{statistics.median(cpu[label]):5.2f} s CPU  "
            f"peak RSS {peaks[label] / 2**20:4.0f} MB  "
            f"(runs: {', '.join(f'{t:.2f}' for t in times[label])})"
        )
    ratio = statistics.median(times["policy batch"]) / statistics.median(
        times["pandas read+write"]
    )
    cpu_ratio = statistics.median(cpu["policy batch"]) / statistics.median(
        cpu["pandas read+write"]
    )
    print(
        f"  ratio policy/pandas: wall {ratio:.2f}, CPU {cpu_ratio:.2f} "
        "(target <= 1.00; peak RSS target <= 300 MB)"
    )


def in_process(n: int) -> None:
    version = load_version()
    frame = read_cases(generate(n).to_csv(index=False).encode(), "generated", max_bytes=None)
    evaluate_batch(frame.head(1000), version)  # warm caches
    best = float("inf")
    for _ in range(3):
        start = time.perf_counter()
        evaluate_batch(frame, version)
        best = min(best, time.perf_counter() - start)
    sample = generate(20_000)
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
    print(f"in process: evaluate_batch {n / best:,.0f} cases/s (best of 3, {n:,} cases read)")
    print(f"            per-case evaluate loop {loop_rate:,.0f} cases/s")


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 1_000_000
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    print(
        f"machine: {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"pandas {pd.__version__}, pyarrow {pa.__version__}, numpy {np.__version__}"
    )
    end_to_end(n, runs)
    in_process(n)


if __name__ == "__main__":
    main()
