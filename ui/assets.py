"""Leaflet for the map, served by the app itself so the page works with no internet.

Streamlit serves the folder `static/` next to `dashboard.py` at `/app/static/` when
`server.enableStaticServing` is on (see `.streamlit/config.toml`). Leaflet comes from the
`xstatic-leaflet` package; it is copied into `static/leaflet/` when the page starts, so the
served files always match the installed package and no copy of Leaflet is kept in the repository.
"""

from __future__ import annotations

import filecmp
import shutil
from pathlib import Path
from typing import Final

import xstatic.pkg.leaflet as xstatic_leaflet

STATIC_DIR: Final = Path(__file__).resolve().parent.parent / "static"
LEAFLET_DIR: Final = STATIC_DIR / "leaflet"
LEAFLET_FILES: Final = ("leaflet.js", "leaflet.css")
LEAFLET_IMAGES: Final = "images"


def ensure_leaflet(target: Path = LEAFLET_DIR) -> Path:
    """Copy Leaflet's JS, CSS and images into `target` unless an identical copy is there."""
    source = Path(xstatic_leaflet.BASE_DIR)
    target.mkdir(parents=True, exist_ok=True)
    names = [*LEAFLET_FILES, *(f"{LEAFLET_IMAGES}/{p.name}" for p in (source / "images").iterdir())]
    for name in names:
        src, dst = source / name, target / name
        if dst.exists() and filecmp.cmp(src, dst, shallow=False):
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_suffix(dst.suffix + ".tmp")
        shutil.copyfile(src, tmp)
        tmp.replace(dst)
    return target


def leaflet_url(base_url_path: str = "") -> str:
    """The URL folder of the served Leaflet files, honouring `server.baseUrlPath`."""
    base = base_url_path.strip("/")
    return f"/{base}/app/static/leaflet" if base else "/app/static/leaflet"
