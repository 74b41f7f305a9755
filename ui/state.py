"""The page's one state: language, policy version, selected region, what the applicant named,
and the case's facts.

Why one module: when every widget kept its own copy of "the region" and "the case", the details
panel, the form and the memo drifted apart (a region found by name stayed in the case after a
choice from the list; a second search showed the first one's results). Here the state is one
frozen `PageState` in the session; widgets only *show* it (their keys are written from it before
they are drawn) and *change* it through the functions below, so every view reads the same case.

The link is the state: `to_link` writes it as query parameters and `from_link` reads it back,
ignoring (with a notice) any value that is not valid, so a shared or reloaded link restores the
view and the case and a hostile link can do nothing but be ignored.

The pure part (`PageState`, `to_link`, `from_link`) needs no Streamlit and is tested on its own;
the session part (`current`, `select_region`, …) is a thin layer over `st.session_state`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, Final

from policy import Case, IndividualElements, NamedOrigin
from policy.case import BOOLEAN_FACTS, FACT_NAMES, FALSE_WORDS, TRUE_WORDS
from policy.scenario import MAX_LINK_CHARS, Scenario, ScenarioError
from policy.texts import LANGUAGES, Lang

DEFAULT_LANG: Final[Lang] = "nl"

# Query parameters of a link (docs/user-guide.md, "Link to a view").
PARAM_LANG: Final = "lang"
PARAM_VERSION: Final = "version"
PARAM_REGION: Final = "region"
PARAM_NAMED: Final = "named"
PARAM_PLACE: Final = "place"
PARAM_SCENARIO: Final = "scenario"
LINK_PARAMS: Final[tuple[str, ...]] = (
    PARAM_LANG,
    PARAM_VERSION,
    PARAM_REGION,
    PARAM_NAMED,
    PARAM_PLACE,
    PARAM_SCENARIO,
    *FACT_NAMES,
)
# A value longer than this is not something the page writes: it is ignored, not echoed.
MAX_PARAM_LENGTH: Final = 120
_TRUE: Final = TRUE_WORDS  # the one vocabulary, as in a caseload CSV
_FALSE: Final = FALSE_WORDS

# What a name the applicant gave turned out to be (ui.texts has the words in both languages).
NAMED_KINDS: Final[tuple[str, ...]] = (
    "region",
    "region_2023",
    "capital",
    "regional_capital",
    "cercle_capital",
    "town",
    "village",
)


@dataclass(frozen=True)
class Named:
    """What the applicant named and how it resolved: the text as given, what it is (a region, a
    2023 region, or a place of some class with its cercle), and the 2016 region it lies in.

    `case_region` is what the Case gets as its region: the 2023 name for a 2023 region (so the
    Decision shows the mapping and its flag), else the ISO code.
    """

    text: str
    kind: str
    region: str
    region_name: str
    place: str | None = None
    place_pcode: str | None = None
    cercle: str | None = None
    cercle_pcode: str | None = None
    mapped_from: str | None = None
    drawn_in: str | None = None
    """For a place in an area split off after 2015 (Taoudénit): the region the map draws it in."""
    note: str | None = None
    """geodata's explanation (English) of how such a place was resolved."""
    note_nl: str | None = None
    """The same explanation in Dutch."""

    @property
    def case_region(self) -> str:
        return self.mapped_from or self.region

    def origin(self) -> NamedOrigin:
        """What the applicant named, as the Decision carries it (memo and JSON)."""
        if self.place is not None:
            return NamedOrigin(
                text=self.place,
                kind="place",
                region_code=self.region,
                cercle_pcode=self.cercle_pcode,
                cercle_name=self.cercle,
                note=self.note,
                note_nl=self.note_nl,
            )
        return NamedOrigin(text=self.text, kind="region", region_code=self.region)


@dataclass(frozen=True)
class Facts:
    """The case's facts as the form asks them (the fields of `policy.Case` besides the region)."""

    persecution: bool = False
    individual_harm: bool = False
    individual_elements: str = IndividualElements.none.value
    ipa_obstacles: bool = False
    exclusion_indications: bool = False


@dataclass(frozen=True)
class PageState:
    """Everything the page shows a case from; `version` is a version file stem.

    `scenario` is the session's what-if scenario (None: the page shows the law). While it is
    set, `version` is the stem of the scenario's base, and every view shows the scenario applied
    to it. It lives in this session only (never on disk); a short one travels in the link.
    """

    lang: Lang = DEFAULT_LANG
    version: str = ""
    region: str | None = None
    named: Named | None = None
    facts: Facts = field(default_factory=Facts)
    scenario: Scenario | None = None


