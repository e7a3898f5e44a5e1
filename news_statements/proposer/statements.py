"""Candidate statements of an article: their spans, speakers, `content:`, mode and date, as a curator writes them.

A sentence is a candidate when it has a quotation or a reporting verb (a statement of someone), or when it names
a known actor without one (a claim in the outlet's own voice, or narration: the curator decides). The span is the
sentence as `text.sentence_spans` cuts it (no dateline, joined across hard line breaks). The content is the
speaker's words without the frame: the quotation a direct statement opens with, what follows the reporting verb,
or what precedes a closing attribution (", the army said.", "according to state media").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pandas as pd

from news_statements.proposer.names import Names
from news_statements.proposer.reference import Reference
from news_statements.proposer.speakers import REPORTING_VERB, Sayers, subject
from news_statements.proposer.text import statement_spans
from news_statements.transforms import dates

# A quotation mark: double marks anywhere; ‘ opening a word; ’ closing after a word or mark but not an
# apostrophe (Iran’s) and not a plural possessive (terrorists’ measures) unless a ‘ opened before it.
QUOTED = re.compile(r"[“”\"]|(?<!\w)‘\w|‘[^’]*\w[.,!?]?’(?!\w)|[.,!?]’(?!\w)")
OPENING = {"“": "”", "‘": "’", '"': '"'}
RELATIVE_PHRASE = re.compile(
    r"\b(?:today|yesterday|(?:earlier )?this week|last week|(?:on |last )?(?:Monday|Tuesday|Wednesday|Thursday|"
    r"Friday|Saturday|Sunday))\b",
    flags=re.I,
)
# What may stand between a reporting verb and the words it reports.
AFTER_VERB = re.compile(r"\s*(?:,|:)?\s*(?:that\b\s*)?")
TRAILING_ATTRIBUTION_WORDS = 4  # ", she said in Moscow.", ", the army said in a statement."
FRAME_WORDS = 8  # words between a verb and its "that" ("stated during a media briefing today, Monday, that")
# What may stand between a verb and its "that": a time, a place, an occasion ("on Monday", "later", "in Moscow").
ADVERBIAL = re.compile(r"\s*,?\s*(?:on|in|at|during|later|also|today|yesterday|after|before|again|earlier)\b")
# A connective of the outlet's that opens a sentence, not the speaker's words ("Meanwhile, ...").
CONNECTIVE = re.compile(r"(?:(?:Meanwhile|However|Moreover|Furthermore|Also|In addition|Separately),\s+)?")


@dataclass
class Candidate:
    """One proposed statement: a sentence of the article and what the proposer guesses about it."""

    char_start: int
    char_end: int
    text: str
    speakers: list[str] = field(default_factory=list)
    joint: list[str] = field(default_factory=list)
    mode: str = "indirect"
    content: tuple[int, int] | None = None  # offsets in the article text
    outlet_claim: bool = False
    relative: str | None = None
    context: str | None = None
    date_min: str | None = None
    date_max: str | None = None


def candidates(article: pd.Series, reference: Reference) -> list[Candidate]:
    """Candidate statements of one article (one per sentence with a quotation, a reporting verb, or a known name)."""
    text, outlet = str(article["text"]), str(article["outlet_actor_id"])
    names = Names(reference, text)
    sayers = Sayers(names, outlet)
    out: list[Candidate] = []
    previous_text, previous_sayer = "", None
    spans = statement_spans(text)
    for number, (start, end) in enumerate(spans):  # one per sentence of one article
        sentence = text[start:end]
        following = text[slice(*spans[number + 1])] if number + 1 < len(spans) else ""
        quoted, verb = QUOTED.search(sentence), REPORTING_VERB.search(sentence)
        speech = verb or (quoted and _continued_speech(sentence))
        if speech:
            found = Candidate(start, end, sentence)
            found.speakers, found.joint, named = sayers.find(sentence, previous_sayer, following)
            found.content = _offset(start, content_span(sentence, verb))
            found.mode = _mode(sentence, found.content and text[slice(*found.content)])
        elif names.hits(sentence):
            named = False
            found = Candidate(start, end, sentence, speakers=[outlet], mode="direct", outlet_claim=True)
        else:
            previous_text = sentence
            continue
        _date(found, sentence, previous_text, article)
        out.append(found)
        if speech and named:
            previous_sayer = (found.speakers[0], found.joint)
        previous_text = sentence
    return out


def _continued_speech(sentence: str) -> bool:
    """A sentence without a reporting verb is speech when a quotation opens or closes it (a quoted
    paragraph, or the end of one); scare quotes inside the outlet's sentence are not."""
    return sentence[:1] in OPENING or bool(re.search(r"[”’\"][)\s]*$", sentence))


def _offset(start: int, span: tuple[int, int] | None) -> tuple[int, int] | None:
    return None if span is None else (start + span[0], start + span[1])


def content_span(sentence: str, verb: re.Match[str] | None) -> tuple[int, int] | None:
    """The speaker's words inside the sentence (offsets in it), without the frame; None if not found: the
    quotation that opens the sentence or holds the verb; what precedes a closing attribution; else what follows
    the verb (and its "that" or addressee) up to a trailing "according to"."""
    if sentence[:1] in OPENING and _closing(sentence, 0) is not None:
        return 0, _closing(sentence, 0)
    if verb is None:  # a quoted paragraph going on with the previous speaker's words
        return _trimmed(sentence, 0, len(sentence))
    opened = _opening_before(sentence, verb.start())
    if opened is not None and _closing(sentence, opened) is not None:
        return opened, _closing(sentence, opened)
    if verb.group() == "According to":
        comma = sentence.find(",", verb.end())
        return _trimmed(sentence, comma + 1, len(sentence)) if comma > 0 else None
    if verb.group() == "according to" or _closes_sentence(sentence, verb):
        stop = verb.start() if verb.group() == "according to" else subject(sentence, verb)[0]
        return _trimmed(sentence, CONNECTIVE.match(sentence).end(), stop)
    start = _after_frame(sentence, verb)
    attribution = re.search(r",?\s+according to\b", sentence[start:])
    return _trimmed(sentence, start, start + attribution.start() if attribution else len(sentence))


