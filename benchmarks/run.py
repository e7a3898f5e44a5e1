"""Benchmark: build, read and validate synthetic packages of 10k, 100k and 1M statements, and the real one.

    python benchmarks/run.py [--sizes 10000 100000 1000000] [--repeat 5] [--frictionless-max 100000]
                             [--workdir DIR] [--keep] [--real datasets] [--output benchmarks/results/latest.md]
    python benchmarks/run.py --sizes 1000000 5000000 --repeat 1 --sizes-only --output benchmarks/results/5m.md
                             [--package 5000000=/tmp/bench-5m ...]     (the 5M target: about 35 min, see README)

For each size N it measures, each in a fresh Python process (so that peak memory is the measurement's own):
- build: benchmarks/synthetic.py generating the tables and writing them a block of articles at a time (its
  memory does not grow with N); --package N=DIR takes a package of N statements it wrote before instead;
- Parquet read: a threaded pyarrow read of every table, all kept in memory (the baseline);
- own validation: what `python -m news_statements.validation --format parquet` does short of Frictionless —
  read_package (typed, UTF-8 checked) + layers 1 (pandera) and 2 (cross-table, spans included), which
  the validator runs at once (validation.layers.check_frames);
- frictionless: the `frictionless validate datapackage.json` command on the same package, up to
  --frictionless-max statements; above that its time is extrapolated linearly from the largest size
  measured (rows per second) and marked as such.
Reads and validations run --repeat times, interleaved (a read, then a validation); the table shows the
fastest run of each (this machine is shared, and the slower runs measure the neighbours), and the targets
also give the median and range of the ratio within each read-validation pair, which noise moves less.
Each query's time (layer 1 per table, the span kernel, each rule) is measured at the largest size up to 1M.
It prints the table, the fitted exponents of build and validation time against N (least squares on
log-log, and between the two largest sizes) and the targets (issue 23: 1M statements ≤ 3× the read with a
peak ≤ 1.5 GiB; 5M statements with a peak under 2 GiB and time ∝ N^≤1.1; the real package validated with
every layer in a cold process in ≤ 2× the time of `frictionless validate` alone, measured --repeat times
interleaved), and writes them with a description of the machine as Markdown. --sizes-only leaves out the
real package, the hostile tail and Spark (a run of the large sizes alone, written to its own --output).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib import metadata as importlib_metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GIB = 2**30
TARGETS = {
    "validation / read": 3.0,
    "frictionless / validation": 50.0,
    "peak GiB": 2.0,
    "peak GiB at 1M": 1.5,
    "exponent": 1.1,
    "real / frictionless": 2.0,
}


def peak_target(n: int) -> float:
    """Peak memory allowed to the validation of n statements: 1.5 GiB up to 1M, under 2 GiB above (issue 23)."""
    return TARGETS["peak GiB at 1M"] if n <= 1_000_000 else TARGETS["peak GiB"]


# --- workers: one measurement each, in a fresh process, printing JSON -------------------------------------


def _peak_bytes(who=resource.RUSAGE_SELF) -> int:
    return resource.getrusage(who).ru_maxrss * 1024  # Linux reports KiB


def worker_build(n: int, directory: Path, seed: int) -> dict:
    """The synthetic package, generated and written a block of articles at a time (benchmarks/synthetic.py)."""
    sys.path.insert(0, str(ROOT))
    from benchmarks.synthetic import write

    start, cpu = time.perf_counter(), time.process_time()
    rows = write(directory, n, seed)
    return {
        "total_s": time.perf_counter() - start,
        "cpu_s": time.process_time() - cpu,
        "rows": rows,
        "bytes": {p.name: p.stat().st_size for p in sorted(directory.iterdir())},
        "peak_bytes": _peak_bytes(),
    }


def reused_build(directory: Path) -> dict:
    """A package written before (--package): its rows and bytes; no build time (measured when it was written)."""
    import pyarrow.parquet as pq

    sys.path.insert(0, str(ROOT))
    from news_statements.metadata import tables

    rows = {name: pq.ParquetFile(directory / f"{name}.parquet").metadata.num_rows for name in tables()}
    sizes = {p.name: p.stat().st_size for p in sorted(directory.iterdir())}
    return {"total_s": None, "cpu_s": None, "rows": rows, "bytes": sizes, "peak_bytes": None, "reused": str(directory)}


def worker_read(directory: Path) -> dict:
    """The baseline: a threaded pyarrow read of every Parquet table, all kept in memory."""
    from concurrent.futures import ThreadPoolExecutor

    import pyarrow.parquet as pq

    from news_statements.metadata import tables

    def read(name: str) -> tuple:
        start = time.perf_counter()
        table = pq.read_table(directory / f"{name}.parquet")
        return table, time.perf_counter() - start

    start, cpu = time.perf_counter(), time.process_time()
    with ThreadPoolExecutor() as pool:
        found = dict(zip(tables(), pool.map(read, tables()), strict=True))
    total = time.perf_counter() - start
    seconds = {name: s for name, (_, s) in found.items()}
    rows = {name: t.num_rows for name, (t, _) in found.items()}
    cpu = time.process_time() - cpu
    return {"seconds": seconds, "rows": rows, "total_s": total, "cpu_s": cpu, "peak_bytes": _peak_bytes()}


def worker_validate(directory: Path) -> dict:
    """The command as users run it, `python -m news_statements.validation PATH --format parquet` (every layer
    that applies: Frictionless on the descriptor and the CSV files' bytes and hashes, layers 1 and 2 on the
    Parquet files), in a child process: wall time, CPU time, peak RSS and exit status of the child (what
    `/usr/bin/time -v` reports, from the same rusage)."""
    command = [sys.executable, "-m", "news_statements.validation", str(directory), "--format", "parquet"]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    total = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {
        "total_s": total,
        "cpu_s": usage.ru_utime + usage.ru_stime,
        "failures": 0 if result.returncode == 0 else (result.stdout + result.stderr)[-2000:],
        "exit": result.returncode,
        "peak_bytes": _peak_bytes(resource.RUSAGE_CHILDREN),
    }


def worker_rules(directory: Path) -> dict:
    """Each query's time on the Parquet files where they lie (the validator's path, files.py): layer 1 per
    table, the span kernel, each declared rule; so that the next heavy rule is visible."""
    from news_statements.metadata import tables
    from news_statements.validation import engine, files, rules
    from news_statements.validation.tables import layer1_queries

    con = engine.connect()
    files.register(con, directory, {})
    engine.finish(con, set(tables()), use_kernels=False)
    timed = {}
    for table in tables().values():
        for query in layer1_queries(table):
            start = time.perf_counter()
            con.sql(query.sql).fetchall()
            timed[query.name] = time.perf_counter() - start
    start = time.perf_counter()
    with_bytes = engine.finish(con, set(tables()))
    timed["span kernel (failing spans)"] = time.perf_counter() - start
    for rule in rules.rules():
        if rule.name.startswith(rules.TWINS):
            continue
        start = time.perf_counter()
        con.sql(rule.kernel if rule.kernel and rule.needs[0] in with_bytes else rule.sql).fetchall()
        timed[rule.name] = time.perf_counter() - start
    return {"seconds": timed, "peak_bytes": _peak_bytes()}


def worker_frictionless(directory: Path) -> dict:
    command = [str(Path(sys.executable).with_name("frictionless")), "validate", "datapackage.json"]
    start = time.perf_counter()
    result = subprocess.run(command, cwd=directory, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    return {
        "total_s": seconds,
        "valid": result.returncode == 0,
        "output_tail": (result.stdout + result.stderr)[-2000:] if result.returncode else "",
        "peak_bytes": _peak_bytes(resource.RUSAGE_CHILDREN),
    }


def worker_real(directory: Path) -> dict:
    """The real package, cold processes: the validator with every layer, and `frictionless validate` alone."""
    timed = {}
    commands = {
        "validator": [sys.executable, "-m", "news_statements.validation", str(directory)],
        "frictionless": [str(Path(sys.executable).with_name("frictionless")), "validate", "datapackage.json"],
    }
    for name, command in commands.items():
        start = time.perf_counter()
        result = subprocess.run(command, cwd=directory, capture_output=True, text=True, check=False)
        timed[name] = time.perf_counter() - start
        if result.returncode != 0:
            raise RuntimeError(f"{name} finds {directory} invalid:\n{result.stdout[-2000:]}")
    return timed


HOSTILE_TAIL = 200_000_000  # NUL bytes appended to one CSV file of the real package
HOSTILE_TARGETS = {"peak GiB": 1.0, "output KB": 100.0}


def worker_hostile(directory: Path, tail: int = HOSTILE_TAIL) -> dict:
    """The validator as a user runs it on a copy of the real package with `tail` NUL bytes appended to
    figures.csv: its wall time, peak RSS, output size and exit code (it must stay bounded: issue #21)."""
    with tempfile.TemporaryDirectory() as tmp:
        copy = Path(tmp) / "datasets"
        shutil.copytree(directory, copy)
        with open(copy / "figures.csv", "ab") as handle:
            for _ in range(tail // 10_000_000):
                handle.write(b"\x00" * 10_000_000)
            handle.write(b"\x00" * (tail % 10_000_000))
        start = time.perf_counter()
        command = [sys.executable, "-m", "news_statements.validation", str(copy)]
        result = subprocess.run(command, capture_output=True, check=False)
        return {
            "tail_bytes": tail,
            "total_s": time.perf_counter() - start,
            "peak_bytes": _peak_bytes(resource.RUSAGE_CHILDREN),
            "output_bytes": len(result.stdout) + len(result.stderr),
            "exit": result.returncode,
        }


def hostile_line(hostile: dict | None) -> str:
    """The verdict on the hostile tail: exit 1, peak under 1 GiB, output under 100 KB."""
    if hostile is None:
        return "- hostile tail: not measured"
    peak, output = hostile["peak_bytes"] / GIB, hostile["output_bytes"] / 1000
    met = hostile["exit"] == 1 and peak < HOSTILE_TARGETS["peak GiB"] and output < HOSTILE_TARGETS["output KB"]
    return (
        f"- hostile tail ({hostile['tail_bytes'] / 1e6:,.0f} MB of NUL bytes appended to figures.csv of the real "
        f"package), the validator as users run it: exit {hostile['exit']}, {hostile['total_s']:.1f} s, peak "
        f"{peak:.2f} GiB (target < {HOSTILE_TARGETS['peak GiB']:g}), output {output:.1f} KB (target < "
        f"{HOSTILE_TARGETS['output KB']:g}) — {'met' if met else 'NOT met'}"
    )


WORKERS = {
    "hostile": worker_hostile,
    "build": worker_build,
    "read": worker_read,
    "validate": worker_validate,
    "rules": worker_rules,
    "frictionless": worker_frictionless,
    "real": worker_real,
}


def measure(kind: str, *args: str) -> dict:
    """Run one worker in a fresh interpreter and return what it measured."""
    command = [sys.executable, str(Path(__file__).resolve()), "--worker", kind, *args]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT)
    if result.returncode != 0:
        raise RuntimeError(f"{kind} {args} failed:\n{result.stderr[-3000:]}")
    return json.loads(result.stdout.strip().splitlines()[-1])


# --- the run ---------------------------------------------------------------------------------------------


def machine() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem_kib = next(
            int(x.split()[1]) for x in Path("/proc/meminfo").read_text().splitlines() if x.startswith("MemTotal")
        )
        ram = f"{mem_kib / 2**20:.1f} GiB"
    except (OSError, StopIteration, ValueError):
        ram = "unknown"
    libraries = ["pandas", "pyarrow", "numpy", "pandera", "frictionless", "duckdb"]
    versions = ", ".join(f"{lib} {importlib_metadata.version(lib)}" for lib in libraries)
    return {
        "CPU": cpu,
        "cores": str(os.cpu_count()),
        "RAM": ram,
        "OS": platform.platform(),
        "Python": platform.python_version(),
        "libraries": versions,
    }


def fit_exponent(sizes: list[int], seconds: list[float]) -> float:
    """Slope of log(seconds) against log(size), least squares (NaN for fewer than two sizes)."""
    if len(sizes) < 2:
        return math.nan
    x = [math.log(s) for s in sizes]
    y = [math.log(t) for t in seconds]
    mx, my = sum(x) / len(x), sum(y) / len(y)
    return sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True)) / sum((a - mx) ** 2 for a in x)


