"""The News Statements Data Package standard (`news-statements-dp`), generated from schema/.

The model of schema/ is published as a standard others can declare, with its own version (schema/standard.yaml)
and changelog (standard/CHANGELOG.md), the way tdwg/camtrap-dp publishes Camtrap DP: a profile (a draft-07 JSON
Schema whose `allOf` combines the Data Package v2 profile with what the standard requires) and one Table Schema
per table, under standard/<identifier>/<version>/. schema/ stays the one definition: these files are generated,
and a test checks that the committed ones are current. `python -m news_statements.standard` writes them.

Addresses: the repository has no public URL, so no file carries one. The profile has no `$id` and refers to the
Data Package v2 profile by a relative path, to a copy shipped beside it; a package declares the standard with
`"$schema": "news-statements-dp-profile.json"` (the Data Package v2 way to name a profile that extends the v2
one) and carries both files beside its datapackage.json (the build writes them into datasets/). frictionless-py
5.21 does not read a custom `$schema` (it only takes the Data Package version to be "unknown", and checks the
package against its own v1/v2 rules); it reads a `profile` property, but opens a relative one from the working
directory, so that a package declaring one could not even be opened from another folder. The profile is
checked by jsonschema with a local registry (`validator`): by the build, by tests, and by anyone with the files.
The copy of the v2 profile differs from the original in one place: a resource's `type` may also be `file` (a
file that is not a table, such as this package's Parquet twins; frictionless-py cannot check a tabular Parquet
resource's hash), which the v2 profile's `type` enum (only `table`) does not list.
"""

from __future__ import annotations

import json
import shutil
import sys
from functools import cache
from pathlib import Path
from typing import Any

import jsonschema
import referencing
import yaml
from referencing import Resource
from referencing.jsonschema import DRAFT7

from news_statements.metadata import Table, tables
from news_statements.paths import ROOT, SCHEMA, data_dir

DRAFT_07 = "http://json-schema.org/draft-07/schema#"
BASE_PROFILE = "datapackage-v2-profile-with-file-resources.json"
FIELD_KEYS = ("name", "type", "format", "constraints")  # (what a field must keep; its description is free)


