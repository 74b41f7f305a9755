"""The page under load: concurrent sessions, each with its own region, case and language, for a
bounded time; prints the server's memory at 1, 5 and the full number of sessions. Figures and
checks, not a test (tests/dashboard has a short version).

Starts the dashboard on loopback (a free port), then drives headless Chromium: one browser
context per session, all at once (asyncio). Each session opens the page through its own link
(language, region, facts; docs/user-guide.md, "Link to a view"), then reloads it again and
again until the time is up, and after every load checks that the page shows its own region
and language and no error. The server's resident memory (the process and its children, from
/proc) is sampled every half second.

Run from the repository root:
    .venv/bin/python scripts/load_sessions.py [--sessions 20] [--seconds 60]
Exit status 1 when a session saw another session's state, an error, or a page that did not load.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import _serve  # noqa: E402 (scripts/ is first on the path when a script runs)
from _serve import CHROMIUM, ServerDidNotStart, streamlit_server  # noqa: E402

from policy import load_version  # noqa: E402
from ui.texts import t  # noqa: E402

CHROMIUM_ARGS = [*_serve.CHROMIUM_ARGS, "--headless", "--disable-dev-shm-usage"]
IDLE = '[data-testid="stApp"][data-test-script-state="notRunning"]'
FORM_FIELD = '[data-testid="stSidebar"] [data-testid="stTextInputField"]'
ERRORS = '[data-testid="stException"], [data-testid="stAlertContentError"]'
LOAD_TIMEOUT_MS = 120_000


def rss_kb(pid: int) -> int:
    """Resident memory of `pid` and all its descendants, in KB (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            pass
        todo.extend(children.get(current, []))
    return total


@dataclass
class Session:
    """One user: a link, what the page must show for it, and what it saw."""

    number: int
    lang: str
    region: str
    region_name: str
    facts: dict[str, str]
    loads: int = 0
    problems: list[str] = field(default_factory=list)

    def link(self, base: str) -> str:
        return f"{base}/?{urlencode({'lang': self.lang, 'region': self.region, **self.facts})}"


def sessions_for(count: int) -> list[Session]:
    regions = [(r.code, r.name) for r in load_version(None).regions]
    fact_sets = [
        {},
        {"ipa_obstacles": "1"},
        {"individual_elements": "limited"},
        {"persecution": "1"},
        {"exclusion_indications": "1", "individual_elements": "substantial"},
    ]
    return [
        Session(
            number=n,
            lang=("nl", "en")[n % 2],
            region=regions[n % len(regions)][0],
            region_name=regions[n % len(regions)][1],
            facts=fact_sets[n % len(fact_sets)],
        )
        for n in range(count)
    ]


async def check_page(page, session: Session, others: list[Session]) -> None:
    """The page shows this session's language and region, and nothing of another session."""
    # The form comes with the rest of the page, after the map's first report (ui/first_load.py).
    await page.wait_for_selector(FORM_FIELD, timeout=LOAD_TIMEOUT_MS)
    await page.wait_for_selector(IDLE, timeout=LOAD_TIMEOUT_MS)
    main = page.locator('[data-testid="stMain"]')
    title = t("page_title", session.lang)
    if await page.locator("h1", has_text=title).count() == 0:
        session.problems.append(f"load {session.loads}: title not in {session.lang}")
    heading = (await main.locator("h3").all_inner_texts()) or [""]
    if session.region_name not in heading:
        session.problems.append(f"load {session.loads}: region heading {heading!r}")
    for other in others:
        if other.region != session.region and other.region_name in heading:
            session.problems.append(f"load {session.loads}: shows session {other.number}")
    if await page.locator(ERRORS).count():
        session.problems.append(f"load {session.loads}: error shown")


async def run_session(browser, base: str, session: Session, others, until: float) -> None:
    context = await browser.new_context(viewport={"width": 1280, "height": 800})
    page = await context.new_page()
    try:
        await page.goto(session.link(base), wait_until="commit")
        while True:
            await check_page(page, session, others)
            session.loads += 1
            if time.monotonic() >= until:
                break
            await page.reload(wait_until="commit")
    except Exception as error:  # a page that never finished loading: report, do not crash
        session.problems.append(f"load {session.loads}: {type(error).__name__}: {error}"[:200])
    finally:
        await context.close()


async def phase(browser, base: str, pid: int, sessions: list[Session], seconds: float) -> int:
    """Run `sessions` at once for `seconds`; the peak server RSS (KB) sampled meanwhile."""
    until = time.monotonic() + seconds
    peak = rss_kb(pid)
    tasks = [asyncio.create_task(run_session(browser, base, s, sessions, until)) for s in sessions]
    while not all(task.done() for task in tasks):
        peak = max(peak, rss_kb(pid))
        await asyncio.sleep(0.5)
    return max(peak, rss_kb(pid))


async def drive(base: str, pid: int, steps: list[int], seconds: float) -> bool:
    from playwright.async_api import async_playwright

    ok = True
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        print(f"server RSS before any session: {rss_kb(pid) / 1024:.0f} MB")
        for count in steps:
            sessions = sessions_for(count)
            length = seconds if count == steps[-1] else min(seconds, 15)
            peak = await phase(browser, base, pid, sessions, length)
            loads = sum(s.loads for s in sessions)
            problems = [f"session {s.number}: {p}" for s in sessions for p in s.problems]
            print(
                f"{count:>3} sessions, {length:.0f} s: peak server RSS {peak / 1024:.0f} MB, "
                f"{loads} page loads checked, {len(problems)} problems"
            )
            for problem in problems[:10]:
                print(f"    {problem}")
            ok = ok and not problems
        await browser.close()
    return ok


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=20)
    parser.add_argument("--seconds", type=float, default=60)
    args = parser.parse_args()
    steps = sorted({1, min(5, args.sessions), args.sessions})
    try:
        with streamlit_server(ROOT / "dashboard.py", ROOT) as (base, pid):
            print(f"{os.cpu_count()} cores; dashboard on {base}")
            ok = asyncio.run(drive(base, pid, steps, args.seconds))
    except ServerDidNotStart:
        sys.exit("the dashboard did not start")
    print("isolation and errors: " + ("no problem seen" if ok else "PROBLEMS (above)"))
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
