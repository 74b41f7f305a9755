"""One vocabulary of yes and no: a caseload CSV cell and a page link read the same words the same
way (policy.case.TRUE_WORDS, FALSE_WORDS)."""

from __future__ import annotations

import pandas as pd
import pytest

from policy import load_version
from policy.batch import evaluate_batch
from policy.case import FALSE_WORDS, TRUE_WORDS
from ui.state import from_link

WORDS = sorted(TRUE_WORDS | FALSE_WORDS)


def _link_persecution(word: str) -> bool | None:
    state, notices = from_link(
        {"persecution": word},
        versions=["wbv-2025-11"],
        default_version="wbv-2025-11",
        regions=lambda _version: {"ML-9": "Ménaka"},
        resolve_named=lambda *_args: None,
    )
    return None if notices else state.facts.persecution


@pytest.mark.parametrize("word", [w for v in WORDS for w in (v, v.upper(), f" {v} ")])
def test_a_link_and_a_csv_cell_read_the_same_word_alike(word: str) -> None:
    expected = word.strip().casefold() in TRUE_WORDS
    frame = pd.DataFrame({"region": ["Ménaka"], "persecution": [word]})
    outcome = evaluate_batch(frame, load_version(None))["outcome"].iloc[0]
    assert (outcome == "refugee_status") is expected
    assert _link_persecution(word) is expected


def test_a_word_outside_the_vocabulary_is_refused_by_both() -> None:
    assert _link_persecution("maybe") is None
    with pytest.raises(Exception, match="maybe"):
        evaluate_batch(pd.DataFrame({"region": ["Ménaka"], "persecution": ["maybe"]}),
                       load_version(None))  # fmt: skip
