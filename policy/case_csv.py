"""Reading a caseload CSV: one parser (pyarrow's), every problem one line with file, line, column.

Why one reader: the command line (`python -m policy batch`) and the page's caseload upload must
accept and refuse the same files and name the same line for the same mistake. Why pyarrow: it
reads a million cases in a fraction of a second, checks UTF-8 as it goes, and keeps every cell as
the text that was written (`0012` stays `0012`).

Line numbers are the file's own lines, the header being line 1, as a text editor and a
spreadsheet show them: blank lines and cells that span lines are counted, not skipped over.
A row whose every cell is blank (a blank line, a line of spaces, `,,,,`) is skipped.
"""

from __future__ import annotations

import os
import re
from pathlib import Path
from typing import IO, Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pacsv
from rapidfuzz import fuzz, process

from policy.batch import (
    FACT_COLUMNS,
    LINE_INDEX,
    OUTPUT_COLUMNS,
    BatchInputError,
    decode_cases,
)
from policy.csv_safety import neutralise_table
from policy.messages import quoted, shorten
from policy.models import PolicyVersion

# A caseload uploaded on the page: 50 MB is about 900,000 cases of the example's shape.
MAX_UPLOAD_BYTES = 50 * 1024 * 1024
# The command line reads the whole file into memory; 512 MB is about 9 million cases.
MAX_FILE_BYTES = 512 * 1024 * 1024
# A spreadsheet cell holds at most 32,767 characters (Excel); a longer cell is not a case fact
# and would be cut when the output is opened.
MAX_CELL_CHARS = 32_767
_BOM = b"\xef\xbb\xbf"
_DELIMITERS = (",", ";", "\t")
# Rows larger than one block cannot be parsed; a row this long is refused anyway.
_BLOCK_BYTES = 4 * 1024 * 1024
_HEADER_PROBE_BYTES = 256 * 1024

Source = bytes | bytearray | memoryview | str | Path | IO[bytes]


def read_cases(
    source: Source,
    name: str | None = None,
    max_bytes: int | None = MAX_UPLOAD_BYTES,
    version: PolicyVersion | None = None,
) -> pd.DataFrame:
    """The cases of a CSV file as a DataFrame indexed by line number (index name `line`).

    `source` is the file's bytes, a path, or a binary file object (e.g. an upload); `name` is
    how messages name it (default: the path). The fact columns (`region`, … see
    `policy.batch`) come back as categoricals of their text, the other columns as text, in the
    file's order. Every region name and answer is checked against `version` (default: the
    version in force), so a file read here evaluates without further input errors.

    Raises BatchInputError, one line naming the file, the line and the column.
    """
    name = name or (str(source) if isinstance(source, str | Path) else "cases")
    data = _read_bytes(source, name, max_bytes)
    table, lines, delimiter = _parse(data, name)
    del data
    frame = _to_frame(table, lines)
    frame.attrs["delimiter"] = delimiter
    if version is None:
        from policy.versions_io import load_version

        version = load_version()
    decode_cases(frame, version, name)
    return frame


def _read_bytes(source: Source, name: str, max_bytes: int | None) -> bytes | memoryview:
    limit = f"the limit is {max_bytes:,} bytes" if max_bytes is not None else ""
    if isinstance(source, bytes | bytearray | memoryview):
        data = source
    elif isinstance(source, str | Path):
        path = Path(source)
        try:
            size = path.stat().st_size
            if max_bytes is not None and size > max_bytes:
                raise BatchInputError(f"{name}: {size:,} bytes; {limit}")
            data = path.read_bytes()
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise BatchInputError(f"{name}: cannot read ({reason})") from None
    elif hasattr(source, "read"):
        data = source.read() if max_bytes is None else source.read(max_bytes + 1)
        if not isinstance(data, bytes | bytearray):
            raise BatchInputError(f"{name}: expected the file's bytes, got text")
    else:
        raise BatchInputError(f"{name}: not a file, path or bytes ({type(source).__name__})")
    if max_bytes is not None and len(data) > max_bytes:
        raise BatchInputError(f"{name}: more than {max_bytes:,} bytes; {limit}")
    return data


