"""Layer 3: Frictionless validation of a package directory.

The descriptor as published, the same as `frictionless validate datapackage.json`: CSV content against
its schema and foreign keys, bytes and hash of every file (the Parquet twins are declared as files:
frictionless-py cannot check a tabular Parquet resource's hash). The Parquet content is not read by
Frictionless a second time as tables (that pass took 2.6 of the 3.8 s of this layer on the real package):
the project's layers check it (Arrow types, pandera, the rules) and the twins rule proves it holds the
rows of the CSV that Frictionless validated.

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

from syria_offensive.validation.descriptor import shape_problems


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


def validate_directory(directory: Path) -> list[str]:
    """Every error Frictionless finds in directory/datapackage.json (after its shape is checked)."""
    path = directory / "datapackage.json"
    try:
        descriptor = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, RecursionError) as err:
        return [f"datapackage.json cannot be read: {err}"[:400]]
    problems = shape_problems(descriptor)
    if problems:  # (Frictionless would fail on it: its findings are left for a well-shaped descriptor)
        return problems
    return _errors(descriptor, directory)
