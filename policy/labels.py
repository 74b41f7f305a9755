"""Compatibility: the labels now come from the one catalogue of policy texts, `policy.texts`."""

from policy.texts import (
    Lang,
    elements_label,
    fact_label,
    flag_label,
    gradation_label,
    outcome_label,
)

__all__ = [
    "Lang",
    "elements_label",
    "fact_label",
    "flag_label",
    "gradation_label",
    "outcome_label",
]
