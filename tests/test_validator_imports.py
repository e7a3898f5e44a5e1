"""The validator as users run it imports neither pandas nor pandera (issue 23: 0.3 s of a cold run on the real
package was importing pandas, and pandera on top of it; failures are records, results come from DuckDB as tuples
and Arrow). The build and load() still use pandas; the validator must not pull it in through any of them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

# The CLI's main on the real package with each --format, in one fresh interpreter; then what it imported.
DRIVER = """
import sys
from news_statements.validation.cli import main
codes = [main([sys.argv[1], "--format", fmt]) for fmt in sys.argv[2:]]
print(codes, sorted(name for name in ("pandas", "pandera") if name in sys.modules))
"""


def _run(formats: list[str], preload: str = "") -> str:
    command = [sys.executable, "-c", preload + DRIVER, str(ROOT / "datasets"), *formats]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr[-2000:]
    return result.stdout.splitlines()[-1]


def test_the_validator_imports_neither_pandas_nor_pandera_with_any_format():
    assert _run(["csv", "parquet", "both"]) == "[0, 0, 0] []"


def test_the_check_sees_a_pandas_import():
    """(The driver's check is not vacuous: pandas imported on the way is seen.)"""
    assert _run(["parquet"], preload="import pandas\n") == "[0] ['pandas']"
