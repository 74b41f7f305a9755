"""Warm the served process up while its server starts, so that the first session after a start
is about as fast as any later one.

Why: a new server has imported Streamlit and nothing else. Its first session used to pay, on
top of what every session pays, for importing the page's libraries (pandas, geopandas, folium,
altair, the project's modules), for reading the version files, boundaries and places, for
computing Taoudénit's area (`geodata.split_off_shapes`) and for joining the map layer: about
three seconds more on two busy cores, 2.5 to 2.8 times a warm session (docs/performance.md).
The launcher (`ui.launch`, behind `mali-policy-map` and `scripts/dashboard`) therefore starts
`warm_up` in a background thread before Streamlit's server runs; by the time a browser
connects, that work is done or under way.

What it does: import the modules the page imports, and call the plain functions whose
`functools` caches hold what does not depend on a session (the shipped versions, units, cercles,
places and their search index, Taoudénit's area, the map layer's geometry and label points, the
wording catalogue). The results are thrown away: only the caches and `sys.modules` keep them.

What it never does:

- Call a Streamlit cache (`st.cache_data`, `st.cache_resource`): they belong to a script run.
  The page fills its own on its first run, from the warm plain caches underneath.
- Import a module that declares a Streamlit component when imported (`streamlit_folium`, and
  the page's modules that import it, `DECLARE_COMPONENTS`): outside a script run Streamlit does
  not register a component, and as a module is imported only once, the map's component would
  never be served. The page imports them in its first run, and their libraries are warm.
- Change a cached object: it calls the same functions as the page, which return fresh copies
  or frozen objects.

A session that arrives while it runs waits until what its first page needs is loaded
(`wait_for_warm_up`, at the top of the page's run; Python's import locks hold it at a module
being imported anyway); the search's index is built after that, while the browser draws. Doing
the same work at the same time would do it twice on two busy cores, and two threads filling the
same cache each get their own copy (code that compared cached objects by identity gave a wrong
Taoudénit while the two ran together; it compares by value now). The wait is bounded
(WAIT_SECONDS): a warm-up that hangs never holds a session up for longer. A step that fails
logs one line and the next step runs; the server itself never waits. Only the launcher starts
it: a test runner's AppTest, or `streamlit run dashboard.py`, never warms and never waits (the
browser tests' servers start the plain way, but for the launcher's own).
"""

from __future__ import annotations

import ast
import gc
import importlib
import importlib.util
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Final

from streamlit.logger import get_logger

_LOG: Final = get_logger(__name__)

# The page's modules that import streamlit_folium (which declares its component) when imported.
DECLARE_COMPONENTS: Final = frozenset({"ui.map_view", "ui.compare_view", "streamlit_folium"})
# What those modules import, warmed in their place.
THEIR_LIBRARIES: Final = ("folium", "folium.plugins", "streamlit.components.v1")
# A place name the search finds (building the index of places and names).
SEARCHED_NAME: Final = "Bamako"
THREAD_NAME: Final = "warm-up"
# The longest a session waits for the warm-up (it takes a few seconds on two busy cores).
WAIT_SECONDS: Final = 30.0

_started = threading.Event()
_first_page_loaded = threading.Event()


def page_modules(page: Path) -> tuple[str, ...]:
    """The modules `page` imports at its top level, in order (read from its source, so the
    list follows the page), without those in DECLARE_COMPONENTS."""
    tree = ast.parse(page.read_text(encoding="utf-8"))
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            if node.module == "__future__":
                continue
            names.append(node.module)
            # `from ui import state`: `state` is a module of its own.
            names.extend(
                f"{node.module}.{alias.name}"
                for alias in node.names
                if _is_submodule(node.module, alias.name)
            )
    return tuple(dict.fromkeys(n for n in names if n not in DECLARE_COMPONENTS))


def _is_submodule(package: str, name: str) -> bool:
    spec = importlib.util.find_spec(package)
    if spec is None or spec.submodule_search_locations is None:
        return False
    return importlib.util.find_spec(f"{package}.{name}") is not None


def _import_modules(page: Path) -> None:
    for name in (*THEIR_LIBRARIES, *page_modules(page)):
        importlib.import_module(name)


def _versions() -> None:
    from policy import load_version, versions_io

    versions_io.versions_by_stem()
    load_version(None)


