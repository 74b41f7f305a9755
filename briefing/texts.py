"""The words of the briefing outputs (map image, offline map, case report), read from the one
catalogue (`wording/catalogue/briefing.toml`; `bt("x", lang)` is `wording.t("briefing.x", lang)`).

Where an output says what the page says (legend rows, the map disclaimer) it reads the page's
key from the catalogue directly (`wording.t("page.…")`): `briefing` imports nothing from `ui`.
"""

from __future__ import annotations

from wording import t


def bt(key: str, lang: str, **values: object) -> str:
    """The briefing text for `key` in `lang`, `{placeholders}` filled from `values`."""
    return t(f"briefing.{key}", lang, **values)


def page_t(key: str, lang: str, **values: object) -> str:
    """A text the page shows too (`wording.t("page.<key>")`): legend rows, IPA roles, the map
    disclaimer. An output and the page read the same catalogue entry, so they never disagree."""
    return t(f"page.{key}", lang, **values)
