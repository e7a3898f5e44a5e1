"""sources + curation -> steps -> validation -> datasets/ (atomic, deterministic).

`assemble()` runs the steps (news_statements/steps/, one table group each) on the curated inputs, keeping for
every row the file and line it came from (`_file`, `_line`), then the checks across tables, so that every
problem — from reading, transforming or validating — is reported as `file:line: id: message`. Nothing is
written unless there is no problem at all.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd

from news_statements import corpus, curation_checks, dtypes, stable_ids, steps
from news_statements import curation as cur
from news_statements.curator_words import in_curator_words
from news_statements.docs import data_dictionary, standard_page
from news_statements.layout import Layout
from news_statements.metadata import tables
from news_statements.paths import CURATION, RELEASES, ROOT, SOURCES
from news_statements.problems import InputError, Problem, around, from_rows, relative
from news_statements.steps.frames import PROVENANCE, lookup
from news_statements.transforms import coverage
from news_statements.validation import rules
from news_statements.validation.frictionless_check import validate_directory
from news_statements.validation.layers import check_frames


def _typed(name: str, frame: pd.DataFrame) -> pd.DataFrame:
    """Cast to the generated pandas dtypes, sort by primary key, keep provenance columns at the end."""
    table = tables()[name]
    keep = [c for c in PROVENANCE if c in frame]
    out = dtypes.typed(frame, table.to_frictionless(), categoricals=False, coerce=True, keep=keep)
    return out.sort_values(list(table.primary_key), kind="stable", na_position="last").reset_index(drop=True)


def coverage_problems(
    report: pd.DataFrame, not_entities: pd.DataFrame, curation_dir: Path, texts: pd.Series
) -> list[Problem]:
    """Unresolved capitalised words (with the text around them), and not_entities entries that resolve nothing."""
    problems = []
    unresolved = report[report["resolved_as"] == "unresolved"]
    for row in unresolved.itertuples():  # problems only
        where = around(str(texts[row.article_id]), row.char_start, row.char_end)
        problems.append(
            Problem(
                relative(curation_dir / "articles" / f"{row.article_id}.yaml"),
                None,
                row.article_id,
                f"capitalised word at char {row.char_start} is not resolved (coverage): {where}",
                row.word,
                "an actor alias, a place alias, a label, or an entry in curation/not_entities.yaml",
            )
        )
    stale = coverage.unused_not_entities(not_entities, report)
    problems += from_rows(
        stale,
        "not_entities entry resolves no word of any article",
        "text",
        expected="a capitalised word that no alias, place or label covers",
        id_column="text",
    )
    return problems


def assemble(
    curation_dir: Path = CURATION,
    sources_dir: Path = SOURCES,
    extras: dict[str, pd.DataFrame] | None = None,
    releases_dir: Path = RELEASES,
) -> dict[str, pd.DataFrame]:
    """Build every table (with provenance columns) or raise InputError with every problem found.

    `extras`, when given, receives the coverage report and the warnings (written by `main` to reports/), and
    the articles table, even when the build then fails on later problems.
    """
    curated = cur.read_all(curation_dir, sources_dir)
    problems = curated.problems
    if any(p.fatal for p in problems):  # a file could not be read at all: its consequences would only add noise
        raise InputError(problems)
    f = curated.frames
    # the steps, in order: each returns its table(s) and appends its problems
    articles, furniture = steps.articles.run(f, problems, sources_dir)
    actors, actor_aliases = steps.actors.run(f)
    places = steps.places.run(f)
    events, event_actors = steps.events.run(f, articles, problems)
    statements, targets, speakers = steps.statements.run(f, articles, problems)
    about = steps.statement_events.run(f, statements, problems)
    reports = steps.reports.run(f, articles, problems)
    places_touched = steps.event_places.run(f, articles, problems)
    figures = steps.figures.run(f, articles, problems)
    mentions, place_mentions = steps.mentions.run(f, articles, actor_aliases, problems)
    mentions, place_mentions = steps.voice.run(f, articles, statements, reports, mentions, place_mentions, problems)
    built = {
        "articles": articles,
        "article_furniture": furniture,
        "actors": actors,
        "actor_aliases": actor_aliases,
        "places": places,
        "events": events,
        "event_actors": event_actors,
        "event_reports": reports,
        "event_places": places_touched,
        "statements": statements,
        "statement_targets": targets,
        "statement_speakers": speakers,
        "statement_events": about,
        "figures": figures,
        "mentions": mentions,
        "place_mentions": place_mentions,
    }
    typed = {name: _typed(name, frame) for name, frame in built.items()}
    check_across_tables(typed, f, problems, curation_dir, releases_dir, extras)
    if problems:
        raise InputError(problems)
    return typed


def check_across_tables(
    typed: dict[str, pd.DataFrame],
    curated: dict[str, pd.DataFrame],
    problems: list[Problem],
    curation_dir: Path,
    releases_dir: Path,
    extras: dict[str, pd.DataFrame] | None,
) -> None:
    """The checks that need every typed table, appended to `problems`: coverage of the capitalised words,
    stable IDs, the curation checks, then validation layers 1 and 2 (last, so that a record that already has
    a problem is not reported again for the value it lacks)."""
    with_text = typed["articles"].dropna(subset=["article_id", "text"])
    report = coverage.report(
        with_text, typed["mentions"], curated["place_aliases"], curated["not_entities"], typed["place_mentions"]
    )
    texts = lookup(typed["articles"], "article_id", "text")
    problems += coverage_problems(report, curated["not_entities"], curation_dir, texts)
    problems += stable_ids.check(typed, curated["retired"], releases_dir)
    checked, warnings, unknown_references = curation_checks.check_all(typed, curated)
    problems += checked
    if extras is not None:  # the preview shows the text around unresolved words: it needs the articles too
        extras.update(coverage=report, warnings=warnings, articles=typed["articles"])
    flawed = {(p.file, p.record_line) for p in problems if p.record_line is not None}
    found = failures_to_problems(validate_frames(typed), typed, flawed)
    # unknown references were reported above, with "did you mean" (and not at all for a row that already failed)
    problems += [p for p in found if (p.file, p.line, p.value) not in unknown_references]


def validate_frames(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Layers 1 and 2 on in-memory tables (provenance columns are ignored), as the validator runs them."""
    plain = {name: frame.drop(columns=[c for c in PROVENANCE if c in frame]) for name, frame in frames.items()}
    return check_frames(plain)


