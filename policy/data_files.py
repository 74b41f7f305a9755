"""Where the package's data files live and how they are read (TOML, Python's tomllib)."""

from __future__ import annotations

import os
import tomllib
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
# POLICY_VERSIONS_DIR (docs/settings.md) lets whoever starts the page or the command line use
# another folder of version files, e.g. a test's own copies; it is read from the environment of
# the process, never from a page or a link, and the files there get the same checks.
VERSIONS_DIR = Path(os.environ.get("POLICY_VERSIONS_DIR") or PACKAGE_DIR / "versions")
SOURCES_DIR = PACKAGE_DIR / "sources"
EXAMPLES_DIR = PACKAGE_DIR / "examples"


@cache
def read_package_toml(name: str) -> dict[str, Any]:
    """A TOML file shipped in `policy/`; read once. Callers must not mutate the result."""
    with open(PACKAGE_DIR / name, "rb") as handle:
        return tomllib.load(handle)


def official_units() -> dict[str, str]:
    """The 11 units of Mali's 2016 structure: ISO 3166-2 code → official name (with accents).

    The one table (`[units]` in region_names.toml) that version files are checked against.
    """
    return dict(read_package_toml("region_names.toml")["units"])
