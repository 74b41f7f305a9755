"""The vendored source is the published one, and the derived files are a faithful, light,
reproducible build of it."""

from __future__ import annotations

import shutil
from pathlib import Path

import geopandas as gpd
import pytest
import shapely

from geodata import ATTRIBUTION, DataFileError, load_cercles, load_units
from geodata.build import build
from geodata.provenance import (
    CERCLES_FILE,
    DATA_DIR,
    PLACES_FILE,
    REGIONS_SHAPEFILE,
    SOURCE_DIR,
    UNITS_FILE,
    read_checksums,
    sha256_of,
    verify_source,
)
from geodata.source_reader import EQUAL_AREA_CRS, area_km2, read_source_cercles, source_units

DERIVED = (UNITS_FILE, CERCLES_FILE, PLACES_FILE)
# SHA-256 of SHA256SUMS as published with OCHA's data (a frozen copy): editing a source file
# and regenerating the list next to it cannot pass unnoticed.
PUBLISHED_SHA256SUMS_DIGEST = "6b8990975df9b7977fcd89d1f7192d945effd470582cefcbbdebb9644a4415f0"


@pytest.fixture(scope="module")
def fresh_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("build")
    build(out_dir=out)
    return out


@pytest.fixture(scope="module")
def source_cercles() -> gpd.GeoDataFrame:
    return read_source_cercles()


def test_every_vendored_file_matches_its_published_checksum() -> None:
    assert sha256_of(SOURCE_DIR / "SHA256SUMS") == PUBLISHED_SHA256SUMS_DIGEST
    checksums = read_checksums()
    assert len(checksums) == 11
    for name, digest in checksums.items():
        assert sha256_of(SOURCE_DIR / name) == digest, name
    verify_source()


def test_an_altered_source_file_is_refused_by_name(tmp_path: Path) -> None:
    copy = tmp_path / "source"
    shutil.copytree(SOURCE_DIR, copy)
    places = copy / "mli_populated_places.csv"
    places.chmod(0o644)
    places.write_bytes(places.read_bytes().replace(b"Tombouctou", b"Tombouktou", 1))
    with pytest.raises(DataFileError, match="mli_populated_places.csv: checksum differs"):
        verify_source(copy)


def test_source_md_carries_the_attribution_line() -> None:
    text = " ".join((SOURCE_DIR / "SOURCE.md").read_text(encoding="utf-8").split())
    assert ATTRIBUTION.removeprefix("Boundaries and places: ").rstrip(".") in text


def test_committed_files_equal_a_fresh_build(fresh_build: Path) -> None:
    for name in DERIVED:
        assert (fresh_build / name).read_bytes() == (DATA_DIR / name).read_bytes(), (
            f"geodata/data/{name} is stale: run `python -m geodata build`"
        )


def test_a_second_build_is_byte_identical(fresh_build: Path, tmp_path: Path) -> None:
    build(out_dir=tmp_path)
    for name in DERIVED:
        assert (tmp_path / name).read_bytes() == (fresh_build / name).read_bytes(), name
    build(out_dir=tmp_path)  # over its own output
    for name in DERIVED:
        assert (tmp_path / name).read_bytes() == (fresh_build / name).read_bytes(), name
    assert sorted(path.name for path in tmp_path.iterdir()) == sorted(DERIVED)


def test_a_failed_build_leaves_the_old_files_untouched(tmp_path: Path) -> None:
    """The three files are replaced together or not at all: no mix of old and new."""
    out = tmp_path / "data"
    out.mkdir()
    for name in DERIVED:
        (out / name).write_text(f"old {name}", encoding="utf-8")
    # A source that passes its (regenerated) checksums but fails late in the build: the
    # layers are derived, then a place with class 9 stops the places table.
    source = tmp_path / "source"
    shutil.copytree(SOURCE_DIR, source)
    places = source / "mli_populated_places.csv"
    places.chmod(0o644)
    places.write_bytes(places.read_bytes().replace(b'NA,NA,5,NA,"Mali"', b'NA,NA,9,NA,"Mali"', 1))
    sums = source / "SHA256SUMS"
    sums.chmod(0o644)
    sums.write_text(
        "".join(f"{sha256_of(source / name)}  {name}\n" for name in read_checksums(source)),
        encoding="utf-8",
    )
    with pytest.raises(DataFileError, match="popPlaceCl: not a class 1-5: '9'"):
        build(out_dir=out, source_dir=source)
    for name in DERIVED:
        assert (out / name).read_text(encoding="utf-8") == f"old {name}"
    assert sorted(path.name for path in tmp_path.iterdir()) == ["data", "source"]