def failures_to_problems(
    found: pd.DataFrame, frames: dict[str, pd.DataFrame], flawed: set[tuple[str, int]] = frozenset()
) -> list[Problem]:
    """Point each failure at the curated file:line of its row (or at the table when the row is generated).

    A missing value in a record that already had a reading problem (`flawed`: its bad value was left out) is
    not reported twice.
    """
    problems = []
    for row in found.itertuples():  # failures only
        frame = frames[row.table]
        key = list(tables()[row.table].primary_key)
        has_row = (
            row.row is not None and not (isinstance(row.row, float) and np.isnan(row.row)) and row.row in frame.index
        )
        record = frame.loc[row.row] if has_row else None
        file = (
            record["_file"]
            if record is not None and isinstance(record.get("_file"), str)
            else f"(generated) {row.table}"
        )
        line = int(record["_line"]) if record is not None and pd.notna(record.get("_line")) else None
        ident = "/".join(str(record[k]) for k in key) if record is not None else None
        if (file, line) in flawed and row.message == "value is required":
            continue  # the reading problem already said why this value is missing
        message = in_curator_words(row.table, row.column, row.message) if record is not None else None
        problems.append(Problem(file, line, ident, message or f"{row.table}.{row.column}: {row.message}", row.value))
    return problems


def main(argv: list[str] | None = None) -> int:
    import argparse

    from news_statements.package import write_package

    parser = argparse.ArgumentParser(description="Build the data package from sources/ and curation/.")
    parser.add_argument("--corpus", type=Path, default=ROOT, help="the corpus folder (default: this repository)")
    parser.add_argument("--curation", type=Path, help="curation directory (default: <corpus>/curation/)")
    parser.add_argument("--sources", type=Path, help="sources directory (default: <corpus>/sources/)")
    parser.add_argument("--out", type=Path, help="output directory (default: <corpus>/datasets/)")
    parser.add_argument("--reports", type=Path, help="where the coverage report goes (<corpus>/reports/)")
    parser.add_argument("--releases", type=Path, help="published IDs of past releases (<corpus>/releases/)")
    parser.add_argument("--docs", type=Path, help="where the data dictionary goes (<corpus>/docs/)")
    args = parser.parse_args(argv)
    layout = Layout(args.corpus)
    for name in ("curation", "sources", "reports", "releases", "docs"):
        setattr(args, name, getattr(args, name) or getattr(layout, name))
    args.out = args.out or layout.datasets
    reports: dict[str, pd.DataFrame] = {}
    try:
        meta = layout.metadata()
        frames = assemble(args.curation, args.sources, reports, args.releases)
        write_package(frames, args.out, check=validate_directory, meta=meta)
        args.reports.mkdir(parents=True, exist_ok=True)
        reports["coverage"].to_csv(args.reports / "coverage.csv", index=False, lineterminator="\n")
        reports["warnings"].to_csv(args.reports / "warnings.csv", index=False, lineterminator="\n")
        if args.docs is not None:
            args.docs.mkdir(parents=True, exist_ok=True)
            (args.docs / "data-dictionary.md").write_text(data_dictionary(meta), encoding="utf-8")
            (args.docs / "standard.md").write_text(standard_page(rules.described()), encoding="utf-8")
            (args.docs / "articles.md").write_text(corpus.articles_page(frames["articles"]), encoding="utf-8")
    except InputError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"build failed: {len(err.problems)} problem(s); {args.out} left unchanged", file=sys.stderr)
        return 1
    print(f"built {args.out}: " + ", ".join(f"{name} {len(frame)}" for name, frame in frames.items()))
    if len(reports["warnings"]):
        print(f"{len(reports['warnings'])} warning(s) to review: {args.reports / 'warnings.csv'}")
    return 0
