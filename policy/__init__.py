"""The Dutch asylum country policy for Mali (paragraph C7/23 Vc) as cited data and rules.

Versions live as TOML files in `policy/versions/`; every value carries its paragraph and Dutch
sentence. The engine (`evaluate`, `evaluate_batch`) holds no region names: all content comes
from the version data.

The names below load on first use (PEP 562): a caller that needs one small module (the
CSV safety rules, say) does not pay for pandas and the whole engine.
"""

from importlib import import_module
from typing import Any

_LAZY = {
    "BatchInputError": "policy.batch",
    "evaluate_batch": "policy.batch",
    "Case": "policy.engine",
    "Decision": "policy.engine",
    "Step": "policy.engine",
    "evaluate": "policy.engine",
    "InvalidVersionError": "policy.errors",
    "PolicyError": "policy.errors",
    "PolicyFileError": "policy.errors",
    "UnknownRegionError": "policy.errors",
    "elements_label": "policy.labels",
    "fact_label": "policy.labels",
    "flag_label": "policy.labels",
    "gradation_label": "policy.labels",
    "outcome_label": "policy.labels",
    "Citation": "policy.models",
    "Gradation": "policy.models",
    "IndividualElements": "policy.models",
    "Note": "policy.models",
    "Outcome": "policy.models",
    "PolicyVersion": "policy.models",
    "Reason": "policy.models",
    "RegionPolicy": "policy.models",
    "RegionReasons": "policy.models",
    "Source": "policy.models",
    "Paragraph": "policy.paragraphs",
    "load_paragraphs": "policy.paragraphs",
    "RegionMatch": "policy.regions",
    "resolve_region": "policy.regions",
    "list_versions": "policy.versions_io",
    "load_version": "policy.versions_io",
    "load_version_file": "policy.versions_io",
    "validate_file": "policy.versions_io",
}


def __getattr__(name: str) -> Any:
    if name not in _LAZY:
        raise AttributeError(f"module 'policy' has no attribute {name!r}")
    value = getattr(import_module(_LAZY[name]), name)
    globals()[name] = value
    return value


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