@cache
def metadata() -> dict[str, str]:
    """identifier, title, version, description of the standard (schema/standard.yaml)."""
    with open(SCHEMA / "standard.yaml", encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # (libyaml: 10x faster)


def profile_name() -> str:
    return f"{metadata()['identifier']}-profile.json"


def label() -> str:
    """How messages and docs name the standard: `news-statements-dp 1.0.0`."""
    return f"{metadata()['identifier']} {metadata()['version']}"


def folder(root: Path | None = None) -> Path:
    """standard/<identifier>/<version>/ (in the checkout, or the wheel's bundled copy)."""
    base = data_dir("standard") if root is None else root
    return base / metadata()["identifier"] / str(metadata()["version"])


def base_profile() -> dict[str, Any]:
    """The Data Package v2 profile (validation/) with `file` added to a resource's `type` (see the module doc)."""
    profile = json.loads((data_dir("validation") / "datapackage-profile-2.0.json").read_text(encoding="utf-8"))
    resource_type = profile["properties"]["resources"]["items"]["properties"]["type"]
    resource_type["enum"] = [*resource_type["enum"], "file"]
    profile["title"] = f"{profile['title']} (v2), with file resources"
    profile["description"] = (
        f"{profile['description']} This copy of the Data Package v2 profile "
        "(https://datapackage.org/profiles/2.0/datapackage.json) adds `file` to a resource's `type`: a file that "
        f"is not a table. Shipped with {metadata()['title']} so that its profile refers to nothing remote."
    )
    return profile


def table_schema(table: Table) -> dict[str, Any]:
    """The Table Schema of a table of the standard (a conforming resource's schema holds at least this)."""
    return table.to_frictionless()


def standard_field(field: dict[str, Any]) -> dict[str, Any]:
    """The parts of a field descriptor the standard fixes (its description and title are free)."""
    return {key: field[key] for key in FIELD_KEYS if key in field}


def _resource_requirement(table: Table) -> dict[str, Any]:
    """What a resource named after a table of the standard must be: tabular, at `<table>.csv`, with an inline
    schema holding every field of the table with its type, and the table's primary key."""
    fields = [
        {
            "contains": {
                "required": ["name", "type"],
                "properties": {"name": {"const": f.name}, "type": {"const": f.type}},
            }
        }
        for f in table.fields
    ]
    return {
        "required": ["path", "schema"],
        "properties": {
            "path": {"const": f"{table.name}.csv"},
            "type": {"const": "table"},
            "schema": {
                "type": "object",
                "required": ["fields", "primaryKey"],
                "properties": {
                    "fields": {"type": "array", "allOf": fields},
                    "primaryKey": {"const": list(table.primary_key)},
                },
            },
        },
    }


def profile() -> dict[str, Any]:
    """The standard's profile: the Data Package v2 profile (the local copy), `$schema` naming this profile, every
    table of the standard as a resource; other resources allowed."""
    meta, names = metadata(), list(tables())
    named = [{"required": ["name"], "properties": {"name": {"const": name}}} for name in names]
    return {
        "$schema": DRAFT_07,
        "title": f"{meta['title']} ({meta['identifier']}) {meta['version']}",
        "description": " ".join(meta["description"].split()),
        "type": "object",
        "allOf": [
            {"$ref": BASE_PROFILE},
            {
                "required": ["$schema", "resources"],
                "properties": {
                    # (the file's name: beside the descriptor, or wherever a tool was given it)
                    "$schema": {"type": "string", "pattern": "(^|/)" + profile_name().replace(".", "\\.") + "$"},
                    "resources": {
                        "type": "array",
                        "allOf": [{"contains": condition} for condition in named],
                        "items": {
                            "allOf": [
                                {"if": condition, "then": _resource_requirement(table)}
                                for condition, table in zip(named, tables().values(), strict=True)
                            ]
                        },
                    },
                },
            },
        ],
    }


def validator(documents: dict[str, str] | None = None) -> jsonschema.Draft7Validator:
    """A validator of descriptors against the profile (`documents`: the profile files by name, as published; by
    default generated), its `$ref` to the v2 profile resolved from the copy beside it (a local `referencing`
    registry: nothing is fetched)."""
    documents = documents or package_files()
    base = Resource.from_contents(json.loads(documents[BASE_PROFILE]), DRAFT7)
    registry = referencing.Registry().with_resource(BASE_PROFILE, base)
    return jsonschema.Draft7Validator(json.loads(documents[profile_name()]), registry=registry)


def as_text(document: dict[str, Any]) -> str:
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def package_files() -> dict[str, str]:
    """The files a package that declares the standard carries beside datapackage.json (name -> text)."""
    return {profile_name(): as_text(profile()), BASE_PROFILE: as_text(base_profile())}


def files() -> dict[str, str]:
    """Every generated file of standard/, by path relative to standard/."""
    at = f"{metadata()['identifier']}/{metadata()['version']}"
    found = {f"{at}/{name}": text for name, text in package_files().items()}
    found.update({f"{at}/tables/{name}.json": as_text(table_schema(t)) for name, t in tables().items()})
    return found


def write(root: Path = ROOT / "standard") -> None:
    """Write the current version's files (an earlier version's folder is left as published)."""
    shutil.rmtree(folder(root), ignore_errors=True)
    for relative, text in files().items():
        (root / relative).parent.mkdir(parents=True, exist_ok=True)
        (root / relative).write_text(text, encoding="utf-8")


def run(argv: list[str] | None = None) -> int:
    write(Path(argv[0]) if argv else ROOT / "standard")
    return 0


if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
