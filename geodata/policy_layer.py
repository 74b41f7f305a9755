"""The map layer of one policy version: the strict join of boundaries and policy values.

Shared by the page and the briefing output (neither owns it); the page caches one layer per
version and language for all sessions (`dashboard.map_layer`) and only reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import geodata
from geodata.map_render import feature_collection
from policy import PolicyVersion, ipa_role_label, region_gradation_label
from policy.texts import Lang


@dataclass(frozen=True)
class UndrawnUnit:
    """A policy region the boundary data cannot draw (Taoudénit), listed under the map."""

    code: str
    name: str
    gradation: str
    gradation_label: str
    ipa_label: str


@dataclass(frozen=True)
class MapLayer:
    """What the page needs to draw one version: GeoJSON features and the undrawn units."""

    features: dict[str, Any]
    undrawn: tuple[UndrawnUnit, ...]


def ipa_role(version: PolicyVersion, code: str) -> str:
    """The unit's part in the internal protection alternative (policy's IpaRole vocabulary)."""
    return version.ipa_role(code).value


def cited_paragraphs(version: PolicyVersion) -> list[str]:
    """The paragraphs (or documents) the map's values cite, in order of first use: the caption
    names these rather than a fixed paragraph, since an older version may cite only a letter."""
    paragraphs: list[str] = []
    for region in version.regions:
        for citation in (region.gradation_citation, region.ipa_citation):
            if citation.paragraph not in paragraphs:
                paragraphs.append(citation.paragraph)
    return paragraphs


def policy_values(version: PolicyVersion, lang: Lang) -> dict[str, dict[str, str]]:
    """Per ISO code, the policy values the map shows, labelled in `lang`."""
    values = {}
    for region in version.regions:
        role = ipa_role(version, region.code)
        values[region.code] = {
            "gradation": region.gradation.value,
            "gradation_label": region_gradation_label(version, region.code, lang),
            "ipa_role": role,
            "ipa_label": ipa_role_label(role, lang),
        }
    return values


def policy_map_layer(version: PolicyVersion, lang: Lang) -> MapLayer:
    """Join the drawn units to `version` strictly (geodata.JoinError on any mismatch)."""
    joined = geodata.join_policy(geodata.load_units(), policy_values(version, lang))
    features = feature_collection(joined.drawn)
    undrawn = tuple(
        UndrawnUnit(
            code=row.code,
            name=row.name,
            gradation=row.gradation,
            gradation_label=row.gradation_label,
            ipa_label=row.ipa_label,
        )
        for row in joined.undrawn.itertuples(index=False)
    )
    return MapLayer(features=features, undrawn=undrawn)
