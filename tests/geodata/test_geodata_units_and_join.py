"""The policy units (ISO 3166-2) and the strict join with policy values."""

from __future__ import annotations

import math
from typing import Any

import numpy as np
import pandas as pd
import pytest

from geodata import JoinError, PolicyJoin, join_policy, load_cercles, load_units, unit_table

ISO_UNITS = {
    "ML-1": "Kayes",
    "ML-2": "Koulikoro",
    "ML-3": "Sikasso",
    "ML-4": "Ségou",
    "ML-5": "Mopti",
    "ML-6": "Tombouctou",
    "ML-7": "Gao",
    "ML-8": "Kidal",
    "ML-9": "Ménaka",
    "ML-10": "Taoudénit",
    "ML-BKO": "Bamako",
}
DRAWN = {code: name for code, name in ISO_UNITS.items() if code != "ML-10"}


def policy_values() -> dict[str, dict[str, Any]]:
    return {
        code: {"gradation": f"level of {code}", "ipa_applies": code != "ML-BKO"}
        for code in ISO_UNITS
    }


def test_the_ten_drawn_units_have_iso_codes_and_names() -> None:
    units = load_units()
    assert dict(zip(units["code"], units["name"], strict=True)) == DRAWN
    assert list(units.columns) == ["code", "name", "pcode", "area_km2", "geometry"]
    assert units.crs.to_epsg() == 4326
    assert units.set_index("code").loc["ML-BKO", "pcode"] == "ML09"


def test_unit_table_lists_taoudenit_undrawn_inside_tombouctou() -> None:
    table = unit_table().set_index("code")
    assert dict(table["name"]) == ISO_UNITS
    assert list(table.columns) == ["name", "pcode", "drawn", "note"]
    assert not table.loc["ML-10", "drawn"]
    assert table.drop(index="ML-10")["drawn"].all()
    assert "Tombouctou (ML-6)" in table.loc["ML-10", "note"]
    assert "ML0704" in table.loc["ML-9", "note"]
    assert table.loc["ML-7", "pcode"] == "ML07"
    assert "ML07 without cercle ML0704" in table.loc["ML-7", "note"]
    assert table["note"].str.len().gt(0).all()


def test_load_units_hands_out_a_fresh_copy() -> None:
    first = load_units()
    first.loc[0, "name"] = "changed"
    first["extra"] = 1
    second = load_units()
    assert second.loc[0, "name"] == "Kayes"
    assert "extra" not in second.columns
    cercles = load_cercles()
    cercles.loc[0, "unit_code"] = "ML-10"
    assert load_cercles().loc[0, "unit_code"] == "ML-1"


def test_join_adds_the_values_to_every_drawn_unit_and_lists_taoudenit_apart() -> None:
    joined = join_policy(load_units(), policy_values())
    assert isinstance(joined, PolicyJoin)
    drawn = joined.drawn.set_index("code")
    assert len(drawn) == 10
    assert drawn.loc["ML-9", "gradation"] == "level of ML-9"
    assert drawn.loc["ML-1", "ipa_applies"] is True
    assert drawn.loc["ML-BKO", "ipa_applies"] is False
    assert not drawn[["gradation", "ipa_applies"]].isna().any().any()
    assert joined.drawn.geometry.notna().all()
    assert list(joined.undrawn["code"]) == ["ML-10"]
    assert list(joined.undrawn.columns) == ["code", "name", "note", "gradation", "ipa_applies"]
    assert joined.undrawn.loc[0, "name"] == "Taoudénit"
    assert joined.undrawn.loc[0, "gradation"] == "level of ML-10"


def test_join_without_taoudenit_has_no_undrawn_rows() -> None:
    values = policy_values()
    del values["ML-10"]
    joined = join_policy(load_units(), values)
    assert joined.undrawn.empty
    assert list(joined.undrawn.columns) == ["code", "name", "note", "gradation", "ipa_applies"]


def test_join_fails_naming_a_drawn_unit_without_value() -> None:
    values = policy_values()
    del values["ML-9"], values["ML-3"]
    with pytest.raises(JoinError, match=r"without policy values: ML-3, ML-9"):
        join_policy(load_units(), values)


def test_join_fails_naming_a_code_that_is_no_unit() -> None:
    values = policy_values()
    values["ML-11"] = values["ML-1"]
    values["Menaka"] = values["ML-1"]
    with pytest.raises(JoinError, match=r"not units of Mali: ML-11, Menaka"):
        join_policy(load_units(), values)


def test_join_fails_when_a_unit_lacks_a_value_field() -> None:
    values = policy_values()
    del values["ML-5"]["ipa_applies"]
    with pytest.raises(JoinError, match=r"ML-5 lack the fields: ipa_applies"):
        join_policy(load_units(), values)


@pytest.mark.parametrize(
    "blank", [math.nan, pd.NA, np.float32("nan"), np.float64("nan"), pd.NaT, np.datetime64("NaT")]
)
def test_join_refuses_nan_values(blank: Any) -> None:
    values = policy_values()
    values["ML-2"]["gradation"] = blank
    with pytest.raises(
        JoinError, match=r"ML-2 are missing \(NaN, NA or NaT\) in the fields: gradation"
    ):
        join_policy(load_units(), values)


@pytest.mark.parametrize("value", [None, [1, None], "nan", 0.0])
def test_join_keeps_none_lists_and_text(value: Any) -> None:
    values = policy_values()
    values["ML-2"]["gradation"] = value
    drawn = join_policy(load_units(), values).drawn.set_index("code")
    assert drawn.loc["ML-2", "gradation"] == value or drawn.loc["ML-2", "gradation"] is value


@pytest.mark.parametrize("record", ["x", ["gradation"], 3])
def test_join_refuses_a_record_that_is_not_a_mapping(record: Any) -> None:
    values: dict[str, Any] = policy_values()
    values["ML-4"] = record
    with pytest.raises(JoinError, match=r"map field names to values; not so for: ML-4"):
        join_policy(load_units(), values)


def test_join_fails_on_a_units_layer_missing_a_unit_that_has_values() -> None:
    units = load_units()
    with pytest.raises(JoinError, match=r"missing from the units layer: ML-BKO"):
        join_policy(units[units["code"] != "ML-BKO"], policy_values())


def test_join_fails_on_value_fields_named_like_unit_columns() -> None:
    values = {code: {**record, "name": "x"} for code, record in policy_values().items()}
    with pytest.raises(JoinError, match=r"clash with unit columns: name"):
        join_policy(load_units(), values)


def test_join_does_not_change_the_units_it_was_given() -> None:
    units = load_units()
    join_policy(units, policy_values())
    assert list(units.columns) == ["code", "name", "pcode", "area_km2", "geometry"]
