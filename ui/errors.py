"""Unexpected errors on the page: a short message for the user, the traceback in the log.

Errors a user can cause (a bad link value, a name that matches nothing) are handled where they
arise and explained in words; these helpers are the net under everything else, so the page never
shows a traceback (`.streamlit/config.toml` also hides Streamlit's own error details).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import Any, Final

import streamlit as st

from ui.texts import Lang, t

LOG: Final = logging.getLogger("dashboard")
CALLBACK_FAILED_KEY: Final = "callback_failed"


@contextmanager
def guarded(lang: Lang, where: str) -> Iterator[None]:
    """A part of the page that fails shows a short message there and logs the traceback.

    Streamlit's own control flow (`st.stop`, `st.rerun`) derives from BaseException and passes.
    """
    try:
        yield
    except Exception:
        LOG.exception("dashboard: %s failed", where)
        st.error(t("error_unexpected", lang))


def safe_callback(function: Callable[..., None]) -> Callable[..., None]:
    """A widget callback that fails is logged; the next run says so in one line."""

    @wraps(function)
    def wrapper(*args: Any) -> None:
        try:
            function(*args)
        except Exception:
            LOG.exception("dashboard: callback %s failed", function.__name__)
            st.session_state[CALLBACK_FAILED_KEY] = True

    return wrapper


def report_failed_callback(lang: Lang) -> None:
    if st.session_state.pop(CALLBACK_FAILED_KEY, False):
        st.error(t("error_unexpected", lang))
