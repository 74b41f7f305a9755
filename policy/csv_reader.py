"""The one CSV reader under the caseload CSV (`policy.case_csv`) and the points CSV
(`geodata.point_csv`): `read_csv_table` reads both, so the two formats cannot drift apart.

Written once here, the same for both formats:

- the byte order mark (a UTF-8 BOM is skipped) and the delimiter (the first of comma,
  semicolon and tab found in the first line; a Dutch spreadsheet writes `;`);
- the header: its names, read before the rows, handed to the caller's check (`check_header`);
- every field read as text, nothing read as missing; blank lines kept as records so that record
  numbers stay line numbers; a row whose fields are all blank (a blank line, spaces, `,,,`)
  is skipped;
- the line mapping: pyarrow numbers records (the header is record 1); a record's line is its
  number plus the line breaks inside the quoted fields of the records before it, as a text
  editor and a spreadsheet count lines;
- the problems, each with its line: a row wider than the header (a field would be lost), a
  field longer than the limit, a quote opened and never closed (pyarrow would read the rest
  of the file into that one field), a byte that is not UTF-8, a row longer than a read block.
  Of several, the first in the file is the one reported.

Three parameters, because the formats differ for a reason:

- `max_cell_chars`: a case's cell is a fact that goes back into a spreadsheet, whose cell holds
  at most 32,767 characters (Excel); a points file passes arbitrary columns through and keeps
  the 131,072 characters Python's `csv` module allowed before it;
- `short_rows` (`ShortRows`): a row with fewer fields than the header is refused (`"refuse"`,
  the caseload: a row cut short would silently answer its missing facts as `false`) or padded
  with empty fields (`"pad"`, the points: each coordinate is checked anyway, an empty `lat` is
  "not a number", and spreadsheets drop trailing empty cells);
- `block_bytes`: the longest row pyarrow can read (the caseload reads in small blocks to keep
  its memory small, and dictionary-encodes its fact columns block by block through `convert`).

The reader words nothing: a problem is a `Problem` (kind, line, figures), and each caller
turns it into its own one-line message.

Nothing here imports pandas, and no pyarrow array is built from Python objects (that makes
pyarrow import pandas, a third of a second and 40 MB `locate-points` does not need): arrays are
built from and read through their buffers.
"""

from __future__ import annotations

import re
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

BOM = b"\xef\xbb\xbf"
DELIMITERS = (",", ";", "\t")
LINE_BREAK = r"\r\n|\r|\n"
# The header is read from the file's first bytes, up to this many (a header longer than this
# is refused with `header_too_long`).
HEADER_PROBE_BYTES = 256 * 1024

# What to do with a row that has fewer fields than the header.
ShortRows = Literal["pad", "refuse"]
# What the caller keeps of each block of data rows (the same rows).
Convert = Callable[[pa.RecordBatch], pa.RecordBatch]
ProblemKind = Literal[
    "field_count",  # a row wider than the header, or shorter under "refuse" (`count`, `text`)
    "too_long",  # a field over `max_cell_chars` (`column`, `count` characters)
    "open_quote",  # a quote opened at the start of a field and never closed
    "not_utf8",  # a byte that is not UTF-8 (`byte`)
    "row_too_long",  # a row longer than a read block
    "header_too_long",  # a header longer than HEADER_PROBE_BYTES
    "unreadable",  # anything else pyarrow refuses (`text`: its reason)
    "value",  # a caller's own problem with a value, weighed by line (`text`: its message)
]


@dataclass(frozen=True)
class Problem:
    """What is wrong with the file, and where; the caller words it."""

    kind: ProblemKind
    line: int | None = None  # None: the reason names no line (`unreadable`)
    column: int = -1  # too_long: the field's column (0 is the first)
    count: int = 0  # field_count: the row's fields; too_long: the field's characters
    expected: int = 0  # field_count: the header's fields
    byte: int = 0  # not_utf8: the first byte that is not UTF-8
    text: str = ""  # field_count: the row as written; unreadable: pyarrow's reason

    def order(self) -> tuple[float, int]:
        """First in the file first; on one line a row's own problem before the quote left
        open in it (`"x` as a lat is "not a number" first)."""
        line = float("inf") if self.line is None else self.line
        return line, int(self.kind == "open_quote")


