"""What-if scenarios: changes to some regions' gradation and IPA status, each with a rationale.

Why: analysts are asked "what if Ménaka were exceptional again?". A scenario answers it without
touching the law: it names the version it starts from (`base`), and `apply` builds a what-if
copy through `PolicyVersion.with_overrides`, which marks every changed value and the version
(`modified`, flag `what_if`). A scenario is never written into `policy/versions/`.

A scenario file is JSON (format in docs/formats.md, schema in `scenario.schema.json`):

    {"scenario": 1, "base": "WBV 2025/11", "title": "Ménaka back to exceptional",
     "author": "…", "created": "2026-01-15",
     "changes": [{"region": "ML-9", "gradation": "exceptional", "ipa_applies": true,
                  "rationale": "…"}]}

Files come from users and travel in page links, so everything is checked before anything is
used: size and JSON syntax here; every field's type and length, markup, control characters and
script links by the JSON Schema (`scenario.schema.json`, run with jsonschema: the published
contract is the check, so the two cannot drift apart); then what a schema cannot say: the base
version, a real date, every region (as `--region` reads it) and every change (through
`with_overrides`, one change at a time, so the message names the change). A problem raises
`ScenarioError` with one line naming the field; nothing is applied.
"""

from __future__ import annotations

import base64
import binascii
import datetime as dt
import json
import re
import unicodedata
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from functools import cache, cached_property
from pathlib import Path
from typing import Any

from policy.diff import diff_versions
from policy.errors import PolicyError
from policy.models import Gradation, PolicyVersion
from policy.regions import resolve_region
from policy.texts import gradation_label
from policy.versions_io import load_version
from wording import check_lang, phrases, t
from wording.escape import markdown

FORMAT = 1
MAX_BYTES = 64 * 1024
"""A scenario file (or the JSON a link carries) may hold at most 64 KiB."""
MAX_TITLE = 200
MAX_AUTHOR = 200
MAX_RATIONALE = 1000
MAX_REGION = 60
MAX_BASE = 100
MAX_LINK_CHARS = 2000
"""A page link carries a scenario of at most 2,000 characters (compressed); longer: a file."""

SCHEMA_FILE = Path(__file__).with_name("scenario.schema.json")
"""The scenario file's JSON Schema: the contract users get, and the check this module runs."""
TOP_FIELDS = ("scenario", "base", "title", "author", "created", "changes")
CHANGE_FIELDS = ("region", "gradation", "ipa_applies", "rationale")
_GRADATIONS = ", ".join(g.value for g in Gradation)
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_SCRIPT_LINK = re.compile(r"(java|vb)script:", re.IGNORECASE)
_BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
_LINK_TEXT = re.compile(r"[A-Za-z0-9_-]+")


class ScenarioError(PolicyError):
    """A scenario file or link that cannot be used; one line naming the file and field."""


@dataclass(frozen=True)
class ScenarioChange:
    """One region's what-if values. `region` is as written; `code` the ISO code it names.

    `gradation` or `ipa_applies` is None where the change leaves that value as in the base.
    """

    region: str
    code: str
    rationale: str
    gradation: Gradation | None = None
    ipa_applies: bool | None = None

    def to_data(self) -> dict[str, Any]:
        data: dict[str, Any] = {"region": self.region}
        if self.gradation is not None:
            data["gradation"] = self.gradation.value
        if self.ipa_applies is not None:
            data["ipa_applies"] = self.ipa_applies
        data["rationale"] = self.rationale
        return data


