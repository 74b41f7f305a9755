"""Cells that are safe to open in a spreadsheet (CSV injection, OWASP).

Why: every CSV this project writes ends up in Excel or LibreOffice on an analyst's machine. A
text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read there as
a formula, which can run commands or leak data. OWASP's guidance is to prefix such a cell with a
single quote so the spreadsheet shows it as text. Numbers (``-3.5``, ``+1``) are left alone: they
are not formulas, and a coordinate column must stay numeric.

Both command lines (``python -m policy batch``, ``python -m geodata locate-points``) and the
page's downloads call :func:`neutralise_cell` / :func:`neutralise_frame` (or, for a million
rows, the vectorised :func:`neutralise_table` on a pyarrow table); each CLI has a ``--raw-csv``
flag that writes the text unchanged for users who need it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

import pyarrow as pa
import pyarrow.compute as pc

if TYPE_CHECKING:  # pandas loads only for neutralise_frame: the CLIs start faster without it
    import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A plain number (ASCII digits, as a spreadsheet reads one), after trimming ASCII whitespace.
_NUMBER_PATTERN = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
_NUMBER = re.compile(_NUMBER_PATTERN)
_SPACE = " \t\r\n\f\v"
_FORMULA_START = "^[=+\\-@\t\r]"


def neutralise_cell(value: object) -> object:
    """Return ``value`` with a leading ``'`` when a spreadsheet would read it as a formula.

    Non-text values and text that is a plain number are returned unchanged.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return value
    if _NUMBER.match(value.strip(_SPACE)):
        return value
    return "'" + value


def neutralise_row(values: Iterable[object]) -> list[object]:
    """:func:`neutralise_cell` applied to every cell of one row (``csv.writer`` users)."""
    return [neutralise_cell(value) for value in values]


def neutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` whose text cells (and header) are spreadsheet-safe.

    Only object/string columns are touched, so numeric columns keep their dtype.
    """
    import pandas as pd

    safe = frame.copy()
    for column in safe.columns:
        series = safe[column]
        if series.dtype == object or pd.api.types.is_string_dtype(series):
            mask = series.map(lambda v: isinstance(v, str) and v.startswith(FORMULA_PREFIXES))
            if mask.any():
                safe.loc[mask, column] = series[mask].map(neutralise_cell)
    safe.columns = [neutralise_cell(str(c)) for c in safe.columns]
    return safe


def neutralise_table(table: pa.Table) -> pa.Table:
    """:func:`neutralise_cell` on every text cell and column name of a pyarrow table, vectorised.

    Text columns (string, large string, dictionary of strings) are checked with pyarrow compute;
    a dictionary column is fixed in its dictionary only. Other columns are returned as they are.
    """
    columns = []
    for column in table.columns:
        chunks = [_neutralise_array(chunk) for chunk in column.chunks]
        columns.append(pa.chunked_array(chunks, type=column.type) if chunks else column)
    names = [str(neutralise_cell(name)) for name in table.column_names]
    return pa.table(columns, names=names)


def _neutralise_array(values: pa.Array) -> pa.Array:
    if pa.types.is_dictionary(values.type):
        dictionary = _neutralise_array(values.dictionary)
        if dictionary is values.dictionary:
            return values
        return pa.DictionaryArray.from_arrays(values.indices, dictionary)
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        return values
    risky = pc.match_substring_regex(values, _FORMULA_START)
    if not pc.any(risky).as_py():
        return values
    number = pc.match_substring_regex(pc.utf8_trim(values, _SPACE), _NUMBER_PATTERN)
    fix = pc.and_kleene(risky, pc.invert(number))
    prefixed = pc.binary_join_element_wise(
        pa.scalar("'", values.type), values, pa.scalar("", values.type)
    )
    return pc.if_else(fix, prefixed, values).cast(values.type)
