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
from policy.messages import quoted, shorten
from policy.models import PolicyVersion
from wording.errors import Rows
from wording.escape import csv_table

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
    table, lines, delimiter = _parse(_Input.of(source, name, max_bytes), name)
    pa.default_memory_pool().release_unused()
    frame = _to_frame(table, lines)
    del table
    # Give the parse's memory back before the caseload is evaluated (mimalloc keeps it).
    pa.default_memory_pool().release_unused()
    frame.attrs["delimiter"] = delimiter
    if version is None:
        from policy.versions_io import load_version

        version = load_version()
    decode_cases(frame, version, name)
    return frame


class _Input:
    """The bytes of a CSV, in memory (bytes, an upload) or in a file that pyarrow streams.

    A file is not read into memory whole: pyarrow reads it block by block, and only an error
    message that must find a line reads it again.
    """

    def __init__(self, data: bytes | None, path: Path | None) -> None:
        self._data = data
        self._path = path

    @classmethod
    def of(cls, source: Source, name: str, max_bytes: int | None) -> _Input:
        limit = f"the limit is {max_bytes:,} bytes" if max_bytes is not None else ""
        if isinstance(source, bytes | bytearray | memoryview):
            data = bytes(source) if not isinstance(source, bytes) else source
        elif isinstance(source, str | Path):
            path = Path(source)
            try:
                size = path.stat().st_size
                with open(path, "rb"):
                    pass
            except OSError as error:
                reason = error.strerror or type(error).__name__
                raise BatchInputError(f"{name}: cannot read ({reason})") from None
            if path.is_dir():
                raise BatchInputError(f"{name}: cannot read (Is a directory)")
            if max_bytes is not None and size > max_bytes:
                raise BatchInputError(f"{name}: {size:,} bytes; {limit}").keyed(
                    "errors.csv.too_large", file=name, limit=max_bytes
                )
            return cls(None, path)
        elif hasattr(source, "read"):
            data = source.read() if max_bytes is None else source.read(max_bytes + 1)
            if not isinstance(data, bytes | bytearray):
                raise BatchInputError(f"{name}: expected the file's bytes, got text")
            data = bytes(data)
        else:
            raise BatchInputError(f"{name}: not a file, path or bytes ({type(source).__name__})")
        if max_bytes is not None and len(data) > max_bytes:
            raise BatchInputError(f"{name}: more than {max_bytes:,} bytes; {limit}").keyed(
                "errors.csv.too_large", file=name, limit=max_bytes
            )
        return cls(data, None)

    def head(self, size: int) -> bytes:
        if self._data is not None:
            return self._data[:size]
        with open(self._path, "rb") as handle:  # type: ignore[arg-type]
            return handle.read(size)

    def all(self) -> bytes:
        """The whole file (error messages only)."""
        if self._data is not None:
            return self._data
        return self._path.read_bytes()  # type: ignore[union-attr]

    def count(self, byte: bytes) -> int:
        if self._data is not None:
            return self._data.count(byte)
        total = 0
        with open(self._path, "rb") as handle:  # type: ignore[arg-type]
            while chunk := handle.read(_BLOCK_BYTES):
                total += chunk.count(byte)
        return total

    def stream(self) -> pa.NativeFile:
        if self._data is not None:
            return pa.BufferReader(self._data)
        return pa.OSFile(str(self._path), "rb")

    def with_line_end(self) -> _Input:
        """A one-line file (the header alone) with its line end, which pyarrow needs."""
        return _Input(self.all() + b"\n", None)


