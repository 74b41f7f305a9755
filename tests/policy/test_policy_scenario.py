"""Scenario files: round trip, links, the schema, and every kind of bad or hostile file refused
with one line naming the field, nothing applied."""

from __future__ import annotations

import base64
import copy
import json
import zlib
from pathlib import Path

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from policy import Gradation, PolicyError, load_version
from policy.data_files import EXAMPLES_DIR, PACKAGE_DIR
from policy.scenario import (
    MAX_BYTES,
    MAX_LINK_CHARS,
    Scenario,
    ScenarioError,
    load_scenario,
    scenario_from_data,
)

EXAMPLE = EXAMPLES_DIR / "scenario-menaka-exceptional.json"
SCHEMA = json.loads((PACKAGE_DIR / "scenario.schema.json").read_text(encoding="utf-8"))


def valid() -> dict:
    return {
        "scenario": 1,
        "base": "WBV 2025/11",
        "title": "Ménaka back to exceptional",
        "author": "Analyst",
        "created": "2026-01-15",
        "changes": [
            {
                "region": "Ménaka",
                "gradation": "exceptional",
                "ipa_applies": True,
                "rationale": "As before June 2025.\nSecond line.",
            }
        ],
    }


def schema_accepts(data: object) -> bool:
    try:
        jsonschema.validate(data, SCHEMA)
    except jsonschema.ValidationError:
        return False
    return True


# ---------------------------------------------------------------------------------------------
def test_example_file_loads_applies_and_matches_the_schema() -> None:
    scenario = load_scenario(EXAMPLE, "example.json")
    assert scenario.base == "WBV 2025/11"
    assert scenario.changed_regions() == ("ML-9",)
    version = scenario.apply()
    assert version.modified and version.id == "WBV 2025/11"
    assert version.region("ML-9").gradation == Gradation.exceptional
    assert version.region("ML-9").gradation_citation.override is True
    assert not load_version().modified  # the shipped version is untouched
    assert schema_accepts(json.loads(EXAMPLE.read_text(encoding="utf-8")))
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_round_trip_is_identical() -> None:
    scenario = load_scenario(json.dumps(valid()), "s.json")
    text = scenario.to_json()
    again = load_scenario(text, "s.json")
    assert again == scenario
    assert again.to_json() == text
    assert schema_accepts(json.loads(text))
    assert EXAMPLE.read_text(encoding="utf-8") == load_scenario(EXAMPLE, "e").to_json()


def test_bytes_path_and_text_give_the_same_scenario(tmp_path: Path) -> None:
    text = json.dumps(valid(), ensure_ascii=False)
    path = tmp_path / "s.json"
    path.write_text(text, encoding="utf-8")
    from_text = load_scenario(text, "s")
    assert load_scenario(text.encode("utf-8"), "s") == from_text
    assert load_scenario(b"\xef\xbb\xbf" + text.encode("utf-8"), "s") == from_text
    assert load_scenario(path, "s") == from_text


def test_region_takes_what_region_takes() -> None:
    for name in ("ML-9", "menaka", "MÉNAKA"):
        data = valid()
        data["changes"][0]["region"] = name
        assert load_scenario(json.dumps(data), "s").changed_regions() == ("ML-9",)
    data = valid()
    data["changes"][0]["region"] = "Bandiagara"  # 2023 reform region → Mopti
    data["changes"][0]["gradation"] = "relatively_lower"
    assert load_scenario(json.dumps(data), "s").changes[0].code == "ML-5"


def test_a_change_equal_to_the_base_changes_no_region() -> None:
    data = valid()
    data["changes"] = [{"region": "Gao", "gradation": "exceptional", "rationale": "Same."}]
    assert load_scenario(json.dumps(data), "s").changed_regions() == ()


def test_optional_fields_and_empty_changes() -> None:
    data = valid()
    del data["author"], data["created"]
    data["changes"] = []
    scenario = load_scenario(json.dumps(data), "s")
    assert scenario.author is None and scenario.created is None
    assert "author" not in scenario.to_json()
    assert scenario.apply().modified and scenario.changed_regions() == ()


