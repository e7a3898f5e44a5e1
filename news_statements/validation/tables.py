"""Layer 1: each table on its own, as SQL generated from schema/ (types, required, primary key, code lists,
patterns, ranges, lengths, control characters, and the row rules below), one query per table.

Why SQL: the same query runs where the rows are — DuckDB over the Parquet files where they lie (the validator),
or over the build's frames registered with DuckDB — so layer 1 has one definition, and nothing holds a table whole
as a pandas frame (pandera on frames read from Parquet took 22 s and gigabytes at 1M statements). The text of each
query is plain SQL over a relation named as the caller says (`layer1_queries(table, relation)`), so that another
engine can run it after transpiling it. Messages are those layer 1 always gave (row, key, value), one line per
failing value, and one per row and row rule.
"""

from __future__ import annotations

from dataclasses import dataclass

from news_statements.metadata import CONTROL_CHARACTERS, CONTROL_MESSAGES, Field, Table

REQUIRED = "value is required"
DUPLICATE = "duplicate primary key"


def _le(a: str, b: str) -> str:
    """a <= b wherever both are known."""
    return f"({a} IS NULL OR {b} IS NULL OR {a} <= {b})"


def _ordered(low: str, mid: str, high: str) -> str:
    return f"{_le(low, mid)} AND {_le(mid, high)} AND {_le(low, high)}"


# (the rule's own columns, its message, the SQL condition a valid row meets; a comparison with an unknown value
# passes, as it did in pandas)
ROW_RULES: list[tuple[tuple[str, ...], str, str]] = [
    (("char_start", "char_end"), "char_start < char_end", "char_start < char_end"),
    (("raw_char_start", "raw_char_end"), "raw_char_start < raw_char_end", "raw_char_start < raw_char_end"),
    (("date", "date_min", "date_max"), "date_min <= date <= date_max", _ordered("date_min", "date", "date_max")),
    (
        ("published_date", "published_date_min", "published_date_max"),
        "published_date_min <= published_date <= published_date_max",
        _ordered("published_date_min", "published_date", "published_date_max"),
    ),
    (
        ("start_date", "start_min", "start_max"),
        "start_min <= start_date <= start_max",
        _ordered("start_min", "start_date", "start_max"),
    ),
    (("end_date", "end_min", "end_max"), "end_min <= end_date <= end_max", _ordered("end_min", "end_date", "end_max")),
    (
        ("start_min", "end_max"),
        "the event cannot end before it starts: start_min <= end_max",
        _le("start_min", "end_max"),
    ),
    (
        ("end_date", "end_min", "end_max", "end_basis"),
        "an end bound needs its basis: end_basis is given when end_date, end_min or end_max is",
        "end_basis IS NOT NULL OR (end_date IS NULL AND end_min IS NULL AND end_max IS NULL)",
    ),
    (("low", "high"), "low <= high", _le("low", "high")),
    (
        ("latitude", "longitude", "coordinate_precision", "coordinate_basis"),
        "latitude, longitude, coordinate_precision and coordinate_basis are given together",
        "(latitude IS NULL) = (longitude IS NULL) AND (latitude IS NULL) = (coordinate_precision IS NULL)"
        " AND (latitude IS NULL) = (coordinate_basis IS NULL)",
    ),
]


@dataclass(frozen=True)
class Query:
    """One query of layer 1: its name and its SQL, which returns the failing rows (check_number, table_name,
    row_index, field, value, message), reported in the order of check_number, then row_index."""

    name: str
    sql: str