def best(runs: list[dict]) -> dict:
    result = min(runs, key=lambda r: r["total_s"])
    return {**result, "all_s": [round(r["total_s"], 2) for r in runs]}


def run_size(n: int, workdir: Path, repeat: int, frictionless: bool, seed: int, log, **options) -> dict:
    """One size: build (or options["reuse"]: a package written before), --repeat interleaved reads and validations,
    each query's time if options["rules"], frictionless if asked."""
    directory = options.get("reuse") or workdir / f"package-{n}"
    if options.get("reuse"):
        log(f"N={n:,}: the package written before at {directory}")
        build = reused_build(directory)
    else:
        shutil.rmtree(directory, ignore_errors=True)
        log(f"N={n:,}: building ...")
        build = measure("build", str(n), str(directory), str(seed))
    rows = sum(build["rows"].values())
    built = "" if build["total_s"] is None else f", build {build['total_s']:.1f} s"
    log(f"  {rows:,} rows, {sum(build['bytes'].values()) / 2**20:,.0f} MiB on disk{built}")
    reads, validations, load = [], [], [os.getloadavg()[0]]
    for _ in range(repeat):  # interleaved, so that both see the same neighbours on this shared machine
        reads.append(measure("read", str(directory)))
        validations.append(measure("validate", str(directory)))
    load.append(os.getloadavg()[0])
    read, validation = best(reads), best(validations)
    if validation["failures"]:  # (a generator bug, or a validator that cannot cope: the report shows them)
        log(f"  the validator reports problems (exit {validation.get('exit')}):\n{validation['failures']}")
    validation["paired_ratios"] = sorted(v["total_s"] / r["total_s"] for r, v in zip(reads, validations, strict=True))
    validation["paired_cpu_ratios"] = sorted(v["cpu_s"] / r["cpu_s"] for r, v in zip(reads, validations, strict=True))
    validation["median_s"] = statistics.median(v["total_s"] for v in validations)
    validation["median_cpu_s"] = statistics.median(v["cpu_s"] for v in validations)
    validation["peak_bytes"] = max(v["peak_bytes"] for v in validations)
    read["median_s"] = statistics.median(r["total_s"] for r in reads)
    read["median_cpu_s"] = statistics.median(r["cpu_s"] for r in reads)
    log(f"  Parquet -> Arrow {read['total_s']:.2f} s (runs: {read['all_s']})")
    log(f"  validate --format parquet {validation['total_s']:.2f} s (runs: {validation['all_s']}); load {load}")
    rules_timed = measure("rules", str(directory)) if options.get("rules") else None
    result = {"n": n, "rows": rows, "build": build, "read": read, "validation": validation, "frictionless": None,
              "load": load, "rules": rules_timed}  # fmt: skip
    if frictionless:
        log("  frictionless validate ...")
        result["frictionless"] = measure("frictionless", str(directory))
        if not result["frictionless"]["valid"]:
            raise RuntimeError(f"frictionless finds the package invalid:\n{result['frictionless']['output_tail']}")
        log(f"  frictionless {result['frictionless']['total_s']:.1f} s")
    return result


