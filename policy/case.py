"""The facts of one case, checked where they enter: `Case`, the origin the applicant named
(`NamedOrigin`) and the one parser of individual elements that the CLI, the batch and the page
share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Final

from policy.errors import PolicyError
from policy.framework import ipa_criteria
from policy.models import IndividualElements

ORIGIN_KINDS = ("region", "place", "point")
# The classes of a place (the gazetteer's), and every way a name can turn out (ui.texts words).
PLACE_CLASSES = ("capital", "regional_capital", "cercle_capital", "town", "village")
NAMED_KINDS = ("region", "region_2023", *PLACE_CLASSES)


@dataclass(frozen=True)
class NamedOrigin:
    """What the applicant named as their origin, and the 2016 unit it resolves to.

    The one model of a named origin: the command line (`--place`), `geodata` (a place or a map
    point) and the page's search all build it, and the Decision carries it to the memo and JSON.

    `kind` is "region" (a region name), "place" (a town or village, found by `geodata`) or
    "point" (a coordinate); `text` is the region as given, the place's name or the coordinate.
    For a place or point, `cercle_pcode`/`cercle_name` give the 2015 cercle and `note` says how
    the unit was found where that is not plain (a place in the area that now forms Taoudénit is
    drawn inside Tombouctou, but resolves to Taoudénit). Geometry never enters the policy
    package: `geodata.named_origin` builds this from a place or point.

    The page's search adds what it knows besides: the text as typed (`said`), the region's name,
    the place's P-code and class, the 2023 region a name was mapped from, and the region the map
    draws a split-off place in. `to_dict` (the Decision's JSON) leaves them out.
    """

    text: str
    kind: str
    region_code: str
    cercle_pcode: str | None = None
    cercle_name: str | None = None
    note: str | None = None
    note_nl: str | None = None
    """`note` in Dutch."""
    said: str | None = None
    """The text as typed into the page's search (None: `text`); a page link carries it."""
    region_name: str | None = None
    place_pcode: str | None = None
    place_class: str | None = None
    """What kind of place (one of PLACE_CLASSES), for a place."""
    mapped_from: str | None = None
    """The 2023 region name the applicant gave, for a region mapped to its 2016 region."""
    drawn_in: str | None = None
    """For a place in an area split off after 2015 (Taoudénit): the region the map draws it in."""

    def __post_init__(self) -> None:
        if self.kind not in ORIGIN_KINDS:
            raise PolicyError(f"origin.kind: {self.kind!r} is not one of {', '.join(ORIGIN_KINDS)}")
        for name in ("text", "region_code"):
            value = getattr(self, name)
            if not isinstance(value, str) or not value.strip():
                raise PolicyError(f"origin.{name}: must be non-empty text, not {value!r}")
        if self.place_class is not None and (
            self.kind != "place" or self.place_class not in PLACE_CLASSES
        ):
            raise PolicyError(
                f"origin.place_class: {self.place_class!r} is not one of "
                f"{', '.join(PLACE_CLASSES)} for a place"
            )

    @property
    def typed(self) -> str:
        """The text as the user gave it."""
        return self.said if self.said is not None else self.text

    @property
    def place(self) -> str | None:
        """The place's name, for a place."""
        return self.text if self.kind == "place" else None

    @property
    def region_label(self) -> str:
        """The region's name where known, else its code."""
        return self.region_name or self.region_code

    @property
    def case_region(self) -> str:
        """What a Case gets as its region: the 2023 name for a 2023 region (so the Decision
        shows the mapping and its flag), else the unit's code."""
        return self.mapped_from or self.region_code

    @property
    def described_as(self) -> str:
        """What the name turned out to be: one of NAMED_KINDS (the page's words), or "point"."""
        if self.kind == "region":
            return "region_2023" if self.mapped_from else "region"
        if self.kind == "place":
            return self.place_class or "town"
        return self.kind

    def to_dict(self) -> dict[str, Any]:
        return {
            "text": self.text,
            "kind": self.kind,
            "region_code": self.region_code,
            "cercle_pcode": self.cercle_pcode,
            "cercle_name": self.cercle_name,
            "note": self.note,
            "note_nl": self.note_nl,
        }


@dataclass(frozen=True, init=False)
class Case:
    """The facts of one case, as the IND would have established them.

    A strict model: a fact is a bool, the region is text, and nothing is converted on the way
    in (a string "false" would be truthy and turn a case into refugee status). Text from a CSV
    cell, a page link or the command line is read into these types by its reader, with the one
    vocabulary below (`TRUE_WORDS`, `FALSE_WORDS`, `parse_elements`). `individual_elements` is
    the enum or its exact value ("limited"), as in JSON. A wrong fact raises PolicyError naming
    the field.

    `ipa_criteria` optionally answers the art. 3.37d VV criteria by id (True: met, False: an
    obstacle); `ipa_obstacles=True` says in one answer that the IPA is unreasonable. `origin`
    optionally says what the applicant named (a place, a point); `region` must then be the
    unit it resolves to.
    """

    region: str
    persecution: bool = False
    individual_harm: bool = False
    individual_elements: IndividualElements = IndividualElements.none
    ipa_obstacles: bool = False
    exclusion_indications: bool = False
    ipa_criteria: dict[str, bool] = field(default_factory=dict)
    origin: NamedOrigin | None = None

    def __init__(self, **facts: Any) -> None:
        unknown = [name for name in facts if name not in _CASE_FIELDS]
        if unknown:
            raise PolicyError(f"{unknown[0]}: not a fact of a case ({', '.join(_CASE_FIELDS)})")
        if "region" not in facts:
            raise PolicyError("region: required")
        region = facts["region"]
        if not isinstance(region, str):
            raise PolicyError(f"region: must be a name or code (text), not {region!r}")
        for name in BOOLEAN_FACTS:
            value = facts.get(name, False)
            if not isinstance(value, bool):
                raise PolicyError(f"{name}: must be true or false (a bool), not {value!r}")
        elements = facts.get("individual_elements", IndividualElements.none)
        if not isinstance(elements, IndividualElements):
            if not isinstance(elements, str) or elements not in _ELEMENT_VALUES:
                allowed = ", ".join(_ELEMENT_VALUES)
                raise PolicyError(f"individual_elements: {elements!r} is not one of {allowed}")
            elements = IndividualElements(elements)
        criteria = facts.get("ipa_criteria", {})
        if not isinstance(criteria, dict):
            raise PolicyError(f"ipa_criteria: must be a table of true or false, not {criteria!r}")
        known = {criterion.id for criterion in ipa_criteria()}
        for key, answer in criteria.items():
            if key not in known:
                raise PolicyError(
                    f"ipa_criteria: unknown criterion {key!r}; known: {', '.join(sorted(known))}"
                )
            if not isinstance(answer, bool):
                raise PolicyError(f"ipa_criteria.{key}: must be true or false")
        origin = facts.get("origin")
        if origin is not None and not isinstance(origin, NamedOrigin):
            raise PolicyError(f"origin: must be a NamedOrigin, not {origin!r}")
        values = {
            **{name: facts.get(name, False) for name in BOOLEAN_FACTS},
            "region": region,
            "individual_elements": elements,
            "ipa_criteria": dict(criteria),
            "origin": origin,
        }
        for name, value in values.items():
            object.__setattr__(self, name, value)

    @classmethod
    def from_origin(cls, origin: NamedOrigin, **facts: Any) -> Case:
        """The case of an applicant from `origin` (its unit is the case's region)."""
        return cls(region=origin.region_code, origin=origin, **facts)


# The one list of a case's facts, in the order the decision form asks them; the batch's CSV
# columns, the page's link parameters and the Decision's `facts` all use it.
FACT_NAMES: Final[tuple[str, ...]] = (
    "persecution",
    "individual_harm",
    "individual_elements",
    "ipa_obstacles",
    "exclusion_indications",
)
BOOLEAN_FACTS: Final[tuple[str, ...]] = tuple(n for n in FACT_NAMES if n != "individual_elements")
# The one vocabulary of yes and no for a fact given as text (a CSV cell, a page link), compared
# after trimming and case folding. A CSV's empty cell also means no (batch.FALSE_TEXTS).
TRUE_WORDS: Final = frozenset({"true", "1", "yes", "y", "ja", "j", "t"})
FALSE_WORDS: Final = frozenset({"false", "0", "no", "n", "nee", "f"})
_CASE_FIELDS: Final = ("region", *FACT_NAMES, "ipa_criteria", "origin")
_ELEMENT_VALUES: Final = tuple(elements.value for elements in IndividualElements)


def parse_elements(value: object) -> IndividualElements:
    """The enum, or its value in any case with surrounding spaces (empty: none).

    The one parser of individual elements: `Case`, the batch's CSV cells and the CLI all read
    them here, so "LIMITED" and " limited " mean the same everywhere.
    """
    if isinstance(value, IndividualElements):
        return value
    allowed = ", ".join(e.value for e in IndividualElements)
    if isinstance(value, str):
        text = value.strip().casefold() or IndividualElements.none.value
        if text in IndividualElements.__members__:
            return IndividualElements(text)
    raise PolicyError(f"individual_elements: {value!r} is not one of {allowed}")


def case_facts(case: Case) -> dict[str, Any]:
    """The facts of a case as plain values, for the Decision's memo and JSON."""
    facts: dict[str, Any] = {"region": case.region}
    for name in FACT_NAMES:
        value = getattr(case, name)
        facts[name] = value.value if isinstance(value, IndividualElements) else value
    return facts
