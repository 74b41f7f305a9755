"""The Dutch asylum country policy for Mali (paragraph C7/23 Vc) as cited data and rules.

Versions live as TOML files in `policy/versions/`; every value carries its paragraph and Dutch
sentence. The engine (`evaluate`, `evaluate_batch`) holds no region names: all content comes
from the version data.
"""