def real_line(real: list[dict] | None) -> str:
    """The verdict on the real package: the validator with every layer, cold, against frictionless alone."""
    if not real:
        return "- real package, every layer, cold process / `frictionless validate` alone: not measured"
    ratio = min(r["validator"] for r in real) / min(r["frictionless"] for r in real)
    paired = statistics.median(r["validator"] / r["frictionless"] for r in real)
    limit = TARGETS["real / frictionless"]
    return (
        f"- real package, every layer, cold process / `frictionless validate` alone: {ratio:.2f} (fastest runs: "
        f"{min(r['validator'] for r in real):.2f} s / {min(r['frictionless'] for r in real):.2f} s), median "
        f"{paired:.2f} within {len(real)} interleaved pairs (target ≤ {limit:g}, both) — "
        f"{'met' if max(ratio, paired) <= limit else 'NOT met'}"
    )


def rule_lines(timed: dict | None) -> list[str]:
    """Each query's time (layer 1 per table, the span kernel, each rule), slowest first."""
    if timed is None:
        return ["(not measured: the sizes include none up to 1,000,000)"]
    lines = ["| query | s |", "|---|---:|"]
    return lines + [f"| {n} | {t:.2f} |" for n, t in sorted(timed["seconds"].items(), key=lambda x: -x[1])]