@dataclass(frozen=True)
class LinkNotice:
    """A link value that was ignored: the parameter, its value (shortened) and why."""

    param: str
    value: str
    reason: str  # a key of ui.texts: link_bad_value, link_too_long, link_named_unresolved,
    # link_bad_scenario (its `value` is then the scenario's one-line message)


# --- transitions (pure) --------------------------------------------------------------------


def choose_region(state: PageState, code: str | None) -> PageState:
    """A region chosen from a list or on the map: it replaces any earlier name lookup."""
    return replace(state, region=code, named=None)


def use_named(state: PageState, named: Named) -> PageState:
    """A name the applicant gave, resolved: selects its region and keeps what was said."""
    return replace(state, region=named.region, named=named)


def set_fact(state: PageState, name: str, value: Any) -> PageState:
    if name not in FACT_NAMES:
        raise KeyError(name)
    return replace(state, facts=replace(state.facts, **{name: value}))


def set_scenario(state: PageState, scenario: Scenario | None, base_stem: str) -> PageState:
    """A scenario put on (its base's stem becomes the version) or taken off (None)."""
    return replace(state, scenario=scenario, version=base_stem)


def new_case(state: PageState) -> PageState:
    """A new case: no region, no name, no facts; language and version stay."""
    return replace(state, region=None, named=None, facts=Facts())


def case_of(state: PageState) -> Case | None:
    """The Case the page evaluates, or None while no region is chosen.

    A name the applicant gave stays in the case: a 2023 region is given by its name, so the
    Decision shows how it was mapped.
    """
    if state.region is None:
        return None
    facts = state.facts
    named = state.named
    return Case(
        region=named.case_region if named is not None else state.region,
        origin=named.origin() if named is not None else None,
        persecution=facts.persecution,
        individual_harm=facts.individual_harm,
        individual_elements=IndividualElements(facts.individual_elements),
        ipa_obstacles=facts.ipa_obstacles,
        exclusion_indications=facts.exclusion_indications,
    )


# --- the link ------------------------------------------------------------------------------


def to_link(state: PageState, default_version: str | None = None) -> dict[str, str]:
    """The state as query parameters, leaving out what opening the page gives anyway: the
    default language, the `default_version` (when given), no region, no name, facts unset.

    The address bar and the "copy link" form pass no default: they name the language and the
    version explicitly, so the address means the same view after a new version comes into
    force, and Back and Forward (which restore what an address names) never lose the version.
    """
    params: dict[str, str] = {}
    if state.lang != DEFAULT_LANG or default_version is None:
        params[PARAM_LANG] = state.lang
    if state.version != default_version:
        params[PARAM_VERSION] = state.version
    if state.region:
        params[PARAM_REGION] = state.region
    if state.named is not None:
        params[PARAM_NAMED] = state.named.text
        if state.named.place_pcode:
            params[PARAM_PLACE] = state.named.place_pcode
    facts = state.facts
    for name in BOOLEAN_FACTS:
        if getattr(facts, name):
            params[name] = "1"
    if facts.individual_elements != IndividualElements.none.value:
        params["individual_elements"] = facts.individual_elements
    if state.scenario is not None:
        try:
            params[PARAM_SCENARIO] = state.scenario.to_link()
        except ScenarioError:
            pass  # too long for a link: the page says to share the file instead
    return params


def _single(value: str | Sequence[str]) -> str:
    """The last value of a repeated parameter (as Streamlit reads it), as text."""
    if isinstance(value, str):
        return value
    values = list(value)
    return str(values[-1]) if values else ""


