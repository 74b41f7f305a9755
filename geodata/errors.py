"""Errors a user can cause with geodata: each one's message is one line that names the problem.

The CLI prints `str(error)` and exits with status 2, and the dashboard shows it as a warning, so a
message must make sense without a traceback: it names the file, row, field, code or place.
"""

from __future__ import annotations

QUERY_ECHO_LENGTH = 60


def shortened(text: str, length: int = QUERY_ECHO_LENGTH) -> str:
    """`text` cut to `length` characters plus "…", so a pasted page never floods a message."""
    return text if len(text) <= length else text[:length] + "…"


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
        super().__init__(f"no place in Mali matches {shortened(name)!r}; closest names: {closest}")


class InvalidCoordinateError(GeodataError):
    """A longitude or latitude that is not a finite number in range."""


class OutsideMaliError(GeodataError):
    """A coordinate that lies in no cercle of Mali.

    `swapped` is True when the point with lon and lat exchanged lies in Mali: a common slip
    (Bamako is lon -8, lat 12.6), so the message asks about it.
    """

    def __init__(self, lon: float, lat: float, swapped: bool = False) -> None:
        self.lon = lon
        self.lat = lat
        self.swapped = swapped
        hint = " — did you swap lon and lat?" if swapped else ""
        super().__init__(f"the point lon={lon:g}, lat={lat:g} lies outside Mali{hint}")
