"""Generate docs/data-dictionary.md from schema/: every table, field, type, constraint, description, code list.

Written by `make build`; the test suite checks the committed file is current.
"""

from __future__ import annotations

from syria_offensive.metadata import codelist, package_metadata, tables


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
        "Generated from `schema/` by `make build` (syria_offensive/docs.py); do not edit by hand.",
        "",
    ]
    all_tables = tables()
    for table in all_tables.values():
        lines += [
            f"## {table.name}",
            "",
            _cell(table.description),
            "",
            f"Primary key: {', '.join(f'`{k}`' for k in table.primary_key)}.",
        ]
        for fk in table.foreign_keys:
            ref = fk["reference"]
            lines.append(f"Foreign key: `{', '.join(fk['fields'])}` → `{ref['resource']}.{', '.join(ref['fields'])}`.")
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
