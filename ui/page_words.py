"""Streamlit's own words on the page in the page's language, and two ARIA repairs.

Why: Streamlit writes some texts itself, in English only and with no option to set them ("Skip
to main content", "Link to heading", "Help for …", "Choose an option", the uploader's "Upload"
button and "50MB per file", which is also wrong for a scenario file, refused above 64 KiB).
Its file uploader also marks an element named by `aria-label` as `role="presentation"`, which
contradicts itself (axe-core: presentation-role-conflict).

A small script in the page (`st.html` with JavaScript, sent only once the page is complete, so
the first load does not wait for it) rewrites those texts and drops the contradicting role, now
and whenever Streamlit draws them again (a MutationObserver). The words come from the catalogue
(`page_use.streamlit.*`); the script only replaces Streamlit's known English strings.
"""

from __future__ import annotations

import json
from collections.abc import Mapping

from wording import Lang
from wording import t as wt

_SCRIPT = """<script>
(function () {
  var w = window.__pageWords = window.__pageWords || {};
  w.cfg = %s;
  if (w.observer) { w.apply(); return; }
  var setText = function (el, text) { if (el.textContent !== text) { el.textContent = text; } };
  var setAttr = function (el, name, value) {
    if (el.getAttribute(name) !== value) { el.setAttribute(name, value); }
  };
  w.apply = function () {
    var c = w.cfg, d = document;
    d.querySelectorAll("a[href='#stMain']").forEach(function (a) { setText(a, c.skip); });
    d.querySelectorAll("h1 a[href^='#'], h2 a[href^='#'], h3 a[href^='#'], h4 a[href^='#']")
      .forEach(function (a) { setAttr(a, "aria-label", c.headingLink); });
    d.querySelectorAll("[aria-label^='Help for ']").forEach(function (el) {
      setAttr(el, "aria-label", c.helpFor.replace("{label}",
        el.getAttribute("aria-label").slice(9)));
    });
    d.querySelectorAll("input[placeholder='Choose an option']").forEach(function (el) {
      setAttr(el, "placeholder", c.chooseOption);
    });
    d.querySelectorAll("[data-testid='stSidebarCollapseButton'] button").forEach(function (b) {
      setAttr(b, "aria-label", c.collapseSidebar);
    });
    d.querySelectorAll("[data-testid='stExpandSidebarButton']").forEach(function (b) {
      setAttr(b, "aria-label", c.expandSidebar);
    });
    d.querySelectorAll("[role='presentation'][aria-label], [role='presentation'][tabindex]")
      .forEach(function (el) { el.removeAttribute("role"); });
    d.querySelectorAll("[data-testid='stFileUploaderDropzone']").forEach(function (zone) {
      var limit = c.limits[zone.getAttribute("aria-label")];
      zone.querySelectorAll("[data-testid='stFileUploaderDropzoneInstructions'] span")
        .forEach(function (el) {
          var match = /^(\\S+) per file/.exec(el.textContent);
          if (match) {
            setText(el, el.textContent.replace(match[0],
              c.limit.replace("{limit}", limit || match[1])));
          }
        });
      zone.querySelectorAll("button p").forEach(function (el) {
        if (el.textContent === "Upload") { setText(el, c.browse); }
      });
    });
  };
  w.observer = new MutationObserver(function () { w.apply(); });
  w.observer.observe(document.body, {childList: true, subtree: true});
  w.apply();
})();
</script>"""


def page_words_html(lang: Lang, upload_limits: Mapping[str, str]) -> str:
    """The script for `lang`; `upload_limits`: an uploader's label → its real size limit."""
    cfg = {
        "skip": wt("page_use.streamlit.skip", lang),
        "headingLink": wt("page_use.streamlit.heading_link", lang),
        "helpFor": wt("page_use.streamlit.help_for", lang, label="{label}"),
        "chooseOption": wt("page_use.streamlit.choose_option", lang),
        "collapseSidebar": wt("page_use.streamlit.collapse_sidebar", lang),
        "expandSidebar": wt("page_use.streamlit.expand_sidebar", lang),
        "browse": wt("page_use.streamlit.browse", lang),
        "limit": wt("page_use.streamlit.limit", lang, limit="{limit}"),
        "limits": dict(upload_limits),
    }
    text = json.dumps(cfg, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return _SCRIPT % text
