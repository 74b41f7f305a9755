"""Places with the same name, on the page (AppTest): every match offered, counted and grouped;
no silent pick between regions with different outcomes; a filter by region or cercle; Enter
applies a name that is one exact match; a long paste is shortened with a notice."""

from __future__ import annotations

from full_page import fresh_app, run
from streamlit.testing.v1 import AppTest

import geodata
from policy import load_version
from ui.search import lookup
from ui.state import STATE_KEY, PageState
from wording import t as wt


def page_state(app: AppTest) -> PageState:
    return app.session_state[STATE_KEY]


def type_and_enter(app: AppTest, text: str) -> AppTest:
    app.text_input(key="place_query").input(text)
    return run(app)


def sidebar_text(app: AppTest) -> str:
    parts = [c.value for c in app.sidebar.caption]
    for kind in ("info", "warning"):
        parts += [e.value for e in getattr(app.sidebar, kind)]
    return "\n".join(parts)


def test_lookup_offers_every_madina_with_labels_that_differ() -> None:
    version = load_version(None)
    found = lookup("Madina", version, "nl")
    exact_places = [p for p in geodata.locate("Madina") if p.score == 100]
    assert len(found.exact) == len(exact_places) == 49
    assert len(found.candidates) == len(geodata.locate("Madina"))
    labels = [c.label for c in found.candidates]
    assert len(set(labels)) == len(labels)
    assert all("commune ML" in label and "cercle " in label for label in labels)
    assert all(c.label.startswith("≈") for c in found.candidates if not c.exact)
    # Grouped: the exact matches come first, each region's places together.
    regions = [c.named.region_code for c in found.exact]
    assert regions == sorted(regions, key=lambda code: regions.index(code))
    assert len({code for code in regions}) == 6


def test_madina_is_never_preselected_and_can_be_filtered() -> None:
    app = fresh_app()
    type_and_enter(app, "Madina")
    assert page_state(app).region is None
    choice = app.selectbox(key="place_choice")
    assert choice.value is None and len(choice.options) == 84
    text = sidebar_text(app)
    assert "49 plaatsen heten precies “Madina”" in text
    assert "Kayes 30, Koulikoro 7, Mopti 7, Tombouctou 3, Sikasso 1, Ségou 1" in text
    assert wt("page_use.search.outcomes_differ", "nl") in text
    button = next(b for b in app.sidebar.button if b.label.startswith("Gebruik"))
    assert button.disabled

    region_filter = app.selectbox(key="place_filter")
    region_filter.set_value("region:ML-5")
    run(app)
    options = app.selectbox(key="place_choice").options
    assert options and all("regio Mopti" in label for label in options)
    mopti = next(i for i, label in enumerate(options) if label.startswith("Madina"))
    app.selectbox(key="place_choice").select_index(mopti)
    run(app)
    current = page_state(app)
    assert current.region == "ML-5" and current.named is not None
    assert current.named.place == "Madina"


def test_douentza_offers_the_town_first_and_says_it_is_also_a_2023_region() -> None:
    app = fresh_app(lang="en")
    type_and_enter(app, "Douentza")
    choice = app.selectbox(key="place_choice")
    assert choice.options[0].startswith("Douentza — cercle capital")
    assert choice.value == "place:ML050600000" or choice.index == 0
    assert "also the name of a region of the 2023 reform" in sidebar_text(app)
    next(b for b in app.sidebar.button if b.label == "Use this region").click()
    run(app)
    named = page_state(app).named
    assert named is not None and named.described_as == "cercle_capital"
    assert named.place == "Douentza"


def test_a_unique_exact_name_is_used_on_enter() -> None:
    app = fresh_app()
    type_and_enter(app, "Dogofry")
    current = page_state(app)
    found = lookup("Dogofry", load_version(None), "nl")
    assert found.unique is not None
    assert current.named is not None and current.region == found.unique.named.region_code
    assert app.text_input(key="place_query").value == ""


