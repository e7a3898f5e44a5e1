"""The one definition of every table, read from schema/, and everything generated from it.

schema/fields.yaml declares each field once; schema/tables/<table>.yaml lists a table's fields by name
(overriding only the description, `required` or the code list), its primary key and foreign keys;
schema/codelists/*.csv hold the allowed codes. From that, this module generates the Frictionless table
schemas of datapackage.json, the pandera schemas, the Arrow schemas of the Parquet files and the pandas
dtypes (the PUDL `to_frictionless()` / `to_pandera()` / `to_pyarrow()` pattern, scaled down).
"""

from __future__ import annotations

import copy
import csv
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa_arrow
import yaml

from news_statements.dtypes import ARROW_TYPES, pandas_dtype
from news_statements.paths import CODELISTS, PACKAGE_YAML, SCHEMA

if TYPE_CHECKING:  # (pandas and pandera are imported where a frame is made: the validator imports neither)
    import pandas as pd
    import pandera.pandas as pa

# Control characters (U+0000-U+001F) a text field must not hold: any, or (`multiline: true` in
# schema/fields.yaml) any but tab and newline. Carriage return is never allowed: the clean text has none.
CONTROL_CHARACTERS = {False: r"[\x00-\x1f]", True: r"[\x00-\x08\x0b-\x1f]"}
CONTROL_MESSAGES = {
    False: "value holds a control character (U+0000-U+001F, a newline or tab too): one line of text is expected",
    True: "value holds a control character (U+0000-U+001F other than newline and tab)",
}

PARQUET_SUFFIX = "-parquet"  # a table's Parquet twin is the resource of its name and this suffix

# The order in which tables are built, written and listed in datapackage.json.
TABLE_ORDER = [
    "articles",
    "article_furniture",
    "actors",
    "actor_aliases",
    "places",
    "events",
    "event_actors",
    "event_reports",
    "event_places",
    "statements",
    "statement_targets",
    "statement_speakers",
    "statement_events",
    "figures",
    "mentions",
    "place_mentions",
]


@cache
def codelist_rows(name: str) -> tuple[dict[str, str], ...]:
    """A code list's rows, each a dict with at least `code` and `description` (all strings, empty when blank)."""
    with open(CODELISTS / f"{name}.csv", encoding="utf-8", newline="") as handle:
        return tuple(csv.DictReader(handle))


@cache
def codelist(name: str) -> pd.DataFrame:
    """A code list as a frame with at least `code` and `description` (all strings)."""
    import pandas as pd

    return pd.read_csv(CODELISTS / f"{name}.csv", dtype="string", keep_default_na=False)


@dataclass(frozen=True)
class Field:
    name: str
    type: str
    description: str
    constraints: dict[str, Any] = field(default_factory=dict)
    codelist: str | None = None
    format: str | None = None
    multiline: bool = False  # (may hold newlines and tabs; not part of the Frictionless descriptor)

    @property
    def required(self) -> bool:
        return bool(self.constraints.get("required"))

    @property
    def enum(self) -> list[str] | None:
        if self.codelist:
            return [row["code"] for row in codelist_rows(self.codelist)]
        return self.constraints.get("enum")

    def to_frictionless(self) -> dict[str, Any]:
        descriptor: dict[str, Any] = {"name": self.name, "type": self.type, "description": self.description}
        if self.format:
            descriptor["format"] = self.format
        constraints = dict(self.constraints)
        if self.codelist:
            constraints["enum"] = self.enum
        if constraints:
            descriptor["constraints"] = constraints
        return descriptor

    def to_pandera(self, unique: bool) -> pa.Column:
        import pandera.pandas as pa  # (for load() and users' frames only: the validator does not import pandera)

        checks = []
        c = self.constraints
        if self.enum is not None:
            checks.append(
                pa.Check.isin(self.enum, error=f"value must be one of the codes of {self.codelist or 'enum'}")
            )
        if "pattern" in c:
            checks.append(pa.Check.str_matches(f"(?:{c['pattern']})\\Z", error=f"value must match {c['pattern']}"))
        if "minimum" in c:
            checks.append(pa.Check.ge(c["minimum"], error=f"value must be >= {c['minimum']}"))
        if "maximum" in c:
            checks.append(pa.Check.le(c["maximum"], error=f"value must be <= {c['maximum']}"))
        if "minLength" in c:
            checks.append(pa.Check.str_length(min_value=c["minLength"], error=f"length must be >= {c['minLength']}"))
        if self.type == "string" and self.enum is None:  # (a code list admits its codes only)
            checks.append(self._no_control_characters())
        # (the dtype load() gives: a code list is a categorical of its codes)
        dtype = pandas_dtype(self.to_frictionless())
        return pa.Column(dtype, checks=checks, nullable=not self.required, unique=unique, coerce=False)

    def _no_control_characters(self) -> pa.Check:
        import pandera.pandas as pa

        """Text from a copy of any origin may hold a NUL or another control character, which no field of the
        package has (they break tools that read the CSV, and a span's offsets hide them): one failure per value.
        Vectorised (Arrow's regex engine on the pyarrow-backed strings)."""
        pattern = CONTROL_CHARACTERS[self.multiline]
        return pa.Check(
            lambda values: ~values.str.contains(pattern, regex=True),
            error=CONTROL_MESSAGES[self.multiline],
            element_wise=False,
        )