def failure_lines(results: list[dict]) -> list[str]:
    """What the validator printed (its last 2,000 characters) where it did not find a synthetic package valid."""
    lines = []
    for r in results:
        if r["validation"].get("failures"):
            lines += [f"The validator did not pass the package of {r['n']:,} statements (exit "]
            lines[-1] += f"{r['validation'].get('exit', 1)}); the end of its output:"
            lines += ["", "```", r["validation"]["failures"].strip(), "```", ""]
    return lines


def gib(value: int | None) -> str:
    return "–" if value is None else f"{value / GIB:.2f}"


def build_cell(build: dict) -> str:
    if build.get("reused"):
        return "(written before)"
    return f"{build['total_s']:.2f} ({build['cpu_s']:.2f})"


def peak_line(r: dict) -> str:
    """The validation's peak against its target: ≤ 1.5 GiB up to 1M statements, < 2 GiB above."""
    peak, limit = r["validation"]["peak_bytes"] / GIB, peak_target(r["n"])
    met = peak <= limit if r["n"] <= 1_000_000 else peak < limit
    return (
        f"- peak RSS of the validation at {r['n']:,} statements: {peak:.2f} GiB (target "
        f"{'≤' if r['n'] <= 1_000_000 else '<'} {limit:g} GiB) — {'met' if met else 'NOT met'}"
    )


