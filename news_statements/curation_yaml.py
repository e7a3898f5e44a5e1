"""YAML as a curator's file: every value with its line, guarded against what a hostile file can do.

A file is read only up to a size bound, with no aliases expanded (a "billion laughs" file is refused), and
a syntax error is reported with a hint in the curator's words. Values are checked against the format's type
names (curation_format.py) by `coerce`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent

from news_statements.problems import Problem, relative

MAX_FILE_BYTES = 5_000_000


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


def line_of(node: Any, key: Any = None) -> int | None:
    """The 1-based line of a mapping or sequence (or of one of its keys or items); None when unknown."""
    try:
        if key is None:
            return node.lc.line + 1
        if isinstance(node, CommentedMap):
            return node.lc.key(key)[0] + 1
        return node.lc.item(key)[0] + 1
    except (AttributeError, KeyError, TypeError, IndexError):
        return None


def coerce(value: Any, kind: str) -> tuple[bool, Any]:
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
