"""The one CSV reading layer under the caseload CSV (`policy.case_csv`) and the points CSV
(`geodata.point_csv`): the rules both formats share, written once.

Both formats are read by pyarrow's CSV reader; what they share lives here, so the two readers
cannot drift apart again:

- the byte order mark (a UTF-8 BOM is skipped) and the delimiter (the first of comma,
  semicolon and tab found in the first line; a Dutch spreadsheet writes `;`);
- the options handed to pyarrow: every field read as text, nothing read as missing, blank lines
  kept as records so that record numbers stay line numbers;
- the row-width rule, a parameter (`ShortRows`): a row with more fields than the header is always
  refused (a field would be lost); a row with fewer is padded with empty fields (`"pad"`) or
  refused (`"refuse"`); a row whose text is only blanks is skipped either way;
- the line mapping: pyarrow numbers records (the header is record 1); a record's line is its
  number plus the line breaks inside the quoted fields of the records before it, as a text
  editor and a spreadsheet count lines;
- the field limit, a parameter: the first field longer than `limit` characters;
- the line of the first byte that is not UTF-8, and of a quote opened and never closed.

Why the two parameters stay parameters. The field limit differs with reason: a case's cell is
a fact that goes back into a spreadsheet, whose cell holds at most 32,767 characters (Excel);
a points file passes arbitrary columns through and keeps the 131,072 characters Python's `csv`
module allowed before it. The short-row rule differs with reason too: a caseload row cut short
would silently answer its missing facts as `false`, so it is refused; a points row cut short
still has its coordinates checked one by one (an empty `lat` is "not a number"), and spreadsheets
drop trailing empty cells, so it is padded.

Where the two readers differed without reason, the caseload reader's rule now holds for both:
a row of nothing but blanks (spaces, tabs) is skipped as a blank line (the points reader used to
stop at it with "not a number" although such a line holds no data at all); and a quote opened
and never closed is refused with its line (the points reader let pyarrow read the rest of the
file into that one field, its rows lost without a word).

Nothing here imports pandas, and no pyarrow array is built from Python objects (that makes
pyarrow import pandas, a third of a second and 40 MB `locate-points` does not need): arrays are
built from and read through their buffers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv

BOM = b"\xef\xbb\xbf"
DELIMITERS = (",", ";", "\t")
LINE_BREAK = r"\r\n|\r|\n"

# What to do with a row that has fewer fields than the header.
ShortRows = Literal["pad", "refuse"]


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


def text_options(
    delimiter: str,
    columns: Sequence[str],
    handler: Any,
    block_bytes: int,
    quoted: bool = True,
    threads: bool = False,
    autogenerate_names: bool = False,
) -> tuple[pacsv.ReadOptions, pacsv.ParseOptions, pacsv.ConvertOptions]:
    """pyarrow's options for a file of text fields: every column in `columns` read as text,
    no value read as missing, blank lines kept (so record numbers stay line numbers), a line
    break inside a value allowed only where the file has a quote (`quoted`)."""
    return (
        pacsv.ReadOptions(
            use_threads=threads,
            block_size=block_bytes,
            autogenerate_column_names=autogenerate_names,
        ),
        pacsv.ParseOptions(
            delimiter=delimiter,
            newlines_in_values=quoted,
            ignore_empty_lines=False,
            invalid_row_handler=handler,
        ),
        pacsv.ConvertOptions(
            column_types={column: pa.string() for column in columns},
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )


@dataclass
class RowWidths:
    """pyarrow's handler for rows whose width differs from the header's, with the rule.

    Every such row is skipped by pyarrow and noted here as (record, fields, text): a row of
    blanks in `blank`, a row to pad in `short`, a row to refuse in `refused`. With `stop`, the
    first refused row ends the reading at once (pyarrow raises), for a reader that streams.
    """

    short_rows: ShortRows
    expected: int = 0  # the header's width; 0: unknown, the reader compares later
    stop: bool = False
    blank: list[tuple[int, str]] = field(default_factory=list)
    short: list[tuple[int, int, str]] = field(default_factory=list)
    refused: list[tuple[int, int, str]] = field(default_factory=list)

    def __call__(self, row: Any) -> str:
        number = row.number if row.number is not None else -1
        if not row.text.strip():
            self.blank.append((number, row.text))
            return "skip"
        if self.short_rows == "pad" and self.expected and row.actual_columns < self.expected:
            self.short.append((number, row.actual_columns, row.text))
            return "skip"
        self.refused.append((number, row.actual_columns, row.text))
        return "error" if self.stop else "skip"


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


def record_lines(records: np.ndarray, breaks: np.ndarray) -> np.ndarray:
    """The line each record starts on.

    `records` are pyarrow's record numbers in ascending order (the header is 1, every line read
    is one), `breaks` the line breaks inside each of them (0 for a file without quotes). A
    record's line is its number plus the breaks of every record before it.
    """
    before = np.concatenate(([0], np.cumsum(breaks)[:-1])) if len(breaks) else breaks
    return records + before


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


def line_of_record(record: int, records: np.ndarray, breaks: np.ndarray) -> int:
    """The line record `record` starts on, `records` and `breaks` as for `record_lines`; the
    record itself need not be among them (a row that was refused, say)."""
    return int(record + breaks[records < record].sum())


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