def test_editing_replaces_a_region_and_checks_like_a_file() -> None:
    scenario = load_scenario(EXAMPLE, "e")
    edited = scenario.with_change("Gao", "Why Gao.", gradation="relatively_higher")
    assert edited.changed_regions() == ("ML-7", "ML-9")
    again = edited.with_change("ML-9", "Back to the law.", gradation=Gradation.relatively_higher)
    assert again.changed_regions() == ("ML-7",)
    assert [c.code for c in again.changes] == ["ML-7", "ML-9"]
    assert again.without_change("ML-7").without_change("ML-9").changes == ()
    assert scenario == load_scenario(EXAMPLE, "e")  # the original is untouched
    with pytest.raises(ScenarioError, match=r"changes\[1\]\.rationale: must not contain '<'"):
        scenario.with_change("Gao", "<b>bold</b>", ipa_applies=False)
    with pytest.raises(ScenarioError, match=r"changes\[1\]\.region: unknown region"):
        scenario.with_change("Atlantis", "r", ipa_applies=False)


def test_link_round_trip_and_limits() -> None:
    scenario = load_scenario(EXAMPLE, "e")
    link = scenario.to_link()
    assert len(link) <= MAX_LINK_CHARS and link.isascii()
    assert Scenario.from_link(link) == scenario
    long = valid()
    long["changes"] = [
        {"region": code, "ipa_applies": False, "rationale": f"{code} " + "x" * 990}
        for code in ("ML-2", "ML-4", "ML-5", "ML-6", "ML-7", "ML-8", "ML-9")
    ]
    # Compressible text fits; test with text zlib cannot shrink.
    import random

    rng = random.Random(1)
    for change in long["changes"]:
        change["rationale"] = "".join(rng.choice("abcdefghijklmnopqrstuvwxyz ") for _ in range(990))
    with pytest.raises(ScenarioError, match="too long for a page link"):
        scenario_from_data(long, "big").to_link()


@pytest.mark.parametrize(
    "link, message",
    [
        ("", "not a scenario link"),
        ("abc$%", "other than base64url"),
        ("A" * (MAX_LINK_CHARS + 1), "at most 2000 characters"),
        ("bm90IHpsaWI", "cannot be decoded"),
        (
            base64.urlsafe_b64encode(zlib.compress(b" " * (MAX_BYTES * 20), 9))
            .decode()
            .rstrip("="),
            "larger than",
        ),
        (
            base64.urlsafe_b64encode(zlib.compress(b'{"scenario": 1}')[:-6]).decode().rstrip("="),
            "cut off",
        ),
        (
            base64.urlsafe_b64encode(zlib.compress(b'{"scenario": 1, "title": "<b>"}'))
            .decode()
            .rstrip("="),
            "unknown field|missing field",
        ),
    ],
)
def test_bad_links_are_refused(link: str, message: str) -> None:
    with pytest.raises(ScenarioError, match=message) as caught:
        Scenario.from_link(link)
    assert "\n" not in str(caught.value) and str(caught.value).startswith("link: ")


# ---------------------------------------------------------------------------------------------
def _set(path: str, value: object):
    """A mutation of the valid scenario: set (or with value ... delete) one field by path."""

    def mutate(data: dict) -> dict:
        target = data
        keys = path.split(".")
        for key in keys[:-1]:
            target = target[int(key)] if key.isdigit() else target[key]
        last = int(keys[-1]) if keys[-1].isdigit() else keys[-1]
        if value is ...:
            del target[last]
        else:
            target[last] = value
        return data

    return mutate


