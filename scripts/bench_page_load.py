"""Prints how long the page takes to show its first map shape, beside two baselines measured in
the same run: a minimal `st_folium` page (one square, the same local Leaflet) and a bare
Streamlit page (a title and a line). Figures, not a test.

Each page runs in its own warm Streamlit server on loopback, all three at once; the runs are
interleaved (project, minimal, bare, then the next round in a rotated order), so a change in the
machine's load touches all three alike. Every measurement opens a fresh browser context (no
cache), navigates, and stops the clock when the first Leaflet shape is visible in the map's
iframe (for the bare page: when its line of text is visible). Medians of RUNS (default 7), and
the median of the per-round ratios. Also prints the map's payload (the component's script,
header and HTML plus the overlay) and the machine and package versions.

Run from the repository root: .venv/bin/python scripts/bench_page_load.py [RUNS]
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import tempfile
import textwrap
import time
from contextlib import ExitStack
from pathlib import Path

import _serve  # scripts/ is first on the path when a script runs
from _serve import CHROMIUM, streamlit_server

ROOT = _serve.ROOT
CHROMIUM_ARGS = [*_serve.CHROMIUM_ARGS, "--disable-quic", "--no-first-run"]
# The map's frame (its title is set to a meaningful name in the page's language).
MAP_FRAME = "iframe[src*='streamlit_folium.st_folium']"

MINIMAL_MAP_PAGE = textwrap.dedent(
    """
    import folium
    import streamlit as st
    from streamlit_folium import st_folium

    from ui.assets import ensure_leaflet, leaflet_url

    ensure_leaflet()
    url = leaflet_url()
    fmap = folium.Map(location=[17.5, -4.0], zoom_start=5, tiles=None)
    fmap.default_js = [("leaflet", f"{url}/leaflet.js")]
    fmap.default_css = [("leaflet_css", f"{url}/leaflet.css")]
    folium.Rectangle([[12, -8], [18, 0]], fill=True).add_to(fmap)
    st_folium(fmap, key="m", height=560, returned_objects=[])
    """
)

BARE_PAGE = textwrap.dedent(
    """
    import streamlit as st

    st.title("Bare page")
    st.write("A line of text.")
    """
)


def time_to(browser, url: str, kind: str) -> float:
    """Seconds from navigation to the first map shape (or, for the bare page, its text)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    if kind == "bare":
        page.get_by_text("A line of text.").wait_for(state="visible", timeout=60_000)
    else:
        page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive").first.wait_for(
            state="visible", timeout=60_000
        )
    elapsed = time.perf_counter() - start
    context.close()
    return elapsed


def payload_bytes() -> int:
    """Bytes the page sends for its map: the component's script, header, HTML and overlay."""
    sys.path.insert(0, str(ROOT))
    from policy import load_version
    from ui.map_view import overlay, render_parts

    version = load_version(None)
    parts = render_parts(version, "/app/static/leaflet", False)
    return max(
        parts.size + len(overlay(version, parts, lang, "ML-9").encode()) for lang in ("nl", "en")
    )


def versions_line() -> str:
    from importlib.metadata import version

    names = ("streamlit", "streamlit-folium", "folium", "pandas", "pyarrow", "geopandas")
    packages = ", ".join(f"{name} {version(name)}" for name in names)
    load = ", ".join(f"{x:.1f}" for x in os.getloadavg())
    return (
        f"{os.cpu_count()} cores, Python {sys.version.split()[0]}, {packages}; "
        f"load average at the end: {load}"
    )


KINDS = {"project": "map", "minimal": "map", "bare": "bare"}


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp, ExitStack() as servers:
        work = Path(tmp)
        for name in ("minimal", "bare"):
            (work / name / ".streamlit").mkdir(parents=True)
            shutil.copy(ROOT / ".streamlit" / "config.toml", work / name / ".streamlit")
        (work / "minimal" / "app.py").write_text(MINIMAL_MAP_PAGE)
        (work / "bare" / "app.py").write_text(BARE_PAGE)
        # The minimal page serves the same Leaflet files from its own static/ folder.
        (work / "minimal" / "static").symlink_to(ROOT / "static")
        urls = {
            "project": servers.enter_context(streamlit_server(ROOT / "dashboard.py", ROOT))[0],
            "minimal": servers.enter_context(
                streamlit_server(work / "minimal" / "app.py", work / "minimal")
            )[0],
            "bare": servers.enter_context(
                streamlit_server(work / "bare" / "app.py", work / "bare")
            )[0],
        }
        times: dict[str, list[float]] = {name: [] for name in KINDS}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            for name, kind in KINDS.items():  # warm each server (caches, first script run)
                time_to(browser, urls[name], kind)
            order = list(KINDS)
            for run in range(runs):
                for name in order[run % 3 :] + order[: run % 3]:
                    times[name].append(time_to(browser, urls[name], KINDS[name]))
            browser.close()
    project, minimal, bare = (statistics.median(times[name]) for name in KINDS)
    over_minimal = statistics.median(
        p / m for p, m in zip(times["project"], times["minimal"], strict=True)
    )
    over_bare = statistics.median(
        p / b for p, b in zip(times["project"], times["bare"], strict=True)
    )
    minimal_bare = statistics.median(
        m / b for m, b in zip(times["minimal"], times["bare"], strict=True)
    )
    print(f"first map shape, median of {runs} interleaved rounds (warm servers, fresh browser")
    print("context each time, 1366x768):")
    print(f"  project page:               {project:.2f} s")
    print(f"  minimal st_folium page:     {minimal:.2f} s")
    print(f"  bare Streamlit page (text): {bare:.2f} s")
    print(f"  ratio project / minimal:    {over_minimal:.2f} (target <= 1.15)")
    print(f"  ratio project / bare:       {over_bare:.2f}")
    print(f"  ratio minimal / bare:       {minimal_bare:.2f}")
    print(f"  map payload:                {payload_bytes() / 1024:.1f} KB (target <= 60 KB)")
    print(f"  {versions_line()}")


if __name__ == "__main__":
    main()