LARGE = 5_000_000
LARGE_COMMAND = (
    "python benchmarks/run.py --sizes 1000000 5000000 --repeat 1 --sizes-only --output benchmarks/results/5m.md"
)


def local_exponent(below: dict, above: dict, part: str, key: str) -> float:
    """The exponent of `part`'s time (its `key`) against N between two sizes."""
    return math.log(above[part][key] / below[part][key]) / math.log(above["n"] / below["n"])


def large_line(results: list[dict]) -> str:
    """The 5M target: the validation's peak under 2 GiB, and its time ∝ N^≤1.1 from the next size below."""
    large = [r for r in results if r["n"] >= LARGE]
    if not large:
        return f"- {LARGE:,} statements (peak < 2 GiB, time ∝ N^≤1.1): not run (`{LARGE_COMMAND}`; see README)"
    r = large[-1]
    peak, valid = r["validation"]["peak_bytes"] / GIB, not r["validation"].get("failures")
    text = (
        f"- {r['n']:,} statements, `validate --format parquet`: {r['validation']['median_s']:,.0f} s wall, "
        f"{r['validation']['median_cpu_s']:,.0f} s CPU, exit {r['validation'].get('exit', 0)}, peak {peak:.2f} GiB "
        f"(target < {TARGETS['peak GiB']:g}) — {'met' if peak < TARGETS['peak GiB'] and valid else 'NOT met'}"
        + ("" if valid else " (the validator does not pass the package: see below)")
    )
    below = [b for b in results if b["n"] < r["n"]]
    if not below:
        return text + "; time against N: no smaller size measured"
    b = below[-1]
    wall, cpu = (local_exponent(b, r, "validation", key) for key in ("median_s", "median_cpu_s"))
    read = local_exponent(b, r, "read", "median_s")
    return text + (
        f"; validation time ∝ N^{wall:.2f} between {b['n']:,} and {r['n']:,} statements (wall; CPU N^{cpu:.2f}; the "
        f"read N^{read:.2f}) (target ≤ {TARGETS['exponent']:g}) — {'met' if wall <= TARGETS['exponent'] else 'NOT met'}"
    )


