"""The Dutch asylum country policy for Mali (paragraph C7/23 Vc) as cited data and rules.

Versions live as TOML files in `policy/versions/`; every value carries its paragraph and Dutch
sentence. The rules (`evaluate`, and `evaluate_batch` for a caseload) hold no region names: all
content comes from the version data.
"""

from policy.batch import BatchInputError, evaluate_batch
from policy.case import Case, NamedOrigin, parse_elements
from policy.decision import AlternativeReading, Decision, Step
from policy.errors import InvalidVersionError, PolicyError, PolicyFileError, UnknownRegionError
from policy.models import (
    Citation,
    Flag,
    Gradation,
    IndividualElements,
    IpaRole,
    Note,
    Outcome,
    PolicyVersion,
    Reason,
    RegionPolicy,
    RegionReasons,
    Source,
)
from policy.paragraphs import Paragraph, load_paragraphs
from policy.regions import RegionMatch, resolve_region
from policy.rules import evaluate
from policy.texts import (
    elements_label,
    fact_label,
    flag_label,
    gradation_label,
    ipa_answer_label,
    ipa_role_label,
    outcome_label,
)
from policy.versions_io import list_versions, load_version, load_version_file, validate_file

__all__ = [
    "AlternativeReading",
    "elements_label",
    "fact_label",
    "BatchInputError",
    "Case",
    "Citation",
    "Decision",
    "Flag",
    "Gradation",
    "IndividualElements",
    "InvalidVersionError",
    "IpaRole",
    "NamedOrigin",
    "Note",
    "Paragraph",
    "Outcome",
    "PolicyError",
    "PolicyFileError",
    "PolicyVersion",
    "Reason",
    "RegionMatch",
    "RegionPolicy",
    "RegionReasons",
    "Source",
    "Step",
    "UnknownRegionError",
    "evaluate",
    "evaluate_batch",
    "flag_label",
    "gradation_label",
    "ipa_answer_label",
    "ipa_role_label",
    "list_versions",
    "load_version",
    "load_paragraphs",
    "load_version_file",
    "outcome_label",
    "parse_elements",
    "resolve_region",
    "validate_file",
]
