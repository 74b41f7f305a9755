"""Reading a caseload CSV: one parser (pyarrow's), every problem one line with file, line, column.

Why one reader: the command line (`python -m policy batch`) and the page's caseload upload must
accept and refuse the same files and name the same line for the same mistake. Why pyarrow: it
reads a million cases in a fraction of a second, checks UTF-8 as it goes, and keeps every cell as
the text that was written (`0012` stays `0012`).

Line numbers are the file's own lines, the header being line 1, as a text editor and a
spreadsheet show them: blank lines and cells that span lines are counted, not skipped over.
A row whose every cell is blank (a blank line, a line of spaces, `,,,,`) is skipped.

Reading is `policy.csv_reader.read_csv_table`'s, the reader of the points CSV too (BOM,
delimiter, header, line numbers, blank rows, problems with their lines). This format's own: its
parameters (a row with fewer or more fields than the header is refused, `refuse`: a missing fact
would silently count as false; a cell holds at most 32,767 characters, `MAX_CELL_CHARS`, a
spreadsheet cell's), the header's checks (`region`, near-misses of a fact column), the fact
columns dictionary-encoded block by block, and the messages.
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
from policy.csv_reader import (
    HEADER_PROBE_BYTES,
    CsvError,
    Header,
    Problem,
    read_csv_table,
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
# Rows larger than one block cannot be parsed; a row this long is refused anyway.
_BLOCK_BYTES = 4 * 1024 * 1024

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
    data, head = _bytes_or_path(source, name, max_bytes)
    # As git tells binary from text: a NUL byte near the start.
    if b"\x00" in head:
        raise BatchInputError(f"{name}: not a CSV text file (it contains NUL bytes)").keyed(
            "errors.csv.binary", file=name
        )
    stripped: list[str] = []

    def check_header(header: Header) -> None:
        stripped.extend(_checked_header(header, name))

    def encode_facts(rows: pa.RecordBatch) -> pa.RecordBatch:
        # Block by block: the facts are dictionary-encoded as they arrive, so their text is
        # never held for the whole file (a million cases stay within 300 MB).
        columns = [
            pc.dictionary_encode(column) if stripped[number] in FACT_COLUMNS else column
            for number, column in enumerate(rows.columns)
        ]
        return pa.RecordBatch.from_arrays(columns, names=rows.schema.names)

    try:
        read = read_csv_table(
            data,
            max_cell_chars=MAX_CELL_CHARS,
            short_rows="refuse",
            block_bytes=_BLOCK_BYTES,
            check_header=check_header,
            convert=encode_facts,
        )
    except CsvError as error:
        raise _refused(name, error.problem, stripped) from None
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise BatchInputError(f"{name}: cannot read ({reason})") from None
    if read.problem is not None:
        raise _refused(name, read.problem, stripped)
    delimiter = read.delimiter
    pa.default_memory_pool().release_unused()
    frame = _to_frame(read.table.rename_columns(stripped), read.lines)
    del read
    # Give the parse's memory back before the caseload is evaluated (mimalloc keeps it).
    pa.default_memory_pool().release_unused()
    frame.attrs["delimiter"] = delimiter
    if version is None:
        from policy.versions_io import load_version

        version = load_version()
    decode_cases(frame, version, name)
    return frame


def _bytes_or_path(source: Source, name: str, max_bytes: int | None) -> tuple[bytes | Path, bytes]:
    """The file's bytes, or its path for pyarrow to stream (a file is not read into memory
    whole), and its first 8,000 bytes; refused when larger than `max_bytes` or unreadable."""
    limit = f"the limit is {max_bytes:,} bytes" if max_bytes is not None else ""
    if isinstance(source, bytes | bytearray | memoryview):
        data = bytes(source) if not isinstance(source, bytes) else source
    elif isinstance(source, str | Path):
        path = Path(source)
        try:
            size = path.stat().st_size
            with open(path, "rb") as handle:
                head = handle.read(8000)
        except OSError as error:
            reason = error.strerror or type(error).__name__
            raise BatchInputError(f"{name}: cannot read ({reason})") from None
        if path.is_dir():
            raise BatchInputError(f"{name}: cannot read (Is a directory)")
        if max_bytes is not None and size > max_bytes:
            raise BatchInputError(f"{name}: {size:,} bytes; {limit}").keyed(
                "errors.csv.too_large", file=name, limit=max_bytes
            )
        return path, head
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
    return data, data[:8000]


def _checked_header(header: Header, name: str) -> list[str]:
    """The column names, stripped and checked: the file not empty, no name empty or repeated,
    `region` present, no near-misses of a fact column."""
    if not header.names:
        raise BatchInputError(
            f"{name}: the file is empty; its first line must name the columns (at least region)"
        ).keyed("errors.csv.empty", file=name)
    stripped = [column.strip() for column in header.names]
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
        shown = shorten(header.delimiter.join(stripped), 80)
        raise BatchInputError(f"{name}: line 1: no column region (header: {shown!r})").keyed(
            "errors.csv.no_region_column", file=name, header=quoted(shown)
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
    return stripped


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


def _refused(name: str, problem: Problem, columns: list[str]) -> BatchInputError:
    """The one-line message for a problem the reader found (`policy.csv_reader.Problem`)."""
    line = problem.line or 0
    rows = Rows("line", (line,))
    if problem.kind == "open_quote" or (
        problem.kind == "field_count" and problem.text.count('"') % 2
    ):
        return BatchInputError(
            f'{name}: line {line}: a quote (") is opened and never closed'
        ).keyed("errors.csv.open_quote", file=name, rows=rows)
    if problem.kind == "field_count":
        fields, expected = problem.count, problem.expected
        counted = f"{fields} field" + ("s" if fields != 1 else "")
        return BatchInputError(
            f"{name}: line {line}: {counted} where the header has {expected}"
        ).keyed("errors.csv.field_count", file=name, rows=rows, fields=fields, expected=expected)
    if problem.kind == "too_long":
        return BatchInputError(
            f"{name}: line {line}, column {shorten(columns[problem.column], 40)}: a cell of "
            f"{problem.count:,} characters; the limit is {MAX_CELL_CHARS:,} "
            "(a spreadsheet cell's)"
        )
    if problem.kind == "not_utf8":
        return BatchInputError(
            f"{name}: line {line}: not UTF-8 text (byte 0x{problem.byte:02x}); save the CSV as "
            "UTF-8"
        ).keyed("errors.csv.not_utf8", file=name, rows=rows)
    if problem.kind == "header_too_long":
        return BatchInputError(
            f"{name}: line 1: the header is longer than {HEADER_PROBE_BYTES:,} bytes"
        )
    if problem.kind == "row_too_long":
        return BatchInputError(
            f'{name}: a row longer than {_BLOCK_BYTES:,} bytes; is a quote (") left open?'
        )
    return BatchInputError(f"{name}: not a readable CSV file ({shorten(problem.text, 120)})")


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
        f'"{name.replace(chr(34), chr(34) * 2)}"'
        if re.search(f'[{delimiter}"\r\n]', name)
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
