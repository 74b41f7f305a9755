"""Prints how fast geodata answers, each figure beside its baseline measured in the same run.

- units loading and name lookups/s (target: >= 1,000 lookups/s). Name lookups use distinct
  names (no cache hits): real names, and the same names with one letter dropped, which forces
  the fuzzy search.
- `locate_points` on 200,000 random points over Mali's bounding box beside
  `geopandas.sjoin(points, raw cercles, predicate="within")` on the same points (target:
  at least as fast). The sjoin is timed without building its points frame.
- `python -m geodata locate-points` on 1,000,000 points, end to end in a fresh process: wall
  time and peak RSS (target: <= 2 s, <= 300 MB), beside `pandas.read_csv` + `to_csv` of the
  same file in a fresh process.

Run: python3 scripts/bench_geodata.py [--points-only | --cli-only]
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
# Runs from a plain checkout too, without installing the project.
sys.path.insert(0, str(ROOT))
import geodata  # noqa: E402

# Mali's bounding box, as the performance target samples it.
LON_RANGE = (-12.3, 4.3)
LAT_RANGE = (10.1, 25.0)
REPEATS = 5


def per_second(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s"


def random_points(count: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    return rng.uniform(*LON_RANGE, count), rng.uniform(*LAT_RANGE, count)


def median_seconds(run, repeats: int = REPEATS) -> tuple[float, float]:
    """Median wall and median CPU seconds of `run()`; CPU time does not grow when other
    processes share the cores, so its ratio is the steadier one on a busy machine."""
    walls, cpus = [], []
    for _ in range(repeats):
        start, start_cpu = time.perf_counter(), time.process_time()
        run()
        walls.append(time.perf_counter() - start)
        cpus.append(time.process_time() - start_cpu)
    return statistics.median(walls), statistics.median(cpus)


def bench_names() -> None:
    start = time.perf_counter()
    geodata.load_units()
    print(f"load_units, first call:   {(time.perf_counter() - start) * 1000:.1f} ms")
    start = time.perf_counter()
    for _ in range(100):
        geodata.load_units()
    print(f"load_units, cached call:  {(time.perf_counter() - start) * 10:.2f} ms")

    start = time.perf_counter()
    geodata.locate("Bamako")
    print(f"first locate() (index):   {(time.perf_counter() - start) * 1000:.0f} ms")
    names = list(geodata.load_places()["name"].drop_duplicates().sample(3000, random_state=7))
    start = time.perf_counter()
    for name in names:
        geodata.locate(name)
    print(f"name lookups (exact):     {per_second(len(names), time.perf_counter() - start)}")
    geodata.places._matches.cache_clear()
    start = time.perf_counter()
    for name in names:
        geodata.locate(name, limit=10)
    print(f"name lookups (limit=10):  {per_second(len(names), time.perf_counter() - start)}")
    typos = [name[:2] + name[3:] for name in names if len(name) > 4]
    start = time.perf_counter()
    for typo in typos:
        try:
            geodata.locate(typo)
        except geodata.PlaceNotFoundError:
            pass
    print(f"name lookups (misspelt):  {per_second(len(typos), time.perf_counter() - start)}")


def bench_points(count: int = 200_000) -> None:
    import geopandas as gpd

    from geodata.source_reader import read_source_cercles

    lons, lats = random_points(count, seed=2025)
    start = time.perf_counter()
    found = geodata.locate_points(lons, lats)
    cold = time.perf_counter() - start
    ours, ours_cpu = median_seconds(lambda: geodata.locate_points(lons, lats))

    cercles = read_source_cercles()
    points = gpd.GeoDataFrame(geometry=gpd.points_from_xy(lons, lats), crs=cercles.crs)
    gpd.sjoin(points.head(10), cercles, predicate="within")  # imports and warms sjoin
    theirs, theirs_cpu = median_seconds(lambda: gpd.sjoin(points, cercles, predicate="within"))

    inside = int((found["reason"] == "").sum())
    print(
        f"points: {count:,} random over Mali's bounding box ({inside:,} in Mali), median of "
        f"{REPEATS}"
    )
    print(
        f"  geodata.locate_points:   {per_second(count, ours):>12}  ({ours * 1000:.0f} ms wall,"
        f" {ours_cpu * 1000:.0f} ms CPU; first call with the index build {cold * 1000:.0f} ms)"
    )
    print(
        f"  geopandas.sjoin(within): {per_second(count, theirs):>12}  ({theirs * 1000:.0f} ms wall,"
        f" {theirs_cpu * 1000:.0f} ms CPU)"
    )
    print(f"  ratio (sjoin / ours):    {theirs / ours:.2f}x wall, {theirs_cpu / ours_cpu:.2f}x CPU")


def run_measured(command: list[str]) -> tuple[float, float, int, float]:
    """Wall seconds, peak RSS in MB, exit status and CPU seconds (user + system, all threads)
    of `command` in a fresh process. CPU time shows the cost when other work shares the cores."""
    start = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        assert process.stderr is not None
        print(process.stderr.read().decode("utf-8", "replace").strip())
    return elapsed, usage.ru_maxrss / 1024, process.returncode, usage.ru_utime + usage.ru_stime


def write_points_csv(path: Path, count: int) -> None:
    lons, lats = random_points(count, seed=1)
    with path.open("w", encoding="utf-8") as handle:
        handle.write("case,lon,lat\n")
        handle.writelines(
            f"C-{number},{lon:.6f},{lat:.6f}\n"
            for number, lon, lat in zip(range(count), lons, lats, strict=True)
        )


def bench_cli(count: int = 1_000_000) -> None:
    with tempfile.TemporaryDirectory() as folder:
        source, out = Path(folder) / "points.csv", Path(folder) / "out.csv"
        write_points_csv(source, count)
        size = source.stat().st_size / 1e6
        command = [sys.executable, "-m", "geodata", "locate-points", str(source), "-o", str(out)]
        runs = [run_measured(command) for _ in range(3)]
        pandas_script = (
            "import sys, pandas as pd; "
            "pd.read_csv(sys.argv[1], dtype=str, keep_default_na=False)"
            ".to_csv(sys.argv[2], index=False)"
        )
        baseline = [
            run_measured([sys.executable, "-c", pandas_script, str(source), str(out)])
            for _ in range(3)
        ]
    print(f"locate-points CLI: {count:,} points ({size:.0f} MB CSV), fresh process, median of 3")
    for label, measured in (
        ("python -m geodata locate-points", runs),
        ("pandas read_csv + to_csv       ", baseline),
    ):
        wall = statistics.median(run[0] for run in measured)
        cpu = statistics.median(run[3] for run in measured)
        rss = max(run[1] for run in measured)
        status = ",".join(str(run[2]) for run in measured)
        print(
            f"  {label}: {wall:.2f} s wall, {cpu:.2f} s CPU, peak RSS {rss:.0f} MB (exit {status})"
        )


def main() -> None:
    only = sys.argv[1] if len(sys.argv) > 1 else ""
    print(f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, load {os.getloadavg()[0]:.1f}")
    # The command line first, while this process is still small: a child's peak RSS as the
    # kernel reports it includes the parent's resident memory at the time of the fork.
    if only in ("", "--cli-only"):
        bench_cli()
    if not only:
        bench_names()
    if only in ("", "--points-only"):
        bench_points()


if __name__ == "__main__":
    main()
