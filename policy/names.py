"""The one name normaliser of the project, used for region names (`policy.regions`) and for
place names (`geodata`).

Spellings of Malian names vary in accents, case, hyphens and spaces (`Ségou`, `SEGOU`,
`se-gou`; `Ti-N-Essako`, `tin essako`), so names are compared on their letters and digits alone,
without accents and case.
"""

from __future__ import annotations

import unicodedata


def normalise_name(name: str) -> str:
    """Case-folded letters and digits of `name`, accents removed, everything else dropped."""
    decomposed = unicodedata.normalize("NFKD", name.casefold())
    return "".join(
        char for char in decomposed if char.isalnum() and not unicodedata.combining(char)
    )
