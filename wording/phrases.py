"""One function per shared phrase: every surface says these things through here, so the page,
the memo, the case PDF, the map images, the offline map and the command lines say them alike.

The functions take codes and plain values (a role code, a flag name, a date), never a policy
object: `wording` imports nothing of `policy`, `geodata`, `briefing` or `ui`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from enum import Enum

from wording.catalogue import t

# The marks, in the order they stand in a headline, and the flag or outcome that sets each.
MARKS: tuple[str, ...] = ("scenario", "reading", "undetermined", "exclusion_review")
_MARK_FLAGS = {"what_if": "scenario", "rests_on_reading": "reading"}


def _code(code: object) -> str:
    return str(code.value) if isinstance(code, Enum) else str(code)


def yes_no(value: bool | None, lang: str) -> str:
    """The one "yes" / "no" / "unknown" (None) of the project."""
    return t(f"answer.{'unknown' if value is None else ('yes' if value else 'no')}", lang)


def gradation_label(code: object, lang: str) -> str:
    """The legal term (nl) or its English rendering of a gradation code."""
    return t(f"gradation.{_code(code)}", lang)


def region_gradation(
    code: object, possible: Iterable[object], lang: str, own_term: str | None = None
) -> str:
    """A region's level as a listing shows it (map tooltip, overview, CLI, briefing): its label,
    or, where the sources narrow an unknown level to a few possibilities, what they do say
    ("Unknown; inferred: not the exceptional level …"), never a bare "not in the sources".
    `own_term` is a version's own term for its highest level (the earlier version's "de hoogste
    uitzonderlijke situatie"): shown as such, its reading as today's term marked."""
    levels = [_code(level) for level in possible]
    if own_term and _code(code) == "exceptional":
        return t("gradation_own_term", lang, term=own_term)
    if not levels:
        return gradation_label(code, lang)
    below_exceptional = {"relatively_higher", "relatively_lower", "no_15c", "not_designated"}
    if set(levels) == below_exceptional:
        return t("gradation_narrowed.not_exceptional", lang)
    labels = [_lower_first(gradation_label(level, lang)) for level in levels]
    listed = ", ".join(labels[:-1]) + t("list.or", lang) + labels[-1]
    return t("gradation_narrowed.one_of", lang, levels=listed)


def outcome_label(code: object, lang: str) -> str:
    """The label of an outcome code."""
    return t(f"outcome.{_code(code)}", lang)


def ipa_status(role: object, lang: str) -> str:
    """A region's IPA status by its role (`origin`, `destination`, `none`, `unknown`): the
    words of the details, the overview, the tooltip, the legend, the CLI and the briefing.
    A region not on the list reads "not on the list in C7/23.5.2 Vc; …" everywhere."""
    return t(f"ipa_role.{_code(role)}", lang)


def ipa_answer(answer: bool | None, role: object, lang: str, at_issue: bool = True) -> str:
    """A decision's answer to "is an IPA held against the applicant?" (memo, PDF, page).

    For a region not on the list the answer is the region's status ("not on the list in
    C7/23.5.2 Vc; …"), so a decision on Kayes reads as Kayes does on the map. Otherwise: "not
    at issue" when no protection need arises, else yes / no / unknown.
    """
    if _code(role) == "none" and answer is not True:
        return ipa_status("none", lang)
    if not at_issue:
        return t("ipa_answer.not_at_issue", lang)
    return t(f"ipa_answer.{'unknown' if answer is None else ('yes' if answer else 'no')}", lang)


def mark_codes(flags: Iterable[str], outcome: object) -> list[str]:
    """The marks a decision with `flags` and `outcome` carries, as codes in headline order
    (`scenario`, `reading`, `undetermined`, `exclusion_review`): the batch's `marks` column."""
    given = set(flags)
    present = {_MARK_FLAGS[f] for f in given if f in _MARK_FLAGS}
    if "exclusion_review" in given:
        present.add("exclusion_review")
    if _code(outcome) == "undetermined":
        present.add("undetermined")
    return [mark for mark in MARKS if mark in present]


def marks(flags: Iterable[str], outcome: object, lang: str) -> list[str]:
    """The marks a decision with `flags` and `outcome` carries, in `lang`, in headline order."""
    return [t(f"mark.{mark}", lang) for mark in mark_codes(flags, outcome)]


def scenario_mark(
    lang: str, title: str | None = None, escape: Callable[[str], str] | None = None
) -> str:
    """The mark of a scenario (what-if) result: "What-if scenario «title» — not the policy in
    force". With its `title` it opens every headline of the scenario's outputs and its map
    titles; without, it marks a step or a column. `escape` is the output's own escape
    (`wording.escape.markdown`, `.html`) for the title, which a user wrote."""
    if title is None:
        return t("mark.scenario", lang)
    shown = escape(title) if escape is not None else title
    return t("mark.scenario_titled", lang, title=shown)


