"""Benchmark of the Spark engine (issue 23): the declared rules on Spark SQL, local mode, at 100k statements.

    python benchmarks/spark.py [--n 100000] [--seed 0]

benchmarks/run.py prints its line (spark_line) when its sizes include 100k. A synthetic package is written
(benchmarks/synthetic.py, in its own process), then a fresh process starts a local Spark session (two cores, a
2 GiB driver) and runs every rule but the twins rule on the package's Parquet files; the session's start and
the rules are timed apart, since a cluster's session is started once for many packages.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SIZE = 100_000


def worker_build(n: int, directory: Path, seed: int) -> dict:
    sys.path.insert(0, str(ROOT))
    from benchmarks.synthetic import generate
    from news_statements.package import write_files

    write_files(generate(n, seed), directory)
    return {}


def worker_spark(directory: Path) -> dict:
    """Time a session's start and the rules on the package (the package is valid: no failure expected)."""
    sys.path.insert(0, str(ROOT))
    from news_statements.validation import spark_engine

    start = time.perf_counter()
    session = spark_engine.spark_session(memory="2g")
    started = time.perf_counter()
    found, unreadable = spark_engine.run(session, directory)
    done = time.perf_counter()
    session.stop()
    rules = len(spark_engine.declared())
    failures = len(found) + len(unreadable)
    return {"session_s": started - start, "rules_s": done - started, "failures": failures, "rules": rules}


def _run(*args: str) -> dict:
    command = [sys.executable, str(Path(__file__).resolve()), *args]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError(f"benchmarks/spark.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


def spark_line(sizes: list[int], seed: int, log=print, n: int = SIZE) -> str:
    """The report's line on Spark at n statements, when the benchmark's sizes include n (or why it was not
    measured)."""
    sys.path.insert(0, str(ROOT))
    from news_statements.validation.spark_engine import unavailable

    if n not in sizes:
        return f"- Spark, local mode, {n:,} statements: not measured (the sizes do not include {n:,})\n"
    if why := unavailable():
        return f"- Spark, local mode, {n:,} statements: not measured ({why})\n"
    with tempfile.TemporaryDirectory(prefix="spark-benchmark-") as tmp:
        log(f"Spark, local mode: the rules at {n:,} statements ...")
        _run("--worker-build", str(n), str(Path(tmp) / "package"), str(seed))
        spark = _run("--worker-spark", str(Path(tmp) / "package"))
    return (
        f"- Spark, local mode (2 cores, 2 GiB driver), {n:,} statements: {spark['rules']} rules in "
        f"{spark['rules_s']:.1f} s after a session start of {spark['session_s']:.1f} s; {spark['failures']} "
        "failure(s) on the valid package (expected 0)\n"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--n", type=int, default=SIZE)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--worker-build", nargs=3, help=argparse.SUPPRESS)
    parser.add_argument("--worker-spark", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker_build:
        n, directory, seed = args.worker_build
        print(json.dumps(worker_build(int(n), Path(directory), int(seed))))
    elif args.worker_spark:
        print(json.dumps(worker_spark(Path(args.worker_spark))))
    else:
        print(spark_line([args.n], args.seed, lambda m: print(m, file=sys.stderr), args.n), end="")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
