"""Where the policy meets the map data: `python -m policy evaluate --place NAME`, and the hint
that a name given as a region is a cercle or a place.

This is the one module of `policy` that imports `geodata` (boundaries, places), the
composition the command line needs for `--place`; the rest of `policy` holds no geometry and
imports nothing of `geodata`, `briefing` or `ui` (tests/test_import_graph.py). geodata is
imported inside the functions, so the other commands do not load it.
"""

from __future__ import annotations

from policy.case import NamedOrigin
from policy.errors import PolicyError
from policy.names import normalise_name


def exact_places(name: str) -> list:
    """The places named exactly `name` (after normalisation), best first; [] when none."""
    import geodata

    try:
        return [place for place in geodata.locate(name) if place.score == 100]
    except geodata.PlaceNotFoundError:
        return []


def not_a_region(name: str) -> str | None:
    """Why `name`, not a region of the policy, is a place or cercle instead, or None.

    A cercle or town given as a region would otherwise be answered with the closest region
    names, which may be another region altogether (Kati → Kita flips the result).
    """
    from geodata.errors import GeodataError
    from geodata.layers import cercle_names

    try:
        key = normalise_name(name)
        cercles = [n for n in cercle_names().values() if normalise_name(n) == key]
        places = exact_places(name)
    except GeodataError:
        return None
    if not cercles and not places:
        return None
    what = []
    if cercles:
        what.append(f"a cercle ({', '.join(sorted(set(cercles)))})")
    if places:
        where = sorted({f"{place.cercle_name}, {place.unit_name}" for place in places})
        shown = "; ".join(where[:4]) + (f"; and {len(where) - 4} more" if len(where) > 4 else "")
        what.append(f"{len(places)} place(s) of that name (in {shown})")
    return (
        f"{name!r} is not a region of the policy: it is {' and '.join(what)}; see where it lies "
        f"with `python -m geodata locate {name}`, or give it with --place instead of --region"
    )


def place_origin(name: str) -> NamedOrigin:
    """The origin of an applicant from the place `name` (geodata.origin.place_origin, which the
    law cases use too); an error when no place has that name, or the name is ambiguous: places
    in more than one region, or a name equal or close to a region's or its capital's name
    (only the case worker can tell which is meant)."""
    from geodata.errors import GeodataError
    from geodata.origin import place_origin as origin_of_place

    try:
        return origin_of_place(name)
    except GeodataError as error:
        raise PolicyError(str(error)) from None