def _parse(data: bytes | memoryview, name: str) -> tuple[pa.Table, np.ndarray, str]:
    """The table of text cells, the line number of each of its rows, and the delimiter."""
    view = memoryview(data)
    if view[:3] == _BOM:
        view = view[3:]
    raw = view.tobytes() if isinstance(data, memoryview) else data
    start = len(data) - len(view)
    if b"\x00" in raw:
        raise BatchInputError(f"{name}: not a CSV text file (it contains NUL bytes)")
    if not raw[start:].strip():
        raise BatchInputError(
            f"{name}: the file is empty; its first line must name the columns (at least region)"
        )
    if raw.find(b"\n", start) < 0 and raw.find(b"\r", start) < 0:
        raw = raw + b"\n"  # one line, the header: pyarrow needs its end
    buffer = pa.py_buffer(raw)[start:]
    delimiter = _delimiter(raw, start)
    names = _header(buffer, raw, start, delimiter, name)
    skipped: list[tuple[int, str]] = []
    bad: list[tuple[int, int, str]] = []

    def on_bad_row(row: Any) -> str:
        if not row.text.strip():
            skipped.append((row.number, row.text))  # a line of spaces
            return "skip"
        bad.append((row.number, row.actual_columns, row.text))
        return "error"

    try:
        table = pacsv.read_csv(
            buffer,
            read_options=pacsv.ReadOptions(use_threads=False, block_size=_BLOCK_BYTES),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter,
                newlines_in_values=True,
                ignore_empty_lines=False,
                invalid_row_handler=on_bad_row,
            ),
            convert_options=pacsv.ConvertOptions(
                column_types={column: pa.string() for column in names},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        if bad:
            number, fields, text = bad[0]
            line = _line_of_record(number, skipped, raw, start)
            raise BatchInputError(_bad_row(name, line, fields, len(names), text)) from None
        raise BatchInputError(_unreadable(name, raw, start, error)) from None
    table = table.rename_columns([column.strip() for column in names])
    lines = _line_numbers(table, skipped, raw, start)
    _check_cell_length(table, lines, name)
    return (*_without_blank_rows(table, lines), delimiter)


def _delimiter(raw: bytes, start: int) -> str:
    """`,` unless the header has none and has `;` (a Dutch spreadsheet's CSV) or a tab."""
    end = raw.find(b"\n", start)
    first = raw[start : end if end >= 0 else len(raw)]
    for delimiter in _DELIMITERS:
        if delimiter.encode() in first:
            return delimiter
    return ","


def _header(
    buffer: pa.Buffer, raw: bytes, start: int, delimiter: str, name: str
) -> list[str]:
    """The column names, checked: none empty or repeated, `region` present, no near-misses."""
    probe = buffer[: min(len(buffer), _HEADER_PROBE_BYTES)]
    if len(buffer) > _HEADER_PROBE_BYTES and raw.find(b"\n", start, start + len(probe)) < 0:
        raise BatchInputError(
            f"{name}: line 1: the header is longer than {_HEADER_PROBE_BYTES:,} bytes"
        )
    try:
        head = pacsv.read_csv(
            probe,
            read_options=pacsv.ReadOptions(use_threads=False),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, invalid_row_handler=_skip
            ),
        )
        names = head.column_names
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        raise BatchInputError(_unreadable(name, raw, start, error)) from None
    stripped = [column.strip() for column in names]
    empty = [str(number) for number, column in enumerate(stripped, start=1) if not column]
    if empty:
        raise BatchInputError(
            f"{name}: line 1: column {', '.join(empty)} of the header has no name"
        )
    long = [column for column in stripped if len(column) > 200]
    if long:
        raise BatchInputError(f"{name}: line 1: a column name of {len(long[0]):,} characters")
    repeated = sorted({column for column in stripped if stripped.count(column) > 1})
    if repeated:
        raise BatchInputError(
            f"{name}: line 1: the header repeats the column {', '.join(map(quoted, repeated))}"
        )
    if "region" not in stripped:
        header = shorten(delimiter.join(stripped), 80)
        raise BatchInputError(f"{name}: line 1: no column region (header: {header!r})")
    taken = [column for column in OUTPUT_COLUMNS if column in stripped]
    if taken:
        raise BatchInputError(
            f"{name}: line 1: the input already has the output column(s) {', '.join(taken)}"
        )
    for column in stripped:
        meant = _meant_column(column)
        if meant:
            raise BatchInputError(
                f"{name}: line 1: column {quoted(column)} is not read; did you mean {meant}? "
                "(the fact columns are named exactly, in lower case)"
            )
    return names


