"""What a curator types besides statements: figures, labels of known actors, event-report candidates, and the
capitalised words nobody has decided on yet.

Figures are numbers with what they count and a casualty or displacement word near them ("at least 400 terrorists
... had been killed"), with the hedge the text gives (schema/codelists/qualifier.csv) and both ends of a range.
Labels are the curated labels of other articles that occur here. Event reports are clauses with a verb of a
happening (attacked, shelled, captured ...), in the outlet's voice or credited to a statement's speaker.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from news_statements.proposer.names import either_case, first_lower
from news_statements.proposer.reference import Reference
from news_statements.proposer.statements import Candidate
from news_statements.proposer.text import statement_spans
from news_statements.transforms.aliases import alias_pattern
from news_statements.transforms.coverage import CAPITALISED

WORDS = {
    w: n
    for n, w in enumerate(
        ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve"], 1
    )
}
NUMBER = r"\d{1,3}(?:,\d{3})+|\d+|" + "|".join(WORDS)
VAGUE = r"dozens|scores|tens of thousands|hundreds of thousands|tens|hundreds|thousands|millions"
QUALIFIERS = {
    "at least": "at least", "more than": "more than", "over": "more than", "nearly": "nearly",
    "almost": "nearly", "about": "about", "around": "about", "some": "about",
}  # fmt: skip
FIGURE = re.compile(
    rf"\b(?:(?P<qualifier>{'|'.join(QUALIFIERS)})\s+)?"
    rf"(?:between\s+(?P<low>{NUMBER})\s+and\s+(?P<high>{NUMBER})|(?P<from>{NUMBER})\s*(?:to|-|–)\s*(?P<to>{NUMBER})"
    rf"|(?P<vague>{VAGUE})(?:\s+of)?|(?P<value>{NUMBER}))"
    r"(?P<noun>\s+(?:[a-z][\w-]*\s+)?(?:people|civilians|persons|children|residents|soldiers|troops|fighters|"
    r"militants|terrorists|rebels|members|refugees|families|others))\b",
    flags=re.I,
)
MEASURES = {
    "killed": r"killed|dead|died|deaths|killing",
    "wounded": r"wounded|injured|injuring|wounding",
    "displaced": r"displaced|fled|homeless|displacing",
}
EVENT_VERB = re.compile(
    r"\b(?:attack(?:ed|ing)?|launch(?:ed|ing)|seiz(?:ed|ing)|captur(?:ed|ing)|recaptur(?:ed|ing)|shell(?:ed|ing)|"
    r"struck|bomb(?:ed|ing)|arrived|entered|clash(?:ed|es)|advanc(?:ed|ing)|took control|taking control|"
    r"repell?(?:ed|ing)|killed|killing|stormed|swept|overran|withdr[ae]w|visit(?:ed|ing)|met|phone call)\b"
)


@dataclass
class Figure:
    char_start: int
    char_end: int
    text: str
    measure: str
    qualifier: str
    value: int | None = None
    low: int | None = None
    high: int | None = None
    claimed_by: str = ""


def _number(text: str) -> int:
    return WORDS.get(text.lower()) or int(text.replace(",", ""))


def figures(text: str, found: list[Candidate], outlet: str) -> list[Figure]:
    """Figures in the text: a number (or range, or vague plural) with what it counts and a measure word in the
    same sentence; claimed by the speaker of the candidate statement holding it, else the outlet."""
    out = []
    for match in FIGURE.finditer(text):  # a few per article
        sentence = _sentence_around(text, match.start())
        measure = next((m for m, words in MEASURES.items() if re.search(rf"\b(?:{words})\b", sentence)), None)
        if measure is None:
            continue
        holder = next((c for c in found if c.char_start <= match.start() < c.char_end), None)
        claimed = holder.speakers[0] if holder else outlet
        qualifier = QUALIFIERS.get((match.group("qualifier") or "").lower(), "exact")
        figure = Figure(match.start(), match.end(), match.group(), measure, qualifier, claimed_by=claimed)
        if match.group("low") or match.group("from"):
            figure.qualifier = "range"
            figure.low = _number(match.group("low") or match.group("from"))
            figure.high = _number(match.group("high") or match.group("to"))
        elif match.group("vague"):
            figure.qualifier = "vague plural"
        else:
            figure.value = _number(match.group("value"))
        out.append(figure)
    return out


def _sentence_around(text: str, position: int) -> str:
    start = max(text.rfind(". ", 0, position), text.rfind("\n", 0, position)) + 1
    ends = [e for e in (text.find(". ", position), text.find("\n", position)) if e >= 0]
    return text[start : min(ends, default=len(text))]


def labels(text: str, reference: Reference) -> list[tuple[str, str, int]]:
    """(actor, words as in the text, occurrences) for the curated labels of other articles found here (either
    case of the first letter): labels that name one actor wherever curated; a one-word label only in lower case
    ("jihadists", not the adjective "Israeli")."""
    table = reference.labels
    if table.empty:
        return []
    words = table["label"].str.strip()
    keyed = table[words.str.contains(" ") | words.str.islower()].assign(key=words.map(first_lower))
    actors = keyed.groupby("key")["actor_id"].agg(lambda ids: sorted(set(ids)))
    usable = {label: ids[0] for label, ids in actors.items() if len(ids) == 1}
    if not usable:
        return []
    counts: dict[str, int] = {}
    for match in either_case(list(usable)).finditer(text):  # one per label occurrence
        counts[match.group()] = counts.get(match.group(), 0) + 1
    return [(usable[first_lower(words)], words, n) for words, n in sorted(counts.items())]


def event_reports(found: list[Candidate], text: str, outlet: str) -> list[tuple[str, str | None]]:
    """(quote, attributed_to) for the sentences whose words report a happening: a statement's content (credited
    to its speaker), or a sentence in the outlet's voice (attributed_to null)."""
    by_span = {(c.char_start, c.char_end): c for c in found}
    out = []
    for start, end in statement_spans(text):  # one per sentence of one article
        c = by_span.get((start, end))
        words = text[slice(*c.content)] if c and c.content else text[start:end]
        if EVENT_VERB.search(words):
            speaker = None if c is None or c.outlet_claim or c.speakers[0] == outlet else c.speakers[0]
            out.append((words, speaker))
    return out


def unknown_words(text: str, reference: Reference) -> list[str]:
    """Capitalised words that no actor alias, place alias or not_entities entry covers (first occurrence)."""
    covered = [
        (m.start(), m.end())
        for aliases in (reference.aliases["alias"], reference.place_aliases["alias"])
        if len(aliases)
        for m in alias_pattern(aliases).finditer(text)
    ]
    unknown = []
    for word in CAPITALISED.finditer(text):  # one per capitalised word of one article
        inside = any(s <= word.start() < e for s, e in covered)
        if not inside and word.group() not in reference.not_entities and word.group() not in unknown:
            unknown.append(word.group())
    return unknown
