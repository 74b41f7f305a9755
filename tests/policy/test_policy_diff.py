"""The diff of the two shipped versions, checked against the sentences of the sources.

The letter of 17 June 2025 says what the previous policy held (Gao, Ménaka and Mopti at the
highest level) and what changes; WBV 2025/11 says what holds now. Each test quotes the
sentence it checks, so a change to the version files that contradicts the law text fails here.
"""

from __future__ import annotations

import pytest

from policy import Gradation, load_version
from policy.data_files import SOURCES_DIR
from policy.diff import (
    CHANGES,
    MAP_CLASSES,
    change_label,
    change_map,
    diff_versions,
    field_label,
    gradation_change,
    ipa_change,
    map_class_label,
)

BEFORE = "c7-23-before-wbv-2025-11"
AFTER = "wbv-2025-11"


def source_text(file: str) -> str:
    """A source text with whitespace collapsed and PDF line-end hyphens joined."""
    text = (SOURCES_DIR / file).read_text(encoding="utf-8")
    return " ".join(text.replace("-\n", "").split())


LETTER = source_text("kamerbrief-mali-2025.txt")
DECREE = source_text("wbv-2025-11-c7-23-mali.txt")


@pytest.fixture(scope="module")
def changes():
    return diff_versions(load_version(BEFORE), load_version(AFTER))


def change_of(changes, code: str, field: str):
    found = [c for c in changes if c.code == code and c.field == field]
    assert len(found) <= 1
    return found[0] if found else None


def test_menaka_lowered_from_exceptional_to_relatively_higher(changes) -> None:
    assert (
        "Hierin zijn de regio’s Gao, Ménaka en Mopti aangewezen als gebieden waar er sprake is "
        "van de hoogste uitzonderlijke situatie" in LETTER
    )
    assert "relatief hoger niveau van willekeurig geweld in de regio’s Ménaka en Ségou" in DECREE
    menaka = change_of(changes, "ML-9", "gradation")
    assert (menaka.old, menaka.new, menaka.change) == (
        "exceptional",
        "relatively_higher",
        "lowered",
    )
    assert "Gao, Ménaka en Mopti" in menaka.from_citation.text_nl
    assert "Ménaka en Ségou" in menaka.to_citation.text_nl
    assert menaka.to_citation.paragraph == "C7/23.4.2 Vc"


def test_gao_and_mopti_keep_the_highest_level(changes) -> None:
    assert "Voor de regio’s Gao, en Mopti geldt dat ik het beleid continueer" in LETTER
    assert change_of(changes, "ML-7", "gradation") is None
    assert change_of(changes, "ML-5", "gradation") is None


def test_kidal_and_tombouctou_raised_to_the_highest_level_from_a_level_not_in_the_sources(
    changes,
) -> None:
    # The letter says they are now *qualified* as the highest level, so before they were not:
    # whatever lower level (or none) they had, the change is "raised"; which one the sources
    # do not say, so the earlier value stays unknown with its possibilities.
    assert "besloten om de regio’s Kidal en Tombouctou te kwalificeren" in LETTER
    assert (
        "uitzonderlijk niveau van willekeurig geweld in de regio’s Gao, Kidal, Mopti en Tombouctou"
        in DECREE
    )
    for code in ("ML-6", "ML-8"):
        change = change_of(changes, code, "gradation")
        assert (change.old, change.new, change.change) == ("unknown", "exceptional", "raised")
        assert "exceptional" not in change.from_possible and len(change.from_possible) == 4
        assert "Kidal en Tombouctou te kwalificeren" in change.from_citation.text_nl
        assert change.to_dict()["from_possible"] == list(change.from_possible)


def test_koulikoro_segou_bamako_and_the_unnamed_regions_became_known(changes) -> None:
    assert "relatief lager niveau van willekeurig geweld in de regio Koulikoro" in DECREE
    assert "om voor Bamako geen situatie in de zin van artikel 15 onder c" in LETTER
    expected = {
        "ML-2": "relatively_lower",
        "ML-4": "relatively_higher",
        "ML-BKO": "no_15c",
        "ML-1": "not_designated",
        "ML-3": "not_designated",
        "ML-10": "not_designated",
    }
    for code, new in expected.items():
        change = change_of(changes, code, "gradation")
        assert (change.old, change.new, change.change) == ("unknown", new, "became_known")


