"""The one caseload CSV reader: what it accepts, and the one-line message for what it refuses."""

from __future__ import annotations

import io
from pathlib import Path

import pandas as pd
import pytest

from policy import BatchInputError, evaluate_batch, load_version
from policy.case_csv import MAX_CELL_CHARS, read_cases, write_cases
from policy.data_files import EXAMPLES_DIR

EXAMPLE = EXAMPLES_DIR / "synthetic-caseload.csv"


def _refused(data: bytes, **kwargs) -> str:
    with pytest.raises(BatchInputError) as error:
        read_cases(data, "cases.csv", **kwargs)
    message = str(error.value)
    assert "\n" not in message and message.startswith("cases.csv")
    return message


def test_the_example_caseload_reads_from_a_path_bytes_and_a_file_object():
    from_path = read_cases(EXAMPLE)
    from_bytes = read_cases(EXAMPLE.read_bytes(), "upload.csv")
    from_file = read_cases(io.BytesIO(EXAMPLE.read_bytes()), "upload.csv")
    expected = pd.read_csv(EXAMPLE, dtype=str, keep_default_na=False)
    for frame in (from_path, from_bytes, from_file):
        assert list(frame.columns) == list(expected.columns)
        assert frame.astype(str).to_numpy().tolist() == expected.to_numpy().tolist()
        assert list(frame.index) == list(range(2, len(expected) + 2))


def test_cells_keep_their_text():
    frame = read_cases(b"case_id,region,persecution\n0012,Gao,1\n", "c.csv")
    assert frame["case_id"].tolist() == ["0012"] and frame["persecution"].tolist() == ["1"]


def test_header_only_gives_an_empty_caseload_that_evaluates():
    for data in (b"region,persecution\n", b"region,persecution"):
        frame = read_cases(data, "c.csv")
        assert len(frame) == 0 and list(frame.columns) == ["region", "persecution"]
        assert len(evaluate_batch(frame, load_version())) == 0


def test_blank_lines_and_lines_of_spaces_are_skipped_and_do_not_shift_line_numbers():
    data = b"region,persecution\n\nGao,0\n   \n,\n\nKidal,maybe\n"
    assert "line 7, column persecution: 'maybe'" in _refused(data)
    frame = read_cases(data.replace(b"maybe", b"1"), "c.csv")
    assert list(frame.index) == [3, 7]


def test_a_cell_over_two_lines_counts_both_lines():
    data = b'region,notes\nGao,"two\nlines"\nAtlantis,x\n'
    assert "line 4, column region" in _refused(data)


def test_a_row_with_too_many_or_too_few_fields_names_its_line():
    assert "line 4: 3 fields where the header has 2" in _refused(
        b"region,persecution\nGao,0\n\nKayes,Gao,1\n"
    )
    assert "line 3: 1 field where the header has 2" in _refused(
        b"region,persecution\nGao,0\nKidal\n"
    )


def test_an_unclosed_quote_is_named():
    assert 'line 3: a quote (") is opened and never closed' in _refused(
        b'region,notes\nGao,x\nKidal,"open\n'
    )


def test_a_duplicated_header_is_refused():
    assert "the header repeats the column 'region'" in _refused(b"region,region\nGao,Gao\n")
    assert "repeats the column 'persecution'" in _refused(
        b"region,persecution, persecution\nGao,0,1\n"
    )


def test_missing_unnamed_misspelled_and_output_columns_are_refused():
    assert "no column region" in _refused(b"regio,persecution\nGao,0\n")
    assert "column 2 of the header has no name" in _refused(b"region,\nGao,0\n")
    assert "did you mean persecution?" in _refused(b"region,Persecution\nGao,1\n")
    assert "did you mean individual_harm?" in _refused(b"region,individual harm\nGao,1\n")
    assert "already has the output column(s) outcome" in _refused(b"region,outcome\nGao,x\n")


def test_other_columns_pass_through():
    frame = read_cases(b"case_id,region,note\nA1,Gao,=1+1\n", "c.csv")
    assert frame.loc[2, "note"] == "=1+1"


