"""What a user typed, shown back in an error message: short, on one line.

Why: an error must be one readable line (docs/cli.md: the CLI contract). A region name of 5,000
characters, a pasted paragraph or a binary cell echoed in full would bury the message and can
carry line breaks. Every message that quotes user input goes through :func:`quoted`, and the
command line passes its final line through :func:`one_line`.
"""

from __future__ import annotations

SHOWN_CHARS = 60
LINE_CHARS = 400


def shorten(text: str, limit: int = SHOWN_CHARS) -> str:
    """`text` on one line, cut to about `limit` characters with its full length said."""
    flat = " ".join(text.split()) if any(ch in text for ch in "\r\n\t\v\f") else text
    if len(flat) <= limit:
        return flat
    return f"{flat[:limit]}… ({len(text):,} characters)"


def quoted(value: object, limit: int = SHOWN_CHARS) -> str:
    """A value as Python would quote it (`'Gao'`), shortened when long."""
    text = repr(value)
    if len(text) <= limit + 2:
        return text
    return f"{text[: limit + 1]}… ({len(str(value)):,} characters)"


def one_line(message: str, limit: int = LINE_CHARS) -> str:
    """The message on one line (whitespace runs become one space), at most about `limit` chars."""
    flat = " ".join(message.split())
    if len(flat) <= limit:
        return flat
    return f"{flat[:limit]}… (message cut at {limit} characters)"


def printable(text: str, limit: int = LINE_CHARS) -> str:
    """`text` with line breaks and other control characters written as escapes (`\\r`), so a
    key or value from a file cannot break a message over lines; cut at about `limit`."""
    if text.isprintable() and len(text) <= limit:
        return text
    shown = "".join(ch if ch.isprintable() else repr(ch)[1:-1] for ch in text)
    return shown if len(shown) <= limit else f"{shown[:limit]}… ({len(shown):,} characters)"
