"""Checks of the curation that the tables' validation cannot make, each with a message that says what to do.

- Unknown references, with "did you mean" (difflib) — and none for a row whose own record already failed
  (a statement whose quote was not found is not built; its targets and figures would only repeat that).
- A relative date ("on Tuesday") must be what the article says: the phrase occurs in the statement's span, or
  in the passage that the date names with `context:`. That passage should be the statement's sentence or a
  neighbouring one; a passage farther away is a warning (reports/warnings.csv), since the article's frame
  ("said during a briefing today, Monday") may date several later paragraphs.
- A statement's date must fall within its event's dates: an utterance made at a phone call is made that day.
- A statement's speaker should be among its event's actors, or a body one of them belongs to (or a member of
  one): a warning, because an article may credit a statement to a state whose minister made the call.

All checks are vectorised over the rows (merges and numpy string search); the only loops are over the few
foreign keys, the parent levels of the actor tree, and the articles when splitting them into sentences.
"""

from __future__ import annotations

import difflib
import re

import numpy as np
import pandas as pd
from numpy.dtypes import StringDType

from news_statements.curator_words import in_curator_words
from news_statements.metadata import tables
from news_statements.problems import Problem, from_rows
from news_statements.transforms.aliases import scan

SENTENCE = re.compile(r"[^\s].*?(?:[.!?][\"”’']?(?=\s)|(?=\n)|$)", flags=re.S)
WARNING_COLUMNS = ["file", "line", "id", "check", "message", "value"]
MAX_PARENT_LEVELS = 10  # the actor tree is a few levels deep; validation rejects cycles


def _provenance(frame: pd.DataFrame) -> pd.DataFrame:
    return frame if "_file" in frame else frame.assign(_file=None, _line=None)


def _keys(frame: pd.DataFrame, name: str) -> pd.Series:
    key = list(tables()[name].primary_key)
    if frame.empty:
        return pd.Series([], dtype="string")
    return frame[key].astype("string").fillna("").agg("/".join, axis=1)


def unknown_references(
    frames: dict[str, pd.DataFrame], dropped: dict[str, set[str]]
) -> tuple[list[Problem], set[tuple[str, int | None, str]]]:
    """Problems for unknown references (with the closest known IDs), and the (file, line, value) of every
    reference that is unknown, so that the validation's report of the same failure can be left out.

    A reference to a row that was curated but not built (`dropped`: its record already failed) is not reported.
    """
    problems: list[Problem] = []
    seen: set[tuple[str, int | None, str]] = set()
    for name, table in tables().items():
        frame = _provenance(frames[name])
        for fk in table.foreign_keys:
            local, target, remote = fk["fields"][0], fk["reference"]["resource"], fk["reference"]["fields"][0]
            known = frames[target][remote].dropna().astype(str)
            values = frame[local]
            bad = values.notna() & ~values.isin(known)
            if not bad.any():
                continue
            rows = frame[bad].assign(_id=_keys(frame[bad], name), _value=values[bad].astype(str))
            # one mistake, once: a row that repeats a curated reference is not reported again, here or by the
            # validation: a derived row at its source's file:line (a statement's `reported` speaker), or a generated
            # one without provenance (a mention's voice_actor_id, from a statement's speaker)
            generated = rows["_file"].isna()
            files = rows["_file"].where(~generated, f"(generated) {name}")
            where = pd.Series(list(zip(files, rows["_line"].map(_int), rows["_value"], strict=True)), rows.index)
            repeated = generated | where.isin(seen)
            seen |= set(where)
            rows = rows[~repeated & ~rows["_value"].isin(dropped.get(target, set()))]
            candidates = sorted(set(known))
            hints = rows["_value"].map(lambda v, c=candidates: _did_you_mean(v, c))  # unknown values only
            for hint, group in rows.groupby(hints, sort=True):
                problems += from_rows(
                    group,
                    in_curator_words(name, local, f"unknown reference: no {target}.{remote} has this value{hint}"),
                    "_value",
                    id_column="_id",
                )
    return problems, seen


def _int(value: object) -> int | None:
    return None if value is None or pd.isna(value) else int(value)


def _did_you_mean(value: str, candidates: list[str]) -> str:
    close = difflib.get_close_matches(value, candidates, n=3, cutoff=0.6)
    if not close:
        return ""
    return "; did you mean " + " or ".join(repr(c) for c in close) + "?"


def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """Every sentence (or heading line) of every article: article_id, sentence (0-based), char_start, char_end."""
    found = scan(articles[["article_id", "text"]].dropna(), SENTENCE)
    found = found.sort_values(["article_id", "char_start"], kind="stable").reset_index(drop=True)
    return found.assign(sentence=found.groupby("article_id").cumcount())[
        ["article_id", "sentence", "char_start", "char_end"]
    ]