def test_unknown_regions_are_all_listed_with_their_lines():
    message = _refused(b"region\nGao\nAtlantis\nKati\n\nAtlantis\n")
    assert "2 unknown region names" in message
    assert "'Atlantis' (lines 3, 6" in message and "'Kati' (line 4" in message


def test_one_unknown_region_keeps_the_resolvers_message():
    message = _refused(b"region\nGao\nAtlantis\n")
    assert "line 3, column region: unknown region 'Atlantis'; closest:" in message


def test_an_empty_region_with_other_facts_is_refused():
    assert "line 3, column region: empty" in _refused(b"region,persecution\nGao,0\n ,1\n")


def test_a_long_cell_is_refused_with_its_length():
    long = b"x" * (MAX_CELL_CHARS + 1)
    message = _refused(b"region,notes\nGao,ok\nGao," + long + b"\n")
    assert f"line 3, column notes: a cell of {MAX_CELL_CHARS + 1:,} characters" in message


def test_a_long_region_name_is_shortened_in_the_message():
    message = _refused(b"region\n" + b"A" * 5000 + b"\n")
    assert len(message) < 300 and "5,000 characters" in message


def test_not_utf8_text_is_named_with_its_line():
    latin1 = "region,notes\nGao,ok\nSégou,x\n".encode("latin-1")
    assert "line 3: not UTF-8 text (byte 0xe9); save the CSV as UTF-8" in _refused(latin1)
    assert "line 1: not UTF-8" in _refused("région\nGao\n".encode("latin-1"))


def test_binary_and_empty_files_are_refused():
    assert "not a CSV text file" in _refused(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    assert "the file is empty" in _refused(b"")
    assert "the file is empty" in _refused(b" \n\n")


def test_the_size_limit_is_stated(tmp_path: Path):
    data = EXAMPLE.read_bytes()
    assert f"the limit is {len(data) - 1:,} bytes" in _refused(data, max_bytes=len(data) - 1)
    path = tmp_path / "cases.csv"
    path.write_bytes(data)
    with pytest.raises(BatchInputError, match="the limit is 100 bytes"):
        read_cases(path, max_bytes=100)


def test_a_byte_order_mark_and_semicolons_are_read():
    frame = read_cases("\ufeffregion;persecution\nGao;ja\n".encode(), "c.csv")
    assert list(frame.columns) == ["region", "persecution"] and frame.attrs["delimiter"] == ";"


def test_a_directory_or_missing_file_cannot_be_read(tmp_path: Path):
    for path in (tmp_path, tmp_path / "missing.csv"):
        with pytest.raises(BatchInputError, match="cannot read"):
            read_cases(path)


def test_written_csv_is_spreadsheet_safe_unless_raw(tmp_path: Path):
    cases = read_cases(b'case_id,region,note\n=HYPERLINK(1),Gao,-3.5\n@x,Kidal,"a,b"\n', "c.csv")
    result = evaluate_batch(cases, load_version())
    safe, raw = tmp_path / "safe.csv", tmp_path / "raw.csv"
    write_cases(result, safe)
    write_cases(result, raw, raw=True)
    safe_frame = pd.read_csv(safe, dtype=str, keep_default_na=False)
    raw_frame = pd.read_csv(raw, dtype=str, keep_default_na=False)
    assert safe_frame["case_id"].tolist() == ["'=HYPERLINK(1)", "'@x"]
    assert safe_frame["note"].tolist() == ["-3.5", "a,b"]
    assert raw_frame["case_id"].tolist() == ["=HYPERLINK(1)", "@x"]
    assert safe_frame["outcome"].tolist() == result["outcome"].astype(str).tolist()


def test_written_csv_quotes_only_when_a_cell_needs_it(tmp_path: Path):
    out = tmp_path / "out.csv"
    write_cases(evaluate_batch(read_cases(EXAMPLE), load_version()), out)
    assert '"' not in out.read_text(encoding="utf-8")
