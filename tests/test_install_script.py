"""scripts/install on a bare Debian: `python3 -m venv` fails there until Debian's python3-venv
(ensurepip) is installed, and the set-up must install it rather than stop.

The script runs for real in a copy of the project layout. Only the two system commands a test
cannot run here are replaced by small programs on PATH: `python3` (whose `-m venv` fails the
way Debian's does until the package is "installed") and `apt-get` (which records its arguments
and "installs" by creating the marker the fake python3 checks). Everything else — the
script's control flow, its messages, the retry — is the real script.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

FAKE_PYTHON3 = """#!/usr/bin/env bash
# python3 as on a bare Debian: `-m venv` fails until python3-venv is installed.
if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then
    if [ ! -f "$FAKE_ROOT/python3-venv-installed" ]; then
        echo "The virtual environment was not created successfully because ensurepip is not" >&2
        echo "available.  On Debian/Ubuntu systems, you need to install the python3-venv" >&2
        mkdir -p "$3/bin"   # Debian leaves a half-made folder behind
        exit 1
    fi
    mkdir -p "$3/bin"
    ln -sf "$REAL_PYTHON" "$3/bin/python"
    touch "$3/$STAMP_NAME"
    exit 0
fi
exec "$REAL_PYTHON" "$@"
"""

FAKE_APT_GET = """#!/usr/bin/env bash
echo "$*" >> "$FAKE_ROOT/apt-get.log"
case " $* " in
    *" install "*python3-venv*) touch "$FAKE_ROOT/python3-venv-installed" ;;
esac
exit 0
"""


def _project_copy(tmp_path: Path) -> Path:
    project = tmp_path / "project"
    (project / "scripts").mkdir(parents=True)
    shutil.copy2(ROOT / "scripts" / "install", project / "scripts" / "install")
    for name in ("pyproject.toml", "constraints.txt"):
        shutil.copy2(ROOT / name, project / name)
    return project


def _run_install(tmp_path: Path, venv_package_present: bool) -> subprocess.CompletedProcess[str]:
    project = _project_copy(tmp_path)
    fakes = tmp_path / "bin"
    fakes.mkdir()
    for name, text in (("python3", FAKE_PYTHON3), ("apt-get", FAKE_APT_GET)):
        (fakes / name).write_text(text)
        (fakes / name).chmod(0o755)
    if venv_package_present:
        (tmp_path / "python3-venv-installed").touch()
    digest = hashlib.sha256(
        (project / "pyproject.toml").read_bytes() + (project / "constraints.txt").read_bytes()
    ).hexdigest()[:16]
    env = {
        **os.environ,
        "PATH": f"{fakes}:{os.environ['PATH']}",
        "FAKE_ROOT": str(tmp_path),
        "REAL_PYTHON": sys.executable,
        # With this stamp in place the script skips pip: the test is about the venv, not PyPI.
        "STAMP_NAME": f".installed-{digest}-test",
    }
    return subprocess.run(
        [str(project / "scripts" / "install"), "test"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_a_missing_python3_venv_package_is_installed_and_the_venv_made(tmp_path: Path) -> None:
    result = _run_install(tmp_path, venv_package_present=False)
    assert result.returncode == 0, result.stderr
    apt_calls = (tmp_path / "apt-get.log").read_text().splitlines()
    assert apt_calls[0].endswith("update -qq")
    assert any("install" in call and "python3-venv" in call for call in apt_calls[1:])
    assert "installing Debian's python3-venv" in result.stderr
    assert (tmp_path / "project" / ".venv" / "bin" / "python").exists()


def test_no_package_is_installed_when_venv_works(tmp_path: Path) -> None:
    result = _run_install(tmp_path, venv_package_present=True)
    assert result.returncode == 0, result.stderr
    assert not (tmp_path / "apt-get.log").exists()
    assert (tmp_path / "project" / ".venv" / "bin" / "python").exists()
