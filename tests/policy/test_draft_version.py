"""Reading a decree text into a draft version (`policy.draft_version`, `python -m policy
draft-version`), tested from the decree's sentences: the seed decree gives the shipped WBV
2025/11; variants of its sentences give the values they say, or a refusal."""

from __future__ import annotations

import json
import random
import re
import tomllib
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from policy.cli import main
from policy.data_files import SOURCES_DIR
from policy.decree_text import parse
from policy.draft_version import DraftError, base_file, build_draft
from policy.paragraphs import PARAGRAPH_TEXTS_DIR
from policy.versions_io import load_version, load_version_file, load_version_text
from wording import t

SEED = SOURCES_DIR / "wbv-2025-11-c7-23-mali.txt"
SEED_TEXT = SEED.read_text(encoding="utf-8")

EXCEPTIONAL = (
    "De IND neemt voor Mali aan dat sprake is van een uitzonderlijk niveau van willekeurig "
    "geweld in\nde regio’s Gao, Kidal, Mopti en Tombouctou."
)
HIGHER = (
    "De IND neemt voor Mali aan dat sprake is van een relatief hoger niveau van willekeurig "
    "geweld in\nde regio’s Ménaka en Ségou."
)
LOWER = (
    " De IND neemt voor Mali aan dat sprake is van een relatief lager niveau van willekeurig "
    "geweld in\nde regio Koulikoro."
)
IPA_LIST = "Ménaka, Ségou en Koulikoro, en die enkel"


def variant(old: str, new: str, text: str = SEED_TEXT) -> str:
    """The seed with one passage of Article I replaced (the passage must occur once)."""
    assert text.count(old) == 1, old
    return text.replace(old, new)


def draft(text: str, version_id: str | None = "WBV 2099/1"):
    """A draft of `text` based on the shipped version, and the version it loads as."""
    built = build_draft(text, None, "decree.txt", base_file(None), version_id)
    return built, load_version_text(built.toml("decree.txt"), "draft")


def values(version) -> dict[str, tuple[str, object]]:
    return {r.code: (r.gradation.value, r.ipa_applies) for r in version.regions}


# --- the seed -------------------------------------------------------------------------------


def test_seed_gives_the_shipped_version_in_values_and_quotes() -> None:
    built = build_draft(SEED_TEXT, SEED.name, "seed", base_file("wbv-2025-11"))
    assert built.unread == []
    version = load_version_text(built.toml("seed"), "seed draft")
    shipped = load_version("WBV 2025/11")
    assert replace(version, label_nl=None, label_en=None) == replace(
        shipped, label_nl=None, label_en=None
    )
    # its short name, shown on every surface, says it is a draft
    for lang in ("nl", "en"):
        assert version.label(lang) == f"{shipped.label(lang)} ({t('draft.mark', lang)})"


def test_seed_paragraph_texts_are_the_shipped_ones() -> None:
    built = build_draft(SEED_TEXT, SEED.name, "seed", base_file(None))
    shipped = tomllib.loads((PARAGRAPH_TEXTS_DIR / "wbv-2025-11.toml").read_text("utf-8"))
    drafted = tomllib.loads(built.paragraphs_toml())
    for key in ("version", "full_text", "source", "cited_as"):
        assert drafted[key] == shipped[key]
    assert [
        (p["number"], p["heading"], p["text_nl"].strip(), p["gloss_en"])
        for p in drafted["paragraphs"]
    ] == [
        (p["number"], p["heading"], p["text_nl"].strip(), p["gloss_en"])
        for p in shipped["paragraphs"]
    ]


def test_seed_report_says_what_is_carried_over() -> None:
    built = build_draft(SEED_TEXT, SEED.name, "seed", base_file(None))
    fields = {item.field for item in built.carried_over}
    # Bamako's level is the letter's (C7/23.4.2 does not name it), Taoudénit's note is ours.
    assert {"regions[ML-BKO].gradation", "regions[ML-10].note"} <= fields
    assert "rules.ipa_individual_assessment" in fields
    # the levels the decree gives are not carried over
    assert not any(f.startswith("regions[ML-7].gradation") for f in fields)


# --- variants of the sentences --------------------------------------------------------------