class CsvError(Exception):
    """The file cannot be read as a table at all: `problem` says why and where."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(f"{problem.kind} at line {problem.line}")
        self.problem = problem


@dataclass(frozen=True)
class Header:
    """The first record as the caller's `check_header` sees it."""

    names: list[str]  # as written (not stripped); empty for a file with nothing but blanks
    delimiter: str
    first_line: str  # the file's first line as text (for a message that echoes it)


@dataclass(frozen=True)
class CsvTable:
    """A CSV file as read: the data rows (the header is not among them), blank rows dropped,
    short rows padded (`"pad"`), each row's line, and the first problem in the file."""

    header: list[str]  # as written (not stripped)
    table: pa.Table  # columns f0, f1, …: text, or what `convert` made of it
    lines: np.ndarray  # the line each row of `table` starts on
    delimiter: str
    quoted: bool  # the file has a quote: a field may hold a delimiter or a line break
    problem: Problem | None  # the first problem in the file (`Problem.order`), if any


def bom_length(head: bytes) -> int:
    """3 when the file starts with a UTF-8 byte order mark, else 0."""
    return len(BOM) if head.startswith(BOM) else 0


def sniff_delimiter(head: bytes, start: int = 0) -> str:
    """`,` unless the first line has none and has `;` (a Dutch spreadsheet's CSV) or a tab."""
    end = head.find(b"\n", start)
    first = head[start : end if end >= 0 else len(head)]
    for delimiter in DELIMITERS:
        if delimiter.encode() in first:
            return delimiter
    return ","


def read_csv_table(
    source: bytes | Path,
    *,
    max_cell_chars: int,
    short_rows: ShortRows,
    block_bytes: int,
    check_header: Callable[[Header], None] | None = None,
    convert: Convert | None = None,
) -> CsvTable:
    """Read a CSV file (its bytes, or a path pyarrow streams block by block).

    `check_header` sees the header before any row is read and raises the caller's own error
    for a header it refuses (a file of nothing but blanks gives no names). `convert` is given
    each block of data rows, as text, and returns what is kept of it (the same rows).

    Problems in the rows come back in `CsvTable.problem` (the caller may have problems of its
    own to weigh against it, by line); a file pyarrow cannot read at all raises CsvError with
    the first problem in it. OSError when the file cannot be read.
    """
    data = _Source(source)
    head = data.head(HEADER_PROBE_BYTES + 1)
    start = bom_length(head)
    delimiter = sniff_delimiter(head, start)
    end = head.find(b"\n", start)
    first_line = head[start : end if end >= 0 else len(head)].decode("utf-8", "replace")
    if not head[start:].strip():
        names: list[str] = []
    else:
        if len(head) <= HEADER_PROBE_BYTES and b"\n" not in head and b"\r" not in head:
            data = _Source(head + b"\n")  # pyarrow cannot read a lone line without its end
        with _quiet_rows_not_utf8():
            names = _header(head, data, start, delimiter)
    if check_header is not None:
        check_header(Header(names, delimiter, first_line))
    if not names:
        return CsvTable([], pa.table({}), np.zeros(0, np.int64), delimiter, False, None)
    reading = _Reading(data, delimiter, len(names), max_cell_chars, block_bytes)
    with _quiet_rows_not_utf8():
        return reading.run(names, short_rows, convert)


@contextmanager
def _quiet_rows_not_utf8() -> Iterator[None]:
    """pyarrow decodes a row of the wrong width as UTF-8 before it hands the row to a handler;
    for a row that is not UTF-8 that fails inside pyarrow, which prints the traceback
    ("Exception ignored") and stops with a parse error, which this reader reports as the line
    that is not UTF-8. The traceback is not printed: a user sees one line. Readings in several
    threads (page sessions) share the one filter; the last to end puts the hook back."""
    global _quiet_readings, _hook_before
    with _quiet_lock:
        if not _quiet_readings:
            _hook_before, sys.unraisablehook = sys.unraisablehook, _unraisable
        _quiet_readings += 1
    try:
        yield
    finally:
        with _quiet_lock:
            _quiet_readings -= 1
            if not _quiet_readings:
                sys.unraisablehook = _hook_before