def test_a_long_paste_is_shortened_with_a_notice() -> None:
    app = fresh_app()
    pasted = "Madina " + "x" * 193
    assert len(pasted) == 200
    type_and_enter(app, pasted)
    assert len(app.text_input(key="place_query").value) == 100
    notices = [i.value for i in app.sidebar.info]
    assert wt("page_use.search.shortened", "nl", length=200, limit=100) in notices


def test_a_language_switch_keeps_the_tool_and_the_search() -> None:
    app = fresh_app()
    app.radio(key="tools_choice").set_value("compare")
    run(app)
    type_and_enter(app, "Madina")
    app.selectbox(key="place_filter").set_value("region:ML-5")
    run(app)
    app.radio(key="lang").set_value("en")
    run(app)
    assert app.radio(key="tools_choice").value == "compare"
    assert app.selectbox(key="place_filter").value == "region:ML-5"
    options = app.selectbox(key="place_choice").options
    assert options and all("region Mopti" in label for label in options)
    assert "49 places are named exactly “Madina”" in sidebar_text(app)


def _taoudeni_on_enter(lang: str) -> tuple[AppTest, list[str]]:
    app = fresh_app(lang=lang)
    type_and_enter(app, "Taoudeni")
    choice = app.selectbox(key="place_choice")
    return app, list(choice.options)


def test_taoudeni_lists_the_village_and_the_region_with_its_capital_in_dutch() -> None:
    app, options = _taoudeni_on_enter("nl")
    # Nothing applied on Enter, nothing pre-selected: the case worker chooses.
    assert page_state(app).region is None and page_state(app).named is None
    assert app.selectbox(key="place_choice").value is None
    assert any(label.startswith("Regio Taoudénit") for label in options)
    assert any(label.startswith("Taoudeni — dorp") and "Macina" in label for label in options)
    capital = next(label for label in options if "Taoudenni" in label)
    assert capital.startswith("≈ Taoudenni (vergelijkbare naam)")
    assert (
        "“Taoudeni” is de naam van een plaats (cercle Macina, regio Ségou), maar is ook gelijk "
        "aan of lijkt op de naam van de regio Taoudénit of haar hoofdstad Taoudenni"
    ) in sidebar_text(app)
    button = next(b for b in app.sidebar.button if b.label.startswith("Gebruik"))
    assert button.disabled


def test_taoudeni_lists_the_village_and_the_region_with_its_capital_in_english() -> None:
    app, options = _taoudeni_on_enter("en")
    assert page_state(app).region is None
    assert app.selectbox(key="place_choice").value is None
    assert (
        "“Taoudeni” is the name of a place (cercle Macina, region Ségou), but is also the same "
        "as or close to the name of the region Taoudénit or its capital Taoudenni"
    ) in sidebar_text(app)
    capital = next(i for i, label in enumerate(options) if "Taoudenni" in label)
    assert options[capital].startswith("≈ Taoudenni (similar name)")
    app.selectbox(key="place_choice").select_index(capital)
    run(app)
    named = page_state(app).named
    assert page_state(app).region == "ML-10"
    assert named is not None and named.place == "Taoudenni"


def test_a_village_named_close_to_a_region_is_not_used_on_enter() -> None:
    """Gato (a village in Kayes) is one exact match, but close to Gao: Enter does not apply it,
    and the region Gao is offered, marked as a similar name, not pre-selected."""
    found = lookup("Gato", load_version(None), "en")
    assert found.homonyms == ("ML-7",) and found.unique is None
    app = fresh_app(lang="en")
    type_and_enter(app, "Gato")
    assert page_state(app).region is None
    choice = app.selectbox(key="place_choice")
    assert choice.value is None
    assert "≈ Region Gao (ML-7) (similar name)" in choice.options
    assert "the region or the town Gao" in sidebar_text(app)


def test_a_similar_name_is_never_chosen_in_advance() -> None:
    found = lookup("Tombuktu", load_version(None), "nl")
    assert found.candidates and not found.exact
    app = fresh_app()
    type_and_enter(app, "Tombuktu")
    assert page_state(app).region is None
    choice = app.selectbox(key="place_choice")
    assert choice.value is None
    assert choice.options and all(label.startswith("≈") for label in choice.options)
