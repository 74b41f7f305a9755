"""The one set of checks every policy version passes: from a file, from `with_overrides`, or
built in code.

A version is law as data; a wrong value would put a wrong colour on the map. So the checks go
beyond the schema: the 11 units with their official names, each once; the IPA's place, given and
cited whenever an IPA applies; dates with their citations; every citation's source listed and
its text in `policy/sources/`; every Dutch quote found there word for word; citations of a
document later than the version marked as a reading. Every problem comes with the location of
the field it sits in (`regions[3] (ML-4).ipa_applies`), so a user can find it.

`validated` runs them beside pydantic's validation of the model's fields (the one schema: the
dataclasses of `policy.models`), so a version is validated once and every problem is reported at
once, however it is made from data: a file (`policy.versions_io`), `with_overrides`, or
`PolicyVersion.validate`. This is the only module of the rules that imports pydantic.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any, cast

from policy.data_files import SOURCES_DIR, official_units
from policy.errors import InvalidVersionError
from policy.quotes import quote_occurs, source_file_exists

if TYPE_CHECKING:
    from pydantic import TypeAdapter

Problem = tuple[str, str]
"""(location of the field, what is wrong with it)."""

CITATION_FIELDS = ("signed_citation", "in_force_citation", "ipa_destination_citation")
RULES = ("exclusion", "no_ipa_individual", "ipa_individual_assessment")
_DATED = (("signed", "signed_citation"), ("in_force", "in_force_citation"))


def build_version(data: Mapping[str, Any], where: str, model: type[Any]) -> Any:
    """A `model` (PolicyVersion) from model-shaped data, or InvalidVersionError listing every
    problem."""
    problems, version = validated(data, model)
    if problems or version is None:
        raise InvalidVersionError(where, [f"{where}: {problem}" for problem in problems])
    return version


def validated(
    data: Mapping[str, Any],
    model: type[Any],
    citations: Iterable[tuple[str, Mapping[str, Any]]] | None = None,
    found: Sequence[Problem] = (),
) -> tuple[list[str], Any]:
    """Every problem ("location: message") and the PolicyVersion when there is none.

    One validation reports every problem at once: pydantic's schema errors (the model's
    fields) and the checks below. `citations` are the (location, table) pairs to check the
    quotes of instead of the model's own; a file passes its `[citations.<id>]` tables so that a
    wrong quote is reported once, where it is written. `found` are problems the caller has
    already found (e.g. an unknown citation id); the schema errors at the same locations are
    not repeated. `model` is the version model (PolicyVersion): passed in, because the models
    call these checks and this module must not import them back (no import cycle).
    """
    data = _plain(data)
    checks = [*structure_problems(data), *quote_problems(data, citations)]
    schema: list[Problem] = []
    inside: list[Problem] = []  # schema errors inside a file's citations, reported there
    version = None
    from pydantic import ValidationError  # imported when a version is checked, not before

    try:
        version = _adapter(cast(Any, model)).validate_python(data)
    except ValidationError as error:
        for item in error.errors():
            if citations is None or not _inside_a_citation(item["loc"]):
                schema.append(describe(item, data))
            else:
                inside.append(describe(item, data))
    problems = [*found, *checks]
    reported = {location for location, _ in problems}
    problems += [(location, message) for location, message in schema if location not in reported]
    if version is None and not problems:
        problems = inside  # never a refusal without its reason
    lines = list(dict.fromkeys(f"{location}: {message}" for location, message in problems))
    return lines, (None if lines else version)


@cache
def _adapter(model: Any) -> TypeAdapter[Any]:
    """Pydantic's validator of a model: built once, the first time a version is checked.

    Pydantic is imported here, not at the top: a single decision from the shipped versions,
    which are already checked (policy.versions_io), never needs it."""
    from pydantic import TypeAdapter

    return TypeAdapter(model)


def citation_problems(table: Mapping[str, Any], model: type[Any]) -> list[Problem]:
    """The schema problems of one `[citations.<id>]` table (`model`: its dataclass)."""
    from pydantic import ValidationError

    try:
        _adapter(cast(Any, model)).validate_python(_plain(table))
    except ValidationError as error:
        return [describe(item, table) for item in error.errors()]
    return []


def structure_problems(data: Any) -> list[Problem]:
    """The units, the IPA's place, the dates' citations and the source files.

    Works on raw data, so it reports even when fields are missing or mistyped elsewhere.
    """
    if not isinstance(data, dict):
        return []
    problems = _check_units(data)
    problems += _check_possible_levels(data)
    problems += _check_ipa_destination(data)
    for value, citation in _DATED:
        if data.get(value) is not None and data.get(citation) is None:
            problems.append((citation, f"required because {value} is given"))
    problems += _sources(data)[1]
    return problems


def quote_problems(
    data: Any, citations: Iterable[tuple[str, Mapping[str, Any]]] | None = None
) -> list[Problem]:
    """Every quote found word for word in its listed source, and a citation of a borrowed
    (later) source marked as a reading; `citations` default to every citation in `data`."""
    if not isinstance(data, dict):
        return []
    problems: list[Problem] = []
    sources = _sources(data)[0]
    borrowed = _borrowed(data)
    cited = quoted(data) if citations is None else list(citations)
    for location, table in cited:
        problems += _check_quote(location, table, sources)
        if str(table.get("source")) in borrowed and table.get("reading") is not True:
            problems.append(
                (
                    f"{location}.reading",
                    f"must be true: source {table['source']!r} is marked borrowed "
                    "(later than this version)",
                )
            )
    return problems


def quoted(data: Mapping[str, Any]) -> list[tuple[str, Mapping[str, Any]]]:
    """(location, table) of every citation, reason and note citation in model-shaped data."""
    found: list[tuple[str, Any]] = []
    rules = data.get("rules")
    if isinstance(rules, dict):
        found += [(f"rules.{name}", rules.get(name)) for name in RULES]
    found += [(name, data.get(name)) for name in CITATION_FIELDS]
    for prefix, region in regions(data):
        for name in ("gradation_citation", "ipa_citation", "gradation_possible_citation"):
            found.append((f"{prefix}.{name}", region.get(name)))
        found += _listed(f"{prefix}.reasons", region.get("reasons"))
    found += _listed("general_reasons", data.get("general_reasons"))
    notes = data.get("notes")
    if isinstance(notes, list):
        for index, note in enumerate(notes):
            if isinstance(note, dict):
                found += _listed(f"notes[{index}].citations", note.get("citations"))
    return [(location, table) for location, table in found if isinstance(table, dict)]


def _listed(prefix: str, items: Any) -> list[tuple[str, Any]]:
    if not isinstance(items, list | tuple):
        return []
    return [(f"{prefix}[{index}]", item) for index, item in enumerate(items)]


def regions(data: Mapping[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    """(location prefix, region table) for every region table, e.g. `regions[3] (ML-4)`."""
    listed = data.get("regions")
    if not isinstance(listed, list | tuple):
        return []
    found = []
    for index, region in enumerate(listed):
        if isinstance(region, dict):
            code = region.get("code")
            label = f" ({code})" if isinstance(code, str) else ""
            found.append((f"regions[{index}]{label}", region))
    return found


_HOLDERS = {
    *CITATION_FIELDS,
    *RULES,
    "gradation_citation",
    "ipa_citation",
    "gradation_possible_citation",
}
_LISTS = {"reasons", "general_reasons", "citations"}


def _inside_a_citation(loc: Sequence[Any]) -> bool:
    """Whether a schema error lies inside a citation (not at the field that holds it)."""
    for position, part in enumerate(loc):
        if part in _HOLDERS or part in _LISTS:
            depth = 2 if part in _LISTS else 1
            return len(loc) > position + depth
    return False


def _borrowed(data: Mapping[str, Any]) -> set[str]:
    listed = data.get("sources")
    if not isinstance(listed, list | tuple):
        return set()
    return {
        source["id"]
        for source in listed
        if isinstance(source, dict)
        and source.get("borrowed") is True
        and isinstance(source.get("id"), str)
    }


def _check_units(data: Mapping[str, Any]) -> list[Problem]:
    """The 11 units of `official_units()`, each exactly once, with its official name."""
    if not isinstance(data.get("regions"), list | tuple):
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


def _check_possible_levels(data: Mapping[str, Any]) -> list[Problem]:
    """A level the sources narrow without fixing: two or more known levels, each once, cited,
    where the region's `gradation` is "unknown" (policy.rules evaluates each)."""
    problems: list[Problem] = []
    for location, region in regions(data):
        possible = region.get("gradation_possible") or ()
        cited = region.get("gradation_possible_citation") is not None
        if not isinstance(possible, list | tuple):
            continue  # the schema names it
        if not possible:
            if cited:
                problems.append((location, "gradation_possible_citation needs gradation_possible"))
            continue
        if region.get("gradation") != "unknown":
            problems.append(
                (location, 'gradation_possible is only allowed where gradation is "unknown"')
            )
        elif len(set(possible)) < 2 or len(set(possible)) < len(possible) or "unknown" in possible:
            problems.append(
                (location, "gradation_possible must list two or more known levels, each once")
            )
        elif not cited:
            problems.append((location, "gradation_possible needs gradation_possible_citation"))
    return problems


