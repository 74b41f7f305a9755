"""The one wording layer: every sentence, label and mark the project shows, in Dutch and English.

Why a package of its own, at the bottom of the stack: the page, the memo, the PDF, the map
images, the offline map and every command line must say the same thing for the same decision.
They can only do that if none of them writes a sentence itself. `wording` imports nothing of
`policy`, `geodata`, `briefing` or `ui`; they all import it.

The catalogue is data a jurist can correct without Python: the TOML files in
`wording/catalogue/`, one per area (policy, page, maps, …) but one namespace: a key is defined
in exactly one file, and loading fails if two files define the same key.

`wording.phrases` holds one function per shared phrase (IPA status, gradation label, marks,
headline, disclaimer, dates); `wording.escape` one escaper per output kind (HTML, Markdown, CSV;
imported on its own, since its CSV part loads pyarrow).
"""

from wording import phrases
from wording.catalogue import LANGUAGES, Lang, check_lang, entry, keys, t, texts

__all__ = [
    "LANGUAGES",
    "Lang",
    "check_lang",
    "entry",
    "keys",
    "phrases",
    "t",
    "texts",
]
