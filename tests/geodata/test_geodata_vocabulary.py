"""geodata colours and names the policy's own vocabulary: one table of units, one normaliser,
a colour for every gradation and an outline for every IPA role."""

from __future__ import annotations

import pytest

from geodata.errors import DataFileError
from geodata.map_render import unit_style
from geodata.names import normalise
from geodata.palette import GRADATION_COLOURS, GRADATION_ORDER, IPA_ROLE_OUTLINES
from geodata.reference import unit_names, unit_specs
from policy.data_files import official_units
from policy.models import Gradation, IpaRole
from policy.names import normalise_name


@pytest.mark.parametrize("gradation", list(Gradation))
def test_every_gradation_has_a_colour(gradation: Gradation) -> None:
    assert gradation.value in GRADATION_COLOURS
    assert gradation.value in GRADATION_ORDER


@pytest.mark.parametrize("role", list(IpaRole))
def test_every_ipa_role_has_an_outline(role: IpaRole) -> None:
    assert role.value in IPA_ROLE_OUTLINES
    properties = {"ipa_role": role.value, "gradation": "unknown", "code": "ML-1"}
    assert unit_style(properties)["fillColor"] == GRADATION_COLOURS["unknown"]


def test_unit_names_are_the_policy_table() -> None:
    assert unit_names() == official_units()


def test_a_drawing_row_for_a_code_the_policy_does_not_know_is_refused(tmp_path) -> None:
    path = tmp_path / "units.csv"
    path.write_text("code,source_pcode,drawn,note\nML-99,ML01,true,x\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"row 2, field code: 'ML-99' is not a unit"):
        unit_specs(path)


def test_a_policy_unit_without_a_drawing_row_is_refused(tmp_path) -> None:
    path = tmp_path / "units.csv"
    path.write_text("code,source_pcode,drawn,note\nML-1,ML01,true,x\n", encoding="utf-8")
    with pytest.raises(DataFileError, match=r"no row for the unit\(s\) ML-2"):
        unit_specs(path)


@pytest.mark.parametrize("name", ["Ségou", "Ti-N-Essako", "DIOÏLA", "Tombouctou "])
def test_one_normaliser(name: str) -> None:
    assert normalise is normalise_name
    assert normalise(name) == normalise_name(name)
