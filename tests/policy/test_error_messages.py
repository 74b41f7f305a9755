"""Errors a user can cause, in the page's language: every keyed error of the scenario file and
the case file, raised by real input, says in Dutch and English what is wrong and where, while
`str(error)` stays the English line the command lines print."""

from __future__ import annotations

import base64
import json
import zlib
from collections.abc import Callable

import pandas as pd
import pytest

from policy import PolicyError, load_version
from policy.batch import decode_cases
from policy.case_csv import read_cases
from policy.caseload import compare
from policy.scenario import Scenario, load_scenario
from wording import keys
from wording.errors import Rows, field_words, rows_words

GOOD_CHANGE = {"region": "Gao", "gradation": "relatively_lower", "rationale": "toets"}
HEADER = "case_id,region,persecution,individual_harm,individual_elements,ipa_obstacles,"
HEADER += "exclusion_indications\n"


def scenario(**top: object) -> bytes:
    data: dict[str, object] = {
        "scenario": 1,
        "base": "wbv-2025-11",
        "title": "Toets",
        "changes": [GOOD_CHANGE],
    }
    data.update(top)
    return json.dumps({k: v for k, v in data.items() if v is not None}).encode()


def change(**fields: object) -> bytes:
    item = {**GOOD_CHANGE, **fields}
    return scenario(changes=[{k: v for k, v in item.items() if v is not None}])


def load(raw: bytes) -> Callable[[], object]:
    return lambda: load_scenario(raw, "s.json")


def cases(text: str | bytes, **options: object) -> Callable[[], object]:
    raw = text.encode() if isinstance(text, str) else text
    version = load_version()

    def run() -> object:
        frame = read_cases(raw, "c.csv", version=version, **options)  # type: ignore[arg-type]
        return compare(frame, version, version, source="c.csv")

    return run


def _packed(raw: bytes) -> str:
    return base64.urlsafe_b64encode(zlib.compress(raw)).decode().rstrip("=")


def _cut_off() -> str:
    """A link whose compressed scenario stops short (a link copied only in part)."""
    packed = zlib.compress(scenario())[:-8]
    return base64.urlsafe_b64encode(packed).decode().rstrip("=")


def row(region: str, persecution: str = "false", elements: str = "none") -> str:
    return f"A,{region},{persecution},false,{elements},false,false\n"


