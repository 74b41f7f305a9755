"""The origin an applicant names — a place or a map point — as the policy's `NamedOrigin`.

The 2015 boundaries draw Taoudénit (ML-10) inside Tombouctou (ML-6). A place or point in the
area that now forms Taoudénit (`reference/split_off_areas.toml`: the 2015 commune of Salam)
therefore resolves to Taoudénit, as its name does, and the Decision answers it the same way on
every route (with `region_scope_unclear`, because C7/23 Vc names only Tombouctou).
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import numpy as np

from geodata.errors import DataFileError, GeodataError, PlaceNotFoundError
from geodata.places import Place, load_places
from geodata.points import PointLocation, locate_point
from geodata.provenance import REFERENCE_DIR
from geodata.reference import unit_names
from policy.case import NamedOrigin
from wording import t

SPLIT_OFF_AREAS = REFERENCE_DIR / "split_off_areas.toml"


@dataclass(frozen=True)
class SplitOffArea:
    """A 2016 unit carved out of a 2015 region: the 2015 cercle and communes it came from."""

    code: str
    name: str
    cercle: str
    communes: tuple[str, ...]
    evidence: str
    evidence_nl: str = ""


@cache
def split_off_areas(path: Path = SPLIT_OFF_AREAS) -> tuple[SplitOffArea, ...]:
    """The areas in file order; DataFileError naming the entry for a malformed one."""
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise DataFileError(f"{path}: cannot read ({error})") from None
    areas = []
    for code, entry in data.items():
        try:
            area = SplitOffArea(
                code=code,
                name=entry["name"],
                cercle=entry["cercle"],
                communes=tuple(entry["communes"]),
                evidence=" ".join(entry["evidence"].split()),
                evidence_nl=" ".join(entry.get("evidence_nl", entry["evidence"]).split()),
            )
        except (KeyError, TypeError) as error:
            raise DataFileError(f"{path}, [{code}]: missing or malformed {error}") from None
        if code not in unit_names():
            raise DataFileError(f"{path}, [{code}]: not a unit of the units table")
        if not area.communes or any(not c.startswith(area.cercle) for c in area.communes):
            raise DataFileError(f"{path}, [{code}].communes: must lie in cercle {area.cercle}")
        areas.append(area)
    return tuple(areas)


def area_of_place_pcode(pcode: str) -> SplitOffArea | None:
    """The split-off area a place lies in, by its P-code (which starts with its commune's), or
    for a place added to the 2015 gazetteer (`reference/added_places.csv`) by its unit."""
    added = _added_units().get(pcode)
    for area in split_off_areas():
        if any(pcode.startswith(commune) for commune in area.communes) or added == area.code:
            return area
    return None


@cache
def _added_units() -> dict[str, str]:
    """P-code (the project's ADDED-… key) → unit of every added place."""
    places = load_places()
    added = places[places["pcode"].str.startswith("ADDED-")]
    return dict(zip(added["pcode"], added["unit_code"], strict=True))


def _notes(
    area: SplitOffArea, kind: str, drawn_in: str, where: Place | None = None, nearest: str = ""
) -> dict[str, str]:
    """How the unit was found, in English (`note`) and Dutch (`note_nl`), from the catalogue
    (`origin_note.place` / `origin_note.point`) with the area's evidence."""
    return {
        field: t(
            f"origin_note.{kind}",
            lang,
            place=_where(where, lang) if where is not None else "",
            nearest=nearest,
            area=area.name,
            code=area.code,
            drawn_in=drawn_in,
            evidence=area.evidence_nl if lang == "nl" else area.evidence,
        )
        for field, lang in (("note", "en"), ("note_nl", "nl"))
    }


def _where(place: Place, lang: str) -> str:
    if place.pcode.startswith("ADDED-"):
        return t("origin_note.added_place", lang, place=place.name)
    return t("origin_note.gazetteer_place", lang, place=place.name, commune=place.pcode[:8])


def named_origin(place: Place) -> NamedOrigin:
    """The origin of an applicant who names `place` (from `geodata.locate`)."""
    area = area_of_place_pcode(place.pcode)
    if area is None:
        return NamedOrigin(
            text=place.name,
            kind="place",
            region_code=place.unit_code,
            cercle_pcode=place.cercle_pcode,
            cercle_name=place.cercle_name,
        )
    return NamedOrigin(
        text=place.name,
        kind="place",
        region_code=area.code,
        cercle_pcode=place.cercle_pcode,
        cercle_name=place.cercle_name,
        **_notes(area, "place", f"cercle {place.cercle_name}", where=place),
    )


@cache
def _cercle_places(cercle: str) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Lon, lat and P-code of every place of a cercle, for the nearest-place test."""
    places = load_places()
    inside = places[places["cercle_pcode"] == cercle]
    return (
        inside["lon"].to_numpy(dtype=float),
        inside["lat"].to_numpy(dtype=float),
        inside["pcode"].to_numpy(dtype=object),
    )


def _nearest_place_pcode(cercle: str, lon: float, lat: float) -> str | None:
    lons, lats, pcodes = _cercle_places(cercle)
    if len(pcodes) == 0:
        return None
    # Equirectangular distance: exact enough to rank places a few km to a few hundred km away.
    dx = (lons - lon) * np.cos(np.radians(lat))
    dy = lats - lat
    return str(pcodes[int(np.argmin(dx * dx + dy * dy))])


def named_origin_of_point(lon: float, lat: float) -> NamedOrigin:
    """The origin of an applicant who points at (lon, lat) on the map.

    Raises what `locate_point` raises (InvalidCoordinateError, OutsideMaliError).
    """
    location: PointLocation = locate_point(lon, lat)
    text = f"{float(lat):.5f}, {float(lon):.5f} (lat, lon)"
    for area in split_off_areas():
        if location.cercle_pcode != area.cercle:
            continue
        nearest = _nearest_place_pcode(area.cercle, float(lon), float(lat))
        if nearest is not None and area_of_place_pcode(nearest) is area:
            return NamedOrigin(
                text=text,
                kind="point",
                region_code=area.code,
                cercle_pcode=location.cercle_pcode,
                cercle_name=location.cercle_name,
                **_notes(area, "point", location.unit_name, nearest=nearest),
            )
    return NamedOrigin(
        text=text,
        kind="point",
        region_code=location.unit_code,
        cercle_pcode=location.cercle_pcode,
        cercle_name=location.cercle_name,
    )


class AmbiguousPlaceError(GeodataError):
    """A place name that the applicant may mean in more than one way: only the case worker can
    choose (places in several regions, or a name equal or close to a region or its capital)."""


def place_origin(name: str) -> NamedOrigin:
    """The origin of an applicant who names the place `name`, as `evaluate --place` answers it.

    Raises PlaceNotFoundError when no place has that name exactly, and AmbiguousPlaceError when
    its places lie in more than one region (one line naming them).
    """
    from geodata.places import locate

    found = locate(name)
    exact = [place for place in found if place.score == 100]
    if not exact:
        raise PlaceNotFoundError(name, list(dict.fromkeys(place.name for place in found[:5])))
    origins = [named_origin(place) for place in exact]
    regions = sorted({origin.region_code for origin in origins})
    homonyms = region_homonyms(name, regions)
    if homonyms:
        # A village that shares (or nearly shares) a region's or its capital's name: never
        # answered silently for a region far away (Taoudeni in Ségou for Taoudenni).
        places = "; ".join(
            dict.fromkeys(
                f"the place {p.name} ({p.class_label}, cercle {p.cercle_name}, {o.region_code})"
                for p, o in zip(exact, origins, strict=True)
            )
        )
        others = "; ".join(
            f"the region {region} ({code}{f', capital {capital}' if capital else ''})"
            for code, region, capital in homonyms
        )
        choices = ", ".join(
            [f"--region {region!r}" for _, region, _ in homonyms]
            + [f"--place {capital!r}" for _, _, capital in homonyms if capital]
        )
        raise AmbiguousPlaceError(
            f"{name!r} may mean {places}, or {others}, whose name is the same or close; "
            f"choose one: {choices}, or give the region of the place with --region"
        )
    if len(regions) > 1:
        where = sorted(
            {
                f"{p.name} ({p.cercle_name}, {o.region_code})"
                for p, o in zip(exact, origins, strict=True)
            }
        )
        shown = "; ".join(where[:5]) + (f"; and {len(where) - 5} more" if len(where) > 5 else "")
        raise AmbiguousPlaceError(
            f"{name!r} names places in {len(regions)} regions ({shown}); choose one with "
            f"`python -m geodata locate {name}` and give its region with --region"
        )
    return origins[0]


SCOPE_FLAG = "region_scope_unclear"
"""The flag the policy's Decision carries for a unit split off from a named one; geodata's
outputs carry it too, so a point in Taoudénit's area is flagged on every route."""


def split_off_picks(lons: np.ndarray, lats: np.ndarray, cercles: np.ndarray) -> np.ndarray:
    """For each point, the index (into `split_off_areas()`) of the split-off area it lies in, or
    -1: the same test as `named_origin_of_point` (the nearest place of the cercle lies in one of
    the area's communes), vectorised for `locate-points`. `cercles` are the points' 2015 cercle
    P-codes ("" outside Mali)."""
    picks = np.full(len(lons), -1, dtype=np.int64)
    for number, area in enumerate(split_off_areas()):
        rows = np.flatnonzero(cercles == area.cercle)
        place_lons, place_lats, pcodes = _cercle_places(area.cercle)
        if len(rows) == 0 or len(pcodes) == 0:
            continue
        # Equal, not identical: threads that first ask at once may each read their own areas.
        inside = np.array([area_of_place_pcode(str(p)) == area for p in pcodes], dtype=bool)
        for start in range(0, len(rows), 20_000):
            chunk = rows[start : start + 20_000]
            lon = lons[chunk].astype(float)[:, None]
            lat = lats[chunk].astype(float)[:, None]
            dx = (place_lons[None, :] - lon) * np.cos(np.radians(lat))
            dy = place_lats[None, :] - lat
            nearest = np.argmin(dx * dx + dy * dy, axis=1)
            picks[chunk[inside[nearest]]] = number
    return picks


@cache
def drawn_unit_of_cercle(cercle: str) -> str:
    """The unit the 2015 map draws a cercle in (that of its source places, not added ones)."""
    places = load_places()
    inside = places[(places["cercle_pcode"] == cercle) & ~places["pcode"].str.startswith("ADDED-")]
    return str(inside["unit_code"].mode().iloc[0])


REGION_NAME_CUTOFF = 85.0
"""rapidfuzz ratio from which a place name counts as close to a region's or capital's name
("Taoudeni" to Taoudénit scores 94, to Taoudenni 94)."""


@cache
def _capitals() -> dict[str, str]:
    """Unit code → the name of its capital (class 1 or 2 places), where the gazetteer has one."""
    places = load_places()
    capitals = places[places["place_class"] <= 2].sort_values(["place_class", "pcode"])
    found: dict[str, str] = {}
    for code, name in zip(capitals["unit_code"], capitals["name"], strict=True):
        found.setdefault(str(code), str(name))  # the capital (class 1) before a class 2 seat
    return found


def region_homonyms(name: str, place_regions: Iterable[str]) -> list[tuple[str, str, str | None]]:
    """(code, region name, capital) of every region whose name or capital's name is equal or
    close to `name` although none of the places named exactly `name` lies in it
    (`place_regions`: their regions).

    The one decision behind "never a silent far-away homonym": an applicant who says "Taoudeni"
    may mean the village in Macina (Ségou) or Taoudénit and its capital Taoudenni. The command
    line then refuses the name (`place_origin`); the page lists both and asks to choose.
    """
    inside = set(place_regions)
    return [found for found in regions_named_like(name) if found[0] not in inside]


def regions_named_like(name: str) -> list[tuple[str, str, str | None]]:
    """(code, region name, capital) of every unit whose name or capital's name is equal or
    close to `name`, in the units table's order."""
    from rapidfuzz import fuzz

    from geodata.names import normalise
    from geodata.reference import unit_names

    key = normalise(name)
    capitals = _capitals()
    found = []
    for code, region in unit_names().items():
        capital = capitals.get(code)
        names = [region, *([capital] if capital else [])]
        if any(fuzz.ratio(key, normalise(n)) >= REGION_NAME_CUTOFF for n in names):
            found.append((code, region, capital))
    return found
