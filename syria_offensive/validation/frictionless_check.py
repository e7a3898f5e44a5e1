"""Layer 3: Frictionless validation of a package directory.

Two passes: the descriptor as published (the same as `frictionless validate datapackage.json`: CSV
content against its schema and foreign keys, bytes and hash of every file), and the Parquet twins read
as tables against the schema of their CSV resource (frictionless-py cannot check a Parquet
resource's hash, so the published descriptor declares them as files).

An edited descriptor can be ill-typed (a foreign key's reference that is a number, a field that is not
an object): frictionless-py 5 normalises a descriptor before validating it against its profile and then
fails with AttributeError or TypeError instead of a validation error. So the shape of what it reads is
checked here first (`shape_problems`: every problem with its place in the document, e.g.
`resources/3/schema/foreignKeys/0/reference: expected an object (got 5)`), and Frictionless runs only on
a well-shaped descriptor; what it then finds wrong (an unknown field type, an unsafe path) it reports
with FrictionlessException, its error for invalid descriptors.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from frictionless import FrictionlessException, Package, system

PARQUET_SUFFIX = "-parquet"

# What frictionless-py reads from a descriptor before validating it, and the JSON types each may have.
TEXT, TEXTS, OBJECT, LIST = (str,), (str, list), (dict,), (list,)
COMMON_TEXT = ["$schema", "name", "title", "description", "profile", "homepage"]
PACKAGE_TEXT = [*COMMON_TEXT, "id", "version", "image", "created"]
RESOURCE_TEXT = [*COMMON_TEXT, "type", "format", "mediatype", "encoding", "hash", "compression"]
FIELD_TEXT = ["name", "type", "format", "title", "description"]
OBJECT_LISTS = ["licenses", "sources", "contributors"]


def _where(path: tuple) -> str:
    return "/".join(str(p) for p in path) or "(the document)"


def _expect(value: Any, kinds: tuple, path: tuple, problems: list[str]) -> bool:
    if isinstance(value, kinds) and not isinstance(value, bool):
        return True
    wanted = " or ".join({str: "a string", list: "a list", dict: "an object"}[k] for k in kinds)
    problems.append(f"{_where(path)}: expected {wanted} (got {json.dumps(value)[:80]})")
    return False


def _texts(value: Any, path: tuple, problems: list[str]) -> None:
    """A string, or a list of strings."""
    if _expect(value, TEXTS, path, problems) and isinstance(value, list):
        for number, item in enumerate(value):
            _expect(item, TEXT, (*path, number), problems)


def _common_shape(metadata: dict, text: list[str], path: tuple, problems: list[str]) -> None:
    """The properties a package and a resource share: strings, and lists of objects."""
    for key in text:
        if key in metadata:
            _expect(metadata[key], TEXT, (*path, key), problems)
    for key in OBJECT_LISTS:
        if key in metadata and _expect(metadata[key], LIST, (*path, key), problems):
            for number, item in enumerate(metadata[key]):
                _expect(item, OBJECT, (*path, key, number), problems)
    if "keywords" in metadata and _expect(metadata["keywords"], LIST, (*path, "keywords"), problems):
        for number, item in enumerate(metadata["keywords"]):
            _expect(item, TEXT, (*path, "keywords", number), problems)


def _schema_shape(schema: dict, path: tuple, problems: list[str]) -> None:
    fields = schema.get("fields", [])
    if _expect(fields, LIST, (*path, "fields"), problems):
        for number, field in enumerate(fields):
            where = (*path, "fields", number)
            if _expect(field, OBJECT, where, problems):
                for key in FIELD_TEXT:
                    if key in field:
                        _expect(field[key], TEXT, (*where, key), problems)
                if "constraints" in field:
                    _expect(field["constraints"], OBJECT, (*where, "constraints"), problems)
    if "primaryKey" in schema:
        _texts(schema["primaryKey"], (*path, "primaryKey"), problems)
    keys = schema.get("foreignKeys", [])
    if _expect(keys, LIST, (*path, "foreignKeys"), problems):
        for number, fk in enumerate(keys):
            where = (*path, "foreignKeys", number)
            if not _expect(fk, OBJECT, where, problems):
                continue
            _texts(fk.get("fields", []), (*where, "fields"), problems)
            reference = fk.get("reference", {})
            if _expect(reference, OBJECT, (*where, "reference"), problems):
                if "resource" in reference:
                    _expect(reference["resource"], TEXT, (*where, "reference", "resource"), problems)
                _texts(reference.get("fields", []), (*where, "reference", "fields"), problems)


def shape_problems(descriptor: Any) -> list[str]:
    """Where the descriptor's JSON types differ from what frictionless-py reads (see the module doc)."""
    problems: list[str] = []
    if not _expect(descriptor, OBJECT, (), problems):
        return problems
    _common_shape(descriptor, PACKAGE_TEXT, (), problems)
    resources = descriptor.get("resources", [])
    if not _expect(resources, LIST, ("resources",), problems):
        return problems
    for number, resource in enumerate(resources):
        where = ("resources", number)
        if not _expect(resource, OBJECT, where, problems):
            continue
        _common_shape(resource, RESOURCE_TEXT, where, problems)
        if "path" in resource:
            _texts(resource["path"], (*where, "path"), problems)
        for key in ("dialect", "control"):
            if key in resource and not isinstance(resource[key], str):
                _expect(resource[key], OBJECT, (*where, key), problems)
        schema = resource.get("schema", "")  # (a string: a path or URL, which Frictionless reads itself)
        if not isinstance(schema, str) and _expect(schema, OBJECT, (*where, "schema"), problems):
            _schema_shape(schema, (*where, "schema"), problems)
    return problems


