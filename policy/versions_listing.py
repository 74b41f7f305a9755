"""`python -m policy versions`: the shipped versions, oldest first, with their dates and sources.

Why: a briefing or a memo names a version by id; an analyst must see which versions there are,
which one is in force (the last), what each supersedes and what documents it rests on, without
opening the TOML files. Dates the sources do not give stay empty, with the version's note on why.
"""

from __future__ import annotations

from typing import Any

from policy.models import PolicyVersion
from policy.versions_io import list_versions, shipped_stems


def version_rows() -> list[dict[str, Any]]:
    """One row per shipped version, oldest first (the JSON contract of `versions --json`)."""
    versions = list_versions()
    return [
        _row(version, stem, in_force=number == len(versions) - 1)
        for number, (version, stem) in enumerate(zip(versions, shipped_stems(), strict=True))
    ]


def _row(version: PolicyVersion, stem: str, in_force: bool) -> dict[str, Any]:
    return {
        "id": version.id,
        "file": f"{stem}.toml",
        "title": version.title,
        "supersedes": version.supersedes,
        "latest": in_force,
        "signed": version.signed.isoformat() if version.signed else None,
        "in_force": version.in_force.isoformat() if version.in_force else None,
        "in_force_not_before": (
            version.in_force_not_before.isoformat() if version.in_force_not_before else None
        ),
        "in_force_note": version.in_force_note,
        "sources": [
            {
                "id": source.id,
                "title": source.title,
                "reference": source.reference,
                "date": source.date.isoformat() if source.date else None,
                "file": source.file,
                "borrowed": source.borrowed,
            }
            for source in version.sources
        ],
    }


def version_lines(rows: list[dict[str, Any]]) -> list[str]:
    """The rows as text: one block per version."""
    lines: list[str] = []
    for row in rows:
        latest = " (latest: the version in force)" if row["latest"] else ""
        lines.append(f"{row['id']}{latest}  [{row['file']}]")
        lines.append(f"  {row['title']}")
        if row["supersedes"]:
            lines.append(f"  supersedes: {row['supersedes']}")
        lines.append(f"  signed: {row['signed'] or 'not in the sources'}")
        if row["in_force"]:
            lines.append(f"  in force: {row['in_force']}")
        elif row["in_force_not_before"]:
            lines.append(f"  in force: not before {row['in_force_not_before']} (an inference)")
            lines.append(f"  why: {row['in_force_note']}")
        else:
            lines.append(f"  in force: not in the sources ({row['in_force_note']})")
        for source in row["sources"]:
            date = f", {source['date']}" if source["date"] else ""
            borrowed = " (later than this version: a reading)" if source["borrowed"] else ""
            lines.append(f"  source {source['id']}: {source['reference']}{date}{borrowed}")
    return lines
