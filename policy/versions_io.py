"""Loading and validating policy version files (`policy/versions/*.toml`).

A version file is law as data; a mistake in it would put a wrong colour on the map. So a file is
checked completely — schema, the 11 units, duplicates, dates, citation sources — and every
problem is reported with the file and the field it sits in.
"""

from __future__ import annotations

import tomllib
from functools import cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from policy.data_files import VERSIONS_DIR, read_package_toml
from policy.errors import PolicyError, PolicyFileError
from policy.models import PolicyVersion


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
    raise PolicyError(f"unknown policy version {version!r}; known versions: {known}")


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
    where = str(path)
    try:
        with open(path, "rb") as handle:
            data = tomllib.load(handle)
    except FileNotFoundError:
        return [f"{where}: file not found"], None
    except OSError as error:
        return [f"{where}: cannot read ({error.strerror})"], None
    except tomllib.TOMLDecodeError as error:
        return [f"{where}: not valid TOML: {error}"], None
    problems = [f"{where}: {problem}" for problem in _check_units(data)]
    try:
        version = PolicyVersion.model_validate(data)
    except ValidationError as error:
        problems.extend(f"{where}: {_describe(e, data)}" for e in error.errors())
        return _unique(problems), None
    if problems:
        return _unique(problems), None
    return [], version


def _check_units(data: dict[str, Any]) -> list[str]:
    """The 11 units of region_names.toml, each exactly once, with the right official name."""
    regions = data.get("regions")
    if not isinstance(regions, list):
        return []
    units = read_package_toml("region_names.toml")["units"]
    problems: list[str] = []
    seen: dict[str, int] = {}
    for index, region in enumerate(regions):
        code = region.get("code") if isinstance(region, dict) else None
        if not isinstance(code, str):
            continue
        if code in seen:
            problems.append(
                f"regions[{index}].code: duplicate region {code!r} (also regions[{seen[code]}])"
            )
        elif code not in units:
            problems.append(
                f"regions[{index}].code: {code!r} is not a unit of Mali's 2016 structure "
                f"({', '.join(units)})"
            )
        seen.setdefault(code, index)
    missing = [code for code in units if code not in seen]
    if missing:
        problems.append(f"regions: missing unit(s) {', '.join(missing)}")
    return problems


def _describe(error: Any, data: dict[str, Any]) -> str:
    """A pydantic error as `field.path (region code): message [got value]`."""
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
    return f"{location}: {message}{shown}"


def _unique(items: list[str]) -> list[str]:
    return list(dict.fromkeys(items))
