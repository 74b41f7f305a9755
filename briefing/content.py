"""What one briefing map shows, worked out once for the image and the offline map alike.

A map is one policy version, a scenario applied to its base, or the comparison of two versions.
`map_content` joins the drawn units to the values strictly (geodata.join_policy, as the page
does), chooses each unit's fill (its gradation, or its change class in a comparison) and outline
(its IPA role), and writes every line of text around the map: title, subtitle with the dates,
legend rows, the undrawn regions (Taoudénit), the scenario's or comparison's changes, the source
line and the disclaimer. Nothing here draws; `map_image` and `offline` do.

The area the project attributes to a split-off unit (Taoudénit, `geodata.split_off_shapes`: the
same shape `locate` and `evaluate --place` answer from) is part of the content: drawn with the
unit's own value, hatched "scope unclear", named, and explained in a note that names both
readings. A comparison is always drawn from the older version to the newer
(`policy.diff.time_ordered`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import cache

import geopandas as gpd
from shapely.geometry import MultiPolygon
from shapely.ops import polylabel

import geodata
from briefing.scenarios import BriefingScenario
from briefing.texts import bt
from briefing.texts import page_t as t
from geodata.map_geometry import MAP_CRS
from geodata.map_style import map_style
from geodata.palette import CHANGE_COLOURS, CHANGE_HATCHES, GRADATION_COLOURS, GRADATION_ORDER
from geodata.policy_layer import cited_paragraphs, policy_values
from geodata.split_off_shapes import split_off_shapes, unambiguous_part
from policy import PolicyVersion, gradation_label
from policy.diff import MAP_CLASSES, change_map, diff_versions, field_label, map_class_label
from policy.texts import Lang
from policy.texts import text as policy_text
from wording import phrases
from wording import t as wt

__all__ = ["MAP_CRS", "LegendRow", "MapContent", "map_content"]


@dataclass(frozen=True)
class LegendRow:
    """One row of the legend: a fill swatch (with an optional hatch), or a line sample
    (`origin`, `destination`, `country_border`, `scenario_changed`), or the hatched
    `scope_unclear` swatch. `short_label` is the label in the map's language only (slides)."""

    kind: str
    colour: str
    label: str
    hatch: str = ""
    hatch_colour: str = ""
    short_label: str = ""

    @property
    def slide_label(self) -> str:
        return self.short_label or self.label


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
    scope_unclear: gpd.GeoDataFrame | None = None
    scope_unclear_lonlat: gpd.GeoDataFrame | None = None
    label_points: dict[str, tuple[float, float]] | None = None
    label_points_lonlat: dict[str, tuple[float, float]] | None = None
    changed_codes: tuple[str, ...] = ()
    scenario_band: str = ""
    short_title: str = ""
    short_subtitle: tuple[str, ...] = ()
    short_notes: tuple[str, ...] = ()
    boundary_disclaimer: str = ""
    footer: str = ""


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


# Long note -> its slide form (filled while the content is worked out; read once per map).
_SHORT_NOTES: dict[str, str] = {}


def _scope_unclear(shown: PolicyVersion, joined, lang: Lang, fills: dict[str, str]):
    """The split-off areas (projected and lon/lat), their legend row and their notes."""
    shapes = split_off_shapes()
    undrawn = joined.undrawn.set_index("code")
    drawn = joined.drawn.set_index("code")
    shapes = shapes[shapes["code"].isin(undrawn.index)].copy()
    if not len(shapes):
        return None, None, [], []
    shapes["fill"] = [fills[code] for code in shapes["code"]]
    notes = []
    for row in shapes.itertuples(index=False):
        parent = drawn.loc[row.parent_code]
        notes.append(
            wt(
                "map.note.scope_unclear",
                lang,
                name=row.name,
                code=row.code,
                parent=parent["name"],
                parent_gradation=parent["gradation_label"],
                parent_ipa=parent["ipa_label"],
                gradation=undrawn.loc[row.code, "gradation_label"],
                ipa=undrawn.loc[row.code, "ipa_label"],
            )
        )
        _SHORT_NOTES[notes[-1]] = wt(
            "map.note.scope_unclear_short",
            lang,
            name=row.name,
            code=row.code,
            parent=parent["name"],
            parent_gradation_short=parent["gradation_label"],
        )
    area = map_style().areas["scope_unclear"]
    names = " / ".join(shapes["name"])
    label = wt("map.legend.scope_unclear", lang, name=names)
    legend = [
        LegendRow(
            "scope_unclear",
            "#ffffff",
            label,
            hatch=area["hatch"],
            hatch_colour=area["hatch_colour"],
            short_label=wt("map.slide.scope_unclear", lang, name=names),
        )
    ]
    projected = shapes.to_crs(MAP_CRS)
    return projected, shapes, legend, notes


