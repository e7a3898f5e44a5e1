"""Read the hand-curated YAML (sources/*.yaml and curation/) into flat frames, checking keys and types.

Every record keeps the file and line it came from (`_file`, `_line`, and `_lines` per key) so that any
later check, however vectorised, can point the curator at the exact place. Problems are collected, never
raised one by one: the build reports them all in one run.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent

from news_statements.paths import CURATION, SOURCES
from news_statements.problems import Problem, relative

MAX_FILE_BYTES = 5_000_000

# Each record kind: key -> (type, required). Types: str, int, bool, date, list, strlist, map, date_spec,
# evidence occurrence (int or "all" where allowed).
DATE_SPEC = {
    "relative": ("str", False),
    "article": ("str", False),
    "stated": ("str", False),
    "on": ("date", False),
    "min": ("date", False),
    "max": ("date", False),
    "basis": ("str", False),
    "note": ("str", False),
    # where the article says a relative phrase, when not in the statement's own quote (curation_checks.py)
    "context": ("str", False),
}
EVIDENCE = {"quote": ("str", True), "context": ("str", False), "occurrence": ("int", False)}
# Actors and places are both named entities with aliases and a free note.
ENTITY = {
    "id": ("str", True),
    "name": ("str", True),
    "type": ("str", True),
    "country": ("str", False),
    "aliases": ("strlist", False),
    "notes": ("str", False),
}
SPECS: dict[str, dict[str, tuple[str, bool]]] = {
    "source": {
        "article_id": ("str", True),
        "source_file": ("str", True),
        "title": ("str", True),
        "outlet": ("str", False),
        "outlet_actor": ("str", True),
        "url": ("str", False),
        "url_basis": ("str", False),
        "published": ("date_spec", True),
        "language": ("str", True),
        "dateline": ("str", False),
        "byline": ("str", False),
        "derived_from_url": ("str", False),
        "derived_from_basis": ("str", False),
        "licence_note": ("str", True),
        "notes": ("str", False),
        "normalize_nbsp": ("bool", False),
        "furniture": ("list", False),
    },
    "furniture": {"kind": ("str", True), "line": ("str", False), "from_line": ("str", False)},
    "actor": {**ENTITY, "parent": ("str", False), "description": ("str", True), "wikidata": ("map", False)},
    "wikidata": {"qid": ("str", True), "basis": ("str", True)},
    "place": {**ENTITY, "admin1": ("str", False), "coordinates": ("map", False), "geonames": ("map", False)},
    "coordinates": {
        "lat": ("number", True),
        "lon": ("number", True),
        "precision": ("str", True),
        "basis": ("str", True),
    },
    "geonames": {"id": ("int", True), "basis": ("str", True)},
    "event": {
        "id": ("str", True),
        "title": ("str", False),
        "type": ("str", True),
        "cameo": ("code", True),
        "date": ("date_spec", True),
        "end": ("date_spec", False),
        "place": ("str", False),
        "description": ("str", True),
        "actors": ("list", False),
        "notes": ("str", False),
    },
    "role": {"actor": ("str", True), "role": ("str", True)},
    "article": {
        "article_id": ("str", True),
        "statements": ("list", False),
        "event_reports": ("list", False),
        "figures": ("list", False),
        "labels": ("list", False),
        "voices": ("list", False),
        "places": ("list", False),
        "event_places": ("list", False),
    },
    "statement": {
        "id": ("str", True),
        "speaker": ("str", True),
        "joint_speakers": ("strlist", False),
        **EVIDENCE,
        # the speaker's words inside the quote, without the outlet's frame ("General Baqeri said ...")
        "content": ("str", False),
        "mode": ("str", True),
        "nested_in": ("str", False),
        "date": ("date_spec", True),
        "cameo": ("code", True),
        "cited_via": ("str", False),
        "event": ("str", False),
        "claim": ("str", False),
        "targets": ("list", False),
        "about": ("list", False),
        "notes": ("str", False),
    },
    # an event the statement is about, with the words of the statement that say so (curation/README.md)
    "about": {
        "event": ("str", True),
        "relation": ("str", True),
        "accused": ("str", False),
        "quote": ("str", True),
        "notes": ("str", False),
    },
    "event_report": {"event": ("str", True), **EVIDENCE, "attributed_to": ("str", False), "notes": ("str", False)},
    # a place an event touches, with its role and the words of this article that name it there
    "event_place": {
        "event": ("str", True),
        "place": ("str", True),
        "role": ("str", True),
        **EVIDENCE,
        "notes": ("str", False),
    },
    "figure": {
        "id": ("str", True),
        **EVIDENCE,
        "value": ("int", False),
        "low": ("int", False),
        "high": ("int", False),
        "qualifier": ("str", True),
        "measure": ("str", True),
        "counted": ("str", False),
        "claimed_by": ("str", True),
        "event": ("str", False),
        "statement": ("str", False),
        "count": ("str", False),
        "notes": ("str", False),
    },
    "label": {
        "actor": ("str", True),
        **EVIDENCE,
        "occurrence": ("int_or_all", False),
        "voice": ("str", False),
        "statement": ("str", False),
    },
    # whose words the name and place mentions inside a passage are, where the text decides (curation/README.md)
    "voice_override": {**EVIDENCE, "voice": ("str", True), "statement": ("str", False), "notes": ("str", False)},
    # which place an ambiguous place alias names at one occurrence ("Aleppo" meaning the province; curation/README.md)
    "place_choice": {"place": ("str", True), **EVIDENCE, "notes": ("str", True)},
    "not_entity": {"text": ("str", True), "reason": ("str", True)},
    "retired": {"id": ("str", True), "table": ("str", True), "reason": ("str", True), "merged_into": ("str", False)},
    "date_spec": DATE_SPEC,
}
TYPE_NAMES = {
    "str": "a string",
    "int": "a whole number",
    "number": "a number",
    "bool": "true or false",
    "date": "a date YYYY-MM-DD",
    "list": "a list",
    "strlist": "a list of strings",
    "map": "a mapping",
    "date_spec": "a date mapping (see curation/README.md)",
    "code": 'a quoted code string such as "051"',
    "int_or_all": 'a whole number or "all"',
}


@dataclass
class Curation:
    """All curated inputs as flat frames, plus the problems found while reading them."""

    frames: dict[str, pd.DataFrame] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)


def load_yaml(path: Path, problems: list[Problem]) -> Any:
    """Parse one YAML file; on any failure record a fatal Problem and return None (never raise)."""
    before = len(problems)
    data = _parse_yaml(path, problems)
    problems[before:] = [dataclasses.replace(p, fatal=True) for p in problems[before:]]
    return data


def load_mapping(path: Path, kind: str, problems: list[Problem]) -> Any:
    """A file that holds one mapping: the parsed node, or None when it could not be read.

    A file that failed to parse was reported once, at its line; checking its (absent) content as a mapping would
    only add a misleading second message ("must be a mapping (got 'None')"), so nothing more is said about it.
    """
    before = len(problems)
    data = load_yaml(path, problems)
    if len(problems) > before:
        return None
    if data is None:
        problems.append(
            Problem(relative(path), None, None, "file is empty", expected=f"a {kind} mapping (see curation/README.md)")
        )
    return data


def syntax_hint(problem: str, line_text: str) -> str:
    """What to do about the YAML syntax errors curators actually make (the parser's words do not say).

    Worded to follow "expected" in the problem line.
    """
    if "\t" in line_text or "'\\t'" in problem:
        return "spaces for indentation (YAML does not allow a tab there)"
    if "mapping values are not allowed" in problem:
        return 'the value in quotes, because it contains ": " (e.g. quote: "he said: no")'
    if "found unexpected end of stream" in problem or "while scanning a quoted scalar" in problem:
        return "the closing quote of a quoted string"
    if "expected ',' or ']'" in problem or "expected ',' or '}'" in problem:
        return "the [list] or {mapping} closed, and strings inside it that contain , : [ ] { } in quotes"
    return "valid YAML: strings that contain : # [ ] { } or start with a quote must be quoted"


def _parse_yaml(path: Path, problems: list[Problem]) -> Any:
    name = relative(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            problems.append(Problem(name, None, None, "file is too large", expected=f"at most {MAX_FILE_BYTES} bytes"))
            return None
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as err:
        problems.append(Problem(name, None, None, f"file is not valid UTF-8 (byte {err.start})", expected="UTF-8 text"))
        return None
    except OSError as err:
        problems.append(Problem(name, None, None, f"cannot read file: {err.strerror}"))
        return None
    if "\x00" in text:
        problems.append(
            Problem(
                name,
                text[: text.index("\x00")].count("\n") + 1,
                None,
                "file contains a NUL byte",
                expected="plain UTF-8 text",
            )
        )
        return None
    yaml = YAML(typ="rt", pure=True)
    # Dates stay strings here, so that an impossible date ("2024-11-31") is reported at its key's line by the
    # type check instead of failing the whole file.
    yaml.constructor.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.__class__.construct_yaml_str)
    try:
        for event in yaml.parse(text):
            if isinstance(event, AliasEvent):
                line = event.start_mark.line + 1 if event.start_mark else None
                problems.append(
                    Problem(
                        name,
                        line,
                        None,
                        "YAML aliases (*name) are not allowed in curation files",
                        expected="every value written out",
                    )
                )
                return None
        return yaml.load(text)
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = mark.line + 1 if mark else None
        lines = text.splitlines()
        line_text = lines[line - 1] if line and line <= len(lines) else ""
        message = f"YAML syntax error: {err.problem or err.context}"
        problems.append(Problem(name, line, None, message, line_text or None, syntax_hint(message, line_text)))
    except RecursionError:
        problems.append(
            Problem(name, None, None, "YAML nesting is too deep", expected="the structure of curation/README.md")
        )
    except Exception as err:  # ruamel raises various errors on hostile input; none may escape as a traceback
        problems.append(
            Problem(name, None, None, f"cannot parse YAML: {type(err).__name__}: {err}"[:300], expected="valid YAML")
        )
    return None


def _line(node: Any, key: Any = None) -> int | None:
    try:
        if key is None:
            return node.lc.line + 1
        if isinstance(node, CommentedMap):
            return node.lc.key(key)[0] + 1
        return node.lc.item(key)[0] + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return None


def _coerce(value: Any, kind: str) -> tuple[bool, Any]:
    """Check one value against a type name; return (ok, python value)."""
    if value is None:
        return True, None
    if kind in ("str", "code"):
        if isinstance(value, str):
            return True, str(value)
        return False, value
    if kind == "int":
        return (isinstance(value, int) and not isinstance(value, bool)), value
    if kind == "int_or_all":
        return (value == "all" or (isinstance(value, int) and not isinstance(value, bool))), value
    if kind == "number":
        return (isinstance(value, int | float) and not isinstance(value, bool)), float(value) if isinstance(
            value, int | float
        ) else value
    if kind == "bool":
        return isinstance(value, bool), value
    if kind == "date":
        if isinstance(value, dt.datetime):
            return False, value
        if isinstance(value, dt.date):
            return True, value.isoformat()
        if isinstance(value, str):
            try:
                return True, dt.date.fromisoformat(value).isoformat()
            except ValueError:
                return False, value
        return False, value
    if kind == "list":
        return isinstance(value, CommentedSeq | list), value
    if kind == "strlist":
        ok = isinstance(value, CommentedSeq | list) and all(isinstance(v, str) for v in value)
        return ok, [str(v) for v in value] if ok else value
    if kind in ("map", "date_spec"):
        return isinstance(value, CommentedMap | dict), value
    raise ValueError(kind)


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
    line = _line(node) or where
    rid = record_id or (node.get("id") if isinstance(node.get("id"), str) else None)
    out: dict[str, Any] = {"_file": file, "_line": line, "_lines": {}}
    for key, value in node.items():
        key_line = _line(node, key) or line
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
        type_ok, coerced = _coerce(value, spec[key][0])
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
    for key, (type_name, required) in spec.items():
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
                    out["_lines"].get(key, line),
                    rid,
                    f"{key} is required",
                    value="null",
                    expected=TYPE_NAMES[type_name],
                    record_line=line,
                )
            )
    # A flawed record is kept (its bad values left out) so that it does not cascade into "unknown reference"
    # problems elsewhere; the build skips later checks on rows whose record was already reported.
    return out


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


def read_sources(problems: list[Problem], sources_dir: Path = SOURCES) -> tuple[pd.DataFrame, pd.DataFrame]:
    """sources/*.yaml -> (articles metadata, furniture rules)."""
    articles, furniture = [], []
    for path in sorted(sources_dir.glob("*.yaml")):
        file = relative(path)
        node = load_mapping(path, "source", problems)
        record = check_record(node, "source", file, None, problems, 1) if node is not None else None
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
        record = check_record(node, kind, file, None, problems, _line(data))
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
    out: dict[str, list[dict[str, Any]]] = {
        k: []
        for k in (
            "statements",
            "targets",
            "joint_speakers",
            "about",
            "event_reports",
            "event_places",
            "figures",
            "labels",
            "voices",
            "places",
        )
    }
    kinds = {
        "statements": "statement",
        "event_reports": "event_report",
        "event_places": "event_place",
        "figures": "figure",
        "labels": "label",
        "voices": "voice_override",
        "places": "place_choice",
    }
    for path in sorted(directory.glob("*.yaml")):
        file = relative(path)
        node = load_mapping(path, "article", problems)
        top = check_record(node, "article", file, None, problems, 1) if node is not None else None
        if not top:
            continue
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
        for section, kind in kinds.items():
            items = top.get(section) or []
            for node in items:
                record = check_record(node, kind, file, None, problems, top["_lines"].get(section))
                if not record:
                    continue
                record["article_id"] = aid
                if kind == "statement":
                    for target in record.pop("targets", None) or []:
                        checked = check_record(
                            target, "role", file, record.get("id"), problems, record["_lines"].get("targets")
                        )
                        if checked:
                            checked["statement_id"] = record.get("id")
                            out["targets"].append(checked)
                    for about in record.pop("about", None) or []:
                        checked = check_record(
                            about, "about", file, record.get("id"), problems, record["_lines"].get("about")
                        )
                        if checked:
                            checked["statement_id"] = record.get("id")
                            out["about"].append(checked)
                    for actor in record.pop("joint_speakers", None) or []:
                        line = record["_lines"].get("joint_speakers")
                        joint = {"statement_id": record.get("id"), "actor": actor, "_file": file, "_line": line}
                        out["joint_speakers"].append({**joint, "_lines": {}})
                    _flatten_date(record, "date", file, problems, record.get("id"))
                out[section].append(record)
    evidence = list(EVIDENCE)
    date_cols = [f"date_{k}" for k in DATE_SPEC]
    columns = {
        "statements": [
            "id",
            "article_id",
            "speaker",
            *evidence,
            "content",
            "mode",
            "nested_in",
            "cameo",
            "cited_via",
            "event",
            "claim",
            "notes",
            *date_cols,
        ],
        "targets": ["statement_id", "actor", "role"],
        "joint_speakers": ["statement_id", "actor"],
        "about": ["statement_id", "event", "relation", "accused", "quote", "notes"],
        "event_reports": ["event", "article_id", *evidence, "attributed_to", "notes"],
        "event_places": ["event", "place", "role", "article_id", *evidence, "notes"],
        "figures": [
            "id",
            "article_id",
            *evidence,
            "value",
            "low",
            "high",
            "qualifier",
            "measure",
            "counted",
            "claimed_by",
            "event",
            "statement",
            "count",
            "notes",
        ],
        "labels": ["actor", "article_id", *evidence, "voice", "statement"],
        "voices": ["article_id", *evidence, "voice", "statement", "notes"],
        "places": ["place", "article_id", *evidence, "notes"],
    }
    # the `places:` section becomes the frame "place_choices" ("places" is places.yaml's)
    return {("place_choices" if name == "places" else name): _frame(rows, columns[name]) for name, rows in out.items()}


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
