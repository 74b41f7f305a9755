"""One escaper per output kind: HTML, Markdown and CSV. Every surface calls these, none its own.

Why one module: three Markdown escapers that each escaped different characters meant a name a
user typed could be inert in the memo and a link on the page. Text going into HTML (tooltips,
popups, the offline map) goes through `html`; into Markdown (the page's Markdown elements, the
memo, the Markdown case report) through `markdown`; into a CSV cell through `csv_cell` (or its
vectorised variants `csv_frame`, `csv_table`, `csv_array`).

CSV: cells that are safe to open in a spreadsheet (CSV injection, OWASP). Why: every CSV this
project writes ends up in Excel or LibreOffice on an analyst's machine. A
text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read there as
a formula, which can run commands or leak data. OWASP's guidance is to prefix such a cell with a
single quote so the spreadsheet shows it as text. Numbers (``-3.5``, ``+1``) are left alone: they
are not formulas, and a coordinate column must stay numeric.

Both command lines (``python -m policy batch``, ``python -m geodata locate-points``) and the
page's downloads call :func:`csv_cell` / :func:`csv_frame` (or, for a million rows, the
vectorised :func:`csv_table` / :func:`csv_array` on pyarrow data); each CLI has a ``--raw-csv``
flag that writes the text unchanged for users who need it.
"""

from __future__ import annotations

import html as _html
import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas and pyarrow load only for the CSV writers: the CLIs start faster
    import pandas as pd
    import pyarrow as pa

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
# A plain number (ASCII digits, as a spreadsheet reads one), after trimming ASCII whitespace.
_NUMBER_PATTERN = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
_NUMBER = re.compile(_NUMBER_PATTERN)
_SPACE = " \t\r\n\f\v"
_FORMULA_START = "^[=+\\-@\t\r]"


def csv_cell(value: object) -> object:
    """Return ``value`` with a leading ``'`` when a spreadsheet would read it as a formula.

    Non-text values and text that is a plain number are returned unchanged.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return value
    if _NUMBER.match(value.strip(_SPACE)):
        return value
    return "'" + value


def csv_row(values: Iterable[object]) -> list[object]:
    """:func:`csv_cell` applied to every cell of one row (``csv.writer`` users)."""
    return [csv_cell(value) for value in values]


def csv_frame(frame: pd.DataFrame) -> pd.DataFrame:
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
                safe.loc[mask, column] = series[mask].map(csv_cell)
    safe.columns = [csv_cell(str(c)) for c in safe.columns]
    return safe


def csv_table(table: pa.Table) -> pa.Table:
    """:func:`csv_cell` on every text cell and column name of a pyarrow table, vectorised.

    Text columns (string, large string, dictionary of strings) are checked with pyarrow compute;
    a dictionary column is fixed in its dictionary only. Other columns are returned as they are.
    """
    import pyarrow as pa

    columns = []
    for column in table.columns:
        chunks = [csv_array(chunk) for chunk in column.chunks]
        columns.append(pa.chunked_array(chunks, type=column.type) if chunks else column)
    names = [str(csv_cell(name)) for name in table.column_names]
    return pa.table(columns, names=names)


def csv_array(values: pa.Array) -> pa.Array:
    """:func:`csv_cell` on every value of a pyarrow text (or dictionary of text) array.

    Only the values that start like a formula are looked at again (most that do are numbers:
    a negative longitude), and no pyarrow value is made from a Python object, which would make
    pyarrow import pandas (a third of a second the points command does not need).
    """
    import pyarrow as pa
    import pyarrow.compute as pc

    if pa.types.is_dictionary(values.type):
        dictionary = csv_array(values.dictionary)
        if dictionary is values.dictionary:
            return values
        return pa.DictionaryArray.from_arrays(values.indices, dictionary)
    if not (pa.types.is_string(values.type) or pa.types.is_large_string(values.type)):
        return values
    risky = pc.match_substring_regex(values, _FORMULA_START)
    if not pc.any(risky).as_py():
        return values
    number = pc.match_substring_regex(
        pc.utf8_trim(pc.filter(values, risky), _SPACE), _NUMBER_PATTERN
    )
    if pc.all(number).as_py():
        return values
    fix = pc.replace_with_mask(risky, risky, pc.invert(number))  # risky and not a number
    quote, nothing = _text("'", values.type), _text("", values.type)
    return pc.replace_with_mask(
        values, fix, pc.binary_join_element_wise(quote, pc.filter(values, fix), nothing)
    )


def _text(text: str, kind: pa.DataType) -> pa.Scalar:
    """A pyarrow text scalar built from its buffers (see `csv_array`)."""
    import numpy as np
    import pyarrow as pa

    data = text.encode("utf-8")
    offsets = np.array([0, len(data)], np.int64 if pa.types.is_large_string(kind) else np.int32)
    return pa.Array.from_buffers(kind, 1, [None, pa.py_buffer(offsets), pa.py_buffer(data)])[0]


def html(text: object) -> str:
    """`text` as literal HTML (element text or a quoted attribute value): `& < > " '` escaped."""
    return _html.escape(str(text), quote=True)


# What Markdown (CommonMark, GFM, and Streamlit's directives such as `:red[...]`, `:smile:` and
# `$...$`) would read as markup, escaped with a backslash so it shows as itself. Characters that
# are markup only at the start of a line (a heading, a list, an ordered list) are escaped only
# there, and a colon only before a word (a short code): "C7/23.5.2 Vc (OCHA: Kayes)" stays
# readable in a Markdown file.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*&_{}\[\]<>~$|]|:(?=\S))")
_LINE_START = re.compile(r"^([#+\-=]|\d+[.)])")
_AUTOLINK_START = re.compile(r"(?i)\b(https?|ftp|www)(?=:|\.)")


def markdown(text: object) -> str:
    """`text` as literal Markdown on one line: every character Markdown would read is escaped,
    and line breaks become spaces (a newline could start a heading or a list).

    Used for anything a version file, a user or a link carried: the page's Markdown elements,
    the memo and the Markdown case report. Streamlit's Markdown turns bare addresses into links
    after escapes are resolved (GFM autolinks), so an invisible word break after the scheme or
    "www" keeps a typed address as text: nothing a scenario file says becomes a link.
    """
    unlinked = _AUTOLINK_START.sub("\\1\u200b", " ".join(str(text).split()))
    escaped = _MARKDOWN_SPECIAL.sub(r"\\\1", unlinked)
    return _LINE_START.sub(lambda m: m.group(1)[:-1] + "\\" + m.group(1)[-1], escaped)
