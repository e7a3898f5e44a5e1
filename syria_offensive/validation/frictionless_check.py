"""Layer 3: Frictionless validation of a package directory.

Two passes: the descriptor as published (the same as `frictionless validate datapackage.json`: CSV
content against its schema and foreign keys, bytes and hash of every file), and the Parquet twins read
as tables against the schema of their CSV resource (frictionless-py cannot check a Parquet
resource's hash, so the published descriptor declares them as files).
"""

from __future__ import annotations

import json
from pathlib import Path

from frictionless import Package, system

PARQUET_SUFFIX = "-parquet"


def _errors(descriptor: dict, basepath: Path) -> list[str]:
    with system.use_context(trusted=False):
        report = Package(descriptor, basepath=str(basepath)).validate()
    messages = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    return [_short(m) for m in messages + [error.message for error in report.errors]]


def _short(message: str, limit: int = 400) -> str:
    """Frictionless spells out whole enum lists (300 CAMEO codes); keep a report readable."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


def parquet_as_tables(descriptor: dict) -> dict:
    """The descriptor with each Parquet twin turned into a table resource with its CSV sibling's schema."""
    schemas = {r["name"]: r["schema"] for r in descriptor["resources"] if "schema" in r}
    resources = []
    for resource in descriptor["resources"]:
        if resource.get("format") == "parquet":
            schema = json.loads(json.dumps(schemas[resource["name"].removesuffix(PARQUET_SUFFIX)]))
            for fk in schema.get("foreignKeys", []):
                if "resource" in fk["reference"]:
                    fk["reference"]["resource"] += PARQUET_SUFFIX
            resources.append(
                {
                    "name": resource["name"],
                    "path": resource["path"],
                    "type": "table",
                    "format": "parquet",
                    "schema": schema,
                }
            )
    return {"name": descriptor.get("name", "package"), "resources": resources}


def validate_directory(directory: Path) -> list[str]:
    """Every error Frictionless finds in directory/datapackage.json and in its Parquet files as tables."""
    path = directory / "datapackage.json"
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as err:
        return [f"datapackage.json cannot be read: {err}"]
    errors = _errors(descriptor, directory)
    if any(r.get("format") == "parquet" for r in descriptor.get("resources", []) if isinstance(r, dict)):
        errors += [f"(as table) {e}" for e in _errors(parquet_as_tables(descriptor), directory)]
    return errors
