"""The two shipped versions, for the tests of the rules' steps (`steps.only_step` finds one)."""

from __future__ import annotations

import pytest

from policy import PolicyVersion, load_version


@pytest.fixture(scope="module")
def current() -> PolicyVersion:
    return load_version("wbv-2025-11")


@pytest.fixture(scope="module")
def earlier() -> PolicyVersion:
    return load_version("c7-23-before-wbv-2025-11")
