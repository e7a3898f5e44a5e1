"""Generate docs/data-dictionary.md from schema/: every table, field, type, constraint, description, code list.

Written by `make build`; the test suite checks the committed file is current.
"""

from __future__ import annotations

from pathlib import Path

from news_statements import standard
from news_statements.metadata import Table, codelist, package_metadata, tables


def _constraints(field) -> str:
    parts = []
    c = field.constraints
    if c.get("required"):
        parts.append("required")
    if "pattern" in c:
        parts.append(f"pattern `{c['pattern']}`")
    if "minimum" in c:
        parts.append(f"≥ {c['minimum']}")
    if "maximum" in c:
        parts.append(f"≤ {c['maximum']}")
    if "minLength" in c:
        parts.append(f"length ≥ {c['minLength']}")
    if field.codelist:
        parts.append(f"code list [`{field.codelist}`](#code-list-{field.codelist.replace('_', '-')})")
    elif field.enum:
        parts.append("one of " + ", ".join(f"`{v}`" for v in field.enum))
    return "; ".join(parts)


def _cell(text: str) -> str:
    return " ".join(str(text).split()).replace("|", "\\|")


def data_dictionary(meta: dict | None = None) -> str:
    """docs/data-dictionary.md for a corpus (`meta`: its package.yaml; this repository's by default)."""
    meta = package_metadata() if meta is None else meta
    lines = [
        f"# Data dictionary — {meta['name']} {meta['version']}",
        "",
        "Generated from `schema/` by `make build` (news_statements/docs.py); do not edit by hand.",
        "",
        f"The tables follow the {_standard()}: the package declares it in `datapackage.json`, and",
        "[standard.md](standard.md) lists what the standard requires.",
        "",
    ]
    all_tables = tables()
    for table in all_tables.values():
        lines += [f"## {table.name}", "", _cell(table.description), "", *_keys(table)]
        lines += ["", "| field | type | constraints | description |", "|---|---|---|---|"]
        for field in table.fields:
            lines.append(
                f"| `{field.name}` | {field.type} | {_cell(_constraints(field))} | {_cell(field.description)} |"
            )
        lines.append("")
    used = sorted({f.codelist for t in all_tables.values() for f in t.fields if f.codelist})
    lines += ["## Code lists", ""]
    for name in used:
        codes = codelist(name)
        lines += [f"### Code list {name}", "", f"From `schema/codelists/{name}.csv` ({len(codes)} codes).", ""]
        columns = [c for c in codes.columns if c in ("code", "description", "plover")]
        lines += ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
        lines += [
            "| " + " | ".join(f"`{r['code']}`" if c == "code" else _cell(r[c]) for c in columns) + " |"
            for r in codes.to_dict("records")
        ]
        lines.append("")
    return "\n".join(lines)


def _standard() -> str:
    meta = standard.metadata()
    return f"{meta['title']} (`{meta['identifier']}`) {meta['version']}"


def _keys(table: Table) -> list[str]:
    lines = [f"Primary key: {', '.join(f'`{k}`' for k in table.primary_key)}."]
    for fk in table.foreign_keys:
        ref = fk["reference"]
        lines.append(f"Foreign key: `{', '.join(fk['fields'])}` → `{ref['resource']}.{', '.join(ref['fields'])}`.")
    return lines


def standard_page(rules: list[tuple[str, str]]) -> str:
    """docs/standard.md: the standard's tables, fields, keys and declared rules (`rules`: name, what it checks),
    from the files the standard is published as (standard.py) and validation/rules/."""
    where = standard.folder(Path("standard")).as_posix()
    lines = [
        f"# {_standard()}",
        "",
        "Generated from `schema/` and `validation/rules/` by `make build` (news_statements/docs.py); do not edit.",
        f"The profile and one Table Schema per table are in `{where}/`; standard/README.md says how a package",
        "declares the standard, standard/CHANGELOG.md what changed between its versions.",
        "",
        "Every table below is a required resource `<table>` at `<table>.csv`. A package may add tables and add",
        "fields to these tables; it keeps every field listed here, with its type and constraints, in this order",
        "relative to each other. *Value required*: the field may not be empty.",
        "",
    ]
    for table in tables().values():
        lines += [f"## {table.name}", "", *_keys(table), "", "| field | type | value required |", "|---|---|---|"]
        lines += [f"| `{f.name}` | {f.type} | {'yes' if f.required else ''} |" for f in table.fields]
        lines.append("")
    lines += ["## Rules across tables", "", "| rule | checks |", "|---|---|"]
    lines += [f"| `{name}` | {_cell(checks)} |" for name, checks in rules]
    return "\n".join(lines) + "\n"
