"""Every piece of dashboard text, in Dutch and English, in one place.

Legal quotes are not here: they stay Dutch and come from the policy data. Gradation, outcome and
flag labels are legal terms and come from the policy package too (`policy.gradation_label` …),
so the map legend and the CLI can never disagree. This module holds only the page's own words.
"""

from __future__ import annotations

import re

from policy.labels import Lang

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
    "ipa_role_origin": {
        "nl": "in beginsel in Bamako",
        "en": "in principle in Bamako",
    },
    "ipa_role_destination": {
        "nl": "plaats van het alternatief",
        "en": "place of the alternative",
    },
    "ipa_role_none": {"nl": "niet aangenomen", "en": "not assumed"},
    "ipa_role_unknown": {"nl": "onbekend in deze versie", "en": "unknown in this version"},
    "page_loading": {
        "nl": "Het beslisformulier en de rest van de pagina worden geladen …",
        "en": "Loading the decision form and the rest of the page …",
    },
    "map_click_hint": {
        "nl": "Klik op een regio voor de details; dat zet ook de regio in het beslisformulier.",
        "en": "Click a region for its details; this also sets the decision form's region.",
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
    "details_no": {"nl": "nee", "en": "no"},
    "details_unknown": {"nl": "onbekend", "en": "unknown"},
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
    "ipa_not_at_issue": {"nl": "niet aan de orde", "en": "not at issue"},
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
    "error_region": {"nl": "Onbekende regio: {message}", "en": "Unknown region: {message}"},
    # page state, link, new case
    "new_case": {"nl": "Nieuwe zaak", "en": "New case"},
    "new_case_help": {
        "nl": "Wist de regio, de opgegeven naam en alle antwoorden; taal en versie blijven.",
        "en": "Clears the region, the name given and every answer; language and version stay.",
    },
    "hint_choose_region": {
        "nl": "Kies een regio: klik op de kaart, kies er een in de lijst of zoek de plaats die "
        "de vreemdeling noemt.",
        "en": "Choose a region: click it on the map, pick it from the list or look up the place "
        "the applicant names.",
    },
    "link_heading": {"nl": "Link naar deze weergave", "en": "Link to this view"},
    "link_help": {
        "nl": "Deze link opent de pagina met dezelfde taal, versie, regio, opgegeven naam en "
        "antwoorden. Kopieer hem met de knop rechts.",
        "en": "This link opens the page with the same language, version, region, name given and "
        "answers. Copy it with the button on the right.",
    },
    "link_bad_value": {
        "nl": "De link bevat een ongeldige waarde voor “{param}” ({value}); die is genegeerd.",
        "en": "The link has an invalid value for “{param}” ({value}); it was ignored.",
    },
    "link_too_long": {
        "nl": "De link bevat een te lange waarde voor “{param}” ({value}); die is genegeerd.",
        "en": "The link has a value for “{param}” that is too long ({value}); it was ignored.",
    },
    "link_named_unresolved": {
        "nl": "De naam in de link ({value}) wijst niet (meer) naar één regio of plaats; die is "
        "genegeerd.",
        "en": "The name in the link ({value}) does not lead to one region or place; it was "
        "ignored.",
    },
    "error_unexpected": {
        "nl": "Er ging iets mis bij het tonen van dit deel van de pagina. Probeer het opnieuw of "
        "begin een nieuwe zaak; de fout is in het serverlog vastgelegd.",
        "en": "Something went wrong while showing this part of the page. Try again or start a "
        "new case; the error was recorded in the server log.",
    },
    # what the applicant named
    "named_kind_region": {"nl": "regio", "en": "region"},
    "named_kind_region_2023": {"nl": "regio van 2023", "en": "2023 region"},
    "named_kind_capital": {"nl": "hoofdstad", "en": "capital"},
    "named_kind_regional_capital": {"nl": "regiohoofdstad", "en": "regional capital"},
    "named_kind_cercle_capital": {"nl": "hoofdplaats van een cercle", "en": "cercle capital"},
    "named_kind_town": {"nl": "stad", "en": "town"},
    "named_kind_village": {"nl": "dorp", "en": "village"},
    "named_cercle": {"nl": "cercle {cercle}", "en": "cercle {cercle}"},
    "named_given": {
        "nl": "Opgegeven door de vreemdeling: {line}",
        "en": "Named by the applicant: {line}",
    },
    "named_split_off": {
        "nl": "{place} ligt in het gebied waaruit {region} is gevormd; de kaart (2015) tekent het "
        "binnen {drawn}.",
        "en": "{place} lies in the area from which {region} was formed; the map (2015) draws it "
        "inside {drawn}.",
    },
    "form_straddle": {
        "nl": "“{name}” is een regio uit de herindeling van 2023, gevormd uit delen van "
        "{regions}. Beleid en kaart gebruiken de regio’s van 2016, dus deze naam wordt niet "
        "omgezet: kies hieronder de plaats (met haar cercle) of kies de regio in de lijst.",
        "en": "“{name}” is a region of the 2023 reform, formed from parts of {regions}. The "
        "policy and the map use the 2016 regions, so this name is not mapped: choose the place "
        "below (with its cercle) or choose the region from the list.",
    },
    "form_place_unusable": {
        "nl": "“{name}” kan niet worden opgezocht: typ een naam met letters of cijfers.",
        "en": "“{name}” cannot be looked up: type a name with letters or digits.",
    },
    "form_search_stale": {
        "nl": "De zoekterm is veranderd; kies opnieuw uit de resultaten hieronder.",
        "en": "The search changed; choose again from the results below.",
    },
    # map frame and controls
    "map_frame_title": {
        "nl": "Kaart van Mali: niveau van willekeurig geweld en binnenlands "
        "beschermingsalternatief per regio",
        "en": "Map of Mali: level of indiscriminate violence and internal protection "
        "alternative by region",
    },
    "zoom_in": {"nl": "Inzoomen", "en": "Zoom in"},
    "zoom_out": {"nl": "Uitzoomen", "en": "Zoom out"},
    "data_credit": {
        "nl": "Grenzen en plaatsen: DNCT Mali / UN OCHA (COD-AB en COD-PP Mali, 2015), CC BY-IGO.",
        "en": "Boundaries and places: DNCT Mali / UN OCHA (COD-AB and COD-PP Mali, 2015), "
        "CC BY-IGO.",
    },
    # region overview
    "overview_heading": {"nl": "Overzicht van alle regio’s", "en": "Overview of all regions"},
    "overview_code": {"nl": "ISO-code", "en": "ISO code"},
    "overview_region": {"nl": "Regio", "en": "Region"},
    "overview_gradation": {"nl": "Gradatie art. 15c", "en": "Article 15(c) level"},
    "overview_gradation_citation": {"nl": "Vindplaats gradatie", "en": "Level cited from"},
    "overview_ipa": {"nl": "Beschermingsalternatief Bamako", "en": "IPA in Bamako"},
    "overview_ipa_citation": {"nl": "Vindplaats alternatief", "en": "IPA cited from"},
    "overview_drawn": {"nl": "Op de kaart", "en": "On the map"},
    "overview_download": {"nl": "Download als CSV", "en": "Download as CSV"},
    "overview_csv_note": {
        "nl": "De CSV is veilig te openen in een spreadsheet: cellen die als formule gelezen "
        "zouden worden, beginnen met een apostrof.",
        "en": "The CSV is safe to open in a spreadsheet: cells that would be read as a formula "
        "start with an apostrophe.",
    },
    "outcome_reading_note": {
        "nl": "Deze uitkomst berust (mede) op een lezing van het project, niet alleen op "
        "geciteerd recht.",
        "en": "This outcome rests (partly) on the project's reading, not only on quoted law.",
    },
    "outcome_alternatives": {"nl": "Andere lezingen", "en": "Other readings"},
    "outcome_details": {
        "nl": "Redenering, stap voor stap, en downloads",
        "en": "Reasoning, step by step, and downloads",
    },
    "memo_credit": {"nl": "Grensdata", "en": "Boundary data"},
    # footer
    "sources_heading": {"nl": "Bronnen", "en": "Sources"},
}

