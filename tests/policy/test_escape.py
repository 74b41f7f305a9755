"""Spreadsheet-safe cells (OWASP CSV injection): the per-cell rule and its vectorised variant."""

from __future__ import annotations

import pandas as pd
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from wording.escape import csv_cell, csv_frame, csv_table

TEXTS = st.one_of(
    st.text(max_size=12),
    st.builds(
        lambda prefix, rest: prefix + rest,
        st.sampled_from(["=", "+", "-", "@", "\t", "\r", " ", "'"]),
        st.text(alphabet="0123456789.eE+- =abc\t\n", max_size=8),
    ),
)


def test_formulas_get_a_quote_and_numbers_do_not():
    assert csv_cell('=HYPERLINK("x")') == '\'=HYPERLINK("x")'
    assert csv_cell("@SUM(A1)") == "'@SUM(A1)"
    assert csv_cell("+31 20") == "'+31 20"
    assert csv_cell("\t=1") == "'\t=1"
    assert [csv_cell(v) for v in ("-3.5", "+1", "-1e5", "Gao", 7)] == [
        "-3.5",
        "+1",
        "-1e5",
        "Gao",
        7,
    ]


@settings(max_examples=200, deadline=None)
@given(values=st.lists(st.one_of(TEXTS, st.none()), min_size=1, max_size=20))
def test_the_vectorised_variant_agrees_with_the_cell_rule(values):
    plain = pa.array(values, pa.string())
    table = pa.table({"text": plain, "large": plain.cast(pa.large_string()), "coded": plain})
    table = table.set_column(2, "coded", pa.chunked_array([plain.dictionary_encode()]))
    safe = csv_table(table)
    expected = [csv_cell(v) for v in values]
    for column in ("text", "large"):
        assert safe[column].to_pylist() == expected
    assert safe["coded"].to_pylist() == expected


def test_numbers_keep_their_type_and_names_are_neutralised():
    table = pa.table({"=name": ["=1"], "n": [-3]})
    safe = csv_table(table)
    assert safe.column_names == ["'=name", "n"] and safe["n"].type == pa.int64()
    frame = csv_frame(pd.DataFrame({"=name": ["=1"], "n": [-3]}))
    assert list(frame.columns) == ["'=name", "n"] and frame.loc[0, "'=name"] == "'=1"
