"""Errors a user can cause. `str(error)` is one line naming the file, field, row or name.

`str(error)` is the English line the command lines print (a stable contract). Where the error
was raised with a catalogue key (`keyed`), `message(lang)` says the same in the page's language,
in plain words; without one it falls back to the English line.
"""

from __future__ import annotations

from typing import Any, Self

from wording.catalogue import entry
from wording.errors import error_text


class PolicyError(Exception):
    """Base of every user-facing error of the policy package."""

    key: str | None = None
    params: dict[str, Any] = {}  # noqa: RUF012 - replaced, never mutated, by `keyed`

    def keyed(self, key: str, **params: Any) -> Self:
        """The error with its catalogue key (`errors.…`) and values, for `message(lang)`."""
        self.key = key
        self.params = dict(params)
        return self

    def message(self, lang: str, *, file: bool = True) -> str:
        """The error in `lang` ("nl" or "en") for the page; the English line if not keyed.

        The `file` value, where the error has one, starts the message (unless the catalogue's
        text places it itself); `file=False` leaves it out (the page's own editor is no file).
        """
        if self.key is None:
            return str(self)
        if "{file}" in entry(self.key)[lang]:  # a text that names the file itself
            return error_text(self.key, lang, self.params)
        params = {name: value for name, value in self.params.items() if name != "file"}
        text = error_text(self.key, lang, params)
        if file and "file" in self.params:
            return error_text("errors.in_file", lang, {"file": self.params["file"], "text": text})
        return text


class InvalidVersionError(PolicyError):
    """A policy version that fails the checks of policy.version_checks; `problems` lists every
    problem as "where: field: message", and `str(error)` is the first with a count of the rest."""

    def __init__(self, path: str, problems: list[str]) -> None:
        self.path = path
        self.problems = problems
        first = problems[0] if problems else f"{path}: invalid"
        more = f" (and {len(problems) - 1} more problem(s))" if len(problems) > 1 else ""
        super().__init__(f"{first}{more}")


class PolicyFileError(InvalidVersionError):
    """A policy version file that cannot be read, does not match the schema or fails a check."""


class UnknownRegionError(PolicyError):
    """A region name or code that is not one of the policy units; lists the closest names."""

    def __init__(self, message: str, suggestions: list[str] | None = None) -> None:
        self.suggestions = list(suggestions or [])
        super().__init__(message)
