"""The page's "C7/23 in full" view: every sub-paragraph of the version shown
with its Dutch text, the English gloss and the steps that use it — the same data as
`python -m policy paragraphs` — and, for a version whose full text is not in the sources, one
line saying so instead of an error. A fresh app per test; several actions in a row.
"""

from __future__ import annotations

from full_page import full_page_app
from streamlit.testing.v1 import AppTest

from policy import load_paragraphs, load_version


def _open(app: AppTest) -> None:
    app.radio(key="tools_choice").set_value("paragraphs").run()
    assert not app.exception, app.exception


def _page_text(app: AppTest) -> str:
    parts = [str(element.value) for element in (*app.markdown, *app.caption, *app.info)]
    return "\n".join(parts)


def test_every_paragraph_its_text_gloss_and_rules_then_the_other_language() -> None:
    app = full_page_app(90, version="wbv-2025-11")
    app.run()
    _open(app)
    text = _page_text(app)
    paragraphs = load_paragraphs(load_version("wbv-2025-11"))
    assert len(paragraphs) == 16
    for paragraph in paragraphs:
        assert f"**{paragraph.paragraph}** — {paragraph.heading}" in text
        assert paragraph.gloss_en in text
        for rule in paragraph.used_by:
            assert f"`{rule}`" in text
    # "Geen bijzonderheden" paragraphs are shown too, e.g. 23.7 (no departure moratorium).
    assert "**C7/23.7 Vc**" in text and "Geen bijzonderheden" in text
    assert "Gebruikt door de stappen" in text
    # Switching the language keeps the view open and gives its words in English.
    app.radio(key="lang").set_value("en").run()
    assert not app.exception, app.exception
    text = _page_text(app)
    assert "Used by the steps" in text and "Gebruikt door de stappen" not in text
    assert "**C7/23.5.2 Vc**" in text


def test_a_version_without_its_full_text_says_so_in_one_line() -> None:
    app = full_page_app(90, version="c7-23-before-wbv-2025-11", lang="en")
    app.run()
    _open(app)
    notes = [str(element.value) for element in app.info]
    expected = "The full text of this version is not in our sources"
    assert any(note.startswith(expected) for note in notes)
    assert all("\n" not in note for note in notes)
