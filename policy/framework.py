"""The general frame around C7/23 Vc, from `framework.toml`: the 15(c) sliding-scale table,
the grounds examined before 15(c) and the IPA criteria. (Their wording is in `wording/catalogue/`.)

The table says which gradation needs which minimum of individual elements (C2/3.3.3 Vc). Rows
that rest on the project's reading of the sliding scale (CJEU Elgafaji, para. 39) are marked
`reading = true` in the data, and every step built from them says so.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING

from policy.data_files import read_package_toml
from policy.models import Citation, Gradation, IndividualElements

if TYPE_CHECKING:
    import numpy as np

GRADATIONS: tuple[Gradation, ...] = tuple(Gradation)
ELEMENTS: tuple[IndividualElements, ...] = tuple(IndividualElements)
_ELEMENT_RANK = {element: rank for rank, element in enumerate(ELEMENTS)}


@dataclass(frozen=True)
class Article15cRule:
    """One row of the table: a gradation and the individual elements it needs (None: never)."""

    gradation: Gradation
    minimum_individual_elements: IndividualElements | None
    citation: Citation

    def establishes(self, elements: IndividualElements) -> bool:
        minimum = self.minimum_individual_elements
        return minimum is not None and _ELEMENT_RANK[elements] >= _ELEMENT_RANK[minimum]


@dataclass(frozen=True)
class IpaCriterion:
    """A criterion of art. 3.37d VV that an IPA in Bamako must meet."""

    id: str
    name_nl: str
    name_en: str
    paragraph: str
    question_en: str
    question_nl: str

    def name(self, lang: str) -> str:
        return self.name_nl if lang == "nl" else self.name_en


@cache
def article_15c_rules() -> dict[Gradation, Article15cRule]:
    """Gradation → its row of the table; every gradation must have exactly one row."""
    data = read_package_toml("framework.toml")
    source = data["article_15c_source"]
    rules: dict[Gradation, Article15cRule] = {}
    for row in data["article_15c"]:
        gradation = Gradation(row["gradation"])
        if gradation in rules:
            raise ValueError(f"framework.toml: article_15c: {gradation.value} appears twice")
        minimum = row.get("minimum_individual_elements")
        rules[gradation] = Article15cRule(
            gradation=gradation,
            minimum_individual_elements=IndividualElements(minimum) if minimum else None,
            citation=Citation(
                # The rule applied, then where the quoted sentence is from: the label must say
                # what the quote is.
                paragraph=f"{row['paragraph']}; tekst: {source['paragraph']}",
                text_nl=source["text_nl"],
                source=source["source"],
                reading=bool(row["reading"]),
                note_en=row["basis_en"],
            ),
        )
    missing = [g.value for g in GRADATIONS if g not in rules]
    if missing:
        raise ValueError(f"framework.toml: article_15c: no row for {', '.join(missing)}")
    return rules


def establishes_15c(gradation: Gradation, elements: IndividualElements) -> bool:
    """Whether this level plus these individual elements establish a 15(c) risk."""
    return article_15c_rules()[gradation].establishes(elements)


@cache
def article_15c_table() -> np.ndarray:
    """The table as a read-only bool array [gradation code, elements code] for batch work.

    numpy is imported here, not at the top: a single decision (`python -m policy evaluate`)
    never needs it, and importing it would double the command's start-up time."""
    import numpy as np

    table = np.array([[establishes_15c(g, e) for e in ELEMENTS] for g in GRADATIONS], dtype=bool)
    table.setflags(write=False)
    return table


def ground_citation(ground: str) -> Citation:
    """Citation of a ground examined before 15(c): persecution, individual_harm, article_15c."""
    return Citation(**read_package_toml("framework.toml")["grounds"][ground])


def framework_source_files() -> dict[str, str]:
    """Source id → text file in policy/sources/ of the documents framework.toml quotes."""
    return dict(read_package_toml("framework.toml")["source_files"])


def framework_citations() -> list[tuple[str, Citation]]:
    """Every citation framework.toml holds, with its location (for checking the quotes)."""
    found = [
        (f"article_15c[{rule.gradation.value}]", rule.citation)
        for rule in article_15c_rules().values()
    ]
    grounds = read_package_toml("framework.toml")["grounds"]
    found += [(f"grounds.{name}", ground_citation(name)) for name in grounds]
    return found


@cache
def ipa_criteria() -> tuple[IpaCriterion, ...]:
    """The IPA criteria of art. 3.37d VV, in the order they are asked."""
    return tuple(IpaCriterion(**row) for row in read_package_toml("framework.toml")["ipa_criteria"])