# Version labels by file stem, in the page's language (a version id is a name, partly English).
VERSION_LABELS: dict[str, dict[Lang, str]] = {
    "wbv-2025-11": {
        "nl": "C7/23 Vc zoals gewijzigd bij WBV 2025/11",
        "en": "C7/23 Vc as amended by WBV 2025/11",
    },
    "c7-23-before-wbv-2025-11": {
        "nl": "C7/23 Vc vóór WBV 2025/11",
        "en": "C7/23 Vc before WBV 2025/11",
    },
}

# The region notes of the version files are written in English; their Dutch wording, by the
# English text (a test checks that every note of every shipped version has one).
REGION_NOTES_NL: dict[str, str] = {
    "Taoudénit was split off from Tombouctou (operational as a region from 2016). Our sources "
    "do not say how the previous text treated it.": "Taoudénit is afgesplitst van Tombouctou "
    "(als regio in functie sinds 2016). Onze bronnen zeggen niet hoe de vorige tekst deze regio "
    "behandelde.",
    "Taoudénit was split off from Tombouctou (operational as a region from 2016). C7/23 Vc does "
    "not name it: the text is silent on whether the levels and the IPA list named for Tombouctou "
    "extend to it.": "Taoudénit is afgesplitst van Tombouctou (als regio in functie sinds 2016). "
    "C7/23 Vc noemt de regio niet: de tekst zwijgt over de vraag of het niveau en de lijst van "
    "het beschermingsalternatief die voor Tombouctou gelden ook voor Taoudénit gelden.",
    "The district of Bamako is where the internal protection alternative lies (C7/23.5.2 Vc).": (
        "In het district Bamako ligt het binnenlands beschermingsalternatief (C7/23.5.2 Vc)."
    ),
}


