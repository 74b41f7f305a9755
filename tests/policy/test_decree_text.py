"""The decree's structure restored from text as it arrives (`policy.decree_text`)."""

from __future__ import annotations

import pytest

from policy.decree_text import DecreeFormError, decode, parse, signature_date

SHORT = """Besluit van de Minister van Asiel en Migratie van 2 maart 2026, nummer
WBV 2026/4, houdende wijziging van de Vreemdelingencirculaire 2000

ARTIKEL I
  23.4.2. Ernstige schade in de zin van artikel 29, eerste lid, aanhef en onder b,
  onderdeel 3°, Vw als bedoeld in paragraaf C2/3.3.3 Vc
  De IND neemt voor Mali aan dat sprake is van een uitzon-
  derlijk niveau van willekeurig geweld in de regio Gao. De IND neemt voor Mali aan dat
  sprake is van een relatief lager niveau van willekeurig geweld in de regio Kidal.

23.5.2. Binnenlands beschermingsalternatief in de zin van paragraaf C2/3.4 Vc

Geen bijzonderheden.
ARTIKEL II
Dit besluit treedt in werking met ingang van 1 juli 2026.
‘s-Gravenhage, 2 maart 2026
directeur-generaal Immigratie- en Naturalisatiedienst
 TOELICHTING
A
De niet-
statelijke groepen zijn actief in Gao.
"""


def test_structure_without_blank_lines_and_with_a_broken_word() -> None:
    decree = parse(SHORT)
    assert decree.number == "WBV 2026/4"
    levels = decree.paragraph("23.4.2")
    assert levels is not None
    assert levels.heading.endswith("onderdeel 3°, Vw als bedoeld in paragraaf C2/3.3.3 Vc")
    assert [(s.line, s.text) for s in levels.sentences] == [
        (
            7,
            "De IND neemt voor Mali aan dat sprake is van een uitzonderlijk niveau van "
            "willekeurig geweld in de regio Gao.",
        ),
        (
            8,
            "De IND neemt voor Mali aan dat sprake is van een relatief lager niveau van "
            "willekeurig geweld in de regio Kidal.",
        ),
    ]
    assert "uitzonderlijk niveau" in levels.sentences[0].text
    assert decree.paragraph("23.5.2").text == "Geen bijzonderheden."  # type: ignore[union-attr]
    assert [s.text for s in decree.article_ii] == [
        "Dit besluit treedt in werking met ingang van 1 juli 2026."
    ]
    assert decree.signature is not None and signature_date(decree.signature) == (2026, 3, 2)
    # a hyphen that belongs to the word stays
    assert [s.text for s in decree.toelichting] == [
        "De niet-statelijke groepen zijn actief in Gao."
    ]


def test_not_a_decree() -> None:
    with pytest.raises(DecreeFormError, match="ARTIKEL I"):
        parse("Geachte voorzitter,\n\nDit is een brief.\n")
    with pytest.raises(DecreeFormError, match="no sub-paragraph"):
        parse("ARTIKEL I\n\nDe Vreemdelingencirculaire wordt gewijzigd.\n")


def test_decode_refuses_what_is_not_utf8_text() -> None:
    assert decode("\ufeffARTIKEL I".encode(), "d.txt") == "ARTIKEL I"
    with pytest.raises(DecreeFormError, match="line 2: not UTF-8"):
        decode(b"a\nS\xe9gou", "d.txt")
    with pytest.raises(DecreeFormError, match="at most"):
        decode(b"a" * 200_001, "d.txt")
    with pytest.raises(DecreeFormError, match="NUL"):
        decode(b"a\x00b", "d.txt")


def test_fold_reads_every_apostrophe_as_one() -> None:
    from policy.decree_text import fold

    forms = ["regio’s", "regio's", "regio‘s", "regio`s", "regio´s", "regioʼs"]
    assert {fold(form) for form in forms} == {"regio's"}
    assert fold("  de   regio\n Gao ") == "de regio Gao"
