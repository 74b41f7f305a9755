"""User-caused errors in the page's language: the file, row or field in words, not in code.

Why here: an error is raised deep in `policy` or `geodata`, in English, for the command lines
(their one-line messages are a stable contract). The page shows the same error in Dutch or
English. The raising code therefore records a catalogue key and its values beside the English
line (`PolicyError.keyed`); this module turns them into a sentence. Two values are words, not
text: `field`, a path such as `changes[0].rationale` ("wijziging 1, motivering"), and `rows`,
the lines or rows a CSV error is on ("regels 3, 7 en nog 2").
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from wording.catalogue import t

_STEP = re.compile(r"([a-z_]+)(?:\[(\d+)\])?")
# Field names of the scenario file that have words in the catalogue (errors.field.<name>).
FIELD_NAMES = frozenset(
    {
        "scenario",
        "base",
        "title",
        "author",
        "created",
        "changes",
        "region",
        "gradation",
        "ipa_applies",
        "rationale",
    }
)


@dataclass(frozen=True)
class Rows:
    """The rows an error is on: `line` numbers of the file (or `row` numbers of a table), the
    first few of them, and how many more there are."""

    kind: str  # "line" or "row"
    numbers: tuple[int, ...]
    more: int = 0


def field_words(path: str, lang: str) -> str:
    """`changes[0].rationale` → "wijziging 1, motivering"; an unknown part stays as written."""
    words = []
    for part in path.split("."):
        step = _STEP.fullmatch(part)
        if step is None or step.group(1) not in FIELD_NAMES:
            words.append(part)
            continue
        name, index = step.groups()
        if name == "changes" and index is not None:
            words.append(t("errors.field.change_number", lang, number=int(index) + 1))
        else:
            words.append(t(f"errors.field.{name}", lang))
            if index is not None:
                words[-1] += f" [{int(index) + 1}]"
    return ", ".join(words)


def rows_words(rows: Rows, lang: str) -> str:
    """Rows in words: "regel 7", "regels 7, 9 en nog 4 andere", "row 3" …"""
    shown = ", ".join(str(number) for number in rows.numbers)
    several = len(rows.numbers) > 1 or rows.more > 0
    kind = "line" if rows.kind == "line" else "row"
    text = t(f"errors.rows.{kind}_{'many' if several else 'one'}", lang, numbers=shown)
    if rows.more:
        text += t("errors.rows.more", lang, more=rows.more)
    return text


def list_words(items: Sequence[object], lang: str) -> str:
    """Items in words: "a, b en c" / "a, b and c"."""
    texts = [str(item) for item in items]
    if len(texts) < 2:
        return "".join(texts)
    return t("errors.list", lang, first=", ".join(texts[:-1]), last=texts[-1])


def error_text(key: str, lang: str, params: Mapping[str, object]) -> str:
    """The catalogue's sentence at `key` with the error's values: `field` and `rows` in words,
    a list or tuple as "a, b en c", anything else as written."""
    filled: dict[str, object] = {}
    for name, value in params.items():
        if name == "field" and isinstance(value, str):
            filled[name] = field_words(value, lang)
        elif isinstance(value, Rows):
            filled[name] = rows_words(value, lang)
        elif isinstance(value, list | tuple):
            filled[name] = list_words(value, lang)
        else:
            filled[name] = value
    return t(key, lang, **filled)
