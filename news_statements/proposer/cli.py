"""`python -m news_statements.proposer <article_id>` drafts a curation file; `--evaluate` measures the proposer."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from news_statements import curation as cur
from news_statements.paths import SOURCES
from news_statements.problems import Problem
from news_statements.steps import articles as articles_step


def read_article(article_id: str, sources: Path = SOURCES) -> pd.Series:
    """The article's row as the build makes it (clean text, publication bounds) from sources/ alone."""
    problems: list[Problem] = []
    meta, furniture = cur.read_sources(problems, sources)
    frames = {"articles": meta[meta["article_id"] == article_id], "furniture": furniture}
    if frames["articles"].empty:
        raise SystemExit(f"no sources/{article_id}.yaml: write the article's metadata first (curation/README.md)")
    articles, _ = articles_step.run(frames, problems, sources)
    if problems:
        raise SystemExit("\n".join(str(p) for p in problems))
    return articles.iloc[0]


def main(argv: list[str] | None = None) -> int:
    from news_statements.layout import Layout
    from news_statements.paths import ROOT
    from news_statements.proposer.draft import draft
    from news_statements.proposer.evaluate import evaluation_report
    from news_statements.proposer.reference import read_reference

    parser = argparse.ArgumentParser(description="Draft a curation file for an article, or measure the proposer.")
    parser.add_argument("article_id", nargs="?", help="an article with sources/<article_id>.yaml")
    parser.add_argument("--corpus", type=Path, default=ROOT, help="the corpus folder (default: this repository)")
    parser.add_argument("--out", type=Path, help="write the draft here (default: stdout)")
    parser.add_argument("--evaluate", action="store_true", help="write reports/proposer.md and print it")
    args = parser.parse_args(argv)
    layout = Layout(args.corpus)
    if args.evaluate:
        text = evaluation_report(layout.datasets, layout.curation)
        layout.reports.mkdir(parents=True, exist_ok=True)
        (layout.reports / "proposer.md").write_text(text, encoding="utf-8")
        print(text, end="")
        return 0
    if not args.article_id:
        parser.error("give an article_id, or --evaluate")
    text = draft(read_article(args.article_id, layout.sources), read_reference(layout.curation))
    if args.out:
        if args.out.exists():
            print(f"{args.out} exists: not overwritten (give another --out)", file=sys.stderr)
            return 1
        args.out.write_text(text, encoding="utf-8")
        print(f"draft written to {args.out}: confirm every line before moving it to curation/articles/")
    else:
        print(text, end="")
    return 0
