"""The Dutch asylum country policy for Mali (paragraph C7/23 Vc) as cited data and rules.

Versions live as TOML files in `policy/versions/`; every value carries its paragraph and Dutch
sentence. The engine (`evaluate`, `evaluate_batch`) holds no region names: all content comes
from the version data.
"""

from policy.batch import BatchInputError, evaluate_batch
from policy.engine import Case, Decision, Step, evaluate
from policy.errors import InvalidVersionError, PolicyError, PolicyFileError, UnknownRegionError
from policy.labels import elements_label, fact_label, flag_label, gradation_label, outcome_label
from policy.models import (
    Citation,
    Gradation,
    IndividualElements,
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
from policy.versions_io import list_versions, load_version, load_version_file, validate_file

__all__ = [
    "elements_label",
    "fact_label",
    "BatchInputError",
    "Case",
    "Citation",
    "Decision",
    "Gradation",
    "IndividualElements",
    "InvalidVersionError",
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
    "list_versions",
    "load_version",
    "load_paragraphs",
    "load_version_file",
    "outcome_label",
    "resolve_region",
    "validate_file",
]
