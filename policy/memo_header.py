"""The lines a memo needs to be filed: what it is (an internal aid, not advice or a decision),
which version it applies with its signature date, entry into force and the letter's kenmerk,
and the product and data version it was made with.

Why here and not in the memo's layout: the facts come from the version data (the dates, the
sources) and the package metadata; the memo only places them. Every word is in the catalogue.
"""

from __future__ import annotations

import re
from importlib.metadata import PackageNotFoundError
from importlib.metadata import version as package_version

from policy.models import PolicyVersion
from policy.open_values import date_words
from wording import t

PACKAGE = "mali-asylum-policy-map"


def product_version() -> str:
    """The installed package's version ("unknown" when run from a source tree only)."""
    try:
        return package_version(PACKAGE)
    except PackageNotFoundError:
        return "unknown"


def header_lines(policy: PolicyVersion, lang: str) -> list[str]:
    """The filing lines of a memo under `policy`, in `lang` (Markdown list items)."""
    lines = [f"- **{t('memo_header.status_label', lang)}:** {t('memo_header.status', lang)}"]
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
    lines.append(f"- **{t('memo_header.dates_label', lang)}:** {'; '.join(dates)}")
    lines.append(
        f"- **{t('memo_header.made_with_label', lang)}:** "
        + t("memo_header.made_with", lang, product=product_version(), policy=policy.id)
    )
    return lines
