"""A decree text of the WBV form read into a version file: the values it gives, cited, and the
values it does not give, carried over from the version it is based on and saying so.

Why: a new or draft decree should reach the map, the comparison and the caseload the day it
arrives, without a developer writing TOML by hand — and without the reader guessing. Every
value the draft holds comes from one of the sentence forms below (each rule names the sentence
form it reads, with its paragraph); a sentence of C7/23.4.2 or C7/23.5.2 that no rule reads is
reported (`unread`), content where the decree used to say "Geen bijzonderheden" is kept as
text and reported (`not_modelled`), and what is taken from the base version is listed
(`carried_over`). A region name the project's name table does not know stops the draft with
the closest names: a region is never dropped.

The result is checked by the same loader as every version file (`policy.versions_io`), so each
quote is found word for word in the decree.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policy.data_files import VERSIONS_DIR, official_units, read_package_toml
from policy.decree_text import Decree, DecreeFormError, Sentence, fold, parse, signature_date
from policy.errors import PolicyError, UnknownRegionError
from policy.messages import printable
from policy.models import PolicyVersion
from policy.quotes import quote_occurs, register_source_text
from policy.regions import resolve_region, split_off
from wording import t

LEVELS = {
    "uitzonderlijk": ("exceptional", "level-exceptional"),
    "relatief hoger": ("relatively_higher", "level-higher"),
    "relatief lager": ("relatively_lower", "level-lower"),
}

# C7/23.4.2 Vc: "De IND neemt voor Mali aan dat sprake is van een uitzonderlijk niveau van
# willekeurig geweld in de regio’s Gao, Kidal, Mopti en Tombouctou." (also "relatief hoger",
# "relatief lager"; "de regio X"; "het district X").
LEVEL_SENTENCE = re.compile(
    r"^De IND neemt voor Mali aan dat (?:er )?sprake is van een "
    r"(?P<level>uitzonderlijk|relatief hoger|relatief lager) niveau van willekeurig geweld in "
    r"(?:de regio(?:'s|s)?|het district) (?P<names>.+)\.$"
)
# C7/23.5.2 Vc: "De IND neemt voor Mali geen binnenlands beschermingsalternatief aan, als de IND
# heeft geconcludeerd dat de vreemdeling op basis van individuele omstandigheden een gegronde
# vrees heeft voor vervolging dan wel reëel risico op ernstige schade."
NO_IPA_INDIVIDUAL_SENTENCE = re.compile(
    r"^De IND neemt voor Mali geen binnenlands beschermingsalternatief aan, als de IND heeft "
    r"geconcludeerd dat de vreemdeling op basis van individuele omstandigheden een gegronde "
    r"vrees heeft voor vervolging dan wel re[eë]e?le? risico op ernstige schade\.$"
)
# C7/23.5.2 Vc: "De IND neemt voor Mali in beginsel een binnenlands beschermingsalternatief in
# het district Bamako aan voor vreemdelingen die afkomstig zijn uit de regio’s Gao, …, Ségou en
# Koulikoro, en die enkel een reëel risico lopen op ernstige schade vanwege het willekeurige
# geweld in deze regio’s in de zin van paragraaf C2/3.3.3.3 Vc."
IPA_SENTENCE = re.compile(
    r"^De IND neemt voor Mali in beginsel een binnenlands beschermingsalternatief in "
    r"(?:het district|de regio|de stad) (?P<place>[^,]+?) aan voor vreemdelingen die afkomstig "
    r"zijn uit (?:de regio(?:'s|s)?|het district) (?P<names>.+?),? en die enkel een re[eë]e?l "
    r"risico lopen op ernstige schade vanwege het willekeurige geweld in deze regio(?:'s|s)?"
    r"(?: in de zin van paragraaf C2/3\.3\.3\.3 Vc)?\.$"
)
# C7/23.5.2 Vc, a form a later decree may use: "De IND neemt voor Mali geen binnenlands
# beschermingsalternatief aan." (no IPA for anyone).
NO_IPA_SENTENCE = re.compile(
    r"^De IND neemt voor Mali geen binnenlands beschermingsalternatief aan\.$"
)
# Any sub-paragraph: "Geen bijzonderheden." (no particularities: the general policy applies).
NO_PARTICULARITIES = "Geen bijzonderheden."
# Artikel II: "Dit besluit treedt in werking met ingang van de dag na de dagtekening van de
# Staatscourant waarin het wordt geplaatst." or "… met ingang van 1 juli 2026."
IN_FORCE_DAY_AFTER = re.compile(
    r"^Dit besluit treedt in werking met ingang van de dag na de dagtekening van de "
    r"Staatscourant waarin het wordt geplaatst\.$"
)
IN_FORCE_DATE = re.compile(
    r"^Dit besluit treedt in werking met ingang van (?P<day>\d{1,2}) (?P<month>[a-z]+) "
    r"(?P<year>\d{4})\.$"
)
# Artikel II: "Dit besluit zal (met de toelichting) in de Staatscourant worden geplaatst." (the
# order to publish: no value of the version).
PUBLICATION = re.compile(
    r"^Dit besluit zal (?:\(met de toelichting\) )?in de Staatscourant worden geplaatst\.$"
)
# Toelichting: a sentence naming regions with a level ("… een relatief hoger niveau van
# willekeurig geweld …") is the decree's reason for that level in those regions.
TOELICHTING_LEVEL = re.compile(
    r"(uitzonderlijk|relatief hoger|relatief lager) niveau van willekeurig geweld"
)

LEVEL_PARAGRAPH = "23.4.2"
IPA_PARAGRAPH = "23.5.2"
EXCLUSION_PARAGRAPH = "23.2"


class DraftError(PolicyError):
    """The decree cannot be read into a draft; `lines` holds one message per problem."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        super().__init__(lines[0] + (f" (and {len(lines) - 1} more)" if len(lines) > 1 else ""))


