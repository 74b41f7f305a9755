"""Errors a user can cause with geodata: each one's message is one line that names the problem.

The CLI prints `str(error)` and exits with status 2, and the dashboard shows it as a warning, so a
message must make sense without a traceback: it names the file, row, field, code or place.
"""

from __future__ import annotations


class GeodataError(Exception):
    """Base of every user-facing geodata error; `str(error)` is one clear line."""


class DataFileError(GeodataError):
    """A source, reference or derived file is missing or not what the code expects."""


class JoinError(GeodataError):
    """Boundaries and policy values do not match one to one (a code missing or unknown)."""


class PlaceNotFoundError(GeodataError):
    """No place matches a name; `suggestions` holds the closest names, best first."""

    def __init__(self, name: str, suggestions: list[str]) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        closest = ", ".join(self.suggestions) if self.suggestions else "none"
        super().__init__(f"no place in Mali matches {name!r}; closest names: {closest}")


class InvalidCoordinateError(GeodataError):
    """A longitude or latitude that is not a finite number in range."""


class OutsideMaliError(GeodataError):
    """A coordinate that lies in no cercle of Mali."""

    def __init__(self, lon: float, lat: float) -> None:
        self.lon = lon
        self.lat = lat
        super().__init__(f"the point lon={lon:g}, lat={lat:g} lies outside Mali")
