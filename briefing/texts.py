"""The words of the briefing outputs (map image, offline map, case report), Dutch and English.

The page's own words stay in `ui.texts`; where an output says exactly what the page says (legend
rows, the IPA roles, the note on undrawn regions, the map disclaimer) it takes them from there,
so an image and the page never disagree. Legal labels come from the policy package.
"""

from __future__ import annotations

from policy.labels import Lang

TEXTS: dict[str, dict[Lang, str]] = {
    "map_title": {
        "nl": "Landgebonden asielbeleid Mali (C7/23 Vc): willekeurig geweld en binnenlands "
        "beschermingsalternatief per regio",
        "en": "Dutch asylum country policy for Mali (C7/23 Vc): indiscriminate violence and the "
        "internal protection alternative by region",
    },
    "compare_title": {
        "nl": "Landgebonden asielbeleid Mali (C7/23 Vc): wijzigingen per regio",
        "en": "Dutch asylum country policy for Mali (C7/23 Vc): changes by region",
    },
    "subtitle_version": {"nl": "Beleid: {version} ({dates})", "en": "Policy: {version} ({dates})"},
    "subtitle_scenario": {
        "nl": "Wat-als-scenario “{title}” op basis van {base} ({dates}): niet de tekst van het "
        "beleid",
        "en": "What-if scenario “{title}” based on {base} ({dates}): not the text of the policy",
    },
    "subtitle_compare": {
        "nl": "Van {a} ({a_dates}) naar {b} ({b_dates})",
        "en": "From {a} ({a_dates}) to {b} ({b_dates})",
    },
    "rendered_on": {"nl": "Kaart gemaakt op {date}", "en": "Map made on {date}"},
    "made_on": {"nl": "Gemaakt op {date}", "en": "Made on {date}"},
    "signed": {"nl": "ondertekend: {date}", "en": "signed: {date}"},
    "in_force": {"nl": "in werking: {date}", "en": "in force: {date}"},
    "no_date": {"nl": "datum niet in de bronnen", "en": "date not in the sources"},
    "scenario_changes": {
        "nl": "Gewijzigd in het scenario",
        "en": "Changed in the scenario",
    },
    "scenario_author": {"nl": "Auteur", "en": "Author"},
    "compare_changes": {"nl": "Wijzigingen", "en": "Changes"},
    "compare_none": {"nl": "Geen wijzigingen.", "en": "No changes."},
    "compare_field": {"nl": "{field}: {old} → {new}", "en": "{field}: {old} → {new}"},
    "ipa_yes": {"nl": "ja", "en": "yes"},
    "ipa_no": {"nl": "nee", "en": "no"},
    "ipa_unknown": {"nl": "onbekend", "en": "unknown"},
    "compare_outline_note": {
        "nl": "Randen: binnenlands beschermingsalternatief volgens {b}.",
        "en": "Outlines: internal protection alternative under {b}.",
    },
    "undrawn_line": {
        "nl": "{name} ({code}): {gradation}; binnenlands beschermingsalternatief: {ipa}. {reason}",
        "en": "{name} ({code}): {gradation}; internal protection alternative: {ipa}. {reason}",
    },
    "sources_line": {
        "nl": "Bronnen: {version}: {paragraphs}. {attribution}",
        "en": "Sources: {version}: {paragraphs}. {attribution}",
    },
    "scale_km": {"nl": "{km} km", "en": "{km} km"},
    # case report
    "report_title": {
        "nl": "Indicatieve beoordeling: {region} ({code})",
        "en": "Indicative assessment: {region} ({code})",
    },
    "report_policy": {"nl": "Beleid", "en": "Policy"},
    "report_scenario": {"nl": "Scenario", "en": "Scenario"},
    "report_scenario_value": {
        "nl": "“{title}” op basis van {base} (wat-als: niet de tekst van het beleid)",
        "en": "“{title}” based on {base} (what-if: not the text of the policy)",
    },
    "report_modified": {"nl": "gewijzigd (wat-als)", "en": "modified (what-if)"},
    "report_date": {"nl": "Datum", "en": "Date"},
    "report_facts": {"nl": "Feiten zoals opgegeven", "en": "Facts as given"},
    "report_region_given": {"nl": "Opgegeven regio", "en": "Region given"},
    "report_region": {"nl": "Regio", "en": "Region"},
    "report_mapped": {"nl": "omgezet van {name}", "en": "mapped from {name}"},
    "report_gradation": {"nl": "Gradatie", "en": "Level"},
    "report_outcome": {"nl": "Uitkomst", "en": "Outcome"},
    "report_origin": {"nl": "Genoemde herkomst", "en": "Origin named"},
    "report_missing": {
        "nl": "Ontbrekende waarden in de bronnen",
        "en": "Values missing from the sources",
    },
    "report_ipa": {
        "nl": "Binnenlands beschermingsalternatief",
        "en": "Internal protection alternative",
    },
    "report_flags": {"nl": "Signaleringen", "en": "Flags"},
    "report_steps": {"nl": "Stappen", "en": "Steps"},
    "report_reading": {"nl": "lezing van het project", "en": "the project's reading"},
    "report_source_text": {"nl": "Brontekst", "en": "Source text (Dutch)"},
}


def bt(key: str, lang: Lang, **values: object) -> str:
    """The briefing text for `key` in `lang`, `{placeholders}` filled from `values`."""
    if lang not in ("nl", "en"):
        raise ValueError(f"language must be 'nl' or 'en', not {lang!r}")
    text = TEXTS[key][lang]
    return text.format(**values) if values else text
