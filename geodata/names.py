"""Place-name normalisation for the build and the lookup: the project's one normaliser,
`policy.names.normalise_name`, so a region name and a place name are folded alike."""

from __future__ import annotations

from policy.names import normalise_name as normalise

__all__ = ["normalise"]
