"""The product as a user installs it: a wheel built from the checkout's files, installed into a
fresh virtual environment outside the checkout, runs the three command lines and the page.

The virtual environment is kept between runs (in the system's temporary folder, keyed by the
dependency pins) so that a run reinstalls only the project's wheel; the first run installs the
dependencies at the versions of constraints.txt. The commands run in an empty folder with no
PYTHONPATH, so nothing of the checkout can stand in for what the wheel lacks, and the install's
files must be the same after the commands and the page have run: nothing writes into it.
"""

from __future__ import annotations

import fcntl
import hashlib
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import tomllib
import urllib.request
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
PACKAGES = ("policy", "geodata", "ui", "briefing", "wording")
pytestmark = pytest.mark.wheel


def _source_files() -> list[str]:
    """The files a clean clone holds (tracked, plus new files not ignored)."""
    listed = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    return [name for name in listed if (ROOT / name).is_file()]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The project's wheel, built from a copy of the checkout (the build writes into its tree)."""
    source = tmp_path_factory.mktemp("source")
    for name in _source_files():
        (source / name).parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(ROOT / name, source / name)
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(out), str(source)],
        check=True, capture_output=True, text=True,
    )  # fmt: skip
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel: Path) -> Iterator[Path]:
    """A virtual environment (no system site-packages) with the wheel and its dependencies."""
    # Keyed by what the dependencies are, so that another change to pyproject.toml (a tool's
    # settings) reuses the environment.
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    pins = (ROOT / "constraints.txt").read_bytes() + repr(project["dependencies"]).encode()
    venv = Path(tempfile.gettempdir()) / f"mali-wheel-venv-{hashlib.sha256(pins).hexdigest()[:12]}"
    python = venv / "bin" / "python"
    pip = [str(python), "-m", "pip", "install", "-q", "-c", str(ROOT / "constraints.txt")]
    # One test run at a time uses the environment: another run reinstalling the project while
    # this one runs its commands would take the modules away under it.
    lock = open(f"{venv}.lock", "w")  # held until the module's tests are done
    fcntl.flock(lock, fcntl.LOCK_EX)
    if not (venv / ".complete").exists():
        shutil.rmtree(venv, ignore_errors=True)
        subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
        subprocess.run([*pip, str(wheel)], check=True, capture_output=True, text=True)
        (venv / ".complete").touch()
    else:
        subprocess.run(
            [*pip, "--no-deps", "--force-reinstall", str(wheel)],
            check=True, capture_output=True, text=True,
        )  # fmt: skip
    try:
        yield venv
    finally:
        fcntl.flock(lock, fcntl.LOCK_UN)
        lock.close()


def _site_packages(venv: Path) -> Path:
    (site,) = venv.glob("lib/python3*/site-packages")
    return site


def _installed_files(venv: Path) -> dict[str, int]:
    """The project's installed files and their sizes (compiled caches aside)."""
    site = _site_packages(venv)
    files = {}
    for package in (*PACKAGES, "dashboard.py"):
        root = site / package
        for path in [root] if root.is_file() else root.rglob("*"):
            if path.is_file() and "__pycache__" not in path.parts:
                files[str(path.relative_to(site))] = path.stat().st_size
    return files


def _env() -> dict[str, str]:
    return {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "POLICY_VERSIONS_DIR")}


def _run(venv: Path, cwd: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(venv / "bin" / "python"), *args],
        cwd=cwd, env=_env(), capture_output=True, text=True, timeout=300,
    )  # fmt: skip


def test_the_wheel_carries_every_data_file(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    expected = [
        name
        for name in _source_files()
        if name.split("/")[0] in PACKAGES and not name.endswith((".gitignore", "README.md"))
    ]
    assert [name for name in expected if name not in names] == []
    assert "dashboard.py" in names


def test_the_command_lines_and_the_page_run_from_the_install(
    installed: Path, tmp_path: Path, browser
) -> None:
    before = _installed_files(installed)
    paragraphs = _run(installed, tmp_path, "-m", "policy", "paragraphs")
    assert paragraphs.returncode == 0, paragraphs.stderr
    assert "C7/23.4.2 Vc" in paragraphs.stdout
    units = _run(installed, tmp_path, "-m", "geodata", "units")
    assert units.returncode == 0, units.stderr
    assert "Ménaka" in units.stdout
    image = _run(installed, tmp_path, "-m", "briefing", "map", "-o", "x.png")
    assert image.returncode == 0, image.stderr
    assert (tmp_path / "x.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    # The modules come from the install, not from the checkout.
    where = _run(installed, tmp_path, "-c", "import policy, ui; print(policy.__file__)")
    assert where.stdout.startswith(str(_site_packages(installed))), where.stdout

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    server = subprocess.Popen(
        [str(installed / "bin" / "mali-policy-map"), "--server.port", str(port),
         "--server.address=127.0.0.1"],
        cwd=tmp_path, env=_env(), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
    )  # fmt: skip
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 90
        while True:
            assert server.poll() is None, server.stderr.read() if server.stderr else ""
            try:
                with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
                    if answer.read() == b"ok":
                        break
            except OSError:
                pass
            assert time.monotonic() < deadline, "the installed page did not answer its health check"
            time.sleep(0.2)
        page = browser.new_page(viewport={"width": 1366, "height": 768})
        try:
            page.goto(url)
            frame = page.frame_locator("iframe[src*='streamlit_folium.st_folium']")
            shapes = frame.locator("path.leaflet-interactive")
            shapes.first.wait_for(state="attached", timeout=60_000)
            assert shapes.count() >= 10
        finally:
            page.close()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert _installed_files(installed) == before