def from_link(
    params: Mapping[str, str | Sequence[str]],
    *,
    versions: Sequence[str],
    default_version: str,
    regions: Callable[[str], Mapping[str, str]],
    resolve_named: Callable[[str, str | None, str, Lang], Named | None],
    stem_of: Callable[[str], str | None] | None = None,
) -> tuple[PageState, list[LinkNotice]]:
    """The state a link describes, and a notice for every value that was ignored.

    `regions(version)` gives the version's ISO codes and names; `resolve_named(text, place_pcode,
    version, lang)` looks a name up again (None when it no longer resolves). Unknown parameter
    names are left alone (Streamlit and browsers add their own); a bad value is never an error.
    `stem_of(version_id)` gives the version file stem of a scenario's base (None: not shipped);
    a valid scenario in the link decides the version.
    """
    notices: list[LinkNotice] = []
    values: dict[str, str] = {}
    for name in LINK_PARAMS:
        if name not in params:
            continue
        value = _single(params[name])
        limit = MAX_LINK_CHARS if name == PARAM_SCENARIO else MAX_PARAM_LENGTH
        if len(value) > limit:
            notices.append(LinkNotice(name, value, "link_too_long"))
            continue
        values[name] = value

    def bad(name: str) -> None:
        notices.append(LinkNotice(name, values[name], "link_bad_value"))

    lang: Lang = DEFAULT_LANG
    if PARAM_LANG in values:
        if values[PARAM_LANG] in LANGUAGES:
            lang = values[PARAM_LANG]
        else:
            bad(PARAM_LANG)
    version = default_version
    if PARAM_VERSION in values:
        if values[PARAM_VERSION] in versions:
            version = values[PARAM_VERSION]
        else:
            bad(PARAM_VERSION)
    scenario = None
    if PARAM_SCENARIO in values and stem_of is not None:
        try:
            scenario = Scenario.from_link(values[PARAM_SCENARIO])
        except ScenarioError as error:
            notices.append(LinkNotice(PARAM_SCENARIO, error.message(lang), "link_bad_scenario"))
        else:
            base_stem = stem_of(scenario.base)
            if base_stem is None or base_stem not in versions:
                notices.append(LinkNotice(PARAM_SCENARIO, scenario.base, "link_bad_scenario"))
                scenario = None
            else:
                version = base_stem
    known = regions(version)
    region = None
    if PARAM_REGION in values:
        if values[PARAM_REGION] in known:
            region = values[PARAM_REGION]
        else:
            bad(PARAM_REGION)
    named = None
    if PARAM_NAMED in values:
        named = resolve_named(values[PARAM_NAMED], values.get(PARAM_PLACE), version, lang)
        if named is None:
            notices.append(LinkNotice(PARAM_NAMED, values[PARAM_NAMED], "link_named_unresolved"))
        elif region is not None and region != named.region:
            # The name decides: it is what the applicant said.
            bad(PARAM_REGION)
    elif PARAM_PLACE in values:
        bad(PARAM_PLACE)
    facts = Facts()
    for name in BOOLEAN_FACTS:
        if name not in values:
            continue
        text = values[name].strip().casefold()
        if text in _TRUE or text in _FALSE:
            answer: dict[str, Any] = {name: text in _TRUE}
            facts = replace(facts, **answer)
        else:
            bad(name)
    if "individual_elements" in values:
        text = values["individual_elements"].strip().casefold()
        if text in IndividualElements.__members__:
            facts = replace(facts, individual_elements=text)
        else:
            bad("individual_elements")
    state = PageState(lang=lang, version=version, region=region, facts=facts, scenario=scenario)
    if named is not None:
        state = use_named(state, named)
    return state, notices


# --- the session ---------------------------------------------------------------------------
# Imported late so that the pure part above can be used (and tested) without a running page.

STATE_KEY: Final = "page_state"
NOTICES_KEY: Final = "page_link_notices"
LINK_STATE_KEY: Final = "page_link_state"


def _session() -> Any:
    import streamlit as st

    return st.session_state


def current() -> PageState:
    """The session's state (call `start` first in a run)."""
    return _session()[STATE_KEY]


def started() -> bool:
    return STATE_KEY in _session()


def start(state: PageState, notices: Sequence[LinkNotice] = ()) -> None:
    """Set the session's state once, from the link the page was opened with."""
    session = _session()
    session[STATE_KEY] = state
    session[LINK_STATE_KEY] = state
    session[NOTICES_KEY] = tuple(notices)


def link_notices() -> tuple[LinkNotice, ...]:
    """The notices about the opening link, while the page still shows what the link gave."""
    session = _session()
    if session.get(LINK_STATE_KEY) != session.get(STATE_KEY):
        return ()
    return session.get(NOTICES_KEY, ())


def update(state: PageState) -> None:
    _session()[STATE_KEY] = state


def select_region(code: str | None) -> None:
    """A region chosen on the map or from a list: selected everywhere, earlier name cleared."""
    update(choose_region(current(), code))


def select_named(named: Named) -> None:
    """A name the applicant gave, resolved: its region selected everywhere."""
    update(use_named(current(), named))


def change_fact(name: str, value: Any) -> None:
    update(set_fact(current(), name, value))


def put_scenario(scenario: Scenario | None, base_stem: str) -> None:
    """The session's scenario set (or ended): every view shows it from this run on."""
    update(set_scenario(current(), scenario, base_stem))


def start_new_case() -> None:
    update(new_case(current()))


def show_in_widget(key: str, value: Any) -> None:
    """Write the state's value into a widget's key before the widget is drawn, so that every
    widget shows the one state (Streamlit allows this before the widget exists in a run)."""
    _session()[key] = value
