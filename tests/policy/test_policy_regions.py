"""Region names: codes, accents, case, exonyms, 2023 reform regions, unknown names."""

from __future__ import annotations

from dataclasses import replace

import pytest

from policy import Case, UnknownRegionError, evaluate, load_version, resolve_region


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("ML-4", "ML-4"),
        ("ml-bko", "ML-BKO"),
        ("Ségou", "ML-4"),
        ("SEGOU", "ML-4"),
        ("menaka", "ML-9"),
        ("Timbuktu", "ML-6"),
        ("Taoudeni", "ML-10"),
        ("District de Bamako", "ML-BKO"),
    ],
)
def test_names_codes_and_exonyms(name: str, code: str) -> None:
    match = resolve_region(name)
    assert match.code == code and match.mapped_from is None


@pytest.mark.parametrize(
    ("name", "code"),
    [
        ("Bandiagara", "ML-5"),
        ("Douentza", "ML-5"),
        ("San", "ML-4"),
        ("Nioro", "ML-1"),
        ("Kita", "ML-1"),
        ("Dioïla", "ML-2"),
        ("dioila", "ML-2"),
        ("Nara", "ML-2"),
        ("Koutiala", "ML-3"),
    ],
)
def test_2023_reform_regions_map_to_their_2016_region(name: str, code: str) -> None:
    match = resolve_region(name)
    assert match.code == code and match.mapped_from
    assert "region_mapped" in evaluate(Case(region=name), load_version()).flags


def test_bougouni_spans_two_2016_regions_and_is_not_mapped() -> None:
    with pytest.raises(UnknownRegionError) as raised:
        resolve_region("Bougouni")
    assert raised.value.suggestions == ["Sikasso", "Koulikoro"]


def test_unknown_name_lists_the_closest_names() -> None:
    with pytest.raises(UnknownRegionError, match="unknown region 'Tombuctu'") as raised:
        resolve_region("Tombuctu")
    assert "Tombouctou" in raised.value.suggestions
    assert "\n" not in str(raised.value)


@pytest.mark.parametrize(
    ("name", "code"),
    [("Segou", "ML-4"), ("Menaka", "ML-9"), ("Taoudenit", "ML-10"), ("Tombouctou", "ML-6")],
)
def test_accent_free_spellings_resolve_without_an_alias(name: str, code: str) -> None:
    assert resolve_region(name).code == code


def test_a_mapped_region_memo_says_why() -> None:
    decision = evaluate(Case(region="Bandiagara"), load_version())
    assert decision.region_mapped_from == "Bandiagara"
    assert "Bankass" in decision.region_mapping_note
    memo = decision.to_markdown()
    assert "Bandiagara" in memo and "Bankass" in memo
    gradation_step = next(s for s in decision.steps if s.rule == "gradation")
    assert "Bankass" in gradation_step.conclusion_en
    assert decision.to_dict()["region"]["mapping_note"] == decision.region_mapping_note


def test_an_official_name_has_no_mapping_note() -> None:
    decision = evaluate(Case(region="Mopti"), load_version())
    assert decision.region_mapping_note is None


def test_a_dutch_memo_of_a_mapped_2023_name_has_no_english_evidence() -> None:
    """Each mapped 2023 region has its evidence in Dutch too; the Dutch memo uses it and the
    bracketed note has no stray full stop (".).")."""
    from policy.data_files import read_package_toml

    for name, entry in read_package_toml("region_names.toml")["reform_2023"].items():
        if "maps_to" not in entry:
            continue
        assert entry.get("evidence_nl"), name
        decision = evaluate(Case(region=name), load_version())
        memo = decision.to_markdown("nl")
        assert entry["evidence_nl"] in memo and entry["evidence"] not in memo, name
        assert " all in " not in memo and " and " not in memo.split("## ")[0], name
        assert ".)." not in memo, name
        assert decision.to_dict()["region"]["mapping_note_nl"] == entry["evidence_nl"]


def test_each_version_resolves_names_by_its_own_regions_when_they_alternate() -> None:
    """The region index is kept per version: asking for another version between two lookups
    must not answer from the version asked for before it."""
    shipped = load_version()
    renamed = replace(
        shipped,
        regions=tuple(
            replace(region, name="Gao Nord") if region.code == "ML-7" else region
            for region in shipped.regions
        ),
    )
    assert resolve_region("Gao Nord", renamed).code == "ML-7"
    with pytest.raises(UnknownRegionError):
        resolve_region("Gao Nord", shipped)
    assert resolve_region("Gao Nord", renamed).name == "Gao Nord"
    assert resolve_region("Gao", shipped).name == "Gao"
