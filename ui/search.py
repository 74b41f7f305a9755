"""Looking up the name an applicant gives: a region (official, other spelling, 2023 reform) or a
town or village, with what the page says about it — in the page's language.

Kept free of Streamlit widgets: `lookup` returns the candidates and the notes to show, so the
form can draw them and a link can be resolved again with the same code (`resolve_named`).
The page says what the command line says: a 2023 region that straddles two 2016 regions
(Bougouni) is explained and not mapped; a name that matches nothing gets the closest names; a
long query is shortened wherever it is echoed.

A name is often shared: 49 places in six regions are named Madina. So every match is offered
(exact names first, then similar ones, each group ordered by region and cercle), each label
names the commune and cercle (and the place code where two would still read the same), and the
page never picks one of them for the user when they lie in regions with different outcomes
(`outcomes_differ`). A name that is both a place and a 2023 region (Douentza) offers the place
first, and says that the name is also a region's. A place name that is also (close to) a
region's or its capital's name while none of its places lies in that region (Taoudeni, a village
in Macina, and Taoudénit with its capital Taoudenni) lists the region and its capital too and
asks to choose: the decision is the command line's (`geodata.origin.region_homonyms`).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Final

import geodata
from geodata.errors import shortened
from geodata.origin import region_homonyms
from geodata.places import EXACT_SCORE
from policy import PolicyError, PolicyVersion, UnknownRegionError, evaluate, resolve_region
from policy.data_files import read_package_toml
from policy.regions import normalise_name
from ui.state import Named, PageState, case_of
from ui.texts import Lang, t
from wording import t as wt
from wording.escape import markdown

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
    exact: bool = True
    """False for a place whose name is only similar to the query."""


@dataclass(frozen=True)
class Lookup:
    """The candidates for a query, best first, and notes (Markdown-safe text) to show with them."""

    query: str
    candidates: tuple[Candidate, ...]
    notes: tuple[str, ...] = ()
    warnings: tuple[str, ...] = ()
    homonyms: tuple[str, ...] = ()
    """Codes of the regions whose name or capital's name is (close to) the query while no
    place of that exact name lies in them: the user must choose, nothing is pre-selected."""

    @property
    def exact(self) -> tuple[Candidate, ...]:
        return tuple(c for c in self.candidates if c.exact)

    @property
    def unique(self) -> Candidate | None:
        """The one candidate the query names without doubt, which Enter may apply at once: the
        only exact match, or a 2016 region's own name (its capital lies in it). None when the
        name is also (close to) a region's or its capital's elsewhere (`homonyms`)."""
        if self.homonyms:
            return None
        exact = self.exact
        if len(exact) == 1:
            return exact[0]
        regions = [c for c in exact if c.named.kind == "region"]
        if len(regions) == 1 and all(c.named.region == regions[0].named.region for c in exact):
            return regions[0]
        return None


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
    query: str,
    place: geodata.Place,
    version: PolicyVersion,
    lang: Lang,
    exact: bool | None = None,
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
        note_nl=origin.note_nl,
    )
    if exact is None:
        exact = place.score >= EXACT_SCORE
    label = wt(
        "page_use.search.label" if exact else "page_use.search.label_similar",
        lang,
        place=place.name,
        kind=kind_label(kind, lang),
        commune=place.pcode[:8],
        cercle=place.cercle_name,
        region=region_name,
    )
    return Candidate(id=f"place:{place.pcode}", label=label, named=named, exact=exact)


def _ordered(
    candidates: list[Candidate], lang: Lang, first_similar: frozenset[str] = frozenset()
) -> list[Candidate]:
    """Exact names before similar ones (those in `first_similar`, a homonym region and its
    capital, first among these); within each, a 2016 region's own name first, then the
    places grouped by region and cercle (larger places first), then a 2023 region's name (so a
    town such as Douentza never loses to the 2023 region of that name). Labels that would
    still read the same get the place code."""
    class_of = {kind: number for number, kind in PLACE_KINDS.items()}

    def rank(c: Candidate) -> tuple:
        kind = c.named.kind
        group = 0 if kind == "region" else 2 if kind == "region_2023" else 1
        tier = 0 if c.exact else 1 if c.id in first_similar else 2
        return (
            tier,
            group,
            c.named.region_name,
            c.named.cercle or "",
            class_of.get(kind, 9),
            c.label,
        )

    ordered = sorted(candidates, key=rank)
    seen: dict[str, int] = {}
    for c in ordered:
        seen[c.label] = seen.get(c.label, 0) + 1
    return [
        replace(
            c,
            label=wt(
                "page_use.search.label_place_code",
                lang,
                label=c.label,
                pcode=c.named.place_pcode,
            ),
        )
        if seen[c.label] > 1 and c.named.place_pcode
        else c
        for c in ordered
    ]


def lookup(query: str, version: PolicyVersion, lang: Lang) -> Lookup:
    """Every region and place the query names: exact names first (a 2016 region's own name
    before its places), then similar names; each group by region and cercle."""
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
        places = geodata.locate(text)
    except geodata.PlaceNotFoundError as error:
        if not candidates:
            suggestions = ", ".join(markdown(s) for s in error.suggestions) or "—"
            warnings.append(t("form_place_not_found", lang, name=shown, suggestions=suggestions))
        places = []
    except geodata.GeodataError:
        warnings.append(t("form_place_unusable", lang, name=shown))
        places = []
    candidates += [_place_candidate(text, place, version, lang) for place in places]
    homonyms, first = _region_homonyms(text, candidates, version, lang)
    if homonyms:
        notes.append(_homonym_note(text, candidates, homonyms, version, lang))
    candidates = _ordered(candidates, lang, first)
    region_2023 = next((c for c in candidates if c.named.kind == "region_2023"), None)
    if region_2023 is not None and any(c.exact and c.named.place for c in candidates):
        notes.append(
            wt(
                "page_use.search.also_region_2023",
                lang,
                name=markdown(region_2023.named.mapped_from or text),
                region=markdown(region_2023.named.region_name),
            )
        )
    return Lookup(
        query=text,
        candidates=tuple(candidates),
        notes=tuple(notes),
        warnings=tuple(warnings),
        homonyms=tuple(code for code, _, _ in homonyms),
    )


def _region_homonyms(
    text: str, candidates: list[Candidate], version: PolicyVersion, lang: Lang
) -> tuple[list[tuple[str, str, str | None]], frozenset[str]]:
    """The regions the command line would name besides the exact places (`region_homonyms`),
    and the ids of their candidates; `candidates` gains each such region and its capital where
    the search did not already offer them (marked as similar unless named exactly)."""
    exact_places = [c for c in candidates if c.exact and c.named.place]
    if not exact_places:
        return [], frozenset()
    homonyms = [
        found
        for found in region_homonyms(text, (c.named.region for c in exact_places))
        if _has(version, found[0])
    ]
    first: set[str] = set()
    for code, _, capital in homonyms:
        region = next((c for c in candidates if c.named.region == code and not c.named.place), None)
        if region is None:
            named = Named(
                text=text, kind="region", region=code, region_name=version.region(code).name
            )
            plain = t("form_candidate_region", lang, region=named.region_name, code=code)
            taken = any(c.id == REGION_ID for c in candidates)
            region = Candidate(
                id=f"{REGION_ID}:{code}" if taken else REGION_ID,
                label=wt("page_use.search.label_region_similar", lang, label=plain),
                named=named,
                exact=False,
            )
            candidates.append(region)
        first.add(region.id)
        if capital is None:
            continue
        seat = next(
            (c for c in candidates if c.named.region == code and c.named.place == capital), None
        )
        if seat is None:
            try:
                places = geodata.locate(capital)
            except geodata.GeodataError:
                places = []
            place = next((p for p in places if p.score >= EXACT_SCORE and p.place_class <= 2), None)
            if place is None:
                continue
            seat = _place_candidate(text, place, version, lang, exact=False)
            candidates.append(seat)
        first.add(seat.id)
    return homonyms, frozenset(first)


def _homonym_note(
    text: str,
    candidates: list[Candidate],
    homonyms: list[tuple[str, str, str | None]],
    version: PolicyVersion,
    lang: Lang,
) -> str:
    """“Taoudeni” is a place (cercle Macina, Ségou), and also (close to) the name of region
    Taoudénit or its capital Taoudenni: choose."""
    where = list(
        dict.fromkeys(
            wt(
                "page_use.search.homonym_place",
                lang,
                cercle=markdown(c.named.cercle or ""),
                region=markdown(c.named.region_name),
            )
            for c in candidates
            if c.exact and c.named.place
        )
    )
    places = "; ".join(where[:5]) + ("; …" if len(where) > 5 else "")

    def region_words(code: str, capital: str | None) -> str:
        region = version.region(code).name
        key = "page_use.search.homonym_region"
        if capital and normalise_name(capital) == normalise_name(region):
            key = "page_use.search.homonym_region_town"  # Gao, the region and its capital
        elif capital:
            key = "page_use.search.homonym_region_capital"
        return wt(key, lang, region=markdown(region), capital=markdown(capital or ""))

    regions = "; ".join(region_words(code, capital) for code, _, capital in homonyms)
    return wt(
        "page_use.search.region_homonym",
        lang,
        name=markdown(shortened(text)),
        places=places,
        regions=regions,
    )


def count_line(found: Lookup, lang: Lang) -> str:
    """How many places the query names exactly, in which regions, and how many similar ones:
    "49 plaatsen heten precies “Madina”, in Kayes 30, Koulikoro 7, …"."""
    exact = [c for c in found.exact if c.named.place]
    similar = [c for c in found.candidates if not c.exact]
    name = markdown(shortened(found.query))
    if not exact:
        if not similar:
            return ""
        return wt("page_use.search.count_only_similar", lang, name=name, count=len(similar))
    per_region: dict[str, int] = {}
    for c in exact:
        per_region[c.named.region_name] = per_region.get(c.named.region_name, 0) + 1
    regions = ", ".join(
        f"{markdown(region)} {count}"
        for region, count in sorted(per_region.items(), key=lambda item: (-item[1], item[0]))
    )
    key = "page_use.search.count_one_exact" if len(exact) == 1 else "page_use.search.count_exact"
    line = wt(key, lang, name=name, count=len(exact), regions=regions)
    if similar:
        line += " " + wt("page_use.search.count_similar", lang, count=len(similar))
    return line


def regions_in_play(found: Lookup) -> tuple[str, ...]:
    """The regions among the exact matches (or, with none, among all), first seen first."""
    pool = found.exact or found.candidates
    return tuple(dict.fromkeys(c.named.region for c in pool))


def filter_options(found: Lookup) -> dict[str, tuple[str, str, str | None, int]]:
    """The filter's choices: "" for all, "region:<code>", "cercle:<pcode>" → (kind, region
    name, cercle name, count), in the candidates' order."""
    options: dict[str, tuple[str, str, str | None, int]] = {
        "": ("all", "", None, len(found.candidates))
    }
    for c in found.candidates:
        region_id = f"region:{c.named.region}"
        kind, name, cercle, count = options.get(region_id, ("region", c.named.region_name, None, 0))
        options[region_id] = (kind, name, cercle, count + 1)
        if c.named.cercle_pcode:
            cercle_id = f"cercle:{c.named.cercle_pcode}"
            kind, name, cercle, count = options.get(
                cercle_id, ("cercle", c.named.region_name, c.named.cercle, 0)
            )
            options[cercle_id] = (kind, name, cercle, count + 1)
    regions = [k for k, v in options.items() if v[0] == "region"]
    ordered = {"": options[""]}
    for region_id in sorted(regions, key=lambda k: options[k][1]):
        ordered[region_id] = options[region_id]
        code = region_id.split(":", 1)[1]
        cercles = [
            k
            for k, v in options.items()
            if v[0] == "cercle"
            and any(
                c.named.region == code and f"cercle:{c.named.cercle_pcode}" == k
                for c in found.candidates
            )
        ]
        for cercle_id in sorted(cercles, key=lambda k: options[k][2] or ""):
            ordered[cercle_id] = options[cercle_id]
    return ordered


def matches_filter(candidate: Candidate, chosen: str) -> bool:
    if not chosen:
        return True
    kind, _, value = chosen.partition(":")
    if kind == "region":
        return candidate.named.region == value
    return candidate.named.cercle_pcode == value


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


def outcomes_differ(found: Lookup, version: PolicyVersion, current: PageState) -> bool:
    """Whether the regions the matches lie in give this case different answers (level of
    violence, outcome or protection alternative): then the page must not pick one of them."""
    regions = regions_in_play(found)
    if len(regions) < 2:
        return False
    answers = set()
    for code in regions:
        case = case_of(replace(current, region=code, named=None))
        if case is None:
            continue
        try:
            decision = evaluate(case, version)
        except PolicyError:
            return True
        answers.add((decision.gradation, decision.outcome, decision.ipa_applies))
    return len(answers) > 1
