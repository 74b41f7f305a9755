"""Finding the places an applicant names: by name, typo- and accent-tolerant, best first.

A case worker types a town as the applicant says it (`tombouctou`, `Timbuktu`, `tin essako`,
`Tombuctou`) and must get every place of that name with its cercle and policy unit, because
names repeat (about 28% of them) and only the case worker can tell which one is meant. The
unit comes from the place's admin codes, which SOURCE.md calls authoritative for a named
place; places in cercle ML0704 belong to Ménaka (ML-9).

Order: exact matches before fuzzy ones; among equals the higher class first (capital,
regional capital, cercle capital, town, village), then the name and P-code, so the order is
stable. Everything that does not depend on the query is computed once per process.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from geodata.build import PLACES_FILE
from geodata.errors import DataFileError, GeodataError, PlaceNotFoundError
from geodata.layers import load_cercles
from geodata.names import normalise
from geodata.provenance import DATA_DIR
from geodata.reference import exonyms, unit_names

CLASS_LABELS = {
    1: "capital",
    2: "regional capital",
    3: "cercle capital",
    4: "town",
    5: "village",
}
# rapidfuzz `ratio` (0-100) from which a name counts as a misspelling of the query:
# "Tombuctou" for Tombouctou scores 95, "Kyes" for Kayes 89, "Mopit" for Mopti 80.
FUZZY_CUTOFF = 80.0
EXACT_SCORE = 100.0
SUGGESTION_COUNT = 5


@dataclass(frozen=True)
class Place:
    """One populated place from the source, with the cercle and policy unit it belongs to.

    `score` is 100 for an exact match (after normalisation, or through an exonym) and the
    rapidfuzz similarity (0-100) for a fuzzy one.
    """

    name: str
    place_class: int
    class_label: str
    cercle_pcode: str
    cercle_name: str
    unit_code: str
    unit_name: str
    lon: float
    lat: float
    score: float
    pcode: str


@dataclass(frozen=True)
class _NameIndex:
    """Precomputed lookup structures: built once, never changed."""

    places: tuple[Place, ...]
    by_key: dict[str, tuple[int, ...]]
    keys: tuple[str, ...]
    key_labels: dict[str, str]


@cache
def _places(path: Path) -> pd.DataFrame:
    try:
        raw = pd.read_csv(
            path,
            dtype={
                "pcode": str,
                "name": str,
                "place_class": "int64",
                "cercle_pcode": str,
                "unit_code": str,
                "lon": "float64",
                "lat": "float64",
            },
            keep_default_na=False,
            encoding="utf-8",
        )
    except (OSError, ValueError) as error:
        raise DataFileError(
            f"{path}: cannot read ({error}); run `python -m geodata build`"
        ) from None
    cercles = load_cercles()
    cercle_names = dict(zip(cercles["pcode"], cercles["name"], strict=True))
    places = pd.DataFrame(
        {
            "pcode": raw["pcode"],
            "name": raw["name"],
            "place_class": raw["place_class"],
            "class_label": raw["place_class"].map(CLASS_LABELS),
            "cercle_pcode": raw["cercle_pcode"],
            "cercle_name": raw["cercle_pcode"].map(cercle_names),
            "unit_code": raw["unit_code"],
            "unit_name": raw["unit_code"].map(unit_names()),
            "lon": raw["lon"],
            "lat": raw["lat"],
        }
    )
    unmatched = places[places[["class_label", "cercle_name", "unit_name"]].isna().any(axis=1)]
    if not unmatched.empty:
        raise DataFileError(
            f"{path}: place {unmatched['pcode'].iloc[0]} has an unknown class, cercle or unit"
        )
    return places


def load_places(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """All 18,769 places: pcode, name, place_class, class_label, cercle_pcode, cercle_name,
    unit_code, unit_name, lon, lat. A fresh copy per call."""
    return _places(data_dir / PLACES_FILE).copy()


@cache
def _index() -> _NameIndex:
    frame = _places(DATA_DIR / PLACES_FILE)
    frame = frame.assign(_key=frame["name"].map(normalise))
    frame = frame.sort_values(["place_class", "_key", "name", "pcode"], ignore_index=True)
    places = tuple(
        Place(
            name=row.name,
            place_class=int(row.place_class),
            class_label=row.class_label,
            cercle_pcode=row.cercle_pcode,
            cercle_name=row.cercle_name,
            unit_code=row.unit_code,
            unit_name=row.unit_name,
            lon=float(row.lon),
            lat=float(row.lat),
            score=EXACT_SCORE,
            pcode=row.pcode,
        )
        for row in frame.itertuples(index=False)
    )
    grouped: dict[str, list[int]] = {}
    labels: dict[str, str] = {}
    for position, key in enumerate(frame["_key"]):
        if key:
            grouped.setdefault(key, []).append(position)
            labels.setdefault(key, places[position].name)
    position_of = {place.pcode: position for position, place in enumerate(places)}
    for exonym in exonyms():
        if exonym.place_pcode not in position_of:
            raise DataFileError(
                f"exonym {exonym.exonym!r}: no place with P-code {exonym.place_pcode}"
            )
        key = normalise(exonym.exonym)
        grouped.setdefault(key, []).append(position_of[exonym.place_pcode])
        labels.setdefault(key, exonym.exonym)
    by_key = {key: tuple(sorted(set(positions))) for key, positions in grouped.items()}
    return _NameIndex(places=places, by_key=by_key, keys=tuple(by_key), key_labels=labels)


def locate(name: str, limit: int | None = 10) -> list[Place]:
    """Every place matching `name`, best first; at most `limit` of them (None: all).

    Raises PlaceNotFoundError (with the closest names as `suggestions`) when nothing matches.
    """
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise GeodataError(f"limit must be a whole number of at least 1, not {limit!r}")
    key = normalise(name)
    if not key:
        raise GeodataError(f"a place name needs letters or digits, not {name!r}")
    index = _index()
    matches = _matches(key, limit)
    if not matches:
        closest = process.extract(key, index.keys, scorer=fuzz.ratio, limit=SUGGESTION_COUNT)
        raise PlaceNotFoundError(name, [index.key_labels[choice] for choice, _, _ in closest])
    return [
        index.places[position]
        if score == EXACT_SCORE
        else replace(index.places[position], score=score)
        for position, score in matches
    ]


@lru_cache(maxsize=2048)
def _matches(key: str, limit: int | None) -> tuple[tuple[int, float], ...]:
    """(place position, score) of the best matches of a normalised name, best first.

    Cached because the dashboard asks again for the same name on every rerun of the page.
    """
    index = _index()
    exact = index.by_key.get(key, ())
    found = [(position, EXACT_SCORE) for position in exact]
    if limit is None or len(found) < limit:
        fuzzy = process.extract(
            key, index.keys, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=None
        )
        candidates = sorted(
            (-score, position)
            for choice, score, _ in fuzzy
            if choice != key
            for position in index.by_key[choice]
        )
        seen = set(exact)
        for negative_score, position in candidates:
            if position in seen:  # reached through both its name and an exonym, or exact
                continue
            seen.add(position)
            found.append((position, round(-negative_score, 1)))
    return tuple(found if limit is None else found[:limit])
