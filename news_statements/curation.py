"""Read the hand-curated YAML (sources/*.yaml and curation/) into flat frames, checking keys and types.

Every record keeps the file and line it came from (`_file`, `_line`, and `_lines` per key) so that any
later check, however vectorised, can point the curator at the exact place. Problems are collected, never
raised one by one: the build reports them all in one run.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from news_statements.curation_format import (
    ARTICLE_COLUMNS,
    ARTICLE_SECTIONS,
    DATE_SPEC,
    SPECS,
    STATEMENT_PARTS,
    TYPE_NAMES,
)
from news_statements.curation_yaml import coerce, line_of, load_mapping, load_yaml
from news_statements.paths import CURATION, SOURCES
from news_statements.problems import Problem, relative


@dataclass
class Curation:
    """All curated inputs as flat frames, plus the problems found while reading them."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def check_record(
    node: Any, kind: str, file: str, record_id: str | None, problems: list[Problem], where: int | None = None
) -> dict[str, Any] | None:
    """Check one mapping against SPECS[kind]: unknown keys, missing keys, types. Return a flat dict or None."""
    spec = SPECS[kind]
    if not isinstance(node, CommentedMap | dict):
        problems.append(
            Problem(
                file,
                where,
                record_id,
                f"a {kind.replace('_', ' ')} must be a mapping",
                value=str(node),
                expected="a mapping of the keys in curation/README.md",
            )
        )
        return None
    line = line_of(node) or where
    rid = record_id or (node.get("id") if isinstance(node.get("id"), str) else None)
    out: dict[str, Any] = {"_file": file, "_line": line, "_lines": {}}
    for key, value in node.items():
        key_line = line_of(node, key) or line
        if key not in spec:
            problems.append(
                Problem(
                    file,
                    key_line,
                    rid,
                    f"unknown key {key!r} in {kind.replace('_', ' ')}",
                    expected="one of " + ", ".join(spec),
                    record_line=line,
                )
            )
            continue
        type_ok, coerced = coerce(value, spec[key][0])
        if not type_ok:
            problems.append(
                Problem(
                    file,
                    key_line,
                    rid,
                    f"{key} has the wrong type",
                    value=str(value),
                    expected=TYPE_NAMES[spec[key][0]],
                    record_line=line,
                )
            )
            continue
        out[key] = coerced
        out["_lines"][key] = key_line
    _check_required(node, kind, (file, line, rid), out["_lines"], problems)
    # A flawed record is kept (its bad values left out) so that it does not cascade into "unknown reference"
    # problems elsewhere; the build skips later checks on rows whose record was already reported.
    return out


def _check_required(
    node: Any,
    kind: str,
    where: tuple[str, int | None, str | None],
    key_lines: dict[str, int | None],
    problems: list[Problem],
) -> None:
    """A required key that is missing, or present but null, each with the line and the type expected.

    `where` is the record's file, first line and id.
    """
    file, line, rid = where
    for key, (type_name, required) in SPECS[kind].items():
        if required and key not in node:
            problems.append(
                Problem(
                    file,
                    line,
                    rid,
                    f"missing required key {key!r} in {kind.replace('_', ' ')}",
                    expected=f"{key}: {TYPE_NAMES[type_name]}",
                    record_line=line,
                )
            )
        elif required and node.get(key) is None and key in node:
            problems.append(
                Problem(
                    file,
                    key_lines.get(key, line),
                    rid,
                    f"{key} is required",
                    value="null",
                    expected=TYPE_NAMES[type_name],
                    record_line=line,
                )
            )


def _flatten_date(
    record: dict[str, Any], key: str, file: str, problems: list[Problem], rid: str | None, prefix: str = "date"
) -> None:
    """Replace a date spec mapping by <prefix>_* columns (date_relative, ...; end_relative, ... for an event's end)."""
    spec = record.pop(key, None)
    cols = {f"{prefix}_{k}": None for k in DATE_SPEC}
    if spec is not None:
        before = len(problems)
        checked = check_record(spec, "date_spec", file, rid, problems, record["_lines"].get(key))
        # a flawed date makes the whole record flawed (later checks on it are skipped)
        problems[before:] = [dataclasses.replace(p, record_line=record["_line"]) for p in problems[before:]]
        if checked:
            cols.update({f"{prefix}_{k}": checked.get(k) for k in DATE_SPEC})
    record.update(cols)