def report(
    results: list[dict],
    exponent: float,
    info: dict[str, str],
    real: list[dict] | None = None,
    validation_exponent: float | None = None,
    hostile: dict | None = None,
) -> tuple[str, dict]:
    measured = [r for r in results if r["frictionless"]]
    per_row = measured[-1]["frictionless"]["total_s"] / measured[-1]["rows"] if measured else None
    lines = [
        "| statements | rows (all tables) | build s (CPU s) | Parquet read s (pyarrow, threaded; median) "
        "| read CPU s | `validate --format parquet` s (median) | validation CPU s | validation rows/s "
        "| validation / read (paired median, wall; CPU) | frictionless s | frictionless / validation "
        "| peak RSS GiB: build / read / validation / frictionless | load average (before, after) |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|---|",
    ]
    verdict = {}
    for r in results:
        b, rd, v, fl = r["build"], r["read"], r["validation"], r["frictionless"]
        if fl:
            fl_s, fl_text, fl_peak = fl["total_s"], f"{fl['total_s']:,.1f}", f"{fl['peak_bytes'] / GIB:.2f}"
        elif per_row is not None:
            fl_s = per_row * r["rows"]
            fl_text, fl_peak = f"≈ {fl_s:,.0f} (extrapolated)", "–"
        else:
            fl_s, fl_text, fl_peak = None, "–", "–"
        paired = statistics.median(v["paired_ratios"])
        paired_cpu = statistics.median(v["paired_cpu_ratios"])
        ratio_fl = fl_s / v["median_s"] if fl_s else None
        lines.append(
            f"| {r['n']:,} | {r['rows']:,} | {build_cell(b)} "
            f"| {rd['median_s']:.2f} | {rd['median_cpu_s']:.2f} | {v['median_s']:.2f} | {v['median_cpu_s']:.2f} "
            f"| {r['rows'] / v['median_s']:,.0f} | {paired:.2f}; {paired_cpu:.2f} | {fl_text} "
            f"| {'–' if ratio_fl is None else f'{ratio_fl:,.1f}' + ('' if fl else ' (extrapolated)')} "
            f"| {gib(b['peak_bytes'])} / {rd['peak_bytes'] / GIB:.2f} "
            f"/ {v['peak_bytes'] / GIB:.2f} / {fl_peak} "
            f"| {r['load'][0]:.1f}, {r['load'][1]:.1f} |"
        )
        verdict = {
            "n": r["n"],
            "validation / read": paired,
            "cpu / read": paired_cpu,
            "frictionless / validation": ratio_fl,
            "peak GiB": v["peak_bytes"] / GIB,
            "paired": v["paired_ratios"],
        }
    verdict["exponent"] = exponent
    largest = results[-1]
    timed = next(({"n": r["n"], **r["rules"]} for r in reversed(results) if r.get("rules")), None)
    per_table = ["| table | rows | pyarrow read s (in a thread) |", "|---|---:|---:|"]
    for name, seconds in largest["read"]["seconds"].items():
        per_table.append(f"| {name} | {largest['read']['rows'][name]:,} | {seconds:.3f} |")
    sizes = ", ".join(f"{r['n']:,}" for r in results)
    if validation_exponent is None:
        validation_exponent = exponent
    fitted = max((e for e in (exponent, validation_exponent) if not math.isnan(e)), default=math.nan)
    paired = verdict["paired"]
    paired_median = statistics.median(paired)
    checks = [
        f"- `validate --format parquet` / Parquet read at {verdict['n']:,} statements: median {paired_median:.2f} "
        f"within the {len(paired)} interleaved read-validation pairs (range {paired[0]:.2f}–{paired[-1]:.2f}; CPU "
        f"time: {verdict['cpu / read']:.2f}) (target ≤ {TARGETS['validation / read']:g}) — "
        f"{'met' if paired_median <= TARGETS['validation / read'] else 'NOT met'}",
        f"- frictionless / validation at {verdict['n']:,} statements: "
        + (
            f"{verdict['frictionless / validation']:,.0f}"
            + (" (frictionless extrapolated)" if not largest["frictionless"] else "")
            + f" (target ≥ {TARGETS['frictionless / validation']:g}) — "
            + ("met" if verdict["frictionless / validation"] >= 50 else "NOT met")
            if verdict["frictionless / validation"]
            else "not measured"
        ),
        *[peak_line(r) for r in results if r is largest or r["n"] == 1_000_000],
        large_line(results),
        (f"- build time ∝ N^{exponent:.3f}, " if not math.isnan(exponent) else "- (build: packages written before) ")
        + f"validation time ∝ N^{validation_exponent:.3f} (least squares on log-log over {sizes}; target: linear, "
        f"≤ {TARGETS['exponent']:g}, both) — " + ("met" if fitted <= TARGETS["exponent"] else "NOT met")
        if len(results) > 1
        else "- build time against N: not fitted (one size measured)",
        real_line(real),
        hostile_line(hostile),
    ]
    text = "\n".join(
        [
            "# Benchmark: synthetic packages (benchmarks/run.py)",
            "",
            "Generated by `make benchmark` (or `python benchmarks/run.py` with the options README.md names). "
            "Times in seconds: wall clock, the median of the runs, which are "
            "interleaved (a read, then a validation), and their ratio is the median of the ratios within each pair "
            "(this machine is shared: the load average is printed); CPU time beside. rows/s count the rows of all "
            "the tables. Each measurement runs in a fresh process; the validation is the command as users run it, "
            "`python -m news_statements.validation PATH --format parquet` (every layer that applies), and its "
            "peak RSS is that child process's (for frictionless, the command's).",
            "",
            *lines,
            "",
            "Targets:",
            "",
            *checks,
            "",
            f"Parquet read per table at {largest['n']:,} statements:",
            "",
            *per_table,
            "",
            f"Each query of the validator at {timed['n'] if timed else largest['n']:,} statements, on the Parquet "
            "files where they lie "
            "(slowest first):",
            "",
            *rule_lines(timed),
            "",
            *failure_lines(results),
            "Machine:",
            "",
            *[f"- {k}: {v}" for k, v in info.items()],
            "",
        ]
    )
    return text, verdict


