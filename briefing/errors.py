"""Errors a user can cause while making a briefing output: one line naming what is wrong."""

from __future__ import annotations


class BriefingError(Exception):
    """A request for an output that cannot be made (bad format, layout, language or input)."""