def quote(text: str) -> str:
    """A SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _field_checks(field: Field) -> list[tuple[str, str]]:
    """(the SQL condition a non-null value fails, the message) for each constraint of a field, in check order."""
    c, name, found = field.constraints, field.name, []
    if field.enum is not None:
        codes = ", ".join(quote(code) for code in field.enum)
        found.append((f"{name} NOT IN ({codes})", f"value must be one of the codes of {field.codelist or 'enum'}"))
    if "pattern" in c:
        # (anchored with \A and \z, which RE2 and Java read alike: DuckDB's regexp_full_match has no Spark twin)
        whole = quote("\\A(?:" + c["pattern"] + ")\\z")
        found.append((f"NOT regexp_matches({name}, {whole})", f"value must match {c['pattern']}"))
    if "minimum" in c:
        found.append((f"{name} < {c['minimum']}", f"value must be >= {c['minimum']}"))
    if "maximum" in c:
        found.append((f"{name} > {c['maximum']}", f"value must be <= {c['maximum']}"))
    if "minLength" in c:
        found.append((f"length({name}) < {c['minLength']}", f"length must be >= {c['minLength']}"))
    if field.type == "string" and field.enum is None:  # (a code list admits its codes only)
        pattern = CONTROL_CHARACTERS[field.multiline]
        found.append((f"regexp_matches({name}, {quote(pattern)})", CONTROL_MESSAGES[field.multiline]))
    return found


def _item(number: int, field: str, value: str, message: str, fails: str) -> tuple[str, str]:
    """One check: (a list item, a failure struct where the row fails it, else NULL; the condition it fails on)."""
    found = f"{{'check_number': {number}, 'field': {field}, 'value': {value}, 'message': {quote(message)}}}"
    return f"CASE WHEN {fails} THEN {found} END", fails


def _key_items(table: Table, number: int) -> list[tuple[str, str]]:
    """Duplicate primary keys: every row whose key occurs more than once (`_dup`), one line per key column."""
    return [_item(number, quote(k), f"CAST({k} AS VARCHAR)", DUPLICATE, "_dup") for k in table.primary_key]


def _row_rule_items(table: Table, number: int, skip: frozenset[str]) -> list[tuple[str, str]]:
    """One line per failing row and row rule, on the first of the rule's own columns that has a value."""
    items = []
    for offset, (columns, message, valid) in enumerate(ROW_RULES):
        if not set(columns) <= set(table.field_names) or set(columns) & skip:
            continue
        known = " ".join(f"WHEN {c} IS NOT NULL THEN {quote(c)}" for c in columns)
        value = f"coalesce({', '.join(f'CAST({c} AS VARCHAR)' for c in columns)})"
        items.append(_item(number + offset, f"CASE {known} ELSE {quote(columns[0])} END", value, message,
                           f"NOT coalesce({valid}, TRUE)"))  # fmt: skip
    return items


def _field_items(field: Field, number: int, single_key: bool) -> list[tuple[str, str]]:
    name, text = field.name, f"CAST({field.name} AS VARCHAR)"
    items = [_item(number, quote(name), "CAST(NULL AS VARCHAR)", REQUIRED, f"{name} IS NULL")] if field.required else []
    if single_key:
        items.append(_item(number + 1, quote(name), text, DUPLICATE, "_dup"))
    for offset, (fails, message) in enumerate(_field_checks(field)):
        items.append(_item(number + 2 + offset, quote(name), text, message, f"{name} IS NOT NULL AND {fails}"))
    return items


def _with_duplicates(table: Table, relation: str) -> str:
    """The rows of `relation` with `_dup`: TRUE where the row's primary key is known and occurs more than once
    (else NULL). The keys are counted by one aggregation over the key columns alone, joined back to the rows
    (a window over the table, as before, carried every column of every row through a sort)."""
    key = ", ".join(table.primary_key)
    known = " AND ".join(f"{k} IS NOT NULL" for k in table.primary_key)
    on = " AND ".join(f"r.{k} = d.{k}" for k in table.primary_key)
    repeated = f"SELECT {key}, TRUE AS _dup FROM {relation} WHERE {known} GROUP BY {key} HAVING count(*) > 1"
    return f"SELECT r.*, d._dup FROM {relation} AS r LEFT JOIN ({repeated}) AS d ON {on}"


def layer1_queries(table: Table, relation: str | None = None, skip: frozenset[str] = frozenset()) -> list[Query]:
    """Layer 1 of one table as one query over `relation` (default: the table's name), which has the table's
    columns, typed, and `_row` (the row's position). One scan: the rows that fail any check are kept (a cheap
    filter, the disjunction of the checks), and only their failures are built, as a list unnested (a failing
    check is a struct, a passing one NULL, filtered out). `skip`: columns whose type is wrong (reported by the
    caller), whose value checks are left out."""
    relation, items = relation or table.name, []
    single = len(table.primary_key) == 1
    keyed = not set(table.primary_key) & skip
    for number, field in enumerate(table.fields):
        if field.name not in skip:
            items += _field_items(field, 100 * number, single and keyed and table.primary_key[0] == field.name)
    end = 100 * len(table.fields)
    if not single and keyed:
        items += _key_items(table, end)
    items += _row_rule_items(table, end + 1, skip)
    rows = _with_duplicates(table, relation) if keyed else f"SELECT * FROM {relation}"
    listed = ", ".join(item for item, _ in items)
    fails = " OR ".join(f"({condition})" for condition in dict.fromkeys(c for _, c in items)) or "FALSE"
    found = (
        f"SELECT _row, unnest(list_filter([{listed}], lambda x: x IS NOT NULL)) AS failure "
        f"FROM ({rows}) AS t WHERE {fails}"
    )
    sql = (
        f"SELECT failure.check_number AS check_number, {quote(table.name)} AS table_name, _row AS row_index, "
        f"failure.field AS field, failure.value AS value, failure.message AS message FROM ({found}) AS f"
    )
    return [Query(f"{table.name} (layer 1)", sql)]
