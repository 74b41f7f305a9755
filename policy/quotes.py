"""Whether a quoted Dutch sentence occurs word for word in a source text in `policy/sources/`.

The source texts were extracted from PDFs: line breaks and the hyphen at a line end come from the
layout. Matching collapses whitespace, and a hyphen at a line end matches either nothing
(`geconclu-\\ndeerd` = `geconcludeerd`) or a hyphen (`niet-\\nstatelijke` = `niet-statelijke`).
Every other character, hyphens inside a line included, must match exactly.
"""

from __future__ import annotations

import hashlib
import re
import threading
from functools import lru_cache
from pathlib import Path

from policy.data_files import SOURCES_DIR

_LINE_END_HYPHEN = "\x00"
_MEMORY = "memory:"
_TEXTS: dict[str, str] = {}
"""Source texts held in memory (a decree uploaded on the page), by `memory:<sha256>` name."""
_LOCK = threading.Lock()
_KEPT = 32
"""How many texts in memory (and normalised sources) a long-running page keeps: a draft is
checked once, when it is read, so older uploads need not stay."""


def register_source_text(text: str) -> str:
    """A name under which `text` is a source of a version (`Source.file`), for a decree that
    exists only in memory (a draft uploaded on the page). The name is the text's hash, so the
    same name always means the same text, in every session."""
    name = _MEMORY + hashlib.sha256(text.encode("utf-8")).hexdigest()
    with _LOCK:  # sessions of the page read drafts in threads of their own
        _TEXTS.pop(name, None)
        _TEXTS[name] = text  # the newest last
        while len(_TEXTS) > _KEPT:
            del _TEXTS[next(iter(_TEXTS))]
    return name


@lru_cache(maxsize=_KEPT)
def normalised_source(file_name: str) -> str:
    """The source text with whitespace collapsed and line-end hyphens marked; OSError if absent.

    `file_name` is a file in `policy/sources/`, an absolute path (a version file read from a
    path may name its decree next to it) or a name from `register_source_text`.
    """
    if file_name.startswith(_MEMORY):
        if file_name not in _TEXTS:
            raise FileNotFoundError(file_name)
        text = _TEXTS[file_name]
    else:
        text = (SOURCES_DIR / file_name).read_text(encoding="utf-8")
    text = re.sub(r"-[ \t]*\r?\n\s*", _LINE_END_HYPHEN, text)
    return " ".join(text.split())


def normalise_quote(text: str) -> str:
    """A quote with whitespace collapsed (as written in the version files)."""
    return " ".join(text.split())


@lru_cache(maxsize=4096)
def quote_occurs(quote: str, file_name: str) -> bool:
    """Whether `quote` occurs in `policy/sources/<file_name>` (see the module docstring).

    Why not one regular expression: compiling one per quote (an optional marker between every
    two characters) took most of the start-up of every command. The quote without hyphens is
    looked up in the source without hyphens and markers, and each place found is checked.
    """
    source = normalised_source(file_name)
    quote = normalise_quote(quote)
    bare = quote.replace("-", "")
    if not bare:
        return False
    stripped, positions = _stripped_source(file_name)
    found = stripped.find(bare)
    while found >= 0:
        start = positions[found]
        # A quote that begins with hyphens begins that many characters earlier (or, with a
        # marker between them, up to twice as many).
        for lead in range(2 * (len(quote) - len(quote.lstrip("-"))) + 1):
            if start - lead >= 0 and _matches_at(source, start - lead, quote):
                return True
        found = stripped.find(bare, found + 1)
    return False


@lru_cache(maxsize=_KEPT)
def _stripped_source(file_name: str) -> tuple[str, tuple[int, ...]]:
    """The normalised source without hyphens and markers, and each kept character's position."""
    source = normalised_source(file_name)
    positions = tuple(i for i, ch in enumerate(source) if ch not in ("-", _LINE_END_HYPHEN))
    return "".join(source[i] for i in positions), positions


def _matches_at(source: str, start: int, quote: str) -> bool:
    """Whether `quote` matches `source` from `start`: a marker may stand between any two quote
    characters, and a quote's hyphen matches a hyphen or a marker. Branches only at markers."""
    pending = [(start, 0, False)]
    while pending:
        i, j, skipped = pending.pop()
        while j < len(quote):
            if i >= len(source):
                break
            if j > 0 and not skipped and source[i] == _LINE_END_HYPHEN:
                # the marker as nothing between two characters (at most one); or as the hyphen
                pending.append((i + 1, j, True))
            if quote[j] == "-" and source[i] in ("-", _LINE_END_HYPHEN):
                i, j, skipped = i + 1, j + 1, False
            elif source[i] == quote[j]:
                i, j, skipped = i + 1, j + 1, False
            else:
                break
        else:
            return True
    return False


def source_file_exists(file_name: str) -> bool:
    """Whether `file_name` names a file directly in `policy/sources/`, a text registered in
    memory, or (an absolute path) a file a version read from a path names beside it."""
    if file_name.startswith(_MEMORY):
        return file_name in _TEXTS
    path = SOURCES_DIR / file_name
    return (path.parent == SOURCES_DIR or Path(file_name).is_absolute()) and path.is_file()
