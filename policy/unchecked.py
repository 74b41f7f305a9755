"""Building a model from data that already passed every check, without checking it again.

A shipped version file is checked in full (pydantic and the version checks) whenever it, a
source text or the unit names change; the fingerprint of what passed is kept in a list beside
the files (policy.versions_io). Reading such a file again only has to turn its tables into the
frozen dataclasses of `policy.models`: nested tables into their classes, lists into tuples, enum
values into enums, and "unknown" into None where a field's mark reads it so. That is all this
module does; it never decides whether data is valid.
"""

from __future__ import annotations

import dataclasses
import types
from collections.abc import Mapping
from enum import Enum
from functools import cache
from typing import Annotated, Any, TypeVar, Union, cast, get_args, get_origin, get_type_hints

Model = TypeVar("Model")


def unchecked(model: type[Model], data: Mapping[str, Any]) -> Model:
    """`model` built from `data` as pydantic would build it from the same (checked) data."""
    hints = _hints(cast(Any, model))
    return model(**{name: _value(hints[name], value) for name, value in data.items()})


@cache
def _hints(model: Any) -> dict[str, Any]:
    return get_type_hints(model, include_extras=True)


def _value(hint: Any, value: Any) -> Any:
    origin = get_origin(hint)
    if origin is Annotated:
        inner, *marks = get_args(hint)
        for mark in marks:
            read = getattr(mark, "read", None)
            if read is not None:
                value = read(value)
        return _value(inner, value)
    if value is None:
        return None
    if origin in (Union, types.UnionType):
        kinds = [kind for kind in get_args(hint) if kind is not type(None)]
        return _value(kinds[0], value) if len(kinds) == 1 else value
    if origin is tuple:
        item = get_args(hint)[0]
        return tuple(_value(item, part) for part in value)
    if isinstance(hint, type) and dataclasses.is_dataclass(hint):
        return unchecked(hint, value)
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint(value)
    return value
