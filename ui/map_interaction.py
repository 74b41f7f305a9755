"""How the page's maps move: a map that stays put while the user scrolls the page.

Why: Leaflet zooms on every turn of the mouse wheel over the map, so an analyst scrolling down
the page zoomed Mali out to a speck. Here the wheel zooms only with Ctrl (⌘ on a Mac) held or
after a click into the map (until the pointer leaves it); otherwise it scrolls the page and a
short hint says how to zoom. The map cannot be zoomed out or panned far from Mali, and a
"reset view" button brings back the whole country.

Two parts: `MapInteraction`, a folium element rendered into the map's own script (once per
map, language-free), and `interaction_texts_script`, a few lines appended to the page map's
overlay that put the hint and button texts in the page's language and let the keyboard reach
and choose every region (Tab, then Enter or Space), each named.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence
from typing import Any

from branca.element import MacroElement
from jinja2 import Template

# Runs once, inside the map's frame, right after the map is made. `window.mapMove` keeps the
# texts so the overlay can change their language without rebuilding the map.
_INTERACTION_JS = """
(function (map) {
  var home = L.latLngBounds(%(bounds)s);
  var move = window.mapMove = window.mapMove || {};
  move.home = home;
  if (%(texts)s) { move.texts = %(texts)s; }
  map.scrollWheelZoom.disable();
  map.options.maxBoundsViscosity = 1.0;
  var fitted = map.getBoundsZoom(home);
  map.setMinZoom(Math.max(2, Math.floor(fitted) - 1));
  map.setMaxBounds(home.pad(0.6));
  var container = map.getContainer();
  var active = false;
  var hint = L.DomUtil.create("div", "map-wheel-hint", container);
  hint.setAttribute("role", "status");
  hint.style.cssText = "position:absolute;left:50%%;top:.75rem;transform:translateX(-50%%);" +
    "z-index:1000;background:#1f2430;color:#fff;padding:.35rem .7rem;border-radius:4px;" +
    "font:14px/1.3 sans-serif;pointer-events:none;display:none;max-width:80%%;";
  var hideTimer = null;
  move.showHint = function () {
    hint.textContent = move.wheelHint || "";
    hint.style.display = hint.textContent ? "block" : "none";
    clearTimeout(hideTimer);
    hideTimer = setTimeout(function () { hint.style.display = "none"; }, 1800);
  };
  container.addEventListener("mousedown", function () { active = move.moved = true; });
  container.addEventListener("mouseleave", function () { active = false; });
  container.addEventListener("wheel", function (e) {
    if (!(e.ctrlKey || e.metaKey || active)) { move.showHint(); return; }
    e.preventDefault();
    var step = e.deltaY < 0 ? 0.5 : -0.5;
    var zoom = Math.min(map.getMaxZoom(), Math.max(map.getMinZoom(), map.getZoom() + step));
    // No animation: a quick series of wheel turns then adds up (Leaflet drops a zoom asked
    // for while an animated one runs).
    map.setZoomAround(map.mouseEventToContainerPoint(e), zoom, {animate: false});
  }, {passive: false});
  var Reset = L.Control.extend({
    options: {position: "topleft"},
    onAdd: function () {
      var bar = L.DomUtil.create("div", "leaflet-bar map-reset");
      var button = L.DomUtil.create("a", "map-reset-button", bar);
      button.href = "#";
      button.setAttribute("role", "button");
      button.innerHTML = "&#8962;";
      L.DomEvent.disableClickPropagation(bar);
      L.DomEvent.on(button, "click", function (e) {
        L.DomEvent.preventDefault(e);
        map.fitBounds(home);
      });
      move.resetButton = button;
      return bar;
    }
  });
  map.addControl(new Reset());
  // The page map's frame takes its height from the window, set before the first paint so
  // that nothing moves later; the map fills the frame.
  var grow = function () {
    try {
      var h = Math.max(480, Math.min(1000, window.parent.innerHeight - 230)) + "px";
      if (window.frameElement.style.height !== h) { window.frameElement.style.height = h; }
    } catch (e) { /* another origin: the frame keeps its height */ }
    move.fit();
  };
  move.fit = function () {
    var box = document.getElementById("map_div"), h = window.innerHeight + "px";
    if (box && box.style.height !== h) {
      box.style.height = h;
      map.invalidateSize();
      if (!active && !move.moved) { map.fitBounds(home, {animate: false}); }
    }
  };
  window.addEventListener("resize", move.fit);
  if (%(grow)s) {
    grow();
    try { window.parent.addEventListener("resize", grow); } catch (e) { /* as above */ }
  }
  move.setTexts = function (texts) {
    move.wheelHint = texts.wheelHint;
    try {
      if (texts.frameTitle && window.frameElement) {
        window.frameElement.setAttribute("title", texts.frameTitle);
      }
    } catch (e) { /* another origin: nothing to name */ }
    if (move.resetButton) {
      move.resetButton.title = texts.reset;
      move.resetButton.setAttribute("aria-label", texts.reset);
    }
  };
  if (move.texts) { move.setTexts(move.texts); }
})(%(map)s);
"""


class MapInteraction(MacroElement):
    """Wheel zoom only with Ctrl/⌘ or after a click, minimum zoom and bounds around `bounds`
    ([[south, west], [north, east]]), and a reset button; added to a folium map."""

    _template = Template(
        """
        {% macro script(this, kwargs) %}
        {{ this.script }}
        {% endmacro %}
        """
    )

    def __init__(
        self,
        bounds: Sequence[Sequence[float]],
        texts: Mapping[str, str] | None = None,
        grow: bool = False,
    ) -> None:
        """`texts` (wheelHint, reset): for a map built per language; the page map gets its
        texts from its overlay instead (`interaction_texts_script`). With `grow`, the map's
        frame takes its height from the window (480 to 1000 pixels)."""
        super().__init__()
        self._name = "MapInteraction"
        self.bounds = [list(corner) for corner in bounds]
        self.texts = dict(texts) if texts else None
        self.grow = grow

    def render(self, **kwargs: Any) -> Any:
        parent = self._parent
        if parent is None:
            raise ValueError("MapInteraction must be added to a map before it is rendered")
        self.script = _compact(_INTERACTION_JS) % {
            "bounds": json.dumps(self.bounds),
            "map": parent.get_name(),
            "texts": _escaped_json(self.texts),
            "grow": "true" if self.grow else "false",
        }
        return super().render(**kwargs)


def _compact(script: str) -> str:
    """The script without indentation, comment lines and spaces around operators: the page's
    map has a byte budget. (The scripts here keep no such space inside a string.)"""
    lines = (line.strip() for line in script.splitlines())
    text = "\n".join(line for line in lines if line and not line.startswith("//"))
    return _OPERATOR_SPACE.sub(r"\1", text)


_OPERATOR_SPACE = re.compile(r" *([=,;:{}()?<>+|&!]+) *")


def _escaped_json(value: object) -> str:
    text = json.dumps(value, ensure_ascii=False)
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(char, escape)
    return text


# Appended to an overlay: texts in the page's language; every region a named keyboard stop.
_TEXTS_JS = """
(function () {
  var cfg = %s;
  var move = window.mapMove = window.mapMove || {};
  move.texts = cfg;
  if (move.setTexts) { move.setTexts(cfg); }
  if (move.fit) { move.fit(); }
  var map = window.map;
  if (!map || !cfg.keys) { return; }
  // After the overlay has dressed the shapes: each is named by its tooltip's lines.
  requestAnimationFrame(function () { setTimeout(function () {
  map.eachLayer(function (layer) {
    var p = layer.feature && layer.feature.properties;
    var el = layer.getElement && layer.getElement();
    var tip = layer.getTooltip && layer.getTooltip();
    if (!p || !el || !tip) { return; }
    var words = document.createElement("div");
    words.innerHTML = String(tip.getContent()).replace(/<br>/g, ". ");
    el.setAttribute("tabindex", "0");
    el.setAttribute("role", "button");
    el.setAttribute("aria-label", words.textContent);
    if (el.__keyChoose) { return; }
    el.__keyChoose = true;
    el.addEventListener("keydown", function (e) {
      if (e.key !== "Enter" && e.key !== " ") { return; }
      e.preventDefault();
      var centre = layer.getBounds ? layer.getBounds().getCenter() : layer.getLatLng();
      layer.fire("click", {latlng: centre, originalEvent: e}, true);
    });
  });
  }, 0); });
})();
"""


def interaction_texts_script(*, wheel_hint: str, reset: str, keyboard: bool = True) -> str:
    """The overlay addition: hint and reset texts; with `keyboard`, every region's shape a
    keyboard stop named by its tooltip (name, level, protection alternative)."""
    return _compact(_TEXTS_JS) % _escaped_json(
        {"wheelHint": wheel_hint, "reset": reset, "keys": keyboard}
    )
