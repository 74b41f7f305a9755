"""The lines a memo needs to be filed: what it is (an internal aid, not advice or a decision),
which version it applies with its signature date, entry into force and the letter's kenmerk,
and the product and data version it was made with.

Why here and not in the memo's layout: the facts come from the version data (the dates, the
sources) and the package metadata; the memo only places them. Every word is in the catalogue.
"""

from __future__ import annotations

import re

from policy.models import PolicyVersion
from policy.open_values import date_words
from policy.product import VERSION
from wording import t


def product_version() -> str:
    """The product's version (policy.product: the same from a source tree and when installed;
    reading the installed metadata instead would add a tenth of the command's start-up)."""
    return VERSION


def header_rows(policy: PolicyVersion, lang: str) -> list[tuple[str, str]]:
    """The filing block under `policy` as (label, value) rows in `lang`: status, dates and
    kenmerk, product and data version. The memo (Markdown) and the case PDF place these same
    rows; neither writes the sentences itself."""
    rows = [(t("memo_header.status_label", lang), t("memo_header.status", lang))]
    dates = []
    if policy.signed is not None:
        dates.append(t("memo_header.signed", lang, date=date_words(policy.signed, lang)))
    if policy.in_force is not None:
        dates.append(t("memo_header.in_force", lang, date=date_words(policy.in_force, lang)))
    elif policy.in_force_not_before is not None:
        day = date_words(policy.in_force_not_before, lang)
        dates.append(t("memo_header.in_force_not_before", lang, date=day))
    else:
        dates.append(t("memo_header.in_force_unknown", lang))
    for source in policy.sources:
        kenmerk = re.search(r"kenmerk:? (\d+)", source.reference)
        if kenmerk and source.date is not None and not source.borrowed:
            day = date_words(source.date, lang)
            dates.append(t("memo_header.letter", lang, date=day, kenmerk=kenmerk.group(1)))
    rows.append((t("memo_header.dates_label", lang), "; ".join(dates)))
    rows.append(
        (
            t("memo_header.made_with_label", lang),
            t("memo_header.made_with", lang, product=product_version(), policy=policy.id),
        )
    )
    return rows


def case_rows(case_ref: str | None, author: str | None, lang: str) -> list[tuple[str, str]]:
    """The case reference and author the user gave, as (label, value) rows; the value is the
    user's own text, which each output escapes in its own way."""
    rows = []
    if case_ref and case_ref.strip():
        rows.append((t("memo_header.case_ref", lang), case_ref.strip()))
    if author and author.strip():
        rows.append((t("memo_header.author", lang), author.strip()))
    return rows


def filing_rows(policy_id: str, lang: str) -> list[tuple[str, str]]:
    """`header_rows` of a shipped version by id; [] for a version built in code or read from a
    draft (no filing data)."""
    from policy.errors import PolicyError
    from policy.versions_io import load_version

    try:
        return header_rows(load_version(policy_id), lang)
    except PolicyError:
        return []


def checklist_for(policy_id: str, lang: str, short: bool = False) -> list[str]:
    """`checklist_lines` of a shipped version by id; [] where it is not shipped."""
    from policy.errors import PolicyError
    from policy.versions_io import load_version

    try:
        return checklist_lines(load_version(policy_id), lang, short)
    except PolicyError:
        return []


CHECKLIST = ("23.3.1", "23.3.2", "23.4.1.1", "23.4.1.2", "23.5.1", "23.7")
"""The "Geen bijzonderheden" sub-paragraphs that bear on a case: the general policy applies
there, which a lawyer checks per case (group persecution, risk profiles, systematic exposure,
protection by the authorities, the departure moratorium)."""


def checklist_lines(policy: PolicyVersion, lang: str, short: bool = False) -> list[str]:
    """The checklist of the "Geen bijzonderheden" sub-paragraphs that bear on a case, each with
    the decree's heading; [] for a version whose full text is not in our sources. `short`: the
    paragraph and heading only, for a page whose title already says "no particularities"."""
    from policy.errors import PolicyError
    from policy.paragraphs import load_paragraphs

    try:
        paragraphs = {p.number: p for p in load_paragraphs(policy, with_rules=False)}
    except PolicyError:
        return []
    lines = []
    for number in CHECKLIST:
        paragraph = paragraphs.get(number)
        if paragraph is None or paragraph.text_nl != "Geen bijzonderheden.":
            continue
        where = f"C7/{number} Vc"
        heading = paragraph.heading
        key = "memo_header.checklist_item_short" if short else "memo_header.checklist_item"
        lines.append(t(key, lang, paragraph=where, heading=heading))
    return lines