@dataclass(frozen=True)
class Scenario:
    """A checked scenario. Build it with `load_scenario`, `scenario_from_data` or `from_link`.

    `base` is the id of the version it starts from; `name` (the file name or "link") is only
    used in messages and is not part of the scenario.
    """

    base: str
    title: str
    changes: tuple[ScenarioChange, ...]
    author: str | None = None
    created: dt.date | None = None
    name: str = field(default="scenario", compare=False)

    def apply(self, base_version: PolicyVersion | None = None) -> PolicyVersion:
        """The what-if version: the base with this scenario's changes (marked `modified`).

        `base_version` lets a caller pass the base it has already loaded (e.g. cached); it must
        be the unmodified version the scenario names.
        """
        if base_version is None:
            return self._applied
        if base_version.id != self.base or base_version.modified:
            shown = f"{base_version.id}{' (modified)' if base_version.modified else ''}"
            raise ScenarioError(
                f"{self.name}: base: the scenario starts from {self.base}, not from {shown}"
            )
        return _overrides(base_version, self.changes, self.name, self.title)

    @cached_property
    def _applied(self) -> PolicyVersion:
        """The what-if version on the shipped base, built once per Scenario (it is frozen)."""
        return _overrides(load_version(self.base), self.changes, self.name, self.title)

    def changed_regions(self, base_version: PolicyVersion | None = None) -> tuple[str, ...]:
        """ISO codes of the regions whose values differ from the base, in the base's order.

        A change that sets a value the base already has changes nothing and is not listed.
        """
        if base_version is None:
            base, applied = load_version(self.base), self.apply()
        else:
            base, applied = base_version, self.apply(base_version)
        changed = {change.code for change in diff_versions(base, applied)}
        return tuple(region.code for region in base.regions if region.code in changed)

    def with_change(
        self,
        region: str,
        rationale: str,
        gradation: Gradation | str | None = None,
        ipa_applies: bool | None = None,
    ) -> Scenario:
        """A new scenario with this region's change set (replacing one for the same region),
        checked like a file: the page's editor uses it, so its input meets the same rules."""
        base = load_version(self.base)
        try:
            code = resolve_region(region, base).code if isinstance(region, str) else None
        except PolicyError:
            code = None
        change: dict[str, Any] = {"region": region}
        if gradation is not None:
            change["gradation"] = gradation.value if isinstance(gradation, Gradation) else gradation
        if ipa_applies is not None:
            change["ipa_applies"] = ipa_applies
        change["rationale"] = rationale
        data = self.to_data()
        kept = [c for c, old in zip(data["changes"], self.changes, strict=True) if old.code != code]
        data["changes"] = [*kept, change]
        return scenario_from_data(data, self.name)

    def without_change(self, code: str) -> Scenario:
        """A new scenario without the change of the region with this ISO code."""
        data = self.to_data()
        data["changes"] = [
            c for c, old in zip(data["changes"], self.changes, strict=True) if old.code != code
        ]
        return scenario_from_data(data, self.name)

    def to_data(self) -> dict[str, Any]:
        """The scenario as the JSON object of the file format (fields in the documented order)."""
        data: dict[str, Any] = {"scenario": FORMAT, "base": self.base, "title": self.title}
        if self.author is not None:
            data["author"] = self.author
        if self.created is not None:
            data["created"] = self.created.isoformat()
        data["changes"] = [change.to_data() for change in self.changes]
        return data

    def to_json(self) -> str:
        """The scenario file's text; `load_scenario` of it gives an equal Scenario and the
        same text again."""
        return json.dumps(self.to_data(), ensure_ascii=False, indent=2) + "\n"

    def to_link(self) -> str:
        """A short text for a page link: the minimal JSON, compressed, base64url without padding.

        Raises ScenarioError when it would exceed MAX_LINK_CHARS (share the file instead).
        """
        minimal = json.dumps(self.to_data(), ensure_ascii=False, separators=(",", ":"))
        packed = zlib.compress(minimal.encode("utf-8"), level=9)
        text = base64.urlsafe_b64encode(packed).decode("ascii").rstrip("=")
        if len(text) > MAX_LINK_CHARS:
            raise ScenarioError(
                f"{self.name}: too long for a page link ({len(text)} characters, at most "
                f"{MAX_LINK_CHARS}); share the scenario file instead"
            )
        return text

    @classmethod
    def from_link(cls, text: object, name: str = "link") -> Scenario:
        """The scenario a page link carries (see `to_link`), checked like a file."""
        if not isinstance(text, str) or not text:
            raise ScenarioError(f"{name}: not a scenario link").keyed(
                "errors.scenario.not_a_link", file=name
            )
        if len(text) > MAX_LINK_CHARS:
            raise ScenarioError(
                f"{name}: a scenario link has at most {MAX_LINK_CHARS} characters, "
                f"this one {len(text)}"
            ).keyed("errors.scenario.link_too_long", file=name, limit=MAX_LINK_CHARS)
        if not _LINK_TEXT.fullmatch(text):
            raise ScenarioError(
                f"{name}: not a scenario link (characters other than base64url)"
            ).keyed("errors.scenario.not_a_link", file=name)
        try:
            packed = base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))
            inflater = zlib.decompressobj()
            raw = inflater.decompress(packed, MAX_BYTES + 1)
        except (binascii.Error, ValueError, zlib.error):
            raise ScenarioError(f"{name}: not a scenario link (cannot be decoded)").keyed(
                "errors.scenario.not_a_link", file=name
            ) from None
        if len(raw) > MAX_BYTES or inflater.unconsumed_tail:
            raise ScenarioError(f"{name}: the scenario is larger than {MAX_BYTES} bytes").keyed(
                "errors.scenario.link_too_large", file=name, limit=MAX_BYTES
            )
        if not inflater.eof:
            raise ScenarioError(f"{name}: not a scenario link (cut off)").keyed(
                "errors.scenario.link_cut_off", file=name
            )
        return load_scenario(raw, name)

    def markdown_note(self, lang: str = "en") -> str:
        """A Markdown block saying that a what-if scenario, not the law, is applied, and what
        it changes (put before a memo)."""
        check_lang(lang)
        base = load_version(self.base)

        def word(key: str, **values: object) -> str:
            return t(f"scenario_note.{key}", lang, **values)

        title, base_name = markdown(self.title), markdown(base.label(lang))
        lines = [f"> **{word('heading', title=title, base=base_name)}**", ">"]
        for change in self.changes:
            region = base.region(change.code)
            values = []
            if change.gradation is not None:
                values.append(
                    word(
                        "gradation",
                        new=gradation_label(change.gradation, lang),
                        old=gradation_label(region.gradation, lang),
                    )
                )
            if change.ipa_applies is not None:
                values.append(
                    word(
                        "ipa",
                        new=phrases.ipa_value(change.ipa_applies, lang),
                        old=phrases.ipa_value(region.ipa_applies, lang),
                    )
                )
            lines.append(
                f"> - {markdown(region.name)} ({region.code}): {'; '.join(values)}. "
                f"{word('rationale')}: {markdown(change.rationale)}"
            )
        return "\n".join(lines) + "\n\n"


