"""Layer 3: Frictionless validation of a package directory.

Two passes: the descriptor as published (the same as `frictionless validate datapackage.json`: CSV
content against its schema and foreign keys, bytes and hash of every file), and the Parquet twins read
as tables against the schema of their CSV resource (frictionless-py cannot check a Parquet
resource's hash, so the published descriptor declares them as files).

An edited descriptor can be ill-typed (a foreign key's reference that is a number, a field that is not
an object): frictionless-py 5 normalises a descriptor before validating it against its profile and then
fails with AttributeError or TypeError instead of a validation error. So the descriptor's shape is checked
first against the Data Package v2 profile (descriptor.shape_problems, with jsonschema), and Frictionless
runs only on a well-shaped descriptor; what it then finds wrong it reports with FrictionlessException,
its error for invalid descriptors.
"""

from __future__ import annotations

import json
from pathlib import Path

from frictionless import FrictionlessException, Package, system

from syria_offensive.validation.descriptor import PARQUET_SUFFIX, shape_problems


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