def _parse(source: _Input, name: str) -> tuple[pa.Table, np.ndarray, str]:
    """The table of text cells, the line number of each of its rows, and the delimiter.

    pyarrow skips a UTF-8 byte order mark itself.
    """
    head = source.head(_HEADER_PROBE_BYTES + 1)
    start = 3 if head.startswith(_BOM) else 0
    # As git tells binary from text: a NUL byte near the start.
    if b"\x00" in head[:8000]:
        raise BatchInputError(f"{name}: not a CSV text file (it contains NUL bytes)").keyed(
            "errors.csv.binary", file=name
        )
    if not head[start:].strip():
        raise BatchInputError(
            f"{name}: the file is empty; its first line must name the columns (at least region)"
        ).keyed("errors.csv.empty", file=name)
    if len(head) <= _HEADER_PROBE_BYTES and b"\n" not in head and b"\r" not in head:
        source = source.with_line_end()
    delimiter = _delimiter(head, start)
    names = _header(head, source, start, delimiter, name)
    skipped: list[tuple[int, str]] = []
    bad: list[tuple[int, int, str]] = []

    def on_bad_row(row: Any) -> str:  # called by pyarrow for a row of the wrong length
        if not row.text.strip():
            skipped.append((row.number, row.text))  # a line of spaces
            return "skip"
        bad.append((row.number, row.actual_columns, row.text))
        return "error"

    quotes = source.count(b'"')
    if quotes % 2:
        # pyarrow reads a quote left open at the end of the file as if it were closed.
        line = _unclosed_quote(source.all(), delimiter)
        if line is not None:
            raise BatchInputError(
                f'{name}: line {line}: a quote (") is opened and never closed'
            ).keyed("errors.csv.open_quote", file=name, rows=Rows("line", (line,)))
    stripped = [column.strip() for column in names]
    facts = [number for number, column in enumerate(stripped) if column in FACT_COLUMNS]
    batches: list[pa.RecordBatch] = []
    blank: list[np.ndarray] = []
    breaks: list[np.ndarray] = []
    too_long: tuple[int, str, int] | None = None
    rows = 0
    try:
        with source.stream() as stream:
            reader = pacsv.open_csv(
                stream,
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
            # Block by block: the facts are dictionary-encoded as they arrive, so their text
            # is never held for the whole file (a million cases stay within 300 MB).
            for batch in reader:
                if too_long is None:
                    too_long = _too_long(batch, stripped, rows)
                blank.append(_blank_rows(batch, stripped))
                if quotes:  # a cell spans lines only inside quotes
                    breaks.append(_row_breaks(batch))
                columns = [
                    pc.dictionary_encode(column) if number in facts else column
                    for number, column in enumerate(batch.columns)
                ]
                batches.append(pa.RecordBatch.from_arrays(columns, names=stripped))
                rows += batch.num_rows
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        raw = source.all()
        if bad:
            number, fields, text = bad[0]
            line = _line_of_record(number, raw)
            raise _bad_row(name, line, fields, len(names), text) from None
        raise _unreadable(name, raw, error) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise BatchInputError(f"{name}: cannot read ({reason})") from None
    row_breaks = np.concatenate(breaks) if breaks else None
    lines = _line_numbers(rows, skipped, row_breaks, _header_breaks(names))
    if too_long is not None:
        row, column, length = too_long
        raise BatchInputError(
            f"{name}: line {lines[row]}, column {shorten(column, 40)}: a cell of "
            f"{length:,} characters; the limit is {MAX_CELL_CHARS:,} (a spreadsheet cell's)"
        )
    schema = pa.schema(
        [
            (column, pa.dictionary(pa.int32(), pa.string()) if n in facts else pa.string())
            for n, column in enumerate(stripped)
        ]
    )
    table = pa.Table.from_batches(batches, schema=schema)
    keep = ~np.concatenate(blank) if blank else np.ones(0, dtype=bool)
    if not keep.all():
        table, lines = table.filter(pa.array(keep)), lines[keep]
    return table, lines, delimiter


def _delimiter(raw: bytes, start: int) -> str:
    """`,` unless the header has none and has `;` (a Dutch spreadsheet's CSV) or a tab."""
    end = raw.find(b"\n", start)
    first = raw[start : end if end >= 0 else len(raw)]
    for delimiter in _DELIMITERS:
        if delimiter.encode() in first:
            return delimiter
    return ","


def _header(head: bytes, source: _Input, start: int, delimiter: str, name: str) -> list[str]:
    """The column names, checked: none empty or repeated, `region` present, no near-misses."""
    end = head.rfind(b"\n", 0, _HEADER_PROBE_BYTES)
    if end < 0 and len(head) > _HEADER_PROBE_BYTES:
        raise BatchInputError(
            f"{name}: line 1: the header is longer than {_HEADER_PROBE_BYTES:,} bytes"
        )
    probe = head[: end + 1] if end >= 0 else head + b"\n"
    try:
        first = pacsv.read_csv(
            pa.BufferReader(probe),
            read_options=pacsv.ReadOptions(use_threads=False),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=True, invalid_row_handler=_skip
            ),
        )
        names = first.column_names
    except (pa.ArrowInvalid, UnicodeDecodeError) as error:
        raise _unreadable(name, source.all(), error) from None
    stripped = [column.strip() for column in names]
    empty = [str(number) for number, column in enumerate(stripped, start=1) if not column]
    if empty:
        raise BatchInputError(
            f"{name}: line 1: column {', '.join(empty)} of the header has no name"
        ).keyed("errors.csv.unnamed_column", file=name, columns=empty)
    long = [column for column in stripped if len(column) > 200]
    if long:
        raise BatchInputError(f"{name}: line 1: a column name of {len(long[0]):,} characters")
    repeated = sorted({column for column in stripped if stripped.count(column) > 1})
    if repeated:
        raise BatchInputError(
            f"{name}: line 1: the header repeats the column {', '.join(map(quoted, repeated))}"
        ).keyed("errors.csv.repeated_column", file=name, columns=[quoted(c) for c in repeated])
    if "region" not in stripped:
        header = shorten(delimiter.join(stripped), 80)
        raise BatchInputError(f"{name}: line 1: no column region (header: {header!r})").keyed(
            "errors.csv.no_region_column", file=name, header=quoted(header)
        )
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
            ).keyed("errors.csv.misspelt_column", file=name, column=quoted(column), meant=meant)
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