def _unraisable(unraisable: Any) -> None:
    ours = isinstance(unraisable.object, _RowWidths) or unraisable.object is _skip_row
    if not (ours and isinstance(unraisable.exc_value, UnicodeDecodeError)):
        _hook_before(unraisable)


_quiet_lock = threading.Lock()
_quiet_readings = 0
_hook_before = sys.unraisablehook


class _Source:
    """The bytes of a CSV, in memory or in a file that pyarrow streams: a file is not read
    into memory whole, only an error message that must find a line reads it all."""

    def __init__(self, source: bytes | Path) -> None:
        self._source = source

    def stream(self) -> pa.NativeFile:
        if isinstance(self._source, bytes):
            return pa.BufferReader(self._source)
        return pa.OSFile(str(self._source), "rb")

    def head(self, size: int) -> bytes:
        with self.stream() as stream:
            return stream.read(size)

    def all(self) -> bytes:
        return self._source if isinstance(self._source, bytes) else self._source.read_bytes()

    def count(self, byte: bytes, block_bytes: int) -> int:
        if isinstance(self._source, bytes):
            return self._source.count(byte)
        total = 0
        with self.stream() as stream:
            while chunk := stream.read(block_bytes):
                total += chunk.count(byte)
        return total


def _header(head: bytes, data: _Source, start: int, delimiter: str) -> list[str]:
    """The names of the first record, read from the file's first bytes."""
    end = head.rfind(b"\n", 0, HEADER_PROBE_BYTES)
    if end < 0 and len(head) > HEADER_PROBE_BYTES:
        raise CsvError(Problem("header_too_long", 1))
    probe = head[: end + 1] if end >= 0 else head + b"\n"
    try:
        return pacsv.read_csv(
            pa.BufferReader(probe),
            read_options=pacsv.ReadOptions(use_threads=False),
            # Blank lines kept, as in the reading of the rows: the first record is the header.
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter,
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=_skip_row,
            ),
        ).column_names  # decoded here: a name that is not UTF-8 raises here
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError) as error:
        raise CsvError(_unreadable(data.all(), error, HEADER_PROBE_BYTES)) from None


def _skip_row(row: Any) -> str:
    return "skip"


@dataclass
class _RowWidths:
    """pyarrow's handler for rows whose width differs from the header's, with the rule.

    Every such row is skipped by pyarrow and noted here as (record, fields, text): a row of
    blanks in `blank`, a row to pad in `short`, a row to refuse in `refused`.
    """

    short_rows: ShortRows
    expected: int
    blank: list[tuple[int, int, str]] = field(default_factory=list)
    short: list[tuple[int, int, str]] = field(default_factory=list)
    refused: list[tuple[int, int, str]] = field(default_factory=list)

    def __call__(self, row: Any) -> str:
        noted = (row.number if row.number is not None else -1, row.actual_columns, row.text)
        if not row.text.strip():
            self.blank.append(noted)
        elif self.short_rows == "pad" and row.actual_columns < self.expected:
            self.short.append(noted)
        else:
            self.refused.append(noted)
        return "skip"