def load_scenario(source: str | bytes | Path, name: str) -> Scenario:
    """A checked scenario from JSON text (`str`), raw bytes, or a file (`Path`).

    `name` (e.g. the file name) starts every message. Raises ScenarioError (one line).
    """
    if isinstance(source, Path):
        raw = _read_file(source, name)
    elif isinstance(source, bytes | bytearray):
        raw = bytes(source)
    elif isinstance(source, str):
        raw = source.encode("utf-8", "surrogatepass")
    else:
        raise ScenarioError(f"{name}: a scenario is JSON text, bytes or a file path")
    if len(raw) > MAX_BYTES:
        raise ScenarioError(
            f"{name}: {len(raw)} bytes; a scenario file may hold at most {MAX_BYTES} bytes"
        ).keyed("errors.scenario.too_large", file=name, size=len(raw), limit=MAX_BYTES)
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ScenarioError(f"{name}: not UTF-8 text (byte {error.start + 1})").keyed(
            "errors.scenario.not_utf8", file=name, byte=error.start + 1
        ) from None
    try:
        data = json.loads(text, object_pairs_hook=_no_repeated_keys, parse_constant=_no_constant)
    except _RepeatedKey as error:
        raise ScenarioError(f"{name}: field {_show(error.key)} appears twice").keyed(
            "errors.scenario.repeated_field", file=name, value=_show(error.key)
        ) from None
    except json.JSONDecodeError as error:
        raise ScenarioError(
            f"{name}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})"
        ).keyed(
            "errors.scenario.not_json", file=name, line=error.lineno, column=error.colno
        ) from None
    except RecursionError:
        raise ScenarioError(f"{name}: not valid JSON (nested too deeply)").keyed(
            "errors.scenario.not_json_nested", file=name
        ) from None
    except ValueError as error:
        raise ScenarioError(f"{name}: not valid JSON ({_one_line(error)})") from None
    return scenario_from_data(data, name)


