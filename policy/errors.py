"""Errors a user can cause. `str(error)` is one line naming the file, field, row or name."""

from __future__ import annotations


class PolicyError(Exception):
    """Base of every user-facing error of the policy package."""


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