class _Reading:
    """One reading of a file's rows: its blocks in record order, then the short rows padded;
    each block checked for too long fields, its line breaks counted, its blank rows found."""

    def __init__(self, data: _Source, delimiter: str, width: int, limit: int, block: int) -> None:
        self.data, self.delimiter, self.width = data, delimiter, width
        self.limit, self.block_bytes = limit, block
        self.batches: list[pa.RecordBatch] = []
        self.blank: list[np.ndarray] = []
        self.breaks: list[np.ndarray] = []
        # (row, column, characters): the first in the rows read, the first in the rows padded
        self.too_long: list[tuple[int, int, int]] = []
        self.look = True  # for a field over the limit
        self.rows = 0  # rows read, the header included

    def options(
        self, width: int, quoted: bool, handler: Any
    ) -> tuple[pacsv.ReadOptions, pacsv.ParseOptions, pacsv.ConvertOptions]:
        """Every field as text, no value missing, blank lines kept (record numbers stay line
        numbers), a line break inside a value only where the file has a quote; one thread,
        so that pyarrow numbers every row it skips."""
        return (
            pacsv.ReadOptions(
                use_threads=False, block_size=self.block_bytes, autogenerate_column_names=True
            ),
            pacsv.ParseOptions(
                delimiter=self.delimiter,
                newlines_in_values=quoted,
                ignore_empty_lines=False,
                invalid_row_handler=handler,
            ),
            pacsv.ConvertOptions(
                column_types={f"f{number}": pa.string() for number in range(width)},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )

    def add(self, batch: pa.RecordBatch, convert: Convert | None, header: bool) -> None:
        """One block: `convert` may shrink it (the caseload dictionary-encodes its facts)
        before the next one is read."""
        if batch.num_columns != self.width:  # never seen: the header read differently
            raise CsvError(Problem("unreadable", text="the header reads differently"))
        found = first_too_long(batch.columns, self.limit) if self.look else None
        if found is not None:
            self.too_long.append((self.rows + found[0], found[1], found[2]))
            self.look = False
        if self.quoted:  # a field spans lines only inside quotes
            self.breaks.append(row_line_breaks(batch.columns, batch.num_rows))
        self.rows += batch.num_rows
        rows = batch.slice(1) if header else batch
        self.blank.append(_blank_rows(rows))
        self.batches.append(convert(rows) if convert is not None else rows)

    def run(self, names: list[str], short_rows: ShortRows, convert: Convert | None) -> CsvTable:
        quotes = self.data.count(b'"', self.block_bytes)
        self.quoted = quotes > 0
        open_quote = unclosed_quote(self.data.all(), self.delimiter) if quotes % 2 else None
        problems = [Problem("open_quote", open_quote)] if open_quote is not None else []
        widths = _RowWidths(short_rows, self.width)
        try:
            with self.data.stream() as stream:
                reader = pacsv.open_csv(stream, *self.options(self.width, self.quoted, widths))
                for batch in reader:
                    self.add(batch, convert, header=not self.rows)
            total = self.rows + len(widths.blank + widths.short + widths.refused)  # records
            if widths.short:  # after the rows read, in the same blocks' steps
                self.look = True
                for batch in self.padded(widths.short).to_batches():
                    self.add(batch, convert, header=False)
        except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError) as error:
            problems.append(_unreadable(self.data.all(), error, self.block_bytes))
            raise CsvError(min(problems, key=Problem.order)) from None
        # The records of the rows read (the header first), then of the rows padded.
        set_aside = [record for record, _, _ in widths.blank + widths.short + widths.refused]
        records = np.arange(1, total + 1, dtype=np.int64)
        if set_aside:
            records = np.delete(records, np.array(set_aside, np.int64) - 1)
            short = np.array([record for record, _, _ in widths.short], np.int64)
            records = np.concatenate([records, short])
        # A record's line: its number plus the line breaks of every record before it.
        line_of = np.arange(total + 1, dtype=np.int64) if self.quoted else None
        if line_of is not None:
            breaks = np.zeros(total + 1, dtype=np.int64)
            breaks[records] = np.concatenate(self.breaks)
            for record, _, text in widths.blank + widths.refused:
                breaks[record] = len(re.findall(LINE_BREAK, text))
            line_of += np.cumsum(breaks) - breaks
        lines = line_of[records] if line_of is not None else records
        for record, fields, text in widths.refused[:1]:
            line = int(line_of[record]) if line_of is not None else record
            problems.append(Problem("field_count", line, -1, fields, self.width, text=text))
        for row, column, characters in self.too_long:
            problems.append(Problem("too_long", int(lines[row]), column, characters))
        table, keep, lines = (
            pa.Table.from_batches(self.batches),
            ~np.concatenate(self.blank),
            lines[1:],
        )
        if widths.short:  # the rows padded to their places (lines rise with records)
            order = np.argsort(records[1:], kind="stable")
            table, keep, lines = table.take(arrow(order)), keep[order], lines[order]
        if not keep.all():
            table, lines = table.filter(arrow(keep)), lines[keep]
        problem = min(problems, key=Problem.order) if problems else None
        return CsvTable(names, table, lines, self.delimiter, self.quoted, problem)

    def padded(self, short: list[tuple[int, int, str]]) -> pa.Table:
        """Rows with fewer fields than the header, read again by the same reader, all rows of
        one width together, padded with empty fields; in the order given."""
        names = [f"f{number}" for number in range(self.width)]
        pieces, order = [], []
        for actual in sorted({actual for _, actual, _ in short}):
            group = [number for number, (_, size, _) in enumerate(short) if size == actual]
            text = "".join(short[number][2] + "\n" for number in group).encode("utf-8")
            again = _RowWidths("refuse", actual)
            read, parse, convert = self.options(actual, True, again)
            part = pacsv.read_csv(
                pa.py_buffer(text), read_options=read, parse_options=parse, convert_options=convert
            )
            if again.blank or again.refused or part.num_rows != len(group):
                raise CsvError(Problem("unreadable", text="a short row cannot be read again"))
            fill = texts([""] * part.num_rows)
            columns = [part.column(n) if n < actual else fill for n in range(self.width)]
            pieces.append(pa.table(columns, names=names))
            order.extend(group)
        return pa.concat_tables(pieces).take(arrow(np.argsort(order, kind="stable")))


