"""sources + curation -> transforms -> validation -> datasets/ (atomic, deterministic).

`assemble()` turns the curated inputs into the package tables, keeping for every row the file and line it
came from (`_file`, `_line`), so that every problem — from reading, transforming or validating — is
reported as `file:line: id: message`. Nothing is written unless there is no problem at all.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from syria_offensive import corpus, curation_checks, dtypes, stable_ids
from syria_offensive import curation as cur
from syria_offensive.docs import data_dictionary
from syria_offensive.metadata import codelist, tables
from syria_offensive.paths import CURATION, DATASETS, DOCS, RELEASES, REPORTS, SOURCES
from syria_offensive.problems import InputError, Problem, around, from_rows, relative
from syria_offensive.transforms import aliases as alias_matcher
from syria_offensive.transforms import clean, coverage, dates, spans, voice
from syria_offensive.transforms import figures as figure_bounds
from syria_offensive.validation.frictionless_check import validate_directory
from syria_offensive.validation.layers import check_frames

PROVENANCE = ["_file", "_line"]
# Event types that last one day by their nature; other events have an end date only when curated (`end:`).
ONE_DAY_EVENTS = ["phone_call", "press_briefing", "interview"]


def lookup(frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    """key -> value (the first row of each key: usable with Series.map even where keys are duplicated)."""
    return frame.drop_duplicates(key).set_index(key)[value]


def pick(keys: pd.Series, frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    """frame[value] for each of `keys` (null where unknown), keeping its dtype (Series.map of datetimes with
    missing keys fails in pandas 3)."""
    found = lookup(frame, key, value).reindex(keys.astype(object).to_numpy())
    return pd.Series(found.to_numpy(), index=keys.index, dtype=found.dtype)


def _join_notes(*parts: pd.Series) -> pd.Series:
    """Join labelled note parts ("Wikidata: basis") into one notes string, null when all are null."""
    joined = parts[0].astype("string")
    for part in parts[1:]:
        part = part.astype("string")
        joined = joined.where(part.isna(), (joined + " " + part).where(joined.notna(), part))
    return joined


def _labelled(label: str, values: pd.Series) -> pd.Series:
    return (label + ": " + values.astype("string")).where(values.notna())


def _date_problems(rows: pd.DataFrame, resolved: pd.DataFrame, what: str) -> list[Problem]:
    bad = resolved["date_error"].notna()
    return from_rows(
        rows[bad].assign(_err=resolved.loc[bad, "date_error"]),
        f"{what} date cannot be resolved",
        "_err",
        expected="a date spec as in curation/README.md",
    )


def _read_source(path: Path) -> bytes | str:
    """The source file's bytes, or why it cannot be read (a name too long for the file system is not a crash)."""
    try:
        if not path.is_file():
            return "not found"
        return path.read_bytes()
    except OSError as err:
        return f"cannot be read ({err.strerror})"


