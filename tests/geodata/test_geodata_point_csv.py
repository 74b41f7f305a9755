"""Reading and writing the points CSV: one parser, safe cells.

Everything here runs in-process through `geodata.point_csv`, the code behind
`python -m geodata locate-points`; test_geodata_cli.py runs the command itself.
"""

from __future__ import annotations

import csv
import io
import string
from pathlib import Path

import numpy as np
import pyarrow as pa
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from geodata.errors import GeodataError
from geodata.point_csv import (
    MAX_FIELD_CHARS,
    _coordinates,
    read_points,
    write_points,
)
from wording.escape import csv_array
from wording.escape import csv_cell as neutralise_cell

FUZZ = settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


def round_trip(tmp_path: Path, data: bytes, raw: bool = False) -> str:
    """The output text for the file `data`, every point given the code "X" (no located)."""
    source, out = tmp_path / "in.csv", tmp_path / "out.csv"
    source.write_bytes(data)
    points = read_points(source)
    picks = np.zeros(len(points.lons), dtype=np.int64)
    write_points(out, points, [("unit_code", ("X",), picks)], raw=raw)
    return out.read_bytes().decode("utf-8")


def csv_writer_text(rows: list[list[str]], delimiter: str = ",") -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator="\n").writerows(rows)
    return buffer.getvalue()


def error_of(tmp_path: Path, data: bytes) -> str:
    path = tmp_path / "points.csv"
    path.write_bytes(data)
    with pytest.raises(GeodataError) as caught:
        read_points(path)
    message = str(caught.value)
    assert "\n" not in message and "\r" not in message
    return message


def test_a_cell_longer_than_the_limit_is_named_by_line_and_field(tmp_path: Path) -> None:
    long_note = "x" * (MAX_FIELD_CHARS + 1)
    message = error_of(tmp_path, f"lon,lat,note\n-8,12,ok\n-8,12,{long_note}\n".encode())
    assert message.endswith("line 3: field note: longer than 131,072 characters")
    fits = "é" * MAX_FIELD_CHARS  # the limit counts characters, not bytes
    assert "é" * 10 in round_trip(tmp_path, f"lon,lat,note\n-8,12,{fits}\n".encode())


@pytest.mark.parametrize("quote", ["", '"'])
def test_a_row_longer_than_a_read_block_is_named(tmp_path: Path, quote: str) -> None:
    huge = quote + "y" * (17 << 20) + quote
    message = error_of(tmp_path, f"lon,lat,note\n-8,12,a\n-8,12,{huge}\n".encode())
    assert "line 3: " in message and "131,072 characters" in message


def test_line_numbers_count_blank_lines_and_line_breaks_inside_quotes(tmp_path: Path) -> None:
    data = b'lon,lat,note\n-8,12,"two\nlines"\n\n-8,12,"a\r\nb"\n-8,west,x\n'
    assert "line 7: field lat: not a number: 'west'" in error_of(tmp_path, data)
    data = b"lon,lat,note\r\n-8,12,x\r\n\r\n-8,12,x,y\r\n"
    assert "line 4: more fields than the header has" in error_of(tmp_path, data)


def test_the_first_problem_in_the_file_is_reported(tmp_path: Path) -> None:
    data = b"lon,lat\n-8,12\n-8,nope\n-8,12,extra\n"
    assert "line 3: field lat" in error_of(tmp_path, data)
    data = b"lon,lat\n-8,12,extra\n-8,nope\n"
    assert "line 2: more fields" in error_of(tmp_path, data)


def test_short_rows_are_padded_and_empty_rows_skipped(tmp_path: Path) -> None:
    data = b"lon,lat,a,b\n-8,12\n,,,\n\n-8,12,1\n-8,12,1,2\n"
    assert round_trip(tmp_path, data) == (
        "lon,lat,a,b,unit_code\n-8,12,,,X\n-8,12,1,,X\n-8,12,1,2,X\n"
    )


def test_a_quote_left_open_is_named_not_read_as_one_field(tmp_path: Path) -> None:
    # pyarrow would read the rest of the file into the note: two points gone without a word.
    data = b'lon,lat,note\n-8,12,"a\nb"\n-8,12,"open\n-8,13,x\n-8,14,y\n'
    assert error_of(tmp_path, data).endswith('line 4: a quote (") is opened and never closed')
    # The first problem in the file is named, as for the others.
    data = b'lon,lat,note\n-8,west,x\n-8,12,"open\n'
    assert "line 2: field lat: not a number" in error_of(tmp_path, data)
    assert '"ab""c"' in round_trip(tmp_path, b'lon,lat,note\n-8,12,ab"c\n')  # inside a field


