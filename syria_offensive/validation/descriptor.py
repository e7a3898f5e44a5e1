"""The descriptor (datapackage.json) of a copy: its shape, and that it declares exactly this package.

Shape: jsonschema checks the descriptor against the Data Package v2 profile shipped in
validation/datapackage-profile-2.0.json (no network at run time; its source is in validation/README.md),
extended in one place: the package declares its Parquet twins as resources of type `file` (frictionless-py
cannot check a tabular Parquet resource's hash), which the v2 profile's `type` enum (only `table`) does not
list. frictionless-py fails with a traceback on some ill-shaped descriptors, so it only runs on a
descriptor without shape problems.

Contents: a copy's descriptor could drop resources (the validator would then check less) or weaken a schema;
it must declare each table as `<table>` (path `<table>.csv`, schema as generated from schema/) and its
Parquet twin `<table>-parquet` (path `<table>.parquet`), and nothing else.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

import jsonschema

from syria_offensive.metadata import tables
from syria_offensive.package import PARQUET_SUFFIX
from syria_offensive.paths import data_dir

PROFILE = data_dir("validation") / "datapackage-profile-2.0.json"


@cache
def _validator() -> jsonschema.Draft7Validator:
    profile = json.loads(PROFILE.read_text(encoding="utf-8"))
    resource_type = profile["properties"]["resources"]["items"]["properties"]["type"]
    resource_type["enum"] = [*resource_type["enum"], "file"]  # (the Parquet twins: see the module doc)
    return jsonschema.Draft7Validator(profile)


def _where(path: Any) -> str:
    return "/".join(str(p) for p in path) or "(the document)"


def shape_problems(descriptor: Any) -> list[str]:
    """Where the descriptor breaks the Data Package v2 profile, one line each (the most specific reason of
    a `oneOf`/`anyOf` failure), in document order."""
    problems = []
    for error in sorted(_validator().iter_errors(descriptor), key=lambda e: [str(p) for p in e.absolute_path]):
        reason = jsonschema.exceptions.best_match(error.context) if error.context else error
        message = f"{_where(reason.absolute_path)}: {reason.message}"
        problems.append(message if len(message) <= 300 else message[:299] + "…")
    return problems


def expected_resources() -> dict[str, dict[str, Any]]:
    """name -> what the descriptor must say of it (path, and the schema of each CSV resource)."""
    expected = {}
    for name, table in tables().items():
        expected[name] = {"path": f"{name}.csv", "schema": table.to_frictionless()}
        expected[name + PARQUET_SUFFIX] = {"path": f"{name}.parquet"}
    return expected


def declared_problems(descriptor: dict[str, Any]) -> list[str]:
    """The descriptor declares exactly the package's tables and twins, with the expected paths and schemas."""
    declared = {r.get("name"): r for r in descriptor.get("resources", [])}
    problems = []
    for name, wanted in expected_resources().items():
        resource = declared.get(name)
        if resource is None:
            problems.append(f"resource {name!r} is not declared (expected path {wanted['path']!r})")
            continue
        if resource.get("path") != wanted["path"]:
            problems.append(f"resource {name!r}: path is {resource.get('path')!r}, expected {wanted['path']!r}")
        if "schema" in wanted and resource.get("schema") != wanted["schema"]:
            differences = _differences(resource.get("schema"), wanted["schema"])
            problems.append(f"resource {name!r}: schema differs from schema/tables/{name}.yaml ({differences})")
    for name in declared.keys() - expected_resources().keys():
        problems.append(f"resource {name!r} is not one of the package's tables or their Parquet twins")
    return problems


def _differences(schema: Any, wanted: dict[str, Any]) -> str:
    """Which parts of a declared table schema differ from the generated one (the fields by name)."""
    if not isinstance(schema, dict):
        return "not an object"
    fields = {f.get("name"): f for f in schema.get("fields", []) if isinstance(f, dict)}
    changed = [f["name"] for f in wanted["fields"] if fields.get(f["name"]) != f]
    parts = [f"fields {', '.join(changed)}"] if changed else []
    parts += [key for key in ("primaryKey", "foreignKeys") if schema.get(key) != wanted.get(key)]
    return "; ".join(parts) or "field order or extra properties"
