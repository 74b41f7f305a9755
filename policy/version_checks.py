"""The one set of checks every policy version passes: from a file, from `with_overrides`, or
built in code.

A version is law as data; a wrong value would put a wrong colour on the map. So the checks go
beyond the schema: the 11 units with their official names, each once; the IPA's place, given and
cited whenever an IPA applies; dates with their citations; every citation's source listed and
its text in `policy/sources/`; every Dutch quote found there word for word; citations of a
document later than the version marked as a reading. Every problem comes with the location of
the field it sits in (`regions[3] (ML-4).ipa_applies`), so a user can find it.

The model runs them: `PolicyVersion`'s validator calls `check_version`, which puts these
problems and the schema's errors into one ValidationError, so a version is validated once and
every problem is reported at once, however it is built. `validated` words that error for a file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any, cast

from pydantic import BaseModel, ValidationError
from pydantic_core import InitErrorDetails, PydanticCustomError

from policy.data_files import SOURCES_DIR, official_units
from policy.errors import InvalidVersionError
from policy.quotes import quote_occurs, source_file_exists

Problem = tuple[str, str]
"""(location of the field, what is wrong with it)."""

CITATION_FIELDS = ("signed_citation", "in_force_citation", "ipa_destination_citation")
RULES = ("exclusion", "no_ipa_individual", "ipa_individual_assessment")
_DATED = (("signed", "signed_citation"), ("in_force", "in_force_citation"))


def build_version(data: Mapping[str, Any], where: str, model: type[BaseModel]) -> Any:
    """A `model` (PolicyVersion) from model-shaped data, or InvalidVersionError listing every
    problem."""
    problems, version = validated(data, model)
    if problems or version is None:
        raise InvalidVersionError(where, [f"{where}: {problem}" for problem in problems])
    return version


def validated(
    data: Mapping[str, Any],
    model: type[BaseModel],
    citations: Iterable[tuple[str, Mapping[str, Any]]] | None = None,
    found: Sequence[Problem] = (),
) -> tuple[list[str], Any]:
    """Every problem ("location: message") and the PolicyVersion when there is none.

    The model validates once and reports every problem at once: its schema errors and the
    checks below (`check_version`). `citations` are the (location, table) pairs to check the
    quotes of instead of the model's own; a file passes its `[citations.<id>]` tables so that a
    wrong quote is reported once, where it is written. `found` are problems the caller has
    already found (e.g. an unknown citation id); the schema errors at the same locations are
    not repeated. `model` is the version model (PolicyVersion): passed in, because the models
    run these checks and this module must not import them back (no import cycle).
    """
    data = _plain(data)
    checks: list[Problem] = []
    schema: list[Problem] = []
    set_aside: list[Problem] = []  # the quotes of the citations as used, when `citations` given
    version = None
    try:
        version = model.model_validate(data)
    except ValidationError as error:
        for item in error.errors():
            if item["type"] in (CHECK, QUOTE):
                ctx = item.get("ctx") or {}
                problem = (str(ctx["location"]), str(ctx["message"]))
                use_it = citations is None or item["type"] == CHECK
                (checks if use_it else set_aside).append(problem)
            elif citations is None or not _inside_a_citation(item["loc"]):
                schema.append(describe(item, data))
    if citations is not None:
        checks += quote_problems(data, citations)
    problems = [*found, *checks]
    reported = {location for location, _ in problems}
    problems += [(location, message) for location, message in schema if location not in reported]
    if version is None and not problems:
        problems = set_aside  # never a refusal without its reason
    lines = list(dict.fromkeys(f"{location}: {message}" for location, message in problems))
    return lines, (None if lines else version)


CHECK = "version_check"
"""The pydantic error type of a problem `structure_problems` finds."""
QUOTE = "version_quote"
"""The pydantic error type of a problem with a quote (its source, its text, its reading mark)."""


def check_version(title: str, data: Any, handler: Callable[[Any], Any]) -> Any:
    """The body of the version model's validator: the schema (`handler`) and the checks below,
    every problem in one ValidationError (the checks first, each with its location)."""
    plain = _plain(data)
    details: list[InitErrorDetails] = [
        _detail(kind, location, message, data)
        for kind, problems in ((CHECK, structure_problems(plain)), (QUOTE, quote_problems(plain)))
        for location, message in problems
    ]
    try:
        version = handler(data)
    except ValidationError as error:
        raise ValidationError.from_exception_data(
            title, [*details, *cast(list[InitErrorDetails], error.errors())]
        ) from None
    if details:
        raise ValidationError.from_exception_data(title, details)
    return version


def _detail(kind: str, location: str, message: str, data: Any) -> InitErrorDetails:
    return {
        "type": PydanticCustomError(
            kind, "{location}: {message}", {"location": location, "message": message}
        ),
        "loc": (),
        "input": data,
    }


def structure_problems(data: Any) -> list[Problem]:
    """The units, the IPA's place, the dates' citations and the source files.

    Works on raw data, so it reports even when fields are missing or mistyped elsewhere.
    """
    if not isinstance(data, dict):
        return []
    problems = _check_units(data)
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
    value = error.get("input")
    shown = ""
    if error["type"] != "missing" and isinstance(value, str | int | float | bool):
        shown = f" (got {value!r})"
    return location, f"{message}{shown}"


def _plain(value: Any) -> Any:
    """Models as dicts and tuples as lists, so the checks read one shape of data."""
    if isinstance(value, BaseModel):
        return _plain(value.model_dump())
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(item) for item in value]
    return value
