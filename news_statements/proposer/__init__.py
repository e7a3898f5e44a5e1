"""A first draft of an article's curation file, for the curator to confirm: never a curation by itself.

One job per module: `text` (sentences across hard line breaks, without datelines), `reference` (what the
proposer knows, and the leave-one-article-out view of it), `names` and `speakers` (who says it), `statements`
(candidate spans, content, mode, dates), `extras` (figures, labels, event reports, unknown words), `draft` (the
YAML), `evaluate` and `report` (the leave-one-out measure, reports/proposer.md), `cli`.

`python -m news_statements.proposer <article_id>` writes the draft to stdout (or `--out`);
`python -m news_statements.proposer --evaluate` measures it on the curated articles, each held out in turn.
"""

from news_statements.proposer.cli import main, read_article
from news_statements.proposer.draft import draft
from news_statements.proposer.evaluate import evaluate, evaluation_report, usable
from news_statements.proposer.reference import Reference, held_out, read_reference
from news_statements.proposer.statements import Candidate, candidates

__all__ = [
    "Candidate",
    "Reference",
    "candidates",
    "draft",
    "evaluate",
    "evaluation_report",
    "held_out",
    "main",
    "read_article",
    "read_reference",
    "usable",
]
