"""Prints how much longer the very first session after the server starts takes than a warm one:
the time to the first painted map shape (and to the decision form), from navigation start, for
the first page opened on a freshly started server, beside the median of the pages opened after
it on the same server. Figures, not a test.

Why: the first session after start pays for what the server loads once (pandas, geopandas,
the boundaries, the version files, the map layer), unless the server's warm-up (ui/warm_up.py)
has loaded it; an analyst who starts the dashboard and opens it at once sees that. The target is
at most 1.5 x a warm session. Each round starts a new server the way users do, through the
launcher (`python -m ui.launch`, as `scripts/dashboard` does), and opens its first page as soon
as the server answers its health check, when the warm-up is still under way (the worst case),
or AFTER seconds later (an analyst who reads the address and switches to the browser). Every
round's first session is the server's first; the probe and the timing are those of
scripts/bench_page_load.py.

Run from the repository root:
.venv/bin/python scripts/bench_first_session.py [ROUNDS] [WARM] [AFTER]
"""

from __future__ import annotations

import os
import statistics
import sys
import time

from _serve import CHROMIUM, launched_page
from bench_page_load import CHROMIUM_ARGS, Timing, time_to


def one_round(browser, warm: int, after: float) -> tuple[Timing, list[Timing]]:
    """A new server: its first session (opened `after` seconds after the server answered), then
    `warm` sessions after it."""
    with launched_page() as (url, _pid):
        time.sleep(after)
        first = time_to(browser, url, "project")
        return first, [time_to(browser, url, "project") for _ in range(warm)]


def main() -> None:
    rounds = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    warm = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    after = float(sys.argv[3]) if len(sys.argv) > 3 else 0.0
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        firsts, warms, ratios = [], [], []
        for _ in range(rounds):
            first, later = one_round(browser, warm, after)
            warm_median = statistics.median(t.painted for t in later)
            firsts.append(first)
            warms.extend(later)
            ratios.append(first.painted / warm_median)
        browser.close()
    load = os.getloadavg()[0]
    print(f"rounds {rounds}, warm sessions per round {warm}, load average {load:.1f}")
    print(f"first page opened {after:g} s after the server answered its health check")
    print(f"first session, map painted : {statistics.median(t.painted for t in firsts):6.2f} s")
    print(f"warm sessions, map painted : {statistics.median(t.painted for t in warms):6.2f} s")
    first_forms = [t.form for t in firsts if t.form is not None]
    warm_forms = [t.form for t in warms if t.form is not None]
    if first_forms and warm_forms:
        print(f"first session, form shown  : {statistics.median(first_forms):6.2f} s")
        print(f"warm sessions, form shown  : {statistics.median(warm_forms):6.2f} s")
    print(f"first / warm (median of the rounds' ratios): {statistics.median(ratios):.2f} x")


if __name__ == "__main__":
    main()
