"""Prints how long the dashboard script takes: first run (loading and joining), reruns, and
the pieces of the map (join, folium build, HTML render). Figures, not a test.

Run from the repository root: python scripts/bench_dashboard.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit.testing.v1 import AppTest  # noqa: E402

from geodata.map_render import build_policy_map  # noqa: E402
from geodata.policy_layer import policy_map_layer  # noqa: E402
from policy import load_version  # noqa: E402
from ui.first_load import COMPLETE_KEY  # noqa: E402

RUNS = 20


def median_ms(action, runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    app = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=120)
    start = time.perf_counter()
    app.run()
    print(f"page, first run (load + join + build): {(time.perf_counter() - start) * 1000:.0f} ms")
    print(f"page, first load (title and map):      {median_ms(app.run):.0f} ms (median)")
    # As the browser's map report would (ui/first_load.py): from now on the whole page.
    app.session_state[COMPLETE_KEY] = True
    print(f"page, whole page rerun (cached data):  {median_ms(app.run):.0f} ms (median)")
    app.selectbox(key="form_region").set_value("ML-9")
    app.run()

    def change_answer() -> None:
        checkbox = app.checkbox(key="form_ipa_obstacles")
        checkbox.set_value(not checkbox.value)
        app.run()

    print(f"page, one form answer changed:         {median_ms(change_answer):.0f} ms (median)")

    version = load_version(None)
    join_ms = median_ms(lambda: policy_map_layer(version, "nl"))
    print(f"map layer join (uncached):             {join_ms:.1f} ms")
    layer = policy_map_layer(version, "nl")

    def build() -> None:
        build_policy_map(
            layer.features,
            leaflet_url="/app/static/leaflet",
            tooltip_aliases=("a", "b", "c"),
        ).get_root().render()

    print(f"folium map build + render:             {median_ms(build):.1f} ms")
    size = len(str(layer.features).encode())
    print(f"map features sent to the browser:      {size / 1024:.0f} KB")


if __name__ == "__main__":
    main()
