"""Cells that are safe to open in a spreadsheet (CSV injection, OWASP).

Why: every CSV this project writes ends up in Excel or LibreOffice on an analyst's machine. A
text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return is read there as
a formula, which can run commands or leak data. OWASP's guidance is to prefix such a cell with a
single quote so the spreadsheet shows it as text. Numbers (``-3.5``, ``+1``) are left alone: they
are not formulas, and a coordinate column must stay numeric.

Both command lines (``python -m policy batch``, ``python -m geodata locate-points``) and the
page's downloads call :func:`neutralise_cell` / :func:`neutralise_frame`; each CLI has a
``--raw-csv`` flag that writes the text unchanged for users who need it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas loads only for neutralise_frame: the CLIs start faster without it
    import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")


def neutralise_cell(value: object) -> object:
    """Return ``value`` with a leading ``'`` when a spreadsheet would read it as a formula.

    Non-text values and text that is a plain number are returned unchanged.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_PREFIXES):
        return value
    if _NUMBER.match(value.strip()):
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
