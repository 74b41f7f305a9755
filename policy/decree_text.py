"""A decree text of the WBV form, as it really arrives, cut into its parts.

Why a module of its own: a decree reaches the analyst as text copied from a PDF or a mail —
lines broken inside sentences, words hyphenated at a line end (`geconclu-` / `deerd`), leading
spaces, curly or straight quotes. Reading its meaning (`policy.draft_version`) should not have to
know any of that. This module only restores the text's structure: the sub-paragraphs of Article
I with number, heading and sentences; Article II; the signature line; the toelichting's
sentences. Each sentence keeps the line it starts on, so a sentence no rule reads can be named
by line.

The text of a sentence is the decree's own words with the layout undone (whitespace collapsed,
a line-end hyphen joined), so it is found word for word in the decree by `policy.quotes`, the
check every version file passes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from wording import t

MAX_DECREE_BYTES = 200_000
"""A decree text is a few pages (the WBV 2025/11 text is 9 kB); more is not a decree."""

_HEADING = re.compile(r"^(23(?:\.\d+)*)\.?\s+(\S.*)$")
"""A sub-paragraph's first line: `23.4.2. Ernstige schade …` (the number, then the heading)."""
_ARTICLE = re.compile(r"^ARTIKEL\s+([IVX]+)$", re.IGNORECASE)
_TOELICHTING = re.compile(r"^TOELICHTING$", re.IGNORECASE)
_SIGNATURE = re.compile(r"^[’'‘`]s-Gravenhage,\s+(\d{1,2})\s+([a-z]+)\s+(\d{4})$", re.IGNORECASE)
"""The signature line: `’s-Gravenhage, 4 juni 2025` (any apostrophe)."""
_BODY_START = re.compile(r"^(Geen bijzonderheden|De IND\b)")
"""Where a heading ends when no blank line follows it: the paragraph's first sentence."""
_SENTENCE_END = re.compile(r"(?<=[.;])\s+(?=[A-Z“‘\"'(])")
"""A sentence ends at `.` or `;` followed by a space and a capital (or quote, bracket)."""
_KEEP_HYPHEN_BEFORE = ("niet", "Noord", "Zuid", "Oost", "West")
"""Words whose line-end hyphen belongs to the word (`niet-\\nstatelijke` = `niet-statelijke`)."""

MONTHS = {
    month: number
    for number, month in enumerate(
        (
            "januari",
            "februari",
            "maart",
            "april",
            "mei",
            "juni",
            "juli",
            "augustus",
            "september",
            "oktober",
            "november",
            "december",
        ),
        start=1,
    )
}


class DecreeFormError(ValueError):
    """The text is not of the WBV form (no Article I, no paragraph 23, …): one line."""


@dataclass(frozen=True)
class Sentence:
    """One sentence: its text (layout undone) and the line of the decree it starts on."""

    text: str
    line: int


@dataclass(frozen=True)
class Paragraph:
    """A sub-paragraph of C7/23 as Article I words it; `sentences` is empty for a heading."""

    number: str
    heading: str
    line: int
    sentences: tuple[Sentence, ...]

    @property
    def text(self) -> str:
        """The text as `policy/paragraph_texts/` writes it: one sentence per line."""
        return "\n".join(sentence.text for sentence in self.sentences)


@dataclass(frozen=True)
class Decree:
    """The parts of a decree text the reader uses."""

    title: str
    number: str | None
    paragraphs: tuple[Paragraph, ...]
    article_ii: tuple[Sentence, ...]
    signature: Sentence | None
    toelichting: tuple[Sentence, ...]
    lines: tuple[str, ...] = field(repr=False, default=())
    other_articles: tuple[tuple[str, tuple[Sentence, ...]], ...] = ()
    """Articles other than I and II (`ARTIKEL III`, …): their numeral and sentences."""

    def paragraph(self, number: str) -> Paragraph | None:
        for paragraph in self.paragraphs:
            if paragraph.number == number:
                return paragraph
        return None


def fold(text: str) -> str:
    """A sentence in the form the rules compare: one space, straight apostrophes and quotes."""
    pairs = (("’", "'"), ("‘", "'"), ("`", "'"), ("´", "'"), ("ʼ", "'"), ("“", '"'), ("”", '"'))
    for curly, straight in pairs:
        text = text.replace(curly, straight)
    return " ".join(text.split())


