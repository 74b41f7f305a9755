"""`python -m briefing`: outputs by file name, and every bad input exits 2 with one line."""

from __future__ import annotations

import io
import subprocess
import sys

import pytest
from PIL import Image

from briefing.cli import main
from briefing.map_image import PIXELS


def test_map_command_writes_the_png_of_its_layout(tmp_path) -> None:
    out = tmp_path / "map.png"
    assert main(["map", "--layout", "slide", "--lang", "en", "--date", "2026-01-15",
                 "-o", str(out)]) == 0  # fmt: skip
    assert Image.open(io.BytesIO(out.read_bytes())).size == PIXELS["slide"]


def test_compare_html_and_case_commands(tmp_path) -> None:
    svg = tmp_path / "change.svg"
    assert main(["map", "--policy", "c7-23-before-wbv-2025-11", "--compare", "WBV 2025/11",
                 "-o", str(svg)]) == 0  # fmt: skip
    assert "Ménaka" in svg.read_text(encoding="utf-8")
    page = tmp_path / "map.html"
    assert main(["html", "--lang", "en", "-o", str(page)]) == 0
    assert page.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    memo = tmp_path / "case.md"
    assert main(["case", "--region", "Ménaka", "--individual-elements", "limited",
                 "--lang", "nl", "--date", "2026-01-15", "-o", str(memo)]) == 0  # fmt: skip
    assert "15 januari 2026" in memo.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["map", "-o", "{tmp}/x.gif"], "must end in .png, .svg, .pdf"),
        (["map", "--policy", "nope", "-o", "{tmp}/x.png"], "unknown policy version"),
        (["map", "--lang", "de", "-o", "{tmp}/x.png"], "invalid choice"),
        (["map", "--layout", "a3", "-o", "{tmp}/x.png"], "invalid choice"),
        (["map", "--date", "2026-13-01", "-o", "{tmp}/x.png"], "not a date"),
        (["map", "--compare", "nope", "-o", "{tmp}/x.png"], "unknown policy version"),
        (["map", "--scenario", "{tmp}/s.json", "--compare", "WBV 2025/11", "-o", "{tmp}/x.png"],
         "one or the other"),  # fmt: skip
        (["html", "-o", "{tmp}/x.pdf"], "must end in .html"),
        (["case", "-o", "{tmp}/x.pdf"], "--region"),
        (["case", "--region", "Atlantis", "-o", "{tmp}/x.pdf"], "unknown region"),
        (["case", "--region", "Gao", "-o", "{tmp}/x.docx"], "must end in .pdf, .md"),
        (["case", "--region", "Gao", "-o", "{tmp}/missing/x.pdf"], "cannot write"),
        (["case", "--region", "Gao", "--scenario", "{tmp}/none.json", "-o", "{tmp}/x.md"],
         "none.json"),  # fmt: skip
        (["bogus"], "invalid choice"),
        ([], "required"),
    ],
)
def test_every_bad_input_exits_2_with_one_line(tmp_path, capsys, argv, message) -> None:
    argv = [arg.replace("{tmp}", str(tmp_path)) for arg in argv]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    lines = captured.err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("python -m briefing: ")
    assert message in lines[0]


def test_module_entry_point_exits_2_with_one_line(tmp_path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "briefing", "case", "--region", "Atlantis",
         "-o", str(tmp_path / "x.md")],  # fmt: skip
        capture_output=True,
        text=True,
    )
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and "unknown region" in result.stderr


SCENARIO = """{"scenario": 1, "base": "WBV 2025/11", "title": "Ménaka weer uitzonderlijk & ‘naïef’",
 "author": "Analist", "created": "2026-01-15",
 "changes": [{"region": "Ménaka", "gradation": "exceptional",
              "rationale": "Toets: wat als de regio’s situatie verslechtert?"}]}"""


def test_scenario_file_drives_map_html_and_case(tmp_path) -> None:
    scenario = tmp_path / "scenario.json"
    scenario.write_text(SCENARIO, encoding="utf-8")
    svg, page, memo, pdf = (tmp_path / name for name in ("m.svg", "m.html", "c.md", "c.pdf"))
    assert main(["map", "--scenario", str(scenario), "-o", str(svg)]) == 0
    text = svg.read_text(encoding="utf-8")
    assert "Ménaka weer uitzonderlijk &amp; ‘naïef’" in text
    assert "Toets: wat als de regio’s situatie verslechtert?" in text
    assert main(["html", "--scenario", str(scenario), "-o", str(page)]) == 0
    assert "Ménaka weer uitzonderlijk &amp; ‘naïef’" in page.read_text(encoding="utf-8")
    assert main(["case", "--region", "ML-9", "--scenario", str(scenario), "--lang", "en",
                 "-o", str(memo)]) == 0  # fmt: skip
    report = memo.read_text(encoding="utf-8")
    assert "\\& ‘naïef’" in report and "based on WBV 2025/11" in report
    assert "Exceptional level" in report  # the scenario's value, not the law's
    assert main(["case", "--region", "ML-9", "--scenario", str(scenario), "-o", str(pdf)]) == 0
    assert pdf.read_bytes().startswith(b"%PDF")


def test_scenario_with_markup_or_another_base_is_refused_in_one_line(tmp_path, capsys) -> None:
    hostile = tmp_path / "hostile.json"
    hostile.write_text(SCENARIO.replace("Analist", "<script>x</script>"), encoding="utf-8")
    assert main(["map", "--scenario", str(hostile), "-o", str(tmp_path / "x.png")]) == 2
    assert "no markup" in capsys.readouterr().err
    good = tmp_path / "scenario.json"
    good.write_text(SCENARIO, encoding="utf-8")
    argv = ["map", "--scenario", str(good), "--policy", "c7-23-before-wbv-2025-11"]
    assert main([*argv, "-o", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "base" in err
