"""The proposer measured leave-one-article-out: each curated article drafted as if it were new, then scored.

For each curated article, the proposer runs with the reference `held_out` of it (no label of its file, no alias,
place alias or not_entities word that occurs only in its text) and its candidates are matched one to one with the
curated statements. What counts is written into the report (reports/proposer.md) by `report`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from news_statements.paths import CURATION
from news_statements.proposer import extras
from news_statements.proposer.reference import Reference, held_out, read_reference
from news_statements.proposer.statements import Candidate, candidates

# A span is usable as drafted when it equals the curated span after removing, at either end only, white space
# and these marks (a sentence's full stop, a comma or colon of the frame, a dash): never words or quotation marks.
FRAMING_MARKS = " \t\n.,;:-–—"
COUNTS = ["curated", "proposed", "recalled", "matched", "exact", "usable", "speaker", "joint", "joint_right"]
COUNTS += ["dated", "content", "content_exact", "figures", "figures_found", "labels", "labels_found"]
TARGETS = {"recall": 0.90, "speaker": 0.85, "usable": 0.80}

Proposer = Callable[[pd.Series, Reference], list[Candidate]]


def usable(drafted: str, curated: str) -> bool:
    return drafted.strip(FRAMING_MARKS) == curated.strip(FRAMING_MARKS)


def match(curated: pd.DataFrame, proposed: list[Candidate]) -> dict[tuple[int, int], Candidate]:
    """Curated span -> the one candidate it is matched with: pairs taken greedily by overlap, largest first, each
    candidate and each curated span used once, kept when the candidate covers at least half the curated span.
    Statements that share one span (one sentence, several speakers) are one curated span."""
    spans = sorted(set(zip(curated["char_start"], curated["char_end"], strict=True)))
    pairs = []
    for s, e in spans:  # a few dozen spans by a few dozen candidates
        for number, c in enumerate(proposed):
            overlap = min(e, c.char_end) - max(s, c.char_start)
            if overlap > 0:
                pairs.append((-overlap, s, number, (s, e)))
    matched: dict[tuple[int, int], Candidate] = {}
    used: set[int] = set()
    for overlap, _, number, span in sorted(pairs):
        if span not in matched and number not in used and -overlap >= (span[1] - span[0]) / 2:
            matched[span] = proposed[number]
            used.add(number)
    return matched


def _same_date(row: pd.Series, candidate: Candidate) -> bool:
    def day(value: object) -> str | None:
        return None if pd.isna(value) else str(value)[:10]

    return (day(row["date_min"]), day(row["date_max"])) == (candidate.date_min, candidate.date_max)


def _gist(text: str, words: int = 8) -> str:
    return " ".join(text.split()[:words]).replace("|", "/") + " …"


def score(article: pd.Series, curated: pd.DataFrame, proposed: list[Candidate]) -> dict[str, object]:
    """The counts of one article (see `report` for what each means), and `misses`: one line per statement
    missed, with a wrong speaker, or with an unusable span."""
    text, name = str(article["text"]), article["article_id"]
    matched = match(curated, proposed)
    counts: dict[str, object] = dict.fromkeys(COUNTS, 0) | {"curated": len(curated), "proposed": len(proposed)}
    counts["matched"], misses = len(matched), []
    for _, row in curated.iterrows():  # one per curated statement of one article
        found = matched.get((row["char_start"], row["char_end"]))
        if found is None:
            misses.append(f"recall: {name}: not drafted: “{_gist(row['text'])}”")
            continue
        sharing = int(((curated["char_start"] == row["char_start"]) & (curated["char_end"] == row["char_end"])).sum())
        drafted = text[found.char_start : found.char_end]
        right = {"usable": usable(drafted, str(row["text"])), "speaker": row["speaker_id"] in found.speakers[:sharing]}
        counts["recalled"] += 1
        counts["exact"] += (found.char_start, found.char_end) == (row["char_start"], row["char_end"])
        counts["usable"] += right["usable"]
        counts["speaker"] += right["speaker"]
        counts["dated"] += _same_date(row, found)
        if not right["usable"]:
            misses.append(f"usable: {name}: drafted “{_gist(drafted)}” for “{_gist(row['text'])}”")
        if not right["speaker"]:
            misses.append(f"speaker: {name}: `{found.speakers[0]}` for `{row['speaker_id']}` in “{_gist(drafted)}”")
        if row["joint"]:
            counts["joint"] += 1
            counts["joint_right"] += set(row["joint"]) <= set(found.joint)
        if pd.notna(row["content_start"]):
            counts["content"] += 1
            curated_content = text[int(row["content_start"]) : int(row["content_end"])]
            counts["content_exact"] += found.content is not None and text[slice(*found.content)] == curated_content
    return counts | {"misses": misses}


def score_extras(article: pd.Series, found: list[Candidate], known: Reference, curated: Curated) -> dict[str, int]:
    """Figures: curated figures overlapped by a drafted one. Labels: curated (actor, words) pairs drafted."""
    text, outlet = str(article["text"]), str(article["outlet_actor_id"])
    spans = [(f.char_start, f.char_end) for f in extras.figures(text, found, outlet)]
    mine = curated.figures[curated.figures["article_id"] == article["article_id"]]
    hit = [
        any(s < e2 and s2 < e for s2, e2 in spans) for s, e in zip(mine["char_start"], mine["char_end"], strict=True)
    ]
    labels = curated.labels[curated.labels["article_id"] == article["article_id"]]
    pairs = set(zip(labels["actor_id"], labels["text"], strict=True))
    drafted = {(actor, label) for actor, label, _ in extras.labels(text, known)}
    return {"figures": len(mine), "figures_found": sum(hit), "labels": len(pairs), "labels_found": len(pairs & drafted)}


def evaluate(
    curated: Curated, reference: Reference, proposer: Proposer = candidates, leave_out: bool = True
) -> pd.DataFrame:
    """One row of counts per curated article, drafted with the reference held out of it (`leave_out`)."""
    articles, statements = curated.articles, curated.statements
    texts = dict(zip(articles["article_id"], articles["text"].astype(str), strict=True))
    rows = []
    for _, article in articles.sort_values("article_id").iterrows():  # one per curated article
        known = held_out(reference, texts, article["article_id"]) if leave_out else reference
        found = proposer(article, known)
        mine = statements[statements["article_id"] == article["article_id"]]
        counts = score(article, mine, found) | score_extras(article, found, known, curated)
        rows.append({"article": article["article_id"], **counts})
    return pd.DataFrame(rows, columns=["article", *COUNTS, "misses"])


@dataclass(frozen=True)
class Curated:
    """The built tables the proposer is scored against."""

    articles: pd.DataFrame
    statements: pd.DataFrame  # with `joint`: each statement's joint speakers, a list
    figures: pd.DataFrame
    labels: pd.DataFrame  # mentions of kind label: article_id, actor_id, text


def read_curated(datasets: Path) -> Curated:
    """The built articles, statements (with each statement's joint speakers as a list), figures and labels."""
    dated = ["published_date", "published_date_min", "published_date_max"]
    articles = pd.read_csv(datasets / "articles.csv", dtype={"text": str}, parse_dates=dated)
    statements = pd.read_csv(datasets / "statements.csv", dtype={"text": str})
    speakers = pd.read_csv(datasets / "statement_speakers.csv")
    joint = speakers[speakers["role"] != "reported"].groupby("statement_id")["actor_id"].agg(sorted)
    statements["joint"] = statements["statement_id"].map(joint).apply(lambda j: j if isinstance(j, list) else [])
    figures = pd.read_csv(datasets / "figures.csv", dtype={"text": str})
    mentions = pd.read_csv(datasets / "mentions.csv", dtype={"text": str})
    labels = mentions.loc[mentions["kind"] == "label", ["article_id", "actor_id", "text"]]
    return Curated(articles, statements, figures, labels)


def evaluation_report(datasets: Path, curation: Path = CURATION) -> str:
    from news_statements.proposer.report import report

    curated, reference = read_curated(datasets), read_reference(curation)
    return report(evaluate(curated, reference), in_sample=evaluate(curated, reference, leave_out=False))