def _after_frame(sentence: str, verb: re.Match[str]) -> int:
    """Where the reported words start after the verb: past "that" when it follows within a few words with no
    quotation before it ("stated on Monday that"), past an addressee ("told AFP"), past a colon or comma."""
    that = re.compile(r"\bthat\b").search(sentence, verb.end())
    gap = sentence[verb.end() : that.start()] if that else ""
    adverbial = not gap.strip() or (ADVERBIAL.match(gap) and not QUOTED.search(gap))
    if that and len(gap.split()) <= FRAME_WORDS and adverbial:
        return that.end() + len(sentence[that.end() :]) - len(sentence[that.end() :].lstrip())
    at = verb.end()
    if verb.group().startswith("told"):
        addressee = re.compile(r"\s+(?:[A-Z][\w’'-]*|reporters|journalists)\b").match(sentence, at)
        at = addressee.end() if addressee else at
    return AFTER_VERB.match(sentence, at).end()


def _opening_before(sentence: str, position: int) -> int | None:
    """The opening mark of a quotation still open at `position` ("Araghchi “stressed ...,”"), or None."""
    before = sentence[:position]
    for index in range(len(before) - 1, -1, -1):  # back to the nearest mark
        char = before[index]
        if char in "”" or (char == "’" and not before[index + 1 : index + 2].isalpha()):
            return None
        if char in "“" or (char == "‘" and (index == 0 or not before[index - 1].isalpha())):
            return index
    return None


def _closing(sentence: str, opened: int) -> int | None:
    """The end of the quotation opened at `opened` (after its closing mark), or None."""
    mark = OPENING[sentence[opened]]
    for found in re.finditer(re.escape(mark), sentence[opened + 1 :]):  # a few marks in one sentence
        end = opened + 1 + found.end()
        if not sentence[end : end + 1].isalpha():  # ’ inside a word is an apostrophe
            return end
    return None


def _closes_sentence(sentence: str, verb: re.Match[str]) -> bool:
    """True when the attribution closes the sentence (", the army said in a statement.")."""
    start, _ = subject(sentence, verb)
    rest = sentence[verb.end() :]
    return start > 0 and len(rest.split()) <= TRAILING_ATTRIBUTION_WORDS and not QUOTED.search(rest)


def _trimmed(sentence: str, start: int, end: int) -> tuple[int, int] | None:
    """The span without white space, a frame's trailing comma, or a full stop not inside a quotation."""
    while end > start and (sentence[end - 1] in " ,;:" or (sentence[end - 1] == "." and end == len(sentence))):
        end -= 1
    while start < end and sentence[start] == " ":
        start += 1
    return (start, end) if end > start else None


def _mode(sentence: str, content: str | None) -> str:
    if not content or not QUOTED.search(content):
        return "indirect"
    whole = content[0] in OPENING and content.rstrip(",.")[-1] in OPENING.values()
    framed = REPORTING_VERB.match(content[1:]) is not None  # Araghchi “stressed ...”: the verb is quoted too
    return "direct" if whole and not framed else "mixed"


def _date(found: Candidate, sentence: str, previous: str, article: pd.Series) -> None:
    """A relative date phrase of the sentence (or the one before, with `context`), resolved; an outlet claim
    takes the publication bounds, as curated; otherwise unknown."""
    phrase = RELATIVE_PHRASE.search(sentence) or RELATIVE_PHRASE.search(previous)
    if phrase:
        found.relative = phrase.group()
        found.context = None if RELATIVE_PHRASE.search(sentence) else context_of(previous, phrase)
        found.date_min, found.date_max = resolve(found.relative, article)
    elif found.outlet_claim:
        found.date_min, found.date_max = (_day(article["published_date_min"]), _day(article["published_date_max"]))


def _day(value: object) -> str | None:
    return None if pd.isna(value) else f"{pd.Timestamp(value):%Y-%m-%d}"


def context_of(sentence: str, phrase: re.Match[str]) -> str:
    """A few words around the phrase in the sentence that says it (what `context:` quotes)."""
    words = list(re.finditer(r"\S+", sentence))
    inside = [i for i, w in enumerate(words) if w.end() > phrase.start() and w.start() < phrase.end()]
    first, last = max(0, inside[0] - 3), min(len(words) - 1, inside[-1] + 1)
    return sentence[words[first].start() : words[last].end()].rstrip(",.;:")


def resolve(relative: str, article: pd.Series) -> tuple[str | None, str | None]:
    """The phrase resolved against the article's publication bounds: (min, max) days, or (None, None)."""
    spec = pd.DataFrame({k: [None] for k in ["relative", "stated", "on", "min", "max", "basis", "note"]})
    spec = spec.add_prefix("date_").assign(date_relative=relative)
    low, high = pd.Series([article["published_date_min"]]), pd.Series([article["published_date_max"]])
    out = dates.resolve(spec, low, high).iloc[0]
    if pd.notna(out["date_error"]):
        return None, None
    return _day(out["date_min"]), _day(out["date_max"])
