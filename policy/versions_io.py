"""Loading and validating policy version files (`policy/versions/*.toml`).

A version file is law as data; a mistake in it would put a wrong colour on the map. So a file is
checked completely — schema, the 11 units and their official names, duplicates, dates, the IPA's
place, citation sources, and that every quote occurs word for word in its source file — and every
problem is reported with the file and the field it sits in.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from policy.data_files import SOURCES_DIR, VERSIONS_DIR, official_units
from policy.errors import PolicyError, PolicyFileError
from policy.messages import printable, quoted
from policy.models import PolicyVersion
from policy.quotes import quote_occurs, source_file_exists


def validate_file(path: str | Path) -> list[str]:
    """Every problem of a policy version file, each with its location; empty when valid."""
    problems, _ = _check(Path(path))
    return problems


def load_version_file(path: str | Path) -> PolicyVersion:
    """A validated PolicyVersion from a TOML file; raises PolicyFileError listing the problems."""
    problems, version = _check(Path(path))
    if problems or version is None:
        raise PolicyFileError(str(path), problems)
    return version


def list_versions() -> list[PolicyVersion]:
    """All shipped versions, oldest first (following each file's `supersedes`)."""
    return list(_shipped_versions())


def load_version(version: str | None = None) -> PolicyVersion:
    """A shipped version by id ("WBV 2025/11") or file stem ("wbv-2025-11").

    None gives the version in force: the latest in the `supersedes` chain.
    """
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
    found = _check_content(data)
    reported = {location for location, _ in found}
    problems = [f"{where}: {location}: {message}" for location, message in found]
    try:
        version = PolicyVersion.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            location, message = _describe(item, data)
            # The model's own cross-field check is a safety net: the content pass above has
            # already reported the same problems, each with its own location.
            if location in reported or (location == "(file)" and found):
                continue
            problems.append(f"{where}: {location}: {message}")
        return _unique(problems), None
    if problems:
        return _unique(problems), None
    return [], version


Problem = tuple[str, str]
_RULES = ("exclusion", "no_ipa_individual", "ipa_individual_assessment")
_DATED = (("signed", "signed_citation"), ("in_force", "in_force_citation"))


def _check_content(data: dict[str, Any]) -> list[Problem]:
    """Every problem of content the schema alone cannot see, as (location, message) pairs.

    Runs over the raw data, so it reports even when fields are missing or mistyped elsewhere.
    """
    problems = _check_units(data)
    problems += _check_ipa_destination(data)
    for value, citation in _DATED:
        if data.get(value) is not None and citation not in data:
            problems.append((citation, f"required because {value} is given"))
    sources, source_problems = _sources(data)
    problems += source_problems
    borrowed = _borrowed(data)
    for location, cited in _quoted(data):
        problems += _check_quote(location, cited, sources)
        if str(cited.get("source")) in borrowed and "summary_en" not in cited:
            if cited.get("reading") is not True:
                problems.append(
                    (
                        f"{location}.reading",
                        f"must be true: source {cited['source']!r} is marked borrowed "
                        "(later than this version)",
                    )
                )
    return problems


def _borrowed(data: dict[str, Any]) -> set[str]:
    listed = data.get("sources")
    if not isinstance(listed, list):
        return set()
    return {
        source["id"]
        for source in listed
        if isinstance(source, dict)
        and source.get("borrowed") is True
        and isinstance(source.get("id"), str)
    }


def _regions(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(location prefix, region table) for every region table, e.g. `regions[3] (ML-4)`."""
    regions = data.get("regions")
    if not isinstance(regions, list):
        return []
    found = []
    for index, region in enumerate(regions):
        if isinstance(region, dict):
            code = region.get("code")
            label = f" ({code})" if isinstance(code, str) else ""
            found.append((f"regions[{index}]{label}", region))
    return found


def _check_units(data: dict[str, Any]) -> list[Problem]:
    """The 11 units of `official_units()`, each exactly once, with its official name."""
    if not isinstance(data.get("regions"), list):
        return []
    units = official_units()
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for index, region in enumerate(data["regions"]):
        code = region.get("code") if isinstance(region, dict) else None
        if not isinstance(code, str):
            continue
        if code in seen:
            problems.append(
                (
                    f"regions[{index}].code",
                    f"duplicate region {code!r} (also regions[{seen[code]}])",
                )
            )
        elif code not in units:
            problems.append(
                (
                    f"regions[{index}].code",
                    f"{code!r} is not a unit of Mali's 2016 structure ({', '.join(units)})",
                )
            )
        else:
            name = region.get("name")
            if isinstance(name, str) and name != units[code]:
                problems.append(
                    (
                        f"regions[{index}] ({code}).name",
                        f"{name!r} is not the official name of {code} ({units[code]!r})",
                    )
                )
        seen.setdefault(code, index)
    missing = [code for code in units if code not in seen]
    if missing:
        problems.append(("regions", f"missing unit(s) {', '.join(missing)}"))
    return problems


def _check_ipa_destination(data: dict[str, Any]) -> list[Problem]:
    """The IPA's place: a region of the file, cited, and given whenever any IPA applies."""
    problems: list[Problem] = []
    destination = data.get("ipa_destination")
    codes = {str(region.get("code")) for _, region in _regions(data)}
    if destination is not None and str(destination) not in codes:
        problems.append(("ipa_destination", f"{destination!r} is not a region code of this file"))
    has_citation = data.get("ipa_destination_citation") is not None
    if destination is not None and not has_citation:
        problems.append(("ipa_destination_citation", "required because ipa_destination is given"))
    if destination is None and has_citation:
        problems.append(("ipa_destination", "required because ipa_destination_citation is given"))
    applying = [
        location for location, region in _regions(data) if region.get("ipa_applies") is True
    ]
    if destination is None and applying:
        problems.append(
            (
                "ipa_destination",
                f"required (with ipa_destination_citation) because {', '.join(applying)} "
                "have ipa_applies = true",
            )
        )
    return problems


def _sources(data: dict[str, Any]) -> tuple[dict[str, str | None], list[Problem]]:
    """Source id → its file in policy/sources/ (None: no file given), and the file problems."""
    sources: dict[str, str | None] = {}
    problems: list[Problem] = []
    listed = data.get("sources")
    if not isinstance(listed, list):
        return sources, problems
    for index, source in enumerate(listed):
        if not isinstance(source, dict) or not isinstance(source.get("id"), str):
            continue
        file = source.get("file")
        if isinstance(file, str) and not source_file_exists(file):
            problems.append(
                (
                    f"sources[{index}] ({source['id']}).file",
                    f"{file!r} is not a file in {SOURCES_DIR}",
                )
            )
            file = None
        sources[source["id"]] = file if isinstance(file, str) else None
    return sources, problems


def _quoted(data: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(location, table) of every citation and reason in the file."""
    found: list[tuple[str, dict[str, Any]]] = []
    rules = data.get("rules")
    if isinstance(rules, dict):
        found += [(f"rules.{name}", rules[name]) for name in _RULES if name in rules]
    for name in ("signed_citation", "in_force_citation", "ipa_destination_citation"):
        found.append((name, data.get(name)))
    for prefix, region in _regions(data):
        for name in ("gradation_citation", "ipa_citation"):
            found.append((f"{prefix}.{name}", region.get(name)))
        reasons = region.get("reasons")
        if isinstance(reasons, list):
            found += [(f"{prefix}.reasons[{i}]", reason) for i, reason in enumerate(reasons)]
    return [(location, table) for location, table in found if isinstance(table, dict)]


def _check_quote(
    location: str, cited: dict[str, Any], sources: dict[str, str | None]
) -> list[Problem]:
    """The cited source is listed, and the Dutch text occurs in its file word for word."""
    source, text = cited.get("source"), cited.get("text_nl")
    if not isinstance(source, str):
        return []
    if source not in sources:
        known = ", ".join(sorted(sources)) or "none listed"
        return [(f"{location}.source", f"{source!r} is not one of the sources ({known})")]
    file = sources[source]
    if file is None or not isinstance(text, str) or not text.strip():
        return []
    if not quote_occurs(text, file):
        shown = text if len(text) <= 60 else text[:57] + "..."
        return [(f"{location}.text_nl", f"not found word for word in {file}: {shown!r}")]
    return []


def _describe(error: Any, data: dict[str, Any]) -> tuple[str, str]:
    """A pydantic error as (`field.path (region code)`, `message [got value]`)."""
    parts: list[str] = []
    node: Any = data
    for item in error["loc"]:
        if isinstance(item, int):
            code = (
                node[item].get("code")
                if isinstance(node, list) and isinstance(node[item], dict)
                else None
            )
            parts.append(f"[{item}]" + (f" ({code})" if isinstance(code, str) else ""))
        else:
            parts.append(("." if parts else "") + str(item))
        try:
            node = node[item]
        except (KeyError, IndexError, TypeError):
            node = None
    location = "".join(parts) or "(file)"
    message = error["msg"].removeprefix("Value error, ")
    value = error.get("input")
    shown = ""
    if error["type"] != "missing" and isinstance(value, str | int | float | bool):
        shown = f" (got {value!r})"
    return location, f"{message}{shown}"


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
