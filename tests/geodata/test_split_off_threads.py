"""Taoudénit's area when the split-off areas are read more than once.

The server's warm-up (ui/warm_up.py) and a session, or two sessions, may ask for Taoudénit's
area at the same time: each thread then reads `split_off_areas()` itself and the cache keeps
only one of the equal tuples, so an area taken from one reading is not *the same object* as the
area a place is found in by the other. Here every call reads the file afresh (the uncached
function itself), the case of a thread whose copy lost: the area must be the same all the same.
"""

from __future__ import annotations

import numpy as np
import pytest

from geodata import origin, split_off_shapes
from geodata.split_off_shapes import split_off_shapes as shapes_as_read_once


@pytest.fixture
def areas_read_on_every_call(monkeypatch: pytest.MonkeyPatch) -> None:
    shapes_as_read_once()  # the cached area, computed with the cached areas, before the change
    fresh = origin.split_off_areas.__wrapped__
    assert fresh() == fresh() and fresh()[0] is not fresh()[0]
    monkeypatch.setattr(origin, "split_off_areas", fresh)
    monkeypatch.setattr(split_off_shapes, "split_off_areas", fresh)


def test_taoudenits_area_does_not_depend_on_which_reading_of_the_areas_is_cached(
    areas_read_on_every_call: None,
) -> None:
    expected = shapes_as_read_once()
    computed = split_off_shapes._split_off_frame.__wrapped__()
    assert list(computed["code"]) == list(expected["code"])
    for got, want in zip(computed.geometry, expected.geometry, strict=True):
        assert not got.is_empty and got.geom_type in ("Polygon", "MultiPolygon")
        assert got.symmetric_difference(want).area < 1e-9


def test_a_point_in_taoudenit_is_picked_whichever_reading_is_cached(
    areas_read_on_every_call: None,
) -> None:
    row = shapes_as_read_once().iloc[0]
    point = row.geometry.representative_point()
    picks = origin.split_off_picks(
        np.array([point.x]), np.array([point.y]), np.array([origin.split_off_areas()[0].cercle])
    )
    assert list(picks) == [0]
