"""Place-name normalisation shared by the build and the lookup.

Spellings of Malian place names vary in accents, case, hyphens and spaces (`Ti-N-Essako`,
`tin essako`; `Ségou`, `Segou`), so names are compared on their letters and digits alone, without
accents and case.
"""

from __future__ import annotations

import unicodedata


def normalise(name: str) -> str:
    """Case-folded letters and digits of `name`, accents removed, everything else dropped."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(
        char for char in decomposed if char.isalnum() and not unicodedata.combining(char)
    )
