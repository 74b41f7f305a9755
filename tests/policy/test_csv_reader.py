"""The one CSV reader (`policy.csv_reader.read_csv_table`) under the caseload and the points
CSV: BOM, delimiter, header, line numbers, and the rules that are parameters (the short-row
rule, the cell limit, the read block), tested directly with both settings of each."""

from __future__ import annotations

import sys
from pathlib import Path

import pyarrow as pa
import pyarrow.compute as pc
import pytest

from policy.csv_reader import (
    CsvError,
    CsvTable,
    Header,
    ShortRows,
    bom_length,
    first_too_long,
    read_csv_table,
    sniff_delimiter,
    unclosed_quote,
    utf8_error,
)

CASELOAD_LIMIT, POINTS_LIMIT = 32_767, 131_072


def read(
    data: bytes,
    short_rows: ShortRows = "refuse",
    limit: int = CASELOAD_LIMIT,
    block_bytes: int = 1 << 20,
    **options,
) -> CsvTable:
    return read_csv_table(
        data, max_cell_chars=limit, short_rows=short_rows, block_bytes=block_bytes, **options
    )


def rows(table: CsvTable) -> list[list[str]]:
    return [list(row.values()) for row in table.table.to_pylist()]


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        (b"a,b;c\n", ","),
        (b"a;b\tc\n", ";"),
        (b"a\tb\n1,2\n", "\t"),
        (b"a\n1;2\n", ","),  # only the first line decides
        (b"\xef\xbb\xbfa;b", ";"),
    ],
)
def test_the_first_line_decides_the_delimiter(head: bytes, expected: str) -> None:
    assert sniff_delimiter(head, bom_length(head)) == expected


def test_a_bom_is_skipped_and_a_semicolon_file_is_read() -> None:
    table = read(b"\xef\xbb\xbfa;b\r\n1;x,y\r\n")
    assert (table.header, table.delimiter) == (["a", "b"], ";")
    assert rows(table) == [["1", "x,y"]] and table.lines.tolist() == [2]
    assert table.table.column_names == ["f0", "f1"]


def test_a_header_without_rows_or_line_end_is_read() -> None:
    for data in (b"a,b", b"a,b\n"):
        table = read(data)
        assert table.header == ["a", "b"] and table.table.num_rows == 0 and table.problem is None


def test_every_field_is_text_as_written() -> None:
    table = read(b'a,b,c\n0012,,"NA"\n')
    assert rows(table) == [["0012", "", "NA"]]


SHORT = b"a,b,c\n1,2,3\n4,5\n   \n0,0,0\n"


def test_a_short_row_is_padded_under_pad() -> None:
    table = read(SHORT, "pad")
    assert rows(table) == [["1", "2", "3"], ["4", "5", ""], ["0", "0", "0"]]
    assert table.lines.tolist() == [2, 3, 5] and table.problem is None


def test_a_short_row_is_refused_under_refuse() -> None:
    problem = read(SHORT, "refuse").problem
    assert problem is not None
    assert (problem.kind, problem.line, problem.count, problem.expected) == ("field_count", 3, 2, 3)
    assert problem.text == "4,5"


@pytest.mark.parametrize("rule", ["pad", "refuse"])
def test_a_longer_row_is_refused_under_either_rule(rule: ShortRows) -> None:
    problem = read(b"a,b\n1,2\n\n3,4,5\n", rule).problem
    assert problem is not None and (problem.kind, problem.line, problem.count) == (
        "field_count",
        4,
        3,
    )


def test_padded_rows_keep_their_place_and_their_lines() -> None:
    data = b'a,b,c\n"x\ny",1\n2,3,4\n5\n6,7,8\n'
    table = read(data, "pad")
    assert rows(table) == [["x\ny", "1", ""], ["2", "3", "4"], ["5", "", ""], ["6", "7", "8"]]
    assert table.lines.tolist() == [2, 4, 5, 6]


