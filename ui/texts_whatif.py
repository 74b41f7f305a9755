"""The page's words for what-if work (scenario editor, comparison, caseload, briefing downloads),
in Dutch and English. Kept apart from `ui.texts` so the what-if views can grow without touching
the main page's catalogue; `ui.texts` merges this table into its own, so `t(key, lang)` finds
both.
"""

from __future__ import annotations

from policy.labels import Lang

WHATIF_TEXTS: dict[str, dict[Lang, str]] = {
    # tools below the map
    "tools_heading": {"nl": "Verkennen en uitvoer", "en": "Explore and export"},
    "tools_help": {
        "nl": "Kies een onderdeel; het wordt pas opgebouwd als u het kiest.",
        "en": "Choose a part; it is built only when you choose it.",
    },
    "tool_scenario": {"nl": "Scenario (wat als)", "en": "Scenario (what if)"},
    "tool_compare": {"nl": "Versies vergelijken", "en": "Compare versions"},
    "tool_caseload": {"nl": "Zaken (CSV)", "en": "Caseload (CSV)"},
    "tool_briefing": {"nl": "Downloads voor een notitie", "en": "Briefing downloads"},
    "tool_paragraphs": {"nl": "C7/23 volledig", "en": "C7/23 in full"},
    # C7/23 in full
    "paragraphs_heading": {
        "nl": "C7/23 Vc volledig ({version})",
        "en": "C7/23 Vc in full ({version})",
    },
    "paragraphs_help": {
        "nl": "Iedere subparagraaf met de Nederlandse tekst, een Engelse toelichting en de stappen "
        "van de beslissing die erop steunen. Een subparagraaf zonder stappen wordt door dit "
        "hulpmiddel niet toegepast.",
        "en": "Every sub-paragraph with its Dutch text, an English gloss and the steps of the "
        "decision that rest on it. A sub-paragraph without steps is not applied by this tool.",
    },
    "paragraphs_unavailable": {
        "nl": "De volledige tekst van deze versie staat niet in onze bronnen: {reason}",
        "en": "The full text of this version is not in our sources: {reason}",
    },
    "paragraphs_gloss": {"nl": "Toelichting (Engels)", "en": "Gloss"},
    "paragraphs_used_by": {"nl": "Gebruikt door de stappen", "en": "Used by the steps"},
    "paragraphs_unused": {"nl": "geen stap", "en": "no step"},
    # scenario marking
    "scenario_banner": {
        "nl": "**Scenario, niet het recht:** «{title}» (uitgangspunt: {base}). "
        "Regio's die afwijken van het uitgangspunt: {regions}.",
        "en": "**Scenario, not the law:** “{title}” (base: {base}). "
        "Regions that differ from the base: {regions}.",
    },
    "scenario_no_regions": {"nl": "nog geen", "en": "none yet"},
    "scenario_legend_note": {
        "nl": "Kleuren tonen het scenario «{title}», niet het recht. Afwijkend: {regions}.",
        "en": "Colours show the scenario “{title}”, not the law. Differing: {regions}.",
    },
    "scenario_outcome_note": {
        "nl": "Uitkomst onder het scenario «{title}», niet onder het recht.",
        "en": "Outcome under the scenario “{title}”, not under the law.",
    },
    "scenario_outcome_region": {
        "nl": "De waarden van deze regio zijn in het scenario gewijzigd.",
        "en": "This region's values are changed in the scenario.",
    },
    "scenario_form_note": {
        "nl": "Scenario actief: het formulier beslist volgens «{title}», niet volgens het recht.",
        "en": "Scenario on: the form decides under “{title}”, not under the law.",
    },
    "scenario_details_note": {
        "nl": "Scenariowaarde, niet het recht. In {base}: gradatie {gradation}; "
        "binnenlands beschermingsalternatief {ipa}. Toelichting: {rationale}",
        "en": "Scenario value, not the law. In {base}: gradation {gradation}; "
        "internal protection alternative {ipa}. Rationale: {rationale}",
    },
    "scenario_overview_note": {
        "nl": "Het overzicht toont het scenario «{title}», niet het recht.",
        "en": "The overview shows the scenario “{title}”, not the law.",
    },
    "scenario_version_locked": {
        "nl": "Er is een scenario actief; beëindig het om een andere versie te kiezen.",
        "en": "A scenario is on; end it to choose another version.",
    },
    "scenario_map_caption": {
        "nl": "Kaart van het scenario «{title}» op basis van {base} — geen geldend beleid.",
        "en": "Map of the scenario “{title}” based on {base} — not the policy in force.",
    },
    # scenario editor
    "scenario_intro": {
        "nl": "Een scenario wijzigt de gradatie en het binnenlands beschermingsalternatief van "
        "regio's, elk met een toelichting. Het bestaat alleen in deze sessie (niemand anders "
        "ziet het) en wordt nooit als beleid opgeslagen.",
        "en": "A scenario changes the gradation and the internal protection alternative of "
        "regions, each with a rationale. It lives only in this session (nobody else sees it) "
        "and is never stored as policy.",
    },
    "scenario_title": {"nl": "Titel van het scenario", "en": "Scenario title"},
    "scenario_default_title": {"nl": "Mijn scenario", "en": "My scenario"},
    "scenario_start": {
        "nl": "Scenario starten vanuit {version}",
        "en": "Start a scenario from {version}",
    },
    "scenario_upload": {"nl": "Scenariobestand laden (JSON)", "en": "Load a scenario file (JSON)"},
    "scenario_upload_help": {
        "nl": "Een bestand zoals deze pagina het downloadt; hoogstens {limit} KiB.",
        "en": "A file as this page downloads it; at most {limit} KiB.",
    },
    "scenario_loaded": {"nl": "Scenario «{title}» geladen.", "en": "Scenario “{title}” loaded."},
    "scenario_not_loaded": {
        "nl": "Scenario niet geladen, er is niets gewijzigd: {message}",
        "en": "Scenario not loaded, nothing was changed: {message}",
    },
    "scenario_change_heading": {"nl": "Wijziging toevoegen", "en": "Add a change"},
    "scenario_region": {"nl": "Regio", "en": "Region"},
    "scenario_gradation": {"nl": "Gradatie", "en": "Gradation"},
    "scenario_ipa": {
        "nl": "Binnenlands beschermingsalternatief in Bamako",
        "en": "Internal protection alternative in Bamako",
    },
    "scenario_keep": {"nl": "zoals in het uitgangspunt", "en": "as in the base"},
    "scenario_ipa_yes": {"nl": "ja", "en": "yes"},
    "scenario_ipa_no": {"nl": "nee", "en": "no"},
    "scenario_rationale": {"nl": "Toelichting (verplicht)", "en": "Rationale (required)"},
    "scenario_apply": {"nl": "Wijziging toepassen", "en": "Apply change"},
    "scenario_change_rejected": {
        "nl": "Wijziging niet toegepast: {message}",
        "en": "Change not applied: {message}",
    },
    "scenario_change_applied": {
        "nl": "Wijziging voor {region} toegepast.",
        "en": "Change for {region} applied.",
    },
    "scenario_changes_heading": {"nl": "Wijzigingen", "en": "Changes"},
    "scenario_no_changes": {
        "nl": "Nog geen wijzigingen: de kaart toont het uitgangspunt.",
        "en": "No changes yet: the map shows the base.",
    },
    "scenario_remove": {"nl": "Wijziging verwijderen", "en": "Remove change"},
    "scenario_remove_region": {"nl": "Wijziging van", "en": "Change of"},
    "scenario_set_title": {"nl": "Titel wijzigen", "en": "Change title"},
    "scenario_download": {"nl": "Scenario downloaden (JSON)", "en": "Download scenario (JSON)"},
    "scenario_end": {"nl": "Scenario beëindigen", "en": "End scenario"},
    "scenario_ended": {
        "nl": "Scenario beëindigd; de pagina toont weer het beleid.",
        "en": "Scenario ended; the page shows the policy again.",
    },
    "scenario_link_ok": {
        "nl": "Het scenario reist mee in de link van deze pagina.",
        "en": "The scenario travels in this page's link.",
    },
    "scenario_link_too_long": {
        "nl": "Te lang voor de link van de pagina: deel het scenariobestand.",
        "en": "Too long for the page link: share the scenario file.",
    },
    "col_region": {"nl": "Regio", "en": "Region"},
    "col_code": {"nl": "Code", "en": "Code"},
    "col_field": {"nl": "Onderdeel", "en": "Field"},
    "col_from": {"nl": "Van", "en": "From"},
    "col_to": {"nl": "Naar", "en": "To"},
    "col_change": {"nl": "Wijziging", "en": "Change"},
    "col_from_citation": {"nl": "Bron (van)", "en": "Source (from)"},
    "col_to_citation": {"nl": "Bron (naar)", "en": "Source (to)"},
    "col_base": {"nl": "Uitgangspunt", "en": "Base"},
    "col_scenario": {"nl": "Scenario", "en": "Scenario"},
    "col_rationale": {"nl": "Toelichting", "en": "Rationale"},
    "col_outcome": {"nl": "Uitkomst", "en": "Outcome"},
    "col_difference": {"nl": "Verschil", "en": "Difference"},
    "col_row": {"nl": "Rij", "en": "Row"},
    # link
    "link_bad_scenario": {
        "nl": "Het scenario in de link is genegeerd: {value}",
        "en": "The scenario in the link was ignored: {value}",
    },
    # compare
    "compare_intro": {
        "nl": "Wat verschilt tussen twee versies, per regio, met de bron van beide kanten.",
        "en": "What differs between two versions, per region, with the source on both sides.",
    },
    "compare_from": {"nl": "Versie A (van)", "en": "Version A (from)"},
    "compare_to": {"nl": "Versie B (naar)", "en": "Version B (to)"},
    "compare_same": {
        "nl": "Kies twee verschillende versies.",
        "en": "Choose two different versions.",
    },
    "compare_none": {
        "nl": "Geen verschillen in gradatie of beschermingsalternatief.",
        "en": "No differences in gradation or protection alternative.",
    },
    "compare_summary": {
        "nl": "{count} regio's gewijzigd: {regions}.",
        "en": "{count} regions changed: {regions}.",
    },
    "compare_legend_heading": {"nl": "Legenda van de vergelijking", "en": "Comparison legend"},
    "compare_map_caption": {
        "nl": "Kaart van de wijziging van {a} naar {b} (niet het beleid zelf).",
        "en": "Map of the change from {a} to {b} (not the policy itself).",
    },
    "ipa_unknown_value": {"nl": "onbekend", "en": "unknown"},
    # caseload
    "caseload_intro": {
        "nl": "Laad een CSV-bestand met zaken (de kolommen van `python -m policy batch`) en zie "
        "hoeveel uitkomsten verschillen tussen {a} en {b}.",
        "en": "Load a CSV file of cases (the columns of `python -m policy batch`) and see how "
        "many outcomes differ between {a} and {b}.",
    },
    "caseload_columns": {
        "nl": "Verwachte kolommen: {columns}. Andere kolommen (zoals een zaaknummer) worden "
        "meegenomen. Hoogstens {limit} MB, UTF-8.",
        "en": "Expected columns: {columns}. Other columns (such as a case number) are carried "
        "along. At most {limit} MB, UTF-8.",
    },
    "caseload_upload": {"nl": "Zaken (CSV)", "en": "Cases (CSV)"},
    "caseload_example": {
        "nl": "Het meegeleverde voorbeeld gebruiken (200 verzonnen zaken)",
        "en": "Use the bundled example (200 made-up cases)",
    },
    "caseload_example_download": {
        "nl": "Voorbeeldbestand downloaden",
        "en": "Download the example file",
    },
    "caseload_other": {"nl": "Vergelijken met", "en": "Compare with"},
    "caseload_other_scenario": {"nl": "het scenario", "en": "the scenario"},
    "caseload_no_other": {
        "nl": "Start een scenario of kies een andere versie om mee te vergelijken.",
        "en": "Start a scenario or choose another version to compare with.",
    },
    "caseload_error": {
        "nl": "Het bestand is niet gebruikt: {message}",
        "en": "The file was not used: {message}",
    },
    "caseload_changed": {
        "nl": "**{changed} van {total}** zaken krijgen een andere uitkomst ({a} → {b}).",
        "en": "**{changed} of {total}** cases change outcome ({a} → {b}).",
    },
    "caseload_outcomes": {"nl": "Per uitkomst", "en": "Per outcome"},
    "caseload_regions": {"nl": "Per regio en uitkomst", "en": "Per region and outcome"},
    "caseload_changed_cases": {
        "nl": "Zaken met een andere uitkomst",
        "en": "Cases whose outcome changes",
    },
    "caseload_chart": {
        "nl": "Verschil in aantal zaken per uitkomst ({b} min {a})",
        "en": "Change in number of cases per outcome ({b} minus {a})",
    },
    "caseload_download": {
        "nl": "Resultaten downloaden (CSV)",
        "en": "Download the results (CSV)",
    },
    "caseload_download_note": {
        "nl": "Spreadsheet-veilig: cellen die met = + - @ beginnen krijgen een apostrof.",
        "en": "Spreadsheet-safe: cells that start with = + - @ get an apostrophe.",
    },
    # briefing downloads
    "briefing_intro": {
        "nl": "Bestanden voor een notitie of presentatie, in de taal van de pagina. Ze worden "
        "pas gemaakt als u op «Voorbereiden» klikt.",
        "en": "Files for a briefing note or slide, in the page's language. They are made only "
        "when you click “Prepare”.",
    },
    "briefing_layout": {"nl": "Formaat", "en": "Layout"},
    "briefing_layout_a4": {"nl": "A4 staand", "en": "A4 portrait"},
    "briefing_layout_slide": {"nl": "Dia 16:9", "en": "Slide 16:9"},
    "briefing_format": {"nl": "Bestandstype", "en": "File type"},
    "briefing_map_heading": {"nl": "Kaartafbeelding", "en": "Map image"},
    "briefing_map_of": {"nl": "Toont: {what}", "en": "Shows: {what}"},
    "briefing_download_map": {"nl": "Kaart downloaden", "en": "Download map"},
    "briefing_html_heading": {
        "nl": "Offline kaart (één HTML-bestand)",
        "en": "Offline map (one HTML file)",
    },
    "briefing_download_html": {"nl": "Offline kaart downloaden", "en": "Download offline map"},
    "briefing_case_heading": {"nl": "Zaakverslag", "en": "Case report"},
    "briefing_no_case": {
        "nl": "Kies eerst een regio in het formulier; dan is er een beslissing om te verslaan.",
        "en": "Choose a region in the form first; then there is a decision to report.",
    },
    "briefing_download_case_pdf": {"nl": "Zaakverslag (PDF)", "en": "Case report (PDF)"},
    "briefing_download_case_md": {"nl": "Zaakverslag (Markdown)", "en": "Case report (Markdown)"},
    "briefing_failed": {
        "nl": "Het bestand kon niet worden gemaakt: {message}",
        "en": "The file could not be made: {message}",
    },
    "briefing_print_note": {
        "nl": "Afdrukken met Ctrl+P verbergt de zijbalk en de knoppen.",
        "en": "Printing with Ctrl+P hides the sidebar and the buttons.",
    },
}
