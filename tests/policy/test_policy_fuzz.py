"""Fuzzing the loaders users feed files to: random bytes and random structured junk.

Whatever arrives, only the project's own error types escape (PolicyError and its subclasses),
and every message is one line.
"""

from __future__ import annotations

import json
import math
import tomllib
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy import PolicyError, evaluate_batch, load_version, load_version_file, validate_file
from policy.batch import FACT_COLUMNS
from policy.case_csv import read_cases
from policy.data_files import VERSIONS_DIR

FUZZ = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
CURRENT_TEXT = (VERSIONS_DIR / "wbv-2025-11.toml").read_text(encoding="utf-8")
CURRENT_DATA = tomllib.loads(CURRENT_TEXT)


def _one_line(message: str) -> None:
    assert message and "\n" not in message and "\r" not in message, repr(message)


# --- version files -------------------------------------------------------------------------

scalars = st.one_of(
    st.text(max_size=30),
    st.integers(-(2**40), 2**40),
    st.floats(allow_nan=True),
    st.booleans(),
    st.sampled_from(["exceptional", "unknown", "ML-1", "ML-BKO", "2025-06-04", "", "true"]),
)
junk = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4),
        st.dictionaries(st.text(max_size=12), inner, max_size=4),
    ),
    max_leaves=12,
)


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return (
            "nan"
            if math.isnan(value)
            else ("inf" if value > 0 else "-inf")
            if math.isinf(value)
            else repr(value)
        )
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(item) for item in value) + "]"
    items = ", ".join(
        f"{json.dumps(k, ensure_ascii=False)} = {_toml_value(v)}" for k, v in value.items()
    )
    return "{" + items + "}"


def _toml(data: dict[str, Any]) -> str:
    return "".join(
        f"{json.dumps(key, ensure_ascii=False)} = {_toml_value(value)}\n"
        for key, value in data.items()
    )


def _check_version_file(path: Path) -> None:
    problems = validate_file(path)
    for problem in problems:
        _one_line(problem)
    try:
        load_version_file(path)
    except PolicyError as error:
        _one_line(str(error))
        assert problems
    else:
        assert not problems


@FUZZ
@given(content=st.binary(max_size=400))
def test_random_bytes_as_a_version_file(content: bytes, tmp_path: Path) -> None:
    path = tmp_path / "random.toml"
    path.write_bytes(content)
    _check_version_file(path)


@FUZZ
@given(data=st.dictionaries(st.text(max_size=15), junk, max_size=6))
def test_random_structured_junk_as_a_version_file(data: dict, tmp_path: Path) -> None:
    path = tmp_path / "junk.toml"
    path.write_text(_toml(data), encoding="utf-8")
    _check_version_file(path)


def _paths(node: Any, prefix: tuple = ()) -> list[tuple]:
    found = [prefix] if prefix else []
    if isinstance(node, dict):
        for key, value in node.items():
            found += _paths(value, (*prefix, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _paths(value, (*prefix, index))
    return found


PATHS = _paths(CURRENT_DATA)


@FUZZ
@given(
    changes=st.lists(st.tuples(st.sampled_from(PATHS), junk), min_size=1, max_size=3),
)
def test_the_shipped_file_with_values_replaced_by_junk(changes, tmp_path: Path) -> None:
    data = json.loads(json.dumps(CURRENT_DATA, default=str))
    for path, value in changes:
        node = data
        try:
            for key in path[:-1]:
                node = node[key]
            node[path[-1]] = value
        except (KeyError, IndexError, TypeError):
            continue  # an earlier change replaced a parent
    file = tmp_path / "mutated.toml"
    file.write_text(_toml(data), encoding="utf-8")
    _check_version_file(file)


# --- caseload CSVs -------------------------------------------------------------------------

VERSION = load_version()
CELLS = st.one_of(
    st.sampled_from(
        ["Gao", "ML-7", "ségou", "Bougouni", "Kati", "", " ", "true", "ja", "0", "maybe"]
        + ["none", "LIMITED", "substantial", "=1+1", '"', '""', "a,b", "x\ny", "\r", ";"]
    ),
    st.text(max_size=12),
)
COLUMNS = st.sampled_from(
    [
        *FACT_COLUMNS,
        "case_id",
        "Region",
        "outcome",
        "",
        "notes",
    ]
)


def _check_cases(content: bytes) -> None:
    try:
        frame = read_cases(content, "cases.csv")
    except PolicyError as error:
        _one_line(str(error))
        return
    evaluate_batch(frame, VERSION)  # read_cases checked every cell: no error may follow


@FUZZ
@given(content=st.binary(max_size=400))
def test_random_bytes_as_a_caseload(content: bytes) -> None:
    _check_cases(content)


@FUZZ
@given(
    header=st.lists(COLUMNS, min_size=1, max_size=5),
    rows=st.lists(st.lists(CELLS, min_size=0, max_size=6), max_size=8),
    delimiter=st.sampled_from([",", ";", "\t"]),
    newline=st.sampled_from(["\n", "\r\n"]),
    quote=st.booleans(),
    bom=st.booleans(),
)
def test_random_structured_junk_as_a_caseload(header, rows, delimiter, newline, quote, bom):
    def cell(text: str) -> str:
        return '"' + text.replace('"', '""') + '"' if quote else text

    lines = [delimiter.join(cell(c) for c in row) for row in [header, *rows]]
    content = ("\ufeff" * bom + newline.join(lines) + newline).encode("utf-8")
    _check_cases(content)


@pytest.mark.parametrize("encoding", ["utf-16", "latin-1", "cp1252"])
def test_other_encodings_give_one_line(encoding: str) -> None:
    _check_cases("region,notes\nSégou,café\n".encode(encoding))
