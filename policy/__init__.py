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
    "Case": "policy.case",
    "NamedOrigin": "policy.case",
    "parse_elements": "policy.case",
    "AlternativeReading": "policy.decision",
    "Decision": "policy.decision",
    "Step": "policy.decision",
    "InvalidVersionError": "policy.errors",
    "PolicyError": "policy.errors",
    "PolicyFileError": "policy.errors",
    "UnknownRegionError": "policy.errors",
    "Citation": "policy.models",
    "Flag": "policy.models",
    "Gradation": "policy.models",
    "IndividualElements": "policy.models",
    "IpaRole": "policy.models",
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
    "evaluate": "policy.rules",
    "elements_label": "policy.texts",
    "fact_answer": "policy.texts",
    "fact_label": "policy.texts",
    "flag_label": "policy.texts",
    "gradation_label": "policy.texts",
    "ipa_answer_label": "policy.texts",
    "ipa_role_label": "policy.texts",
    "outcome_label": "policy.texts",
    "region_gradation_label": "policy.texts",
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
    "AlternativeReading",
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
    "Outcome",
    "Paragraph",
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
    "elements_label",
    "evaluate",
    "evaluate_batch",
    "fact_answer",
    "fact_label",
    "flag_label",
    "gradation_label",
    "ipa_answer_label",
    "ipa_role_label",
    "list_versions",
    "load_paragraphs",
    "load_version",
    "load_version_file",
    "outcome_label",
    "parse_elements",
    "region_gradation_label",
    "resolve_region",
    "validate_file",
]
