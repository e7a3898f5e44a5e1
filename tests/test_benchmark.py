"""The benchmark script (benchmarks/run.py) runs end to end and judges the targets from what it measured.

Not a timed test: no figure is asserted, only that the report states each measurement and verdict.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks import run

ROOT = Path(__file__).resolve().parent.parent


def test_a_small_benchmark_writes_the_table_targets_and_machine(tmp_path):
    output = tmp_path / "latest.md"
    command = [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--sizes", "200", "400", "--repeat", "2"]
    command += ["--frictionless-max", "200", "--workdir", str(tmp_path / "work"), "--output", str(output)]
    command += ["--hostile-tail", "20000000"]
    result = subprocess.run(command, capture_output=True, text=True, check=False, cwd=ROOT, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    text = output.read_text(encoding="utf-8")
    rows = [line for line in text.splitlines() if line.startswith(("| 200 |", "| 400 |"))]
    assert len(rows) == 2
    assert "(extrapolated)" in rows[1] and "(extrapolated)" not in rows[0]  # 400 > --frictionless-max
    assert "within the 2 interleaved read-validation pairs" in text
    assert "build time ∝ N^" in text and "validation time ∝ N^" in text and "- cores: " in text
    assert "- real package, every layer, cold process / `frictionless validate` alone: " in text
    assert "- hostile tail (20 MB of NUL bytes appended to figures.csv of the real package), " in text
    assert "- Spark, local mode, 100,000 statements: not measured (the sizes do not include 100,000)" in text
    assert not (tmp_path / "work" / "package-200").exists()  # packages are removed unless --keep


def measured(n: int, read_s: float, validation_s: float, frictionless_s: float | None) -> dict:
    seconds = {"total_s": validation_s, "median_s": validation_s, "cpu_s": validation_s, "median_cpu_s": validation_s}
    read = {"total_s": read_s, "median_s": read_s, "cpu_s": read_s, "median_cpu_s": read_s}
    return {
        "n": n,
        "rows": 10 * n,
        "build": {"total_s": n / 1e4, "cpu_s": n / 2e4, "peak_bytes": 2**30},
        "read": {**read, "seconds": {"statements": read_s}, "rows": {"statements": n}, "peak_bytes": 1},
        "validation": {
            **seconds,
            "peak_bytes": 5 * 2**30,
            "paired_ratios": [3.5, 3.6],
            "paired_cpu_ratios": [3.0, 3.1],
        },
        "frictionless": None if frictionless_s is None else {"total_s": frictionless_s, "peak_bytes": 1},
        "load": [1.0, 2.0],
        "rules": {"seconds": {"mention_voice mentions": 0.5, "statements (layer 1)": 0.25}},
    }


LINE = "- `validate --format parquet` / Parquet read"


def test_missed_targets_are_reported_as_not_met():
    results = [measured(1000, 1.0, 3.5, 10.0), measured(10_000, 1.0, 3.5, None)]
    real = [{"validator": 5.0, "frictionless": 2.0}, {"validator": 4.0, "frictionless": 1.9}]
    text, verdict = run.report(results, exponent=1.3, info={"CPU": "test"}, real=real, validation_exponent=1.0)
    assert verdict["validation / read"] == 3.55  # (the paired median)
    lines = {line.split(" at ")[0].split(" ∝ ")[0]: line for line in text.splitlines() if line.startswith("- ")}
    assert "median 3.55" in lines[LINE] and "CPU time: 3.05" in lines[LINE] and "NOT met" in lines[LINE]
    assert "NOT met" in lines["- frictionless / validation"]  # extrapolated: 10 s × 10 = 100 s, 29× the 3.5 s
    assert "NOT met" in lines["- peak RSS of the validation"]  # 5 GiB
    assert "NOT met" in lines["- build time"]  # exponent 1.3
    (real_line,) = [line for line in lines.values() if line.startswith("- real package")]
    assert "alone: 2.11 (fastest runs: 4.00 s / 1.90 s), median 2.30" in real_line and "NOT met" in real_line
    assert "| mention_voice mentions | 0.50 |" in text  # each query's time, slowest first
    assert "| 1.0, 2.0 |" in text  # the load average


def test_the_ratio_target_is_the_paired_median():
    """The fastest runs within the target but most pairs above it: not met (noise must not pass a miss)."""
    results = [measured(1000, 1.0, 2.5, 10.0), measured(10_000, 1.0, 2.5, None)]
    results[-1]["validation"]["paired_ratios"] = [2.5, 3.2, 3.3]
    text, _ = run.report(results, exponent=1.0, info={})
    (line,) = [line for line in text.splitlines() if line.startswith(LINE)]
    assert "median 3.20" in line and "— NOT met" in line
    results[-1]["validation"]["paired_ratios"] = [2.5, 2.6, 3.3]
    text, _ = run.report(results, exponent=1.0, info={})
    (line,) = [line for line in text.splitlines() if line.startswith(LINE)]
    assert "— met" in line


def test_the_5m_target_is_the_peak_under_2_gib_and_the_exponent_from_the_size_below():
    results = [measured(1_000_000, 10.0, 100.0, None), measured(5_000_000, 50.0, 600.0, None)]
    text, _ = run.report(results, exponent=1.0, info={})
    (line,) = [line for line in text.splitlines() if line.startswith("- 5,000,000 statements")]
    assert "peak 5.00 GiB (target < 2) — NOT met" in line  # (measured() peaks at 5 GiB)
    assert "validation time ∝ N^1.11 between 1,000,000 and 5,000,000 statements" in line and line.endswith("NOT met")
    results[-1]["validation"].update(peak_bytes=2**31 - 1, median_s=500.0)
    text, _ = run.report(results, exponent=1.0, info={})
    (line,) = [line for line in text.splitlines() if line.startswith("- 5,000,000 statements")]
    assert "(target < 2) — met" in line and "N^1.00 between" in line and line.endswith("— met")
    results[-1]["build"] = {"total_s": None, "cpu_s": None, "peak_bytes": None, "reused": "/tmp/p"}
    text, _ = run.report(results[:1], exponent=1.0, info={})
    assert "- 5,000,000 statements (peak < 2 GiB, time ∝ N^≤1.1): not run (`python benchmarks/run.py" in text
    text, _ = run.report(results, exponent=float("nan"), info={}, validation_exponent=1.0)
    assert "| 5,000,000 | 50,000,000 | (written before) |" in text and "(build: packages written before)" in text
