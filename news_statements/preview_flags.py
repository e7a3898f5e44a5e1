"""What the preview shows that the tables hide: every mention with its voice, and flags for likely mistakes.

The build accepts these (each can be right), so they are not problems; but each was, for a new curator, a mistake
found only by reading the CSV files:
- a place name followed by a reporting verb ("Moscow said"): the capital usually stands for its state, which
  needs the name among the state's aliases (curation/README.md, "Capitals: state or city");
- a statement whose span ends inside a sentence: the span is the whole sentence that reports the saying (a quote
  cut at a line break inside a sentence builds silently, incomplete);
- a quote that runs over a line break: one sentence wrapped in the source, or two paragraphs taken as one?
"""

from __future__ import annotations

import re

import pandas as pd

REPORTING_VERB = re.compile(
    r"\s+(?:(?:has|had|have|also|later|then)\s+){0,2}(?:said|says|stated|states|announced|announces|added|adds|"
    r"warned|warns|stressed|stresses|reiterated|reiterates|declared|declares|accused|accuses|condemned|"
    r"condemns|denied|denies|claimed|claims|urged|urges|insisted|insists|noted|notes|told|tells|reported|"
    r"reports|affirmed|affirms|emphasized|emphasised|emphasizes|called|calls)\b"
)
# the end of a sentence: . ! ? (or a colon ending a heading line), then any closing quotation marks or brackets
SENTENCE_END = re.compile(r"[.!?:][”’\"')\]]*$")
GUIDE = "curation/README.md"


def _excerpt(text: str, limit: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def place_before_reporting_verb(text: str, places: pd.DataFrame) -> list[str]:
    """Place mentions that a reporting verb follows: a capital standing for its state, probably."""
    flags = []
    for row in places.sort_values("char_start").itertuples():
        verb = REPORTING_VERB.match(text, int(row.char_end))
        if verb:
            flags.append(
                f"chars {row.char_start}–{row.char_end}: “{row.text}{verb.group(0)}”: a place name before a "
                f"reporting verb usually stands for its state: add “{row.text}” to the state's aliases in "
                f"actors.yaml (it stays a place alias too; {GUIDE}, “Capitals: state or city”)"
            )
    return flags


def span_ends_inside_a_sentence(text: str, statements: pd.DataFrame) -> list[str]:
    """Statements whose span does not end where a sentence ends (a clause on purpose is fine: check it)."""
    flags = []
    for row in statements.sort_values("char_start").itertuples():
        span = text[int(row.char_start) : int(row.char_end)].rstrip()
        if not SENTENCE_END.search(span):
            after = _excerpt(text[int(row.char_end) : int(row.char_end) + 40])
            flags.append(
                f"{row.statement_id}: the quote ends inside a sentence (“…{_excerpt(span[-30:])}” then “{after}”): "
                f"the span is the whole sentence that reports the saying ({GUIDE}, Evidence); keep a clause only "
                "on purpose (two acts of saying in one sentence)"
            )
    return flags


def quote_over_a_line_break(text: str, spans: list[tuple[str, pd.DataFrame, str]]) -> list[str]:
    """Statements, event reports, figures and labels whose span holds a line break."""
    flags = []
    for kind, frame, id_column in spans:
        for row in frame.sort_values("char_start").itertuples():
            span = text[int(row.char_start) : int(row.char_end)]
            if "\n" in span:
                before, _, after = span.partition("\n")
                flags.append(
                    f"{kind} {getattr(row, id_column)}: the quote runs over a line break (“…{_excerpt(before[-30:])}” "
                    f"/ “{_excerpt(after, 30)}…”): one sentence wrapped in the source, or two paragraphs? "
                    f"({GUIDE}, checklist: quoting across a line break)"
                )
    return flags


def flags(frames: dict[str, pd.DataFrame], article_id: str, text: str) -> list[str]:
    """Every flag of one article, in the order of the kinds above."""

    def mine(name: str) -> pd.DataFrame:
        return frames[name][frames[name]["article_id"] == article_id]

    spans = [
        ("statement", mine("statements"), "statement_id"),
        ("event report", mine("event_reports"), "event_id"),
        ("figure", mine("figures"), "figure_id"),
        ("label of", mine("mentions").query("kind == 'label'"), "actor_id"),
    ]
    return [
        *place_before_reporting_verb(text, mine("place_mentions")),
        *span_ends_inside_a_sentence(text, mine("statements")),
        *quote_over_a_line_break(text, spans),
    ]


def mentions_with_voice(frames: dict[str, pd.DataFrame], article_id: str) -> list[str]:
    """Every name, label and place mention of the article in text order, with whose words it is."""
    actors = frames["mentions"][frames["mentions"]["article_id"] == article_id]
    places = frames["place_mentions"][frames["place_mentions"]["article_id"] == article_id]
    both = pd.concat(
        [
            actors.assign(what=actors["actor_id"] + " (" + actors["kind"] + ")"),
            places.assign(what=places["place_id"] + " (place)"),
        ]
    ).sort_values(["char_start", "what"])
    lines = []
    for row in both.itertuples():
        said = "" if row.voice == "outlet" or pd.isna(row.statement_id) else f" in {row.statement_id}"
        lines.append(
            f"- {row.char_start}: “{_excerpt(str(row.text))}” → {row.what}   voice: {row.voice} "
            f"({row.voice_actor_id}{said})"
        )
    return lines
