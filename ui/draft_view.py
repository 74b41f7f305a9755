"""A draft decree on the page: upload its text, see what was not read, compare it with the
version on screen and run it against a caseload — always marked as a draft.

Why in the session and nowhere else: a draft is not the law. It is read once when the file
arrives (`policy.draft_version.read_draft`, the same reader as `python -m policy
draft-version`), kept in this session only (`st.session_state`), and every surface that shows
it (the mark, the report, the change map, the table, the caseload) says "Concept, niet het
geldende beleid" from the one catalogue. A decree the reader refuses shows one line and changes
nothing.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from typing import Any, Final

import streamlit as st

from policy import PolicyError, PolicyVersion, outcome_label
from policy.decree_text import MAX_DECREE_BYTES
from policy.draft_version import Draft, read_draft
from ui.errors import safe_callback
from ui.texts import Lang
from wording import t
from wording.escape import markdown

DRAFT_KEY: Final = "draft_decree"
UPLOAD_KEY: Final = "draft_upload"
MESSAGE_KEY: Final = "draft_message"
CASES_UPLOAD_KEY: Final = "draft_cases_upload"
CASES_KEY: Final = "draft_cases"
REMOVE_KEY: Final = "draft_remove"
EXAMPLE_KEY: Final = "draft_cases_example"
RESULT_KEY: Final = "draft_cases_result"


@dataclass(frozen=True)
class LoadedDraft:
    """A draft read from an uploaded decree: the file's name, the report, the version."""

    name: str
    draft: Draft
    version: PolicyVersion


def mark(lang: Lang) -> str:
    """The draft mark every surface that shows the draft carries."""
    return t("draft.mark", lang)


def load(raw: bytes, name: str) -> LoadedDraft:
    """The draft of an uploaded decree; PolicyError (one line) when it cannot be read."""
    if len(raw) > MAX_DECREE_BYTES:
        raise PolicyError(
            t(
                "draft.cli.too_large",
                "en",
                file=name,
                size=f"> {MAX_DECREE_BYTES:,}",
                limit=f"{MAX_DECREE_BYTES:,}",
            )
        ).keyed(
            "draft.cli.too_large",
            file=name,
            size=f"> {MAX_DECREE_BYTES:,}",
            limit=f"{MAX_DECREE_BYTES:,}",
        )
    draft, version = read_draft(raw, name)
    return LoadedDraft(name, draft, version)


def _say(kind: str, text: str) -> None:
    st.session_state[MESSAGE_KEY] = (kind, text)


@safe_callback
def _uploaded(lang: Lang) -> None:
    upload = st.session_state.get(UPLOAD_KEY)
    if upload is None:
        return
    name = upload.name or "decree.txt"
    try:
        # One byte past the limit is enough to say the file is too large.
        loaded = load(upload.read(MAX_DECREE_BYTES + 1), name)
    except PolicyError as error:
        message = markdown(_first_line(error, lang))
        _say("error", t("draft.page.not_loaded", lang, message=message))
        return
    st.session_state[DRAFT_KEY] = loaded
    st.session_state.pop(RESULT_KEY, None)
    _say(
        "success",
        t("draft.page.loaded", lang, version=markdown(loaded.version.id), file=markdown(name)),
    )


def _first_line(error: PolicyError, lang: Lang) -> str:
    """The error in the page's language where it has a catalogue key, else its first line."""
    if error.key is not None:
        return error.message(lang)
    lines = getattr(error, "lines", None) or getattr(error, "problems", None) or [str(error)]
    more = f" (+{len(lines) - 1})" if len(lines) > 1 else ""
    return " ".join(str(lines[0]).split()) + more


@safe_callback
def _remove() -> None:
    for key in (DRAFT_KEY, CASES_KEY, RESULT_KEY):
        st.session_state.pop(key, None)


@safe_callback
def _cases_uploaded() -> None:
    upload = st.session_state.get(CASES_UPLOAD_KEY)
    if upload is not None:
        _set_cases(upload.name or "cases.csv", upload.getvalue())


@safe_callback
def _use_example() -> None:
    from ui.caseload_view import EXAMPLE_NAME, example_bytes

    _set_cases(EXAMPLE_NAME, example_bytes())


def _set_cases(name: str, raw: bytes) -> None:
    """The session's cases, with a token that tells one loaded file from the next."""
    token = st.session_state.get(CASES_KEY, ("", b"", 0))[2] + 1
    st.session_state[CASES_KEY] = (name, raw, token)


