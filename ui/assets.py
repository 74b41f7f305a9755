"""Leaflet for the map, served by the app itself so the page works with no internet.

Leaflet comes from the `xstatic-leaflet` package and is served straight from that package's
folder: it is declared to Streamlit as the folder of a component (`declare_component(path=…)`,
public API), whose files Streamlit serves at `/component/<name>/…`. Nothing is copied and
nothing is written into the install at run time, so the page runs the same from a checkout and
from an installed wheel, on a read-only install too.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

import xstatic.pkg.leaflet as xstatic_leaflet
from streamlit.components.v1 import declare_component

LEAFLET_SOURCE: Final = Path(xstatic_leaflet.BASE_DIR)
LEAFLET_FILES: Final = ("leaflet.js", "leaflet.css")
# Streamlit names a component after the module that declares it: this module, "leaflet".
COMPONENT_NAME: Final = f"{__name__}.leaflet"


def serve_leaflet() -> str:
    """Declare Leaflet's folder to the running server; its component name.

    Call it during a script run (the registry belongs to the running server); declaring it again
    with the same folder changes nothing."""
    return declare_component("leaflet", path=LEAFLET_SOURCE).name


def leaflet_url(base_url_path: str = "") -> str:
    """The URL folder of the served Leaflet files, honouring `server.baseUrlPath`."""
    base = base_url_path.strip("/")
    path = f"component/{COMPONENT_NAME}"
    return f"/{base}/{path}" if base else f"/{path}"