def t(key: str, lang: Lang, **values: object) -> str:
    """The text for `key` in `lang`, with `{placeholders}` filled from `values`.

    A missing key is a programming error and raises KeyError at once (a test walks all keys),
    rather than showing an empty label to a user.
    """
    text = TEXTS[key][lang]
    return text.format(**values) if values else text


def version_label(stem: str, version_id: str, lang: Lang) -> str:
    """The version's name in `lang`; a version without a label here shows its id."""
    labels = VERSION_LABELS.get(stem)
    return labels[lang] if labels else version_id


def region_note(note: str, lang: Lang) -> str:
    """A version file's region note in `lang` (English as written, or its Dutch wording)."""
    if lang == "en":
        return note
    return REGION_NOTES_NL.get(note.strip(), note)


_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$:])")


def plain(text: str) -> str:
    """`text` as literal Markdown: every character Markdown (or Streamlit's directives such as
    `:red[...]` and `$...$`) would read is escaped, and line breaks become spaces. Used for
    anything a user typed or a link carried, which the page shows in Markdown elements."""
    # Streamlit's Markdown turns bare addresses into links after escapes are resolved (GFM
    # autolinks), so an invisible word break after the scheme or "www" keeps a typed address
    # as text: nothing a scenario file says becomes a link to another host.
    unlinked = _AUTOLINK_START.sub("\\1\u200b", " ".join(text.split()))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked)


_AUTOLINK_START = re.compile(r"(?i)\b(https?|ftp|www)(?=:|\.)")


# The what-if views' words live in their own table (ui/texts_whatif.py); `t` finds them here.
from ui.texts_whatif import WHATIF_TEXTS  # noqa: E402

TEXTS.update(WHATIF_TEXTS)