def _blank_rows(rows: pa.RecordBatch | pa.Table) -> np.ndarray:
    """Rows whose every field is empty or blanks; the first column decides cheaply."""
    blank = _blank(rows.column(0))
    if not blank.any():
        return blank
    for values in rows.columns[1:]:
        candidates = np.flatnonzero(blank)
        blank[candidates] = _blank(values.take(arrow(candidates)))
    return blank


def _blank(values: pa.ChunkedArray | pa.Array) -> np.ndarray:
    return byte_lengths(pc.utf8_trim_whitespace(values)) == 0


def _unreadable(raw: bytes, error: Exception, block_bytes: int) -> Problem:
    """Why pyarrow cannot read the file: a byte that is not UTF-8 (with its line), a row
    longer than a block (with its line), or pyarrow's own reason."""
    found = utf8_error(raw)
    if found is not None:
        return Problem("not_utf8", found[0], byte=found[1])
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if "straddling" in reason:
        return Problem("row_too_long", _too_long_line(raw, block_bytes))
    return Problem("unreadable", text=reason)


def _too_long_line(raw: bytes, block_bytes: int) -> int:
    """The first line longer than a block (the row pyarrow could not read), counting \\n."""
    ends = np.flatnonzero(np.frombuffer(raw, np.uint8) == ord("\n"))
    starts = np.concatenate([[0], ends + 1])
    ends = np.concatenate([ends, [len(raw)]])
    return int(np.argmax(ends - starts > block_bytes)) + 1


def texts(values: Sequence[str]) -> pa.Array:
    """A pyarrow string array built from its buffers (no pandas import, see the docstring)."""
    encoded = [value.encode("utf-8") for value in values]
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(value) for value in encoded], out=offsets[1:])
    if offsets[-1] < 2**31:
        offsets_buffer, kind = pa.py_buffer(offsets.astype(np.int32)), pa.string()
    else:
        offsets_buffer, kind = pa.py_buffer(offsets), pa.large_string()
    data = pa.py_buffer(b"".join(encoded))
    return pa.Array.from_buffers(kind, len(encoded), [None, offsets_buffer, data])


def arrow(values: np.ndarray) -> pa.Array:
    """A numpy array of integers (as int64) or booleans as a pyarrow array, from its buffer."""
    if values.dtype == bool:
        bits = np.packbits(values, bitorder="little")
        return pa.Array.from_buffers(pa.bool_(), len(values), [None, pa.py_buffer(bits)])
    numbers = np.ascontiguousarray(values, dtype=np.int64)
    return pa.Array.from_buffers(pa.int64(), len(numbers), [None, pa.py_buffer(numbers)])


