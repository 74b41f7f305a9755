"""The catalogue and the code agree: every key the code asks for is in the catalogue, and every
key in the catalogue is asked for somewhere (no dead text a jurist would correct in vain).

How keys are found: the code is parsed (ast) and every call of a text function is read. A call
with a literal key (`t("legend_heading", lang)`) names one key; the function says which prefix
it adds (`ui.texts.t` and `briefing.texts.page_t` read `page.<key>`, `briefing.texts.bt` reads
`briefing.<key>`, the memo's `word` reads `memo.<key>`). A call with an f-string key
(`t(f"gradation.{code}", lang)`) names every key under its literal head. A key the code names
in plain data (a string equal to the key, or to its part after the first dot where a wrapper
adds the prefix) counts as used too. Every file in `wording/catalogue/` is covered.
"""

from __future__ import annotations

import ast
import re
import string
from pathlib import Path

import pytest

from wording import entry, keys

ROOT = Path(__file__).resolve().parents[2]
CODE = [ROOT / "dashboard.py", *sorted(
    path
    for package in ("policy", "ui", "briefing", "geodata", "wording")
    for path in (ROOT / package).rglob("*.py")
)]  # fmt: skip
# Text functions and the prefix they add, by the name they are called by in a module. `t` adds
# `page.` where it is the page's (ui.texts) or the briefing's page_t, nothing where it is
# wording's own.
WRAPPERS = {
    "bt": "briefing.",
    "page_t": "page.",
    "text": "",
    "texts": "",
    "policy_text": "",
    "wt": "",  # `from wording import t as wt` beside ui.texts' t
}
WRAPPER_MODULES = {"ui/texts.py", "briefing/texts.py"}
LOCAL_WORD = {"memo.py": "memo.", "scenario.py": "scenario_note."}
_PAGE_T = re.compile(r"^from (ui\.texts import .*\bt\b|briefing\.texts import page_t as t)", re.M)


def _calls(path: Path) -> list[tuple[str, ast.expr]]:
    """(prefix, first argument) of every text-function call in one module. The wrappers' own
    modules are left out: their `t(f"page.{key}")` is what the prefix stands for."""
    if path.relative_to(ROOT).as_posix() in WRAPPER_MODULES:
        return []
    source = path.read_text(encoding="utf-8")
    wrappers = dict(WRAPPERS)
    wrappers["t"] = "page." if _PAGE_T.search(source) else ""
    wrappers["_t"] = ""
    if path.name in LOCAL_WORD and path.parent.name == "policy":
        wrappers["word"] = LOCAL_WORD[path.name]
    found = []
    for node in ast.walk(ast.parse(source)):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else None
        if name in wrappers:
            arg = node.args[0]
            branches = [arg.body, arg.orelse] if isinstance(arg, ast.IfExp) else [arg]
            found += [(wrappers[name], branch) for branch in branches]
    return found


def _pattern(prefix: str, key: ast.JoinedStr) -> re.Pattern[str]:
    """An f-string key as a pattern: its literal parts as written, each `{…}` as any text."""
    parts = [
        re.escape(part.value) if isinstance(part, ast.Constant) else ".+" for part in key.values
    ]
    return re.compile(re.escape(prefix) + "".join(parts))


def _literal_strings() -> set[str]:
    out: set[str] = set()
    for path in CODE:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                out.add(node.value)
    return out


def _used() -> tuple[set[str], set[re.Pattern[str]]]:
    """(literal keys, patterns of f-string keys) the code asks for, prefixes applied. An
    f-string with hardly a literal part (`f"{kind}.{code}"`) says nothing and is left out."""
    literal: set[str] = set()
    patterns: set[re.Pattern[str]] = set()
    for path in CODE:
        for prefix, arg in _calls(path):
            if isinstance(arg, ast.Constant) and isinstance(arg.value, str):
                literal.add(prefix + arg.value)
            elif isinstance(arg, ast.JoinedStr) and arg.values:
                written = "".join(
                    part.value for part in arg.values if isinstance(part, ast.Constant)
                )
                if len(written) >= 2:  # f"{kind}.{code}" or f"{key}" say nothing
                    patterns.add(_pattern(prefix, arg))
    return literal, patterns


def test_every_key_the_code_asks_for_is_in_the_catalogue() -> None:
    literal, patterns = _used()
    catalogue = keys()
    missing = sorted(key for key in literal if key not in catalogue)
    assert not missing, f"keys used in code but not in wording/catalogue/: {missing}"
    empty = sorted(p.pattern for p in patterns if not any(p.fullmatch(k) for k in catalogue))
    assert not empty, f"f-string keys that match no catalogue entry: {empty}"


def test_every_key_in_the_catalogue_is_used() -> None:
    literal, patterns = _used()
    strings = _literal_strings()
    unused = sorted(
        key
        for key in keys()
        if key not in literal
        and key not in strings
        and key.split(".", 1)[1] not in strings
        and not any(pattern.fullmatch(key) for pattern in patterns)
    )
    assert not unused, f"catalogue keys no code uses: {unused}"


@pytest.mark.parametrize("key", sorted(keys()))
def test_both_languages_have_the_same_placeholders(key: str) -> None:
    pair = entry(key)
    fields = {
        lang: {name for _, name, _, _ in string.Formatter().parse(text) if name}
        for lang, text in pair.items()
    }
    assert fields["nl"] == fields["en"], key
    assert pair["nl"].strip() and pair["en"].strip(), key