def _check_ipa_destination(data: Mapping[str, Any]) -> list[Problem]:
    """The IPA's place: a region of the version, cited, and given whenever any IPA applies."""
    problems: list[Problem] = []
    destination = data.get("ipa_destination")
    codes = {str(region.get("code")) for _, region in regions(data)}
    if destination is not None and str(destination) not in codes:
        problems.append(("ipa_destination", f"{destination!r} is not a region code of this file"))
    has_citation = data.get("ipa_destination_citation") is not None
    if destination is not None and not has_citation:
        problems.append(("ipa_destination_citation", "required because ipa_destination is given"))
    if destination is None and has_citation:
        problems.append(("ipa_destination", "required because ipa_destination_citation is given"))
    applying = [location for location, region in regions(data) if region.get("ipa_applies") is True]
    if destination is None and applying:
        problems.append(
            (
                "ipa_destination",
                f"required (with ipa_destination_citation) because {', '.join(applying)} "
                "have ipa_applies = true: the sources name no place for an internal protection "
                "alternative",
            )
        )
    return problems


def _sources(data: Mapping[str, Any]) -> tuple[dict[str, str | None], list[Problem]]:
    """Source id → its file in policy/sources/ (None: no file given), and the file problems."""
    sources: dict[str, str | None] = {}
    problems: list[Problem] = []
    listed = data.get("sources")
    if not isinstance(listed, list | tuple):
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


def _check_quote(
    location: str, cited: Mapping[str, Any], sources: dict[str, str | None]
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


def describe(error: Mapping[str, Any], data: Any) -> Problem:
    """A pydantic error as (`field.path (region code)`, `message (got value)`)."""
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
    if error["type"] == "unexpected_keyword_argument":  # a dataclass's word for it
        message = "Extra inputs are not permitted"
    value = error.get("input")
    shown = ""
    if error["type"] != "missing" and isinstance(value, str | int | float | bool):
        shown = f" (got {value!r})"
    return location, f"{message}{shown}"


def _plain(value: Any) -> Any:
    """Models as dicts and tuples as lists, so the checks read one shape of data."""
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return _plain(dataclasses.asdict(value))
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
