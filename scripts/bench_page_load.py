"""Prints how long the page takes to show its first map shape, beside two baselines measured in
the same run: a minimal `st_folium` page (one square, the same local Leaflet) and a bare
Streamlit page (a title and a line). Figures, not a test.

Each page runs in its own warm Streamlit server on loopback; every measurement opens a fresh
browser context (no cache), navigates, and stops the clock when the first Leaflet shape is
visible in the map's iframe (for the bare page: when its line of text is visible). Median of
RUNS (default 7).

Run from the repository root: .venv/bin/python scripts/bench_page_load.py [RUNS]
"""

from __future__ import annotations

import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
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


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(script: Path, cwd: Path):
    """A Streamlit server for `script` on loopback; yields its URL once it answers."""
    port = _free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", str(script),
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
        ],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=env,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError(f"{script.name}: server did not start")
        yield url, process.pid
    finally:
        process.terminate()
        process.wait(timeout=10)


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


def measure(browser, url: str, kind: str, runs: int) -> float:
    time_to(browser, url, kind)  # warm the server (caches, first script run)
    return statistics.median(time_to(browser, url, kind) for _ in range(runs))


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 7
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for name in ("minimal", "bare"):
            (work / name / ".streamlit").mkdir(parents=True)
            shutil.copy(ROOT / ".streamlit" / "config.toml", work / name / ".streamlit")
        (work / "minimal" / "app.py").write_text(MINIMAL_MAP_PAGE)
        (work / "bare" / "app.py").write_text(BARE_PAGE)
        # The minimal page serves the same Leaflet files from its own static/ folder.
        (work / "minimal" / "static").symlink_to(ROOT / "static")
        results = {}
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
            )
            with streamlit_server(ROOT / "dashboard.py", ROOT) as (url, _):
                results["project"] = measure(browser, url, "map", runs)
            with streamlit_server(work / "minimal" / "app.py", work / "minimal") as (url, _):
                results["minimal"] = measure(browser, url, "map", runs)
            with streamlit_server(work / "bare" / "app.py", work / "bare") as (url, _):
                results["bare"] = measure(browser, url, "bare", runs)
            browser.close()
    project, minimal, bare = results["project"], results["minimal"], results["bare"]
    print(f"first map shape, median of {runs} (warm server, fresh browser context, 1366x768):")
    print(f"  project page:               {project:.2f} s")
    print(f"  minimal st_folium page:     {minimal:.2f} s")
    print(f"  bare Streamlit page (text): {bare:.2f} s")
    print(f"  ratio project / minimal:    {project / minimal:.2f} (target <= 1.15)")
    print(f"  ratio project / bare:       {project / bare:.2f}")
    print(f"  ratio minimal / bare:       {minimal / bare:.2f}")


if __name__ == "__main__":
    main()
