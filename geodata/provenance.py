"""Where every line and place comes from: the vendored OCHA files, their checksums, the credit.

The raw files live unchanged in `geodata/source/ocha-cod-mali-2015/` so that a clone is complete
on its own and anyone can check, with `SHA256SUMS`, that the map was built from the published
data and nothing else.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from geodata.errors import DataFileError

PACKAGE_DIR = Path(__file__).resolve().parent
SOURCE_DIR = PACKAGE_DIR / "source" / "ocha-cod-mali-2015"
REFERENCE_DIR = PACKAGE_DIR / "reference"
DATA_DIR = PACKAGE_DIR / "data"

CERCLES_SHAPEFILE = "mli_admbnda_adm2_gov_ocha_itos.shp"
REGIONS_SHAPEFILE = "mli_admbnda_adm1_gov_ocha_itos.shp"
PLACES_CSV = "mli_populated_places.csv"

# The derived files `python -m geodata build` writes into DATA_DIR and the loaders read.
UNITS_FILE = "units.geojson"
CERCLES_FILE = "cercles.geojson"
PLACES_FILE = "places.csv"

# SOURCE.md asks for this line wherever the map or places are shown or exported.
ATTRIBUTION = (
    "Boundaries and places: DNCT Mali / UN OCHA (COD-AB and COD-PP Mali, 2015), CC BY-IGO."
)


def read_checksums(source_dir: Path = SOURCE_DIR) -> dict[str, str]:
    """File name -> expected SHA-256, as listed in the source's `SHA256SUMS`."""
    sums_path = source_dir / "SHA256SUMS"
    try:
        lines = sums_path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise DataFileError(
            f"{sums_path}: cannot read the checksum list ({error.strerror})"
        ) from None
    checksums = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        digest, _, name = line.partition("  ")
        if len(digest) != 64 or not name:
            raise DataFileError(f"{sums_path}, line {number}: not '<sha256>  <file name>'")
        checksums[name.strip()] = digest.lower()
    return checksums


def sha256_of(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def verify_source(source_dir: Path = SOURCE_DIR) -> None:
    """Raise DataFileError naming the first source file that is missing or altered."""
    for name, expected in sorted(read_checksums(source_dir).items()):
        path = source_dir / name
        if not path.is_file():
            raise DataFileError(f"{path}: source file missing")
        if sha256_of(path) != expected:
            raise DataFileError(f"{path}: checksum differs from SHA256SUMS (file was altered)")
