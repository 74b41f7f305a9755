"""The page's state and its link, beyond the round trip: what a notice tells the user, a what-if
scenario carried in a link, a place the applicant named, and the case the page evaluates.

Written from `ui/state.py`'s contract (docstrings) and the user guide's "Link to a view"."""

from __future__ import annotations

import hashlib

import pytest

from policy import IndividualElements, NamedOrigin, load_version
from policy.scenario import MAX_LINK_CHARS, Scenario, ScenarioError, scenario_from_data
from ui.state import (
    MAX_PARAM_LENGTH,
    Facts,
    LinkNotice,
    PageState,
    case_of,
    from_link,
    new_case,
    set_fact,
    set_scenario,
    to_link,
    use_named,
)

VERSIONS = ("wbv-2025-11", "c7-23-before-wbv-2025-11")
STEMS = {"WBV 2025/11": "wbv-2025-11", "C7/23 Vc before WBV 2025/11": "c7-23-before-wbv-2025-11"}
CODES = {r.code: r.name for r in load_version(None).regions}
# What the applicant named: a village, found in its cercle (as geodata resolves it).
VILLAGE = NamedOrigin(
    text="Tin-Essako",
    said="Tin-Essako village",
    kind="place",
    place_class="village",
    region_code="ML-8",
    region_name="Kidal",
    place_pcode="ML0804001",
    cercle_name="Tin-Essako",
    cercle_pcode="ML0804",
    note="found in the 2015 cercle",
    note_nl="gevonden in de cercle van 2015",
)
SCENARIO = scenario_from_data(
    {
        "scenario": 1,
        "base": "WBV 2025/11",
        "title": "Gao lower",
        "changes": [{"region": "Gao", "gradation": "relatively_lower", "rationale": "Why."}],
    }
)
OLD_SCENARIO = scenario_from_data({**SCENARIO.to_data(), "base": "C7/23 Vc before WBV 2025/11"})


class Lookups:
    """The page's lookups, recording what they were asked."""

    def __init__(self) -> None:
        self.regions_asked: list[str] = []
        self.named_asked: list[tuple[str, str | None, str, str]] = []

    def regions(self, version: str) -> dict[str, str]:
        self.regions_asked.append(version)
        return CODES

    def resolve_named(
        self, text: str, pcode: str | None, version: str, lang: str
    ) -> NamedOrigin | None:
        self.named_asked.append((text, pcode, version, lang))
        return VILLAGE if (text, pcode) == (VILLAGE.typed, VILLAGE.place_pcode) else None


def read(params: dict, stem_of=STEMS.get, lookups: Lookups | None = None):
    lookups = lookups or Lookups()
    return from_link(
        params,
        versions=VERSIONS,
        default_version=VERSIONS[0],
        regions=lookups.regions,
        resolve_named=lookups.resolve_named,
        stem_of=stem_of,
    )


def test_a_notice_names_the_parameter_its_value_and_why() -> None:
    state, notices = read({"lang": "fr", "region": "ML-99", "persecution": "maybe"})
    assert state == PageState(version=VERSIONS[0])
    assert notices == [
        LinkNotice("lang", "fr", "link_bad_value"),
        LinkNotice("region", "ML-99", "link_bad_value"),
        LinkNotice("persecution", "maybe", "link_bad_value"),
    ]


def test_a_value_longer_than_the_limit_is_ignored_and_the_rest_still_read() -> None:
    exact = "x" * MAX_PARAM_LENGTH
    state, notices = read({"named": exact, "region": "ML-1", "lang": "e" * (MAX_PARAM_LENGTH + 1)})
    # A value of exactly the limit is read (here: looked up, and not found).
    assert notices[0] == LinkNotice("lang", "e" * (MAX_PARAM_LENGTH + 1), "link_too_long")
    assert notices[1:] == [LinkNotice("named", exact, "link_named_unresolved")]
    assert state.region == "ML-1" and state.lang == "nl"


def test_fact_words_true_and_false_and_individual_elements() -> None:
    state, notices = read(
        {
            "persecution": " JA ",
            "individual_harm": "nee",
            "ipa_obstacles": "0",
            "exclusion_indications": "y",
            "individual_elements": "Substantial",
        }
    )
    assert notices == []
    assert state.facts == Facts(
        persecution=True,
        individual_harm=False,
        ipa_obstacles=False,
        exclusion_indications=True,
        individual_elements="substantial",
    )
    state, notices = read({"individual_elements": "lots"})
    assert notices == [LinkNotice("individual_elements", "lots", "link_bad_value")]
    assert state.facts == Facts()


def test_a_scenario_in_the_link_decides_the_version_and_round_trips() -> None:
    state = set_scenario(PageState(lang="en", region="ML-7"), SCENARIO, "wbv-2025-11")
    params = to_link(state)
    assert params["scenario"] == SCENARIO.to_link()
    read_back, notices = read(params)
    assert notices == [] and read_back == state
    # The scenario's base wins over a version the link names.
    old, notices = read({"scenario": OLD_SCENARIO.to_link(), "version": VERSIONS[0]})
    assert notices == [] and old.version == VERSIONS[1] and old.scenario == OLD_SCENARIO