@dataclass(frozen=True)
class Unread:
    """A sentence of C7/23.4.2 or C7/23.5.2 that no rule reads."""

    line: int
    paragraph: str
    text: str


@dataclass(frozen=True)
class NotModelled:
    """Text the draft keeps (in its paragraph texts) but no rule models."""

    paragraph: str
    text: str


@dataclass(frozen=True)
class CarriedOver:
    """A value of the draft taken from the base version (`source`: the document it cites)."""

    field: str
    source: str


@dataclass
class Draft:
    """A draft version: the version file's data and TOML text, the paragraph texts, the report."""

    version_id: str
    base_id: str
    data: dict[str, Any]
    paragraphs: dict[str, Any]
    unread: list[Unread] = field(default_factory=list)
    not_modelled: list[NotModelled] = field(default_factory=list)
    carried_over: list[CarriedOver] = field(default_factory=list)

    def toml(self, decree_name: str) -> str:
        """The version file's text, with a header saying it is a draft and what it carries."""
        decree_name = printable(decree_name)  # a comment line must stay one line
        head = [
            f"# Draft version read from {decree_name} by `python -m policy draft-version`.",
            "# Not the policy in force. Values the decree does not give, carried over from "
            f"{self.base_id}:",
            *[f"#   {item.field} (from {item.source})" for item in self.carried_over],
            "",
        ]
        return "\n".join(head) + dump_toml(self.data)

    def paragraphs_toml(self) -> str:
        return "# Paragraph C7/23 Vc as the draft words it.\n" + dump_toml(self.paragraphs)

    def report(self, version: PolicyVersion) -> dict[str, Any]:
        """The `--json` report: regions (as `regions --json`), unread, not_modelled, carried."""
        from policy.region_listing import region_rows

        return {
            "version": self.version_id,
            "based_on": self.base_id,
            "regions": region_rows(version),
            "unread": [vars(item) for item in self.unread],
            "not_modelled": [vars(item) for item in self.not_modelled],
            "carried_over": [{"field": c.field, "from": c.source} for c in self.carried_over],
        }


def base_file(base: str | None) -> Path:
    """The version file of `--based-on` (an id, a stem or a path; None: the version in force)."""
    from policy.versions_io import load_version

    if base is not None and base.strip().lower().endswith(".toml"):
        load_version(base)  # the path exists and is a valid version
        return Path(base)
    wanted = load_version(base).id
    for path in sorted(VERSIONS_DIR.glob("*.toml")):
        with open(path, "rb") as handle:
            if tomllib.load(handle).get("id") == wanted:
                return path
    raise PolicyError(f"no version file for {wanted!r} in {VERSIONS_DIR}")  # pragma: no cover


