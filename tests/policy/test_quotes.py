"""The quote check against its definition: a regular expression that allows a line-end hyphen
marker between any two characters and lets a quote's hyphen match a hyphen or a marker."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from policy.data_files import SOURCES_DIR
from policy.quotes import _LINE_END_HYPHEN, normalise_quote, normalised_source, quote_occurs

FILES = sorted(p.name for p in SOURCES_DIR.iterdir() if p.suffix == ".txt")


def _by_definition(quote: str, file_name: str) -> bool:
    source = normalised_source(file_name)
    quote = normalise_quote(quote)
    if not quote.replace("-", ""):
        return False
    marker = re.escape(_LINE_END_HYPHEN)
    parts = [f"(?:-|{marker})" if ch == "-" else re.escape(ch) for ch in quote]
    return re.search(f"{marker}?".join(parts), source) is not None


@st.composite
def quotes(draw):
    """Pieces of a source (often across a line-end hyphen), sometimes edited."""
    file_name = draw(st.sampled_from(FILES))
    source = normalised_source(file_name)
    markers = [i for i, ch in enumerate(source) if ch == _LINE_END_HYPHEN]
    if markers and draw(st.booleans()):
        centre = draw(st.sampled_from(markers))
    else:
        centre = draw(st.integers(0, len(source) - 1))
    start = max(0, centre - draw(st.integers(0, 60)))
    piece = source[start : centre + draw(st.integers(1, 60))]
    piece = piece.replace(_LINE_END_HYPHEN, draw(st.sampled_from(["", "-", " "])))
    edit = draw(st.sampled_from(["none", "none", "hyphen", "drop", "letter"]))
    if piece and edit != "none":
        at = draw(st.integers(0, len(piece) - 1))
        insert = {"hyphen": "-", "drop": "", "letter": "x"}[edit]
        piece = piece[:at] + insert + piece[at + (edit != "hyphen") :]
    return piece, file_name


@settings(max_examples=300, deadline=None)
@given(case=quotes())
def test_quote_occurs_agrees_with_its_definition(case):
    quote, file_name = case
    assert quote_occurs(quote, file_name) == _by_definition(quote, file_name)


def test_line_end_hyphen_matches_nothing_or_a_hyphen():
    for file_name in FILES:
        source = normalised_source(file_name)
        at = source.find(_LINE_END_HYPHEN)
        if at > 10:
            before, after = source[at - 10 : at], source[at + 1 : at + 10]
            assert quote_occurs(before + after, file_name)
            assert quote_occurs(before + "-" + after, file_name)
            assert not quote_occurs(before + "--" + after, file_name)
            return
    raise AssertionError("no source has a line-end hyphen")