def test_a_scenario_is_only_read_where_the_page_can_name_its_base() -> None:
    link = SCENARIO.to_link()
    state, notices = read({"scenario": link}, stem_of=None)
    assert state.scenario is None and notices == []
    state, notices = read({"scenario": link}, stem_of=lambda _id: None)
    assert state.scenario is None and state.version == VERSIONS[0]
    assert notices == [LinkNotice("scenario", "WBV 2025/11", "link_bad_scenario")]
    state, notices = read({"scenario": link}, stem_of=lambda _id: "no-such-version")
    assert state.scenario is None
    assert notices == [LinkNotice("scenario", "WBV 2025/11", "link_bad_scenario")]


def test_a_broken_scenario_link_gives_its_one_line_reason() -> None:
    with pytest.raises(ScenarioError) as raised:
        Scenario.from_link("not*base64")
    # In the page's language (Dutch unless the link asks for English), one line.
    for params, lang in (({}, "nl"), ({"lang": "en"}, "en")):
        reason = raised.value.message(lang)
        assert reason and "\n" not in reason
        state, notices = read({**params, "scenario": "not*base64"})
        assert state.scenario is None
        assert notices == [LinkNotice("scenario", reason, "link_bad_scenario")]
    assert raised.value.message("nl") != raised.value.message("en")
    # A scenario link may be longer than other values, up to its own limit.
    long_link = "A" * (MAX_PARAM_LENGTH + 10)
    _, notices = read({"scenario": long_link})
    assert [n.reason for n in notices] == ["link_bad_scenario"]
    _, notices = read({"scenario": "A" * (MAX_LINK_CHARS + 1)})
    assert [n.reason for n in notices] == ["link_too_long"]


def _noise(seed: str, length: int) -> str:
    """Text that does not compress (a link packs its scenario)."""
    text = ""
    while len(text) < length:
        text += hashlib.sha256((seed + text).encode()).hexdigest()
    return text[:length]


def test_a_scenario_too_long_for_a_link_is_left_out_of_it() -> None:
    changes = [
        {"region": code, "gradation": "exceptional", "rationale": _noise(code, 900)}
        for code in CODES
    ]
    big = scenario_from_data({**SCENARIO.to_data(), "changes": changes})
    params = to_link(set_scenario(PageState(), big, VERSIONS[0]))
    assert "scenario" not in params


def test_a_named_place_travels_with_its_place_code_and_is_looked_up_in_the_links_version() -> None:
    state = use_named(PageState(lang="en", version=VERSIONS[1]), VILLAGE)
    params = to_link(state)
    assert params["named"] == VILLAGE.typed and params["place"] == VILLAGE.place_pcode
    lookups = Lookups()
    read_back, notices = read(params, lookups=lookups)
    assert notices == [] and read_back == state
    assert lookups.named_asked == [(VILLAGE.typed, VILLAGE.place_pcode, VERSIONS[1], "en")]
    assert lookups.regions_asked == [VERSIONS[1]]
    # A place code without a name is ignored.
    _, notices = read({"place": "ML0804001"})
    assert notices == [LinkNotice("place", "ML0804001", "link_bad_value")]


def test_the_case_carries_the_place_the_applicant_named_and_the_facts() -> None:
    state = use_named(PageState(), VILLAGE)
    for name, value in (
        ("persecution", True),
        ("individual_harm", True),
        ("ipa_obstacles", True),
        ("exclusion_indications", True),
        ("individual_elements", "limited"),
    ):
        state = set_fact(state, name, value)
    case = case_of(state)
    assert case is not None
    assert case.region == "ML-8"
    # The Decision carries what the applicant named, as the memo and the JSON give it.
    assert case.origin is not None
    assert case.origin.to_dict() == NamedOrigin(
        text="Tin-Essako",
        kind="place",
        region_code="ML-8",
        cercle_pcode="ML0804",
        cercle_name="Tin-Essako",
        note="found in the 2015 cercle",
        note_nl="gevonden in de cercle van 2015",
    ).to_dict()
    assert (case.persecution, case.individual_harm, case.ipa_obstacles) == (True, True, True)
    assert case.exclusion_indications is True
    assert case.individual_elements == IndividualElements.limited
    region_named = NamedOrigin(text="Gao", kind="region", region_code="ML-7", region_name="Gao")
    origin = case_of(use_named(PageState(), region_named)).origin
    assert origin is not None
    assert origin.to_dict() == NamedOrigin(text="Gao", kind="region", region_code="ML-7").to_dict()
    assert case_of(PageState(region="ML-7")).origin is None


def test_new_case_forgets_the_name_and_an_unknown_fact_is_refused() -> None:
    state = use_named(PageState(lang="en"), VILLAGE)
    assert new_case(state).named is None
    with pytest.raises(KeyError, match="colour"):
        set_fact(state, "colour", True)


def test_a_parameter_given_without_a_value_is_reported_as_empty() -> None:
    state, notices = read({"region": [], "version": ""})
    assert state == PageState(version=VERSIONS[0])
    assert notices == [
        LinkNotice("version", "", "link_bad_value"),
        LinkNotice("region", "", "link_bad_value"),
    ]
