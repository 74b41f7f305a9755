"""Whether a quoted Dutch sentence occurs word for word in a source text in `policy/sources/`.

The source texts were extracted from PDFs: line breaks and the hyphen at a line end come from the
layout. Matching collapses whitespace, and a hyphen at a line end matches either nothing
(`geconclu-\\ndeerd` = `geconcludeerd`) or a hyphen (`niet-\\nstatelijke` = `niet-statelijke`).
Every other character, hyphens inside a line included, must match exactly.
"""

from __future__ import annotations

import re
from functools import cache

from policy.data_files import SOURCES_DIR

_LINE_END_HYPHEN = "\x00"


@cache
def normalised_source(file_name: str) -> str:
    """The source text with whitespace collapsed and line-end hyphens marked; OSError if absent."""
    text = (SOURCES_DIR / file_name).read_text(encoding="utf-8")
    text = re.sub(r"-[ \t]*\r?\n\s*", _LINE_END_HYPHEN, text)
    return " ".join(text.split())


def normalise_quote(text: str) -> str:
    """A quote with whitespace collapsed (as written in the version files)."""
    return " ".join(text.split())


@cache
def quote_occurs(quote: str, file_name: str) -> bool:
    """Whether `quote` occurs in `policy/sources/<file_name>` (see the module docstring).

    Cached: every what-if version is checked like a file, quotes included."""
    source = normalised_source(file_name)
    quote = normalise_quote(quote)
    if not quote:
        return False
    marker = re.escape(_LINE_END_HYPHEN)
    parts = [f"(?:-|{marker})" if ch == "-" else re.escape(ch) for ch in quote]
    return re.search(f"{marker}?".join(parts), source) is not None


def source_file_exists(file_name: str) -> bool:
    """Whether `file_name` names a file directly in `policy/sources/`."""
    path = SOURCES_DIR / file_name
    return path.parent == SOURCES_DIR and path.is_file()
