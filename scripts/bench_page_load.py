"""Prints how long the page takes to show its first map shape, beside two baselines measured in
the same run: a minimal `st_folium` page (one square, the same local Leaflet) and a bare
Streamlit page (a title and a line). Figures, not a test.

Each page runs in its own warm Streamlit server on loopback, all three at once; the runs are
interleaved (project, minimal, bare, then the next round in a rotated order), so a change in the
machine's load touches all three alike. Every measurement opens a fresh browser context (no
cache) and navigates. The clock is the page's own: a probe in the page (the same for all three)
looks every 10 ms for the first Leaflet shape with a size in any frame (for the bare page: its
line of text), and the time counted is the animation frame after it was found, when it is
painted, measured from navigation start. Playwright's own wait polls with growing pauses, on the
same busy thread, so it reports when it got a turn rather than when the shape appeared; its
figures are printed too. For the project page the time until the decision form's search field
shows is printed as well (a session's first run sends the map first, the form after it: see
ui/first_load.py). Medians of RUNS (default 7), and the median of the per-round ratios. Also
prints the map's payload (the component's script, header and HTML plus the overlay) and the
machine and package versions.

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
from dataclasses import dataclass
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

    from ui.assets import leaflet_url, serve_leaflet

    serve_leaflet()
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


# Runs in the top page of every measured page from its start. Marks, in milliseconds since
# navigation start: when the first map shape with a size exists in any same-origin frame (or the
# bare page's line of text), the animation frame after that (painted), and when the sidebar's
# text field shows (the project's decision form).
PROBE = """
if (window === window.top) {
  const marks = window.__marks = {};
  const found = (name) => {
    marks[name] = performance.now();
    requestAnimationFrame(() => { marks[name + "_painted"] = performance.now(); });
  };
  const shown = (el) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0;
  };
  const timer = setInterval(() => {
    if (marks.target === undefined) {
      for (const frame of document.querySelectorAll("iframe")) {
        let shape = null;
        try {
          shape = frame.contentDocument.querySelector("path.leaflet-interactive");
        } catch (e) { /* not loaded yet, or another origin */ }
        if (shape && shown(shape)) { found("target"); break; }
      }
      for (const p of document.querySelectorAll("p")) {
        if (p.textContent === "A line of text." && shown(p)) { found("target"); break; }
      }
    }
    if (marks.form === undefined) {
      const field = document.querySelector(
        '[data-testid="stSidebar"] [data-testid="stTextInputField"]');
      if (field && shown(field)) { marks.form = performance.now(); }
    }
    if (marks.target !== undefined && marks.form !== undefined) { clearInterval(timer); }
  }, 10);
}
"""


@dataclass(frozen=True)
class Timing:
    """Seconds from navigation start, as the page's own probe and Playwright's wait saw them."""

    painted: float
    playwright: float
    form: float | None


def time_to(browser, url: str, kind: str) -> Timing:
    """Seconds from navigation to the first map shape (or, for the bare page, its text)."""
    context = browser.new_context(viewport={"width": 1366, "height": 768})
    context.add_init_script(PROBE)
    page = context.new_page()
    start = time.perf_counter()
    page.goto(url, wait_until="commit")
    if kind == "bare":
        page.get_by_text("A line of text.").wait_for(state="visible", timeout=60_000)
    else:
        page.frame_locator(MAP_FRAME).locator("path.leaflet-interactive").first.wait_for(
            state="visible", timeout=60_000
        )
    waited = time.perf_counter() - start
    page.wait_for_function("window.__marks.target_painted !== undefined", timeout=60_000)
    form = None
    if kind == "project":
        page.wait_for_function("window.__marks.form !== undefined", timeout=60_000)
        form = page.evaluate("window.__marks.form") / 1000
    painted = page.evaluate("window.__marks.target_painted") / 1000
    context.close()
    return Timing(painted=painted, playwright=waited, form=form)


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


KINDS = {"project": "project", "minimal": "map", "bare": "bare"}


def median_ratio(a: list[float], b: list[float]) -> float:
    return statistics.median(x / y for x, y in zip(a, b, strict=True))


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
        urls = {
            "project": servers.enter_context(streamlit_server(ROOT / "dashboard.py", ROOT))[0],
            "minimal": servers.enter_context(
                streamlit_server(work / "minimal" / "app.py", work / "minimal")
            )[0],
            "bare": servers.enter_context(
                streamlit_server(work / "bare" / "app.py", work / "bare")
            )[0],
        }
        times: dict[str, list[Timing]] = {name: [] for name in KINDS}
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
    painted = {name: [t.painted for t in times[name]] for name in KINDS}
    waited = {name: [t.playwright for t in times[name]] for name in KINDS}
    project, minimal, bare = (statistics.median(painted[name]) for name in KINDS)
    form = statistics.median(t.form for t in times["project"] if t.form is not None)
    print(f"first map shape painted, median of {runs} interleaved rounds (warm servers, fresh")
    print("browser context each time, 1366x768, the page's own clock):")
    print(f"  project page:               {project:.2f} s")
    print(f"  minimal st_folium page:     {minimal:.2f} s")
    print(f"  bare Streamlit page (text): {bare:.2f} s")
    print(
        f"  ratio project / minimal:    {median_ratio(painted['project'], painted['minimal']):.2f}"
        " (target <= 1.15)"
    )
    print(f"  ratio project / bare:       {median_ratio(painted['project'], painted['bare']):.2f}")
    print(f"  ratio minimal / bare:       {median_ratio(painted['minimal'], painted['bare']):.2f}")
    print(f"  project's decision form shown: {form:.2f} s")
    print(
        "  by Playwright's wait:       "
        + ", ".join(f"{name} {statistics.median(waited[name]):.2f} s" for name in KINDS)
        + f"; ratio project / minimal {median_ratio(waited['project'], waited['minimal']):.2f}"
    )
    print(f"  map payload:                {payload_bytes() / 1024:.1f} KB (target <= 60 KB)")
    print(f"  {versions_line()}")


if __name__ == "__main__":
    main()
