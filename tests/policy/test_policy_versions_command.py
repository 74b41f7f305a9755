"""`python -m policy versions [--json]`: every shipped version with id, dates and sources."""

from __future__ import annotations

import json

from policy.cli import main
from policy.versions_io import list_versions

# Artikel II: "Dit besluit treedt in werking met ingang van de dag na de dagtekening van de
# Staatscourant waarin het wordt geplaatst." The date of that Staatscourant is not in our
# sources; the toelichting cites the letter of 17 June 2025, so not before 18 June 2025.
ARTICLE_II = "met ingang van de dag na de dagtekening van de Staatscourant"


def test_versions_json_lists_every_version_oldest_first_with_dates_and_sources(capsys) -> None:
    assert main(["versions", "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [row["id"] for row in rows] == [v.id for v in list_versions()]
    latest = rows[-1]
    assert latest["latest"] is True and not any(row["latest"] for row in rows[:-1])
    assert latest["id"] == "WBV 2025/11" and latest["signed"] == "2025-06-04"
    assert latest["in_force"] is None  # not in the sources
    assert latest["in_force_not_before"] == "2025-06-18"
    assert "inference" in latest["in_force_note"]
    assert {s["id"] for s in latest["sources"]} == {"wbv-2025-11", "kamerbrief-2025-06-17"}
    assert rows[0]["signed"] is None and rows[0]["in_force_not_before"] is None
    assert latest["supersedes"] == rows[0]["id"]


def test_versions_text_says_not_before_as_an_inference(capsys) -> None:
    from pathlib import Path

    decree = Path(__file__).resolve().parents[2] / "policy" / "sources"
    assert ARTICLE_II in (decree / "wbv-2025-11-c7-23-mali.txt").read_text(encoding="utf-8")
    assert main(["versions"]) == 0
    out = capsys.readouterr().out
    assert "in force: not before 2025-06-18 (an inference)" in out
    assert "WBV 2025/11 (latest: the version in force)" in out