@pytest.mark.parametrize("rule", ["pad", "refuse"])
def test_rows_of_blanks_are_skipped_and_lines_stay_the_files(rule: ShortRows) -> None:
    data = b"a,b\n\n1,2\n   \n , \n,\n3,4\n"
    table = read(data, rule)
    assert rows(table) == [["1", "2"], ["3", "4"]] and table.lines.tolist() == [3, 7]
    assert table.problem is None


def test_lines_count_the_line_breaks_inside_quotes() -> None:
    data = b'a,b\n1,"x\ny\r\nz"\n\n2,3\n"4\r5",6\n7,8\n'
    table = read(data)
    assert table.quoted
    assert table.lines.tolist() == [2, 6, 7, 9]
    assert rows(table)[0] == ["1", "x\ny\r\nz"]


def test_a_header_over_two_lines_counts_both() -> None:
    table = read(b'"a\nb",c\n1,2\n')
    assert table.header == ["a\nb", "c"] and table.lines.tolist() == [3]


@pytest.mark.parametrize("limit", [CASELOAD_LIMIT, POINTS_LIMIT])
def test_the_cell_limit_is_a_parameter_counted_in_characters(limit: int) -> None:
    fits = "é" * limit  # twice as many bytes: the limit counts characters
    assert read(f"a,b\n1,{fits}\n".encode(), limit=limit).problem is None
    problem = read(f"a,b\n1,x\n\n{fits}x,2\n".encode(), limit=limit).problem
    assert problem is not None
    assert (problem.kind, problem.line, problem.column, problem.count) == (
        "too_long",
        4,
        0,
        limit + 1,
    )


def test_a_cell_between_the_two_limits_is_refused_by_one_only() -> None:
    data = b"a\n" + b"x" * (CASELOAD_LIMIT + 1) + b"\n"
    assert read(data, limit=CASELOAD_LIMIT).problem is not None
    assert read(data, limit=POINTS_LIMIT).problem is None


def test_a_long_cell_in_a_padded_row_is_found_before_a_later_one() -> None:
    long = b"x" * (POINTS_LIMIT + 1)
    data = b"a,b,c\n1," + long + b"\n1,2,3\n1,2," + long + b"\n"
    problem = read(data, "pad", limit=POINTS_LIMIT).problem
    assert problem is not None and (problem.kind, problem.line, problem.column) == (
        "too_long",
        2,
        1,
    )


def test_a_quote_left_open_is_named_with_its_line() -> None:
    problem = read(b'a,b\n1,"x\ny"\n2,"open\n3,4\n', "pad").problem
    assert problem is not None and (problem.kind, problem.line) == ("open_quote", 4)


def test_the_first_problem_in_the_file_is_the_one_reported() -> None:
    long = b"x" * (CASELOAD_LIMIT + 1)
    problem = read(b"a,b\n1,2\n1," + long + b"\n1,2,3\n").problem
    assert problem is not None and (problem.kind, problem.line) == ("too_long", 3)
    problem = read(b"a,b\n1,2,3\n1," + long + b"\n").problem
    assert problem is not None and (problem.kind, problem.line) == ("field_count", 2)
    # On one line, the row's own problem comes before the quote left open in it.
    problem = read(b'a,b\n1,2\n"x\n').problem
    assert problem is not None and (problem.kind, problem.line) == ("field_count", 3)


def test_a_byte_that_is_not_utf8_raises_with_its_line() -> None:
    for data, line in ((b"a,b\n1,2\n\xe9,3\n", 3), (b"\xe9a,b\n1,2\n", 1)):
        with pytest.raises(CsvError) as caught:
            read(data)
        problem = caught.value.problem
        assert (problem.kind, problem.line, problem.byte) == ("not_utf8", line, 0xE9)


