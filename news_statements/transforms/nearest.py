"""For a quote that is not in the article: the nearest passage of the article and the words that differ.

A curator who mistyped a quote needs to see where it almost matches and what to change, not only "not
found". Run on the failed quotes only (a handful per build), so plain difflib is fast enough.
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

WORD = re.compile(r"\S+")
# Below this similarity the "nearest" passage is not a near miss but a different text: say so instead.
MIN_RATIO = 0.5
MAX_DIFFS = 4


def _words(text: str, start: int, end: int) -> list[re.Match[str]]:
    return list(WORD.finditer(text, start, end))


def _best(text: str, quote: str, starts: list[int], ends: list[int]) -> tuple[int, int, float]:
    """The (start, end) among the candidates whose passage is most like the quote (char-level similarity)."""
    best = (starts[0], ends[0], -1.0)
    for start in starts:
        for end in ends:
            if end <= start:
                continue
            ratio = SequenceMatcher(None, quote, text[start:end], autojunk=False).ratio()
            if ratio > best[2]:
                best = (start, end, ratio)
    return best


def nearest(text: str, quote: str) -> tuple[int, int, list[str]] | None:
    """(char_start, char_end, differences) of the passage of `text` most like `quote`, or None if none is alike.

    The longest common substring anchors the search; the passage's first and last words are then chosen among
    the words near the anchored start and end as those that make the passage most like the quote, and a
    word-level alignment lists the differing words as "quote → article".
    """
    if not text or not quote.strip():
        return None
    anchor = SequenceMatcher(None, text, quote, autojunk=False).find_longest_match(0, len(text), 0, len(quote))
    if anchor.size == 0:
        return None
    guess = anchor.a - anchor.b
    slack = min(len(quote) // 3 + 10, 80)
    words = _words(text, max(0, guess - slack), min(len(text), guess + len(quote) + slack))
    if not words:
        return None
    starts = [m.start() for m in words if abs(m.start() - guess) <= slack]
    ends = [m.end() for m in words if abs(m.end() - (guess + len(quote))) <= slack]
    start, _, _ = _best(text, quote, starts or [words[0].start()], [guess + len(quote)])
    start, end, ratio = _best(text, quote, [start], ends or [words[-1].end()])
    if ratio < MIN_RATIO:
        return None
    quoted = [m.group() for m in WORD.finditer(quote)]
    found = [m.group() for m in _words(text, start, end)]
    ops = SequenceMatcher(None, quoted, found, autojunk=False).get_opcodes()
    return start, end, _differences(ops, quoted, found)


def _differences(ops: list[tuple[str, int, int, int, int]], quoted: list[str], found: list[str]) -> list[str]:
    out = []
    for tag, i1, i2, j1, j2 in ops:
        if tag == "equal":
            continue
        mine, theirs = " ".join(quoted[i1:i2]), " ".join(found[j1:j2])
        if tag == "replace":
            out.append(f"{mine!r} → {theirs!r}")
        elif tag == "delete":
            out.append(f"{mine!r} is not in the article")
        else:
            out.append(f"the article has {theirs!r} here")
    return out


def describe(text: str, quote: str, limit: int = 300) -> str:
    """One clause for an error message: where the nearest passage is, what it says, and what differs."""
    found = nearest(text, quote)
    if found is None:
        return "no similar passage in the article"
    start, end, diffs = found
    passage = text[start:end]
    shown = passage if len(passage) <= limit else passage[: limit - 1] + "…"
    more = f" (and {len(diffs) - MAX_DIFFS} more)" if len(diffs) > MAX_DIFFS else ""
    differs = "; ".join(diffs[:MAX_DIFFS]) + more if diffs else "only in spacing"
    return f"nearest passage at char {start}: {shown!r}; differs: {differs}"
