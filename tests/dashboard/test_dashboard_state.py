"""The page's state on its own (no Streamlit): transitions, the link both ways, hostile links."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from policy import NamedOrigin, load_version
from ui.state import (
    LINK_PARAMS,
    MAX_PARAM_LENGTH,
    Facts,
    PageState,
    case_of,
    choose_region,
    from_link,
    new_case,
    set_fact,
    to_link,
    use_named,
)

VERSIONS = ("wbv-2025-11", "c7-23-before-wbv-2025-11")
CODES = {r.code: r.name for r in load_version(None).regions}
BANDIAGARA = NamedOrigin(
    text="Bandiagara",
    kind="region",
    region_code="ML-5",
    region_name="Mopti",
    mapped_from="Bandiagara",
)


def resolve(text: str, pcode: str | None, version: str, lang: str) -> NamedOrigin | None:
    return BANDIAGARA if text == "Bandiagara" and pcode is None else None


def read(params: dict) -> tuple[PageState, list]:
    return from_link(
        params,
        versions=VERSIONS,
        default_version=VERSIONS[0],
        regions=lambda _version: CODES,
        resolve_named=resolve,
    )


def test_a_list_choice_clears_the_name_and_new_case_keeps_language_and_version() -> None:
    state = use_named(PageState(lang="en", version=VERSIONS[1]), BANDIAGARA)
    state = set_fact(state, "persecution", True)
    assert case_of(state).region == "Bandiagara"
    chosen = choose_region(state, "ML-1")
    assert chosen.named is None and chosen.region == "ML-1" and chosen.facts.persecution
    assert case_of(chosen).region == "ML-1"
    fresh = new_case(chosen)
    assert fresh == PageState(lang="en", version=VERSIONS[1])
    assert case_of(fresh) is None


def test_link_round_trip_and_short_address() -> None:
    state = use_named(PageState(lang="en", version=VERSIONS[1]), BANDIAGARA)
    state = set_fact(set_fact(state, "individual_elements", "limited"), "ipa_obstacles", True)
    assert read(to_link(state)) == (state, [])
    assert read(to_link(state, default_version=VERSIONS[0])) == (state, [])
    # Opening the page without a link writes no parameters back.
    assert to_link(PageState(version=VERSIONS[0]), default_version=VERSIONS[0]) == {}
    assert to_link(PageState(version=VERSIONS[0])) == {"lang": "nl", "version": VERSIONS[0]}


def test_the_name_decides_when_the_link_disagrees() -> None:
    state, notices = read({"named": "Bandiagara", "region": "ML-1"})
    assert state.region == "ML-5" and state.named == BANDIAGARA
    assert [n.param for n in notices] == ["region"]


def test_repeated_parameters_use_the_last_value() -> None:
    state, notices = read({"region": ["ML-1", "ML-2"]})
    assert state.region == "ML-2" and notices == []


@settings(max_examples=300, deadline=None)
@given(
    st.dictionaries(
        st.sampled_from([*LINK_PARAMS, "other", ""]),
        st.one_of(st.text(max_size=200), st.lists(st.text(max_size=30), max_size=3)),
    )
)
def test_any_link_gives_a_valid_state_and_one_notice_per_ignored_value(params: dict) -> None:
    state, notices = read(params)
    assert state.lang in ("nl", "en") and state.version in VERSIONS
    assert state.region is None or state.region in CODES
    assert isinstance(state.facts, Facts)
    assert state.facts.individual_elements in ("none", "limited", "substantial")
    for notice in notices:
        assert notice.param in LINK_PARAMS
        assert notice.reason in ("link_bad_value", "link_too_long", "link_named_unresolved")
    assert len({n.param for n in notices}) == len(notices)
    for name, value in params.items():
        text = value if isinstance(value, str) else (value[-1] if value else "")
        if name in LINK_PARAMS and len(text) > MAX_PARAM_LENGTH:
            assert any(n.param == name and n.reason == "link_too_long" for n in notices)
