"""The descriptor (datapackage.json) of a copy: its shape, that it declares the standard, and that it follows it.

Shape: jsonschema checks the descriptor against the Data Package v2 profile shipped in
validation/datapackage-profile-2.0.json (no network at run time; its source is in validation/README.md),
extended in one place (standard.base_profile): a resource's `type` may be `file` (this package's Parquet twins:
frictionless-py cannot check a tabular Parquet resource's hash), which the v2 profile's `type` enum (only `table`)
does not list. frictionless-py fails with a traceback on some ill-shaped descriptors, so it only runs on a
descriptor without shape problems.

The standard (News Statements Data Package, standard.py): the package declares it (`$schema`, with the profile's
files beside the descriptor), or it is refused in one line. It then declares each table of the standard as
`<table>` at `<table>.csv`, with every field of the standard's schema, of its type (else the data are not
checked: standard_problems), the same constraints, in the same order relative to each other, the primary key and
the foreign keys (declared_problems); and the Parquet twin `<table>-parquet` at `<table>.parquet` when Parquet is
checked. Other resources, fields and foreign keys are allowed: the screen and Frictionless check those.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema

from news_statements import standard
from news_statements.metadata import PARQUET_SUFFIX, tables
from news_statements.validation import screen

V2_PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"
# The profiles Frictionless knows without fetching anything (a custom one would be fetched: it is left out).
KNOWN_PROFILES = {V2_PROFILE, "data-package", "tabular-data-package"}


@cache
def _validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(standard.base_profile())


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
    """A `profile` (Data Package v1) the validator does not know would have to be fetched or read: it is reported,
    never fetched. (`$schema` is the standard's: declaration_problem.)"""
    if "profile" not in descriptor or descriptor["profile"] in KNOWN_PROFILES:
        return []
    return [
        f"profile {_shown(descriptor['profile'])} is not a profile the validator knows (the standard is declared by "
        "$schema); it is not fetched: the validator makes no network connection"
    ]


def expected_resources() -> dict[str, dict[str, Any]]:
    """name -> what the descriptor must say of it: the standard's tables (path, schema) and their Parquet twins."""
    expected = {}
    for name, table in tables().items():
        expected[name] = {"path": f"{name}.csv", "schema": table.to_frictionless()}
        expected[name + PARQUET_SUFFIX] = {"path": f"{name}.parquet"}
    return expected


def declaration_problem(descriptor: dict[str, Any], directory: Path) -> str | None:
    """One line when the package does not declare the standard (`$schema`), or its copy of the standard's
    profile files is missing or not the standard's: such a package is not checked further."""
    name, label = standard.profile_name(), standard.label()
    declared = descriptor.get("$schema")
    if declared != name:
        got = 'has no "$schema"' if declared is None else f'has "$schema" {_shown(declared)}'
        fetched = " (not fetched: the validator makes no network connection)" if _remote(declared) else ""
        return (
            f"the package does not declare the {standard.metadata()['title']} ({label}): datapackage.json {got}"
            f'{fetched}, expected "$schema": "{name}" (standard/README.md says how to declare it)'
        )
    for file, text in standard.package_files().items():
        why = screen.refusal(directory, file)
        if why is None and not (directory / file).is_file():
            why = "is missing"
        elif why is None and (directory / file).stat().st_size > screen.MAX_DESCRIPTOR_BYTES:
            why = "is too large"
        elif why is None:
            try:
                same = json.loads((directory / file).read_text(encoding="utf-8")) == json.loads(text)
            except (OSError, UnicodeDecodeError, ValueError, RecursionError):
                same = False
            why = None if same else f"is not the {label} file"
        if why:
            return f"{file} (the profile the package declares) {why}: copy it from {_published()}"
    return None


def _remote(value: Any) -> bool:
    return isinstance(value, str) and screen.is_remote(value)


def _published() -> str:
    meta = standard.metadata()
    return f"standard/{meta['identifier']}/{meta['version']}/"


def standard_problems(descriptor: dict[str, Any]) -> list[str]:
    """Where the descriptor breaks the standard's model: a table not declared, a schema that is not inline, a field
    missing or of another type. The data of such a package are not checked (the report would be its echoes)."""
    declared = {r.get("name"): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
    label, problems = standard.label(), []
    for name, table in tables().items():
        resource = declared.get(name)
        if resource is None:
            problems.append(f"resource {name!r} is not declared: {label} requires the table {name} ({name}.csv)")
            continue
        schema = resource.get("schema")
        if not isinstance(schema, dict):
            problems.append(f"resource {name!r}: schema {_differences(schema, table.to_frictionless())}")
            continue
        fields = {f.get("name"): f for f in schema.get("fields", []) if isinstance(f, dict)}
        for field in table.fields:
            got = fields.get(field.name)
            if got is None:
                problems.append(
                    f"resource {name!r}: field {field.name!r} is missing ({label} requires it: {field.type})"
                )
            elif got.get("type", "any") != field.type:
                problems.append(
                    f"resource {name!r}: field {field.name!r} has type {_shown(got.get('type', 'any'))}; "
                    f"{label} says {field.type!r}"
                )
    return problems


def declared_problems(
    descriptor: dict[str, Any], directory: Path | None = None, formats: tuple[str, ...] = ("csv", "parquet")
) -> list[str]:
    """The standard's tables at their paths with the standard's schemas (extra fields, extra foreign keys and extra
    resources allowed), and their Parquet twins when that format is checked; a path that is not the expected one
    says why it would be refused (remote, outside the package)."""
    declared = {r.get("name"): r for r in descriptor.get("resources", []) if isinstance(r, dict)}
    problems = []
    for name, wanted in expected_resources().items():
        resource = declared.get(name)
        if resource is None:
            if name.endswith(PARQUET_SUFFIX) and "parquet" in formats:
                problems.append(f"resource {name!r} is not declared (expected path {wanted['path']!r})")
            continue
        path = resource.get("path")
        if path != wanted["path"]:
            why = screen.refusal(directory or Path("."), path) if isinstance(path, str) else None
            why = f" ({why})" if why else ""
            problems.append(f"resource {name!r}: path is {_shown(path)}{why}, expected {wanted['path']!r}")
        if isinstance(resource.get("schema"), dict) and "schema" in wanted:
            differences = _differences(resource["schema"], wanted["schema"])
            if differences:
                where = f"{standard.label()} ({_published()}tables/{name}.json)"
                problems.append(f"resource {name!r}: schema differs from {where}: {differences}")
    return problems


def _differences(schema: Any, wanted: dict[str, Any]) -> str | None:
    """Which parts of a declared table schema differ from the standard's (None: none): its fields by name (type,
    format, constraints; a description is free), their order, the primary key, the foreign keys (extra allowed)."""
    if isinstance(schema, str):
        return f"is given by reference, {_shown(schema)}: the validator reads inline schemas only"
    if not isinstance(schema, dict):
        return "is not an object"
    fields = {f.get("name"): f for f in schema.get("fields", []) if isinstance(f, dict)}
    names = [f["name"] for f in wanted["fields"]]
    present = [name for name in fields if name in names]
    changed = [  # (a field of another type is standard_problems')
        n
        for n, f in zip(names, wanted["fields"], strict=True)
        if n in fields and fields[n].get("type", "any") == f["type"] and _kept(fields[n]) != _kept(f)
    ]
    parts = [f"fields {', '.join(changed)}"] if changed else []
    if present != [name for name in names if name in fields]:
        parts.append("the order of the standard's fields")
    if schema.get("primaryKey") != wanted.get("primaryKey"):
        parts.append("primaryKey")
    declared_keys = schema.get("foreignKeys", [])
    missing = [
        fk for fk in wanted.get("foreignKeys", []) if fk not in declared_keys and set(fk["fields"]) <= set(fields)
    ]
    if missing:
        parts.append("foreignKeys")
    return "; ".join(parts) or None


def _kept(field: dict[str, Any]) -> dict[str, Any]:
    return standard.standard_field(field)