def test_a_level_moved() -> None:
    text = variant(
        EXCEPTIONAL, EXCEPTIONAL.replace("Mopti en Tombouctou", "Mopti, Tombouctou en Ségou")
    )
    text = variant(HIGHER, HIGHER.replace("regio’s Ménaka en Ségou", "regio Ménaka"), text)
    built, version = draft(text)
    assert version.region("ML-4").gradation.value == "exceptional"
    assert "Tombouctou en Ségou" in version.region("ML-4").gradation_citation.text_nl
    assert version.region("ML-9").gradation.value == "relatively_higher"
    # a moved region's letter reasons (for its old level) are not carried over
    assert all(r.source != "kamerbrief-2025-06-17" for r in version.region("ML-4").reasons)
    # the toelichting still gives Ségou the relatively higher level: reported, not a reason
    assert all("relatief hoger" not in r.text_nl for r in version.region("ML-4").reasons)
    assert any(
        n.paragraph.startswith("toelichting") and "Ménaka en Ségou" in n.text
        for n in built.not_modelled
    )
    # ... while Ménaka, still at that level, keeps it as its reason
    assert any("relatief hoger" in r.text_nl for r in version.region("ML-9").reasons)


def test_ipa_list_changed() -> None:
    built, version = draft(variant(IPA_LIST, "Ménaka en Ségou, en die enkel"))
    assert version.region("ML-2").ipa_applies is False
    assert "not on the list" in version.region("ML-2").ipa_citation.note_en
    assert version.region("ML-4").ipa_applies is True


def test_a_new_region_named_and_an_exonym() -> None:
    text = variant(LOWER, LOWER.replace("regio Koulikoro", "regio’s Koulikoro en Sikasso"))
    text = variant(EXCEPTIONAL, EXCEPTIONAL.replace("Tombouctou", "Timbuktu"), text)
    built, version = draft(text)
    assert version.region("ML-3").gradation.value == "relatively_lower"
    assert version.region("ML-6").gradation.value == "exceptional"


def test_no_longer_named_means_not_designated() -> None:
    built, version = draft(variant(LOWER + "\n", ""))
    assert version.region("ML-2").gradation.value == "not_designated"
    assert version.region("ML-2").gradation_citation.paragraph == "C7/23.4.2 Vc"


def test_straight_quotes_crlf_and_leading_spaces_read_the_same() -> None:
    text = SEED_TEXT.replace("’", "'")
    text = "\r\n".join("   " + line for line in text.split("\n"))
    built, version = draft(text)
    assert values(version) == values(load_version())
    assert version.region("ML-7").gradation_citation.text_nl.endswith(
        "in de regio's Gao, Kidal, Mopti en Tombouctou."
    )


def test_an_unknown_region_is_refused_with_the_closest_names() -> None:
    with pytest.raises(DraftError) as refused:
        draft(variant(EXCEPTIONAL, EXCEPTIONAL.replace("Tombouctou", "Timbuktoe")))
    message = refused.value.lines[0]
    assert "line 58 (C7/23.4.2 Vc)" in message and "'Timbuktoe'" in message
    assert "closest:" in message and "Timbuktu" in message


def test_a_region_of_the_2023_reform_is_refused() -> None:
    with pytest.raises(DraftError, match="2023 reform"):
        draft(variant(LOWER, LOWER.replace("Koulikoro", "Bandiagara")))


def test_a_region_given_two_levels_is_refused() -> None:
    with pytest.raises(DraftError, match="two levels"):
        draft(variant(LOWER, LOWER.replace("Koulikoro", "Gao")))


def test_an_unreadable_sentence_is_listed_with_its_line() -> None:
    text = variant(LOWER, LOWER + "\nDe IND acht de situatie in Kayes zorgelijk.")
    built, version = draft(text)
    assert [(u.line, u.paragraph, u.text) for u in built.unread] == [
        (64, "C7/23.4.2 Vc", "De IND acht de situatie in Kayes zorgelijk.")
    ]
    assert values(version) == values(load_version())


def test_new_content_where_the_decree_said_geen_bijzonderheden_is_kept_and_reported() -> None:
    old = "23.3.2. Risicoprofielen in de zin van paragraaf C2/2.4 Vc \n\nGeen bijzonderheden."
    new = (
        "23.3.2. Risicoprofielen in de zin van paragraaf C2/2.4 Vc \n\nDe IND merkt journalisten "
        "uit Mali aan als\nrisicoprofiel."
    )
    built, version = draft(variant(old, new))
    sentence = "De IND merkt journalisten uit Mali aan als risicoprofiel."
    assert ("C7/23.3.2 Vc", sentence) in [(n.paragraph, n.text) for n in built.not_modelled]
    texts = {p["number"]: p for p in built.paragraphs["paragraphs"]}
    assert texts["23.3.2"]["text_nl"] == sentence
    assert texts["23.3.2"]["gloss_en"].startswith("No English gloss yet")


