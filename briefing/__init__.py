"""Briefing outputs of the policy map: print-ready map images, a one-file offline map and a
case report, in Dutch or English, for the page and the command line (`python -m briefing`).

Combines `policy/` (values, citations, decisions) and `geodata/` (boundaries) and draws them
the way the page does (`geodata.palette`, the page's legend wording).
"""

from briefing.errors import BriefingError
from briefing.map_image import render_map
from briefing.offline import offline_html
from briefing.report import case_report
from briefing.scenarios import BriefingScenario, ChangeNote

__all__ = [
    "BriefingError",
    "BriefingScenario",
    "ChangeNote",
    "case_report",
    "offline_html",
    "render_map",
]