def scenario_from_data(data: object, name: str = "scenario") -> Scenario:
    """A checked scenario from the parsed JSON object (the page's editor builds one too).

    Two steps, each the one place of its checks: the file's JSON Schema
    (`scenario.schema.json`, the published contract: fields, types, lengths, no markup, no
    control characters, no script links), then what a schema cannot say (the base is a shipped
    version, a real date, every region as `--region` reads it and changed once, every change
    one the base allows).
    """
    problem = schema_problem(data)
    if problem is not None:
        line, key, values = problem
        error = ScenarioError(f"{name}: {line}")
        raise error.keyed(key, file=name, **values) if key else error
    assert isinstance(data, Mapping)
    try:
        base = load_version(data["base"])
    except PolicyError as error:
        raise ScenarioError(f"{name}: base: {error}").keyed(
            "errors.scenario.unknown_base", file=name, value=_show(data["base"])
        ) from None
    created = _date(data["created"], name) if "created" in data else None
    changes = _changes(data["changes"], base, name)
    _check_changes(base, changes, name)
    return Scenario(
        base=base.id,
        title=data["title"],
        changes=changes,
        author=data.get("author"),
        created=created,
        name=name,
    )


@cache
def _schema_validator() -> Any:
    """The validator of `scenario.schema.json`, built once. jsonschema is imported here, where a
    scenario is read, so the commands that read none start without it."""
    import jsonschema

    schema = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return jsonschema.Draft202012Validator(schema)


# The order the fields are reported in (one problem per message: the first in this order), and
# within a field the order of the schema's keywords.
_FIELD_ORDER = (*TOP_FIELDS, *CHANGE_FIELDS)
_KEYWORD_ORDER = (
    "type",
    "additionalProperties",
    "required",
    "anyOf",
    "const",
    "enum",
    "minLength",
    "maxLength",
    "pattern",
    "not",
    "maxItems",
)


def schema_problem(data: object) -> tuple[str, str | None, dict[str, Any]] | None:
    """The first way `data` breaks the scenario schema (None: no way), as the one line naming
    the field, and the wording catalogue's key (`errors.scenario.…`, None where there is none)
    with its values, for the page. The schema decides; this only words its verdict."""
    errors = list(_schema_validator().iter_errors(data))
    if not errors:
        return None

    def rank(error: Any) -> tuple[Any, ...]:
        path = tuple(
            part if isinstance(part, int) else _position(str(part), _FIELD_ORDER)
            for part in error.absolute_path
        )
        return (path, _position(str(error.validator), _KEYWORD_ORDER))

    return _worded(min(errors, key=rank))


def _position(item: str, order: tuple[str, ...]) -> int:
    return order.index(item) if item in order else len(order)


