"""Renders the maps' reference images into docs/: A4 and slide in Dutch and English, plus a
comparison (older → newer) and a what-if scenario. Drawn at 300 dpi by `briefing.render_map`,
then reduced (slides 1600, A4 1100 pixels wide) to a 256-colour palette, so the files stay small.

    .venv/bin/python scripts/map_reference_images.py [YYYY-MM-DD]
"""

from __future__ import annotations

import datetime as dt
import io
import sys
from pathlib import Path

from PIL import Image

from briefing import BriefingScenario, ChangeNote, render_map
from policy import list_versions, load_version

DOCS = Path(__file__).resolve().parent.parent / "docs"
WIDTH = {"a4": 1100, "slide": 1600}


def _save(png: bytes, name: str) -> None:
    image = Image.open(io.BytesIO(png)).convert("RGB")
    width = WIDTH["a4" if "a4" in name else "slide"]
    height = round(image.height * width / image.width)
    small = image.resize((width, height), Image.Resampling.LANCZOS)
    small.quantize(colors=256, method=Image.Quantize.FASTOCTREE).save(DOCS / name, optimize=True)
    print(DOCS / name)


def main() -> None:
    today = dt.date.fromisoformat(sys.argv[1]) if len(sys.argv) > 1 else dt.date(2026, 1, 15)
    version = load_version()
    older, newer = list_versions()[0], list_versions()[-1]
    for layout in ("a4", "slide"):
        for lang in ("nl", "en"):
            _save(
                render_map(version, lang, layout, "png", today=today),
                f"briefing-{layout}-{lang}.png",
            )
    # The natural way to ask "what changed?": the newer version first; drawn older → newer.
    _save(
        render_map(newer, "nl", "slide", "png", compare=older, today=today),
        "briefing-compare-slide-nl.png",
    )
    _save(
        render_map(newer, "en", "a4", "png", compare=older, today=today),
        "briefing-compare-a4-en.png",
    )
    scenario = BriefingScenario(
        title="Ménaka back to exceptional",
        base_id=version.id,
        version=version.with_overrides(gradations={"ML-9": "exceptional"}),
        changes=(ChangeNote("ML-9", "Ménaka", "example of a what-if change"),),
    )
    _save(
        render_map(version, "en", "slide", "png", scenario=scenario, today=today),
        "briefing-scenario-slide-en.png",
    )


if __name__ == "__main__":
    main()
