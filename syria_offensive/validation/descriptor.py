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
from pathlib import Path
from typing import Any

import jsonschema

from syria_offensive.metadata import tables
from syria_offensive.package import PARQUET_SUFFIX
from syria_offensive.paths import data_dir
from syria_offensive.validation import screen

PROFILE = data_dir("validation") / "datapackage-profile-2.0.json"
V2_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
# The profiles Frictionless knows without fetching anything (a custom one would be fetched: it is left out).
KNOWN_PROFILES = {V2_PROFILE, "data-package", "tabular-data-package"}


@cache
def _validator() -> jsonschema.Draft7Validator:
    profile = json.loads(PROFILE.read_text(encoding="utf-8"))
    resource_type = profile["properties"]["resources"]["items"]["properties"]["type"]
    resource_type["enum"] = [*resource_type["enum"], "file"]  # (the Parquet twins: see the module doc)
    return jsonschema.Draft7Validator(profile)


def _where(descriptor: Any, path: list[Any]) -> str:
    """Where in the descriptor: a resource by its name (and position), then the rest of the path."""
    if len(path) >= 2 and path[0] == "resources" and isinstance(path[1], int):
        resource = descriptor["resources"][path[1]]
        name = resource.get("name") if isinstance(resource, dict) else None
        who = f"resource {_shown(name)} (resources/{path[1]})" if isinstance(name, str) else f"resources/{path[1]}"
        rest = "/".join(str(p) for p in path[2:])
        return f"{who}: {rest}" if rest else who
    return "/".join(str(p) for p in path) or "(the document)"


def _shown(value: Any, limit: int = 80) -> str:
    text = repr(value)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def shape_problems(descriptor: Any, directory: Path | None = None) -> list[str]:
    """Where the descriptor breaks the Data Package v2 profile, one line each (the most specific reason of
    a `oneOf`/`anyOf` failure), in document order; a resource is named, and a path says why it is refused."""
    problems = []
    for error in sorted(_validator().iter_errors(descriptor), key=lambda e: [str(p) for p in e.absolute_path]):
        reason = jsonschema.exceptions.best_match(error.context) if error.context else error
        at = list(reason.absolute_path)
        if len(at) >= 3 and at[0] == "resources" and at[2] == "path" and isinstance(reason.instance, str):
            why = screen.refusal(directory or Path("."), reason.instance) or "is not a relative POSIX path or a URL"
            message = f"{_where(descriptor, at[:2])}: path {_shown(reason.instance)} {why}"
        else:
            message = f"{_where(descriptor, at)}: {reason.message}"
        problems.append(message if len(message) <= 300 else message[:299] + "…")
    return problems


def profile_problems(descriptor: dict[str, Any]) -> list[str]:
    """A profile the validator does not know would have to be fetched: it is reported, never fetched."""
    return [
        f"{key} {_shown(descriptor[key])} is not a profile the validator knows (expected {V2_PROFILE!r}); "
        "it is not fetched: the validator makes no network connection"
        for key in ("$schema", "profile")
        if key in descriptor and descriptor[key] not in KNOWN_PROFILES
    ]


def expected_resources() -> dict[str, dict[str, Any]]:
    """name -> what the descriptor must say of it (path, and the schema of each CSV resource)."""
    expected = {}
    for name, table in tables().items():
        expected[name] = {"path": f"{name}.csv", "schema": table.to_frictionless()}
        expected[name + PARQUET_SUFFIX] = {"path": f"{name}.parquet"}
    return expected


def declared_problems(descriptor: dict[str, Any], directory: Path | None = None) -> list[str]:
    """The descriptor declares exactly the package's tables and twins, with the expected paths and schemas
    (a path that is not the expected one says why it would be refused: remote, outside the package)."""
    declared = {r.get("name"): r for r in descriptor.get("resources", [])}
    problems = []
    for name, wanted in expected_resources().items():
        resource = declared.get(name)
        if resource is None:
            problems.append(f"resource {name!r} is not declared (expected path {wanted['path']!r})")
            continue
        path = resource.get("path")
        if path != wanted["path"]:
            why = screen.refusal(directory or Path("."), path) if isinstance(path, str) else None
            why = f" ({why})" if why else ""
            problems.append(f"resource {name!r}: path is {_shown(path)}{why}, expected {wanted['path']!r}")
        if "schema" in wanted and resource.get("schema") != wanted["schema"]:
            differences = _differences(resource.get("schema"), wanted["schema"])
            problems.append(f"resource {name!r}: schema differs from schema/tables/{name}.yaml ({differences})")
    for name in sorted(declared.keys() - expected_resources().keys(), key=str):
        problems.append(f"resource {_shown(name)} is not one of the package's tables or their Parquet twins")
    return problems


def _differences(schema: Any, wanted: dict[str, Any]) -> str:
    """Which parts of a declared table schema differ from the generated one (the fields by name)."""
    if isinstance(schema, str):
        return f"given by reference, {_shown(schema)}: the validator reads inline schemas only"
    if not isinstance(schema, dict):
        return "not an object"
    fields = {f.get("name"): f for f in schema.get("fields", []) if isinstance(f, dict)}
    changed = [f["name"] for f in wanted["fields"] if fields.get(f["name"]) != f]
    parts = [f"fields {', '.join(changed)}"] if changed else []
    parts += [key for key in ("primaryKey", "foreignKeys") if schema.get(key) != wanted.get(key)]
    return "; ".join(parts) or "field order or extra properties"
