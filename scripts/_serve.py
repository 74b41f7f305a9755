"""What the page benchmarks share: a Streamlit server on a free loopback port, and the arguments
Debian's Chromium is launched with. Kept in one place so that the scripts measure the page under
the same server and browser settings (tests/conftest.py keeps its own copy for the tests)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
# Flags every script passes: no sandbox or GPU in a container, and no traffic of Chromium's own
# (updates, sync, background fetches) during a measurement.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
STARTUP_SECONDS = 60


class ServerDidNotStart(RuntimeError):
    """The server exited, or its health check did not answer within STARTUP_SECONDS."""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def streamlit_server(script: Path, cwd: Path) -> Iterator[tuple[str, int]]:
    """`streamlit run script` on loopback; yields its URL and pid once the health check answers.

    The project's root is on PYTHONPATH so that a page outside it can import `ui` and `policy`.
    The server's output is discarded: a script prints figures, not logs.
    """
    command = [sys.executable, "-m", "streamlit", "run", str(script)]
    with _serving(command, cwd, script.name) as served:
        yield served


@contextmanager
def launched_page() -> Iterator[tuple[str, int]]:
    """The project's page started as users start it: through the launcher (`python -m
    ui.launch`, what `scripts/dashboard` and `mali-policy-map` run, warm-up included), from the
    repository root. Yields its URL and pid once the health check answers."""
    with _serving([sys.executable, "-m", "ui.launch"], ROOT, "ui.launch") as served:
        yield served


@contextmanager
def _serving(command: list[str], cwd: Path, name: str) -> Iterator[tuple[str, int]]:
    port = free_port()
    process = subprocess.Popen(
        [
            *command,
            "--server.port", str(port), "--server.address", "127.0.0.1",
            "--server.headless", "true", "--browser.gatherUsageStats", "false",
        ],
        cwd=cwd,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )  # fmt: skip
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2):
                    break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise ServerDidNotStart(f"{name}: server did not start") from None
                time.sleep(0.2)
        yield url, process.pid
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
