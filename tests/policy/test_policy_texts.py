"""The one catalogue of policy texts: every code has its words in Dutch and English."""

from __future__ import annotations

import pytest

from policy import ipa_answer_label, ipa_role_label
from policy.models import Flag, Gradation, IndividualElements, IpaRole, Outcome
from policy.texts import entry, text
from wording import keys


@pytest.mark.parametrize(
    ("section", "codes"),
    [
        ("gradation", Gradation),
        ("outcome", Outcome),
        ("flag", Flag),
        ("elements", IndividualElements),
        ("ipa_role", IpaRole),
    ],
)
def test_every_code_has_a_text_in_both_languages(section: str, codes) -> None:
    for code in codes:
        texts = entry(f"{section}.{code.value}")
        assert texts["nl"].strip() and texts["en"].strip(), f"{section}.{code.value}"


def test_every_entry_has_both_languages_and_the_same_placeholders() -> None:
    import string

    found = [(key, entry(key)) for key in sorted(keys())]
    assert len(found) > 50
    for path, node in found:
        fields = [
            {name for _, name, _, _ in string.Formatter().parse(node[lang]) if name}
            for lang in ("nl", "en")
        ]
        assert fields[0] == fields[1], path


def test_a_missing_text_is_a_loud_error() -> None:
    with pytest.raises(KeyError, match="no text 'outcome.maybe'"):
        text("outcome.maybe", "en")
    with pytest.raises(ValueError, match="language"):
        text("outcome.refugee_status", "de")


def test_not_on_the_list_is_no_firm_no() -> None:
    assert ipa_role_label(IpaRole.none, "en") == (
        "not on the list in C7/23.5.2 Vc; the general test of C2/3.4 Vc applies case by case"
    )
    assert "tegengeworpen" in ipa_answer_label(True, "nl")
