"""Prints how fast geodata answers: units loading, name lookups/s and points located/s.

Targets from issue 4: >= 1,000 name lookups/s and >= 200,000 points/s (100,000 points).
Name lookups use distinct names (no cache hits): real names, and the same names with one
letter dropped, which forces the fuzzy search.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import numpy as np

# Runs from a plain checkout too, without installing the project.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
import geodata  # noqa: E402


def per_second(count: int, seconds: float) -> str:
    return f"{count / seconds:,.0f}/s"


def main() -> None:
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

    rng = np.random.default_rng(2025)
    count = 100_000
    lons = rng.uniform(-12.3, 4.3, count)
    lats = rng.uniform(10.1, 25.0, count)
    geodata.locate_points(lons[:10], lats[:10])  # builds the spatial index
    start = time.perf_counter()
    found = geodata.locate_points(lons, lats)
    elapsed = time.perf_counter() - start
    inside = int((found["reason"] == "").sum())
    rate = per_second(count, elapsed)
    print(f"points located:           {rate} ({count:,} points, {inside:,} in Mali)")


if __name__ == "__main__":
    main()
