"""Compatibility: the engine is split by job into `policy.case` (the facts), `policy.rules`
(`evaluate`), `policy.decision` (the Decision model) and `policy.memo` (the memo)."""

from policy.case import Case, NamedOrigin, case_facts, parse_elements
from policy.decision import Decision, Step
from policy.rules import evaluate

__all__ = ["Case", "Decision", "NamedOrigin", "Step", "case_facts", "evaluate", "parse_elements"]