def reading_mark(lang: str) -> str:
    """The mark of a result that rests partly on the project's reading."""
    return t("mark.reading", lang)


def headline(
    line: str,
    flags: Iterable[str],
    lang: str,
    *,
    title: str | None = None,
    escape: Callable[[str], str] | None = None,
) -> str:
    """The outcome line with its marks in front: "[What-if scenario … · Rests partly on …] The
    policy points to: …". The one headline of the page box, the memo, the PDF and the CLI.

    The line itself already opens with "Undetermined:" and ends with the Article 1F
    reservation where they apply (outcome_line.*), so only the scenario and reading marks are
    put in front: the four marks are in every headline, none twice. A scenario's mark names
    its `title` (`scenario_mark`), escaped with `escape`."""
    given = set(flags)
    found = [
        scenario_mark(lang, title, escape) if mark == "scenario" else t(f"mark.{mark}", lang)
        for flag, mark in _MARK_FLAGS.items()
        if flag in given
    ]
    return marked(line, found, lang)


def marked(line: str, found: list[str], lang: str) -> str:
    """`line` with the marks `found` in front ("[mark · mark] line"); a title of a scenario's
    map is marked this way too."""
    if not found:
        return line
    return t("mark.headline", lang, marks=t("mark.separator", lang).join(found), line=line)


def disclaimer(lang: str, *, readings: bool, in_force_known: bool) -> str:
    """That the IND decides each case; that the answer rests on readings only when a step is
    one; and, where it is so, that the version's date of entry into force is not known."""
    parts = [t("disclaimer.base", lang)]
    if readings:
        parts.append(t("disclaimer.readings", lang))
    if not in_force_known:
        parts.append(t("disclaimer.in_force_unknown", lang))
    return " ".join(parts)


def date(day: dt.date, lang: str) -> str:
    """A date in a sentence: "7 december 2026" (nl), "7 December 2026" (en)."""
    month = t("date.months", lang).split()[day.month - 1]
    return t("date.format", lang, day=day.day, month=month, year=day.year)


def ipa_value(value: bool | None, lang: str) -> str:
    """A version's IPA value for a region in words ("applies", "does not apply", "unknown"): what
    a scenario sets and a comparison shows."""
    key = "unknown" if value is None else ("applies" if value else "does_not_apply")
    return t(f"scenario_note.ipa_values.{key}", lang)


def _lower_first(label: str) -> str:
    """A label inside a sentence ("points to: refugee status")."""
    return label[:1].lower() + label[1:]


def _upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def joined(parts: Iterable[str], lang: str) -> str:
    """Parts joined by "and" in `lang` ("a en b", "a and b")."""
    return t("list.and", lang).join(parts)


def missing_value(what: str, lang: str, **names: str) -> str:
    """A value the sources do not give, in words (`regions[ML-7].ipa_applies` → "whether an
    internal protection alternative is assumed … for people from Ségou")."""
    return t(f"missing.{what}", lang, **names)


def outcome_line(
    outcome: object,
    lang: str,
    *,
    destination: str | None = None,
    missing: Iterable[str] = (),
    readings: Iterable[tuple[str, object]] = (),
    exclusion: bool = False,
) -> str:
    """The outcome as one sentence: an indication of the policy, what it is undetermined on, or
    that every reading the text leaves open gives it; with the Article 1F reservation.

    `missing`: the values (already in words, `missing_value`) an undetermined outcome depends
    on, or that the readings differ on; `readings`: (label, outcome code) of each reading where
    the text is silent; `destination`: the place of the alternative for an IPA outcome.
    """
    code = _code(outcome)
    readings = list(readings)
    words = joined(missing, lang)
    if code == "undetermined" and readings:
        listed = "; ".join(
            f"{label}: {_lower_first(outcome_label(result, lang))}" for label, result in readings
        )
        line = t("outcome_line.scope", lang, missing=words, readings=_upper_first(listed))
    elif code == "undetermined":
        line = t("outcome_line.undetermined", lang, missing=words)
    elif readings:
        line = t(
            "outcome_line.scope_same",
            lang,
            outcome=_lower_first(outcome_label(code, lang)),
            missing=words,
        )
    elif code == "internal_protection_alternative":
        line = t("outcome_line.ipa", lang, destination=destination)
    else:
        line = t("outcome_line.indication", lang, outcome=_lower_first(outcome_label(code, lang)))
    if exclusion:
        line += " " + t("outcome_line.exclusion", lang)
    return line