def build_draft(
    text: str,
    decree_file: str | None,
    shown_name: str,
    base_path: Path,
    version_id: str | None = None,
) -> Draft:
    """Read `text` (a decree of the WBV form) into a draft version based on `base_path`.

    `decree_file` is what the draft's source gives as `file` (a name in policy/sources/, a path
    beside the draft; None: the text held in memory, for a draft on the page); `shown_name`
    names the decree in messages. Raises DraftError for what stops a draft whatever the
    options: no Article I or paragraph 23.4.2/23.5.2, no decree number and no `version_id`, an
    unknown region name.
    """
    from policy.versions_io import load_version_file

    try:
        decree = parse(text)
    except DecreeFormError as error:
        raise DraftError([f"{shown_name}: {error}"]) from None
    for number in (LEVEL_PARAGRAPH, IPA_PARAGRAPH):
        if decree.paragraph(number) is None:
            raise DraftError(
                [t("draft.cli.missing_paragraph", "en", file=shown_name, paragraph=number)]
            ).keyed("draft.cli.missing_paragraph", file=shown_name, paragraph=number)
    version_id = version_id or decree.number
    if not version_id:
        raise DraftError([t("draft.cli.no_number", "en", file=shown_name)]).keyed(
            "draft.cli.no_number", file=shown_name
        )
    base = load_version_file(base_path)
    with open(base_path, "rb") as handle:
        base_raw = tomllib.load(handle)
    return _Reader(decree, text, decree_file, shown_name, version_id, base, base_raw).draft()


