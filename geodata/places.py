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

from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import pandas as pd
from rapidfuzz import fuzz, process

from geodata.errors import DataFileError, GeodataError, PlaceNotFoundError, shortened
from geodata.layers import cercle_names
from geodata.names import normalise
from geodata.provenance import DATA_DIR, PLACES_FILE, REFERENCE_DIR
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
ADDED_PLACES_CSV = REFERENCE_DIR / "added_places.csv"
PLACE_COLUMNS = [
    "pcode",
    "name",
    "place_class",
    "class_label",
    "cercle_pcode",
    "cercle_name",
    "unit_code",
    "unit_name",
    "lon",
    "lat",
]


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
    """Precomputed lookup structures: built once, never changed.

    The places are kept as plain columns in lookup order (class, normalised name, name,
    P-code); a Place object is made only for a place a query returns.
    """

    columns: dict[str, list]
    by_key: dict[str, tuple[int, ...]]
    keys: tuple[str, ...]
    key_labels: dict[str, str]

    def place(self, position: int, score: float) -> Place:
        column = self.columns
        return Place(
            name=column["name"][position],
            place_class=column["place_class"][position],
            class_label=column["class_label"][position],
            cercle_pcode=column["cercle_pcode"][position],
            cercle_name=column["cercle_name"][position],
            unit_code=column["unit_code"][position],
            unit_name=column["unit_name"][position],
            lon=column["lon"][position],
            lat=column["lat"][position],
            score=score,
            pcode=column["pcode"][position],
        )


@cache
def _places(data_dir: Path) -> pd.DataFrame:
    """The places of `data_dir` with their names of class, cercle and unit, plus `key`."""
    path = data_dir / PLACES_FILE
    try:
        raw = pd.read_csv(
            path,
            dtype={
                "pcode": str,
                "name": str,
                "key": str,
                "place_class": "int64",
                "cercle_pcode": str,
                "unit_code": str,
                "lon": "float64",
                "lat": "float64",
            },
            keep_default_na=False,
            encoding="utf-8",
        )
        key = raw["key"]
    except (OSError, ValueError, KeyError) as error:
        raise DataFileError(
            f"{path}: cannot read ({error!r}); run `python -m geodata build`"
        ) from None
    places = pd.DataFrame(
        {
            "pcode": raw["pcode"],
            "name": raw["name"],
            "place_class": raw["place_class"],
            "class_label": raw["place_class"].map(CLASS_LABELS),
            "cercle_pcode": raw["cercle_pcode"],
            "cercle_name": raw["cercle_pcode"].map(cercle_names(data_dir)),
            "unit_code": raw["unit_code"],
            "unit_name": raw["unit_code"].map(unit_names()),
            "lon": raw["lon"],
            "lat": raw["lat"],
            "key": key,
        }
    )
    places = pd.concat([places, _added_places(data_dir)], ignore_index=True)
    unmatched = places[places[["class_label", "cercle_name", "unit_name"]].isna().any(axis=1)]
    if not unmatched.empty:
        raise DataFileError(
            f"{path}: place {unmatched['pcode'].iloc[0]} has an unknown class, cercle or unit"
        )
    return places


def _added_places(data_dir: Path) -> pd.DataFrame:
    """Places the 2015 source lacks (Taoudenni, the capital of Taoudénit), from
    `reference/added_places.csv`, each row with its source and licence. Their `pcode` is the
    project's own key (ADDED-…), never an OCHA P-code."""
    path = ADDED_PLACES_CSV
    try:
        raw = pd.read_csv(path, dtype=str, keep_default_na=False, encoding="utf-8")
        added = pd.DataFrame(
            {
                "pcode": raw["pcode"],
                "name": raw["name"],
                "place_class": raw["place_class"].astype("int64"),
                "cercle_pcode": raw["cercle_pcode"],
                "unit_code": raw["unit_code"],
                "lon": raw["lon"].astype("float64"),
                "lat": raw["lat"].astype("float64"),
            }
        )
    except (OSError, ValueError, KeyError) as error:
        raise DataFileError(f"{path}: cannot read ({error!r})") from None
    if (raw["source"].str.strip() == "").any() or (raw["licence"].str.strip() == "").any():
        raise DataFileError(f"{path}: every added place needs its source and licence")
    added["class_label"] = added["place_class"].map(CLASS_LABELS)
    added["cercle_name"] = added["cercle_pcode"].map(cercle_names(data_dir))
    added["unit_name"] = added["unit_code"].map(unit_names())
    added["key"] = added["name"].map(normalise)
    return added


def load_places(data_dir: Path = DATA_DIR) -> pd.DataFrame:
    """All 18,769 places of the source and the few of `reference/added_places.csv`: pcode,
    name, place_class, class_label, cercle_pcode, cercle_name, unit_code, unit_name, lon, lat.
    A fresh copy per call."""
    return _places(data_dir)[PLACE_COLUMNS].copy()


@cache
def _index(data_dir: Path) -> _NameIndex:
    frame = _places(data_dir).sort_values(
        ["place_class", "key", "name", "pcode"], ignore_index=True
    )
    columns = {column: frame[column].tolist() for column in ["key", *PLACE_COLUMNS]}
    grouped: dict[str, list[int]] = {}
    labels: dict[str, str] = {}
    for position, (key, name) in enumerate(zip(columns["key"], columns["name"], strict=True)):
        if key:
            grouped.setdefault(key, []).append(position)
            labels.setdefault(key, name)
    wanted = {exonym.place_pcode for exonym in exonyms()}
    position_of = {
        pcode: position for position, pcode in enumerate(columns["pcode"]) if pcode in wanted
    }
    for exonym in exonyms():
        if exonym.place_pcode not in position_of:
            raise DataFileError(
                f"exonym {exonym.exonym!r}: no place with P-code {exonym.place_pcode}"
            )
        key = normalise(exonym.exonym)
        grouped.setdefault(key, []).append(position_of[exonym.place_pcode])
        labels.setdefault(key, exonym.exonym)
    by_key = {key: tuple(sorted(set(positions))) for key, positions in grouped.items()}
    return _NameIndex(columns=columns, by_key=by_key, keys=tuple(by_key), key_labels=labels)


def locate(name: str, limit: int | None = None, *, data_dir: Path = DATA_DIR) -> list[Place]:
    """Every place matching `name`, best first; at most `limit` of them (None, the default: all).

    Raises PlaceNotFoundError (with the closest names as `suggestions`) when nothing matches.
    """
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 1):
        raise GeodataError(f"limit must be a whole number of at least 1, not {limit!r}")
    if not isinstance(name, str):
        raise GeodataError(f"a place name must be text, not {shortened(repr(name))}")
    key = normalise(name)
    if not key:
        raise GeodataError(f"a place name needs letters or digits, not {shortened(name)!r}")
    index = _index(data_dir)
    matches = _matches(key, limit, data_dir)
    if not matches:
        closest = process.extract(key, index.keys, scorer=fuzz.ratio, limit=SUGGESTION_COUNT)
        raise PlaceNotFoundError(name, [index.key_labels[choice] for choice, _, _ in closest])
    return [index.place(position, score) for position, score in matches]


@lru_cache(maxsize=2048)
def _matches(key: str, limit: int | None, data_dir: Path) -> tuple[tuple[int, float], ...]:
    """(place position, score) of the best matches of a normalised name, best first.

    Cached because the dashboard asks again for the same name on every rerun of the page.
    """
    index = _index(data_dir)
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