def build_articles(frames: dict[str, pd.DataFrame], problems: list[Problem], sources_dir: Path):
    meta = frames["articles"]
    stem_mismatch = meta["article_id"] != meta["_stem"]
    problems += from_rows(
        meta[stem_mismatch],
        "sources file name differs from its article_id",
        "article_id",
        expected="sources/<article_id>.yaml",
        id_column="article_id",
    )
    texts, furniture, raw_hashes = {}, [], {}
    for row in meta.to_dict("records"):  # one per article: read the source file, apply its cleaning rules
        name = str(row["source_file"])
        path = sources_dir / name
        if Path(name).name != name or name in ("", ".", ".."):
            problems.append(
                Problem(
                    row["_file"],
                    row["_lines"].get("source_file"),
                    row["article_id"],
                    "source_file must be a file name beside the metadata file",
                    name,
                    "a plain file name, no folders",
                )
            )
            continue
        raw_bytes = _read_source(path)
        if isinstance(raw_bytes, str):  # why it could not be read ("not found", "File name too long", ...)
            problems.append(
                Problem(
                    row["_file"],
                    row["_lines"].get("source_file"),
                    row["article_id"],
                    f"source file {raw_bytes}",
                    name,
                    f"a file beside {row['_file']}",
                )
            )
            continue
        raw_hashes[row["article_id"]] = hashlib.sha256(raw_bytes).hexdigest()
        try:
            raw = raw_bytes.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(Problem(relative(path), None, row["article_id"], "source file is not UTF-8"))
            continue
        rules = frames["furniture"][frames["furniture"]["article_id"] == row["article_id"]]
        cleaned = clean.clean(raw, rules, row.get("normalize_nbsp") is True)
        for index in cleaned.unmatched:
            rule = rules.iloc[index]
            problems.append(
                Problem(
                    rule["_file"],
                    rule["_line"],
                    row["article_id"],
                    "furniture rule matches no line",
                    str(rule["line"] if isinstance(rule["line"], str) else rule["from_line"]),
                    "the exact text of a whole line of the source file",
                )
            )
        texts[row["article_id"]] = cleaned.text
        furniture.append(cleaned.removed.assign(article_id=row["article_id"]))
    published = dates.resolve(meta, meta["date_min"], meta["date_max"], allow_relative=False)
    problems += _date_problems(meta, published, "publication")
    text = meta["article_id"].map(texts).astype("string")
    articles = pd.DataFrame(
        {
            "article_id": meta["article_id"],
            "title": meta["title"],
            "outlet": meta["outlet"],
            "outlet_actor_id": meta["outlet_actor"],
            "url": meta["url"],
            "published_date": published["date"],
            "published_date_min": published["date_min"],
            "published_date_max": published["date_max"],
            "date_basis": published["date_basis"],
            "language": meta["language"],
            "dateline": meta["dateline"],
            "byline": meta["byline"],
            "text": text,
            "text_sha256": text.map(
                lambda t: hashlib.sha256(t.encode("utf-8")).hexdigest() if isinstance(t, str) else None
            ),
            "source_file": meta["source_file"],
            "source_sha256": meta["article_id"].map(raw_hashes),
            "derived_from_url": meta["derived_from_url"],
            "licence_note": meta["licence_note"],
            "notes": _join_notes(
                meta["notes"],
                _labelled("Publication date", meta["date_note"]),
                _labelled("URL", meta["url_basis"]),
                _labelled("Derived from", meta["derived_from_basis"]),
            ),
            "_file": meta["_file"],
            "_line": meta["_line"],
        }
    )
    furniture_frame = (
        pd.concat(furniture, ignore_index=True)
        if furniture
        else pd.DataFrame(columns=["article_id", "raw_char_start", "raw_char_end", "kind", "text"])
    )
    furniture_frame = furniture_frame.assign(
        _file=pick(furniture_frame["article_id"], meta, "article_id", "_file"), _line=None
    )
    return articles, furniture_frame


