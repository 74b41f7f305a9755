"""The region overview: every unit of a version with its level, IPA and citations, as a table
and a spreadsheet-safe CSV (the same rows `python -m policy regions` prints).

The CSV goes through `wording.escape`, since a note or name that starts with "=" would
otherwise run as a formula when an analyst opens the file in a spreadsheet.
"""

from __future__ import annotations

import pandas as pd

from policy import PolicyVersion, region_gradation_label
from ui.texts import Lang, t
from wording import phrases
from wording.escape import csv_frame, markdown


def overview_frame(version: PolicyVersion, lang: Lang, drawn: set[str]) -> pd.DataFrame:
    """One row per unit, with headers and values in `lang`."""
    rows = [
        {
            t("overview_code", lang): region.code,
            t("overview_region", lang): region.name,
            t("overview_gradation", lang): region_gradation_label(version, region.code, lang),
            t("overview_gradation_citation", lang): region.gradation_citation.paragraph,
            t("overview_ipa", lang): phrases.ipa_status(version.ipa_role(region.code), lang),
            t("overview_ipa_citation", lang): region.ipa_citation.paragraph,
            t("overview_drawn", lang): phrases.yes_no(region.code in drawn, lang),
            t("details_note", lang): region.note_text(lang) or "",
        }
        for region in version.regions
    ]
    return pd.DataFrame(rows)


def overview_csv(frame: pd.DataFrame) -> bytes:
    """The table as UTF-8 CSV (with BOM, so spreadsheets read the accents), formula-safe."""
    return csv_frame(frame).to_csv(index=False).encode("utf-8-sig")


def overview_markdown(frame: pd.DataFrame) -> str:
    """The table as Markdown, every cell literal text (a light element: no grid to load)."""
    header = "| " + " | ".join(markdown(str(c)) for c in frame.columns) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = [
        "| " + " | ".join(markdown(str(v)) for v in row) + " |"
        for row in frame.itertuples(index=False)
    ]
    return "\n".join([header, rule, *rows])