def decode(data: bytes, name: str) -> str:
    """A decree file's bytes as text: UTF-8 (with or without BOM), within the size limit."""
    if len(data) > MAX_DECREE_BYTES:
        raise DecreeFormError(
            t(
                "draft.cli.too_large",
                "en",
                file=name,
                size=f"{len(data):,}",
                limit=f"{MAX_DECREE_BYTES:,}",
            )
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise DecreeFormError(
            t("draft.cli.not_utf8", "en", file=name, line=line, byte=f"{data[error.start]:02x}")
        ) from None
    if "\x00" in text:
        raise DecreeFormError(t("draft.cli.nul", "en", file=name))
    return text


def parse(text: str) -> Decree:
    """The decree's parts; DecreeFormError when the text lacks Article I or paragraph 23."""
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    lines = [line.strip() for line in raw]
    markers = _markers(lines)
    if "I" not in markers:
        raise DecreeFormError(t("draft.cli.no_article_i", "en"))
    start = markers["I"]
    end = min(
        [index for key, index in markers.items() if key != "I" and index > start] or [len(lines)]
    )
    paragraphs = _paragraphs(lines, start + 1, end)
    if not paragraphs:
        raise DecreeFormError(t("draft.cli.no_paragraph_23", "en", line=start + 1))
    signature_at = markers.get("signature")
    article_ii: tuple[Sentence, ...] = ()
    if "II" in markers:
        stop = min(
            [i for k, i in markers.items() if i > markers["II"] and k != "II"] or [len(lines)]
        )
        article_ii = _sentences(lines, markers["II"] + 1, stop)
    signature = None
    if signature_at is not None:
        signature = Sentence(lines[signature_at], signature_at + 1)
    toelichting: tuple[Sentence, ...] = ()
    if "toelichting" in markers:
        body = _toelichting_body(lines, markers["toelichting"] + 1)
        toelichting = _sentences(lines, markers["toelichting"] + 1, body)
    others = tuple(
        (key, _sentences(lines, index + 1, _next_marker(markers, index, len(lines))))
        for key, index in markers.items()
        if key not in ("I", "II", "signature", "toelichting")
    )
    title, number = _title(lines, start)
    return Decree(
        title=title,
        number=number,
        paragraphs=paragraphs,
        article_ii=article_ii,
        signature=signature,
        toelichting=toelichting,
        lines=tuple(raw),
        other_articles=others,
    )


def _next_marker(markers: dict[str, int], index: int, end: int) -> int:
    return min([i for i in markers.values() if i > index] or [end])


def signature_date(signature: Sentence) -> tuple[int, int, int] | None:
    """(year, month, day) of a signature line, or None when the month is not a Dutch month."""
    found = _SIGNATURE.match(signature.text)
    if not found or found.group(2).lower() not in MONTHS:
        return None
    return int(found.group(3)), MONTHS[found.group(2).lower()], int(found.group(1))


def _markers(lines: list[str]) -> dict[str, int]:
    """Line index of ARTIKEL I, ARTIKEL II, the signature and the TOELICHTING (first of each)."""
    found: dict[str, int] = {}
    for index, line in enumerate(lines):
        article = _ARTICLE.match(line)
        if article:
            found.setdefault(article.group(1).upper(), index)
        elif _TOELICHTING.match(line):
            found.setdefault("toelichting", index)
        elif _SIGNATURE.match(line):
            found.setdefault("signature", index)
    return found


def _title(lines: list[str], stop: int) -> tuple[str, str | None]:
    """The decree's first sentence (`Besluit van … houdende wijziging van …`) and its number."""
    blocks = _blocks(lines, 0, stop)
    title = ""
    if blocks:
        first = " ".join(_join(lines, blocks[0][0], blocks[0][1]).split())
        # The title may run over a blank line ("… nummer" / "WBV 2025/11, houdende …").
        if len(blocks) > 1 and first.endswith("nummer"):
            first += " " + " ".join(_join(lines, blocks[1][0], blocks[1][1]).split())
        title = first
    number = re.search(r"\bWBV\s+\d{4}/\d+", title)
    return title, (" ".join(number.group(0).split()) if number else None)


def _blocks(lines: list[str], start: int, stop: int) -> list[tuple[int, int]]:
    """(first, end) line indices of each run of non-blank lines in [start, stop)."""
    blocks: list[tuple[int, int]] = []
    first = None
    for index in range(start, stop):
        if lines[index] and first is None:
            first = index
        elif not lines[index] and first is not None:
            blocks.append((first, index))
            first = None
    if first is not None:
        blocks.append((first, stop))
    return blocks


def _paragraphs(lines: list[str], start: int, stop: int) -> tuple[Paragraph, ...]:
    """Every `23…` sub-paragraph: a heading block, then text up to the next heading."""
    blocks = _blocks(lines, start, stop)
    heads = [
        (index, first, end)
        for index, (first, end) in enumerate(blocks)
        if _HEADING.match(lines[first])
    ]
    paragraphs = []
    for position, (index, first, end) in enumerate(heads):
        body_first = next((i for i in range(first + 1, end) if _BODY_START.match(lines[i])), end)
        found = _HEADING.match(_join(lines, first, body_first))
        assert found is not None  # the block starts with a heading line
        number, heading = found.group(1), " ".join(found.group(2).split())
        last = heads[position + 1][1] if position + 1 < len(heads) else blocks[-1][1]
        paragraphs.append(
            Paragraph(
                number=number,
                heading=heading,
                line=first + 1,
                sentences=_sentences(lines, body_first, last),
            )
        )
        del index
    return tuple(paragraphs)


def _toelichting_body(lines: list[str], start: int) -> int:
    """Where the toelichting's text ends: at its closing signature (`De Minister van …,`)."""
    for index in range(start, len(lines)):
        if re.match(r"^De Minister\b.*,$", lines[index]):
            return index
    return len(lines)


def _sentences(lines: list[str], start: int, stop: int) -> tuple[Sentence, ...]:
    """The sentences of lines [start, stop), each with the (1-based) line it starts on.

    A block of one short line without a full stop (a letter heading such as `A`) is not text.
    """
    found: list[Sentence] = []
    for first, end in _blocks(lines, start, stop):
        while first < end and re.fullmatch(r"[A-Z]{1,3}\.?", lines[first]):
            first += 1  # a letter heading (`A`) on a line of its own
        if first == end:
            continue
        text, starts = _joined_with_lines(lines, first, end)
        position = 0
        for match in [*_SENTENCE_END.finditer(text), None]:
            cut = match.start() if match else len(text)
            sentence = text[position:cut].strip()
            if sentence:
                offset = position + (len(text[position:cut]) - len(text[position:cut].lstrip()))
                found.append(Sentence(sentence, _line_at(starts, offset)))
            position = match.end() if match else len(text)
    return tuple(found)


def _join(lines: list[str], start: int, stop: int) -> str:
    return _joined_with_lines(lines, start, stop)[0]


def _joined_with_lines(
    lines: list[str], start: int, stop: int
) -> tuple[str, list[tuple[int, int]]]:
    """Lines [start, stop) as one text with the layout undone, and (offset, line number) of the
    start of each line in it.

    A hyphen at a line end after a letter and before a lower-case letter is a word broken by the
    layout (`geconclu-` + `deerd`), unless the part before is a word that takes a hyphen
    (`niet-` + `statelijke`).
    """
    text = ""
    starts: list[tuple[int, int]] = []
    for index in range(start, stop):
        line = " ".join(lines[index].split())
        if not line:
            continue
        if text.endswith("-") and re.search(r"\w-$", text) and line[:1].islower():
            if not _keeps_hyphen(text):
                text = text[:-1]  # a word broken by the layout: joined without its hyphen
        elif text:
            text += " "
        starts.append((len(text), index + 1))
        text += line
    return text, starts


def _keeps_hyphen(before: str) -> bool:
    """Whether the hyphen ending `before` belongs to the word (`niet-`, `2025-`)."""
    word = re.search(r"(\w+)-$", before)
    if word is None:
        return False
    return word.group(1) in _KEEP_HYPHEN_BEFORE or word.group(1)[-1].isdigit()


def _line_at(starts: list[tuple[int, int]], offset: int) -> int:
    line = starts[0][1]
    for position, number in starts:
        if position > offset:
            break
        line = number
    return line
