"""The points CSV of `python -m geodata locate-points`: read by the one CSV reader, written safely.

Reading is `policy.csv_reader.read_csv_table`'s, the reader of the caseload CSV too (pyarrow's
parser, the only one: BOM, delimiter, header, line numbers, blank rows, problems with their
lines). This format's own: its parameters (a row with fewer fields than the header is padded,
`pad`; a field holds at most 131,072 characters, `MAX_FIELD_CHARS`, the limit Python's `csv`
module had; why, see `policy.csv_reader`), the `lon` and `lat` columns, the coordinates read as
Python's float() reads them, and the messages: anything that would lose or invent data stops
the run with one line naming file, line and field.

Writing quotes a field only where CSV needs it, like Python's `csv.writer`, and passes every
text cell through `wording.escape.csv_array` unless the caller asks for the raw text.

No pyarrow array or scalar here is built from Python objects: that conversion makes pyarrow
import pandas (a third of a second and 40 MB the command does not need); `policy.csv_reader`
builds text arrays from their buffers instead.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from geodata.errors import GeodataError, shortened
from policy.csv_reader import (
    HEADER_PROBE_BYTES,
    CsvError,
    Header,
    Problem,
    arrow,
    buffers,
    read_csv_table,
    texts,
    to_numpy,
)
from wording.escape import csv_array

# The columns `locate-points` adds: empty when the point is outside Mali.
ADDED_COLUMNS = ("unit_code", "cercle_pcode", "flags")
MAX_FIELD_CHARS = 131_072
# pyarrow reads a file in blocks and a row must fit in one: the longest row it can read.
BLOCK_BYTES = 16 << 20
ROWS_PER_WRITE = 1 << 18
# Text that Python's float() reads exactly as pyarrow's cast does.
_PLAIN_NUMBER = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"


@dataclass(frozen=True)
class PointsFile:
    """A points CSV as read: the header, every data row as text, and the two coordinates."""

    header: list[str]
    rows: pa.Table  # one string column per header column, data rows only (padded)
    delimiter: str
    quoted: bool  # the file has a quote character: a field may hold a delimiter or a newline
    lons: np.ndarray
    lats: np.ndarray


def _text(value: str) -> pa.Scalar:
    return texts([value])[0]


def _coordinates(column: pa.ChunkedArray) -> tuple[np.ndarray, int | None]:
    """Each value as Python's float() reads it, and the position of the first it cannot read.

    pyarrow's cast reads a subset of what float() reads, to the same number, with one
    exception: it also reads "nan(…)". So a column the cast reads is taken as cast, its NaNs
    checked by float(); any other column is read value by value, plain numbers by the cast.
    """
    try:
        numbers = to_numpy(pc.cast(column, pa.float64()))
        others = np.flatnonzero(np.isnan(numbers))
    except pa.ArrowInvalid:
        plain = pc.match_substring_regex(column, _PLAIN_NUMBER)
        numbers = to_numpy(pc.cast(pc.if_else(plain, column, _text("nan")), pa.float64()))
        others = np.flatnonzero(~to_numpy(plain))
    numbers = numbers.copy() if len(others) else numbers
    for position, text in zip(others, pc.take(column, arrow(others)).to_pylist(), strict=True):
        try:
            numbers[position] = float(text)
        except ValueError:
            return numbers, int(position)
    return numbers, None


def _coordinate_columns(header: list[str], path: Path, first_line: str) -> tuple[int, int]:
    """The positions of lon and lat; the header checked (`policy.csv_reader` asks first)."""
    repeated = sorted({name for name in header if header.count(name) > 1})
    if repeated:
        raise GeodataError(f"{path}: the header repeats the column {', '.join(repeated)}")
    folded = [name.casefold() for name in header]
    positions = []
    for column in ("lon", "lat"):
        found = [number for number, name in enumerate(folded) if name == column]
        if not found:
            raise GeodataError(
                f"{path}: no column {column} (header: {shortened(first_line, 80)!r})"
            )
        if len(found) > 1:
            names = " and ".join(header[number] for number in found)
            raise GeodataError(f"{path}: two {column} columns ({names})")
        positions.append(found[0])
    taken = [column for column in ADDED_COLUMNS if column in folded]
    if taken:
        raise GeodataError(f"{path}: already has the output column {', '.join(taken)}")
    return positions[0], positions[1]


def use_lean_memory_pool() -> None:
    """Let pyarrow allocate with jemalloc where the build has it: for a million rows the
    default pool (mimalloc) keeps about twice as much memory as the data needs."""
    try:
        pa.set_memory_pool(pa.jemalloc_memory_pool())
    except (NotImplementedError, pa.ArrowNotImplementedError):
        pass


def read_points(path: Path) -> PointsFile:
    """The header, rows and coordinates of a points CSV.

    GeodataError naming the file, line and field for anything that would lose or invent data:
    a duplicated column name, no (or two) lon/lat columns, an output column already present,
    a row with more fields than the header, a quote left open, a field longer than
    MAX_FIELD_CHARS, a lon or lat that is not a number. OSError when the file cannot be read.
    """
    header: list[str] = []
    at: list[int] = []

    def check_header(found: Header) -> None:
        header.extend(name.strip() for name in found.names)
        at.extend(_coordinate_columns(header, path, found.first_line))

    try:
        read = read_csv_table(
            path.read_bytes(),
            max_cell_chars=MAX_FIELD_CHARS,
            short_rows="pad",
            block_bytes=BLOCK_BYTES,
            check_header=check_header,
        )
    except CsvError as error:
        raise GeodataError(_message(path, error.problem, header)) from None
    rows = read.table
    problems = [read.problem] if read.problem is not None else []
    coordinates = []
    for position in at:
        values, bad = _coordinates(rows.column(position))
        coordinates.append(values)
        if bad is not None:
            text = rows.column(position)[bad].as_py()
            message = f"field {header[position]}: not a number: {shortened(text)!r}"
            problems.append(Problem("value", int(read.lines[bad]), text=message))
    if problems:  # the first in the file; on one line, the first message in sorted order
        messages = [(*problem.order(), _message(path, problem, header)) for problem in problems]
        raise GeodataError(min(messages)[-1])
    return PointsFile(
        header=header,
        rows=rows,
        delimiter=read.delimiter,
        quoted=read.quoted,
        lons=coordinates[0],
        lats=coordinates[1],
    )


def _message(path: Path, problem: Problem, header: list[str]) -> str:
    """The one-line message for a problem (`policy.csv_reader.Problem`; a coordinate's own
    problem is a `value` problem that carries its message)."""
    where = f"{path}, line {problem.line}"
    if problem.kind == "field_count":
        return f"{where}: more fields than the header has"
    if problem.kind == "too_long":
        name = header[problem.column] or f"number {problem.column + 1}"
        return f"{where}: field {name}: longer than {MAX_FIELD_CHARS:,} characters"
    if problem.kind == "open_quote":
        return f'{where}: a quote (") is opened and never closed'
    if problem.kind == "not_utf8":
        return f"{path}: not UTF-8 text; save the CSV as UTF-8"
    if problem.kind == "header_too_long":
        return f"{where}: the header is longer than {HEADER_PROBE_BYTES:,} bytes"
    if problem.kind == "row_too_long":
        return (
            f"{where}: longer than {BLOCK_BYTES >> 20} MB; a field may hold at most "
            f"{MAX_FIELD_CHARS:,} characters"
        )
    if problem.kind == "value":
        return f"{where}: {problem.text}"
    reason = shortened(" ".join(problem.text.split()), 120)
    return f"{path}: not a readable CSV file ({reason})"


def _csv_cells(column: pa.Array, delimiter: str, raw: bool, may_need_quotes: bool) -> pa.Array:
    """Cells as CSV text: neutralised for spreadsheets (unless raw), quoted where needed.

    Only a file with a quote character can hold a field with a delimiter, quote or line
    break, so `may_need_quotes` False (no quote in the input) skips looking for one.
    """
    if not raw:
        column = csv_array(column)
    if not may_need_quotes:
        return column
    needs_quotes = pc.match_substring_regex(column, "[" + re.escape(delimiter) + '"\r\n]')
    if not pc.any(needs_quotes).as_py():
        return column
    quote, nothing = _text('"'), _text("")
    doubled = pc.replace_substring(column, '"', '""')
    return pc.if_else(needs_quotes, pc.binary_join_element_wise(quote, doubled, quote, nothing),
                      column)  # fmt: skip


def _text_bytes(values: pa.Array) -> memoryview:
    """The values of a string array end to end, straight from its data buffer."""
    offsets, data = buffers(values)
    return data[int(offsets[0]) : int(offsets[-1])].data


def write_points(
    path: Path,
    points: PointsFile,
    added: Sequence[tuple[str, Sequence[str], np.ndarray]],
    raw: bool = False,
) -> None:
    """The rows of `points` and the `added` columns, in the input's delimiter.

    Each added column is (name, labels, picks): row n gets labels[picks[n]], so the labels
    are made CSV-safe once, not once per row.
    """
    delimiter = points.delimiter
    header = texts([*points.header, *(name for name, _, _ in added)])
    header_line = delimiter.join(_csv_cells(header, delimiter, raw, True).to_pylist()) + "\n"
    labels = [_csv_cells(texts(values), delimiter, raw, True) for _, values, _ in added]
    line_end, separator = _text("\n"), _text(delimiter)
    with path.open("wb") as handle:
        handle.write(header_line.encode("utf-8"))
        done = 0
        for batch in points.rows.to_batches(max_chunksize=ROWS_PER_WRITE):
            if batch.num_rows == 0:
                continue
            cells = [_csv_cells(column, delimiter, raw, points.quoted) for column in batch.columns]
            picked = slice(done, done + batch.num_rows)
            for safe, (_, _, picks) in zip(labels, added, strict=True):
                cells.append(safe.take(arrow(picks[picked])))
            cells[-1] = pc.binary_join_element_wise(cells[-1], line_end, _text(""))
            handle.write(_text_bytes(pc.binary_join_element_wise(*cells, separator)))
            done += batch.num_rows