def _worded(error: Any) -> tuple[str, str | None, dict[str, Any]]:
    """A jsonschema error as (line naming the field, catalogue key or None, its values)."""
    path = list(error.absolute_path)
    where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in path)
    where = where.removeprefix(".")
    value = error.instance
    keyword = error.validator
    prefix = f"{where}: " if where else ""
    field = {"field": where}
    allowed = [g.value for g in Gradation]
    if keyword == "type":
        expected = error.validator_value
        if not where:
            line = f"a scenario file holds one JSON object, not {_kind(value)}"
            return line, "errors.scenario.not_object", {}
        if expected == "boolean":
            line = f"{prefix}must be true or false, not {_show(value)}"
            return line, "errors.scenario.not_boolean", field
        if path[-1] == "gradation":
            line = f"{prefix}must be one of {_GRADATIONS}, not {_show(value)}"
            return (
                line,
                "errors.scenario.not_gradation",
                {**field, "value": _show(value), "allowed": allowed},
            )
        if expected == "string":
            return f"{prefix}must be text, not {_kind(value)}", "errors.scenario.not_text", field
        words = {"array": "a list", "object": "an object"}
        return f"{prefix}must be {words.get(expected, expected)}, not {_kind(value)}", None, {}
    if keyword == "additionalProperties":
        known = list(error.schema.get("properties", {}))
        extra = _show(next(key for key in value if key not in known))
        line = f"{where + '.' if where else ''}{extra}: unknown field (known: {', '.join(known)})"
        key = "errors.scenario.unknown_field_in" if where else "errors.scenario.unknown_field"
        return line, key, {**field, "value": extra, "known": known}
    if keyword == "required":
        missing = next(key for key in error.validator_value if key not in value)
        full = f"{where}.{missing}" if where else missing
        line = f"{prefix}missing field {missing!r}"
        return line, "errors.scenario.missing_field", {"field": full}
    if keyword == "anyOf":
        line = f"{prefix}gives neither 'gradation' nor 'ipa_applies'; nothing to change"
        return line, "errors.scenario.nothing_to_change", field
    if keyword == "const":
        return f"{prefix}must be {FORMAT} (the format version), not {_show(value)}", None, {}
    if keyword == "enum":
        line = f"{prefix}{_show(value)} is not one of {_GRADATIONS}"
        if path[-1] == "gradation" and not isinstance(value, str):
            line = f"{prefix}must be one of {_GRADATIONS}, not {_show(value)}"
        return (
            line,
            "errors.scenario.not_gradation",
            {**field, "value": _show(value), "allowed": allowed},
        )
    if keyword == "maxLength":
        limit = error.validator_value
        line = f"{prefix}{len(value)} characters, at most {limit}"
        return line, "errors.scenario.too_long", {**field, "length": len(value), "limit": limit}
    if keyword == "maxItems":
        limit = error.validator_value
        return f"{prefix}{len(value)} changes, at most {limit} (one change per region)", None, {}
    if where == "created":
        line = f"created: must be a date YYYY-MM-DD, not {_show(value)}"
        return line, "errors.scenario.not_date", {**field, "value": _show(value)}
    fault, fault_key, values = _text_fault(value, multiline=path[-1] == "rationale")
    return prefix + fault, fault_key, {**field, **values}


def _text_fault(value: str, *, multiline: bool) -> tuple[str, str | None, dict[str, Any]]:
    """What a text the schema refused holds that it must not (minLength, pattern or not)."""
    if not value.strip():
        return "must not be empty", "errors.scenario.empty", {}
    if "<" in value or ">" in value:
        return "must not contain '<' or '>' (no markup)", "errors.scenario.markup", {}
    for char in value:
        if char == "\n" and multiline:
            continue
        if unicodedata.category(char) in ("Cc", "Cs") or char in _BIDI_CONTROLS:
            code = f"U+{ord(char):04X}"
            line = f"must not contain control characters ({code})"
            return line, "errors.scenario.control", {"char": code}
    if _SCRIPT_LINK.search("".join(value.split())):
        return "must not contain a script link (javascript:)", None, {}
    return "is not allowed here (see scenario.schema.json)", None, {}


