"""A preview of one article as the build sees it: statements (speaker, date, targets, what each is about), event
reports, the places of events, figures, mentions per actor, every name, label and place mention with its voice,
flags for likely mistakes (a place name before a reporting verb, a span ending inside a sentence, a quote over a
line break: preview_flags.py), what the coverage check still needs, and the warnings and problems of its file.

A curator adding or correcting an article wants to read back what the YAML became without opening the
tables one by one. The preview builds the package in memory (nothing is written), so it also works while the build
still fails: then it lists the problems of this article and the words that coverage still needs.

    make preview ARTICLE=ifp-baqeri-calls
    python -m news_statements.preview ifp-baqeri-calls
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import pandas as pd

from news_statements.build import assemble
from news_statements.paths import CURATION, RELEASES, SOURCES
from news_statements.preview_flags import flags, mentions_with_voice
from news_statements.problems import InputError, around


def _date(row: pd.Series) -> str:
    low, high = row["date_min"], row["date_max"]
    if pd.isna(low) and pd.isna(high):
        when = "date unknown"
    elif pd.notna(row["date"]):
        when = f"{row['date']:%Y-%m-%d}"
    else:
        when = f"{'…' if pd.isna(low) else f'{low:%Y-%m-%d}'} to {'…' if pd.isna(high) else f'{high:%Y-%m-%d}'}"
    said = f", {row['date_text']!s}" if isinstance(row.get("date_text"), str) else ""
    return f"{when} ({row['date_basis']}{said})"


def statements_section(frames: dict[str, pd.DataFrame], article_id: str) -> list[str]:
    statements = frames["statements"][frames["statements"]["article_id"] == article_id]
    targets, about = frames["statement_targets"], frames["statement_events"]
    lines = [f"## Statements ({len(statements)})"]
    for row in statements.sort_values("char_start").to_dict("records"):  # one per statement of one article
        mine = targets[targets["statement_id"] == row["statement_id"]]
        listed = ", ".join(f"{a} ({r})" for a, r in zip(mine["actor_id"], mine["role"], strict=True)) or "none"
        event = f"   event: {row['event_id']}" if isinstance(row["event_id"], str) else ""
        mine_about = about[about["statement_id"] == row["statement_id"]]
        about_listed = "; ".join(
            f"{e} ({r}: “{t}”)"
            for e, r, t in zip(mine_about["event_id"], mine_about["relation"], mine_about["text"], strict=True)
        )
        lines += [
            f"- {row['statement_id']}  [chars {row['char_start']}–{row['char_end']}]",
            f"    speaker: {row['speaker_id']}   date: {_date(pd.Series(row))}   mode: {row['mode']}   "
            f"cameo: {row['cameo']}{event}",
            f"    targets: {listed}",
            *([f"    about: {about_listed}"] if about_listed else []),
            f"    “{' '.join(str(row['text']).split())}”",
        ]
    return lines


def _or(value: object, missing: str) -> str:
    return missing if pd.isna(value) else str(value)


def evidence_section(frames: dict[str, pd.DataFrame], article_id: str) -> list[str]:
    reports = frames["event_reports"][frames["event_reports"]["article_id"] == article_id]
    figures = frames["figures"][frames["figures"]["article_id"] == article_id]
    lines = [f"## Event reports ({len(reports)})"]
    lines += [f"- {r.event_id}: “{r.text}”" for r in reports.sort_values("char_start").itertuples()]
    places = frames["event_places"][frames["event_places"]["article_id"] == article_id]
    lines += ["", f"## Event places ({len(places)})"]
    lines += [
        f"- {p.event_id}: {p.role} {p.place_id}: “{p.text}”" for p in places.sort_values("char_start").itertuples()
    ]
    lines += ["", f"## Figures ({len(figures)})"]
    lines += [
        f"- {f.figure_id}: {f.qualifier} {_or(f.value, '(no single number)')} {f.measure} "
        f"[{_or(f.low, '…')} to {_or(f.high, '…')}], claimed by {f.claimed_by}"
        f"{'' if pd.isna(f.count_id) else f', count {f.count_id}'}: “{f.text}”"
        for f in figures.sort_values("char_start").itertuples()
    ]
    mentions = frames["mentions"][frames["mentions"]["article_id"] == article_id]
    counts = mentions.groupby(["actor_id", "kind"]).size().unstack(fill_value=0)
    lines += ["", f"## Mentions ({len(mentions)}: names from aliases, labels curated)"]
    for actor, row in counts.sort_index().iterrows():
        words = mentions[mentions["actor_id"] == actor]["text"].drop_duplicates().head(4).tolist()
        lines.append(f"- {actor}: " + ", ".join(f"{k} {n}" for k, n in row.items() if n) + f"  e.g. {words}")
    return lines


def derived_section(frames: dict[str, pd.DataFrame], article_id: str, text: str) -> list[str]:
    """What the build derived that the curator did not write: every mention's voice, and flags to check."""
    every = mentions_with_voice(frames, article_id)
    found = flags(frames, article_id, text)
    places = (frames["place_mentions"]["article_id"] == article_id).sum()
    return [
        f"## Every mention and its voice ({len(every)}, {places} of them of places)",
        *every,
        "",
        f"## Flags: likely mistakes to check ({len(found)}; the build accepts them)",
        *[f"- {flag}" for flag in found],
    ]


