"""Random and hostile page links: the page reads what it can and ignores the rest with a short,
one-line notice; nothing a link carries can raise an exception or stop the page.

The parser (`ui.state.from_link`) gets many examples with the real versions and the real name
lookup; the page itself (AppTest with the same kind of query parameters) gets a few, since each
run starts the whole script.
"""

from __future__ import annotations

from full_page import full_page_app
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from geodata.errors import shortened
from policy import list_versions, versions_io
from ui import state
from ui.search import resolve_named
from ui.texts import t
from wording.escape import markdown

NOTICE_REASONS = {"link_bad_value", "link_too_long", "link_named_unresolved"}
HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(2)>",
    "javascript:alert(3)",
    "ML-9\nML-1",
    "\r\n",
    "\u2028x\u2029",
    "\x00",
    "'; DROP TABLE cases; --",
    '=HYPERLINK("http://example.org")',
    ":red[alarm] **bold** $x$",
    "ML-" + "9" * 500,
    "é" * 121,
    "%00%0a",
    "../../etc/passwd",
    "",
    " ",
]

texts = st.one_of(st.sampled_from(HOSTILE), st.text(max_size=300))
known_values = st.sampled_from(
    [
        "nl",
        "en",
        "fr",
        "wbv-2025-11",
        "c7-23-before-wbv-2025-11",
        "ML-9",
        "ML-BKO",
        "ML-10",
        "Gao",
        "Bandiagara",
        "Bamako",
        "Kati",
        "1",
        "0",
        "ja",
        "nee",
        "limited",
        "substantial",
        "none",
        "MLI",
    ]
)
values = st.one_of(texts, known_values)
names = st.one_of(st.sampled_from(state.LINK_PARAMS), st.text(max_size=20))
links = st.dictionaries(names, st.one_of(values, st.lists(values, max_size=3)), max_size=12)


def _versions():
    stems = versions_io._shipped_stems()
    return dict(zip(stems, list_versions(), strict=True))


VERSIONS = _versions()
IN_FORCE = versions_io._shipped_stems()[-1]


def parse(params):
    return state.from_link(
        params,
        versions=list(VERSIONS),
        default_version=IN_FORCE,
        regions=lambda stem: {r.code: r.name for r in VERSIONS[stem].regions},
        resolve_named=lambda text, pcode, stem, lang: resolve_named(
            text, pcode, VERSIONS[stem], lang
        ),
    )


def notice_line(notice: state.LinkNotice, lang: str) -> str:
    """The notice as the page words it (dashboard.notice_text)."""
    return t(
        notice.reason,
        lang,
        param=markdown(notice.param),
        value=markdown(shortened(notice.value, 40)),
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(links)
def test_any_link_gives_a_valid_state_and_one_line_notices(params) -> None:
    page_state, notices = parse(params)
    assert page_state.lang in state.LANGUAGES
    assert page_state.version in VERSIONS
    if page_state.region is not None:
        assert page_state.region in {r.code for r in VERSIONS[page_state.version].regions}
    # the state writes a link that reads back to itself, without notices
    again, again_notices = parse(state.to_link(page_state))
    assert again == page_state and again_notices == []
    for notice in notices:
        assert notice.reason in NOTICE_REASONS
        assert notice.param in state.LINK_PARAMS
        for lang in state.LANGUAGES:
            line = notice_line(notice, lang)
            assert len(line.splitlines()) == 1, line
            assert len(line) < 400, line


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from(state.LINK_PARAMS), st.one_of(st.sampled_from(HOSTILE), values), max_size=6
    )
)
@example(
    {
        "lang": "<script>alert(1)</script>",
        "region": "<img src=x onerror=alert(2)>",
        "named": "javascript:alert(3)\nML-9",
        "persecution": "ML-" + "9" * 500,
    }
)
def test_the_page_shows_a_hostile_link_as_short_notices_only(params) -> None:
    app = full_page_app(120, **params)
    app.run()
    assert not app.exception, app.exception
    assert not app.error, [e.value for e in app.error]
    _, expected = parse(params)
    lang = app.session_state[state.STATE_KEY].lang
    shown = [info.value for info in app.info if info.value != t("hint_choose_region", lang)]
    # Every notice of the parser is shown (the page adds its own for a scenario in the link).
    for line in (notice_line(n, lang) for n in expected):
        assert line in shown
    for line in shown:
        assert len(line.splitlines()) == 1, line
        assert len(line) < 400, line