class _Reader:
    """One reading of a decree; builds the version data field by field."""

    def __init__(
        self,
        decree: Decree,
        text: str,
        decree_file: str | None,
        shown_name: str,
        version_id: str,
        base: PolicyVersion,
        base_raw: dict[str, Any],
    ) -> None:
        self.decree = decree
        self.shown = shown_name
        self.id = version_id
        self.base = base
        self.base_raw = base_raw
        self.memory_name = register_source_text(text)
        base_citations = base_raw.get("citations", {})
        self.base_decree_source = base_citations[base_raw["rules"]["no_ipa_individual"]]["source"]
        self.source_id = _slug(version_id)
        same = _source_text(base_raw, self.source_id)
        if same is not None and " ".join(same.split()) != " ".join(text.split()):
            self.source_id += "-draft"
        self.decree_file = decree_file or self.memory_name
        self.citations: dict[str, dict[str, Any]] = {}
        self.base_sources: list[str] = []
        self.unread: list[Unread] = []
        self.not_modelled: list[NotModelled] = []
        self.carried: list[CarriedOver] = []
        self.problems: list[str] = []

    # --- citations -----------------------------------------------------------------------

    def cite(self, key: str, paragraph: str, text: str, **extra: Any) -> str:
        """A citation of the decree under `key` (or `key-2`, … if taken by another text)."""
        table = {"paragraph": paragraph, "source": self.source_id, "text_nl": text, **extra}
        for existing, other in self.citations.items():
            if other["source"] == self.source_id and other["text_nl"] == text:
                if "summary_en" in extra and "summary_en" not in other:
                    other["summary_en"] = extra["summary_en"]
                return existing
        name, n = key, 1
        while name in self.citations:
            n += 1
            name = f"{key}-{n}"
        self.citations[name] = table
        return name

    def carry(self, key: str, where: str) -> str | None:
        """A citation of the base carried into the draft, or None when it cannot be.

        A sentence of the base's decree is kept only when the new decree has it word for word
        (it then cites the new decree); a sentence of another document (the letter) is kept with
        its source, and reported as carried over.
        """
        table = dict(self.base_raw["citations"][key])
        if table["source"] == self.base_decree_source:
            if not quote_occurs(table["text_nl"], self.memory_name):
                return None
            table["paragraph"] = table["paragraph"].replace(self.base.id, self.id)
            extra = {k: v for k, v in table.items() if k not in ("paragraph", "source", "text_nl")}
            return self.cite(key, table["paragraph"], table["text_nl"], **extra)
        if key in self.citations and self.citations[key] != table:
            key = f"{key}-{_slug(self.base.id)}"
        self.citations[key] = table
        if table["source"] not in self.base_sources:
            self.base_sources.append(table["source"])
        self.carried.append(CarriedOver(where, f"{self.base.id} ({table['source']})"))
        return key

    # --- the reading ---------------------------------------------------------------------

    def draft(self) -> Draft:
        levels = self.read_levels()
        ipa = self.read_ipa()
        self.read_other_paragraphs(levels)
        if self.problems:
            raise DraftError(self.problems)
        data: dict[str, Any] = {
            "id": self.id,
            # the short name every surface shows (menus, memo, PDF, maps) says it is a draft
            "label_nl": t("draft.file.label", "nl", version=self.id, mark=t("draft.mark", "nl")),
            "label_en": t("draft.file.label", "en", version=self.id, mark=t("draft.mark", "en")),
            "title": f"{self.decree.title} (C7/23 Vc, Mali)",
        }
        supersedes = self.base.supersedes if self.base.id == self.id else self.base.id
        if supersedes:
            data["supersedes"] = supersedes
        signed = self.read_signature()
        if signed is not None:
            data["signed"], data["signed_citation"] = signed
        data.update(self.read_in_force())
        if ipa["destination"] is not None:
            data["ipa_destination"] = ipa["destination"]
            data["ipa_destination_citation"] = ipa["citation"]
        general = [
            carried
            for key in self.base_raw.get("general_reasons", [])
            if (carried := self.carry(key, "general_reasons")) is not None
        ]
        if general:
            data["general_reasons"] = general
        data["rules"] = self.rules(ipa)
        regions = self.regions(levels, ipa)
        notes = self.notes()
        data["sources"] = self.sources(signed)
        if notes:
            data["notes"] = notes
        data["citations"] = self.citations
        data["regions"] = regions
        return Draft(
            version_id=self.id,
            base_id=self.base.id,
            data=data,
            paragraphs=self.paragraph_texts(),
            unread=self.unread,
            not_modelled=self.not_modelled,
            carried_over=list(dict.fromkeys(self.carried)),
        )

    def read_levels(self) -> dict[str, Any]:
        """C7/23.4.2 Vc: each level sentence (LEVEL_SENTENCE) gives its regions that level."""
        paragraph = self.decree.paragraph(LEVEL_PARAGRAPH)
        assert paragraph is not None
        where = f"C7/{LEVEL_PARAGRAPH} Vc"
        gradation: dict[str, tuple[str, str]] = {}
        for sentence in paragraph.sentences:
            folded = fold(sentence.text)
            found = LEVEL_SENTENCE.match(folded)
            if folded == NO_PARTICULARITIES:
                continue
            if not found:
                self.unread.append(Unread(sentence.line, where, sentence.text))
                continue
            level, key = LEVELS[found.group("level")]
            citation = self.cite(key, where, sentence.text)
            for code in self.names(found.group("names"), sentence, where):
                if code in gradation and gradation[code][0] != level:
                    name = self.base.region(code).name
                    self.problem(
                        sentence,
                        where,
                        t(
                            "draft.cli.twice",
                            "en",
                            name=name,
                            first=gradation[code][0],
                            second=level,
                        ),
                    )
                gradation.setdefault(code, (level, citation))
        whole = " ".join(sentence.text for sentence in paragraph.sentences)
        return {"by_code": gradation, "whole": whole, "where": where}

    def read_ipa(self) -> dict[str, Any]:
        """C7/23.5.2 Vc: the no-IPA-on-individual-grounds sentence (NO_IPA_INDIVIDUAL_SENTENCE),
        the IPA sentence with its place and list (IPA_SENTENCE), or no IPA (NO_IPA_SENTENCE)."""
        paragraph = self.decree.paragraph(IPA_PARAGRAPH)
        assert paragraph is not None
        where = f"C7/{IPA_PARAGRAPH} Vc"
        result: dict[str, Any] = {
            "destination": None,
            "citation": None,
            "origins": set(),
            "individual": None,
            "whole": " ".join(s.text for s in paragraph.sentences),
            "where": where,
        }
        for sentence in paragraph.sentences:
            folded = fold(sentence.text)
            if folded == NO_PARTICULARITIES or NO_IPA_SENTENCE.match(folded):
                continue
            if NO_IPA_INDIVIDUAL_SENTENCE.match(folded):
                result["individual"] = self.cite("no-ipa-individual", where, sentence.text)
                continue
            found = IPA_SENTENCE.match(folded)
            if not found:
                self.unread.append(Unread(sentence.line, where, sentence.text))
                continue
            places = self.names(found.group("place"), sentence, where)
            if not places:
                continue
            destination = places[0]
            name = self.base.region(destination).name
            result["destination"] = destination
            result["destination_name"] = name
            result["citation"] = self.cite(f"ipa-{_slug(name)}", where, sentence.text)
            origins = self.names(found.group("names"), sentence, where)
            if destination in origins:
                self.problem(sentence, where, t("draft.cli.destination_on_list", "en", name=name))
            result["origins"] |= set(origins)
        return result

    def read_other_paragraphs(self, levels: dict[str, Any]) -> None:
        """Every other sub-paragraph: "Geen bijzonderheden." is modelled (the general policy
        applies); any other text is kept in the paragraph texts and reported as not modelled.

        Toelichting: a sentence that names regions is reported as not modelled unless it is a
        reason for a level (TOELICHTING_LEVEL) that C7/23.4.2 gives every region it names, so
        a toelichting that gives a region another level than the decree is seen."""
        for paragraph in self.decree.paragraphs:
            if paragraph.number in (LEVEL_PARAGRAPH, IPA_PARAGRAPH):
                continue
            for sentence in paragraph.sentences:
                if fold(sentence.text) != NO_PARTICULARITIES:
                    self.not_modelled.append(
                        NotModelled(f"C7/{paragraph.number} Vc", sentence.text)
                    )
        for sentence, codes, has_level in self._toelichting_regions():
            if not codes:
                continue
            found = TOELICHTING_LEVEL.search(fold(sentence.text)) if has_level else None
            level = LEVELS[found.group(1)][0] if found else None
            if level is None or any(
                levels["by_code"].get(code, ("",))[0] != level for code in codes
            ):
                self.not_modelled.append(NotModelled(f"toelichting {self.id}", sentence.text))

    def read_signature(self) -> tuple[dt.date, str] | None:
        """The signature line (`’s-Gravenhage, 4 juni 2025`): the date the decree is signed."""
        signature = self.decree.signature
        if signature is None:
            return None
        date = signature_date(signature)
        if date is None:
            self.not_modelled.append(NotModelled(f"{self.id}, ondertekening", signature.text))
            return None
        key = self.cite("signature", f"{self.id}, ondertekening", signature.text)
        return dt.date(*date), key

    def read_in_force(self) -> dict[str, Any]:
        """Artikel II: the day after the Staatscourant (IN_FORCE_DAY_AFTER) or a date
        (IN_FORCE_DATE); any other wording is cited and reported as not modelled, and so is
        every other sentence of Article II but the publication order (PUBLICATION) and every
        sentence of a further article."""
        from policy.decree_text import MONTHS

        where = f"{self.id}, artikel II"
        found_in_force: dict[str, Any] | None = None
        for sentence in self.decree.article_ii:
            folded = fold(sentence.text)
            if PUBLICATION.match(folded):
                continue
            if found_in_force is not None or not folded.startswith("Dit besluit treedt in"):
                self.not_modelled.append(NotModelled(where, sentence.text))
                continue
            key = self.cite("article-ii", where, sentence.text)
            found = IN_FORCE_DATE.match(folded)
            if self._same_in_force(sentence.text):
                # the same decree, the same Article II: the base's note and its inference of
                # the earliest date (e.g. from a letter the toelichting cites) still hold
                found_in_force = {"in_force_note": self.base_raw["in_force_note"]}
                if self.base_raw.get("in_force_not_before"):
                    found_in_force["in_force_not_before"] = self.base_raw["in_force_not_before"]
                    self.carried.append(CarriedOver("in_force_not_before", self.base.id))
            elif IN_FORCE_DAY_AFTER.match(folded):
                found_in_force = {"in_force_note": t("draft.file.in_force_day_after", "en")}
            elif found and found.group("month") in MONTHS:
                year, day = int(found.group("year")), int(found.group("day"))
                found_in_force = {
                    "in_force": dt.date(year, MONTHS[found.group("month")], day),
                    "in_force_note": t("draft.file.in_force_date", "en"),
                }
            else:
                self.not_modelled.append(NotModelled(where, sentence.text))
                found_in_force = {"in_force_note": t("draft.file.in_force_unread", "en")}
            found_in_force["in_force_citation"] = key
        for numeral, sentences in self.decree.other_articles:
            for sentence in sentences:
                self.not_modelled.append(
                    NotModelled(f"{self.id}, artikel {numeral}", sentence.text)
                )
        return found_in_force or {"in_force_note": t("draft.file.in_force_missing", "en")}

    def _same_in_force(self, text: str) -> bool:
        """Whether the draft is the base's own decree with the same entry-into-force sentence."""
        key = self.base_raw.get("in_force_citation")
        cited = self.base_raw.get("citations", {}).get(key, {}) if key else {}
        return (
            self.base.id == self.id
            and self.base.in_force is None
            and cited.get("text_nl") == text
            and bool(self.base_raw.get("in_force_note"))
        )

    def rules(self, ipa: dict[str, Any]) -> dict[str, str]:
        """The rules' citations: C7/23.2 (exclusion), the no-IPA sentence of 23.5.2, and the
        letter's individual assessment (carried over: the decree does not say it)."""
        rules: dict[str, str] = {}
        exclusion = self.decree.paragraph(EXCLUSION_PARAGRAPH)
        if exclusion is not None and exclusion.sentences:
            text = " ".join(sentence.text for sentence in exclusion.sentences)
            extra = {}
            if fold(text) == NO_PARTICULARITIES:
                extra["note_en"] = t("draft.file.article_1f", "en")
                extra["note_nl"] = t("draft.file.article_1f", "nl")
            rules["exclusion"] = self.cite(
                "article-1f", f"C7/{EXCLUSION_PARAGRAPH} Vc", text, **extra
            )
        for name in ("exclusion", "no_ipa_individual", "ipa_individual_assessment"):
            if name == "no_ipa_individual" and ipa["individual"] is not None:
                rules[name] = ipa["individual"]
            if name in rules:
                continue
            carried = self.carry(self.base_raw["rules"][name], f"rules.{name}")
            if carried is None:
                carried = self.cite("ipa-paragraph", ipa["where"], ipa["whole"])
            rules[name] = carried
        return rules

    def regions(self, levels: dict[str, Any], ipa: dict[str, Any]) -> list[dict[str, Any]]:
        """The 11 units of the base's region table, each with its values from the decree.

        C7/23.4.2: a unit not named has no level ("not_designated", citing the whole
        paragraph), unless the base finds "no 15(c) situation" for it in another document
        (Bamako: the letter) — a value 23.4.2, which lists levels only, cannot give; that is
        carried over. A level or "unknown" of the base is never carried: 23.4.2 lists the
        levels, and a unit it does not name has none. C7/23.5.2: a unit on the list has the
        IPA; the place of the IPA and a unit not on the list do not.
        """
        reasons = self._toelichting_reasons(levels)
        levels_key = None
        rows = []
        self.carried.append(CarriedOver("regions (the units: codes and names)", self.base.id))
        for index, region in enumerate(self.base.regions):
            code, name = region.code, region.name
            raw = self.base_raw["regions"][index]
            row: dict[str, Any] = {"code": code, "name": name}
            if code in levels["by_code"]:
                row["gradation"], row["gradation_citation"] = levels["by_code"][code]
            elif raw["gradation"] == "no_15c" and self._from_other_document(
                raw["gradation_citation"]
            ):
                carried = self.carry(raw["gradation_citation"], f"regions[{code}].gradation")
                row["gradation"] = raw["gradation"]
                row["gradation_citation"] = carried
            else:
                if levels_key is None:
                    levels_key = self.cite("levels", levels["where"], levels["whole"])
                row["gradation"] = "not_designated"
                row["gradation_citation"] = levels_key
                parent = split_off(code)
                if parent is not None and parent.parent in levels["by_code"]:
                    parent_name = self.base.region(parent.parent).name
                    row.update(
                        _notes(
                            "gradation",
                            "draft.file.not_named_split_off",
                            name=name,
                            parent=parent_name,
                        )
                    )
                else:
                    row.update(_notes("gradation", "draft.file.not_named", name=name))
            row.update(self._ipa_row(code, name, ipa))
            # The base's remarks on a unit (its note, the letter's reasons) hold for the values
            # they were written for: they are carried over only while those stay the same.
            unchanged = (
                row["gradation"] == region.gradation.value
                and row["ipa_applies"] == region.ipa_applies
                and (code == ipa["destination"]) == (code == self.base.ipa_destination)
            )
            if raw.get("note") and unchanged:
                row["note"] = raw["note"]
                if raw.get("note_nl"):
                    row["note_nl"] = raw["note_nl"]
                self.carried.append(CarriedOver(f"regions[{code}].note", self.base.id))
            own = reasons.get(code, [])
            if unchanged:
                for key in raw.get("reasons", []):
                    if self._from_other_document(key):
                        carried = self.carry(key, f"regions[{code}].reasons")
                        if carried is not None and carried not in own:
                            own.append(carried)
            if own:
                row["reasons"] = own
            rows.append(row)
        return rows

    def _ipa_row(self, code: str, name: str, ipa: dict[str, Any]) -> dict[str, Any]:
        if ipa["citation"] is None:
            key = self.cite("ipa-paragraph", ipa["where"], ipa["whole"])
            return {
                "ipa_applies": False,
                "ipa_citation": key,
                **_notes("ipa", "draft.file.no_ipa", name=name),
            }
        row: dict[str, Any] = {
            "ipa_applies": code in ipa["origins"],
            "ipa_citation": ipa["citation"],
        }
        if code == ipa["destination"]:
            row.update(_notes("ipa", "draft.file.ipa_destination", name=name))
        elif code not in ipa["origins"]:
            row.update(
                _notes(
                    "ipa",
                    "draft.file.not_on_ipa_list",
                    name=name,
                    destination=ipa["destination_name"],
                )
            )
        return row

    def notes(self) -> list[dict[str, Any]]:
        """The base's notes on its sources, kept when every sentence they cite is still cited."""
        kept = []
        for note in self.base_raw.get("notes", []):
            if not all(self._can_carry(key) for key in note["citations"]):
                continue
            keys = [self.carry(key, f"notes[{note['id']}]") for key in note["citations"]]
            kept.append({**note, "citations": keys})
        return kept

    def sources(self, signed: tuple[dt.date, str] | None) -> list[dict[str, Any]]:
        title = self.decree.title + (", met toelichting" if self.decree.toelichting else "")
        own: dict[str, Any] = {
            "id": self.source_id,
            "title": title,
            "reference": t("draft.file.reference", "en", version=self.id),
        }
        if signed is not None:
            own["date"] = signed[0]
        own["file"] = self.decree_file
        listed = [own]
        for source in self.base_raw.get("sources", []):
            if source["id"] in self.base_sources and source["id"] != self.source_id:
                listed.append(source)
                self.carried.append(CarriedOver(f"sources[{source['id']}]", self.base.id))
        return listed

    def paragraph_texts(self) -> dict[str, Any]:
        """The draft's C7/23 in the format of `policy/paragraph_texts/`; an English gloss is
        carried over where the base's paragraph has the same number and text."""
        glosses: dict[tuple[str, str], str] = {}
        try:
            from policy.paragraphs import load_full_text

            for shipped in load_full_text(self.base).paragraphs:
                glosses[(shipped.number, shipped.text_nl)] = shipped.gloss_en
        except PolicyError:
            pass
        rows = []
        for decree_paragraph in self.decree.paragraphs:
            gloss = glosses.get((decree_paragraph.number, decree_paragraph.text))
            rows.append(
                {
                    "number": decree_paragraph.number,
                    "heading": decree_paragraph.heading,
                    "text_nl": decree_paragraph.text,
                    "gloss_en": gloss or t("draft.file.gloss_new", "en"),
                }
            )
        return {
            "version": self.id,
            "full_text": True,
            "source": self.source_id,
            "cited_as": f"{self.id}, artikel I, onder A",
            "paragraphs": rows,
        }

    # --- helpers -------------------------------------------------------------------------

    def names(self, listed: str, sentence: Sentence, where: str) -> list[str]:
        """The codes of a list of names ("Gao, Kidal, Mopti en Tombouctou") through the
        project's name table; an unknown name is a problem with the closest names."""
        codes = []
        for name in re.split(r"\s*,\s*(?:en\s+)?|\s+en\s+", listed.strip()):
            if not name:
                continue
            try:
                match = resolve_region(name, self.base)
            except UnknownRegionError as error:
                self.problem(sentence, where, str(error))
                continue
            if match.mapped_from is not None:
                self.problem(
                    sentence,
                    where,
                    t("draft.cli.reform_region", "en", name=name, unit=match.name),
                )
                continue
            codes.append(match.code)
        return codes

    def problem(self, sentence: Sentence, where: str, problem: str) -> None:
        self.problems.append(
            t(
                "draft.cli.unknown_region",
                "en",
                file=self.shown,
                line=sentence.line,
                paragraph=where,
                problem=problem,
            )
        )

    def _can_carry(self, key: str) -> bool:
        table = self.base_raw["citations"][key]
        return self._from_other_document(key) or quote_occurs(table["text_nl"], self.memory_name)

    def _from_other_document(self, key: str) -> bool:
        return self.base_raw["citations"][key]["source"] != self.base_decree_source

    def _toelichting_regions(self) -> list[tuple[Sentence, list[str], bool]]:
        """Each toelichting sentence, the units it names, and whether it names a level."""
        found = []
        for sentence in self.decree.toelichting:
            codes = _named_units(sentence.text)
            found.append((sentence, codes, bool(TOELICHTING_LEVEL.search(fold(sentence.text)))))
        return found

    def _toelichting_reasons(self, levels: dict[str, Any]) -> dict[str, list[str]]:
        """Toelichting: a sentence that names regions and a level is the reason for that level
        in each region it names that the decree gives that level."""
        reasons: dict[str, list[str]] = {}
        for sentence, codes, has_level in self._toelichting_regions():
            if not codes or not has_level:
                continue
            found = TOELICHTING_LEVEL.search(fold(sentence.text))
            assert found is not None
            level, key = LEVELS[found.group(1)]
            matching = [c for c in codes if levels["by_code"].get(c, ("",))[0] == level]
            if not matching:
                continue
            names = [self.base.region(code).name for code in matching]
            summary = self._base_summary(sentence.text) or t(
                "draft.file.toelichting_summary",
                "en",
                level=level.replace("_", " "),
                regions=_listing(names),
            )
            cited = self.cite(
                f"toelichting-{key.removeprefix('level-')}",
                f"toelichting {self.id}, onder A",
                sentence.text,
                summary_en=summary,
            )
            for code in matching:
                reasons.setdefault(code, []).append(cited)
        return reasons

    def _base_summary(self, text: str) -> str | None:
        for table in self.base_raw.get("citations", {}).values():
            if table.get("text_nl") == text and table.get("summary_en"):
                return str(table["summary_en"])
        return None


