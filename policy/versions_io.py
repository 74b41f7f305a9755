"""Loading policy version files (`policy/versions/*.toml`).

A file writes each quoted sentence once, as a `[citations.<id>]` table (paragraph, source,
Dutch text); values, reasons and notes point at it by id. Loading replaces the ids by their
tables and runs the one set of checks of `policy.version_checks` (which `with_overrides` runs
too); every problem is reported with the file and the field it sits in, a wrong quote once,
where it is written.
"""

from __future__ import annotations

import hashlib
import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from policy.data_files import PACKAGE_DIR, SOURCES_DIR, VERSIONS_DIR
from policy.errors import PolicyError, PolicyFileError
from policy.messages import printable, quoted
from policy.models import Citation, PolicyVersion, Text
from policy.unchecked import unchecked
from policy.version_checks import (
    CITATION_FIELDS,
    RULES,
    Problem,
    citation_problems,
    regions,
    validated,
)

CHECKED_LIST = "checked.sha256"
"""The file beside the shipped versions that lists the fingerprint of each one that passed every
check (`python -m policy validate --record` writes it; a test keeps it current)."""


def validate_file(path: str | Path) -> list[str]:
    """Every problem of a policy version file, each with its location; empty when valid."""
    problems, _ = _check(Path(path))
    return problems


def load_version_file(path: str | Path) -> PolicyVersion:
    """A validated PolicyVersion from a TOML file; raises PolicyFileError listing the problems.

    A file whose fingerprint (its bytes, the source texts and the unit names it is checked
    against) is in the checked list beside it passed every check as it is now, so it is read
    without checking again (`_already_checked`); any other file is checked in full."""
    path = Path(path)
    version = _already_checked(path)
    if version is not None:
        return version
    problems, version = _check(path)
    if problems or version is None:
        raise PolicyFileError(str(path), problems)
    return version


def list_versions() -> list[PolicyVersion]:
    """All shipped versions, oldest first (following each file's `supersedes`)."""
    return list(_shipped_versions())


def versions_by_stem() -> dict[str, PolicyVersion]:
    """All shipped versions by file stem (the name a page link uses), oldest first."""
    return dict(zip(_shipped_stems(), _shipped_versions(), strict=True))


def load_version(version: str | None = None) -> PolicyVersion:
    """A shipped version by id ("WBV 2025/11") or file stem ("wbv-2025-11").

    None gives the version in force: the latest in the `supersedes` chain. A value ending in
    `.toml` is the path of a version file (a draft written by `python -m policy draft-version`).
    """
    if version is not None and version.strip().lower().endswith(".toml"):
        path = Path(version)
        if not path.is_file():
            raise PolicyError(f"{quoted(version)}: no such version file")
        return load_version_file(path)
    versions = _shipped_versions()
    if version is None:
        return versions[-1]
    wanted = _key(version)
    for candidate, stem in zip(versions, _shipped_stems(), strict=True):
        if wanted in (_key(candidate.id), _key(stem)):
            return candidate
    known = ", ".join(f"{v.id!r} ({s})" for v, s in zip(versions, _shipped_stems(), strict=True))
    raise PolicyError(f"unknown policy version {quoted(version)}; known versions: {known}")


def _not_utf8(error: UnicodeDecodeError) -> str:
    """Where a file stops being UTF-8 text: a binary file or one saved as Latin-1."""
    data = bytes(error.object)
    line = data.count(b"\n", 0, error.start) + 1
    return (
        f"line {line}: not UTF-8 text (byte 0x{data[error.start]:02x}); a version file is "
        "TOML saved as UTF-8"
    )


def _key(text: str) -> str:
    return " ".join(text.casefold().split())


@cache
def _shipped_files() -> tuple[Path, ...]:
    return tuple(sorted(VERSIONS_DIR.glob("*.toml")))


def shipped_stems() -> tuple[str, ...]:
    """The file stem of each shipped version, in the order of `list_versions`."""
    return _shipped_stems()