def test_a_row_that_is_not_utf8_prints_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    # pyarrow fails to decode a row of the wrong width for its handler and prints the error
    # through sys.unraisablehook: the user would see a traceback above the one-line message.
    printed: list[object] = []
    monkeypatch.setattr(sys, "unraisablehook", printed.append)
    for data in (b"a,b\n1,2\n\xe9\n", b"a,b\n\xe9\n1,2\n" + b"3,4\n" * 10):
        with pytest.raises(CsvError) as caught:
            read(data, "pad")
        assert caught.value.problem.kind == "not_utf8"
    assert printed == []
    assert sys.unraisablehook == printed.append  # put back


def test_a_row_longer_than_a_read_block_raises_with_its_line() -> None:
    with pytest.raises(CsvError) as caught:
        read(b"a,b\n1,2\n3," + b"y" * 5000 + b"\n", block_bytes=1024)
    assert (caught.value.problem.kind, caught.value.problem.line) == ("row_too_long", 3)


def test_the_header_is_checked_before_any_row_is_read() -> None:
    seen: list[Header] = []

    def check(header: Header) -> None:
        seen.append(header)
        raise ValueError("refused")

    # The row is not UTF-8: had it been read, CsvError would have come first.
    with pytest.raises(ValueError, match="refused"):
        read(b" a ;b\n" + b"1;2\n" * 100_000 + b"\xe9;3\n", check_header=check)
    assert seen == [Header([" a ", "b"], ";", " a ;b")]
    read(b" \n\n", check_header=seen.append)
    assert seen[-1] == Header([], ",", " ")  # nothing but blanks: no names


def test_convert_sees_each_block_of_data_rows() -> None:
    blocks: list[int] = []

    def encode(batch: pa.RecordBatch) -> pa.RecordBatch:
        blocks.append(batch.num_rows)
        columns = [pc.dictionary_encode(column) for column in batch.columns]
        return pa.RecordBatch.from_arrays(columns, names=batch.schema.names)

    data = b"region\n" + b"Gao\n" * 3000 + b"\nKidal\n"
    table = read(data, block_bytes=4096, convert=encode)
    assert len(blocks) > 1 and sum(blocks) == 3002  # the blank line is skipped afterwards
    assert pa.types.is_dictionary(table.table.schema.field(0).type)
    assert table.table.column(0).to_pylist()[-2:] == ["Gao", "Kidal"]
    assert table.lines[-1] == 3003


def test_a_path_is_streamed_and_read_as_its_bytes(tmp_path: Path) -> None:
    data = b'a;b\n1;"x\ny"\n2\n3;4\n'
    path = tmp_path / "f.csv"
    path.write_bytes(data)
    from_path = read_csv_table(path, max_cell_chars=10, short_rows="pad", block_bytes=1 << 20)
    from_bytes = read(data, "pad", limit=10)
    assert rows(from_path) == rows(from_bytes) == [["1", "x\ny"], ["2", ""], ["3", "4"]]
    assert from_path.lines.tolist() == from_bytes.lines.tolist() == [2, 4, 5]


def test_the_field_limit_helper_reports_row_then_column() -> None:
    columns = [pa.array(["a", "bbbb", "c"]), pa.array(["éé", "d", "eeeee"])]
    assert first_too_long(columns, 5) is None
    assert first_too_long(columns, 3) == (1, 0, 4)  # the first row decides, then the column
    assert first_too_long(columns, 1) == (0, 1, 2)  # 2 characters, 4 bytes


def test_the_first_byte_that_is_not_utf8_is_found_with_its_line() -> None:
    assert utf8_error(b"a,b\n1,2\n\xff,3\n") == (3, 0xFF)
    assert utf8_error("a,é\n".encode()) is None


def test_a_quote_opened_at_a_field_start_and_never_closed_is_found() -> None:
    assert unclosed_quote(b'a,b\n1,"x\n2,3\n', ",") == 2
    assert unclosed_quote(b'a;b\n1;"x""y"\n2;"z\n', ";") == 3  # "" inside a field is a quote
    assert unclosed_quote(b'a,b\n1,x"y\n', ",") is None  # a quote inside a field opens nothing
    assert unclosed_quote(b'\xef\xbb\xbf"a,b\n', ",") == 1