def test_build_refuses_a_folder_with_other_files(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(DataFileError, match="other files than the build's"):
        build(out_dir=tmp_path)
    assert [path.name for path in tmp_path.iterdir()] == ["notes.txt"]


def test_units_layer_is_at_most_100_kb() -> None:
    assert (DATA_DIR / UNITS_FILE).stat().st_size <= 100_000
    assert (DATA_DIR / CERCLES_FILE).stat().st_size <= 150_000


def test_coordinates_are_rounded_to_five_decimals() -> None:
    for layer in (load_units(), load_cercles()):
        coordinates = shapely.get_coordinates(layer.geometry.values)
        assert (abs(coordinates * 1e5 - (coordinates * 1e5).round()) < 1e-6).all()


def test_every_unit_keeps_its_area_within_one_percent(source_cercles: gpd.GeoDataFrame) -> None:
    source = source_units(source_cercles).set_index("code")
    simplified = load_units().set_index("code")
    source_area = area_km2(source.geometry)
    drawn_area = area_km2(simplified.geometry)
    for code in source.index:
        assert drawn_area[code] == pytest.approx(source_area[code], rel=0.01), code
        assert simplified.loc[code, "area_km2"] == round(source_area[code])


def test_units_neither_overlap_nor_leave_gaps(source_cercles: gpd.GeoDataFrame) -> None:
    units = load_units()
    assert units.geometry.is_valid.all()
    union = gpd.GeoSeries([units.union_all()], crs=4326)
    sum_of_areas = area_km2(units.geometry).sum()
    assert area_km2(union)[0] == pytest.approx(sum_of_areas, rel=1e-4)
    outline = gpd.read_file(SOURCE_DIR / REGIONS_SHAPEFILE).to_crs(EQUAL_AREA_CRS).union_all()
    assert area_km2(union)[0] == pytest.approx(outline.area / 1e6, rel=0.005)


def test_neighbouring_units_share_one_border(source_cercles: gpd.GeoDataFrame) -> None:
    """simplify_coverage keeps shared borders identical: neighbours meet along lines only,
    the same pairs as in the source are neighbours, and there are no gaps between them."""
    units = load_units().to_crs(EQUAL_AREA_CRS).set_index("code").geometry
    source = source_units(source_cercles).to_crs(EQUAL_AREA_CRS).set_index("code").geometry
    codes = sorted(units.index)
    assert codes == sorted(source.index)
    neighbours = 0
    for i, first in enumerate(codes):
        for second in codes[i + 1 :]:
            shared = units[first].intersection(units[second])
            assert shared.area < 1.0, (first, second)  # m², i.e. no overlap at all
            if source[first].intersection(source[second]).length > 0:
                neighbours += 1
                assert shapely.get_dimensions(shared) == 1, (first, second)  # a line
                assert shared.length > 1_000, (first, second)  # metres
            else:
                assert shared.length == 0, (first, second)
    assert neighbours == 13
    union = shapely.union_all(units.values)
    assert union.geom_type == "Polygon"
    assert len(union.interiors) == 0  # no gap inside Mali
    assert union.area == pytest.approx(units.area.sum(), rel=1e-4)


def test_cercles_layer_is_a_coverage_of_the_same_outline() -> None:
    cercles = load_cercles()
    assert len(cercles) == 50
    assert cercles.geometry.is_valid.all()
    units_area = area_km2(gpd.GeoSeries([load_units().union_all()], crs=4326))[0]
    assert area_km2(cercles.geometry).sum() == pytest.approx(units_area, rel=1e-4)


def test_menaka_plus_gao_equal_the_source_region_gao() -> None:
    """Ménaka (ML-9) is cercle ML0704 of the 2015 region Gao; Gao (ML-7) is the rest."""
    regions = gpd.read_file(SOURCE_DIR / REGIONS_SHAPEFILE)
    source_gao = area_km2(regions[regions["admin1Pcod"] == "ML07"].geometry).sum()
    units = load_units().set_index("code")
    drawn = area_km2(units.loc[["ML-7", "ML-9"]].geometry).sum()
    assert drawn == pytest.approx(source_gao, rel=0.001)
    assert units.loc["ML-9", "pcode"] == "ML0704"


def test_each_cercle_belongs_to_the_unit_of_its_region_except_menaka() -> None:
    cercles = load_cercles().set_index("pcode")
    assert cercles.loc["ML0704", "unit_code"] == "ML-9"
    assert set(cercles.loc[["ML0701", "ML0702", "ML0703"], "unit_code"]) == {"ML-7"}
    assert cercles.loc["ML0901", "unit_code"] == "ML-BKO"
    region_unit = {f"ML0{n}": f"ML-{n}" for n in range(1, 9)}
    for pcode, row in cercles.drop(index=["ML0704", "ML0901"]).iterrows():
        assert row["unit_code"] == region_unit[pcode[:4]], pcode


def test_the_derived_places_csv_is_spreadsheet_safe_as_it_is() -> None:
    """`python -m geodata build` writes places.csv for the loaders, not through csv_safety
    (a leading ' would change the names it serves); no cell of it reads as a formula."""
    import csv

    from wording.escape import csv_cell as neutralise_cell

    with (DATA_DIR / PLACES_FILE).open(encoding="utf-8", newline="") as handle:
        risky = [
            cell for row in csv.reader(handle) for cell in row if neutralise_cell(cell) != cell
        ]
    assert risky == []