def render_draft(base: PolicyVersion, lang: Lang, base_name: str) -> None:
    """The draft section of the what-if area; `base` is the version the page shows."""
    loaded: LoadedDraft | None = st.session_state.get(DRAFT_KEY)
    with st.expander(t("draft.page.section", lang), expanded=loaded is not None):
        st.caption(t("draft.page.intro", lang))
        message = st.session_state.pop(MESSAGE_KEY, None)
        if message is not None:
            kind, text = message
            {"error": st.error, "success": st.success}[kind](text)
        st.file_uploader(
            t("draft.page.upload", lang),
            type=["txt"],
            key=UPLOAD_KEY,
            on_change=_uploaded,
            args=(lang,),
            help=t("draft.page.upload_help", lang, limit=MAX_DECREE_BYTES // 1000),
        )
        if loaded is None:
            return
        version = loaded.version
        st.warning(
            t(
                "draft.mark_long",
                lang,
                version=markdown(version.id),
                file=markdown(loaded.name),
                current=markdown(base_name),
            ),
            icon="⚠️",
        )
        _render_report(loaded.draft, lang)
        _render_policy_map(version, lang)
        _render_compare(base, version, lang, base_name)
        _render_caseload(base, version, lang, base_name)
        st.button(t("draft.page.remove", lang), on_click=_remove, key=REMOVE_KEY)


def _render_report(draft: Draft, lang: Lang) -> None:
    st.markdown(f"**{t('draft.report.title', lang)}** ({mark(lang)})")
    if not draft.unread and not draft.not_modelled:
        st.caption(t("draft.report.nothing", lang))
    if draft.unread:
        lines = [
            t("draft.report.line", lang, line=u.line, paragraph=u.paragraph, text=markdown(u.text))
            for u in draft.unread
        ]
        st.error(f"**{t('draft.report.unread', lang)}**\n\n" + _bullets(lines))
    if draft.not_modelled:
        lines = [
            t("draft.report.item", lang, paragraph=n.paragraph, text=markdown(n.text))
            for n in draft.not_modelled
        ]
        st.info(f"**{t('draft.report.not_modelled', lang)}**\n\n" + _bullets(lines))
    with st.expander(t("draft.report.carried_over", lang, base=markdown(draft.base_id))):
        st.markdown(
            _bullets(
                [
                    t("draft.report.carried_item", lang, field=markdown(c.field), source=c.source)
                    for c in draft.carried_over
                ]
            )
        )


def _bullets(lines: list[str]) -> str:
    return "\n".join(f"- {line}" for line in lines)


def _leaflet_url() -> str:
    from ui.assets import leaflet_url

    return leaflet_url(st.get_option("server.baseUrlPath") or "")


def policy_map(draft: PolicyVersion, lang: Lang) -> Any:
    """The draft's map: each unit filled by its gradation, outlined by its IPA role, as the
    page's own map draws a version (same palette and legend); Leaflet from the app, no tiles."""
    import folium

    from geodata.map_render import MALI_BOUNDS
    from geodata.palette import GRADATION_COLOURS, IPA_ROLE_OUTLINES, OUTLINE_COLOUR
    from geodata.policy_layer import policy_map_layer

    layer = policy_map_layer(draft, lang)
    features = []
    for feature in layer.features["features"]:
        p = feature["properties"]
        tip = f"{draft.region(p['code']).name}: {p['gradation_label']}; {p['ipa_label']}"
        properties = {**p, "tip": html.escape(f"{tip} ({mark(lang)})")}
        features.append({**feature, "properties": properties})
    fmap = folium.Map(location=[17.5, -4.0], zoom_start=5, tiles=None, zoom_snap=0.25)
    url = _leaflet_url()
    fmap.default_js = [("leaflet", f"{url}/leaflet.js")]
    fmap.default_css = [("leaflet_css", f"{url}/leaflet.css")]
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name="draft",
        style_function=lambda feature: {
            "fillColor": GRADATION_COLOURS[feature["properties"]["gradation"]],
            "fillOpacity": 0.9,
            "color": OUTLINE_COLOUR,
            "weight": 1,
            **IPA_ROLE_OUTLINES[feature["properties"]["ipa_role"]],
            "className": f"draft-unit unit-{feature['properties']['code']}",
        },
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
    ).add_to(fmap)
    fmap.fit_bounds(MALI_BOUNDS)
    return fmap