def _line_of_record(number: int, raw: bytes) -> int:
    """The line of the `number`-th record (pyarrow counts records, the header being 1).

    Records before it that span lines are counted by the line breaks their text holds; on this
    error path the breaks are counted in the file itself up to that record.
    """
    if b'"' not in raw:
        return number
    line = record = 1
    in_quotes = False
    for found in _QUOTE_OR_BREAK.finditer(raw):
        if record == number:
            break
        if found.group() == b'"':
            in_quotes = not in_quotes
        else:
            line += 1
            record += not in_quotes
    return line


_QUOTE_OR_BREAK = re.compile(rb'["\n]')


def _unclosed_quote(raw: bytes, delimiter: str) -> int | None:
    """The line of a quote that opens a field and is never closed, as pyarrow reads quotes:
    only a quote at the start of a field opens one; `""` inside it is a quote."""
    field_start = {ord(delimiter), 0x0A, 0x0D}
    inside = False
    opened = 0
    position = 0
    while (position := raw.find(b'"', position)) >= 0:
        if not inside:
            at_start = position == 0 or (position == 3 and raw.startswith(_BOM))
            if at_start or raw[position - 1] in field_start:
                inside, opened = True, position
        elif raw[position + 1 : position + 2] == b'"':
            position += 1
        else:
            inside = False
        position += 1
    return raw.count(b"\n", 0, opened) + 1 if inside else None


def _line_numbers(
    rows: int, skipped: list[tuple[int, str]], row_breaks: np.ndarray | None, header: int
) -> np.ndarray:
    """Line number of every row read: its record number, plus the lines of cells above it.

    pyarrow numbers records (the header is 1; skipped lines of spaces count too).
    """
    total = rows + len(skipped) + 2
    taken = np.zeros(total, dtype=bool)
    taken[[number for number, _ in skipped]] = True
    taken[:2] = True
    records = np.flatnonzero(~taken)[:rows]
    if row_breaks is None:
        return records
    extra = np.zeros(total, dtype=np.int64)
    extra[records] = row_breaks
    extra[1] = header
    for number, text in skipped:
        extra[number] = text.count("\n")
    shift = np.concatenate(([0], np.cumsum(extra)[:-1]))
    return records + shift[records]


def _header_breaks(names: list[str]) -> int:
    return sum(column.count("\n") for column in names)


def _row_breaks(batch: pa.RecordBatch) -> np.ndarray:
    """Line breaks inside the cells of each row."""
    total = np.zeros(batch.num_rows, dtype=np.int64)
    for column in batch.columns:
        total += pc.count_substring_regex(column, r"\r\n|\r|\n").to_numpy(zero_copy_only=False)
    return total


def _too_long(batch: pa.RecordBatch, names: list[str], offset: int) -> tuple[int, str, int] | None:
    """(row, column, length) of the first cell over MAX_CELL_CHARS characters, if any."""
    for name, values in zip(names, batch.columns, strict=True):
        if not len(values) or pc.max(pc.binary_length(values)).as_py() <= MAX_CELL_CHARS:
            continue
        lengths = pc.utf8_length(values).to_numpy(zero_copy_only=False)
        over = np.flatnonzero(lengths > MAX_CELL_CHARS)
        if over.size:
            return offset + int(over[0]), name, int(lengths[over[0]])
    return None


def _blank_rows(batch: pa.RecordBatch, names: list[str]) -> np.ndarray:
    """Rows whose every cell is blank (blank lines, `,,,`); the region column decides cheaply."""
    blank = _blank(batch.column(names.index("region")))
    if not blank.any():
        return blank
    for name, values in zip(names, batch.columns, strict=True):
        if name != "region":
            candidates = np.flatnonzero(blank)
            blank[candidates] = _blank(values.take(pa.array(candidates)))
    return blank


def _blank(values: pa.ChunkedArray | pa.Array) -> np.ndarray:
    trimmed = pc.utf8_trim_whitespace(values)
    return pc.equal(pc.utf8_length(trimmed), 0).to_numpy(zero_copy_only=False)


