"""Which optional part of the distribution a command needs, said in one line when it is not installed.

A reader installs only what reading the tables needs (pandas, pyarrow, pooch: `load()` and `read()`); the
validator's libraries, the corpus tools and the developer tools are extras of the distribution
(pyproject.toml `[project.optional-dependencies]`). A command that needs one names the extra to install,
instead of ending in an ImportError's traceback.
"""

from __future__ import annotations

import sys

DISTRIBUTION = "syria-offensive-2024"

# top-level import name -> the smallest extra that installs it (corpus and tools include validate)
EXTRA_OF = {
    "pandera": "validate",
    "frictionless": "validate",
    "duckdb": "validate",
    "jsonschema": "validate",
    "referencing": "validate",
    "yaml": "validate",
    "ruamel": "corpus",
    "sqlite_utils": "corpus",
    "matplotlib": "corpus",
    "datasette": "tools",
    "selenium": "tools",
}


def install_hint(extra: str) -> str:
    """The one command that installs `extra`, from an index or in a clone."""
    return f"python -m pip install '{DISTRIBUTION}[{extra}]' (or \".[{extra}]\" in a clone)"


def missing_extra(err: ModuleNotFoundError, extra: str, command: str) -> int:
    """Say in one line (stderr) that `command` needs `extra`, and return exit code 2. An import error of a module
    that no extra provides is a fault of the installation or the code, not a missing extra: it is raised again."""
    module = (err.name or "").split(".")[0]
    if module not in EXTRA_OF:
        raise err
    print(f"{command}: needs {module}, which the '{extra}' extra installs: {install_hint(extra)}", file=sys.stderr)
    return 2