@dataclass(frozen=True)
class Table:
    name: str
    title: str
    description: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[dict[str, Any], ...]

    @property
    def field_names(self) -> list[str]:
        return [f.name for f in self.fields]

    def to_frictionless(self) -> dict[str, Any]:
        """The Table Schema (Data Package v2) of this table."""
        foreign_keys = []
        for fk in self.foreign_keys:
            reference = dict(fk["reference"])
            if reference["resource"] == self.name:  # v2: a self-reference omits the resource
                reference.pop("resource")
            foreign_keys.append({"fields": list(fk["fields"]), "reference": reference})
        schema: dict[str, Any] = {
            "fields": [f.to_frictionless() for f in self.fields],
            "primaryKey": list(self.primary_key),
        }
        if foreign_keys:
            schema["foreignKeys"] = foreign_keys
        return schema

    def to_pandera(self, checks: list[pa.Check] | None = None) -> pa.DataFrameSchema:
        """A pandera schema: types, required, unique, patterns, code lists, ranges, primary key (+ row checks)."""
        import pandera.pandas as pa

        single_key = self.primary_key[0] if len(self.primary_key) == 1 else None
        return pa.DataFrameSchema(
            {f.name: f.to_pandera(unique=f.name == single_key) for f in self.fields},
            strict=True,
            ordered=True,
            unique=list(self.primary_key) if single_key is None else None,
            report_duplicates="all",
            checks=checks or [],
            name=self.name,
        )

    def to_arrow(self) -> pa_arrow.Schema:
        return pa_arrow.schema(
            [pa_arrow.field(f.name, ARROW_TYPES[f.type], nullable=not f.required) for f in self.fields]
        )

    def pandas_dtypes(self, categoricals: bool = False) -> dict[str, Any]:
        """pandas dtypes; with `categoricals`, code-list fields become categoricals of their codes."""
        return {f.name: pandas_dtype(f.to_frictionless(), categoricals) for f in self.fields}

    def empty_frame(self) -> pd.DataFrame:
        import pandas as pd

        return pd.DataFrame({name: pd.Series(dtype=dtype) for name, dtype in self.pandas_dtypes().items()})


def _load_yaml(path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return yaml.load(handle, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # (libyaml: 10x faster)


def _resolve_field(entry: str | dict[str, Any], catalogue: dict[str, Any], table: str) -> Field:
    """Turn a table's field entry (a name, or a name with overrides) into a Field from the catalogue."""
    entry = {"name": entry} if isinstance(entry, str) else dict(entry)
    name = entry.pop("name")
    source = entry.pop("field", name)
    if source not in catalogue:
        raise KeyError(f"schema/tables/{table}.yaml: field {source!r} is not declared in schema/fields.yaml")
    base = copy.deepcopy(catalogue[source])
    constraints = base.get("constraints", {})
    if entry.pop("required", False):
        constraints["required"] = True
    unknown = set(entry) - {"description", "codelist"}
    if unknown:
        raise KeyError(f"schema/tables/{table}.yaml: field {name!r} may only override description/codelist/required")
    return Field(
        name=name,
        type=base["type"],
        description=entry.get("description", base["description"]).strip(),
        constraints=constraints,
        codelist=entry.get("codelist", base.get("codelist")),
        format=base.get("format"),
        multiline=bool(base.get("multiline", False)),
    )


@cache
def tables() -> dict[str, Table]:
    """Every table of the package, in TABLE_ORDER."""
    catalogue = _load_yaml(SCHEMA / "fields.yaml")
    result = {}
    for name in TABLE_ORDER:
        spec = _load_yaml(SCHEMA / "tables" / f"{name}.yaml")
        result[name] = Table(
            name=name,
            title=spec["title"],
            description=" ".join(spec["description"].split()),
            fields=tuple(_resolve_field(entry, catalogue, name) for entry in spec["fields"]),
            primary_key=tuple(spec["primaryKey"]),
            foreign_keys=tuple(spec.get("foreignKeys", [])),
        )
    return result


@cache
def package_metadata(path: Path = PACKAGE_YAML) -> dict[str, Any]:
    """A corpus's package-level metadata (name, title, version, licences, sources, contributors) from its
    package.yaml: this repository's at its root, another corpus's in its folder (see corpus.Layout)."""
    return _load_yaml(path)