def test_ipa_list_of_the_decree_became_known_for_every_region(changes) -> None:
    assert (
        "Bamako aan voor vreemdelingen die afkomstig zijn uit de regio’s Gao, Kidal, Mopti, "
        "Tombouctou, Ménaka, Ségou en Koulikoro" in DECREE
    )
    on_list = {"ML-7", "ML-8", "ML-5", "ML-6", "ML-9", "ML-4", "ML-2"}
    ipa = [c for c in changes if c.field == "ipa_applies"]
    assert len(ipa) == 11
    for change in ipa:
        assert change.old is None and change.change == "became_known"
        assert change.new is (change.code in on_list)
        assert change.to_citation.paragraph == "C7/23.5.2 Vc"


def test_the_whole_diff_and_its_map(changes) -> None:
    assert len(changes) == 20  # 9 gradations (Gao and Mopti unchanged) + 11 IPA statuses
    classes = change_map(load_version(BEFORE), load_version(AFTER))
    assert classes["ML-9"] == "lowered"
    assert classes["ML-7"] == classes["ML-5"] == "ipa_became_known"
    assert {code for code, c in classes.items() if c == "became_known"} == {
        "ML-1", "ML-2", "ML-3", "ML-4", "ML-10", "ML-BKO",
    }  # fmt: skip
    assert classes["ML-6"] == classes["ML-8"] == "raised"
    assert set(classes.values()) <= set(MAP_CLASSES)


def test_the_reverse_diff_mirrors_it() -> None:
    classes = change_map(load_version(AFTER), load_version(BEFORE))
    assert classes["ML-9"] == "raised"
    assert classes["ML-8"] == "lowered"  # from the highest level to one below it
    assert classes["ML-7"] == "ipa_became_unknown"


def test_a_version_against_itself_has_no_change() -> None:
    version = load_version()
    assert diff_versions(version, version) == []
    assert set(change_map(version, version).values()) == {"unchanged"}


def test_a_what_if_change_cites_both_sides() -> None:
    base = load_version()
    what_if = base.with_overrides(gradations={"ML-9": "exceptional"}, ipa={"ML-1": True})
    changes = diff_versions(base, what_if)
    assert [(c.code, c.field, c.change) for c in changes] == [
        ("ML-1", "ipa_applies", "added"),
        ("ML-9", "gradation", "raised"),
    ]
    assert changes[1].from_citation == base.region("ML-9").gradation_citation
    assert changes[1].to_citation.override is True
    assert change_map(base, what_if)["ML-1"] == "ipa_added"
    data = changes[0].to_dict()
    assert list(data) == [
        "code", "name", "field", "from", "to", "change", "from_citation", "to_citation",
        "from_possible", "to_possible",
    ]  # fmt: skip
    assert (data["from"], data["to"]) == (False, True)


@pytest.mark.parametrize(
    "old, new, expected",
    [
        ("not_designated", "relatively_lower", "raised"),
        ("relatively_lower", "relatively_higher", "raised"),
        ("exceptional", "no_15c", "lowered"),
        ("no_15c", "not_designated", "changed"),
        ("unknown", "no_15c", "became_known"),
        ("relatively_lower", "unknown", "became_unknown"),
    ],
)
def test_gradation_change_follows_the_sliding_scale(old, new, expected) -> None:
    assert gradation_change(Gradation(old), Gradation(new)) == expected


def test_ipa_change_codes() -> None:
    assert ipa_change(False, True) == "added"
    assert ipa_change(True, False) == "removed"
    assert ipa_change(None, False) == "became_known"
    assert ipa_change(True, None) == "became_unknown"


def test_every_code_has_both_labels() -> None:
    for lang in ("nl", "en"):
        assert all(change_label(code, lang) for code in CHANGES)
        assert all(map_class_label(code, lang) for code in MAP_CLASSES)
        assert field_label("gradation", lang) and field_label("ipa_applies", lang)
