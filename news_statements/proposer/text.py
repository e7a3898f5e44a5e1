"""Sentences of an article as a curator quotes them: across hard line breaks, without the dateline.

The build's own sentence splitter (curation_checks.SENTENCE) ends a sentence at every line break, which is right
for headings but cuts a wire story's hard-wrapped sentence in two: a span drafted from it would build silently
with half a sentence. Here a line break ends a sentence only where the text says so: after a sentence-final
mark, at a blank line, or before a line that cannot continue the one above (it starts with a capital letter
and the line above does not end in a comma, a hyphen or a word that cannot end a sentence). Offsets are those
of the clean text, unchanged.
"""

from __future__ import annotations

import re

# A sentence ends at . ! ? (with closing quotation marks) before white space, at a line break, or at the end.
SENTENCE_END = re.compile(r"[^\s].*?(?:[.!?][\"”’')]*(?=\s)|(?=\n)|$)", flags=re.S)
# A dateline opens a story: "TEHRAN:", "TEHRAN/DAMASCUS --", "BEIRUT (Reuters) -", "KYIV, Dec 3 (AFP) —".
DATELINE = re.compile(
    r"[A-Z][A-Z.'’/ -]*[A-Z](?:,\s*[A-Z][\w.]*(?:\s+\d{1,2})?)?(?:\s*\([^()\n]{1,30}\))?\s*(?::|--|—|–|-)\s+"
)
# Words after which a line cannot end a sentence (a hard wrap inside one).
CONTINUING = re.compile(
    r"(?:[,;(\-–—]|\b(?:the|a|an|of|in|on|at|to|by|for|from|with|and|or|but|that|said|says|his|her|its|their|as)"
    r")[\"“‘]?\s*$",
    flags=re.I,
)
FINAL = re.compile(r"[.!?:][\"”’')]*\s*$")


def join_wrapped_lines(text: str) -> str:
    """The text with each line break inside a sentence turned into a space (same length, same offsets)."""
    out = list(text)
    for newline in re.finditer(r"\n", text):  # one per line break of one article
        position = newline.start()
        before = text[text.rfind("\n", 0, position) + 1 : position]
        after = text[position + 1 : (text.find("\n", position + 1) + 1 or len(text) + 1) - 1]
        if not before.strip() or not after.strip() or FINAL.search(before):
            continue
        starts_lower = re.match(r"\s*[a-z0-9“\"‘(]", after) is not None and not re.match(r"\s*[“\"‘][A-Z]", after)
        if starts_lower or CONTINUING.search(before):
            out[position] = " "
    return "".join(out)


def dateline_end(text: str, start: int) -> int:
    """Where the sentence starting at `start` begins once a dateline at the start of its paragraph is dropped."""
    if start and text[start - 1] != "\n":
        return start
    found = DATELINE.match(text, start)
    return found.end() if found else start


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """(char_start, char_end) of every sentence: wrapped lines joined, datelines dropped, and a full stop that
    an abbreviation makes ("the U.S. has", "Gen. Ali") not taken for a sentence end (the next word is lower
    case, or the stop ends a title such as "Gen.")."""
    joined = join_wrapped_lines(text)
    spans: list[tuple[int, int]] = []
    for found in SENTENCE_END.finditer(joined):  # one per sentence of one article
        start, end = found.start(), found.end()
        if spans and _continues(joined, spans[-1], start):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((dateline_end(text, start), end))
    return [(s, e) for s, e in spans if e > s]


ABBREVIATION = re.compile(r"\b(?:Mr|Mrs|Ms|Dr|Gen|Lt|Col|Maj|Sgt|Capt|St|No|Prof|Sen|Rep|Gov)\.$")


def _continues(joined: str, previous: tuple[int, int], start: int) -> bool:
    """True when the sentence before `start` did not really end (an abbreviation, or a lower-case next word)."""
    between = joined[previous[1] : start]
    if "\n" in between:
        return False
    return bool(re.match(r"[a-z]", joined[start])) or bool(ABBREVIATION.search(joined[previous[0] : previous[1]]))


PARTICIPLES = r"(?:adding|noting|concluding|stating|saying|stressing|insisting|warning)"
# A second act of saying inside one sentence: a participle after a closing quotation (“...,” noting that) or
# one that opens a quotation (..., adding: "..."). Without a quotation ("adding that it was ...") it stays.
SECOND_SAYING = re.compile(
    rf"(?<=[”’\"]),?\s+(?={PARTICIPLES}\b)|(?<=[”’\"],)\s+(?={PARTICIPLES}\b)"
    rf"|,\s+(?={PARTICIPLES}(?:\s+that)?\s*:?\s*[“\"‘])"
)


def _open_quotation(sentence: str) -> bool:
    """True when a quotation opens in the sentence and does not close in it."""
    opened = sentence.count("“") + len(re.findall(r"(?<!\w)‘", sentence)) + sentence.count('"') % 2
    closed = sentence.count("”") + len(re.findall(r"’(?!\w)", sentence))
    return opened > closed


def statement_spans(text: str) -> list[tuple[int, int]]:
    """Sentences as statement spans: a quotation that runs over a sentence end and goes on after its closing mark
    (“... years. It remains active,” noting that ...) joins them; a second act of saying (`SECOND_SAYING`) is
    split off. A quotation that ends its sentence stays with it: the next sentence may be another statement."""
    spans, out, number = sentence_spans(text), [], 0
    while number < len(spans):  # one per sentence of one article
        start, end = spans[number]
        while (
            _open_quotation(text[start:end])
            and number + 1 < len(spans)
            and re.search(r"[”’\"]\s+[a-z]", text[spans[number + 1][0] : spans[number + 1][1]])
        ):
            number += 1
            end = spans[number][1]
        out += _split(text, start, end)
        number += 1
    return out


def _split(text: str, start: int, end: int) -> list[tuple[int, int]]:
    parts, at = [], start
    for found in SECOND_SAYING.finditer(text, start, end):  # rarely more than one per sentence
        parts.append((at, found.start()))
        at = found.end()
    return [*parts, (at, end)]