def test_rows_of_blanks_are_skipped_as_blank_lines(tmp_path: Path) -> None:
    # The caseload reader's rule, shared through policy.csv_reader: such a row holds no data.
    data = b'lon,lat,note\n-8,12,"a\nb"\n   \n , ,\t\n-8,12,x\n-8,west,x\n'
    assert round_trip(tmp_path, data.replace(b"-8,west,x\n", b"")) == (
        'lon,lat,note,unit_code\n-8,12,"a\nb",X\n-8,12,x,X\n'
    )
    assert "line 7: field lat: not a number: 'west'" in error_of(tmp_path, data)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (b"\xef\xbb\xbflon;lat\n-8;12", "lon;lat;unit_code\n-8;12;X\n"),
        (b"lon\tlat\r\n-8\t12\r\n", "lon\tlat\tunit_code\n-8\t12\tX\n"),
        (b"lon,lat", "lon,lat,unit_code\n"),
        (b' lon , lat \n"-8","12"\n', "lon,lat,unit_code\n-8,12,X\n"),
    ],
)
def test_delimiters_bom_line_ends_and_header_only(
    tmp_path: Path, data: bytes, expected: str
) -> None:
    assert round_trip(tmp_path, data) == expected


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\n\n",
        b"lng,lat\n1,2\n",
        b"lon,lat\n\xff\xfe,12\n",
        b"\xff\xfelon,lat\n",
        b"lon,lat\n-8,nan(1)\n",
        b"lon,lat,lon\n1,2,3\n",
    ],
)
def test_bad_files_raise_one_line_geodata_errors(tmp_path: Path, data: bytes) -> None:
    assert "points.csv" in error_of(tmp_path, data)


def test_formula_cells_are_neutralised_and_numbers_kept(tmp_path: Path) -> None:
    data = (
        b'lon,lat,=head,note\n-8.5,12,1,"=HYPERLINK(""http://x"",""y"")"\n'
        b"-8,+12,2,@SUM(A1)\n"
        b'-8,12,3,"\tx"\n'
        b"-8,12,4,-2+3\n"
        b"-8,12,5,+31 6 1234\n"
        b"-8,12,6,-inf\n"
    )
    rows = list(csv.reader(io.StringIO(round_trip(tmp_path, data), newline="")))
    assert rows[0] == ["lon", "lat", "'=head", "note", "unit_code"]
    assert [row[3] for row in rows[1:]] == [
        '\'=HYPERLINK("http://x","y")',
        "'@SUM(A1)",
        "'\tx",
        "'-2+3",
        "'+31 6 1234",
        "'-inf",
    ]
    assert [row[0] for row in rows[1:]] == ["-8.5", "-8", "-8", "-8", "-8", "-8"]
    assert rows[2][1] == "+12"


def test_raw_csv_keeps_the_text(tmp_path: Path) -> None:
    data = b"lon,lat,=head,note\n-8,12,1,=1+1\n-8,12,2,@x\n"
    assert round_trip(tmp_path, data, raw=True) == (
        "lon,lat,=head,note,unit_code\n-8,12,1,=1+1,X\n-8,12,2,@x,X\n"
    )


# Text cells as a spreadsheet user might type them, formulas and quotes included. "\r" is
# left out: Python 3.11's csv.writer does not quote a lone "\r" (so its output breaks a
# reader); locate-points does quote it, see the test below.
CELLS = st.text(alphabet=string.printable.replace("\r", "") + "éß€\u00a0", max_size=12)


@FUZZ
@given(st.lists(st.tuples(CELLS, CELLS), min_size=1, max_size=8), st.sampled_from(",;\t"))
def test_output_is_what_csv_writer_writes_after_neutralise_cell(
    tmp_path: Path, cells: list[tuple[str, str]], delimiter: str
) -> None:
    rows = [["note", "lon", "lat", "other"]]
    rows += [[a, "-8.25", "12", b] for a, b in cells]
    data = csv_writer_text(rows, delimiter).encode()
    expected = [[*map(neutralise_cell, row), "X"] for row in rows]
    expected[0][-1] = "unit_code"
    assert round_trip(tmp_path, data) == csv_writer_text(expected, delimiter)


def test_a_carriage_return_inside_a_value_is_quoted(tmp_path: Path) -> None:
    data = b'lon,lat,note\n-8,12,"a\rb"\n'
    assert round_trip(tmp_path, data) == 'lon,lat,note,unit_code\n-8,12,"a\rb",X\n'


@given(st.lists(st.text(alphabet="0123456789.eE+-_ naifINFty()\t", max_size=10), max_size=30))
@settings(max_examples=300, deadline=None)
def test_coordinates_read_as_python_float_reads_them(texts: list[str]) -> None:
    numbers, bad = _coordinates(pa.chunked_array([pa.array(texts, pa.string())]))
    for position, text in enumerate(texts):
        try:
            expected = float(text)
        except ValueError:
            assert bad == position
            return
        assert numbers[position] == expected or (np.isnan(expected) and np.isnan(numbers[position]))
    assert bad is None


@given(st.lists(st.text(max_size=8), max_size=40))
@settings(max_examples=200, deadline=None)
def test_the_writers_neutraliser_is_neutralise_cell_on_every_value(texts: list[str]) -> None:
    result = csv_array(pa.array(texts, pa.string())).to_pylist()
    assert result == [neutralise_cell(text) for text in texts]


JUNK_LINES = st.lists(
    st.one_of(
        st.just("lon,lat"),
        st.just("LON;Lat;x"),
        st.text(alphabet=',;\t"\n\r =+-.0123456789lonat\u00e9', max_size=20),
        st.builds(lambda a, b: f"{a},{b}", st.floats(allow_nan=True), st.floats()),
    ),
    max_size=8,
)


@FUZZ
@given(st.one_of(st.binary(max_size=200), JUNK_LINES.map(lambda ls: "\n".join(ls).encode())))
def test_fuzz_only_geodata_errors_escape_and_messages_are_one_line(
    tmp_path: Path, data: bytes
) -> None:
    """Random bytes and structured junk: the file is read and written, or refused with a
    GeodataError whose message is one line; nothing else escapes."""
    try:
        round_trip(tmp_path, data)
    except GeodataError as error:
        message = str(error)
        assert message and "\n" not in message and "\r" not in message