def _errors(descriptor: dict, basepath: Path) -> list[str]:
    try:
        with system.use_context(trusted=False):
            report = Package(descriptor, basepath=str(basepath)).validate()
    except FrictionlessException as err:  # an invalid descriptor (frictionless-py's own error for it)
        reasons = getattr(err, "reasons", None) or [err.error]
        return [_short(f"descriptor is not valid: {reason.message}") for reason in reasons]
    messages = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    return [_short(m) for m in messages + [error.message for error in report.errors]]


def _short(message: str, limit: int = 400) -> str:
    """Frictionless spells out whole enum lists (300 CAMEO codes); keep a report readable."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


def parquet_as_tables(descriptor: dict) -> tuple[dict, list[str]]:
    """The descriptor with each Parquet twin turned into a table resource with its CSV sibling's schema;
    and the twins that have no such sibling (reported, left out)."""
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"] if "schema" in r and "name" in r}
    resources, problems = [], []
    for resource in descriptor["resources"]:
        if resource.get("format") == "parquet":
            name = resource.get("name", "")
            sibling = schemas.get(name.removesuffix(PARQUET_SUFFIX))
            if not isinstance(sibling, dict):
                problems.append(
                    f"{name or '(a Parquet resource without a name)'}: no CSV resource "
                    f"{name.removesuffix(PARQUET_SUFFIX)!r} with a table schema to read it with"
                )
                continue
            schema = json.loads(json.dumps(sibling))
            for fk in schema.get("foreignKeys", []):
                if "resource" in fk.get("reference", {}):  # (the shape is checked: objects and strings)
                    fk["reference"]["resource"] += PARQUET_SUFFIX
            resources.append(
                {"name": name, "path": resource.get("path"), "type": "table", "format": "parquet", "schema": schema}
            )
    return {"name": descriptor.get("name", "package"), "resources": resources}, problems


def validate_directory(directory: Path) -> list[str]:
    """Every error Frictionless finds in directory/datapackage.json and in its Parquet files as tables."""
    path = directory / "datapackage.json"
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        return [f"datapackage.json cannot be read: {err}"[:400]]
    problems = shape_problems(descriptor)
    if problems:  # (Frictionless would fail on it: its findings are left for a well-shaped descriptor)
        return problems
    errors = _errors(descriptor, directory)
    if any(r.get("format") == "parquet" for r in descriptor.get("resources", [])):
        as_tables, problems = parquet_as_tables(descriptor)
        errors += problems + [f"(as table) {e}" for e in _errors(as_tables, directory)]
    return errors
