"""Layer 3: Frictionless validation of a package directory, offline and confined.

The descriptor as published, the same as `frictionless validate datapackage.json`: CSV content against
its schema and foreign keys, bytes and hash of every file (the Parquet twins are declared as files:
frictionless-py cannot check a tabular Parquet resource's hash). The Parquet content is not read by
Frictionless a second time as tables (that pass took 2.6 of the 3.8 s of this layer on the real package):
the project's layers check it (Arrow types, pandera, the rules) and the twins rule proves it holds the
rows of the CSV that Frictionless validated.

On an untrusted copy, Frictionless sees only what the screen (screen.py) let through: the package's own
resources at their expected paths, whose files are regular files inside the package and were not refused
(a refused file is reported once, by the validator; the foreign keys that point to a resource left out are
left out too, so that its absence is not reported again). It runs untrusted (no absolute or `..` paths)
with an HTTP session that refuses every request, so that nothing it is given can make it connect anywhere.

An edited descriptor can be ill-typed (a foreign key's reference that is a number, a field that is not
an object): frictionless-py 5 normalises a descriptor before validating it against its profile and then
fails with AttributeError or TypeError instead of a validation error. So the descriptor's shape is checked
first against the Data Package v2 profile (descriptor.shape_problems, with jsonschema), and Frictionless
runs only on a well-shaped descriptor; what it then finds wrong it reports with FrictionlessException,
its error for invalid descriptors.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Collection
from pathlib import Path
from typing import Any

import requests
from frictionless import FrictionlessException, Package, system

from news_statements import standard
from news_statements.validation import screen
from news_statements.validation.descriptor import KNOWN_PROFILES, V2_PROFILE, shape_problems


class Offline(requests.Session):
    """An HTTP session that refuses every request: the validator makes no network connection."""

    def request(self, method: str, url: str, *args: Any, **kwargs: Any) -> requests.Response:
        raise requests.ConnectionError(f"{url}: not fetched (the validator makes no network connection)")


def _errors(descriptor: dict, basepath: Path) -> list[str]:
    try:
        with system.use_context(trusted=False, http_session=Offline()):
            report = Package(descriptor, basepath=str(basepath)).validate()
    except FrictionlessException as err:  # an invalid descriptor (frictionless-py's own error for it)
        reasons = getattr(err, "reasons", None) or [err.error]
        return [_short(f"descriptor is not valid: {reason.message}") for reason in reasons]
    messages = [f"{task.name}: {error.message}" for task in report.tasks for error in task.errors]
    return [_short(m) for m in messages + [error.message for error in report.errors]]


def _short(message: str, limit: int = 400) -> str:
    """Frictionless spells out whole enum lists (300 CAMEO codes); keep a report readable."""
    return message if len(message) <= limit else message[: limit - 1] + "…"


def confined(descriptor: dict[str, Any], keep: Collection[str], files: Collection[str] = ()) -> dict[str, Any]:
    """The descriptor with only the resources named in `keep` (those also in `files` as plain files: their bytes
    and hash are checked, not their rows), no foreign key to any other table, and no profile
    that would have to be fetched; the standard's `$schema` (which Frictionless does not read, and takes for an
    unknown Data Package version) is given as the v2 profile it extends, so that Frictionless applies its v2 rules."""
    out = copy.deepcopy(descriptor)
    if out.get("$schema") == standard.profile_name():  # (it extends the v2 profile: Frictionless checks v2)
        out["$schema"] = V2_PROFILE
    for key in ("$schema", "profile"):
        if key in out and out[key] not in KNOWN_PROFILES:
            del out[key]
    out["resources"] = [r for r in out.get("resources", []) if r.get("name") in keep]
    for resource in out["resources"]:
        if resource.get("name") in files:
            for key in ("schema", "dialect", "encoding"):
                resource.pop(key, None)
            resource["type"] = "file"
    tables = {r.get("name") for r in out["resources"] if r.get("type") != "file"}
    for resource in out["resources"]:
        schema = resource.get("schema")
        if isinstance(schema, dict) and "foreignKeys" in schema:
            kept = [fk for fk in schema["foreignKeys"] if fk.get("reference", {}).get("resource", "") in ("", *tables)]
            schema["foreignKeys"] = kept
    return out


def frictionless_problems(
    descriptor: dict[str, Any], directory: Path, keep: Collection[str], files: Collection[str] = ()
) -> list[str]:
    """Every error Frictionless finds in the resources named in `keep` (a well-shaped descriptor); those in `files`
    are checked as files (bytes and hash): `--format parquet` does not read the CSV rows (at 1M statements that
    read alone took over ten minutes)."""
    return _errors(confined(descriptor, keep, files), directory)


def _profile_errors(descriptor: dict[str, Any]) -> list[str]:
    """Where the descriptor breaks the standard's profile: the place and the requirement (a `contains` message
    would spell out the whole list of fields)."""
    return [
        _short(f"{standard.label()} profile: at {'/'.join(map(str, e.absolute_path))}: {e.validator} "
               f"{json.dumps(e.schema.get(e.validator), ensure_ascii=False)}")
        for e in standard.validator().iter_errors(descriptor)
    ]  # fmt: skip


def validate_directory(directory: Path) -> list[str]:
    """Every error Frictionless finds in directory/datapackage.json (after its shape is checked), and where the
    descriptor breaks the standard's published profile (jsonschema, offline: Frictionless does not read a custom
    `$schema`): the build's check of the package it has just written."""
    descriptor, unusable = screen.read_descriptor(directory)
    if unusable:
        return [unusable]
    problems = shape_problems(descriptor, directory)
    if problems:  # (Frictionless would fail on it: its findings are left for a well-shaped descriptor)
        return problems
    every = [r.get("name") for r in descriptor["resources"]]
    return _profile_errors(descriptor) + _errors(confined(descriptor, every), directory)