# fmt: off
BAD = [
    # (id, mutation, message, the schema can say so too)
    ("markup-title", _set("title", "<script>alert(1)</script>"), "title: must not contain '<'", True),  # noqa: E501
    ("markup-rationale", _set("changes.0.rationale", "<img src=x onerror=alert(1)>"), r"changes\[0\]\.rationale: must not contain '<'", True),  # noqa: E501
    ("markup-author", _set("author", "a > b"), "author: must not contain", True),
    ("script-link", _set("changes.0.rationale", "see javascript:alert(1)"), "script link", True),
    ("script-link-spaced", _set("title", "Ja va Script :x"), "title: must not contain a script link", True),  # noqa: E501
    ("vbscript", _set("author", "VBScript:msgbox"), "author: must not contain a script link", True),
    ("bidi", _set("title", "abc\u202edef"), "title: must not contain control characters", True),
    ("newline-in-title", _set("title", "a\nb"), "title: must not contain control characters", True),
    ("nul", _set("changes.0.rationale", "a\x00b"), "control characters", True),
    ("1MB-text", _set("changes.0.rationale", "x" * 1_000_000), "at most 65536 bytes", False),
    ("long-title", _set("title", "x" * 201), "title: 201 characters, at most 200", True),
    ("long-rationale", _set("changes.0.rationale", "x" * 1001), "rationale: 1001 characters", True),
    ("unknown-base", _set("base", "WBV 1900/1"), "base: unknown policy version", False),
    ("base-number", _set("base", 2025), "base: must be text, not a number", True),
    ("format-text", _set("scenario", "1"), "scenario: must be 1", True),
    ("format-true", _set("scenario", True), "scenario: must be 1", True),
    ("format-2", _set("scenario", 2), "scenario: must be 1", True),
    ("title-list", _set("title", ["a"]), "title: must be text, not a list", True),
    ("title-empty", _set("title", "  "), "title: must not be empty", True),
    ("changes-object", _set("changes", {"region": "Gao"}), "changes: must be a list", True),
    ("change-text", _set("changes.0", "Gao"), r"changes\[0\]: must be an object", True),
    ("ipa-text", _set("changes.0.ipa_applies", "yes"), r"changes\[0\]\.ipa_applies: must be true or false", True),  # noqa: E501
    ("ipa-null", _set("changes.0.ipa_applies", None), "ipa_applies: must be true or false", True),
    ("gradation-number", _set("changes.0.gradation", 3), r"changes\[0\]\.gradation: must be one of", True),  # noqa: E501
    ("gradation-unknown-word", _set("changes.0.gradation", "extreme"), "is not one of", True),
    ("created-format", _set("created", "15-01-2026"), "created: must be a date", True),
    ("created-impossible", _set("created", "2026-02-30"), "created: must be a date", False),
    ("missing-title", _set("title", ...), "missing field 'title'", True),
    ("missing-base", _set("base", ...), "missing field 'base'", True),
    ("missing-changes", _set("changes", ...), "missing field 'changes'", True),
    ("missing-format", _set("scenario", ...), "missing field 'scenario'", True),
    ("missing-rationale", _set("changes.0.rationale", ...), r"changes\[0\]: missing field 'rationale'", True),  # noqa: E501
    ("missing-region", _set("changes.0.region", ...), r"changes\[0\]: missing field 'region'", True),  # noqa: E501
    ("nothing-to-change", lambda d: _set("changes.0.ipa_applies", ...)(_set("changes.0.gradation", ...)(d)), "gives neither", True),  # noqa: E501
    ("unknown-region", _set("changes.0.region", "Atlantis"), r"changes\[0\]\.region: unknown region 'Atlantis'", False),  # noqa: E501
    ("ambiguous-region", _set("changes.0.region", "Bougouni"), r"changes\[0\]\.region: region 'Bougouni'", False),  # noqa: E501
    ("unknown-field", _set("evil", 1), "unknown field", True),
    ("unknown-change-field", _set("changes.0.html", "x"), r"changes\[0\]\.\"html\": unknown field", True),  # noqa: E501
    ("duplicate-region", lambda d: {**d, "changes": d["changes"] + [{**d["changes"][0], "region": "ML-9"}]}, r"changes\[1\]\.region: Ménaka \(ML-9\) is already changed", False),  # noqa: E501
    ("too-many-changes", _set("changes", [{"region": "Gao", "ipa_applies": True, "rationale": "r"}] * 12), "12 changes", True),  # noqa: E501
    ("not-an-object", lambda d: [d], "holds one JSON object, not a list", True),
]
# fmt: on