def _changes(value: list[Any], base: PolicyVersion, name: str) -> tuple[ScenarioChange, ...]:
    """The changes (already shaped by the schema) with their regions resolved, one per region."""
    if len(value) > len(base.regions):
        raise ScenarioError(
            f"{name}: changes: {len(value)} changes, but {base.id} has only "
            f"{len(base.regions)} regions (one change per region)"
        )
    changes: list[ScenarioChange] = []
    seen: dict[str, int] = {}
    for number, item in enumerate(value):
        where = f"changes[{number}]"
        try:
            match = resolve_region(item["region"], base)
        except PolicyError as error:
            raise ScenarioError(f"{name}: {where}.region: {error}").keyed(
                "errors.scenario.unknown_region_closest"
                if getattr(error, "suggestions", None)
                else "errors.scenario.unknown_region",
                file=name,
                field=f"{where}.region",
                value=_show(item["region"]),
                closest=list(getattr(error, "suggestions", None) or []),
            ) from None
        if match.code in seen:
            raise ScenarioError(
                f"{name}: {where}.region: {match.name} ({match.code}) is already changed in "
                f"changes[{seen[match.code]}]; one change per region"
            ).keyed(
                "errors.scenario.region_twice",
                file=name,
                field=f"{where}.region",
                region=match.name,
                other=seen[match.code] + 1,
            )
        seen[match.code] = number
        gradation = item.get("gradation")
        changes.append(
            ScenarioChange(
                region=item["region"],
                code=match.code,
                rationale=item["rationale"],
                gradation=None if gradation is None else Gradation(gradation),
                ipa_applies=item.get("ipa_applies"),
            )
        )
    return tuple(changes)


def _check_changes(base: PolicyVersion, changes: tuple[ScenarioChange, ...], name: str) -> None:
    """The changes through `with_overrides` (which checks them as a version file is checked):
    all at once, and where that fails one at a time, so the message names the change."""
    try:
        _overrides(base, changes, name)
    except ScenarioError as together:
        for number, change in enumerate(changes):
            _overrides(base, (change,), f"{name}: changes[{number}]")
        raise together from None


def _overrides(
    base: PolicyVersion, changes: tuple[ScenarioChange, ...], where: str, title: str | None = None
) -> PolicyVersion:
    """The base with the changes applied by `with_overrides`, which checks them like a file."""
    gradations = {c.code: c.gradation for c in changes if c.gradation is not None}
    ipa = {c.code: c.ipa_applies for c in changes if c.ipa_applies is not None}
    try:
        applied = base.with_overrides(gradations=gradations, ipa=ipa)
    except PolicyError as error:
        raise ScenarioError(f"{where}: {_one_line(error)}") from None
    return replace(applied, scenario_title=title)


def _date(value: object, name: str) -> dt.date:
    if isinstance(value, str) and _DATE.fullmatch(value):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            pass
    raise ScenarioError(f"{name}: created: must be a date YYYY-MM-DD, not {_show(value)}").keyed(
        "errors.scenario.not_date", file=name, field="created", value=_show(value)
    )


def _read_file(path: Path, name: str) -> bytes:
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_BYTES + 1)
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise ScenarioError(f"{name}: cannot read ({reason})") from None
    if len(raw) > MAX_BYTES:
        raise ScenarioError(f"{name}: larger than {MAX_BYTES} bytes, the limit of a scenario file")
    return raw


class _RepeatedKey(ValueError):
    def __init__(self, key: str) -> None:
        self.key = key
        super().__init__(key)


def _no_repeated_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise _RepeatedKey(key)
        data[key] = value
    return data


def _no_constant(word: str) -> None:
    raise ValueError(f"{word} is not a JSON value")


def _kind(value: object) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, Mapping):
        return "an object"
    return type(value).__name__


def _show(value: object, limit: int = 40) -> str:
    """A short, one-line rendering of a value a user gave, for a message."""
    if isinstance(value, str | int | float | bool) or value is None:
        text = json.dumps(value, ensure_ascii=False)
    else:
        text = _kind(value)
    text = "".join(
        f"\\u{ord(char):04x}" if unicodedata.category(char).startswith("C") else char
        for char in " ".join(text.split())
    )
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _one_line(error: Exception) -> str:
    text = " ".join(str(error).split())
    return text or type(error).__name__