def _skip(row: Any) -> str:
    return "skip"


def _meant_column(column: str) -> str | None:
    """The fact column a header name nearly spells (`Persecution`, `persecuton`), if any.

    Such a column would otherwise pass through unread and its facts count as `false`.
    """
    if column in FACT_COLUMNS or column in OUTPUT_COLUMNS:
        return None
    key = column.strip().casefold().replace(" ", "_").replace("-", "_")
    if key in FACT_COLUMNS:
        return key
    found = process.extractOne(key, FACT_COLUMNS, scorer=fuzz.ratio, score_cutoff=85)
    return found[0] if found else None


def _line_of_record(number: int, skipped: list[tuple[int, str]], raw: bytes, start: int) -> int:
    """The line of the `number`-th record (pyarrow counts records, the header being 1).

    Records before it that span lines are counted by the line breaks their text holds; on this
    error path the breaks are counted in the file itself up to that record.
    """
    if not _may_span_lines(raw, start):
        return number
    line = record = 1
    in_quotes = False
    for found in _QUOTE_OR_BREAK.finditer(raw, start):
        if record == number:
            break
        if found.group() == b'"':
            in_quotes = not in_quotes
        else:
            line += 1
            record += not in_quotes
    return line


_QUOTE_OR_BREAK = re.compile(rb'["\n]')


def _may_span_lines(raw: bytes, start: int) -> bool:
    """A cell can span lines only inside quotes; a file without quotes needs no counting."""
    return raw.find(b'"', start) >= 0


def _line_numbers(
    table: pa.Table, skipped: list[tuple[int, str]], raw: bytes, start: int
) -> np.ndarray:
    """Line number of every table row: its record number, plus lines of cells above it."""
    rows = table.num_rows
    total = rows + len(skipped) + 2
    taken = np.zeros(total, dtype=bool)
    taken[[number for number, _ in skipped]] = True
    taken[:2] = True  # record numbers start at 1; the header is record 1
    records = np.flatnonzero(~taken)[:rows]
    extra = np.zeros(total, dtype=np.int64)
    if _may_span_lines(raw, start):
        for column in table.columns:
            counts = pc.count_substring_regex(column, r"\r\n|\r|\n")
            extra[records] += counts.to_numpy(zero_copy_only=False)
        extra[1] = _header_breaks(table)
        for number, text in skipped:
            extra[number] = text.count("\n")
    shift = np.concatenate(([0], np.cumsum(extra)[:-1]))
    return records + shift[records]


def _header_breaks(table: pa.Table) -> int:
    return sum(column.count("\n") for column in table.column_names)


def _check_cell_length(table: pa.Table, lines: np.ndarray, name: str) -> None:
    for column in table.column_names:
        values = table[column]
        if not len(values):
            continue
        if pc.max(pc.binary_length(values)).as_py() <= MAX_CELL_CHARS:
            continue
        lengths = pc.utf8_length(values).to_numpy(zero_copy_only=False)
        over = np.flatnonzero(lengths > MAX_CELL_CHARS)
        if over.size:
            row = int(over[0])
            raise BatchInputError(
                f"{name}: line {lines[row]}, column {shorten(column, 40)}: a cell of "
                f"{int(lengths[row]):,} characters; the limit is {MAX_CELL_CHARS:,} "
                "(a spreadsheet cell's)"
            )