# key → (what raises it, words the Dutch message must hold, words the English one must hold)
CASES: dict[str, tuple[Callable[[], object] | bytes, str, str]] = {
    "errors.scenario.too_large": (
        load(b" " * (70 * 1024)),
        "s.json: het bestand is 71680 bytes groot; een scenariobestand mag hoogstens 65536",
        "s.json: the file is 71680 bytes; a scenario file may be at most 65536 bytes.",
    ),
    "errors.scenario.not_utf8": (load(b"\xff"), "geen UTF-8-tekst (byte 1", "not UTF-8 text"),
    "errors.scenario.repeated_field": (
        load(b'{"title": "a", "title": "b"}'),
        'het veld "title" staat er twee keer in.',
        'the field "title" appears twice.',
    ),
    "errors.scenario.not_json": (
        load(b'{"a":'),
        "geen geldige JSON; de fout staat in regel 1, kolom 6.",
        "not valid JSON; the mistake is in line 1, column 6.",
    ),
    "errors.scenario.not_json_nested": (load(b"[" * 30_000), "te diep genest", "too deeply"),
    "errors.scenario.not_object": (load(b"[]"), "één JSON-object", "one JSON object"),
    "errors.scenario.missing_field": (
        change(rationale=None),
        "s.json: het veld wijziging 1, motivering ontbreekt.",
        "s.json: the field change 1, rationale is missing.",
    ),
    "errors.scenario.unknown_field": (
        scenario(colour="red"),
        'het veld "colour" is onbekend; bekend zijn:',
        'the field "colour" is unknown; known fields are:',
    ),
    "errors.scenario.unknown_field_in": (
        change(colour="red"),
        'wijziging 1: het veld "colour" is onbekend',
        'change 1: the field "colour" is unknown',
    ),
    "errors.scenario.unknown_base": (
        scenario(base="current"),
        'basisversie "current" is geen beleidsversie van deze pagina.',
        'base version "current" is not a policy version of this page.',
    ),
    "errors.scenario.nothing_to_change": (
        change(gradation=None),
        "wijziging 1: geeft geen geweldsniveau",
        "change 1: gives no level of violence",
    ),
    "errors.scenario.unknown_region": (
        change(region="Qxqxqxqxqx"),
        'wijziging 1, regio: onbekende regio "Qxqxqxqxqx".',
        'change 1, region: unknown region "Qxqxqxqxqx".',
    ),
    "errors.scenario.unknown_region_closest": (
        change(region="Gaoo"),
        'wijziging 1, regio: onbekende regio "Gaoo"; de namen die er het meest op lijken: Gao',
        'change 1, region: unknown region "Gaoo"; the closest names: Gao',
    ),
    "errors.scenario.region_twice": (
        scenario(changes=[GOOD_CHANGE, GOOD_CHANGE]),
        "wijziging 2, regio: Gao wordt al gewijzigd in wijziging 1; één wijziging per regio.",
        "change 2, region: Gao is already changed in change 1; one change per region.",
    ),
    "errors.scenario.not_boolean": (
        change(ipa_applies="ja"),
        "wijziging 1, vestigingsalternatief (ipa_applies): moet true (ja) of false (nee) zijn.",
        "change 1, internal protection alternative (ipa_applies): must be true (yes) or false",
    ),
    "errors.scenario.not_gradation": (
        change(gradation="hoog"),
        'wijziging 1, geweldsniveau: "hoog" is geen geweldsniveau; kies uit exceptional,',
        'change 1, level of violence: "hoog" is not a level of violence; choose from',
    ),
    "errors.scenario.not_date": (
        scenario(created="7-12-2026"),
        'datum (created): "7-12-2026" is geen datum; schrijf JJJJ-MM-DD.',
        'date (created): "7-12-2026" is not a date; write YYYY-MM-DD.',
    ),
    "errors.scenario.not_text": (scenario(title=5), "titel: moet tekst zijn.", "title: must be"),
    "errors.scenario.empty": (
        change(rationale=" "),
        "s.json: wijziging 1, motivering: mag niet leeg zijn.",
        "s.json: change 1, rationale: must not be empty.",
    ),
    "errors.scenario.too_long": (
        scenario(title="x" * 201),
        "titel: 201 tekens, hoogstens 200 toegestaan.",
        "title: 201 characters, at most 200 allowed.",
    ),
    "errors.scenario.markup": (
        scenario(title="<b>x</b>"),
        "titel: de tekens < en > zijn niet toegestaan",
        "title: the characters < and > are not allowed",
    ),
    "errors.scenario.control": (
        scenario(title="a\u0007b"),
        "titel: bevat een stuurteken (U+0007); verwijder het.",
        "title: contains a control character (U+0007); remove it.",
    ),
    "errors.scenario.not_a_link": (
        lambda: Scenario.from_link("not a link!"),
        "link: dit is geen scenariolink",
        "link: this is not a scenario link",
    ),
    "errors.scenario.link_cut_off": (
        lambda: Scenario.from_link(_cut_off()),
        "link: de scenariolink is afgebroken",
        "link: the scenario link is cut off",
    ),
    "errors.scenario.link_too_long": (
        lambda: Scenario.from_link("a" * 3000),
        "link: een scenariolink heeft hoogstens 2000 tekens",
        "link: a scenario link has at most 2000 characters",
    ),
    "errors.scenario.link_too_large": (
        lambda: Scenario.from_link(_packed(b" " * 70_000)),
        "link: het scenario in de link is groter dan 65536 bytes.",
        "link: the scenario in the link is larger than 65536 bytes.",
    ),
    "errors.csv.too_large": (
        cases(HEADER + row("Gao"), max_bytes=10),
        "c.csv: het bestand is te groot; een zakenbestand mag hoogstens 10 bytes zijn.",
        "c.csv: the file is too large; a case file may be at most 10 bytes.",
    ),
    "errors.csv.binary": (cases(b"region\x00\n"), "NUL-bytes", "NUL bytes"),
    "errors.csv.empty": (cases(""), "c.csv: het bestand is leeg;", "c.csv: the file is empty;"),
    "errors.csv.not_utf8": (
        cases((HEADER + row("Ségou")).encode("latin-1")),
        "c.csv: regel 2: dit is geen UTF-8-tekst. Sla de CSV op als UTF-8",
        "c.csv: line 2: this is not UTF-8 text. Save the CSV as UTF-8",
    ),
    "errors.csv.open_quote": (
        cases('region,persecution\n"Gao,true\n'),
        "regel 2: een aanhalingsteken",
        "line 2: a quote",
    ),
    "errors.csv.field_count": (
        cases(HEADER + "A,Gao,false\n"),
        "c.csv: regel 2: 3 velden, maar de kopregel heeft er 7.",
        "c.csv: line 2: 3 fields, but the header has 7.",
    ),
    "errors.csv.unnamed_column": (
        cases("region,,persecution\nGao,x,true\n"),
        "regel 1 (de kopregel): kolom 2 heeft geen naam.",
        "line 1 (the header): column 2 has no name.",
    ),
    "errors.csv.repeated_column": (
        cases("region,region\nGao,Gao\n"),
        "regel 1 (de kopregel): de kolom 'region' staat er meer dan eens in.",
        "line 1 (the header): the column 'region' appears more than once.",
    ),
    "errors.csv.no_region_column": (
        cases("case_id,persecution\nA,true\n"),
        "c.csv: regel 1 (de kopregel): er is geen kolom region;",
        "c.csv: line 1 (the header): there is no column region;",
    ),
    "errors.csv.no_region_column_short": (
        lambda: decode_cases(pd.DataFrame({"persecution": ["true"]}), load_version(), "c.csv"),
        "c.csv: er is geen kolom region;",
        "c.csv: there is no column region;",
    ),
    "errors.csv.misspelt_column": (
        cases("region,persecuton\nGao,true\n"),
        "de kolom 'persecuton' wordt niet gelezen; bedoelt u persecution?",
        "the column 'persecuton' is not read; did you mean persecution?",
    ),
    "errors.csv.no_rows": (cases(HEADER), "er staan geen zaken in", "there are no cases in it"),
    "errors.csv.empty_region": (
        cases("region,persecution\nGao,true\n,true\n"),
        "c.csv: regel 3, kolom region: de regio is leeg.",
        "c.csv: line 3, column region: the region is empty.",
    ),
    "errors.csv.unknown_region": (
        cases(HEADER + row("Gao") + row("Qxqxqxqxqx")),
        "c.csv: regel 3, kolom region: onbekende regio 'Qxqxqxqxqx'.",
        "c.csv: line 3, column region: unknown region 'Qxqxqxqxqx'.",
    ),
    "errors.csv.unknown_region_closest": (
        cases(HEADER + row("Gao") + row("Atlantis")),
        "c.csv: regel 3, kolom region: onbekende regio 'Atlantis'; de namen die er het meest",
        "c.csv: line 3, column region: unknown region 'Atlantis'; the closest names:",
    ),
    "errors.csv.unknown_regions": (
        cases(HEADER + row("Atlantis") + row("Qxqxqxqxqx") + row("Atlantis")),
        "regels 2, 4, kolom region: onbekende regio 'Atlantis'; in totaal staan er 2 onbekende",
        "lines 2, 4, column region: unknown region 'Atlantis'; the file holds 2 unknown",
    ),
    "errors.csv.not_boolean": (
        cases(HEADER + row("Gao", persecution="misschien")),
        "regel 2, kolom persecution: 'misschien' is geen ja/nee-waarde; schrijf true of false.",
        "line 2, column persecution: 'misschien' is not a yes/no value; write true or false.",
    ),
    "errors.csv.not_elements": (
        cases(HEADER + row("Gao", elements="veel")),
        "regel 2, kolom individual_elements: 'veel' is geen van",
        "line 2, column individual_elements: 'veel' is not one of",
    ),
}