def _geography() -> None:
    from geodata.layers import load_cercles, load_units
    from geodata.places import load_places
    from geodata.split_off_shapes import split_off_shapes

    load_units()
    load_cercles()
    load_places()
    split_off_shapes()  # Taoudénit's area: the longest single step


def _map() -> None:
    """What the page's map needs beneath its Streamlit caches: the layer in each language, the
    map with its context layers (neighbours, Taoudénit, the protection line), label points."""
    from geodata.map_render import (
        build_policy_map,
        compact_features,
        label_points,
        neighbour_label_points,
        split_off_label_points,
    )
    from geodata.palette import gradation_colour
    from geodata.policy_layer import policy_map_layer
    from policy import load_version
    from ui.texts import LANGUAGES

    version = load_version(None)
    for lang in LANGUAGES:
        layer = policy_map_layer(version, lang)
    scope_fills = {unit.code: gradation_colour(unit.gradation) for unit in layer.undrawn}
    fmap = build_policy_map(
        compact_features(layer.features), leaflet_url="", scope_fills=scope_fills
    )
    fmap.get_root().render()
    label_points(layer.features)
    split_off_label_points()
    neighbour_label_points()


def _search() -> None:
    """The decision form's search: the index of places and names, then the page's lookup."""
    from geodata.places import locate
    from policy import load_version
    from ui.search import lookup
    from ui.texts import LANGUAGES

    locate(SEARCHED_NAME)  # the index needs no version
    version = load_version(None)
    for lang in LANGUAGES:
        lookup(SEARCHED_NAME, version, lang)


Step = tuple[str, Callable[[], None]]


def steps(page: Path) -> tuple[tuple[Step, ...], tuple[Step, ...]]:
    """The warm-up's steps: what a session's first page needs, in that order, and then what
    only a later action needs (a search)."""
    first_page: tuple[Step, ...] = (
        ("imports", lambda: _import_modules(page)),
        ("policy versions", _versions),
        ("boundaries and places", _geography),
        ("map layer", _map),
    )
    return first_page, (("place search", _search),)


def warm_up(page: Path, first_page_ready: Callable[[], None] = lambda: None) -> list[str]:
    """Run every step; a failing one logs one line and the next runs. `first_page_ready` is
    called between what the first page needs and the rest. Returns the steps that failed
    (empty: all done)."""
    started = time.monotonic()
    failed = []
    first_page, later = steps(page)
    todo = (*first_page, None, *later)
    for item in todo:
        if item is None:
            first_page_ready()
            continue
        name, step = item
        try:
            step()
        except Exception as error:  # a warm-up must never stop the server
            failed.append(name)
            _LOG.warning(
                "Warm-up: %s failed (%s: %s); the first session loads it itself",
                name,
                type(error).__name__,
                str(error).splitlines()[0] if str(error) else "",
            )
    _LOG.info(
        "Warm-up done in %.1f s%s",
        time.monotonic() - started,
        f" ({len(failed)} of {len(todo) - 1} steps failed)" if failed else "",
    )
    return failed


def start_warm_up(page: Path) -> threading.Thread:
    """`warm_up` in a daemon thread (it never holds up the server's exit)."""
    _started.set()
    thread = threading.Thread(
        target=_warm_up_in_background, args=(page,), name=THREAD_NAME, daemon=True
    )
    thread.start()
    return thread


def _warm_up_in_background(page: Path) -> None:
    try:
        warm_up(page, _first_page_ready)
    finally:
        _first_page_loaded.set()  # also when a step raised what `warm_up` does not catch


def _first_page_ready() -> None:
    # What was loaded lives as long as the server: hide it from the cyclic garbage collector
    # now (as the page does after its first run, `ui.first_load.settle_heap`), so that the
    # first run's full collection does not scan it while the first map is drawn.
    gc.collect()
    gc.freeze()
    _first_page_loaded.set()


def wait_for_warm_up(timeout: float = WAIT_SECONDS) -> None:
    """Until the warm-up this process started has loaded what a first page needs (at most
    `timeout` seconds); at once when none was started (AppTest, `streamlit run dashboard.py`).
    The page calls it before it loads anything, in every run: after the first wait it returns
    at once. The rest of the warm-up (the search's index) runs on while the browser draws."""
    if _started.is_set():
        _first_page_loaded.wait(timeout)