def _sentence_of(positions: pd.DataFrame, column: str, table: pd.DataFrame) -> pd.Series:
    """The sentence number holding each row's offset `column` (the last sentence starting at or before it)."""
    left = positions[["article_id", column]].rename(columns={column: "char_start"})
    left = left.astype({"article_id": "string", "char_start": "int64"}).assign(_order=np.arange(len(left)))
    right = table.astype({"article_id": "string"}).sort_values("char_start", kind="stable")
    left = left.sort_values("char_start", kind="stable")
    merged = pd.merge_asof(left, right, on="char_start", by="article_id")
    return merged.sort_values("_order")["sentence"].set_axis(positions.index)


def _texts(articles: pd.DataFrame) -> pd.Series:
    """article_id -> text, usable with Series.map even when validation will report duplicate article IDs."""
    return articles.drop_duplicates("article_id").set_index("article_id")["text"]


def _contains(haystack: pd.Series, needle: pd.Series) -> np.ndarray:
    def arr(values: pd.Series) -> np.ndarray:
        return np.array(values.fillna("").astype(str).str.lower().tolist(), dtype=StringDType())

    return np.strings.find(arr(haystack), arr(needle)) >= 0


def relative_phrases(
    statements: pd.DataFrame, curated: pd.DataFrame, articles: pd.DataFrame
) -> tuple[list[Problem], list[Problem]]:
    """(problems, warnings) for statements dated by a relative phrase: where does the article say it?"""
    spec = curated[["id", "date_relative", "date_context"]].rename(columns={"id": "statement_id"})
    rows = statements.merge(spec, on="statement_id")
    rows = rows[rows["date_relative"].notna()].reset_index(drop=True)
    if rows.empty:
        return [], []
    text = rows["article_id"].map(_texts(articles))
    has_context = rows["date_context"].notna()
    starts = pd.Series(
        np.strings.find(
            np.array(text.fillna("").astype(str).tolist(), dtype=StringDType()),
            np.array(rows["date_context"].fillna("\0").astype(str).tolist(), dtype=StringDType()),
        ),
        index=rows.index,
    )
    in_span = _contains(rows["text"], rows["date_relative"])
    in_context = _contains(rows["date_context"], rows["date_relative"]) & has_context.to_numpy()
    problems = from_rows(
        rows[~in_span & ~has_context.to_numpy()],
        "the relative date's phrase is not in the statement's quote",
        "date_relative",
        expected="the phrase as the article words it, or `context:` quoting the sentence that has it",
        id_column="statement_id",
    )
    problems += from_rows(
        rows[has_context & (starts < 0)],
        "the date's `context` is not in the article text",
        "date_context",
        expected="a verbatim passage of the clean article text that contains the date's phrase",
        id_column="statement_id",
    )
    lacking = rows[has_context & (starts >= 0) & ~in_context]
    problems += from_rows(
        lacking.assign(_phrase="'" + lacking["date_relative"].astype(str) + "'"),
        "the date's `context` does not contain its relative phrase ",
        "date_context",
        expected="a passage of the article that contains the phrase",
        id_column="statement_id",
        reason_column="_phrase",
    )
    return problems, _far_contexts(rows[has_context & (starts >= 0) & in_context], starts, articles)


def _far_contexts(rows: pd.DataFrame, starts: pd.Series, articles: pd.DataFrame) -> list[Problem]:
    """Warnings for date contexts that are not the statement's sentence or a neighbouring one."""
    if rows.empty:
        return []
    table = sentences(articles)
    where = pd.DataFrame(
        {
            "article_id": rows["article_id"],
            "first": rows["char_start"],
            "last": rows["char_end"] - 1,
            "context": starts[rows.index],
        }
    )
    first, last = _sentence_of(where, "first", table), _sentence_of(where, "last", table)
    context = _sentence_of(where, "context", table)
    far = (context < first - 1) | (context > last + 1)
    distance = np.maximum(first - context, context - last)
    flagged = rows[far].assign(_distance=distance[far].astype("int64").astype(str))
    return from_rows(
        flagged,
        "the date's `context` is not the statement's sentence or a neighbouring one; sentences away: ",
        "date_context",
        expected="check that the phrase dates this statement",
        id_column="statement_id",
        reason_column="_distance",
    )


def statement_events(statements: pd.DataFrame, events: pd.DataFrame) -> list[Problem]:
    """A statement dated outside its event's span: from the event's earliest start (start_min) to its latest end
    (end_max); an event without a recorded end (ongoing or unknown) is open-ended. Both are bounds: they must
    overlap."""
    span_of_event = events[["event_id", "start_min", "end_max"]]
    rows = statements[statements["event_id"].notna()].merge(span_of_event, on="event_id")
    outside = (rows["date_max"] < rows["start_min"]) | (rows["date_min"] > rows["end_max"])
    bad = rows[outside.fillna(False)]
    if bad.empty:
        return []

    def span(low: pd.Series, high: pd.Series) -> pd.Series:
        low, high = low.dt.strftime("%Y-%m-%d").fillna("…"), high.dt.strftime("%Y-%m-%d").fillna("…")
        return low.where(low == high, low + " to " + high)

    bad = bad.assign(_dates=span(bad["date_min"], bad["date_max"]), _event_dates=span(bad["start_min"], bad["end_max"]))
    return from_rows(
        bad.assign(_reason=bad["_event_dates"] + " (" + bad["event_id"].astype(str) + ")"),
        "statement date falls outside its event's dates ",
        "_dates",
        expected="a date within the event's dates, or another event (or none)",
        id_column="statement_id",
        reason_column="_reason",
    )


