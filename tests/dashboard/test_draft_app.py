"""A draft decree on the page (Streamlit's AppTest): upload its text in the what-if area, see
the draft mark and the report, compare it with the version on screen, run it against the
example caseload; a bad decree gives one line and changes nothing."""

from __future__ import annotations

import re
from pathlib import Path

from full_page import full_page_app
from streamlit.testing.v1 import AppTest

from ui.draft_view import DRAFT_KEY
from wording import t

ROOT = Path(__file__).resolve().parents[2]
SEED = (ROOT / "policy" / "sources" / "wbv-2025-11-c7-23-mali.txt").read_text(encoding="utf-8")
# Ségou moves from the relatively higher level to the relatively lower one; a sentence no rule
# reads is added to C7/23.4.2.
DRAFT = SEED.replace(
    "de regio’s Ménaka en Ségou.\n",
    "de regio Ménaka.\n",
).replace(
    "de regio Koulikoro.\n",
    "de regio’s Koulikoro en Ségou.\nDe IND volgt de situatie in Kayes.\n",
)


def what_if_area() -> AppTest:
    app = full_page_app(120)
    app.run()
    app.radio(key="tools_choice").set_value("scenario").run()
    assert not app.exception, app.exception
    return app


def upload(app: AppTest, name: str, raw: bytes) -> None:
    app.file_uploader(key="draft_upload").set_value((name, raw, "text/plain")).run()
    assert not app.exception, app.exception


def shown(app: AppTest) -> str:
    parts = [
        str(e.value)
        for kind in ("markdown", "caption", "warning", "error", "info", "success")
        for e in getattr(app, kind)
    ]
    # as a reader sees it: the page escapes Markdown in what users give
    return re.sub(r"\\(.)", r"\1", "\n".join(parts))


def texts_of(values: list[str]) -> list[str]:
    return [re.sub(r"\\(.)", r"\1", value) for value in values]


def test_upload_compare_and_caseload() -> None:
    app = what_if_area()
    upload(app, "concept-wbv.txt", DRAFT.encode("utf-8"))
    loaded = app.session_state[DRAFT_KEY]
    assert loaded.version.region("ML-4").gradation.value == "relatively_lower"
    text = shown(app)
    lang = "nl" if t("draft.mark", "nl") in text else "en"
    draft_mark = t("draft.mark", lang)
    # the mark on every surface: the banner, the report, the comparison and its map, the caseload
    assert any(draft_mark in str(w.value) for w in app.warning)
    marked = [str(m.value) for m in app.markdown if draft_mark in str(m.value)]
    assert len(marked) == 4  # the report, the draft's map, the comparison, the caseload
    assert any(m.startswith(f"**{loaded.version.label(lang)}") for m in texts_of(marked))
    assert any(draft_mark in str(c.value) for c in app.caption)  # the change map's caption
    # the sentence no rule reads is shown with its line and paragraph
    assert "De IND volgt de situatie in Kayes." in text and "C7/23.4.2 Vc" in text
    # the comparison names the one region that changes
    tables = [frame.value for frame in app.dataframe]
    changes = tables[0]
    assert list(changes.iloc[:, 1]) == ["ML-4"]
    # the caseload: the example cases under the version on screen and under the draft
    app.button(key="draft_cases_example").click().run()
    assert not app.exception, app.exception
    totals = app.dataframe[1].value
    assert len(totals) and totals.iloc[:, 3].abs().sum() > 0
    assert any(
        col.endswith(f"({t('draft.mark', 'nl')})") or col.endswith(f"({t('draft.mark', 'en')})")
        for col in totals.columns
    )
    # the draft stays in this session only, and goes when removed
    app.button(key="draft_remove").click().run()
    assert DRAFT_KEY not in app.session_state


def test_a_decree_the_reader_refuses_is_one_line_and_changes_nothing() -> None:
    app = what_if_area()
    upload(app, "bad.txt", SEED.replace("Kidal", "Kidall").encode("utf-8"))
    assert DRAFT_KEY not in app.session_state
    errors = [str(e.value) for e in app.error]
    assert len(errors) == 1 and "Kidall" in errors[0] and "\n" not in errors[0]
    upload(app, "big.txt", b"a" * 300_000)
    assert DRAFT_KEY not in app.session_state
    assert len(app.error) == 1
    # In the page's language (the page is Dutch), naming the file.
    assert "big.txt" in str(app.error[0].value), app.error[0].value
    assert "een besluittekst is ten hoogste" in str(app.error[0].value), app.error[0].value
