"""The page's own words, read from the one catalogue (`wording/catalogue/page*.toml`).

`t("x", lang)` is `wording.t("page.x", lang)`: the page's keys share the `page.` prefix so they
cannot collide with the policy's or the briefing's. Legal labels (gradations, outcomes, flags),
the IPA status and the marks come from `wording.phrases`, so the page, the memo, the PDF, the
maps and the CLI say the same thing.
"""

from __future__ import annotations

from wording import LANGUAGES, Lang
from wording import t as _t

__all__ = ["LANGUAGES", "LANGUAGE_NAMES", "Lang", "t"]

LANGUAGE_NAMES: dict[Lang, str] = {"nl": "Nederlands", "en": "English"}


def t(key: str, lang: Lang, **values: object) -> str:
    """The page's text for `key` in `lang` (catalogue key `page.<key>`), `{placeholders}` filled.

    A missing key is a programming error and raises KeyError at once (a test finds every key
    used in code in the catalogue), rather than showing an empty label to a user.
    """
    return _t(f"page.{key}", lang, **values)
