"""The installed page starts with the same settings as the checkout's `.streamlit/config.toml`."""

from __future__ import annotations

import tomllib
from pathlib import Path

from ui.launch import SETTINGS, page_path, streamlit_argv

ROOT = Path(__file__).resolve().parents[1]


def _flatten(table: dict, prefix: str = "") -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            out |= _flatten(value, f"{prefix}{key}.")
        else:
            out[f"{prefix}{key}"] = str(value).lower() if isinstance(value, bool) else str(value)
    return out


def test_launcher_settings_equal_the_checkouts_config() -> None:
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert SETTINGS == _flatten(config)


def test_the_page_is_found_and_options_given_win() -> None:
    assert page_path().name == "dashboard.py"
    argv = streamlit_argv(["--server.port", "8600", "--server.address=0.0.0.0"])
    assert argv[:3] == ["streamlit", "run", str(page_path())]
    assert "--server.address=localhost" not in argv and argv[-1] == "--server.address=0.0.0.0"
    assert "--client.showErrorDetails=none" in argv