@cache
def _shipped_stems() -> tuple[str, ...]:
    by_id = {load_version_file(path).id: path.stem for path in _shipped_files()}
    return tuple(by_id[v.id] for v in _shipped_versions())


@cache
def _shipped_versions() -> tuple[PolicyVersion, ...]:
    loaded = [load_version_file(path) for path in _shipped_files()]
    if not loaded:
        raise PolicyError(f"{VERSIONS_DIR}: no policy version files (*.toml)")
    ids = [v.id for v in loaded]
    if len(set(ids)) != len(ids):
        raise PolicyError(f"{VERSIONS_DIR}: two files share a version id ({', '.join(ids)})")
    by_predecessor: dict[str | None, list[PolicyVersion]] = {}
    for v in loaded:
        predecessor = v.supersedes if v.supersedes in ids else None
        by_predecessor.setdefault(predecessor, []).append(v)
    ordered: list[PolicyVersion] = []
    current: str | None = None
    while current in by_predecessor or current is None:
        following = by_predecessor.get(current, [])
        if len(following) != 1:
            if not following:
                break
            names = ", ".join(v.id for v in following)
            raise PolicyError(f"{VERSIONS_DIR}: versions {names} supersede the same version")
        ordered.append(following[0])
        current = following[0].id
    if len(ordered) != len(loaded):
        raise PolicyError(f"{VERSIONS_DIR}: the `supersedes` fields do not form one chain")
    return tuple(ordered)


def _check(path: Path) -> tuple[list[str], PolicyVersion | None]:
    """Every problem as one printable line (keys and values from the file are escaped)."""
    problems, version = _check_raw(path)
    return [printable(problem) for problem in problems], version


def _check_raw(path: Path) -> tuple[list[str], PolicyVersion | None]:
    where = str(path)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except OSError as error:
        return [f"{where}: cannot read ({error.strerror or error})"], None
    except tomllib.TOMLDecodeError as error:
        return [f"{where}: not valid TOML: {error}"], None
    except UnicodeDecodeError as error:
        return [f"{where}: {_not_utf8(error)}"], None
    except RecursionError:
        return [f"{where}: not valid TOML: nested too deeply"], None
    return check_version_data(data, where, path.parent)


def check_version_data(
    data: dict[str, Any], where: str, folder: Path | None
) -> tuple[list[str], PolicyVersion | None]:
    resolved, tables, found = _resolve_citations(_sources_beside(data, folder))
    tables_found = [
        (f"{location}.{field}", message)
        for location, table in tables
        for field, message in citation_problems(table, CitationTable)
    ]
    problems, version = validated(
        resolved, PolicyVersion, citations=tables, found=[*tables_found, *found]
    )
    return [f"{where}: {problem}" for problem in problems], version


def fingerprint(path: Path, content: bytes | None = None) -> str:
    """What a version file's checks depend on, as one SHA-256: the file's bytes (`content`,
    when the caller has read them already), every source text its quotes can be checked against
    (in policy/sources/ and beside the file), and the official unit names."""
    digest = hashlib.sha256(path.read_bytes() if content is None else content)
    texts = [*sorted(SOURCES_DIR.glob("*.txt")), *sorted(path.parent.glob("*.txt"))]
    for part in (*texts, PACKAGE_DIR / "region_names.toml"):
        digest.update(part.name.encode() + b"\0" + part.read_bytes())
    return digest.hexdigest()


def _checked_list(folder: Path) -> dict[str, str]:
    """File name → fingerprint, from the checked list in `folder` (empty when there is none)."""
    try:
        text = (folder / CHECKED_LIST).read_text(encoding="utf-8")
    except OSError:
        return {}
    found = {}
    for line in text.splitlines():
        digest, _, name = line.partition("  ")
        if name and len(digest) == 64:
            found[name] = digest
    return found


