"""The shared CSV reading rules (`policy.csv_reader`): BOM, delimiter, the row-width rule as a
parameter, the line mapping and the field limit as a parameter."""

from __future__ import annotations

import numpy as np
import pyarrow as pa
import pyarrow.csv as pacsv
import pytest

from policy.csv_reader import (
    RowWidths,
    ShortRows,
    bom_length,
    first_too_long,
    line_of_record,
    record_lines,
    row_line_breaks,
    sniff_delimiter,
    text_options,
    unclosed_quote,
    utf8_error,
)


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


def test_a_bom_is_three_bytes_and_only_at_the_start() -> None:
    assert bom_length(b"\xef\xbb\xbfa") == 3
    assert bom_length(b"a\xef\xbb\xbf") == 0


def _read(data: bytes, rule: ShortRows, stop: bool = False) -> tuple[pa.Table, RowWidths]:
    widths = RowWidths(rule, expected=3, stop=stop)
    read, parse, convert = text_options(",", ["a", "b", "c"], widths, 1 << 20)
    table = pacsv.read_csv(
        pa.BufferReader(data), read_options=read, parse_options=parse, convert_options=convert
    )
    return table, widths


DATA = b"a,b,c\n1,2,3\n4,5\n   \n6,7,8,9\n0,0,0\n"


def test_short_rows_are_kept_for_padding_or_refused_as_the_rule_says() -> None:
    table, widths = _read(DATA, "pad")
    assert table.column("a").to_pylist() == ["1", "0"]
    assert widths.short == [(3, 2, "4,5")]
    assert widths.refused == [(5, 4, "6,7,8,9")]  # a longer row is refused under either rule
    assert widths.blank == [(4, "   ")]
    _, widths = _read(DATA, "refuse")
    assert widths.short == []
    assert [number for number, _, _ in widths.refused] == [3, 5]


def test_a_streaming_reader_stops_at_the_first_refused_row() -> None:
    with pytest.raises(pa.ArrowInvalid):
        _read(DATA, "refuse", stop=True)
    table, _ = _read(b"a,b,c\n1,2,3\n  \n", "refuse", stop=True)  # blanks never stop it
    assert table.num_rows == 1


def test_lines_are_records_plus_the_line_breaks_before_them() -> None:
    data = b'a,b,c\n1,"x\ny\r\nz",3\n4,5,6\n'
    table, _ = _read(data, "refuse")
    breaks = row_line_breaks(table.columns, table.num_rows)
    assert breaks.tolist() == [2, 0]
    records = np.array([2, 3])
    assert record_lines(records, breaks).tolist() == [2, 5]
    assert line_of_record(4, records, breaks) == 6  # a record not among the rows read


def test_the_field_limit_is_a_parameter_counted_in_characters() -> None:
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
