"""Raw source file -> clean article body, by explicit per-article rules that are themselves data.

The rules live in sources/<article_id>.yaml (`furniture:`): `line` removes every line equal to the given
text, `from_line` removes that line and everything after it. Every removed span is returned with its
offsets in the raw file, so the cleaning can be checked and undone. After removal, runs of blank lines
collapse to one and the text is stripped; `normalize_nbsp` turns U+00A0 into plain spaces.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pandas as pd

BLANK_RUNS = re.compile(r"\n(?:[ \t]*\n){2,}")  # three or more line ends with only spaces between


@dataclass(frozen=True)
class Cleaned:
    text: str
    removed: pd.DataFrame  # raw_char_start, raw_char_end, kind, text
    unmatched: list[int]  # indexes of rules that matched nothing


def line_spans(raw: str) -> pd.DataFrame:
    """Each line of the raw text with its offsets (end excludes the newline)."""
    lines = raw.split("\n")
    lengths = pd.Series([len(line) for line in lines], dtype="int64")
    starts = (lengths + 1).cumsum().shift(fill_value=0)
    return pd.DataFrame({"line": lines, "start": starts, "end": starts + lengths})


def clean(raw: str, rules: pd.DataFrame, normalize_nbsp: bool = False) -> Cleaned:
    """Apply the furniture rules (columns kind, line, from_line) to one raw article text."""
    lines = line_spans(raw)
    stripped = lines["line"].str.strip()
    kind = pd.Series(pd.NA, index=lines.index, dtype="string")
    unmatched = []
    for index, rule in rules.reset_index(drop=True).iterrows():  # a handful of rules per article
        if isinstance(rule.get("line"), str):
            hit = stripped == rule["line"].strip()
        else:
            first = stripped.eq(str(rule["from_line"]).strip())
            hit = first.cumsum() > 0 if first.any() else first
        if not hit.any():
            unmatched.append(index)
        kind = kind.mask(hit & kind.isna(), rule["kind"])
    removed_mask = kind.notna()
    # Blank lines inside a removed block are dropped from the record: they carry nothing to check.
    removed = lines[removed_mask & (stripped != "")].assign(kind=kind[removed_mask])
    removed = pd.DataFrame(
        {
            "raw_char_start": removed["start"].astype("int64"),
            "raw_char_end": removed["end"].astype("int64"),
            "kind": removed["kind"].astype("string"),
            "text": removed["line"].astype("string"),
        }
    ).reset_index(drop=True)
    kept = "\n".join(lines.loc[~removed_mask, "line"])
    if normalize_nbsp:
        kept = kept.replace("\u00a0", " ")
    text = BLANK_RUNS.sub("\n\n", kept).strip()
    return Cleaned(text=text, removed=removed, unmatched=unmatched)
