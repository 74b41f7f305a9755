"""The strict join of boundaries and policy values: one value per unit, or a loud error.

folium paints a missing value black, and a region silently left without a value would tell a
case worker something the policy does not say. So every drawn unit must have a value, every
code in the policy must be a known unit, and every unit must carry the same value fields;
anything else is a JoinError that names the codes. Units the source cannot draw (Taoudénit)
come back separately, with the note that explains why, so the page can list them under the map.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import geopandas as gpd
import pandas as pd

from geodata.errors import JoinError
from geodata.layers import unit_table


@dataclass(frozen=True)
class PolicyJoin:
    """`drawn`: the units layer with the value columns added, in layer order.
    `undrawn`: code, name, note and the value columns of each unit without a boundary that has
    policy values, in `unit_table()` order."""

    drawn: gpd.GeoDataFrame
    undrawn: pd.DataFrame


def _codes(codes: Any) -> str:
    return ", ".join(sorted(codes, key=str))


def _is_nan(value: Any) -> bool:
    """A missing-value scalar (NaN of any float type, pd.NA, pd.NaT), which folium paints
    black; None stays a legitimate "unknown", and lists or dicts are values in their own right.
    """
    return value is not None and pd.api.types.is_scalar(value) and bool(pd.isna(value))


def join_policy(units: gpd.GeoDataFrame, values: Mapping[str, Mapping[str, Any]]) -> PolicyJoin:
    """Join `values` (ISO code -> policy values) to `units` (from `load_units()`), strictly."""
    if not isinstance(values, Mapping):
        raise JoinError(f"policy values must map unit codes to values, not {type(values).__name__}")
    not_records = sorted(
        (str(code) for code, record in values.items() if not isinstance(record, Mapping)), key=str
    )
    if not_records:
        raise JoinError(
            "policy values of each unit must map field names to values; not so for: "
            + ", ".join(not_records)
        )
    if "code" not in units.columns:
        raise JoinError("the units layer has no column 'code'")
    table = unit_table()
    known = set(table["code"])
    undrawn_codes = set(table.loc[~table["drawn"], "code"])
    layer_codes = list(units["code"])

    repeated = {code for code in layer_codes if layer_codes.count(code) > 1}
    if repeated:
        raise JoinError(f"units layer lists these codes more than once: {_codes(repeated)}")
    strange = set(layer_codes) - (known - undrawn_codes)
    if strange:
        raise JoinError(f"units layer has codes that are not drawable units: {_codes(strange)}")
    unknown = set(values) - known
    if unknown:
        raise JoinError(
            f"policy values for codes that are not units of Mali: {_codes(unknown)} "
            f"(known: {_codes(known)})"
        )
    missing = set(layer_codes) - set(values)
    if missing:
        raise JoinError(f"drawn units without policy values: {_codes(missing)}")
    not_in_layer = set(values) - set(layer_codes) - undrawn_codes
    if not_in_layer:
        raise JoinError(
            f"policy values for units missing from the units layer: {_codes(not_in_layer)}"
        )

    fields = sorted({field for record in values.values() for field in record}, key=str)
    for code, record in values.items():
        lacking = [field for field in fields if field not in record]
        if lacking:
            raise JoinError(f"policy values of {code} lack the fields: {', '.join(lacking)}")
        blank = [field for field in fields if _is_nan(record[field])]
        if blank:
            raise JoinError(
                f"policy values of {code} are missing (NaN, NA or NaT) in the fields: "
                + ", ".join(blank)
            )
    clash = set(fields) & (set(units.columns) | {"note", "drawn", "geometry"})
    if clash:
        raise JoinError(f"policy value fields clash with unit columns: {_codes(clash)}")

    drawn = units.copy()
    for field in fields:
        drawn[field] = pd.Series(
            [values[code][field] for code in layer_codes], index=units.index, dtype=object
        )
    undrawn = table.loc[table["code"].isin(set(values) & undrawn_codes), ["code", "name", "note"]]
    undrawn = undrawn.reset_index(drop=True)
    for field in fields:
        undrawn[field] = pd.Series([values[code][field] for code in undrawn["code"]], dtype=object)
    return PolicyJoin(drawn=drawn, undrawn=undrawn)
