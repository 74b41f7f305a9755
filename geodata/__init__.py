"""Mali's boundaries and places for the policy map, with provenance, and a strict policy join.

Data: OCHA's Common Operational Datasets for Mali (2015), vendored unchanged in
`geodata/source/ocha-cod-mali-2015/`; `python -m geodata build` derives `geodata/data/`.
The units are the ISO 3166-2 regions the 2015 boundaries can draw (Ménaka is cercle ML0704;
Taoudénit is listed but not drawn); `reference/units.csv` is their one table.
"""

from geodata.errors import (
    DataFileError,
    GeodataError,
    InvalidCoordinateError,
    JoinError,
    OutsideMaliError,
    PlaceNotFoundError,
)
from geodata.join import PolicyJoin, join_policy
from geodata.layers import load_cercles, load_units, unit_table
from geodata.origin import named_origin, named_origin_of_point
from geodata.places import CLASS_LABELS, Place, load_places, locate
from geodata.points import PointLocation, locate_point, locate_points
from geodata.provenance import ATTRIBUTION

__all__ = [
    "ATTRIBUTION",
    "CLASS_LABELS",
    "DataFileError",
    "GeodataError",
    "InvalidCoordinateError",
    "JoinError",
    "OutsideMaliError",
    "PlaceNotFoundError",
    "Place",
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
