"""Every piece of dashboard text, in Dutch and English, in one place.

Legal quotes are not here: they stay Dutch and come from the policy data. Policy wording —
labels of gradations, outcomes, flags, IPA roles and answers, the outcome line — comes from the
policy's one catalogue (`policy/texts.toml`, through `policy.gradation_label` …), so the map
legend, the memo and the CLI can never disagree. This module holds only the page's own words.
"""

from __future__ import annotations

from policy.texts import Lang

LANGUAGES: tuple[Lang, ...] = ("nl", "en")
LANGUAGE_NAMES: dict[Lang, str] = {"nl": "Nederlands", "en": "English"}

TEXTS: dict[str, dict[Lang, str]] = {
    # page
    "page_title": {
        "nl": "Landgebonden asielbeleid Mali",
        "en": "Dutch asylum country policy: Mali",
    },
    "page_subtitle": {
        "nl": "Gradaties van willekeurig geweld (art. 15 onder c Kwalificatierichtlijn) en het "
        "binnenlands beschermingsalternatief, per regio, volgens paragraaf C7/23 Vc.",
        "en": "Levels of indiscriminate violence (Article 15(c) Qualification Directive) and the "
        "internal protection alternative, by region, under paragraph C7/23 Vc.",
    },
    "language": {"nl": "Taal", "en": "Language"},
    "policy_version": {"nl": "Beleidsversie", "en": "Policy version"},
    "policy_version_help": {
        "nl": "De versie van paragraaf C7/23 Vc die kaart en beslisformulier gebruiken.",
        "en": "The version of paragraph C7/23 Vc that the map and the decision form use.",
    },
    "in_force_label": {"nl": "in werking", "en": "in force"},
    "signed_label": {"nl": "ondertekend", "en": "signed"},
    "date_not_in_sources": {
        "nl": "datum niet in de bronnen",
        "en": "date not in the sources",
    },
    "basemap": {
        "nl": "Achtergrondkaart tonen (laadt kaarttegels van internet)",
        "en": "Show basemap (loads map tiles from the internet)",
    },
    "basemap_help": {
        "nl": "Standaard uit: de pagina laadt dan niets van andere servers.",
        "en": "Off by default: the page then loads nothing from other servers.",
    },
    # map
    "legend_heading": {"nl": "Legenda", "en": "Legend"},
    "legend_ipa_origin": {
        "nl": "Gestreepte rand: binnenlands beschermingsalternatief in Bamako wordt in beginsel "
        "aangenomen voor vreemdelingen uit deze regio",
        "en": "Dashed outline: an internal protection alternative in Bamako is in principle "
        "assumed for people from this region",
    },
    "legend_ipa_destination": {
        "nl": "Dikke rand en punt: Bamako, plaats van het binnenlands beschermingsalternatief",
        "en": "Thick outline and dot: Bamako, where the internal protection alternative lies",
    },
    "tooltip_region": {"nl": "Regio", "en": "Region"},
    "tooltip_gradation": {"nl": "Gradatie", "en": "Level"},
    "tooltip_ipa": {"nl": "Binnenlands beschermingsalternatief", "en": "Internal protection alt."},
    "map_click_hint": {
        "nl": "Klik op een regio voor de details; dat zet ook de regio in het beslisformulier.",
        "en": "Click a region for its details; this also sets the decision form's region.",
    },
    "undrawn_heading": {
        "nl": "Regio's zonder grens op de kaart",
        "en": "Regions without a boundary on the map",
    },
    "undrawn_reason": {
        "nl": "Niet getekend: de grensdata (OCHA, 2015) dateren van vóór deze regio en hebben er "
        "geen grens voor; het gebied ligt binnen een regio zoals die op de kaart staat.",
        "en": "Not drawn: the boundary data (OCHA, 2015) predates this region and has no boundary "
        "for it; its territory lies inside a region as drawn on the map.",
    },
    "map_caption": {
        "nl": "Beleid: {version} ({dates}); vindplaatsen van de waarden: {paragraphs}. "
        "{attribution}",
        "en": "Policy: {version} ({dates}); the values cite: {paragraphs}. {attribution}",
    },
    "map_disclaimer": {
        "nl": "Een regio zonder gradatie is geen veilig gebied voor iedere vreemdeling: de IND "
        "beoordeelt elke aanvraag individueel.",
        "en": "A region shown without a level of indiscriminate violence is not a safe area for "
        "every applicant: the IND assesses each application individually.",
    },
    "modified_version": {"nl": "gewijzigd (wat-als)", "en": "modified (what-if)"},
    # region details
    "details_heading": {"nl": "Regio", "en": "Region"},
    "details_choose": {"nl": "Kies een regio", "en": "Choose a region"},
    "details_gradation": {"nl": "Gradatie art. 15c", "en": "Article 15(c) level"},
    "details_ipa": {
        "nl": "Binnenlands beschermingsalternatief in Bamako",
        "en": "Internal protection alternative in Bamako",
    },
    "details_yes": {"nl": "ja, in beginsel", "en": "yes, in principle"},
    "details_reasons": {
        "nl": "Motivering in de bronnen (toelichting en Kamerbrief)",
        "en": "Reasons given in the sources (toelichting and letter to parliament)",
    },
    "details_general_reasons": {
        "nl": "Bevindingen voor heel Mali",
        "en": "Findings for Mali as a whole",
    },
    "details_sources_note": {"nl": "Opmerking over de bronnen", "en": "Note on the sources"},
    "details_summary_en": {"nl": "Samenvatting (Engels)", "en": "Summary"},
    "details_no_reasons": {
        "nl": "De bronnen geven voor deze regio geen motivering.",
        "en": "The sources give no reasons for this region.",
    },
    "details_note": {"nl": "Toelichting", "en": "Note"},
    "details_not_drawn": {
        "nl": "Niet op de kaart: de grensdata hebben geen grens voor deze regio.",
        "en": "Not on the map: the boundary data has no boundary for this region.",
    },
    "reading_label": {"nl": "lezing van het project", "en": "the project's reading"},
    # form
    "form_heading": {"nl": "Beslisformulier", "en": "Decision form"},
    "form_intro": {
        "nl": "Toets één zaak aan dezelfde beleidsregels als de kaart.",
        "en": "Test one case against the same policy rules as the map.",
    },
    "form_region": {"nl": "Herkomstregio", "en": "Region of origin"},
    "form_place": {"nl": "Of zoek een regio of plaats", "en": "Or look up a region or place"},
    "form_place_help": {
        "nl": "Stad of dorp dat de vreemdeling noemt; schrijfwijzen en tikfouten worden herkend.",
        "en": "Town or village the applicant names; spellings and typos are recognised.",
    },
    "form_place_matches": {"nl": "Gevonden regio's en plaatsen", "en": "Regions and places found"},
    "form_place_use": {"nl": "Gebruik deze regio", "en": "Use this region"},
    "form_place_not_found": {
        "nl": "Plaats “{name}” niet gevonden. Bedoelt u: {suggestions}?",
        "en": "Place “{name}” not found. Did you mean: {suggestions}?",
    },
    "form_place_set": {
        "nl": "Regio ingesteld op {region} (plaats {place}, cercle {cercle}).",
        "en": "Region set to {region} (place {place}, cercle {cercle}).",
    },
    "form_persecution": {
        "nl": "Is een individuele gegronde vrees voor vervolging vastgesteld?",
        "en": "Has an individual well-founded fear of persecution been established?",
    },
    "form_persecution_help": {
        "nl": "Vluchtelingenverdrag; art. 29, eerste lid, onder a, Vw.",
        "en": "Refugee Convention; art. 29(1)(a) Aliens Act 2000.",
    },
    "form_individual_harm": {
        "nl": "Is een individueel reëel risico op ernstige schade vastgesteld (doodstraf, "
        "foltering, onmenselijke behandeling)?",
        "en": "Has an individual real risk of serious harm been established (death penalty, "
        "torture, inhuman or degrading treatment)?",
    },
    "form_individual_harm_help": {
        "nl": "Art. 29, eerste lid, onder b, 1° en 2°, Vw.",
        "en": "Art. 29(1)(b) 1° and 2° Aliens Act 2000.",
    },
    "form_elements": {
        "nl": "Individuele elementen die het risico op willekeurig geweld verhogen",
        "en": "Individual elements that raise the risk from indiscriminate violence",
    },
    "form_elements_help": {
        "nl": "Persoonlijke omstandigheden waardoor iemand meer dan anderen door het geweld "
        "geraakt wordt, zoals leeftijd, geslacht, gezondheid of handicap, het ontbreken van "
        "familie of sociaal netwerk, de economische situatie, of de nabijheid van het geweld "
        "(woonplaats, beroep). Dit zijn voorbeelden om te wegen, geen afvinklijst.",
        "en": "Personal circumstances that make someone more affected by the violence than "
        "others, such as age, gender, health or disability, lack of a family or social "
        "network, economic situation, or proximity to the violence (place of residence, "
        "occupation). These are examples to weigh, not a checklist.",
    },
    "form_elements_what_counts": {"nl": "Wat telt mee?", "en": "What counts?"},
    "form_sliding_scale": {
        "nl": "Welke individuele elementen artikel 15 onder c vestigen, per niveau van geweld:",
        "en": "Which individual elements establish Article 15(c), by level of violence:",
    },
    "scale_presence": {
        "nl": "aanwezigheid in de regio volstaat",
        "en": "presence in the region suffices",
    },
    "scale_at_least": {"nl": "ten minste {level}", "en": "at least {level}"},
    "form_candidate_region": {"nl": "Regio {region} ({code})", "en": "Region {region} ({code})"},
    "form_candidate_mapped": {
        "nl": "— gelezen uit “{name}” (indeling van 2023)",
        "en": "— read from “{name}” (2023 division)",
    },
    "form_region_set": {"nl": "Regio ingesteld op {region}.", "en": "Region set to {region}."},
    "place_class_1": {"nl": "hoofdstad", "en": "capital"},
    "place_class_2": {"nl": "regiohoofdstad", "en": "regional capital"},
    "place_class_3": {"nl": "hoofdplaats cercle", "en": "cercle capital"},
    "place_class_4": {"nl": "stad", "en": "town"},
    "place_class_5": {"nl": "dorp", "en": "village"},
    "form_ipa_obstacles": {
        "nl": "Maken individuele omstandigheden het alternatief in Bamako onredelijk?",
        "en": "Do individual circumstances make the alternative in Bamako unreasonable?",
    },
    "form_ipa_obstacles_help": {
        "nl": "Art. 3.37d VV en C2/3.4 Vc: kan de vreemdeling veilig en legaal naar Bamako reizen "
        "en daar toegelaten worden, en kan redelijkerwijs verwacht worden dat hij zich daar "
        "vestigt, gelet op zijn persoonlijke omstandigheden?",
        "en": "Art. 3.37d VV and C2/3.4 Vc: can the applicant travel to Bamako safely and legally "
        "and gain admittance, and can they reasonably be expected to settle there, given their "
        "personal circumstances?",
    },
    "form_exclusion": {
        "nl": "Zijn er aanwijzingen voor artikel 1F Vluchtelingenverdrag?",
        "en": "Are there indications of Article 1F Refugee Convention?",
    },
    "form_exclusion_help": {
        "nl": "C7/23.2 Vc: geen bijzonderheden; het algemene beleid is van toepassing.",
        "en": "C7/23.2 Vc: no particularities; the general policy applies.",
    },
    # outcome card
    "outcome_heading": {"nl": "Uitkomst", "en": "Outcome"},
    "outcome_flags": {"nl": "Signaleringen", "en": "Flags"},
    "outcome_steps": {"nl": "Redenering, stap voor stap", "en": "Reasoning, step by step"},
    "memo_date": {
        "nl": "Opgesteld op {date} met het kaartdashboard C7/23 Vc (indicatief).",
        "en": "Made on {date} with the C7/23 Vc map dashboard (indicative).",
    },
    "outcome_download_md": {"nl": "Download als Markdown", "en": "Download as Markdown"},
    "outcome_download_json": {"nl": "Download als JSON", "en": "Download as JSON"},
    "outcome_gradation": {"nl": "Gradatie", "en": "Level"},
    "outcome_ipa": {
        "nl": "Binnenlands beschermingsalternatief",
        "en": "Internal protection alternative",
    },
    # errors
    "error_policy": {
        "nl": "De beleidsdata konden niet worden geladen: {message}",
        "en": "The policy data could not be loaded: {message}",
    },
    "error_geodata": {
        "nl": "De kaartdata konden niet worden gekoppeld: {message}",
        "en": "The map data could not be joined: {message}",
    },
    "error_region": {"nl": "Onbekende regio: {message}", "en": "Unknown region: {message}"},
    # footer
    "sources_heading": {"nl": "Bronnen", "en": "Sources"},
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The text for `key` in `lang`, with `{placeholders}` filled from `values`.

    A missing key is a programming error and raises KeyError at once (a test walks all keys),
    rather than showing an empty label to a user.
    """
    text = TEXTS[key][lang]
    return text.format(**values) if values else text