def _label_points(drawn: gpd.GeoDataFrame, split_parents: set[str]):
    """Label points (projected, lon/lat) for units whose name must avoid a split-off area."""
    lonlat, projected = {}, {}
    for code in sorted(split_parents & set(drawn["code"])):
        part = unambiguous_part(code)
        if isinstance(part, MultiPolygon):
            part = max(part.geoms, key=lambda p: p.area)
        point = polylabel(part, tolerance=0.01)
        lonlat[code] = (point.x, point.y)
        moved = gpd.GeoSeries([point], crs=4326).to_crs(MAP_CRS).iloc[0]
        projected[code] = (moved.x, moved.y)
    return projected, lonlat


def map_content(
    version: PolicyVersion,
    lang: Lang,
    compare: PolicyVersion | None = None,
    scenario: BriefingScenario | None = None,
    today: dt.date | None = None,
) -> MapContent:
    """The content of the map of `version` (or of `scenario`, or of `version` → `compare`).

    In a comparison `version` is the side the change is drawn from and `compare` the side it is
    drawn to (callers put them in time order, `policy.diff.time_ordered`): fills show the
    change class, outlines the IPA of `compare`.
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
    changed_codes: tuple[str, ...] = ()
    band = ""
    short_changes: dict[str, str] = {}
    short_subtitle: list[str] = []  # the slide's: the title already says "from … to …"
    all_codes = list(drawn["code"]) + list(joined.undrawn["code"])
    if compare is not None:
        classes = change_map(version, compare)
        fills = {code: CHANGE_COLOURS[classes[code]] for code in all_codes}
        drawn["fill"] = [fills[code] for code in drawn["code"]]
        drawn["hatch"] = [CHANGE_HATCHES[classes[code]][0] for code in drawn["code"]]
        drawn["hatch_colour"] = [CHANGE_HATCHES[classes[code]][1] for code in drawn["code"]]
        shown_classes = set(classes.values())
        legend += [
            LegendRow(
                "fill",
                CHANGE_COLOURS[c],
                map_class_label(c, lang),
                hatch=CHANGE_HATCHES[c][0],
                hatch_colour=CHANGE_HATCHES[c][1],
            )
            for c in MAP_CLASSES
            if c in shown_classes
        ]
        title = wt("map.title.compare", lang, a=version.label(lang), b=compare.label(lang))
        short_title = wt(
            "map.title.compare_short", lang, a=version.label(lang), b=compare.label(lang)
        )
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
        changes = diff_versions(version, compare)
        notes.append(f"{bt('compare_changes', lang)}:")
        # One short line per region (the A4 page has room for ten of them, not for ten long
        # ones); the slide points to the A4 page.
        notes += _short_change_lines(changes, lang)
        if changes:
            notes.append(wt("map.short.legend_note", lang))
        short_changes = {line: "" for line in _short_change_lines(changes, lang)}
        short_changes[wt("map.short.legend_note", lang)] = ""
        short_changes[f"{bt('compare_changes', lang)}:"] = wt("map.slide.changes_elsewhere", lang)
        if not changes:
            notes.append(bt("compare_none", lang))
    else:
        fills = {
            code: GRADATION_COLOURS[g]
            for code, g in zip(
                all_codes, list(drawn["gradation"]) + list(joined.undrawn["gradation"]), strict=True
            )
        }
        drawn["fill"] = [fills[code] for code in drawn["code"]]
        drawn["hatch"] = ""
        drawn["hatch_colour"] = ""
        shown_gradations = set(drawn["gradation"]) | set(joined.undrawn["gradation"])
        legend += [
            LegendRow(
                "fill",
                GRADATION_COLOURS[g],
                _both_languages(g, lang),
                short_label=(
                    wt(f"map.slide.{g}", lang)
                    if g in ("not_designated", "unknown")
                    else gradation_label(g, lang)
                ),
            )
            for g in GRADATION_ORDER
            if g in shown_gradations
        ]
        title = bt("map_title", lang)
        short_title = wt("map.title.short", lang)
        if scenario is not None:
            # The scenario mark every headline carries, with its title (wording.phrases), here
            # first in the map's title.
            mark = phrases.scenario_mark(lang, scenario.title)
            base = version.label(lang)
            title = phrases.marked(
                wt("map.scenario.title", lang, title=scenario.title, base=base), [mark], lang
            )
            band = wt("map.scenario.band", lang)
            short_title = wt("map.scenario.title_short", lang, title=scenario.title)
            short_subtitle = [
                wt(
                    "map.slide.scenario_subtitle",
                    lang,
                    base=base,
                )
            ]
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
            short_subtitle = list(subtitle)
    roles = set(drawn["ipa_role"])
    if "origin" in roles:
        legend.append(
            LegendRow(
                "origin",
                "",
                wt("map.legend.ipa_origin", lang),
                short_label=wt("map.slide.ipa_origin", lang),
            )
        )
    if "destination" in roles:
        legend.append(
            LegendRow(
                "destination",
                "",
                t("legend_ipa_destination", lang),
                short_label=wt("map.slide.ipa_destination", lang),
            )
        )
    scope_projected, scope_lonlat, scope_legend, scope_notes = _scope_unclear(
        shown, joined, lang, fills
    )
    legend += scope_legend
    legend.append(
        LegendRow(
            "country_border",
            "",
            wt("map.legend.country_border", lang),
            short_label=wt("map.slide.country_border", lang),
        )
    )
    subtitle.append(bt("rendered_on", lang, date=date))
    notes += scope_notes
    drawn_split = set() if scope_lonlat is None else set(scope_lonlat["code"])
    for row in joined.undrawn.itertuples(index=False):
        if row.code in drawn_split:
            continue
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
    paragraphs = "; ".join(cited_paragraphs(shown))
    sources = bt(
        "sources_line",
        lang,
        version=shown.label(lang),
        paragraphs=paragraphs,
        attribution=t("data_credit", lang),
    )
    if scenario is not None:
        changed_codes = tuple(dict.fromkeys(change.code for change in scenario.changes))
        legend.append(
            LegendRow(
                "scenario_changed",
                "",
                wt("map.legend.scenario_changed", lang),
                short_label=wt("map.slide.scenario_changed", lang),
            )
        )
        notes.append(f"{wt('map.scenario.changes', lang)}:")
        rationale = {change.code: change.rationale for change in scenario.changes}
        scenario_changes = diff_versions(version, scenario.version)
        by_code = _changes_by_region(scenario_changes, lang)
        short_by_code = {
            line.split(" (", 1)[1].split(")", 1)[0]: line
            for line in _short_change_lines(scenario_changes, lang)
        }
        for change in scenario.changes:
            fields = "; ".join(by_code.get(change.code, []))
            line = (
                f"• {change.name} ({change.code}): {fields}"
                if fields
                else (f"• {change.name} ({change.code})")
            )
            short = short_by_code.get(change.code, line)
            if rationale.get(change.code):
                line += f" ({rationale[change.code]})"
                short += f" ({rationale[change.code]})"
            notes.append(line)
            short_changes[line] = short
        if scenario.author:
            notes.append(f"{bt('scenario_author', lang)}: {scenario.author}")
            short_changes[notes[-1]] = ""  # the A4 map and the memo name the author
        names = ", ".join(change.name for change in scenario.changes)
        sources = wt(
            "map.scenario.sources",
            lang,
            regions=names,
            title=scenario.title,
            version=version.label(lang),
            paragraphs="; ".join(cited_paragraphs(version)),
            attribution=t("data_credit", lang),
        )
    geometry = _units_projected().set_index("code").loc[list(drawn["code"]), "geometry"]
    projected = gpd.GeoDataFrame(
        drawn.drop(columns="geometry"), geometry=list(geometry), crs=MAP_CRS
    )
    parents = set() if scope_lonlat is None else set(scope_lonlat["parent_code"])
    points, points_lonlat = _label_points(drawn, parents)
    footer = wt(
        "map.footer",
        lang,
        producer=wt("map.producer", lang),
        date=date,
        projection=wt("map.projection", lang),
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
        scope_unclear=scope_projected,
        scope_unclear_lonlat=scope_lonlat,
        label_points=points,
        label_points_lonlat=points_lonlat,
        changed_codes=changed_codes,
        scenario_band=band,
        short_title=short_title,
        short_subtitle=tuple(short_subtitle) + (subtitle[-1],),
        short_notes=_slide_notes(notes, short_changes),
        boundary_disclaimer=wt("map.disclaimer.boundaries", lang),
        footer=footer,
    )


def _changes_by_region(changes, lang: Lang) -> dict[str, list[str]]:
    by_code: dict[str, list[str]] = {}
    for change in changes:
        by_code.setdefault(change.code, []).append(
            bt(
                "compare_field",
                lang,
                field=field_label(change.field, lang),
                old=_field_value(change.field, change.old, lang),
                new=_field_value(change.field, change.new, lang),
            )
        )
    return by_code


def _change_lines(changes, lang: Lang) -> list[str]:
    names = {change.code: change.name for change in changes}
    return [
        f"• {names[code]} ({code}): {'; '.join(fields)}"
        for code, fields in _changes_by_region(changes, lang).items()
    ]


def _short_value(field: str, value, lang: Lang) -> str:
    if field == "gradation":
        return wt(f"map.short.gradation.{value or 'unknown'}", lang)
    return _ipa_word(value if isinstance(value, bool) else None, lang)


def _short_change_lines(changes, lang: Lang) -> list[str]:
    """One line per changed region: "• Kayes (ML-1): level: unknown → not named; …"."""
    names = {change.code: change.name for change in changes}
    by_code: dict[str, list[str]] = {}
    for change in changes:
        by_code.setdefault(change.code, []).append(
            f"{wt(f'map.short.field.{change.field}', lang)}: "
            f"{_short_value(change.field, change.old, lang)} → "
            f"{_short_value(change.field, change.new, lang)}"
        )
    return [f"• {names[code]} ({code}): {'; '.join(parts)}" for code, parts in by_code.items()]


def _slide_notes(notes: list[str], short_changes: dict[str, str]) -> tuple[str, ...]:
    """The notes as a slide shows them: short forms; a comparison's list of changes is left to
    the A4 map (a slide has no room for it at 11 pt) and the slide says so."""
    shown = (short_changes.get(note, _SHORT_NOTES.get(note, note)) for note in notes)
    return tuple(note for note in shown if note)
