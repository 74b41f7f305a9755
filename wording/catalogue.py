"""Reads the catalogue (`wording/catalogue/*.toml`) and fills in its texts.

Each file holds tables whose leaves are `{nl = "…", en = "…"}` pairs; a dotted key
(`"outcome.refugee_status"`) names one pair. The files share one namespace: the same key in two
files is an error, found when the catalogue is first read, so a translation is never silently
shadowed by another.
"""

from __future__ import annotations

import tomllib
from functools import cache
from importlib import resources
from typing import Any, Literal

Lang = Literal["nl", "en"]
LANGUAGES: tuple[Lang, ...] = ("nl", "en")


class CatalogueError(ValueError):
    """The catalogue's files are inconsistent (a key twice, a pair missing a language)."""


def check_lang(lang: str) -> None:
    """A language outside LANGUAGES is a programming error: say which."""
    if lang not in LANGUAGES:
        raise ValueError(f"language must be 'nl' or 'en', not {lang!r}")


def _leaves(node: dict[str, Any], prefix: str, out: dict[str, dict[str, str]], origin: str) -> None:
    if set(node) == set(LANGUAGES) and all(isinstance(v, str) for v in node.values()):
        if prefix in out:
            raise CatalogueError(f"wording/catalogue/{origin}: key {prefix!r} is defined twice")
        out[prefix] = {lang: node[lang] for lang in LANGUAGES}
        return
    for name, child in node.items():
        key = f"{prefix}.{name}" if prefix else name
        if not isinstance(child, dict):
            raise CatalogueError(
                f"wording/catalogue/{origin}: {key!r} must be a table with nl and en"
            )
        _leaves(child, key, out, origin)


@cache
def _catalogue() -> dict[str, dict[str, str]]:
    """Every key of every catalogue file; read once. Callers must not mutate the result."""
    out: dict[str, dict[str, str]] = {}
    folder = resources.files("wording") / "catalogue"
    for item in sorted(folder.iterdir(), key=lambda p: p.name):
        if not item.name.endswith(".toml"):
            continue
        _leaves(tomllib.loads(item.read_text(encoding="utf-8")), "", out, item.name)
    return out


def keys() -> frozenset[str]:
    """Every key in the catalogue (for the test that finds each key used in code)."""
    return frozenset(_catalogue())


def entry(key: str) -> dict[str, str]:
    """The pair at a dotted key: {"nl": …, "en": …}. A missing key raises KeyError naming it."""
    try:
        return _catalogue()[key]
    except KeyError:
        raise KeyError(f"wording catalogue: no text {key!r}") from None


def t(key: str, lang: str, **params: object) -> str:
    """The text at `key` in `lang`, its `{placeholders}` filled from `params`."""
    check_lang(lang)
    template = entry(key)[lang]
    return template.format(**params) if params else template


def texts(key: str, **params: object) -> dict[str, str]:
    """The text at `key` in both languages, as {"nl": …, "en": …}."""
    return {lang: t(key, lang, **params) for lang in LANGUAGES}
