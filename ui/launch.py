"""Start the page from an installed wheel: `mali-policy-map [streamlit options]`.

Why: in a checkout, `scripts/dashboard` runs `streamlit run dashboard.py` from the repository
root, where Streamlit reads `.streamlit/config.toml`. An installed wheel has no such folder (and
Streamlit reads that file from the current folder only), so this launcher finds the installed
page and passes the same safe settings as options; options given on the command line win.
A test keeps SETTINGS equal to `.streamlit/config.toml`. `scripts/dashboard` starts the page
through this launcher too.

Before Streamlit's server runs, the launcher starts the warm-up (`ui.warm_up`) in a background
thread, so the first session after a start does not pay for the imports and data every later
session finds loaded.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from typing import Final

SETTINGS: Final[dict[str, str]] = {
    "browser.gatherUsageStats": "false",
    "server.headless": "true",
    "server.address": "localhost",
    "server.maxUploadSize": "50",
    "server.fileWatcherType": "none",
    "client.toolbarMode": "minimal",
    "client.showErrorDetails": "none",
}


def page_path() -> Path:
    """The installed page's entry script (found without running it)."""
    spec = importlib.util.find_spec("dashboard")
    if spec is None or spec.origin is None:
        raise SystemExit("mali-policy-map: the page (dashboard.py) is not installed")
    return Path(spec.origin)


def streamlit_argv(extra: list[str]) -> list[str]:
    """`streamlit run <page>` with SETTINGS, then the caller's options (the last one wins)."""
    given = {arg.split("=", 1)[0] for arg in extra if arg.startswith("--")}
    defaults = [f"--{key}={value}" for key, value in SETTINGS.items() if f"--{key}" not in given]
    return ["streamlit", "run", str(page_path()), *defaults, *extra]


def main(argv: list[str] | None = None) -> None:
    from streamlit.web import cli

    from ui.warm_up import start_warm_up

    sys.argv = streamlit_argv(list(sys.argv[1:] if argv is None else argv))
    start_warm_up(page_path())
    sys.exit(cli.main())


if __name__ == "__main__":
    main()