@pytest.mark.parametrize(
    "mutate, message, schema_too", [b[1:] for b in BAD], ids=[b[0] for b in BAD]
)
def test_each_bad_scenario_is_refused_with_its_message(mutate, message, schema_too) -> None:
    before = load_version()
    data = mutate(copy.deepcopy(valid()))
    with pytest.raises(ScenarioError, match=message) as caught:
        load_scenario(json.dumps(data), "bad.json")
    text = str(caught.value)
    assert text.startswith("bad.json: ") and "\n" not in text and len(text) < 600
    assert load_version() == before and not load_version().modified
    if schema_too:
        assert not schema_accepts(data), "the schema should refuse this too"


def test_ipa_cannot_be_switched_on_where_the_base_names_no_destination() -> None:
    data = valid()
    data["base"] = "c7-23-before-wbv-2025-11"
    with pytest.raises(ScenarioError, match=r"bad.json: changes\[0\]: .*ipa_destination"):
        load_scenario(json.dumps(data), "bad.json")


@pytest.mark.parametrize(
    "raw, message",
    [
        (b"", "not valid JSON"),
        (b"{", "not valid JSON"),
        (b'{"scenario": NaN}', "not valid JSON"),
        (b'{"title": "a", "title": "b"}', 'field "title" appears twice'),
        (b"\xff\xfe{}", "not UTF-8 text"),
        (b"[" * 50_000 + b"]" * 10_000, "not valid JSON"),
        (b'{"scenario": 1' + b"9" * 5000 + b"}", "not valid JSON"),
        (b" " * (MAX_BYTES + 1), "at most 65536 bytes"),
    ],
)
def test_unreadable_files_are_refused(raw: bytes, message: str) -> None:
    with pytest.raises(ScenarioError, match=message) as caught:
        load_scenario(raw, "bad.json")
    assert "\n" not in str(caught.value)


def test_a_missing_file_and_a_directory_are_one_line(tmp_path: Path) -> None:
    for path in (tmp_path / "none.json", tmp_path):
        with pytest.raises(ScenarioError, match="cannot read") as caught:
            load_scenario(path, str(path))
        assert "\n" not in str(caught.value)


def test_apply_refuses_another_base() -> None:
    scenario = load_scenario(EXAMPLE, "e")
    with pytest.raises(ScenarioError, match="starts from WBV 2025/11"):
        scenario.apply(load_version("c7-23-before-wbv-2025-11"))
    with pytest.raises(ScenarioError, match=r"\(modified\)"):
        scenario.apply(scenario.apply())


def test_markdown_note_names_the_scenario_in_both_languages() -> None:
    scenario = load_scenario(EXAMPLE, "e")
    assert "not the policy as written" in scenario.markdown_note("en")
    assert "Ménaka (ML-9)" in scenario.markdown_note("nl")
    assert "niet het beleid zoals het luidt" in scenario.markdown_note("nl")


def test_largest_valid_scenario_still_loads_and_round_trips() -> None:
    """The field limits keep every valid scenario within the file limit, so it round-trips."""
    data = valid()
    data["title"] = "𝔐" * 200
    data["author"] = "𝔐" * 200
    data["changes"] = [
        {"region": region.code, "gradation": "exceptional", "rationale": '"' * 500 + "𝔐" * 500}
        for region in load_version().regions
    ]
    scenario = scenario_from_data(data, "big")
    assert len(scenario.to_json().encode("utf-8")) <= MAX_BYTES
    assert load_scenario(scenario.to_json(), "big") == scenario


# ---------------------------------------------------------------------------------------------
JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=30),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4)
    ),
    max_leaves=12,
)
FIELD_PATHS = [
    "scenario", "base", "title", "author", "created", "changes",
    "changes.0", "changes.0.region", "changes.0.gradation", "changes.0.ipa_applies",
    "changes.0.rationale", "extra",
]  # fmt: skip


