"""What one briefing map shows, worked out once for the image and the offline map alike.

A map is one policy version, a scenario applied to its base, or the comparison of two versions.
`map_content` joins the drawn units to the values strictly (geodata.join_policy, as the page
does), chooses each unit's fill (its gradation, or its change class in a comparison) and outline
(its IPA role), and writes every line of text around the map: title, subtitle with the dates,
legend rows, the undrawn regions (Taoudénit), the scenario's or comparison's changes, the source
line and the disclaimer. Nothing here draws; `map_image` and `offline` do.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache
from typing import Final

import geopandas as gpd

import geodata
from briefing.compare import CHANGE_CLASSES, change_classes, field_changes
from briefing.scenarios import BriefingScenario
from briefing.texts import bt
from briefing.texts import page_t as t
from geodata.palette import CHANGE_COLOURS, GRADATION_COLOURS, GRADATION_ORDER
from geodata.policy_layer import cited_paragraphs, policy_values
from policy import PolicyVersion, gradation_label
from policy.diff import field_label, map_class_label
from policy.labels import Lang
from policy.texts import text as policy_text
from wording import phrases

# An equal-area projection centred on Mali: shapes keep their relative size and the scale bar
# is true to within a few per cent across the country.
MAP_CRS: Final = "+proj=aea +lat_0=17 +lon_0=-4 +lat_1=12 +lat_2=22 +datum=WGS84 +units=m +no_defs"


@dataclass(frozen=True)
class LegendRow:
    """One row of the legend: a fill swatch, or an outline style (`origin`, `destination`)."""

    kind: str
    colour: str
    label: str


@dataclass(frozen=True)
class MapContent:
    """Everything a briefing map shows. `units` is in MAP_CRS with the columns code, name,
    fill, ipa_role, gradation, gradation_label, ipa_label; `units_lonlat` the same in EPSG:4326."""

    lang: Lang
    title: str
    subtitle: tuple[str, ...]
    units: gpd.GeoDataFrame
    units_lonlat: gpd.GeoDataFrame
    legend_heading: str
    legend: tuple[LegendRow, ...]
    notes: tuple[str, ...]
    sources: str
    disclaimer: str
    is_comparison: bool


@cache
def _units_lonlat() -> gpd.GeoDataFrame:
    return geodata.load_units()


@cache
def _units_projected() -> gpd.GeoDataFrame:
    return _units_lonlat().to_crs(MAP_CRS)


def drawn_units(projected: bool = True) -> gpd.GeoDataFrame:
    """The drawn units (parsed and projected once per process); a fresh copy per call."""
    return (_units_projected() if projected else _units_lonlat()).copy()


def version_dates(version: PolicyVersion, lang: Lang) -> str:
    """ "signed: 4 June 2025; in force: date not in the sources" in `lang`."""
    none = bt("no_date", lang)
    signed = phrases.date(version.signed, lang) if version.signed else none
    in_force = phrases.date(version.in_force, lang) if version.in_force else none
    return f"{bt('signed', lang, date=signed)}; {bt('in_force', lang, date=in_force)}"


def _both_languages(key: str, lang: Lang) -> str:
    other: Lang = "en" if lang == "nl" else "nl"
    return f"{gradation_label(key, lang)} ({gradation_label(key, other)})"


def _ipa_word(value: bool | None, lang: Lang) -> str:
    return phrases.ipa_value(value, lang)


def _field_value(field: str, value: str | bool | None, lang: Lang) -> str:
    if field == "gradation":
        return phrases.yes_no(None, lang) if value is None else gradation_label(str(value), lang)
    return _ipa_word(value if isinstance(value, bool) else None, lang)


def _joined(version: PolicyVersion, lang: Lang):
    return geodata.join_policy(_units_lonlat(), policy_values(version, lang))


def map_content(
    version: PolicyVersion,
    lang: Lang,
    compare: PolicyVersion | None = None,
    scenario: BriefingScenario | None = None,
    today: dt.date | None = None,
) -> MapContent:
    """The content of the map of `version` (or of `scenario`, or of `version` → `compare`).

    In a comparison `version` is the earlier side and `compare` the later: fills show the change
    class, outlines the IPA of `compare`.
    """
    if lang not in ("nl", "en"):
        raise ValueError(f"language must be 'nl' or 'en', not {lang!r}")
    if compare is not None and scenario is not None:
        raise ValueError("a map shows a scenario or a comparison, not both")
    date = phrases.date(today or dt.date.today(), lang)
    shown = scenario.version if scenario else (compare or version)
    joined = _joined(shown, lang)
    drawn = joined.drawn
    notes: list[str] = []
    legend: list[LegendRow] = []
    if compare is not None:
        classes = change_classes(version, compare)
        drawn["fill"] = [CHANGE_COLOURS[classes[code]] for code in drawn["code"]]
        shown_classes = {classes[code] for code in drawn["code"]}
        legend += [
            LegendRow("fill", CHANGE_COLOURS[c], map_class_label(c, lang))
            for c in CHANGE_CLASSES
            if c in shown_classes
        ]
        title = bt("compare_title", lang)
        subtitle = [
            bt(
                "subtitle_compare",
                lang,
                a=version.label(lang),
                a_dates=version_dates(version, lang),
                b=compare.label(lang),
                b_dates=version_dates(compare, lang),
            )
        ]
        notes.append(bt("compare_outline_note", lang, b=compare.label(lang)))
        changes = field_changes(version, compare)
        notes.append(f"{bt('compare_changes', lang)}:")
        by_region: dict[tuple[str, str], list[str]] = {}
        for change in changes:
            field = field_label(change.field, lang)
            by_region.setdefault((change.name, change.code), []).append(
                bt(
                    "compare_field",
                    lang,
                    field=field,
                    old=_field_value(change.field, change.old, lang),
                    new=_field_value(change.field, change.new, lang),
                )
            )
        for (name, code), fields in by_region.items():
            notes.append(f"• {name} ({code}): {'; '.join(fields)}")
        if not changes:
            notes.append(bt("compare_none", lang))
    else:
        drawn["fill"] = [GRADATION_COLOURS[g] for g in drawn["gradation"]]
        shown_gradations = set(drawn["gradation"]) | set(joined.undrawn["gradation"])
        legend += [
            LegendRow("fill", GRADATION_COLOURS[g], _both_languages(g, lang))
            for g in GRADATION_ORDER
            if g in shown_gradations
        ]
        title = bt("map_title", lang)
        if scenario is not None:
            # A scenario's map carries the scenario mark in its title, as every headline does.
            title = phrases.marked(title, [phrases.scenario_mark(lang)], lang)
            subtitle = [
                bt(
                    "subtitle_scenario",
                    lang,
                    title=scenario.title,
                    base=version.label(lang),
                    dates=version_dates(version, lang),
                )
            ]
        else:
            subtitle = [
                bt(
                    "subtitle_version",
                    lang,
                    version=version.label(lang),
                    dates=version_dates(version, lang),
                )
            ]
    roles = set(drawn["ipa_role"])
    if "origin" in roles:
        legend.append(LegendRow("origin", "", t("legend_ipa_origin", lang)))
    if "destination" in roles:
        legend.append(LegendRow("destination", "", t("legend_ipa_destination", lang)))
    subtitle.append(bt("rendered_on", lang, date=date))
    for row in joined.undrawn.itertuples(index=False):
        notes.append(
            bt(
                "undrawn_line",
                lang,
                name=row.name,
                code=row.code,
                gradation=row.gradation_label,
                ipa=row.ipa_label,
                reason=t("undrawn_reason", lang),
            )
        )
    if scenario is not None:
        notes.append(f"{bt('scenario_changes', lang)}:")
        for change in scenario.changes:
            notes.append(f"• {change.name} ({change.code}): {change.rationale}")
        if scenario.author:
            notes.append(f"{bt('scenario_author', lang)}: {scenario.author}")
    paragraphs = "; ".join(cited_paragraphs(shown))
    sources = bt(
        "sources_line",
        lang,
        version=shown.label(lang),
        paragraphs=paragraphs,
        attribution=geodata.ATTRIBUTION,
    )
    geometry = _units_projected().set_index("code").loc[list(drawn["code"]), "geometry"]
    projected = gpd.GeoDataFrame(
        drawn.drop(columns="geometry"), geometry=list(geometry), crs=MAP_CRS
    )
    return MapContent(
        lang=lang,
        title=title,
        subtitle=tuple(subtitle),
        units=projected,
        units_lonlat=drawn,
        legend_heading=t("legend_heading", lang),
        legend=tuple(legend),
        notes=tuple(notes),
        sources=sources,
        disclaimer=f"{policy_text('disclaimer.base', lang)} {t('map_disclaimer', lang)}",
        is_comparison=compare is not None,
    )