def _render_policy_map(draft: PolicyVersion, lang: Lang) -> None:
    from streamlit_folium import st_folium

    from ui.legend import legend_html

    st.markdown(f"**{markdown(draft.label(lang))}**")
    map_column, legend_column = st.columns([3, 2])
    with map_column:
        st_folium(
            policy_map(draft, lang),
            height=380,
            returned_objects=[],
            key=f"draft_policy_map_{lang}",
        )
        from geodata.policy_layer import policy_map_layer
        from ui.texts import t as page_t

        for unit in policy_map_layer(draft, lang).undrawn:
            st.caption(
                f"**{markdown(unit.name)}** ({unit.code}): {unit.gradation_label}; "
                f"{page_t('tooltip_ipa', lang)}: {unit.ipa_label}. "
                f"{page_t('undrawn_reason', lang)}"
            )
    with legend_column:
        gradations = {region.gradation.value for region in draft.regions}
        roles = {draft.ipa_role(region.code).value for region in draft.regions}
        st.markdown(legend_html(lang, gradations, roles), unsafe_allow_html=True)


def _render_compare(base: PolicyVersion, draft: PolicyVersion, lang: Lang, base_name: str) -> None:
    from streamlit_folium import st_folium

    from ui.compare_view import change_features, changes_frame, compare_map, legend_html

    st.markdown(
        f"**{t('draft.page.compare_heading', lang, base=markdown(base_name))}** ({mark(lang)})"
    )
    frame = changes_frame(base, draft, lang)
    regions = list(dict.fromkeys(frame.iloc[:, 0])) if len(frame) else []
    if not regions:
        st.info(t("draft.page.compare_none", lang, base=markdown(base_name)))
    else:
        st.markdown(
            t("draft.page.compare_summary", lang, count=len(regions), regions=", ".join(regions))
        )
    features, classes = change_features(base, draft, lang)
    map_column, legend_column = st.columns([3, 2])
    with map_column:
        st_folium(
            compare_map(features, _leaflet_url()),
            height=380,
            returned_objects=[],
            key=f"draft_compare_map_{lang}",
        )
        st.caption(
            t("draft.page.map_caption", lang, base=markdown(base_name), version=markdown(draft.id))
        )
    with legend_column:
        st.markdown(legend_html(set(classes.values()), lang), unsafe_allow_html=True)
    st.dataframe(frame, hide_index=True, width="stretch")


def _render_caseload(base: PolicyVersion, draft: PolicyVersion, lang: Lang, base_name: str) -> None:
    from policy.case_csv import MAX_UPLOAD_BYTES, read_cases
    from policy.caseload import compare

    st.markdown(
        f"**{t('draft.page.caseload_heading', lang, base=markdown(base_name))}** ({mark(lang)})"
    )
    left, right = st.columns([3, 2], vertical_alignment="bottom")
    left.file_uploader(
        t("draft.page.caseload_upload", lang),
        type=["csv", "txt"],
        key=CASES_UPLOAD_KEY,
        on_change=_cases_uploaded,
    )
    right.button(t("draft.page.caseload_example", lang), on_click=_use_example, key=EXAMPLE_KEY)
    cases = st.session_state.get(CASES_KEY)
    if cases is None:
        return
    name, raw, token = cases
    # evaluated once per file, version on screen and draft; a rerun shows the kept result
    key = (token, base.id, base.modified, id(draft))
    kept = st.session_state.get(RESULT_KEY)
    if kept is not None and kept[0] == key:
        result = kept[1]
    else:
        try:
            frame = read_cases(raw, name, max_bytes=MAX_UPLOAD_BYTES, version=base)
            result = compare(frame, base, draft, source=name)
        except PolicyError as error:
            message = markdown(_first_line(error, lang))
            st.error(t("draft.page.caseload_error", lang, message=message))
            return
        st.session_state[RESULT_KEY] = (key, result)
    st.markdown(
        t("draft.page.caseload_changed", lang, changed=len(result.changed), total=result.total)
    )
    totals = result.outcome_totals()
    draft_column = f"{t('draft.page.col_draft', lang, version=draft.id)} ({mark(lang)})"
    table: list[dict[str, Any]] = [
        {
            t("draft.page.col_outcome", lang): outcome_label(row["outcome"], lang),
            base_name: int(row["base"]),
            draft_column: int(row["other"]),
            t("draft.page.col_difference", lang): int(row["difference"]),
        }
        for row in totals.to_dict("records")
    ]
    st.dataframe(table, hide_index=True, width="stretch")
    if len(result.changed):
        st.dataframe(result.changed, hide_index=True, width="stretch")
