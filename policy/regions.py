"""Region names to ISO codes: official names, codes, spellings, exonyms, 2023 reform regions.

Matching ignores case, accents and punctuation. A 2023 reform region is mapped to its 2016 unit
only where every cercle it comprises lies in that unit (`region_names.toml` holds the evidence);
the match then says `mapped_from`, and a Decision carries the `region_mapped` flag. Fuzzy
matching only suggests names in the error; it never accepts one.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from policy.data_files import read_package_toml
from policy.errors import UnknownRegionError
from policy.messages import quoted
from policy.models import PolicyVersion
from policy.names import normalise_name


@dataclass(frozen=True)
class RegionMatch:
    """A resolved region: its ISO code and official name, and the reform name it came from."""

    code: str
    name: str
    mapped_from: str | None = None
    mapping_note: str | None = None
    mapping_note_nl: str | None = None
    """The evidence in Dutch (`evidence_nl`), so a Dutch memo has no English in it."""

    def note(self, lang: str) -> str | None:
        """The evidence for the mapping in `lang` (English where no Dutch is given)."""
        return (self.mapping_note_nl if lang == "nl" else None) or self.mapping_note


@dataclass(frozen=True)
class SplitOff:
    """A 2016 unit carved out of another one (Taoudénit from Tombouctou), with the evidence."""

    code: str
    parent: str
    evidence: str
    evidence_nl: str | None = None

    def note(self, lang: str) -> str:
        """The evidence in `lang`."""
        return (self.evidence_nl if lang == "nl" else None) or self.evidence


def split_off(code: str) -> SplitOff | None:
    """The unit `code` was split off from, if `region_names.toml` records one."""
    entry = read_package_toml("region_names.toml").get("split_off", {}).get(code)
    if entry is None:
        return None
    return SplitOff(
        code=code,
        parent=entry["from"],
        evidence=entry["evidence"],
        evidence_nl=entry.get("evidence_nl"),
    )


_Index = tuple[dict[str, RegionMatch], dict[str, str]]
_last_index: tuple[PolicyVersion, _Index] | None = None


def _index(version: PolicyVersion) -> _Index:
    """Normalised key → match, and normalised key → display name (for suggestions).

    Built once per version (a caseload resolves many names); callers must not mutate it. The
    version last asked for is recognised by identity first: the cache below finds a version by
    its hash, which walks the whole model (every region and source) on each call.
    """
    global _last_index
    last = _last_index  # read once: another thread (the page's sessions) may replace it
    if last is not None and last[0] is version:
        return last[1]
    built = _index_by_value(version)
    _last_index = (version, built)
    return built


@lru_cache(maxsize=16)
def _index_by_value(version: PolicyVersion) -> _Index:
    names = read_package_toml("region_names.toml")
    official = {region.code: region.name for region in version.regions}
    index: dict[str, RegionMatch] = {}
    display: dict[str, str] = {}
    for code, name in official.items():
        for key_text in (code, name):
            index[normalise_name(key_text)] = RegionMatch(code, name)
            display[normalise_name(key_text)] = key_text
    for alias, code in names["aliases"].items():
        if code in official:
            index.setdefault(normalise_name(alias), RegionMatch(code, official[code]))
            display.setdefault(normalise_name(alias), alias)
    for reform_name, entry in names["reform_2023"].items():
        code = entry.get("maps_to")
        if code in official:
            key = normalise_name(reform_name)
            index[key] = RegionMatch(
                code, official[code], reform_name, entry["evidence"], entry.get("evidence_nl")
            )
            display[key] = reform_name
    return index, display


def resolve_region(name: str, version: PolicyVersion | None = None) -> RegionMatch:
    """The policy unit a user means by `name`; raises UnknownRegionError with close names."""
    if version is None:
        from policy.versions_io import load_version

        version = load_version()
    index, display = _index(version)
    key = normalise_name(name)
    if key in index:
        return index[key]
    ambiguous = read_package_toml("region_names.toml")["reform_2023"]
    for reform_name, entry in ambiguous.items():
        if normalise_name(reform_name) == key and "candidates" in entry:
            candidates = [version.region(code).name for code in entry["candidates"]]
            raise UnknownRegionError(
                f"region {quoted(name)} (2023 reform) cannot be mapped to one 2016 region; it was "
                f"formed from {' and '.join(candidates)}: {entry['evidence']}",
                suggestions=candidates,
            )
    suggestions = _closest(key, display) if key else []
    hint = f"; closest: {', '.join(suggestions)}" if suggestions else ""
    raise UnknownRegionError(f"unknown region {quoted(name)}{hint}", suggestions=suggestions)


def _closest(key: str, display: dict[str, str], limit: int = 3) -> list[str]:
    # Imported here: only a name that matches no region needs the fuzzy search.
    from rapidfuzz import fuzz, process

    found = process.extract(key, list(display), scorer=fuzz.WRatio, limit=limit * 3)
    names: list[str] = []
    for candidate, score, _ in found:
        shown = display[candidate]
        if score >= 50 and shown not in names:
            names.append(shown)
    return names[:limit]


def reform_match_for_cercle(cercle_pcode: str | None, version: PolicyVersion) -> RegionMatch | None:
    """The match a place gets when its 2015 cercle lies wholly in a 2023 reform region: the same
    `mapped_from` and evidence as that region's name, so a place is answered as its region's name
    is (Boni, cercle Douentza, like "Douentza")."""
    if not cercle_pcode:
        return None
    official = {region.code: region.name for region in version.regions}
    for reform_name, entry in read_package_toml("region_names.toml")["reform_2023"].items():
        code = entry.get("maps_to")
        if code in official and cercle_pcode in entry.get("cercles", ()):
            return RegionMatch(
                code, official[code], reform_name, entry["evidence"], entry.get("evidence_nl")
            )
    return None
