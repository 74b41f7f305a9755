"""A real dashboard server for the browser tests: started once, on a free port, then stopped."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "tests" / "artifacts"
STARTUP_SECONDS = 60


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Where browser tests leave screenshots and the server log (git-ignored)."""
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


@contextmanager
def serve_dashboard(
    env: Mapping[str, str] | None = None,
    log_name: str = "streamlit.log",
    launcher: bool = False,
) -> Iterator[str]:
    """Run `streamlit run dashboard.py` on a free loopback port until the block ends.

    Yields the base URL once the health check answers; `env` adds settings (such as
    POLICY_VERSIONS_DIR) to the server's environment; the server log goes to tests/artifacts.
    With `launcher`, the page is started as users start it: `python -m ui.launch` (what
    `scripts/dashboard` runs), which warms the server up (ui/warm_up.py).
    """
    port = _free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = (ARTIFACTS / log_name).open("w")
    command = ["ui.launch"] if launcher else ["streamlit", "run", "dashboard.py"]
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            *command,
            "--server.port",
            str(port),
            "--server.address",
            "127.0.0.1",
            "--server.headless",
            "true",
            "--browser.gatherUsageStats",
            "false",
        ],
        cwd=ROOT,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})},
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + STARTUP_SECONDS
    try:
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the dashboard did not start; see {ARTIFACTS / log_name}")
            time.sleep(0.25)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="session")
def start_dashboard():
    """`serve_dashboard` for test modules that need a server with their own settings."""
    return serve_dashboard


@pytest.fixture(scope="session")
def dashboard_url() -> Iterator[str]:
    """The dashboard as shipped, shared by the browser tests of the session."""
    with serve_dashboard() as url:
        yield url