def coverage_section(coverage: pd.DataFrame | None, text: str | None, article_id: str) -> list[str]:
    if coverage is None:
        return ["## Coverage", "(not computed: the curation could not be read; fix the problems above)"]
    mine = coverage[coverage["article_id"] == article_id]
    open_words = mine[mine["resolved_as"] == "unresolved"]
    lines = [f"## Coverage: {len(mine)} capitalised words, {len(open_words)} still unresolved"]
    if open_words.empty:
        return lines
    lines.append("  each needs an actor alias, a place alias, a label, or an entry in curation/not_entities.yaml:")
    lines += [
        f"- {w.word!r} at char {w.char_start}: {around(text or '', w.char_start, w.char_end)}"
        for w in open_words.itertuples()
    ]
    return lines


def preview(article_id: str, curation: Path = CURATION, sources: Path = SOURCES, releases: Path = RELEASES) -> str:
    extras: dict[str, pd.DataFrame] = {}
    problems: list[str] = []
    frames = None
    try:
        frames = assemble(curation, sources, extras, releases)
    except InputError as err:
        problems = [str(p) for p in err.problems if article_id in p.file or p.id == article_id]
        problems.append(f"(the build has {len(err.problems)} problem(s) in all; `make build` lists them)")
    lines = [f"# {article_id}", ""]
    text = None
    if frames is not None:
        articles = frames["articles"][frames["articles"]["article_id"] == article_id]
        if articles.empty:
            return f"no article {article_id!r} (expected one of {', '.join(frames['articles']['article_id'])})"
        art = articles.iloc[0]
        text = art["text"]
        lines += [f"{art['outlet']}: “{art['title']}”, {_date_of(art)}", ""]
        lines += [*statements_section(frames, article_id), "", *evidence_section(frames, article_id), ""]
        lines += [*derived_section(frames, article_id, str(text)), ""]
    if text is None and "articles" in extras:
        known = extras["articles"].set_index("article_id")["text"]
        text = known.get(article_id)
    lines += coverage_section(extras.get("coverage"), text, article_id)
    warnings = extras.get("warnings")
    if warnings is not None:
        mine = warnings[warnings["file"].astype(str).str.contains(article_id, regex=False)]
        lines += ["", f"## Warnings ({len(mine)}; all in reports/warnings.csv)"]
        lines += [f"- {w.file}:{w.line}: {w.id}: {w.message} (got {w.value!r})" for w in mine.itertuples()]
    if problems:
        lines += ["", "## Problems (the build fails)", *[f"- {p}" for p in problems]]
    return "\n".join(lines)


def _date_of(article: pd.Series) -> str:
    return "published " + _date(
        pd.Series(
            {
                "date": article["published_date"],
                "date_min": article["published_date_min"],
                "date_max": article["published_date_max"],
                "date_basis": article["date_basis"],
                "date_text": None,
            }
        )
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Preview what the build makes of one article.")
    parser.add_argument("article_id")
    parser.add_argument("--curation", type=Path, default=CURATION)
    parser.add_argument("--sources", type=Path, default=SOURCES)
    parser.add_argument("--releases", type=Path, default=RELEASES)
    args = parser.parse_args(argv)
    print(preview(args.article_id, args.curation, args.sources, args.releases))
    return 0


if __name__ == "__main__":
    sys.exit(main())