def _relatives(actors: pd.DataFrame) -> pd.DataFrame:
    """Pairs (actor_id, related): each actor with itself and every ancestor on the parent chain."""
    pairs = actors[["actor_id"]].assign(related=actors["actor_id"])
    parents = actors[["actor_id", "parent_actor_id"]].dropna()
    level = pairs
    for _ in range(MAX_PARENT_LEVELS):  # levels of the tree, not rows
        level = level.merge(parents, left_on="related", right_on="actor_id", suffixes=("", "_p"))
        level = level[["actor_id", "parent_actor_id"]].rename(columns={"parent_actor_id": "related"})
        if level.empty:
            break
        pairs = pd.concat([pairs, level], ignore_index=True)
    return pairs.drop_duplicates()


def speakers_not_in_events(statements: pd.DataFrame, event_actors: pd.DataFrame, actors: pd.DataFrame) -> list[Problem]:
    """Warnings: a statement's speaker that is neither an actor of its event nor above or below one in the
    actor tree (the state of a minister on the call counts; an unrelated actor does not)."""
    rows = statements[statements["event_id"].notna()][["statement_id", "speaker_id", "event_id", "_file", "_line"]]
    up = _relatives(actors)
    # speaker and event actor are related when one is an ancestor of the other (or they are the same actor)
    down = up.rename(columns={"actor_id": "related", "related": "actor_id"})
    related = pd.concat([up, down], ignore_index=True).drop_duplicates()
    linked = event_actors[["event_id", "actor_id"]].merge(related, on="actor_id")[["event_id", "related"]]
    ok = rows.merge(linked, left_on=["event_id", "speaker_id"], right_on=["event_id", "related"])["statement_id"]
    lonely = rows[~rows["statement_id"].isin(ok)]
    return from_rows(
        lonely.assign(_reason=lonely["event_id"].astype(str)),
        "speaker is not among the actors of the statement's event (nor above or below one of them): ",
        "speaker_id",
        expected="the speaker among the event's actors, or a note why not",
        id_column="statement_id",
        reason_column="_reason",
    )


def warnings_frame(warnings: list[Problem], check: list[str]) -> pd.DataFrame:
    """The warnings as reports/warnings.csv rows (sorted, so that the report is deterministic)."""
    frame = pd.DataFrame(
        [(w.file, w.line, w.id, c, w.message, w.value) for w, c in zip(warnings, check, strict=True)],
        columns=WARNING_COLUMNS,
    ).astype({"line": "Int64"})
    return frame.sort_values(["file", "line", "id", "check"], kind="stable").reset_index(drop=True)


def event_relative_phrases(curated_events: pd.DataFrame, articles: pd.DataFrame) -> list[Problem]:
    """An event's start or end dated by a relative phrase of an article: the article must say it (in `context`
    if given). The end spec (end_* columns) is checked as the start spec (date_* columns)."""
    ends = curated_events.filter(like="end_").rename(columns=lambda c: "date_" + c.removeprefix("end_"))
    specs = pd.concat([curated_events, ends.join(curated_events[["id", "_file", "_line"]])], ignore_index=True)
    rows = specs[specs["date_relative"].notna() & specs["date_article"].notna()]
    text = rows["date_article"].map(_texts(articles))
    where = rows["date_context"].where(rows["date_context"].notna(), text)
    in_text = _contains(text, rows["date_context"].fillna(rows["date_relative"]))
    said = _contains(where, rows["date_relative"]) & in_text & text.notna().to_numpy()
    return from_rows(
        rows[~said],
        "the relative date's phrase (or its `context`) is not in the article it names",
        "date_relative",
        expected="the phrase as that article words it",
    )


def check_all(
    frames: dict[str, pd.DataFrame], curated: dict[str, pd.DataFrame]
) -> tuple[list[Problem], pd.DataFrame, set[tuple[str, int | None, str]]]:
    """(problems, warnings as a frame, the unknown references' (file, line, value) for deduplication)."""
    built = set(frames["statements"]["statement_id"].dropna())
    dropped = {"statements": set(curated["statements"]["id"].dropna()) - built}
    problems, unknown = unknown_references(frames, dropped)
    articles = frames["articles"]
    phrase_problems, far = relative_phrases(frames["statements"], curated["statements"], articles)
    problems += phrase_problems
    problems += event_relative_phrases(curated["events"], articles)
    problems += statement_events(frames["statements"], frames["events"])
    lonely = speakers_not_in_events(frames["statements"], frames["event_actors"], frames["actors"])
    warnings = warnings_frame([*far, *lonely], ["date-context-far"] * len(far) + ["speaker-not-in-event"] * len(lonely))
    return problems, warnings, unknown
