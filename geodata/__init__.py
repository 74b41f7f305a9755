"""Mali's boundaries and places for the policy map, with provenance, and a strict policy join.

Data: OCHA's Common Operational Datasets for Mali (2015), vendored unchanged in
`geodata/source/ocha-cod-mali-2015/`; `python -m geodata build` derives `geodata/data/`.
The units are the ISO 3166-2 regions the 2015 boundaries can draw (Ménaka is cercle ML0704;
Taoudénit is listed but not drawn); `reference/units.csv` is their one table.

The names below load on first use (PEP 562), so `python -m geodata locate-points` and other
light callers do not pay for geopandas and pandas they never touch.
"""

from importlib import import_module
from typing import Any

from geodata.errors import (
    DataFileError,
    GeodataError,
    InvalidCoordinateError,
    JoinError,
    OutsideMaliError,
    PlaceNotFoundError,
)
from geodata.provenance import ATTRIBUTION

_LAZY = {
    "PolicyJoin": "geodata.join",
    "join_policy": "geodata.join",
    "load_cercles": "geodata.layers",
    "load_units": "geodata.layers",
    "unit_table": "geodata.layers",
    "named_origin": "geodata.origin",
    "named_origin_of_point": "geodata.origin",
    "CLASS_LABELS": "geodata.places",
    "Place": "geodata.places",
    "load_places": "geodata.places",
    "locate": "geodata.places",
    "PointLocation": "geodata.points",
    "locate_point": "geodata.points",
    "locate_points": "geodata.points",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'geodata' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


__all__ = [
    "ATTRIBUTION",
    "CLASS_LABELS",
    "DataFileError",
    "GeodataError",
    "InvalidCoordinateError",
    "JoinError",
    "OutsideMaliError",
    "Place",
    "PlaceNotFoundError",
    "PointLocation",
    "PolicyJoin",
    "join_policy",
    "load_cercles",
    "load_places",
    "load_units",
    "locate",
    "locate_point",
    "locate_points",
    "named_origin",
    "named_origin_of_point",
    "unit_table",
]
