"""The product's version: the one place it is written (pyproject.toml reads it from here, so the
built package and a memo made from a source tree say the same)."""

VERSION = "0.1.0"
