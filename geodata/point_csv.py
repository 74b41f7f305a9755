"""The points CSV of `python -m geodata locate-points`: read with one parser, written safely.

Why pyarrow's CSV reader: Python's `csv` module needs about 2.5 s for a million rows before a
single point is located, and its field size limit (131,072 characters) ended in a traceback.
pyarrow parses the same file in a fraction of that, in parallel, and is the only parser: the
line numbers in error messages come from its own reading, never from a second parser that
might split the file differently.

Reading is `policy.csv_reader`'s, the layer the caseload CSV is read by too: UTF-8 (a BOM is
dropped), the delimiter is the first of comma, semicolon and tab found in the first line, every
field is kept as text, line numbers count blank lines and breaks inside quotes, a row with every
field empty or blank (a blank line, `,,` as spreadsheets write one) is skipped. This format's
parameters: a row with fewer fields than the header is padded with empty fields (`pad`), a
field holds at most 131,072 characters (`MAX_FIELD_CHARS`); why, see `policy.csv_reader`.
Anything that would lose or invent data stops the run with one line naming file, line and field.

Writing quotes a field only where CSV needs it, like Python's `csv.writer`, and passes every
text cell through `wording.escape` unless the caller asks for the raw text.

No pyarrow array or scalar here is built from Python objects: that conversion makes pyarrow
import pandas (a third of a second and 40 MB the command does not need). `policy.csv_reader`
builds text arrays from their buffers instead, and numpy does the arithmetic on results.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pcsv

from geodata.errors import GeodataError, shortened
from policy.csv_reader import (
    RowWidths,
    arrow,
    bom_length,
    buffers,
    byte_lengths,
    first_too_long,
    line_of_record,
    row_line_breaks,
    sniff_delimiter,
    text_options,
    texts,
    to_numpy,
    unclosed_quote,
)
from wording.escape import FORMULA_PREFIXES, csv_cell

# The columns `locate-points` adds: empty when the point is outside Mali.
ADDED_COLUMNS = ("unit_code", "cercle_pcode", "flags")
MAX_FIELD_CHARS = 131_072
# pyarrow reads a file in blocks and a row must fit in one: the longest row it can read.
BLOCK_BYTES = 16 << 20
ROWS_PER_WRITE = 1 << 18
# Enough column types for any sensible file; a wider file is read again with more.
_TYPED_COLUMNS = 1024
# Text that Python's float() reads exactly as pyarrow's cast does.
_PLAIN_NUMBER = r"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$"
_FORMULA_BYTES = np.frombuffer("".join(FORMULA_PREFIXES).encode("ascii"), np.uint8)


@dataclass(frozen=True)
class PointsFile:
    """A points CSV as read: the header, every data row as text, and the two coordinates."""

    header: list[str]
    rows: pa.Table  # one string column per header column, data rows only (padded)
    delimiter: str
    quoted: bool  # the file has a quote character: a field may hold a delimiter or a newline
    lons: np.ndarray
    lats: np.ndarray


@dataclass(frozen=True)
class _Parsed:
    """pyarrow's table of the file (header as row 0) and each row's record number."""

    table: pa.Table
    records: np.ndarray  # the header is record 1; a blank line is a record too
    longer: list[int]  # records of rows with more fields than the header


def _text(value: str) -> pa.Scalar:
    return texts([value])[0]


def _too_long_line(data: pa.Buffer) -> int:
    """The first line longer than a block (the row pyarrow could not read), counting \\n."""
    ends = np.flatnonzero(np.frombuffer(data, np.uint8) == ord("\n"))
    starts = np.concatenate([[0], ends + 1])
    ends = np.concatenate([ends, [data.size]])
    return int(np.argmax(ends - starts > BLOCK_BYTES)) + 1


def _read_table(
    data: pa.Buffer,
    delimiter: str,
    quoted: bool,
    columns: int,
    path: Path,
    threads: bool,
    widths: RowWidths,
) -> pa.Table:
    """The file as a table of text (header as row 0); rows whose width is wrong go to `widths`."""
    read, parse, convert = text_options(
        delimiter,
        [f"f{number}" for number in range(columns)],
        widths,
        BLOCK_BYTES,
        quoted=quoted,
        threads=threads,
        autogenerate_names=True,
    )
    try:
        return pcsv.read_csv(
            data, read_options=read, parse_options=parse, convert_options=convert
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError) as error:
        reason = str(error)
        if "UTF8" in reason or "UTF-8" in reason:
            raise GeodataError(f"{path}: not UTF-8 text; save the CSV as UTF-8") from None
        if "straddling" in reason:
            raise GeodataError(
                f"{path}, line {_too_long_line(data)}: longer than {BLOCK_BYTES >> 20} MB; a"
                f" field may hold at most {MAX_FIELD_CHARS:,} characters"
            ) from None
        reason = shortened(" ".join(reason.split()), 120)
        raise GeodataError(f"{path}: not a readable CSV file ({reason})") from None


def _pad_short_rows(
    short: list[tuple[int, str]], delimiter: str, quoted: bool, width: int, path: Path
) -> pa.Table:
    """Rows with fewer fields than the header, as (fields, text): read again by the same
    reader, all rows of one width together, and padded with empty fields; in the given order."""
    names = [f"f{number}" for number in range(width)]
    pieces, order = [], []
    for actual in sorted({actual for actual, _ in short}):
        group = [number for number, (size, _) in enumerate(short) if size == actual]
        text = "".join(short[number][1] + "\n" for number in group).encode("utf-8")
        again = RowWidths("refuse")
        part = _read_table(pa.py_buffer(text), delimiter, quoted, actual, path, False, again)
        if again.blank or again.refused or part.num_rows != len(group):
            raise GeodataError(f"{path}: rows with too few fields cannot be read again alone")
        fill = texts([""] * part.num_rows)
        pieces.append(
            pa.table([part.column(n) if n < actual else fill for n in range(width)], names=names)
        )
        order.extend(group)
    return pa.concat_tables(pieces).take(arrow(np.argsort(order, kind="stable")))


def _parse(data: pa.Buffer, delimiter: str, quoted: bool, path: Path) -> _Parsed:
    """The table, its record numbers and the records of rows longer than the header.

    The short-row rule of this format is `pad` (see `policy.csv_reader`)."""
    widths = RowWidths("pad")
    table = _read_table(data, delimiter, quoted, _TYPED_COLUMNS, path, True, widths)
    if table.num_columns > _TYPED_COLUMNS:
        widths = RowWidths("pad")
        table = _read_table(data, delimiter, quoted, table.num_columns, path, True, widths)
    if not (widths.blank or widths.short or widths.refused):
        return _Parsed(table, np.arange(1, table.num_rows + 1, dtype=np.int64), [])
    # Only a reading on one thread knows where the skipped rows were.
    width = table.num_columns
    widths = RowWidths("pad", expected=width)
    table = _read_table(data, delimiter, quoted, width, path, False, widths)
    short, longer = widths.short, [number for number, _, _ in widths.refused]
    skipped = np.array(
        [number for number, _ in widths.blank] + [number for number, _, _ in short] + longer,
        dtype=np.int64,
    )
    assert (skipped > 0).all(), "a reading on one thread numbers every row"
    kept = np.setdiff1d(np.arange(1, table.num_rows + len(skipped) + 1), skipped)
    if not short:
        return _Parsed(table, kept, longer)
    padded = _pad_short_rows([(actual, text) for _, actual, text in short], delimiter, quoted,
                             width, path)  # fmt: skip
    merged = pa.concat_tables([table, padded.rename_columns(table.column_names)])
    records = np.concatenate([kept, np.array([number for number, _, _ in short], np.int64)])
    order = np.argsort(records, kind="stable")
    return _Parsed(merged.take(arrow(order)), records[order], longer)


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


def _line_of(record: int, table: pa.Table, records: np.ndarray, quoted: bool) -> int:
    """The line a record starts on (`policy.csv_reader.line_of_record`); only a quoted value
    can hold a line break."""
    if not quoted:
        return record
    before = int(np.searchsorted(records, record))
    breaks = row_line_breaks(table.slice(0, before).columns, before)
    return line_of_record(record, records[:before], breaks)


def _blank(column: pa.ChunkedArray) -> np.ndarray:
    """Values that are empty or only blanks (a row of them is skipped, `policy.csv_reader`)."""
    return byte_lengths(pc.utf8_trim_whitespace(column)) == 0


def _coordinate_columns(header: list[str], path: Path, first_line: str) -> tuple[int, int]:
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


def _read(path: Path) -> tuple[str, str, bool, int | None, _Parsed]:
    """The first line, the delimiter, whether the file has quotes, the line of a quote that is
    opened and never closed (pyarrow would read the rest of the file as one field), and
    pyarrow's table.

    The file's bytes are let go on return: the table holds its own copy of the text.
    """
    data = path.read_bytes()
    start = bom_length(data)
    end = data.find(b"\n", start)
    try:
        first_line = data[start : end if end >= 0 else len(data)].decode("utf-8")
    except UnicodeDecodeError:
        raise GeodataError(f"{path}: not UTF-8 text; save the CSV as UTF-8") from None
    delimiter = sniff_delimiter(data, start)
    if start == len(data):
        _coordinate_columns([], path, first_line)  # an empty file: no column lon
    if b"\n" not in data and b"\r" not in data:
        data += b"\n"  # pyarrow cannot read a lone line without its end
    quoted = b'"' in data
    open_quote = unclosed_quote(data, delimiter) if data.count(b'"') % 2 else None
    return (
        first_line,
        delimiter,
        quoted,
        open_quote,
        _parse(pa.py_buffer(data)[start:], delimiter, quoted, path),
    )


def read_points(path: Path) -> PointsFile:
    """The header, rows and coordinates of a points CSV.

    GeodataError naming the file, line and field for anything that would lose or invent data:
    a duplicated column name, no (or two) lon/lat columns, an output column already present,
    a row with more fields than the header, a quote left open, a field longer than
    MAX_FIELD_CHARS, a lon or lat
    that is not a number. OSError when the file cannot be read.
    """
    first_line, delimiter, quoted, open_quote, parsed = _read(path)
    table = parsed.table
    header = [column[0].as_py().strip() for column in table.columns]
    lon_at, lat_at = _coordinate_columns(header, path, first_line)

    rows, records = table.slice(1), parsed.records[1:]
    empty = _blank(rows.column(0))
    if empty.any():  # only then look at the other columns
        for column in rows.columns[1:]:
            empty &= _blank(column)
        rows, records = rows.filter(arrow(~empty)), records[~empty]

    problems: list[tuple[int, str]] = []  # (record, message)
    if parsed.longer:
        problems.append((min(parsed.longer), "more fields than the header has"))
    too_long = first_too_long(table.columns, MAX_FIELD_CHARS)
    if too_long is not None:
        row, number, _ = too_long
        name = header[number] or f"number {number + 1}"
        message = f"field {name}: longer than {MAX_FIELD_CHARS:,} characters"
        problems.append((int(parsed.records[row]), message))
    coordinates = []
    for position in (lon_at, lat_at):
        values, bad = _coordinates(rows.column(position))
        coordinates.append(values)
        if bad is not None:
            text = rows.column(position)[bad].as_py()
            message = f"field {header[position]}: not a number: {shortened(text)!r}"
            problems.append((int(records[bad]), message))
    # (line, rank, message): on the same line a field's own problem is named before the quote
    # left open in it (`"x` as a lat is "not a number" first).
    lines = [(_line_of(record, table, parsed.records, quoted), 0, message)
             for record, message in problems]  # fmt: skip
    if open_quote is not None:
        lines.append((open_quote, 1, 'a quote (") is opened and never closed'))
    if lines:
        line, _, message = min(lines)
        raise GeodataError(f"{path}, line {line}: {message}")
    return PointsFile(
        header=header,
        rows=rows.rename_columns([f"f{number}" for number in range(len(header))]),
        delimiter=delimiter,
        quoted=quoted,
        lons=coordinates[0],
        lats=coordinates[1],
    )


def _first_bytes(values: pa.Array) -> np.ndarray:
    """The first byte of each value (0 for an empty one), read from the buffers directly."""
    offsets, data = buffers(values)
    first = np.zeros(len(values), dtype=np.uint8)
    filled = offsets[1:] > offsets[:-1]
    first[filled] = data[offsets[:-1][filled]]
    return first


def neutralise_texts(column: pa.Array) -> pa.Array:
    """`wording.escape.csv_cell` on every value of a text column, vectorised.

    Values that start like a formula and are not plain numbers (most that do are plain
    numbers: a negative longitude) are passed to `csv_cell` one by one, so the rule is
    the same as everywhere else in the project.
    """
    starts = np.flatnonzero(np.isin(_first_bytes(column), _FORMULA_BYTES))
    if not len(starts):
        return column
    candidates = pc.take(column, arrow(starts))
    plain = to_numpy(pc.match_substring_regex(candidates, _PLAIN_NUMBER))
    positions = starts[~plain]
    if not len(positions):
        return column
    safe = [csv_cell(text) for text in pc.take(column, arrow(positions)).to_pylist()]
    mask = np.zeros(len(column), dtype=bool)
    mask[positions] = True
    safe_texts = cast(list[str], safe)  # csv_cell keeps a text a text
    return pc.replace_with_mask(column, arrow(mask), texts(safe_texts).cast(column.type))


def _csv_cells(column: pa.Array, delimiter: str, raw: bool, may_need_quotes: bool) -> pa.Array:
    """Cells as CSV text: neutralised for spreadsheets (unless raw), quoted where needed.

    Only a file with a quote character can hold a field with a delimiter, quote or line
    break, so `may_need_quotes` False (no quote in the input) skips looking for one.
    """
    if not raw:
        column = neutralise_texts(column)
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