def test_no_ipa_at_all() -> None:
    paragraph = parse(SEED_TEXT).paragraph("23.5.2")
    assert paragraph is not None
    start = SEED_TEXT.index("De IND neemt voor Mali in beginsel")
    end = SEED_TEXT.index("C2/3.3.3.3 Vc.") + len("C2/3.3.3.3 Vc.")
    text = (
        SEED_TEXT[:start]
        + "De IND neemt voor Mali geen binnenlands beschermingsalternatief aan."
        + SEED_TEXT[end:]
    )
    built, version = draft(text)
    assert version.ipa_destination is None
    assert all(region.ipa_applies is False for region in version.regions)
    # the base's note that Bamako is the place of the IPA is not carried into this draft
    assert version.region("ML-BKO").note is None
    assert version.region("ML-10").note is not None


# --- the command line -----------------------------------------------------------------------


def test_cli_seed_draft_is_a_valid_version_file(tmp_path, capsys) -> None:
    out = tmp_path / "draft.toml"
    assert main(["draft-version", str(SEED), "-o", str(out), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert set(report) >= {"regions", "unread", "not_modelled", "carried_over"}
    assert report["unread"] == []
    assert {
        "field": "regions[ML-BKO].gradation",
        "from": "WBV 2025/11 (kamerbrief-2025-06-17)",
    } in (report["carried_over"])
    assert main(["validate", str(out)]) == 0
    capsys.readouterr()
    assert main(["regions", "--json", "--policy", str(out)]) == 0
    assert json.loads(capsys.readouterr().out)["regions"] == report["regions"]
    assert (tmp_path / "draft.paragraphs.toml").is_file()


def test_cli_draft_beside_its_decree_is_checked_against_it(tmp_path, capsys) -> None:
    decree = tmp_path / "decrees" / "draft.txt"
    decree.parent.mkdir()
    decree.write_text(variant(IPA_LIST, "Ménaka en Ségou, en die enkel"), encoding="utf-8")
    out = tmp_path / "out" / "draft.toml"
    out.parent.mkdir()
    assert main(["draft-version", str(decree), "--id", "WBV 2026/1", "-o", str(out)]) == 0
    assert 'file = "../decrees/draft.txt"' in out.read_text("utf-8")
    version = load_version_file(out)
    assert version.region("ML-2").ipa_applies is False
    capsys.readouterr()
    # every command that takes --policy takes the draft's path
    assert main(["evaluate", "--region", "Koulikoro", "--policy", str(out), "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["ipa_applies"] is False
    assert main(["diff", "wbv-2025-11", str(out), "--json"]) == 0
    changes = json.loads(capsys.readouterr().out)
    assert [(c["code"], c["field"]) for c in changes] == [("ML-2", "ipa_applies")]


def test_cli_unread_sentence_stops_the_draft_unless_allowed(tmp_path, capsys) -> None:
    decree = tmp_path / "d.txt"
    extra = "De IND acht de situatie in Kayes zorgelijk.\nDe IND kijkt\nnaar Sikasso."
    decree.write_text(variant(LOWER, LOWER + "\n" + extra), encoding="utf-8")
    out = tmp_path / "d.toml"
    assert main(["draft-version", str(decree), "-o", str(out)]) == 2
    captured = capsys.readouterr()
    lines = captured.err.strip().splitlines()
    assert captured.out == "" and not out.exists()
    assert len(lines) == 2
    assert "line 64 (C7/23.4.2 Vc)" in lines[0] and "line 65 (C7/23.4.2 Vc)" in lines[1]
    assert main(["draft-version", str(decree), "-o", str(out), "--allow-unread", "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert [u["line"] for u in report["unread"]] == [64, 65]
    assert out.exists()


def _bad_decrees(tmp_path: Path) -> list[list[str]]:
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 300_000)
    latin = tmp_path / "latin.txt"
    latin.write_bytes(SEED_TEXT.encode("utf-8").replace("é".encode(), b"\xe9"))
    letter = tmp_path / "letter.txt"
    letter.write_text("Geachte voorzitter,\n\nDit is een brief.\n", encoding="utf-8")
    no_number = tmp_path / "nonumber.txt"
    no_number.write_text(SEED_TEXT.replace("WBV 2025/11", "WBV"), encoding="utf-8")
    unknown = tmp_path / "unknown.txt"
    unknown.write_text(
        variant(EXCEPTIONAL, EXCEPTIONAL.replace("Kidal", "Kidall")), encoding="utf-8"
    )
    out = str(tmp_path / "o.toml")
    return [
        ["draft-version", str(tmp_path / "missing.txt"), "-o", out],
        ["draft-version", str(big), "-o", out],
        ["draft-version", str(latin), "-o", out],
        ["draft-version", str(letter), "-o", out],
        ["draft-version", str(no_number), "-o", out],
        ["draft-version", str(unknown), "-o", out],
        ["draft-version", str(SEED), "-o", str(tmp_path / "o.txt")],
        ["draft-version", str(SEED), "-o", out, "--based-on", "WBV 1900/1"],
        ["draft-version", str(SEED)],
        ["regions", "--policy", str(tmp_path / "nothing.toml")],
    ]


def test_every_cli_error_is_one_line_and_exit_2(tmp_path, capsys) -> None:
    for argv in _bad_decrees(tmp_path):
        assert main(argv) == 2, argv
        captured = capsys.readouterr()
        assert captured.out == "", argv
        assert len(captured.err.strip().splitlines()) == 1, (argv, captured.err)
        assert "Traceback" not in captured.err


# --- text as it really arrives --------------------------------------------------------------

_MARKER = re.compile(r"^\s*(ARTIKEL\s+[IVX]+|TOELICHTING|[’']s-Gravenhage,.*)\s*$")


def reflow(text: str, width: int, rng: random.Random) -> str:
    """The decree with every block of text re-broken at `width`, some long words hyphenated at
    the line end, and random leading spaces; blank lines and marker lines stay."""
    out: list[str] = []
    block: list[str] = []

    def flush() -> None:
        if not block:
            return
        joined = ""
        for line in block:
            line = line.strip()
            if joined.endswith("-") and line[:1].islower() and not line.startswith("en "):
                joined = joined[:-1] + line
            else:
                joined = f"{joined} {line}".strip()
        current = ""
        for word in joined.split():
            if current and len(current) + 1 + len(word) > width:
                if word.isalpha() and word.islower() and len(word) >= 6 and rng.random() < 0.5:
                    cut = rng.randint(2, len(word) - 2)
                    out.append(" " * rng.randint(0, 2) + current + " " + word[:cut] + "-")
                    current = word[cut:]
                    continue
                out.append(" " * rng.randint(0, 2) + current)
                current = word
            else:
                current = f"{current} {word}".strip()
        out.append(" " * rng.randint(0, 2) + current)
        block.clear()

    for line in text.split("\n"):
        if not line.strip() or _MARKER.match(line):
            flush()
            out.append(line)
        else:
            block.append(line)
    flush()
    return "\n".join(out)


SHIPPED = load_version()


@settings(max_examples=25)
@given(
    width=st.integers(min_value=30, max_value=140),
    seed=st.integers(0, 2**32),
    straight=st.booleans(),
)
def test_reflowed_seed_reads_the_same_values_and_quotes(
    width: int, seed: int, straight: bool
) -> None:
    text = reflow(SEED_TEXT, width, random.Random(seed))
    if straight:
        text = text.replace("’", "'")
    built, version = draft(text, "WBV 2025/11")
    assert built.unread == []
    assert values(version) == values(SHIPPED)
    assert version.ipa_destination == SHIPPED.ipa_destination
    assert version.signed == SHIPPED.signed
    for ours, shipped in zip(version.regions, SHIPPED.regions, strict=True):
        for name in ("gradation_citation", "ipa_citation"):
            quote = getattr(ours, name).text_nl
            assert quote.replace("'", "’") == getattr(shipped, name).text_nl
        assert [r.text_nl.replace("'", "’") for r in ours.reasons] == [
            r.text_nl for r in shipped.reasons
        ]


@settings(max_examples=60)
@given(
    cuts=st.lists(st.integers(0, 140), max_size=6),
    noise=st.lists(st.tuples(st.integers(0, 140), st.text(max_size=30)), max_size=4),
)
def test_a_damaged_decree_is_read_or_refused_never_a_crash(cuts, noise) -> None:
    """Lines deleted or garbage inserted: the reader gives a draft or a PolicyError, nothing
    else (the command line turns a PolicyError into exit 2 and one line per problem)."""
    from policy.errors import PolicyError

    lines = SEED_TEXT.split("\n")
    for cut in cuts:
        if lines:
            del lines[cut % len(lines)]
    for at, text in noise:
        lines.insert(at % (len(lines) + 1), text)
    try:
        draft("\n".join(lines))
    except PolicyError:
        pass


def test_article_ii_a_date_and_what_else_the_decree_says() -> None:
    old = (
        "Dit besluit treedt in werking met ingang van de dag na de dagtekening van de "
        "Staatscourant waarin\nhet wordt geplaatst."
    )
    new = "Dit besluit treedt in werking met ingang van 1 juli 2026.\nHet vervalt op 1 juli 2027."
    publication = "Dit besluit zal (met de toelichting) in de Staatscourant worden geplaatst."
    text = variant(old, new)
    text = variant(
        publication, publication + "\n\nARTIKEL III\n\nDe IND rapporteert jaarlijks.", text
    )
    built, version = draft(text)
    assert str(version.in_force) == "2026-07-01"
    assert version.in_force_citation is not None
    assert version.in_force_citation.text_nl.endswith("met ingang van 1 juli 2026.")
    reported = [(n.paragraph, n.text) for n in built.not_modelled]
    assert ("WBV 2099/1, artikel II", "Het vervalt op 1 juli 2027.") in reported
    assert ("WBV 2099/1, artikel III", "De IND rapporteert jaarlijks.") in reported
    # the order to publish is no value of a version, and not reported
    assert not any("Staatscourant worden geplaatst" in text for _, text in reported)


def test_draft_version_imports_no_dataframe_library(tmp_path) -> None:
    """Reading a decree needs no pandas, numpy or geometry: the command starts fast."""
    import os
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    result = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "policy",
            "draft-version",
            str(SEED),
            "-o",
            str(tmp_path / "d.toml"),
        ],
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    modules = {
        line.rsplit("|", 1)[1].strip()
        for line in result.stderr.splitlines()
        if line.startswith("import time:") and "|" in line
    }
    assert "policy.draft_version" in modules
    heavy = ("pandas", "pyarrow", "geopandas", "shapely", "numpy", "matplotlib", "streamlit")
    assert sorted(m for m in modules if m.split(".")[0] in heavy) == []


def test_based_on_the_older_version_unnamed_units_have_no_level() -> None:
    """The older version knows only some levels (from the letter): a unit the new decree does
    not name gets no level from C7/23.4.2, not the older version's "unknown"."""
    built = build_draft(SEED_TEXT, None, "seed", base_file("c7-23-before-wbv-2025-11"))
    version = load_version_text(built.toml("seed"), "draft")
    assert version.region("ML-1").gradation.value == "not_designated"
    assert version.region("ML-BKO").gradation.value == "not_designated"
    assert values(version) != values(load_version("c7-23-before-wbv-2025-11"))
    assert {r.code: r.gradation for r in version.regions if r.code != "ML-BKO"} == {
        r.code: r.gradation for r in load_version("WBV 2025/11").regions if r.code != "ML-BKO"
    }


def test_paragraphs_of_a_draft_are_read_from_beside_it(tmp_path, capsys) -> None:
    decree = tmp_path / "d.txt"
    old = "23.3.2. Risicoprofielen in de zin van paragraaf C2/2.4 Vc \n\nGeen bijzonderheden."
    new = (
        "23.3.2. Risicoprofielen in de zin van paragraaf C2/2.4 Vc \n\nJournalisten zijn bedreigd."
    )
    decree.write_text(variant(old, new), encoding="utf-8")
    out = tmp_path / "d.toml"
    assert main(["draft-version", str(decree), "--id", "WBV 2026/1", "-o", str(out)]) == 0
    capsys.readouterr()
    assert main(["paragraphs", "--policy", str(out), "--json"]) == 0
    rows = {row["paragraph"]: row for row in json.loads(capsys.readouterr().out)}
    assert rows["C7/23.3.2 Vc"]["text_nl"] == "Journalisten zijn bedreigd."
    assert rows["C7/23.4.2 Vc"]["used_by"]  # the rules that cite the draft's 23.4.2