def buffers(values: pa.Array) -> tuple[np.ndarray, np.ndarray]:
    """The offsets (one per value, plus the end) and the bytes of a string array."""
    offset_type = np.int64 if pa.types.is_large_string(values.type) else np.int32
    parts = values.buffers()
    offsets = np.frombuffer(parts[1], offset_type)[values.offset : values.offset + len(values) + 1]
    data = np.frombuffer(parts[2], np.uint8) if parts[2] is not None else np.empty(0, np.uint8)
    return offsets, data


_NUMPY_TYPES = {pa.float64(): np.float64, pa.int32(): np.int32, pa.int64(): np.int64}


def to_numpy(values: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """A column of numbers or booleans without nulls as a numpy array, read from its buffers
    (pyarrow's own to_numpy goes through pandas)."""
    chunks = values.chunks if isinstance(values, pa.ChunkedArray) else [values]
    boolean = pa.types.is_boolean(values.type)
    parts = [np.empty(0, dtype=bool if boolean else _NUMPY_TYPES[values.type])]
    for chunk in chunks:
        if len(chunk) == 0:
            continue
        if chunk.null_count:
            raise ValueError("a column with missing values")  # not made by this module
        buffer = np.frombuffer(chunk.buffers()[1], np.uint8)
        if boolean:
            bits = np.unpackbits(buffer, bitorder="little")
            parts.append(bits[chunk.offset : chunk.offset + len(chunk)].view(bool))
        else:
            numbers = buffer.view(_NUMPY_TYPES[chunk.type])
            parts.append(numbers[chunk.offset : chunk.offset + len(chunk)])
    return parts[-1] if len(parts) == 2 else np.concatenate(parts)


def byte_lengths(column: pa.ChunkedArray | pa.Array) -> np.ndarray:
    """The length in bytes of every value of a string column."""
    chunks = column.chunks if isinstance(column, pa.ChunkedArray) else [column]
    lengths = [np.diff(buffers(chunk)[0]) for chunk in chunks]
    return np.concatenate(lengths) if lengths else np.empty(0, np.int64)


def row_line_breaks(columns: Sequence[pa.ChunkedArray | pa.Array], rows: int) -> np.ndarray:
    """The line breaks inside the fields of each row (only a quoted field can hold one)."""
    total = np.zeros(rows, dtype=np.int64)
    for column in columns:
        total += to_numpy(pc.count_substring_regex(column, LINE_BREAK))
    return total


def first_too_long(
    columns: Sequence[pa.ChunkedArray | pa.Array], limit: int
) -> tuple[int, int, int] | None:
    """(row, column, characters) of the first field, row by row, longer than `limit`
    characters. A column whose values have no more bytes than `limit` is passed over unread:
    a character is at least one byte."""
    found: tuple[int, int, int] | None = None
    for number, column in enumerate(columns):
        if byte_lengths(column).max(initial=0) <= limit:
            continue
        over = np.flatnonzero(to_numpy(pc.utf8_length(column)) > limit)
        if len(over) and (found is None or int(over[0]) < found[0]):
            row = int(over[0])
            length = int(to_numpy(pc.utf8_length(column.slice(row, 1)))[0])
            found = (row, number, length)
    return found


def utf8_error(raw: bytes) -> tuple[int, int] | None:
    """(line, byte) of the first byte that is not UTF-8, or None for UTF-8 text."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        return raw.count(b"\n", 0, bad.start) + 1, raw[bad.start]
    return None


def unclosed_quote(raw: bytes, delimiter: str) -> int | None:
    """The line of a quote that opens a field and is never closed, as pyarrow reads quotes:
    only a quote at the start of a field opens one; `""` inside it is a quote.

    pyarrow reads such a quote as if it were closed at the end of the file: every row after it
    would vanish into one field. Call it when the file holds an odd number of quotes."""
    field_start = {ord(delimiter), 0x0A, 0x0D}
    inside = False
    opened = 0
    position = 0
    while (position := raw.find(b'"', position)) >= 0:
        if not inside:
            at_start = position == 0 or (position == 3 and raw.startswith(BOM))
            if at_start or raw[position - 1] in field_start:
                inside, opened = True, position
        elif raw[position + 1 : position + 2] == b'"':
            position += 1
        else:
            inside = False
        position += 1
    return raw.count(b"\n", 0, opened) + 1 if inside else None
