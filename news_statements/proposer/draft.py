"""The draft curation file (YAML) for one article: every value a guess marked for the curator to confirm.

It holds what the curator would otherwise type: statements with `quote`, `content`, speaker and joint speakers
(the other candidates in a comment), mode and date; figures with value, qualifier, measure and claimant; the
labels of known actors; event-report candidates. Quotes are the article's characters (line breaks included),
with `occurrence:` when the same words occur more than once.
"""

from __future__ import annotations

import json

import pandas as pd

from news_statements.proposer import extras
from news_statements.proposer.reference import Reference
from news_statements.proposer.statements import Candidate, candidates
from news_statements.transforms.aliases import alias_pattern


def _q(text: str) -> str:
    return json.dumps(text, ensure_ascii=False)


def _occurrence(text: str, start: int, end: int) -> str:
    """`, occurrence: k` when the quoted words occur more than once in the text (the k-th is meant)."""
    words = text[start:end]
    if text.count(words) <= 1:
        return ""
    return f"\n    occurrence: {text.count(words, 0, start) + 1}"


def _statement(number: int, c: Candidate, article: pd.Series) -> list[str]:
    text, slug = str(article["text"]), str(article["article_id"]).split("-")[0]
    others = ", ".join(c.speakers[1:]) or "none"
    lines = [f"  - id: {slug}-s{number:02d}   # a readable slug: <outlet>-<speaker>-<gist>"]
    if c.outlet_claim:
        lines.append("    # no attribution: a claim in the outlet's own voice, or narration (then delete it)")
    lines.append(f"    speaker: {c.speakers[0]}   # other candidates: {others}")
    if c.joint:
        lines.append(f"    joint_speakers: [{', '.join(c.joint)}]")
    lines.append(f"    quote: {_q(c.text)}{_occurrence(text, c.char_start, c.char_end)}")
    if c.content and not c.outlet_claim:
        lines.append(f"    content: {_q(text[slice(*c.content)])}   # the speaker's words, without the frame")
    lines.append(f"    mode: {c.mode}")
    lines.append(_date_line(c))
    return [*lines, '    cameo: "TODO"   # schema/codelists/cameo.csv', "    targets: []"]


def _date_line(c: Candidate) -> str:
    if c.relative:
        spec = _q(c.relative) + (f", context: {_q(c.context)}" if c.context else "")
        return f"    date: {{relative: {spec}}}   # resolves to {c.date_min or '?'} to {c.date_max or '?'}"
    if c.outlet_claim and c.date_min:
        note = "claim in the outlet's own voice, dated by the article's publication bounds"
        return f"    date: {{min: {c.date_min}, max: {c.date_max}, basis: inferred, note: {_q(note)}}}"
    return '    date: {basis: unknown, note: "TODO: no date phrase found near the statement"}'


def _figure(number: int, f: extras.Figure, article: pd.Series) -> list[str]:
    slug = str(article["article_id"]).split("-")[0]
    lines = [f"  - id: {slug}-f{number:02d}", f"    quote: {_q(f.text)}"]
    lines[-1] += _occurrence(str(article["text"]), f.char_start, f.char_end)
    if f.value is not None:
        lines.append(f"    value: {f.value}")
    if f.low is not None:
        lines += [f"    low: {f.low}", f"    high: {f.high}"]
    return [*lines, f"    qualifier: {f.qualifier}", f"    measure: {f.measure}", f"    claimed_by: {f.claimed_by}"]


def _header(article: pd.Series, reference: Reference) -> list[str]:
    text = str(article["text"])
    names = alias_pattern(reference.aliases["alias"]).findall(text) if len(reference.aliases) else []
    actor_of = dict(zip(reference.aliases["alias"], reference.aliases["actor_id"], strict=True))
    mentioned = pd.Series([actor_of[n] for n in names], dtype="string").value_counts().sort_index()
    return [
        f"# DRAFT by `python -m news_statements.proposer {article['article_id']}`: every line is a guess to confirm.",
        f"# When confirmed, move it to curation/articles/{article['article_id']}.yaml (checklist: curation/README.md).",
        "# Name mentions the build will find: " + ", ".join(f"{a} ×{n}" for a, n in mentioned.items()),
        "# Capitalised words not yet known (each needs an actor or place alias, a label, or a not_entities entry): "
        + ", ".join(extras.unknown_words(text, reference)),
        f"article_id: {article['article_id']}",
    ]


def draft(article: pd.Series, reference: Reference) -> str:
    """The draft curation file (YAML) for one article."""
    text, outlet = str(article["text"]), str(article["outlet_actor_id"])
    found = candidates(article, reference)
    lines = [*_header(article, reference), "statements:"]
    for number, c in enumerate(found, start=1):  # one per candidate of one article
        lines += _statement(number, c, article)
    reports = extras.event_reports(found, text, outlet)
    lines.append("event_reports:" + ("" if reports else " []"))
    for quote, attributed in reports:  # one per event-report candidate
        lines += ["  - event: TODO   # an event of events.yaml, or a new one", f"    quote: {_q(quote)}"]
        lines.append(f"    attributed_to: {attributed or 'null'}")
    numbers = extras.figures(text, found, outlet)
    lines.append("figures:" + ("" if numbers else " []"))
    for number, f in enumerate(numbers, start=1):  # one per figure candidate
        lines += _figure(number, f, article)
    known = extras.labels(text, reference)
    lines.append("labels:" + ("" if known else " []"))
    for actor, label, count in known:  # one per known label found
        lines.append(f"  - {{actor: {actor}, quote: {_q(label)}{', occurrence: all' if count > 1 else ''}}}")
    return "\n".join(lines) + "\n"