def _check_outcome(source: object) -> None:
    try:
        scenario = load_scenario(source, "fuzz.json")  # type: ignore[arg-type]
    except PolicyError as error:
        text = str(error)
        assert text.startswith("fuzz.json: ") and "\n" not in text and "\r" not in text
        assert len(text) < 1000
        return
    text = scenario.to_json()
    assert load_scenario(text, "again") == scenario
    assert load_scenario(text, "again").to_json() == text
    for value in (scenario.title, scenario.author or "", *(c.rationale for c in scenario.changes)):
        assert "<" not in value and ">" not in value


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(FIELD_PATHS), JSON_VALUES | st.text())
def test_fuzz_one_field_replaced(path: str, value: object) -> None:
    data = _set(path, value)(copy.deepcopy(valid()))
    _check_outcome(json.dumps(data))


@settings(max_examples=200, deadline=None)
@given(JSON_VALUES)
def test_fuzz_any_json(value: object) -> None:
    _check_outcome(json.dumps(value))


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_fuzz_any_bytes(raw: bytes) -> None:
    _check_outcome(raw)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_fuzz_any_link(text: str) -> None:
    try:
        Scenario.from_link(text)
    except PolicyError as error:
        assert "\n" not in str(error) and str(error).startswith("link: ")


# --- A scenario is never read as the law -----------------------------------------------------


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_every_headline_of_a_scenario_opens_with_its_titled_mark(lang) -> None:
    from policy import Case, evaluate
    from wording.escape import markdown

    scenario = load_scenario(EXAMPLE, "example.json")
    decision = evaluate(Case(region="Ménaka"), scenario.apply())
    opening = {
        "nl": f"[Wat-als-scenario «{scenario.title}» — niet het geldende beleid",
        "en": f"[What-if scenario «{scenario.title}» — not the policy in force",
    }[lang]
    assert decision.scenario_title == scenario.title
    assert decision.headline(lang).startswith(opening)
    assert decision.to_dict()["headline"][lang].startswith(opening)
    # The memo's first statement is the headline, its title escaped as Markdown.
    memo = decision.to_markdown(lang)
    assert memo.splitlines()[2] == f"**{decision.headline(lang, markdown)}**"
    assert memo.splitlines()[2].startswith(f"**{opening}")
    # The same scenario's values without it (the version itself) is not marked.
    plain = evaluate(Case(region="Ménaka"), load_version(scenario.base))
    assert "«" not in plain.headline(lang) and plain.scenario_title is None


def test_a_scenario_title_is_escaped_per_output() -> None:
    from policy import Case, evaluate
    from wording.escape import markdown

    data = valid()
    data["title"] = "Ménaka *hoog* [x](y) $z$"
    scenario = scenario_from_data(data)
    decision = evaluate(Case(region="Ménaka"), scenario.apply())
    assert "«Ménaka *hoog* [x](y) $z$»" in decision.headline("en")
    memo_line = decision.to_markdown("en").splitlines()[2]
    assert f"«{markdown(scenario.title)}»" in memo_line
    assert "*hoog*" not in memo_line and "[x](y)" not in memo_line


@pytest.mark.parametrize("lang", ["nl", "en"])
def test_a_changed_step_reads_scenario_then_the_law_with_its_quote(lang) -> None:
    from policy import Case, evaluate

    scenario = load_scenario(EXAMPLE, "example.json")
    decision = evaluate(Case(region="Ménaka"), scenario.apply())
    changed = [step for step in decision.steps if step.scenario_change]
    assert changed
    step = changed[0]
    note = step.note(lang)
    assert note is not None
    assert note.startswith("Scenario: ")
    assert f"; {step.citation}: " in note
    assert f"«{step.source_text}»" in note
    new, cited = {"nl": ("Uitzonderlijk", "Relatief hoger"), "en": ("Exceptional", "Relatively")}[
        lang
    ]
    assert note.index(new) < note.index(step.citation) < note.index(cited)