def _notes(field: str, key: str, **params: str) -> dict[str, str]:
    """A region's `<field>_note_en` and `<field>_note_nl` (a version file gives both)."""
    return {f"{field}_note_{lang}": t(key, lang, **params) for lang in ("en", "nl")}


def _named_units(text: str) -> list[str]:
    """The units a sentence names, by official name or alias (accents and case ignored)."""
    names = read_package_toml("region_names.toml")
    candidates = {name: code for code, name in official_units().items()}
    candidates.update(names["aliases"])
    plain = _plain(text)
    found: dict[str, int] = {}
    for name, code in candidates.items():
        hit = re.search(rf"\b{re.escape(_plain(name))}\b", plain)
        if hit:
            found[code] = min(found.get(code, hit.start()), hit.start())
    return [code for code, _ in sorted(found.items(), key=lambda item: item[1])]


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _listing(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", _plain(text)).strip("-")


def _source_text(base_raw: dict[str, Any], source_id: str) -> str | None:
    """The text of the base's source `source_id`, if the base lists it with a readable file."""
    from policy.data_files import SOURCES_DIR

    for source in base_raw.get("sources", []):
        if source.get("id") == source_id and source.get("file"):
            try:
                return (SOURCES_DIR / source["file"]).read_text(encoding="utf-8")
            except OSError:
                return None
    return None


# --- TOML -------------------------------------------------------------------------------------


def dump_toml(data: dict[str, Any]) -> str:
    """The few shapes a version file has (scalars, lists of scalars, tables, arrays of tables)
    as TOML text; strings written as JSON strings, which are TOML basic strings."""
    lines: list[str] = []
    _table(data, [], lines)
    return "\n".join(lines).strip() + "\n"


def _table(data: dict[str, Any], path: list[str], lines: list[str]) -> None:
    is_table: Callable[[Any], bool] = lambda value: isinstance(value, dict)  # noqa: E731
    is_tables: Callable[[Any], bool] = lambda value: (  # noqa: E731
        isinstance(value, list) and bool(value) and all(isinstance(v, dict) for v in value)
    )
    for key, value in data.items():
        if not is_table(value) and not is_tables(value):
            lines.append(f"{_key(key)} = {_value(value)}")
    for key, value in data.items():
        if is_table(value):
            inner = [*path, _key(key)]
            if any(not is_table(v) and not is_tables(v) for v in value.values()) or not value:
                lines += ["", f"[{'.'.join(inner)}]"]
            _table(value, inner, lines)
    for key, value in data.items():
        if is_tables(value):
            for item in value:
                lines += ["", f"[[{'.'.join([*path, _key(key)])}]]"]
                _table(item, [*path, _key(key)], lines)


def _key(key: str) -> str:
    return key if re.fullmatch(r"[A-Za-z0-9_-]+", key) else json.dumps(key, ensure_ascii=False)


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, list):
        return "[" + ", ".join(_value(item) for item in value) + "]"
    if value is None:
        return '"unknown"'
    return json.dumps(str(value), ensure_ascii=False)


def read_draft(raw: bytes, name: str, based_on: str | None = None) -> tuple[Draft, PolicyVersion]:
    """A decree file's bytes read into a draft held in memory (the page's upload), and the
    version it loads as. Sentences no rule reads do not stop it: they are in `Draft.unread`,
    for the page to show. Raises DraftError (one message per line) for what a draft cannot be
    made of, PolicyError when the result fails the checks of a version file."""
    from policy.decree_text import decode
    from policy.versions_io import load_version_text

    try:
        text = decode(raw, name)
    except DecreeFormError as error:
        raise DraftError([str(error)]) from None
    try:
        number = parse(text).number
    except DecreeFormError as error:
        raise DraftError([f"{name}: {error}"]) from None
    version_id = None if number else f"Concept {Path(name).stem}"
    draft = build_draft(text, None, name, base_file(based_on), version_id)
    return draft, load_version_text(draft.toml(name), name)