@pytest.mark.parametrize("key", sorted(CASES))
def test_each_error_in_dutch_and_english(key: str) -> None:
    raise_it, dutch, english = CASES[key]
    with pytest.raises(PolicyError) as caught:
        raise_it() if callable(raise_it) else load_scenario(raise_it, "s.json")
    error = caught.value
    assert error.key == key, (error.key, str(error))
    assert dutch in error.message("nl"), error.message("nl")
    assert english in error.message("en"), error.message("en")
    # The command lines' English line is untouched and differs from the page's Dutch one.
    assert str(error) != error.message("nl")
    assert "\n" not in error.message("nl")


def test_every_error_key_has_a_case() -> None:
    messages = {key for key in keys() if key.startswith(("errors.scenario.", "errors.csv."))}
    assert messages == set(CASES)


def test_an_error_without_a_key_falls_back_to_its_english_line() -> None:
    error = PolicyError("x.json: something rare")
    assert error.message("nl") == error.message("en") == "x.json: something rare"


def test_the_command_lines_keep_their_english_line() -> None:
    with pytest.raises(PolicyError) as caught:
        load_scenario(change(rationale=""), "s.json")
    assert str(caught.value) == "s.json: changes[0].rationale: must not be empty"
    assert caught.value.message("nl", file=False) == "wijziging 1, motivering: mag niet leeg zijn."


def test_field_paths_in_words() -> None:
    assert field_words("changes[0].rationale", "nl") == "wijziging 1, motivering"
    assert field_words("changes[2].gradation", "en") == "change 3, level of violence"
    assert field_words("title", "nl") == "titel"
    assert field_words("something[1].odd", "en") == "something[1], odd"


def test_rows_in_words() -> None:
    assert rows_words(Rows("line", (7,)), "nl") == "regel 7"
    assert rows_words(Rows("line", (7, 9, 12), more=4), "nl") == "regels 7, 9, 12 en nog 4 andere"
    assert rows_words(Rows("row", (3,)), "en") == "row 3"
    assert rows_words(Rows("row", (3, 5)), "en") == "rows 3, 5"