def run_sizes(args: argparse.Namespace, log) -> list[dict]:
    """Each size of args.sizes, smallest first (a package written before where --package gives one); each query's
    time at the largest size up to 1M."""
    workdir = args.workdir or Path(tempfile.mkdtemp(prefix="syria-offensive-benchmark-"))
    workdir.mkdir(parents=True, exist_ok=True)
    results = []
    reuse = {int(n): Path(d) for n, d in (item.split("=", 1) for item in args.package)}
    timed_size = max((n for n in args.sizes if n <= 1_000_000), default=None)
    try:
        for n in sorted(args.sizes):
            fl = n <= args.frictionless_max
            results.append(
                run_size(n, workdir, args.repeat, fl, args.seed, log, reuse=reuse.get(n), rules=n == timed_size)
            )
            if not args.keep:
                shutil.rmtree(workdir / f"package-{n}", ignore_errors=True)
    finally:
        if not args.keep and args.workdir is None:
            shutil.rmtree(workdir, ignore_errors=True)
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    parser.add_argument("--repeat", type=int, default=5, help="runs of each read and validation (the fastest counts)")
    parser.add_argument("--frictionless-max", type=int, default=100_000, help="largest N validated by frictionless")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--hostile-tail", type=int, default=HOSTILE_TAIL, help="NUL bytes appended (bounded cost)")
    parser.add_argument("--real", type=Path, default=ROOT / "datasets", help="the real package (cold-process target)")
    parser.add_argument("--workdir", type=Path, help="where packages are written (default: a temporary directory)")
    parser.add_argument("--keep", action="store_true", help="keep the generated packages")
    parser.add_argument("--output", type=Path, default=ROOT / "benchmarks" / "results" / "latest.md")
    parser.add_argument(
        "--package", action="append", default=[], metavar="N=DIR", help="a package of N statements written before"
    )
    parser.add_argument("--sizes-only", action="store_true", help="leave out the real package, hostile tail, Spark")
    parser.add_argument("--worker", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.worker:
        kind, *rest = args.worker
        if kind == "build":
            out = worker_build(int(rest[0]), Path(rest[1]), int(rest[2]))
        elif kind == "hostile":
            out = worker_hostile(Path(rest[0]), int(rest[1]))
        else:
            out = WORKERS[kind](Path(rest[0]))
        print(json.dumps(out))
        return 0

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    results = run_sizes(args, log)
    built = [r for r in results if r["build"]["total_s"] is not None]
    exponent = fit_exponent([r["n"] for r in built], [r["build"]["total_s"] for r in built])
    validation_exponent = fit_exponent([r["n"] for r in results], [r["validation"]["total_s"] for r in results])
    real = hostile = None
    if not args.sizes_only:
        log("real package: the validator (every layer) and frictionless, cold processes ...")
        real = [measure("real", str(args.real)) for _ in range(args.repeat)]
        log(f"hostile tail: the validator on the real package with {args.hostile_tail:,} NUL bytes appended ...")
        hostile = measure("hostile", str(args.real), str(args.hostile_tail))
    text, _ = report(results, exponent, machine(), real, validation_exponent, hostile)
    if not args.sizes_only:
        sys.path.insert(0, str(ROOT))  # (benchmarks/spark.py: the Spark engine at 100k statements, issue 23)
        text += __import__("benchmarks.spark", fromlist=["spark_line"]).spark_line(args.sizes, args.seed, log)
    if args.package:
        text += "\nPackages written before (--package): " + ", ".join(args.package) + "\n"
    text += f"\nTotal benchmark time: {time.perf_counter() - started:,.0f} s.\n"
    print(text)
    args.output.parent.mkdir(parents=True, exist_ok=True)
    args.output.write_text(text, encoding="utf-8")
    log(f"written {args.output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