def _to_frame(table: pa.Table, lines: np.ndarray) -> pd.DataFrame:
    """A DataFrame of the cells: fact columns (dictionary-encoded) as categoricals, the rest as
    text. The categoricals are built by hand from codes and categories: pyarrow's own
    conversion of a dictionary column is several times slower."""
    plain = [column for column in table.column_names if column not in FACT_COLUMNS]
    texts = table.select(plain).to_pandas() if plain else None
    data: dict[str, Any] = {}
    for column in table.column_names:
        if column in FACT_COLUMNS:
            encoded = table[column].unify_dictionaries()
            chunks = encoded.chunks
            dictionary = chunks[0].dictionary if chunks else pa.array([], pa.string())
            codes = (
                np.concatenate([c.indices.to_numpy(zero_copy_only=False) for c in chunks])
                if chunks
                else np.zeros(0, dtype=np.int32)
            )
            data[column] = pd.Categorical.from_codes(codes, categories=dictionary.to_pylist())
        else:
            data[column] = texts[column].array  # type: ignore[index]
    return pd.DataFrame(data, index=pd.Index(lines, name=LINE_INDEX), copy=False)


def _bad_row(name: str, line: int, fields: int, expected: int, text: str) -> BatchInputError:
    rows = Rows("line", (line,))
    if text.count('"') % 2:
        return BatchInputError(
            f"{name}: line {line}: a quote (\") is opened and never closed"
        ).keyed("errors.csv.open_quote", file=name, rows=rows)
    counted = f"{fields} field" + ("s" if fields != 1 else "")
    return BatchInputError(
        f"{name}: line {line}: {counted} where the header has {expected}"
    ).keyed("errors.csv.field_count", file=name, rows=rows, fields=fields, expected=expected)


def _unreadable(name: str, raw: bytes, error: Exception) -> BatchInputError:
    """The message for a file pyarrow cannot read: not UTF-8 (with its line), or its reason."""
    try:
        raw.decode("utf-8")
    except UnicodeDecodeError as bad:
        offset = bad.start
        line = raw.count(b"\n", 0, offset) + 1
        return BatchInputError(
            f"{name}: line {line}: not UTF-8 text (byte 0x{raw[offset]:02x}); "
            "save the CSV as UTF-8"
        ).keyed("errors.csv.not_utf8", file=name, rows=Rows("line", (line,)))
    reason = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
    if "straddling" in reason:
        return BatchInputError(
            f"{name}: a row longer than {_BLOCK_BYTES:,} bytes; is a quote (\") left open?"
        )
    return BatchInputError(f"{name}: not a readable CSV file ({shorten(reason, 120)})")



def write_cases(
    frame: pd.DataFrame, path: str | Path, raw: bool = False, delimiter: str | None = None
) -> None:
    """Write a caseload (e.g. `evaluate_batch`'s result) as CSV, spreadsheet-safe unless `raw`.

    Written by pyarrow in slices (a million rows in well under a second, in little memory), in
    the delimiter the cases were read with. A value is quoted only where needed: each slice is
    written unquoted, and again with quotes when a cell holds the delimiter, a quote or a line
    break. The file appears whole or not at all: it is written next to `path`, then renamed.
    """
    delimiter = delimiter or frame.attrs.get("delimiter", ",")
    table = pa.Table.from_pandas(frame, preserve_index=False)
    if not raw:
        table = csv_table(table)
    target = Path(path)
    partial = target.with_name(f".{target.name}.partial")
    try:
        with pa.OSFile(str(partial), "wb") as sink:
            sink.write(_header_line(table.column_names, delimiter))
            for start in range(0, max(table.num_rows, 1), _WRITE_ROWS):
                sink.write(_csv_rows(table.slice(start, _WRITE_ROWS), delimiter))
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        reason = error.strerror or type(error).__name__
        raise BatchInputError(f"{path}: cannot write ({reason})") from None


_WRITE_ROWS = 20_000  # small slices keep the writing memory small


def _header_line(names: list[str], delimiter: str) -> bytes:
    cells = [
        f'"{name.replace(chr(34), chr(34) * 2)}"' if re.search(f'[{delimiter}"\r\n]', name)
        else name
        for name in names
    ]
    return (delimiter.join(cells) + "\n").encode()


def _csv_rows(part: pa.Table, delimiter: str) -> pa.Buffer:
    """The rows of a slice as CSV bytes (dictionary columns written as their text)."""
    columns = [
        pa.chunked_array(
            [pc.take(chunk.dictionary, chunk.indices) for chunk in column.chunks],
            type=column.type.value_type,
        )
        if pa.types.is_dictionary(column.type)
        else column
        for column in part.columns
    ]
    part = pa.table(columns, names=part.column_names)
    for quoting in ("none", "needed"):
        out = pa.BufferOutputStream()
        options = pacsv.WriteOptions(
            include_header=False, delimiter=delimiter, quoting_style=quoting
        )
        try:
            pacsv.write_csv(part, out, write_options=options)
        except pa.ArrowInvalid:
            continue  # a cell needs quotes
        return out.getvalue()
    raise AssertionError("unreachable: quoting 'needed' writes every cell")
