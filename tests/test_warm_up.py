"""The warm-up (ui/warm_up.py), each time in a fresh Python process of its own: never in the
test runner, whose modules and caches it would fill for every later test.

The launcher must start it in the process that serves the page; it must fill the plain caches a
first session would otherwise fill itself and import the page's modules, never import a module
that declares a Streamlit component (outside a script run the component would never be
registered and the map never served), and go on past a failing step with one line in the log.
The browser side (a page opened on a warmed server draws its map) is in
tests/dashboard/test_launched_page_browser.py.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

# What the warm-up leaves in the process, as a JSON line (run inside the process under test).
STATE = """
def warm_state(failed):
    import sys
    from geodata import layers, map_render, places, split_off_shapes
    from policy import versions_io
    from ui import warm_up
    from ui.launch import page_path

    return {
        "failed": failed,
        "filled": {
            "versions": versions_io._shipped_versions.cache_info().currsize,
            "units": layers._units.cache_info().currsize,
            "cercles": layers._cercles.cache_info().currsize,
            "places": places._places.cache_info().currsize,
            "place index": places._index.cache_info().currsize,
            "Taoudenit's area": split_off_shapes._split_off_frame.cache_info().currsize,
            "label points": map_render._split_off_label_points.cache_info().currsize,
            "neighbour labels": map_render._neighbour_label_points.cache_info().currsize,
        },
        "page modules not imported": [
            name for name in warm_up.page_modules(page_path()) if name not in sys.modules
        ],
        "libraries not imported": [
            name for name in ("pandas", "geopandas", "folium", "folium.plugins", "altair")
            if name not in sys.modules
        ],
        "component modules imported": sorted(
            name for name in warm_up.DECLARE_COMPONENTS if name in sys.modules
        ),
    }
"""

WARM_UP = (
    STATE
    + """
import json
from ui.launch import page_path
from ui.warm_up import warm_up

print(json.dumps(warm_state(warm_up(page_path()))))
"""
)

# The real launcher serves the page; a probe in the same process waits for the warm-up thread
# the launcher started, reports what it left, and stops the server as Ctrl+C would.
LAUNCHED = (
    STATE
    + """
import json, os, signal, sys, threading, time
from ui.warm_up import THREAD_NAME

def probe():
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        warm = [t for t in threading.enumerate() if t.name == THREAD_NAME]
        if warm:
            warm[0].join()
            from streamlit.runtime import Runtime
            report = warm_state(None) | {"served": Runtime.exists()}
            print(json.dumps(report), flush=True)
            break
        time.sleep(0.05)
    os.kill(os.getpid(), signal.SIGINT)

threading.Thread(target=probe, daemon=True).start()
from ui import launch
launch.main(["--server.port", sys.argv[1], "--server.address", "127.0.0.1"])
"""
)


def run_python(code: str, *args: str, **env: str) -> tuple[dict, str]:
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT), **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
    assert lines, f"no report (exit {done.returncode}):\n{done.stdout}\n{done.stderr}"
    return json.loads(lines[-1]), done.stderr


def assert_warm(report: dict) -> None:
    assert {name: size for name, size in report["filled"].items() if size < 1} == {}
    assert report["page modules not imported"] == []
    assert report["libraries not imported"] == []
    # Their import belongs to the page's first run, where Streamlit registers the component.
    assert report["component modules imported"] == []


def test_the_launcher_warms_the_process_that_serves_the_page_up() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    report, log = run_python(LAUNCHED, str(port))
    assert report["served"], "the warm-up ran beside Streamlit's server"
    assert_warm(report)
    assert "Warm-up done in" in log and "failed" not in log


def test_the_warm_up_fills_the_plain_caches_and_imports_the_page_without_its_components() -> None:
    report, log = run_python(WARM_UP)
    assert report["failed"] == []
    assert_warm(report)
    assert "Warm-up done in" in log and "failed" not in log


def test_the_page_modules_follow_the_page_and_leave_out_the_component_modules() -> None:
    from ui.launch import page_path
    from ui.warm_up import DECLARE_COMPONENTS, page_modules

    modules = page_modules(page_path())
    assert {"ui.state", "ui.form", "ui.search", "geodata.policy_layer", "wording.phrases"} <= set(
        modules
    )
    assert not DECLARE_COMPONENTS & set(modules)
    # The page does import both: were it to stop, DECLARE_COMPONENTS would be out of date.
    source = page_path().read_text(encoding="utf-8")
    assert "from ui.map_view import" in source and "from ui.compare_view import" in source


def test_a_failing_step_logs_one_line_and_the_others_still_run(tmp_path: Path) -> None:
    """No version files: the steps that need a version fail, each with one line, and the
    boundaries, places, their index and Taoudénit's area are loaded all the same."""
    report, log = run_python(WARM_UP, POLICY_VERSIONS_DIR=str(tmp_path))
    assert report["failed"] == ["policy versions", "map layer", "place search"]
    assert report["filled"]["Taoudenit's area"] == 1 and report["filled"]["place index"] == 1
    failures = [line for line in log.splitlines() if "failed" in line]
    assert len(failures) == 4, log  # one per step, and the summary
    assert any("Warm-up: policy versions failed (PolicyError: " in line for line in failures)
    assert "Traceback" not in log
    assert "Warm-up done in" in log and "(3 of 5 steps failed)" in log