def _frame(rows: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(rows, columns=[*columns, "_file", "_line", "_lines"])
    return frame


def _read_mapping_file(path: Path, kind: str, problems: list[Problem]) -> tuple[str, dict[str, Any] | None]:
    """A file that holds one mapping of `kind` (sources/<id>.yaml, an article file): its name as reported, and its
    checked record (None when it cannot be read or is not a mapping)."""
    file = relative(path)
    node = load_mapping(path, kind, problems)
    return file, check_record(node, kind, file, None, problems, 1) if node is not None else None


def read_sources(problems: list[Problem], sources_dir: Path = SOURCES) -> tuple[pd.DataFrame, pd.DataFrame]:
    """sources/*.yaml -> (articles metadata, furniture rules)."""
    articles, furniture = [], []
    for path in sorted(sources_dir.glob("*.yaml")):
        file, record = _read_mapping_file(path, "source", problems)
        if not record:
            continue
        aid = record.get("article_id")
        for rule in record.pop("furniture", None) or []:
            checked = check_record(rule, "furniture", file, aid, problems, record["_line"])
            if checked:
                checked["article_id"] = aid
                furniture.append(checked)
        _flatten_date(record, "published", file, problems, aid)
        record["_stem"] = path.stem
        articles.append(record)
    article_cols = [k for k in SPECS["source"] if k not in ("furniture", "published")] + [
        f"date_{k}" for k in DATE_SPEC
    ]
    return (_frame(articles, [*article_cols, "_stem"]), _frame(furniture, ["article_id", *SPECS["furniture"]]))


def _read_list(
    path: Path, kind: str, problems: list[Problem], allow_empty: bool = False
) -> list[tuple[dict[str, Any], Any]]:
    """Records of a file that holds one list of mappings, with each raw node (an optional list may be empty)."""
    file = relative(path)
    if not path.exists():
        problems.append(Problem(file, None, None, "file is missing", expected=f"a list of {kind} records"))
        return []
    before = len(problems)
    data = load_yaml(path, problems)
    if data is None:
        if len(problems) == before and not allow_empty:
            problems.append(Problem(file, None, None, "file is empty", expected=f"a list of {kind} records"))
        return []
    if not isinstance(data, CommentedSeq | list):
        problems.append(Problem(file, 1, None, "file must hold a list", expected=f"a list of {kind} records"))
        return []
    out = []
    for node in data:
        record = check_record(node, kind, file, None, problems, line_of(data))
        if record:
            out.append((record, node))
    return out


def read_actors(problems: list[Problem], path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    actors, aliases = [], []
    for record, _ in _read_list(path, "actor", problems):
        wikidata = record.pop("wikidata", None)
        record["wikidata_qid"] = record["wikidata_basis"] = None
        if wikidata is not None:
            checked = check_record(
                wikidata, "wikidata", record["_file"], record.get("id"), problems, record["_lines"].get("wikidata")
            )
            if checked:
                record["wikidata_qid"], record["wikidata_basis"] = checked.get("qid"), checked.get("basis")
        for alias in record.pop("aliases", None) or []:
            aliases.append(
                {
                    "actor_id": record.get("id"),
                    "alias": alias,
                    "_file": record["_file"],
                    "_line": record["_lines"].get("aliases", record["_line"]),
                    "_lines": {},
                }
            )
        actors.append(record)
    cols = ["id", "name", "type", "country", "parent", "description", "wikidata_qid", "wikidata_basis", "notes"]
    return _frame(actors, cols), _frame(aliases, ["actor_id", "alias"])


def read_places(problems: list[Problem], path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    places, aliases = [], []
    for record, _ in _read_list(path, "place", problems):
        coords = record.pop("coordinates", None)
        geonames = record.pop("geonames", None)
        record.update(
            latitude=None,
            longitude=None,
            coordinate_precision=None,
            coordinate_basis=None,
            geonames_id=None,
            geonames_basis=None,
        )
        if coords is not None:
            checked = check_record(
                coords, "coordinates", record["_file"], record.get("id"), problems, record["_lines"].get("coordinates")
            )
            if checked:
                record.update(
                    latitude=checked.get("lat"),
                    longitude=checked.get("lon"),
                    coordinate_precision=checked.get("precision"),
                    coordinate_basis=checked.get("basis"),
                )
        if geonames is not None:
            checked = check_record(
                geonames, "geonames", record["_file"], record.get("id"), problems, record["_lines"].get("geonames")
            )
            if checked:
                record.update(geonames_id=checked.get("id"), geonames_basis=checked.get("basis"))
        for alias in record.pop("aliases", None) or []:
            aliases.append(
                {
                    "place_id": record.get("id"),
                    "alias": alias,
                    "_file": record["_file"],
                    "_line": record["_lines"].get("aliases", record["_line"]),
                    "_lines": {},
                }
            )
        places.append(record)
    cols = [
        "id",
        "name",
        "type",
        "country",
        "admin1",
        "latitude",
        "longitude",
        "coordinate_precision",
        "coordinate_basis",
        "geonames_id",
        "geonames_basis",
        "notes",
    ]
    return _frame(places, cols), _frame(aliases, ["place_id", "alias"])


def read_events(problems: list[Problem], path: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    events, roles = [], []
    for record, _ in _read_list(path, "event", problems):
        for item in record.pop("actors", None) or []:
            checked = check_record(
                item, "role", record["_file"], record.get("id"), problems, record["_lines"].get("actors")
            )
            if checked:
                checked["event_id"] = record.get("id")
                roles.append(checked)
        _flatten_date(record, "date", record["_file"], problems, record.get("id"))
        _flatten_date(record, "end", record["_file"], problems, record.get("id"), prefix="end")
        events.append(record)
    cols = ["id", "title", "type", "cameo", "place", "description", "notes"]
    cols += [f"{key}_{k}" for key in ("date", "end") for k in DATE_SPEC]
    return _frame(events, cols), _frame(roles, ["event_id", "actor", "role"])


def read_article_files(problems: list[Problem], directory: Path) -> dict[str, pd.DataFrame]:
    """curation/articles/*.yaml -> statements, targets, joint speakers, what each statement is about,
    event_reports, event places, figures, labels, voice overrides, place choices."""
    out: dict[str, list[dict[str, Any]]] = {name: [] for name in ARTICLE_COLUMNS}
    for path in sorted(directory.glob("*.yaml")):
        _read_article_file(path, problems, out)
    # the `places:` section becomes the frame "place_choices" ("places" is places.yaml's)
    return {
        ("place_choices" if name == "places" else name): _frame(rows, ARTICLE_COLUMNS[name])
        for name, rows in out.items()
    }


def _read_article_file(path: Path, problems: list[Problem], out: dict[str, list[dict[str, Any]]]) -> None:
    """One article file's sections, each item checked against its kind and appended to its frame's rows."""
    file, top = _read_mapping_file(path, "article", problems)
    if not top:
        return
    aid = top.get("article_id")
    if aid != path.stem:
        problems.append(
            Problem(
                file,
                top["_lines"].get("article_id"),
                aid,
                "article_id differs from the file name",
                value=aid,
                expected=path.stem,
            )
        )
    for section, kind in ARTICLE_SECTIONS.items():
        for item in top.get(section) or []:
            record = check_record(item, kind, file, None, problems, top["_lines"].get(section))
            if not record:
                continue
            record["article_id"] = aid
            if kind == "statement":
                _split_statement(record, file, problems, out)
            out[section].append(record)


def _split_statement(
    record: dict[str, Any], file: str, problems: list[Problem], out: dict[str, list[dict[str, Any]]]
) -> None:
    """Move what a statement holds beneath it (targets, about, joint speakers) to their own rows; flatten its date."""
    sid = record.get("id")
    for part, kind in STATEMENT_PARTS.items():
        for item in record.pop(part, None) or []:
            checked = check_record(item, kind, file, sid, problems, record["_lines"].get(part))
            if checked:
                checked["statement_id"] = sid
                out[part].append(checked)
    for actor in record.pop("joint_speakers", None) or []:
        line = record["_lines"].get("joint_speakers")
        out["joint_speakers"].append({"statement_id": sid, "actor": actor, "_file": file, "_line": line, "_lines": {}})
    _flatten_date(record, "date", file, problems, sid)


def read_simple_list(problems: list[Problem], path: Path, kind: str, columns: list[str]) -> pd.DataFrame:
    """A list file that may be absent (not_entities.yaml, retired_ids.yaml)."""
    if not path.exists():
        return _frame([], columns)
    return _frame([record for record, _ in _read_list(path, kind, problems, allow_empty=True)], columns)


def read_all(curation_dir: Path = CURATION, sources_dir: Path = SOURCES) -> Curation:
    """Read every curated input. Never raises on bad input: problems are collected in the result."""
    result = Curation()
    p = result.problems
    result.frames["articles"], result.frames["furniture"] = read_sources(p, sources_dir)
    result.frames["actors"], result.frames["actor_aliases"] = read_actors(p, curation_dir / "actors.yaml")
    result.frames["places"], result.frames["place_aliases"] = read_places(p, curation_dir / "places.yaml")
    result.frames["events"], result.frames["event_actors"] = read_events(p, curation_dir / "events.yaml")
    result.frames.update(read_article_files(p, curation_dir / "articles"))
    result.frames["not_entities"] = read_simple_list(
        p, curation_dir / "not_entities.yaml", "not_entity", ["text", "reason"]
    )
    result.frames["retired"] = read_simple_list(
        p, curation_dir / "retired_ids.yaml", "retired", ["id", "table", "reason", "merged_into"]
    )
    return result