def _without_blank_rows(table: pa.Table, lines: np.ndarray) -> tuple[pa.Table, np.ndarray]:
    """Drop rows whose every cell is blank (blank lines, `,,,`); region decides cheaply."""
    if not table.num_rows:
        return table, lines
    blank = _blank(table["region"])
    if not blank.any():
        return table, lines
    for column in table.column_names:
        if column != "region":
            candidates = np.flatnonzero(blank)
            blank[candidates] = _blank(table[column].take(candidates))
    keep = ~blank
    return table.filter(pa.array(keep)), lines[keep]


def _blank(values: pa.ChunkedArray | pa.Array) -> np.ndarray:
    trimmed = pc.utf8_trim_whitespace(values)
    return pc.equal(pc.utf8_length(trimmed), 0).to_numpy(zero_copy_only=False)


def _to_frame(table: pa.Table, lines: np.ndarray) -> pd.DataFrame:
    """A DataFrame of the cells: fact columns as categoricals, the rest as text."""
    columns = {
        column: pc.dictionary_encode(table[column]) if column in FACT_COLUMNS else table[column]
        for column in table.column_names
    }
    frame = pa.table(columns).to_pandas()
    frame.index = pd.Index(lines, name=LINE_INDEX)
    return frame


def _bad_row(name: str, line: int, fields: int, expected: int, text: str) -> str:
    if text.count('"') % 2:
        return f"{name}: line {line}: a quote (\") is opened and never closed"
    counted = f"{fields} field" + ("s" if fields != 1 else "")
    return f"{name}: line {line}: {counted} where the header has {expected}"


def _unreadable(name: str, raw: bytes, start: int, error: Exception) -> str:
    """The message for a file pyarrow cannot read: not UTF-8 (with its line), or its reason."""
    try:
        raw[start:].decode("utf-8")
    except UnicodeDecodeError as bad:
        offset = start + bad.start
        line = raw.count(b"\n", 0, offset) + 1
        return (
            f"{name}: line {line}: not UTF-8 text (byte 0x{raw[offset]:02x}); "
            "save the CSV as UTF-8"
        )
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if "straddling" in reason:
        return (
            f"{name}: a row longer than {_BLOCK_BYTES:,} bytes; is a quote (\") left open?"
        )
    return f"{name}: not a readable CSV file ({shorten(reason, 120)})"



def write_cases(
    frame: pd.DataFrame, path: str | Path, raw: bool = False, delimiter: str | None = None
) -> None:
    """Write a caseload (e.g. `evaluate_batch`'s result) as CSV, spreadsheet-safe unless `raw`.

    Written by pyarrow (a million rows in a fraction of a second), in the delimiter the cases
    were read with; values are quoted only when some cell needs it. The file appears whole or
    not at all: it is written next to `path` and then renamed.
    """
    delimiter = delimiter or frame.attrs.get("delimiter", ",")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    if not raw:
        table = neutralise_table(table)
    quoting = "needed" if _needs_quotes(table, delimiter) else "none"
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    try:
        pacsv.write_csv(
            table,
            str(partial),
            write_options=pacsv.WriteOptions(delimiter=delimiter, quoting_style=quoting),
        )
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        reason = error.strerror or type(error).__name__
        raise BatchInputError(f"{path}: cannot write ({reason})") from None
    except pa.ArrowException as error:
        partial.unlink(missing_ok=True)
        raise BatchInputError(f"{path}: cannot write ({shorten(str(error), 120)})") from None


def _needs_quotes(table: pa.Table, delimiter: str) -> bool:
    """Whether any name or text cell holds the delimiter, a quote or a line break."""
    pattern = f"[{re.escape(delimiter)}\"\\r\\n]"
    if any(re.search(pattern, name) for name in table.column_names):
        return True
    for column in table.columns:
        for chunk in column.chunks:
            values = chunk.dictionary if pa.types.is_dictionary(chunk.type) else chunk
            if pa.types.is_string(values.type) or pa.types.is_large_string(values.type):
                if pc.any(pc.match_substring_regex(values, pattern)).as_py():
                    return True
    return False