def build_actors(frames: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    a = frames["actors"]
    actors = pd.DataFrame(
        {
            "actor_id": a["id"],
            "name": a["name"],
            "actor_type": a["type"],
            "country": a["country"],
            "parent_actor_id": a["parent"],
            "wikidata_qid": a["wikidata_qid"],
            "description": a["description"],
            "notes": _join_notes(a["notes"], _labelled("Wikidata", a["wikidata_basis"])),
            "_file": a["_file"],
            "_line": a["_line"],
        }
    )
    al = frames["actor_aliases"]
    return actors, al[["actor_id", "alias", *PROVENANCE]].copy()


def build_places(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    p = frames["places"]
    return pd.DataFrame(
        {
            "place_id": p["id"],
            "name": p["name"],
            "place_type": p["type"],
            "country": p["country"],
            "admin1": p["admin1"],
            "latitude": p["latitude"],
            "longitude": p["longitude"],
            "coordinate_precision": p["coordinate_precision"],
            "coordinate_basis": p["coordinate_basis"],
            "geonames_id": p["geonames_id"],
            "notes": _join_notes(p["notes"], _labelled("GeoNames", p["geonames_basis"])),
            "_file": p["_file"],
            "_line": p["_line"],
        }
    )


def _plover(cameo: pd.Series) -> pd.Series:
    return cameo.map(codelist("cameo").set_index("code")["plover"].replace("", pd.NA)).astype("string")


def _event_bound(e: pd.DataFrame, key: str, articles: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """Resolve the curated `date:` (key "date", the start) or `end:` (key "end") spec of every event."""
    specs = e[[f"{key}_{k}" for k in cur.DATE_SPEC]].rename(columns=lambda c: "date_" + c.removeprefix(f"{key}_"))
    specs = specs.join(e[["id", "_file", "_line"]])
    given = specs[[c for c in specs if c.startswith("date_")]].notna().any(axis=1)
    anchor = specs["date_article"]
    missing_anchor = specs["date_relative"].notna() & anchor.isna()
    problems += from_rows(
        specs[missing_anchor],
        f"a relative event {'end' if key == 'end' else 'date'} must name its `article`",
        "date_relative",
        expected=f"{key}: {{relative: ..., article: <article_id>}}",
    )
    resolved = dates.resolve(
        specs,
        pick(anchor, articles, "article_id", "published_date_min"),
        pick(anchor, articles, "article_id", "published_date_max"),
    )
    ok = ~missing_anchor & given
    problems += _date_problems(specs[ok], resolved[ok], "event" if key == "date" else "event end")
    # no `end:` -> every end column null (not even basis "unknown"): the articles give no end
    return resolved.assign(note=specs["date_note"])


def build_events(frames: dict[str, pd.DataFrame], articles: pd.DataFrame, problems: list[Problem]):
    """Events with their start and end kept apart: each bound from its own curated spec, with its own basis.
    An event without `end:` has no end (ongoing or unknown), except the one-day types, which end on their start."""
    e = frames["events"]
    start = _event_bound(e, "date", articles, problems)
    end = _event_bound(e, "end", articles, problems)
    one_day = e["type"].isin(ONE_DAY_EVENTS) & end["date_basis"].isna()
    end = end.mask(one_day, start)
    events = pd.DataFrame(
        {
            "event_id": e["id"],
            "event_type": e["type"],
            "cameo": e["cameo"],
            "plover": _plover(e["cameo"]),
            "start_date": start["date"],
            "start_min": start["date_min"],
            "start_max": start["date_max"],
            "start_basis": start["date_basis"],
            "end_date": end["date"],
            "end_min": end["date_min"],
            "end_max": end["date_max"],
            "end_basis": end["date_basis"],
            "place_id": e["place"],
            "description": e["description"],
            "notes": _join_notes(
                e["notes"],
                _labelled("Date", start["note"]),
                _labelled("Date resolved from", start["date_text"]),
                _labelled("End", end["note"].mask(one_day)),
                _labelled("End resolved from", end["date_text"].mask(one_day)),
            ),
            "_file": e["_file"],
            "_line": e["_line"],
        }
    )
    ea = frames["event_actors"]
    event_actors = pd.DataFrame(
        {
            "event_id": ea["event_id"],
            "actor_id": ea["actor"],
            "role": ea["role"],
            "_file": ea["_file"],
            "_line": ea["_line"],
        }
    )
    return events, event_actors


def _located(
    frame: pd.DataFrame, articles: pd.DataFrame, problems: list[Problem], what: str, id_column: str = "id"
) -> pd.DataFrame:
    texts = lookup(articles, "article_id", "text")
    located = spans.locate(frame, texts)
    bad = located["span_error"].notna()
    problems += from_rows(
        located[bad],
        f"{what}: ",
        "quote",
        expected="a verbatim passage of the clean article text",
        id_column=id_column,
        reason_column="span_error",
    )
    return located[~bad]


def build_statements(frames, articles, problems):
    s = frames["statements"]
    located = _located(s, articles, problems, "statement")
    resolved = dates.resolve(
        located,
        pick(located["article_id"], articles, "article_id", "published_date_min"),
        pick(located["article_id"], articles, "article_id", "published_date_max"),
    )
    problems += _date_problems(located, resolved, "statement")
    content = _content(located, problems)
    statements = pd.DataFrame(
        {
            "statement_id": located["id"],
            "article_id": located["article_id"],
            "speaker_id": located["speaker"],
            "date": resolved["date"],
            "date_min": resolved["date_min"],
            "date_max": resolved["date_max"],
            "date_basis": resolved["date_basis"],
            "date_text": resolved["date_text"],
            "mode": located["mode"],
            "nested_in": located["nested_in"],
            "cameo": located["cameo"],
            "plover": _plover(located["cameo"]),
            "text": located["text"],
            "char_start": located["char_start"],
            "char_end": located["char_end"],
            "content_start": content["content_start"],
            "content_end": content["content_end"],
            "cited_via": located["cited_via"],
            "event_id": located["event"],
            "claim_id": located["claim"],
            "notes": _join_notes(located["notes"], _labelled("Date", located["date_note"])),
            "_file": located["_file"],
            "_line": located["_line"],
        }
    )
    t = frames["targets"]
    targets = pd.DataFrame(
        {
            "statement_id": t["statement_id"],
            "actor_id": t["actor"],
            "role": t["role"],
            "_file": t["_file"],
            "_line": t["_line"],
        }
    )
    return statements, targets


def build_speakers(statements: pd.DataFrame, joint: pd.DataFrame) -> pd.DataFrame:
    """Every speaker of every statement: the reported one, then the others of a joint statement.

    A count of acts of saying by speaker needs one row per (statement, speaker); statements.speaker_id alone
    would credit a joint statement ("the officials agreed") to its first-named speaker only.
    """
    reported = statements[["statement_id", "speaker_id", "_file", "_line"]].rename(columns={"speaker_id": "actor_id"})
    joint = joint[joint["statement_id"].isin(statements["statement_id"])]
    others = joint.rename(columns={"actor": "actor_id"})[["statement_id", "actor_id", "_file", "_line"]]
    return pd.concat(
        [reported.assign(role="reported"), others.assign(role="joint")], ignore_index=True
    )[["statement_id", "actor_id", "role", "_file", "_line"]]


def _content(located: pd.DataFrame, problems: list[Problem]) -> pd.DataFrame:
    """content_start/content_end: where the curated `content` (the speaker's words, without the outlet's frame)
    lies in the statement's span. It must occur exactly once in the quote; a statement of a speaker other than
    the outlet must have one, the outlet's own statements none (rule statement_content reports that, once)."""
    quote = spans._arr(located["text"])
    content = spans._arr(located["content"])
    has = located["content"].notna().to_numpy()
    first = np.strings.find(quote, content)
    last = np.strings.rfind(quote, content)
    checks = [
        (has & (first < 0), "content is not inside the statement's quote", "a verbatim part of `quote`"),
        (has & (first >= 0) & (first != last), "content occurs several times in the quote", "a longer passage"),
    ]
    shown = located.assign(content=located["content"].fillna("null"))
    for bad, message, expected in checks:
        problems += from_rows(shown[bad], message, "content", expected=expected)
    ok = has & (first >= 0) & (first == last)
    start = (located["char_start"] + pd.array(first, dtype="Int64")).where(ok)
    end = start + pd.array(np.strings.str_len(content), dtype="Int64")
    # a content that was not found is reported above; the whole span stands in (the build fails anyway), so that
    # the rule does not report the same statement a second time as having no content
    start, end = start.where(ok | ~has, located["char_start"]), end.where(ok | ~has, located["char_end"])
    return pd.DataFrame({"content_start": start, "content_end": end}, index=located.index)


def build_reports(frames, articles, problems):
    r = frames["event_reports"]
    located = _located(r, articles, problems, "event report", id_column="event")
    return pd.DataFrame(
        {
            "event_id": located["event"],
            "article_id": located["article_id"],
            "char_start": located["char_start"],
            "text": located["text"],
            "char_end": located["char_end"],
            "attributed_to": located["attributed_to"],
            "notes": located["notes"],
            "_file": located["_file"],
            "_line": located["_line"],
        }
    )


def build_figures(frames, articles, problems):
    """Figures with the bounds of the count they claim, derived from value and qualifier (transforms.figures)."""
    f = frames["figures"]
    located = _located(f, articles, problems, "figure")
    bounds = figure_bounds.bounds(located)
    bad = bounds["bounds_error"].notna()
    problems += from_rows(
        located[bad].assign(_why=bounds.loc[bad, "bounds_error"]),
        "figure bounds: ",
        "qualifier",
        expected="value, low and high as curation/README.md 'Figures' says for this qualifier",
        reason_column="_why",
    )
    return pd.DataFrame(
        {
            "figure_id": located["id"],
            "article_id": located["article_id"],
            "text": located["text"],
            "char_start": located["char_start"],
            "char_end": located["char_end"],
            "value": located["value"],
            "low": bounds["low"],
            "high": bounds["high"],
            "qualifier": located["qualifier"],
            "measure": located["measure"],
            "counted_actor_id": located["counted"],
            "claimed_by": located["claimed_by"],
            "event_id": located["event"],
            "statement_id": located["statement"],
            "count_id": located["count"],
            "notes": located["notes"],
            "_file": located["_file"],
            "_line": located["_line"],
        }
    )


def build_mentions(frames, articles, actor_aliases, problems):
    lab = frames["labels"]
    labels = _located(lab, articles, problems, "label", id_column="actor")
    labels = pd.DataFrame(
        {
            "article_id": labels["article_id"],
            "char_start": labels["char_start"],
            "actor_id": labels["actor"],
            "text": labels["text"],
            "char_end": labels["char_end"],
            "kind": "label",
            "_voice": labels["voice"],
            "_statement": labels["statement"],
            "_file": labels["_file"],
            "_line": labels["_line"],
        }
    )
    names = _actor_names(articles, actor_aliases, frames["place_aliases"])
    names = names.assign(_file=None, _line=None)
    return pd.concat([names, labels], ignore_index=True)


def _actor_names(articles: pd.DataFrame, actor_aliases: pd.DataFrame, place_aliases: pd.DataFrame) -> pd.DataFrame:
    """Actor name mentions, less the country names that locate ("in northwest Syria"): those are places."""
    texts = articles[["article_id", "text"]].dropna()
    names = alias_matcher.match(texts, actor_aliases.drop_duplicates("alias"))
    as_place = names["text"].isin(place_aliases["alias"]) & alias_matcher.locating(texts, names)
    return names[~as_place].reset_index(drop=True)


def build_place_mentions(frames, articles, mentions) -> pd.DataFrame:
    """Every place name in the texts, except a country name the actor rule kept as a state (same span)."""
    texts = articles[["article_id", "text"]].dropna()
    places = alias_matcher.match(texts, frames["place_aliases"].drop_duplicates("alias"), key="place_id")
    states = mentions.loc[mentions["kind"] == "name", ["article_id", "char_start", "char_end"]].assign(_state=True)
    places = places.merge(states, on=["article_id", "char_start", "char_end"], how="left")
    places = places[places["_state"].isna()]
    columns = ["article_id", "char_start", "place_id", "text", "char_end"]
    places = places[columns].sort_values(["article_id", "char_start"]).reset_index(drop=True)
    return places.assign(_file=None, _line=None)


def override_problems(
    labels: pd.DataFrame, passages: pd.DataFrame, spans_frames: list[pd.DataFrame], statements: pd.DataFrame
) -> list[Problem]:
    """A curated voice names a statement exactly when it is a speaker's (quoted, paraphrase); a label's
    `statement:` needs its `voice:`; a `voices:` passage names a statement of its article (a label's statement
    is a foreign key of its mention rows) and holds some mention (else it overrides nothing)."""
    problems: list[Problem] = []
    for rows, what in ((labels, "label"), (passages, "voices passage")):
        speaker = rows["voice"].notna() & (rows["voice"] != "outlet")
        checks = [
            (speaker & rows["statement"].isna(), "a speaker's voice (quoted, paraphrase) needs `statement:`"),
            ((rows["voice"] == "outlet") & rows["statement"].notna(), "voice outlet takes no `statement:`"),
            (rows["voice"].isna() & rows["statement"].notna(), "`statement:` needs `voice:`"),
        ]
        for bad, message in checks:
            problems += from_rows(rows[bad.fillna(False)], f"{what}: {message}", "quote", id_column="statement")
    known = pd.MultiIndex.from_frame(statements[["statement_id", "article_id"]].astype(object))
    named = pd.MultiIndex.from_frame(passages[["statement", "article_id"]].astype(object))
    unknown = passages["statement"].notna().to_numpy() & ~named.isin(known)
    problems += from_rows(
        passages[unknown], "voices passage: `statement:` names no statement of this article", "statement"
    )
    spans_all = pd.concat([frame[["article_id", "char_start", "char_end"]] for frame in spans_frames])
    pairs = passages.reset_index().merge(spans_all, on="article_id", suffixes=("", "_m"))
    inside = (pairs["char_start"] <= pairs["char_start_m"]) & (pairs["char_end_m"] <= pairs["char_end"])
    empty = passages[~passages.index.isin(pairs.loc[inside, "index"])]
    problems += from_rows(empty, "voices passage holds no mention", "quote", "a passage around a name or place mention")
    return problems


def with_voice(
    spans_frame: pd.DataFrame,
    passages: pd.DataFrame,
    statements: pd.DataFrame,
    reports: pd.DataFrame,
    articles: pd.DataFrame,
) -> pd.DataFrame:
    """Mentions (or place mentions) with voice, statement_id and voice_actor_id (transforms/voice.py)."""
    derived = voice.derive(spans_frame, statements, reports, articles)
    curated = voice.overridden(derived, spans_frame, passages, statements, articles)
    return spans_frame.drop(columns=["_voice", "_statement"], errors="ignore").assign(**curated)


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
    articles, furniture = build_articles(f, problems, sources_dir)
    actors, actor_aliases = build_actors(f)
    places = build_places(f)
    events, event_actors = build_events(f, articles, problems)
    statements, targets = build_statements(f, articles, problems)
    reports = build_reports(f, articles, problems)
    figures = build_figures(f, articles, problems)
    mentions = build_mentions(f, articles, actor_aliases, problems)
    built = {
        "articles": articles,
        "article_furniture": furniture,
        "actors": actors,
        "actor_aliases": actor_aliases,
        "places": places,
        "events": events,
        "event_actors": event_actors,
        "event_reports": reports,
        "statements": statements,
        "statement_targets": targets,
        "statement_speakers": build_speakers(statements, f["joint_speakers"]),
        "figures": figures,
        "mentions": mentions,
        "place_mentions": build_place_mentions(f, articles, mentions),
    }
    passages = _located(f["voices"], articles, problems, "voice override", id_column="statement")
    problems += override_problems(f["labels"], passages, [built["mentions"], built["place_mentions"]], statements)
    for name in ("mentions", "place_mentions"):
        built[name] = with_voice(built[name], passages, statements, reports, articles)
    typed = {name: _typed(name, frame) for name, frame in built.items()}
    with_text = typed["articles"].dropna(subset=["article_id", "text"])
    report = coverage.report(with_text, typed["mentions"], f["place_aliases"], f["not_entities"])
    texts = lookup(typed["articles"], "article_id", "text")
    problems += coverage_problems(report, f["not_entities"], curation_dir, texts)
    problems += stable_ids.check(typed, f["retired"], releases_dir)
    checked, warnings, unknown_references = curation_checks.check_all(typed, f)
    problems += checked
    if extras is not None:  # the preview shows the text around unresolved words: it needs the articles too
        extras.update(coverage=report, warnings=warnings, articles=typed["articles"])
    flawed = {(p.file, p.record_line) for p in problems if p.record_line is not None}
    found = failures_to_problems(validate_frames(typed), typed, flawed)
    # unknown references were reported above, with "did you mean" (and not at all for a row that already failed)
    problems += [p for p in found if (p.file, p.line, p.value) not in unknown_references]
    if problems:
        raise InputError(problems)
    return typed


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
        problems.append(Problem(file, line, ident, f"{row.table}.{row.column}: {row.message}", row.value))
    return problems


def main(argv: list[str] | None = None) -> int:
    import argparse

    from syria_offensive.package import write_package

    parser = argparse.ArgumentParser(description="Build the data package from sources/ and curation/.")
    parser.add_argument("--curation", type=Path, default=CURATION, help="curation directory (default: curation/)")
    parser.add_argument("--sources", type=Path, default=SOURCES, help="sources directory (default: sources/)")
    parser.add_argument("--out", type=Path, default=DATASETS, help="output directory (default: datasets/)")
    parser.add_argument("--reports", type=Path, default=REPORTS, help="where the coverage report goes (reports/)")
    parser.add_argument("--releases", type=Path, default=RELEASES, help="published IDs of past releases (releases/)")
    parser.add_argument("--docs", type=Path, default=DOCS, help="where the data dictionary goes (docs/)")
    args = parser.parse_args(argv)
    reports: dict[str, pd.DataFrame] = {}
    try:
        frames = assemble(args.curation, args.sources, reports, args.releases)
        write_package(frames, args.out, check=validate_directory)
        args.reports.mkdir(parents=True, exist_ok=True)
        reports["coverage"].to_csv(args.reports / "coverage.csv", index=False, lineterminator="\n")
        reports["warnings"].to_csv(args.reports / "warnings.csv", index=False, lineterminator="\n")
        if args.docs is not None:
            args.docs.mkdir(parents=True, exist_ok=True)
            (args.docs / "data-dictionary.md").write_text(data_dictionary(), encoding="utf-8")
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
