"""Finding the place an applicant names, by name."""

from __future__ import annotations

import pytest

from geodata import CLASS_LABELS, GeodataError, Place, PlaceNotFoundError, load_places, locate

REGIONAL_CAPITALS = {
    "Kayes": "ML-1",
    "Koulikoro": "ML-2",
    "Sikasso": "ML-3",
    "Ségou": "ML-4",
    "Mopti": "ML-5",
    "Tombouctou": "ML-6",
    "Gao": "ML-7",
    "Kidal": "ML-8",
}


def test_the_capital_bamako_comes_first_in_bamako_district() -> None:
    best = locate("Bamako")[0]
    assert isinstance(best, Place)
    assert (best.name, best.place_class, best.class_label) == ("Bamako", 1, "capital")
    assert (best.unit_code, best.unit_name) == ("ML-BKO", "Bamako")
    assert (best.cercle_pcode, best.cercle_name) == ("ML0901", "Bamako")
    assert best.score == 100
    assert -8.1 < best.lon < -7.9 and 12.5 < best.lat < 12.75


@pytest.mark.parametrize(("name", "code"), sorted(REGIONAL_CAPITALS.items()))
def test_each_regional_capital_is_found_in_its_unit(name: str, code: str) -> None:
    best = locate(name)[0]
    assert best.place_class == 2
    assert best.class_label == "regional capital"
    assert best.unit_code == code


def test_every_cercle_capital_is_found_first_under_its_own_name() -> None:
    capitals = load_places().query("place_class == 3")
    assert len(capitals) == 41
    for capital in capitals.itertuples(index=False):
        best = locate(capital.name)[0]
        assert (best.pcode, best.place_class) == (capital.pcode, 3), capital.name
        assert best.cercle_pcode == capital.cercle_pcode
        assert best.unit_code == capital.unit_code


def test_menaka_town_and_anderamboukane_belong_to_menaka_ml9() -> None:
    assert locate("Ménaka")[0].unit_code == "ML-9"
    matches = locate("Andéramboukane")
    assert [place.unit_code for place in matches if place.score == 100] == ["ML-9", "ML-9"]
    assert all(place.cercle_pcode == "ML0704" for place in matches if place.score == 100)


@pytest.mark.parametrize("spelling", ["tombouctou", "Tombouctou", "TOMBOUCTOU", " tombouctou. "])
def test_lookup_ignores_case_and_punctuation(spelling: str) -> None:
    best = locate(spelling)[0]
    assert (best.name, best.unit_code, best.score) == ("Tombouctou", "ML-6", 100)


@pytest.mark.parametrize("spelling", ["Ti-N-Essako", "tin essako", "TI N ESSAKO", "Tin-Essako"])
def test_lookup_ignores_hyphens_and_spaces(spelling: str) -> None:
    best = locate(spelling)[0]
    assert (best.name, best.place_class, best.unit_code) == ("Ti-N-Essako", 3, "ML-8")


def test_lookup_ignores_accents_both_ways() -> None:
    assert locate("Segou")[0].unit_code == "ML-4"
    assert locate("Djenne")[0].name == "Djenné"
    assert locate("Niafunke")[0].name == "Niafunké"
    assert locate("Abeibara")[0].name == "Abeïbara"


@pytest.mark.parametrize("exonym", ["Timbuktu", "timbuctoo"])
def test_english_exonym_finds_tombouctou(exonym: str) -> None:
    best = locate(exonym)[0]
    assert (best.name, best.place_class, best.unit_code, best.score) == (
        "Tombouctou",
        2,
        "ML-6",
        100,
    )


@pytest.mark.parametrize(
    ("typo", "meant", "code"),
    [("Tombuctou", "Tombouctou", "ML-6"), ("Kyes", "Kayes", "ML-1"), ("Sikaso", "Sikasso", "ML-3")],
)
def test_a_misspelling_finds_the_town_meant(typo: str, meant: str, code: str) -> None:
    best = locate(typo)[0]
    assert (best.name, best.unit_code) == (meant, code)
    assert 80 <= best.score < 100


