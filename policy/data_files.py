"""Where the package's data files live and how they are read (TOML, Python's tomllib)."""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

PACKAGE_DIR = Path(__file__).resolve().parent
VERSIONS_DIR = PACKAGE_DIR / "versions"
EXAMPLES_DIR = PACKAGE_DIR / "examples"


@cache
def read_package_toml(name: str) -> dict[str, Any]:
    """A TOML file shipped in `policy/`; read once. Callers must not mutate the result."""
    with open(PACKAGE_DIR / name, "rb") as handle:
        return tomllib.load(handle)