def _already_checked(path: Path) -> PolicyVersion | None:
    """The version in `path` built without checking, when the checked list beside it holds its
    current fingerprint; None otherwise.

    Why: the checks (pydantic, and every quote searched for in its source) take longer than
    answering a case; `python -m policy evaluate` should start in a blink. The list is written
    only after every check passed (`record_checked`), and any change to the file, a source text
    or the unit names changes the fingerprint, so an edited file is checked in full again.
    """
    try:
        listed = _checked_list(path.parent).get(path.name)
        if listed is None:
            return None
        content = path.read_bytes()
        if listed != fingerprint(path, content):
            return None
        data = tomllib.loads(content.decode("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return None
    resolved, _, found = _resolve_citations(_sources_beside(data, path.parent))
    return None if found else unchecked(PolicyVersion, resolved)


def record_checked(folder: Path = VERSIONS_DIR) -> list[str]:
    """Check every version file in `folder`; when all pass, write their fingerprints to the
    checked list there. Returns the problems (nothing is written when there are any)."""
    files = sorted(folder.glob("*.toml"))
    problems = [problem for path in files for problem in _check(path)[0]]
    if not problems:
        lines = [f"{fingerprint(path)}  {path.name}\n" for path in files]
        (folder / CHECKED_LIST).write_text("".join(lines), encoding="utf-8")
    return problems


def load_version_text(text: str, where: str) -> PolicyVersion:
    """A validated PolicyVersion from TOML text held in memory (a draft built on the page);
    its sources are files in policy/sources/ or texts registered with
    `policy.quotes.register_source_text`. Raises PolicyFileError listing the problems."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise PolicyFileError(where, [f"{where}: not valid TOML: {error}"]) from None
    problems, version = check_version_data(data, where, None)
    problems = [printable(problem) for problem in problems]
    if problems or version is None:
        raise PolicyFileError(where, problems)
    return version


def _sources_beside(data: dict[str, Any], folder: Path | None) -> dict[str, Any]:
    """The data with each source `file` that is not in policy/sources/ but lies beside the
    version file (a draft read from a decree next to it) given as its absolute path."""
    listed = data.get("sources")
    if folder is None or not isinstance(listed, list):
        return data
    changed = []
    for source in listed:
        file = source.get("file") if isinstance(source, dict) else None
        if isinstance(file, str) and not file.startswith("memory:"):
            in_package = (SOURCES_DIR / file).parent == SOURCES_DIR
            beside = (folder / file).resolve()
            if not (in_package and (SOURCES_DIR / file).is_file()) and beside.is_file():
                source = {**source, "file": str(beside)}
        changed.append(source)
    return {**data, "sources": changed}


@dataclass(frozen=True, kw_only=True)
class CitationTable(Citation):
    """A `[citations.<id>]` table: a citation, with the English summary a reason needs."""

    summary_en: Text | None = None


def _resolve_citations(
    data: dict[str, Any],
) -> tuple[dict[str, Any], list[tuple[str, dict[str, Any]]], list[Problem]]:
    """The file with every citation id replaced by its `[citations.<id>]` table.

    Returns the model-shaped data, the citation tables with their locations (their quotes are
    checked once, where they are written) and the problems of the references: an unknown id, a
    table that is not a citation, a reason without summary, a citation nothing uses.
    """
    problems: list[Problem] = []
    tables: dict[str, dict[str, Any]] = {}
    raw = data.get("citations", {})
    if not isinstance(raw, dict):
        problems.append(("citations", "must be [citations.<id>] tables"))
        raw = {}
    for key, table in raw.items():
        location = f"citations.{key}"
        if not isinstance(table, dict):
            problems.append((location, "must be a table with paragraph, source and text_nl"))
            continue
        tables[key] = table
    used: set[str] = set()

    def cite(
        location: str, value: Any, note: Any = None, reason: bool = False, note_nl: Any = None
    ) -> Any:
        if not isinstance(value, str):
            problems.append(
                (location, f"must be the id of a [citations.<id>] table, not {value!r}")
            )
            return None
        if value not in tables:
            known = ", ".join(sorted(tables)) or "none"
            problems.append((location, f"unknown citation {value!r} (this file defines: {known})"))
            return None
        used.add(value)
        table = dict(tables[value])
        if reason and not table.get("summary_en"):
            problems.append(
                (f"citations.{value}.summary_en", f"required: {location} gives it as a reason")
            )
        if not reason:
            table.pop("summary_en", None)
        if note is not None:
            table["note_en"] = note
            table["note_nl"] = note_nl
        return table

    def cite_all(location: str, values: Any, reason: bool = False) -> Any:
        if not isinstance(values, list):
            problems.append((location, "must be a list of citation ids"))
            return []
        cited = [cite(f"{location}[{i}]", v, reason=reason) for i, v in enumerate(values)]
        return [table for table in cited if table is not None]

    resolved = {key: value for key, value in data.items() if key != "citations"}
    for name in CITATION_FIELDS:
        if name in data:
            resolved[name] = cite(name, data[name])
    rules = data.get("rules")
    if isinstance(rules, dict):
        resolved["rules"] = {
            name: cite(f"rules.{name}", value) if name in RULES else value
            for name, value in rules.items()
        }
    if "general_reasons" in data:
        resolved["general_reasons"] = cite_all(
            "general_reasons", data["general_reasons"], reason=True
        )
    if isinstance(data.get("notes"), list):
        resolved["notes"] = [
            {**note, "citations": cite_all(f"notes[{i}].citations", note.get("citations", []))}
            if isinstance(note, dict)
            else note
            for i, note in enumerate(data["notes"])
        ]
    if isinstance(data.get("regions"), list):
        resolved["regions"] = []
        for (prefix, region), raw_region in zip(
            _all_regions(data["regions"]), data["regions"], strict=True
        ):
            if region is None:
                resolved["regions"].append(raw_region)
                continue
            region = dict(region)
            for name in ("gradation", "ipa", "gradation_possible"):
                note = region.pop(f"{name}_note_en", None)
                # The same note in Dutch; a shipped version gives it for every note (a test
                # checks), a draft read from a decree may not yet.
                note_nl = region.pop(f"{name}_note_nl", None)
                if note_nl is not None and (not isinstance(note_nl, str) or not note_nl.strip()):
                    problems.append((f"{prefix}.{name}_note_nl", "must be a non-empty text"))
                    note_nl = None
                if note is not None and (not isinstance(note, str) or not note.strip()):
                    problems.append((f"{prefix}.{name}_note_en", "must be a non-empty text"))
                    note = None
                if note is not None and f"{name}_citation" not in region:
                    problems.append(
                        (f"{prefix}.{name}_note_en", f"needs {name}_citation (the cited sentence)")
                    )
                if f"{name}_citation" in region:
                    region[f"{name}_citation"] = cite(
                        f"{prefix}.{name}_citation", region[f"{name}_citation"], note,
                        note_nl=note_nl,
                    )  # fmt: skip
            if "reasons" in region:
                region["reasons"] = cite_all(f"{prefix}.reasons", region["reasons"], reason=True)
            resolved["regions"].append(region)
    for key in tables:
        if key not in used:
            problems.append((f"citations.{key}", "not used by any value, reason or note"))
    located = [(f"citations.{key}", table) for key, table in tables.items()]
    return resolved, located, problems


def _all_regions(listed: list[Any]) -> list[tuple[str, dict[str, Any] | None]]:
    """(location prefix, table or None) for each entry of `regions`, as version_checks names it."""
    prefixes = {id(table): prefix for prefix, table in regions({"regions": listed})}
    return [
        (prefixes[id(entry)], entry) if isinstance(entry, dict) else (f"regions[{i}]", None)
        for i, entry in enumerate(listed)
    ]
