"""Prints how fast the single-case commands of `python -m policy` start and how much memory they
take, beside `python -c pass` measured in the same run.

Each command runs as a new process, RUNS times in interleaved rounds (default 9); the figures are
the median and fastest wall time, the median CPU time (user + system: the figure that grows
least with other load) and the largest peak RSS (the kernel's ru_maxrss of that child). Targets:
<= 0.15 s and <= 60 MB for one case. Run from the repository root:

    python scripts/bench_cli_startup.py [RUNS]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
COMMANDS: dict[str, list[str]] = {
    "python -c pass": ["-c", "pass"],
    "policy evaluate --region Gao": ["-m", "policy", "evaluate", "--region", "Gao"],
    "policy evaluate --region Gao --json": [
        "-m", "policy", "evaluate", "--region", "Gao", "--json"
    ],  # fmt: skip
    "policy regions": ["-m", "policy", "regions"],
    "policy paragraphs": ["-m", "policy", "paragraphs"],
    "policy versions": ["-m", "policy", "versions"],
}


def run_once(args: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds (user + system) and peak RSS in MB of one fresh process."""
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    _, status, usage = os.wait4(process.pid, 0)
    wall = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"{' '.join(args)} exited with {process.returncode}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 9
    walls: dict[str, list[float]] = {name: [] for name in COMMANDS}
    cpus: dict[str, list[float]] = {name: [] for name in COMMANDS}
    rss: dict[str, float] = dict.fromkeys(COMMANDS, 0.0)
    for args in COMMANDS.values():  # warm the file cache
        run_once(args)
    for _ in range(runs):
        for name, args in COMMANDS.items():
            wall, cpu, peak = run_once(args)
            walls[name].append(wall)
            cpus[name].append(cpu)
            rss[name] = max(rss[name], peak)
    load = os.getloadavg()[0]
    python = sys.version.split()[0]
    print(f"{runs} runs each, interleaved; load average {load:.1f}; Python {python}")
    print(f"{'command':40} {'median':>8} {'min':>8} {'CPU':>8} {'peak RSS':>9}")
    for name in COMMANDS:
        print(
            f"{name:40} {statistics.median(walls[name]):7.3f}s {min(walls[name]):7.3f}s "
            f"{statistics.median(cpus[name]):7.3f}s {rss[name]:6.1f} MB"
        )


if __name__ == "__main__":
    main()
