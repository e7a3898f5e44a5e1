"""Layer 2 (and layer 1, once it is SQL) on Spark SQL, for a corpus beyond one machine.

The rules are the same files DuckDB runs (validation/rules/*.sql, instantiated by rules.py), transpiled from
DuckDB's dialect to Spark's by sqlglot: one source, two engines. Each table of a Parquet package folder is a
temporary view of its own name with `_row`, the row's position in its file (Spark's `_metadata.row_index`, what
DuckDB's `file_row_number` is), so that a failure names the same row, and key, on either engine; `cameo_codes`
is the CAMEO→PLOVER crosswalk. The rules run one at a time; their failures, a few rows, are collected to the
driver. pyspark is an optional dependency (the `spark` extra) and needs a Java runtime: `unavailable()` says
which is missing, in one line, before anything is started.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

import sqlglot

from news_statements.failures import Failure
from news_statements.metadata import codelist_rows, tables
from news_statements.validation.rules import TWINS, Rule, rules

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

LOGGING = Path(__file__).with_name("spark-log4j2.properties")
FIELDS = ("layer", "rule", "table", "row", "key", "column", "value", "message")
CROSS_TABLE, TABLE = "cross-table", "table"  # (the layers, named as the DuckDB path names them)
# Settings of every session: dates in UTC; the recursive walks (actor_parent_chain, statement_overlap) bound
# their own depth. And of a local one: small shuffles (a package is small next to a cluster's data), no web UI,
# no progress bar, errors only in the log.
SESSION_CONF = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.cteRecursionLevelLimit": "-1",
    "spark.sql.cteRecursionRowLimit": "-1",
}
LOCAL_CONF = {
    "spark.sql.shuffle.partitions": "4",
    "spark.ui.enabled": "false",
    "spark.ui.showConsoleProgress": "false",
    "spark.driver.extraJavaOptions": f"-Dlog4j2.configurationFile={LOGGING.as_uri()}",
}


def unavailable() -> str | None:
    """Why Spark cannot run here (one line), or None: pyspark must be importable and `java` on the PATH (or
    JAVA_HOME set), since a local session starts a JVM."""
    if importlib.util.find_spec("pyspark") is None:
        return "--engine spark needs pyspark: pip install 'syria-offensive-2024[spark]'"
    if not os.environ.get("JAVA_HOME") and shutil.which("java") is None:
        return "--engine spark needs a Java runtime (17 or later) on the PATH or in JAVA_HOME"
    return None


def spark_session(memory: str = "2g", master: str | None = None) -> SparkSession:
    """A Spark session: on `master` (a cluster's URL) when given; else on the cluster spark-submit was told of,
    when it started this process; else in local mode on two cores with a driver of `memory`."""
    from pyspark.sql import SparkSession

    builder = SparkSession.builder.appName("news-statements validate")
    settings = dict(SESSION_CONF)
    if master or "PYSPARK_GATEWAY_PORT" not in os.environ:  # (set when spark-submit started the process)
        builder = builder.master(master or "local[2]")
    if not master and "PYSPARK_GATEWAY_PORT" not in os.environ:  # (a cluster is sized by its operators)
        settings |= LOCAL_CONF | {"spark.driver.memory": memory}
    for key, value in settings.items():
        builder = builder.config(key, value)
    session = builder.getOrCreate()
    session.sparkContext.setLogLevel("FATAL")  # (a failing query is reported as a line, once)
    return session


def register(spark: SparkSession, directory: Path, refused: Mapping[str, str] | None = None) -> dict[str, str]:
    """Register each table's Parquet file as a view with `_row`, and the CAMEO crosswalk; the tables whose file
    is refused (by the screen: `refused`, file name -> why), missing or unreadable, with why (the rules that need
    them are skipped)."""
    problems = {}
    for name in tables():
        path = directory / f"{name}.parquet"
        if (why := (refused or {}).get(path.name)) or not path.is_file():
            problems[name] = why or "file is missing"
            continue
        try:
            frame = spark.read.parquet(str(path))
            frame.selectExpr("*", "_metadata.row_index AS _row").createOrReplaceTempView(name)
        except Exception as err:  # (pyspark's AnalysisException and the JVM's errors alike)
            problems[name] = f"cannot be read: {_first_line(err)}"
    rows = [(row["code"], row["plover"] or None) for row in codelist_rows("cameo")]
    spark.createDataFrame(rows, "code STRING, plover STRING").createOrReplaceTempView("cameo_codes")
    return problems


def _first_line(err: Exception) -> str:
    """An error's first line, cut (the JVM's run to many lines of internal names); for an error Spark does not
    translate (py4j's "An error occurred while calling ..."), the line of its root cause."""
    lines = str(err).strip().splitlines() or [type(err).__name__]
    causes = [line.split(": ", 2)[-1] for line in lines if line.startswith("Caused by: ")]  # (less its class)
    return (causes[-1] if causes and lines[0].startswith("An error occurred") else lines[0])[:200]


def spark_sql(duckdb_sql: str) -> str:
    """A query in DuckDB's dialect (a rule, a layer-1 check) in Spark SQL's."""
    return sqlglot.transpile(duckdb_sql, read="duckdb", write="spark")[0]


def _keys(table: str) -> str:
    """The SQL of a table's `_row` and primary key as the report shows it ("a/b" for a composite key)."""
    parts = [f"coalesce(CAST({k} AS STRING), '(null)')" for k in tables()[table].primary_key]
    return f"SELECT _row, concat_ws('/', {', '.join(parts)}) AS key FROM {table}"


def _line(layer: str, rule: str, table: str, column: str, message: str) -> dict:
    """A failure that is about a table, not a row (a rule that could not run, rules skipped)."""
    return dict.fromkeys(FIELDS) | {"layer": layer, "rule": rule, "table": table, "column": column, "message": message}


def run_query(spark: SparkSession, layer: str, name: str, sql: str, table: str) -> list[dict]:
    """The failures of one query (a rule's, in Spark SQL), each with its rule's name, in the order the DuckDB
    engine gives them: by row, field and message. A query that cannot run (a column of the wrong type or
    missing) is one line on `table`, as on DuckDB."""
    try:
        found = spark.sql(sql).collect()
    except Exception as err:  # (an AnalysisException, or the JVM's error at run time)
        return [_line(layer, name, table, "(rule)", f"rule {name} could not run: {_first_line(err)}")]
    out = [
        {
            "layer": layer,
            "rule": name,
            "table": row["table_name"],
            "row": row["row_index"],
            "key": None,
            "column": row["field"],
            "value": None if row["value"] is None else str(row["value"]),
            "message": row["message"],
        }
        for row in found  # (the failures only: a few rows)
    ]
    return sorted(out, key=lambda f: (f["row"] is not None, f["row"] or 0, f["column"] or "", f["message"]))


def _add_keys(spark: SparkSession, found: list[dict], keyed: set[str]) -> None:
    """Fill in each failure's key from its table, for the tables in `keyed` (one query per table that has
    failures, once all rules have run)."""
    for table in sorted({f["table"] for f in found if f["table"] in keyed and f["row"] is not None}):
        rows = sorted({int(f["row"]) for f in found if f["table"] == table and f["row"] is not None})
        keys = dict(spark.sql(f"{_keys(table)} WHERE _row IN ({', '.join(map(str, rows))})").collect())
        for failure in found:
            if failure["table"] == table and failure["row"] is not None:
                failure["key"] = keys.get(int(failure["row"]))


def run(
    spark: SparkSession,
    directory: Path,
    refused: Mapping[str, str] | None = None,
    layer1: Callable[[str], list[tuple[str, str]]] | None = None,
) -> tuple[list[dict], dict[str, str]]:
    """Every failure of layer 1 (when given its checks: `layer1(table)` -> (check name, SQL in DuckDB's dialect)
    for each check of the table, on the relation named `table`) and of the declared rules but the twins rule (one
    format is read), on the package folder's Parquet files, each a dict of FIELDS; and the tables that could not
    be read, with why. A rule needing such a table is skipped, one line per table, as on DuckDB."""
    unreadable = register(spark, directory, refused)
    keyed = set(tables()) - set(unreadable)
    found: list[dict] = []
    for table in [t for t in tables() if t in keyed] if layer1 else []:
        for name, sql in layer1(table):
            found += run_query(spark, TABLE, name, spark_sql(sql), table)
    skipped: dict[str, list[str]] = {}
    for rule in declared():
        missing = [n for n in rule.needs if n in unreadable]
        if missing:
            skipped.setdefault(missing[0], []).append(rule.name)
        else:
            found += run_query(spark, CROSS_TABLE, rule.name, spark_sql(rule.sql), rule.needs[0])
    for table, names in skipped.items():
        message = f"{len(names)} rule(s) skipped because this table could not be read: {', '.join(names)}"
        found.append(_line(CROSS_TABLE, "(rules)", table, "(rules)", message))
    _add_keys(spark, found, keyed)
    return found, unreadable


def as_failures(found: list[dict], unreadable: dict[str, str]) -> list[Failure]:
    """Spark's failures as the validator reports them (records, format "parquet"), with a read failure for each
    table that could not be read."""
    read = [Failure(name, None, "(file)", f"{name}.parquet", why[:300], "read") for name, why in unreadable.items()]
    found = [
        Failure(f["table"], f["row"], f["column"], f["value"], f["message"], f["layer"], key=f["key"]) for f in found
    ]
    return [f._replace(format="parquet") for f in read + found]


def declared() -> list[Rule]:
    """The declared rules Spark runs: all but the twins rule, each as its plain query (the span kernel is
    DuckDB's)."""
    return [rule for rule in rules() if not rule.name.startswith(TWINS)]
