"""Looking up the name an applicant gives: a region (official, other spelling, 2023 reform) or a
town or village, with what the page says about it — in the page's language.

Kept free of Streamlit widgets: `lookup` returns the candidates and the notes to show, so the
form can draw them and a link can be resolved again with the same code (`resolve_named`).
The page says what the command line says: a 2023 region that straddles two 2016 regions
(Bougouni) is explained and not mapped; a name that matches nothing gets the closest names; a
long query is shortened wherever it is echoed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from typing import Final

import geodata
from geodata.errors import shortened
from policy import PolicyError, PolicyVersion, UnknownRegionError, resolve_region
from policy.data_files import read_package_toml
from policy.regions import normalise_name
from ui.state import Named
from ui.texts import Lang, t
from wording.escape import markdown

PLACE_LIMIT: Final = 8
REGION_ID: Final = "region"
PLACE_KINDS: Final[dict[int, str]] = {
    1: "capital",
    2: "regional_capital",
    3: "cercle_capital",
    4: "town",
    5: "village",
}


@dataclass(frozen=True)
class Candidate:
    """One answer to a lookup; `id` is stable for the same query ("region" or "place:<pcode>")."""

    id: str
    label: str
    named: Named


@dataclass(frozen=True)
class Lookup:
    """The candidates for a query, best first, and notes (Markdown-safe text) to show with them."""

    query: str
    candidates: tuple[Candidate, ...]
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()


@lru_cache(maxsize=1)
def _straddling() -> dict[str, tuple[str, tuple[str, ...]]]:
    """2023 regions formed from cercles of more than one 2016 region: key → (name, codes)."""
    table = read_package_toml("region_names.toml").get("reform_2023", {})
    return {
        normalise_name(name): (name, tuple(entry["candidates"]))
        for name, entry in table.items()
        if "candidates" in entry
    }


def kind_label(kind: str, lang: Lang) -> str:
    return t(f"named_kind_{kind}", lang)


def _region_candidate(query: str, version: PolicyVersion, lang: Lang) -> Candidate | None:
    try:
        match = resolve_region(query, version)
    except PolicyError:
        return None
    kind = "region_2023" if match.mapped_from else "region"
    label = t("form_candidate_region", lang, region=match.name, code=match.code)
    if match.mapped_from:
        label += " " + t("form_candidate_mapped", lang, name=match.mapped_from)
    named = Named(
        text=query.strip(),
        kind=kind,
        region=match.code,
        region_name=match.name,
        mapped_from=match.mapped_from,
    )
    return Candidate(id=REGION_ID, label=label, named=named)


def _place_candidate(
    query: str, place: geodata.Place, version: PolicyVersion, lang: Lang
) -> Candidate:
    """A place, resolved as the command line resolves it (`geodata.named_origin`): a place in
    the area that now forms Taoudénit belongs to Taoudénit, though the 2015 map draws it inside
    Tombouctou."""
    kind = PLACE_KINDS.get(place.place_class, "town")
    origin = geodata.named_origin(place)
    region_name = version.region(origin.region_code).name
    split_off = origin.region_code != place.unit_code
    named = Named(
        text=query.strip(),
        kind=kind,
        region=origin.region_code,
        region_name=region_name,
        place=place.name,
        place_pcode=place.pcode,
        cercle=place.cercle_name,
        cercle_pcode=place.cercle_pcode,
        drawn_in=place.unit_name if split_off else None,
        note=origin.note,
    )
    label = f"{place.name} — {place.cercle_name}, {region_name} ({kind_label(kind, lang)})"
    return Candidate(id=f"place:{place.pcode}", label=label, named=named)


def lookup(query: str, version: PolicyVersion, lang: Lang) -> Lookup:
    """Regions first (a region name is what the user most likely means), then places."""
    text = query.strip()
    shown = markdown(shortened(text))
    notes: list[str] = []
    warnings: list[str] = []
    candidates: list[Candidate] = []
    straddle = _straddling().get(normalise_name(text))
    if straddle is not None:
        name, codes = straddle
        regions = [version.region(code).name for code in codes if _has(version, code)]
        joined = " / ".join(markdown(region) for region in regions)
        notes.append(t("form_straddle", lang, name=markdown(name), regions=joined))
    else:
        region = _region_candidate(text, version, lang)
        if region is not None:
            candidates.append(region)
    try:
        places = geodata.locate(text, limit=PLACE_LIMIT)
    except geodata.PlaceNotFoundError as error:
        if not candidates:
            suggestions = ", ".join(markdown(s) for s in error.suggestions) or "—"
            warnings.append(t("form_place_not_found", lang, name=shown, suggestions=suggestions))
        places = []
    except geodata.GeodataError:
        warnings.append(t("form_place_unusable", lang, name=shown))
        places = []
    candidates += [_place_candidate(text, place, version, lang) for place in places]
    return Lookup(
        query=text, candidates=tuple(candidates), notes=tuple(notes), warnings=tuple(warnings)
    )


def _has(version: PolicyVersion, code: str) -> bool:
    try:
        version.region(code)
    except UnknownRegionError:
        return False
    return True


def resolve_named(
    text: str, place_pcode: str | None, version: PolicyVersion, lang: Lang
) -> Named | None:
    """A name from a link, looked up again: the place with that P-code, or the region the name
    gives; None when it resolves to neither (the link is then ignored with a notice)."""
    if not text.strip():
        return None
    found = lookup(text, version, lang).candidates
    wanted = f"place:{place_pcode}" if place_pcode else REGION_ID
    return next((c.named for c in found if c.id == wanted), None)