def test_a_misspelled_exonym_still_finds_the_town() -> None:
    assert locate("Timbuktoo")[0].name == "Tombouctou"


def test_a_duplicated_village_name_returns_every_match() -> None:
    source_count = int((load_places()["name"] == "Madina").sum())
    assert source_count == 49
    matches = [place for place in locate("madina", limit=None) if place.score == 100]
    assert len(matches) == source_count
    assert len({place.pcode for place in matches}) == source_count
    assert len({place.cercle_pcode for place in matches}) > 10
    classes = [place.place_class for place in matches]
    assert classes == sorted(classes)


def test_exact_matches_come_before_fuzzy_ones_and_scores_fall() -> None:
    matches = locate("Gao", limit=None)
    scores = [place.score for place in matches]
    assert scores[0] == 100 and scores == sorted(scores, reverse=True)
    assert any(score < 100 for score in scores)
    assert matches[0].place_class == 2


def test_every_match_by_default_and_limit_cuts_the_list() -> None:
    everything = locate("Madina")
    assert len([place for place in everything if place.score == 100]) == 49
    assert everything == locate("Madina", limit=None)
    assert locate("Madina", limit=3) == everything[:3]
    with pytest.raises(GeodataError, match="limit"):
        locate("Madina", limit=0)


def test_an_unknown_name_lists_the_closest_names() -> None:
    with pytest.raises(PlaceNotFoundError) as caught:
        locate("Xqzzyv")
    assert 1 <= len(caught.value.suggestions) <= 5
    assert "Xqzzyv" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_a_long_unknown_name_is_shortened_in_the_message() -> None:
    query = "Xqzzyv " * 200
    with pytest.raises(PlaceNotFoundError) as caught:
        locate(query)
    message = str(caught.value)
    assert len(message) < 300
    assert repr(query[:60] + "…") in message
    assert caught.value.name == query


def test_the_lookup_reads_the_folder_it_is_given(tmp_path) -> None:
    """load_places/locate with data_dir read that folder's places and cercle names."""
    from geodata.provenance import DATA_DIR

    for path in DATA_DIR.iterdir():
        text = path.read_text(encoding="utf-8")
        if path.name == "cercles.geojson":
            text = text.replace('"name":"Ménaka"', '"name":"Ménaka (test copy)"')
        (tmp_path / path.name).write_text(text, encoding="utf-8")
    places = load_places(data_dir=tmp_path)
    assert set(places.loc[places["cercle_pcode"] == "ML0704", "cercle_name"]) == {
        "Ménaka (test copy)"
    }
    assert locate("Ménaka", data_dir=tmp_path)[0].cercle_name == "Ménaka (test copy)"
    assert locate("Ménaka")[0].cercle_name == "Ménaka"


def test_a_name_without_letters_is_refused() -> None:
    with pytest.raises(GeodataError, match="letters or digits"):
        locate(" -- ")


def test_places_table_has_every_source_place_with_cercle_and_unit() -> None:
    places = load_places()
    added = places["pcode"].str.startswith("ADDED-")
    assert len(places[~added]) == 18_769  # the source's, and Taoudenni added with its source
    assert places.loc[added, "name"].tolist() == ["Taoudenni"]
    assert places["pcode"].is_unique
    assert not places.isna().any().any()
    assert set(places["class_label"]) == set(CLASS_LABELS.values())
    assert set(places.loc[places["cercle_pcode"] == "ML0704", "unit_code"]) == {"ML-9"}
    assert set(places.loc[~added, "unit_code"]) == {
        "ML-1", "ML-2", "ML-3", "ML-4", "ML-5", "ML-6", "ML-7", "ML-8", "ML-9", "ML-BKO"
    }  # fmt: skip
    places.loc[0, "name"] = "changed"
    assert load_places().loc[0, "name"] != "changed"
