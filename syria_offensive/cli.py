"""The command line: `syria-offensive validate | path | export | init | build | check | preview | propose | diff |
database | pictures | release` (also `python -m syria_offensive`).

One console script for what a user outside the repository does: check a copy of a package (theirs, an
extension, a release zip), find the bundled copy for another tool and write it somewhere, and run their own
corpus of articles with the same tables (`init DIR`, then the curator's loop in DIR: corpus_commands.py).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

from syria_offensive import corpus_commands
from syria_offensive.load import LoadError, package_path, registry, verify

EPILOG = """\
examples:
  syria-offensive validate datasets                    a package folder (text report)
  syria-offensive validate release.zip --json          a release archive (JSON report)
  syria-offensive path                                 where the installed package's files are
  syria-offensive export ./syria-offensive-data        copy them into a new folder

  syria-offensive init my-corpus                       a new corpus folder for your own articles
  syria-offensive check my-corpus                      build it, then validate it with every layer

exit codes of validate: 0 valid, 1 invalid (every problem listed), 2 unusable input (path named).
"""


def export(target: Path) -> Path:
    """Copy the bundled package (verified) into `target`, which must not exist or be empty.

    Written to a temporary sibling first and renamed into place, so an interrupted export leaves nothing."""
    source = package_path()
    bad = verify(source)
    if bad:
        raise LoadError(f"{source}: bundled files do not match their sha256 (reinstall): {', '.join(bad)}")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise LoadError(f"{target}: exists and is not an empty folder; choose a new one")
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", dir=target.parent))
    try:
        shutil.copytree(source, staging / "package")
        if target.exists():
            target.rmdir()
        (staging / "package").rename(target)
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return target


def parser() -> argparse.ArgumentParser:
    version = registry()["version"]
    top = argparse.ArgumentParser(
        prog="syria-offensive",
        description=f"syria-offensive-2024 {version}: validate a copy of the data package, or find and export "
        "the copy this installation carries.",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    top.add_argument("--version", action="version", version=f"syria-offensive-2024 {version}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "validate",
        help="check a package folder or release zip with every layer (schema, cross-table rules, Frictionless)",
        description="Check a package folder, an unzipped release or a release zip with every layer. "
        "Exit 0 valid, 1 invalid (one line per problem), 2 unusable input.",
    )
    check.add_argument("path", type=Path, help="package folder (holding datapackage.json), unzipped release, or .zip")
    check.add_argument("--json", action="store_true", help="print a JSON report instead of text")
    check.add_argument("--format", choices=["csv", "parquet", "both"], default="both", help="tables to check")
    check.add_argument("--max-per-kind", type=int, metavar="N", help="lines of one kind before 'and K more' (0: all)")
    commands.add_parser("path", help="print the folder of the bundled package (for DuckDB, polars, R, ...)")
    write = commands.add_parser("export", help="copy the bundled package into a new folder")
    write.add_argument("directory", type=Path, help="a folder that does not exist yet, or an empty one")
    corpus_commands.add_parsers(commands)
    return top


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        if args.command == "validate":
            from syria_offensive.validation.cli import main as validate

            path = args.path
            if path.is_dir() and not (path / "datapackage.json").is_file() and (path / "datasets").is_dir():
                path = path / "datasets"  # the root of an unzipped release
            options = ["--format", args.format, *(["--json"] if args.json else [])]
            if args.max_per_kind is not None:
                options += ["--max-per-kind", str(args.max_per_kind)]
            return validate([str(path), *options])
        if args.command in corpus_commands.COMMANDS:
            return corpus_commands.run(args)
        if args.command == "path":
            print(package_path())
        else:
            print(f"wrote {export(args.directory)}")
        return 0
    except LoadError as err:
        print(f"syria-offensive: {err}", file=sys.stderr)
        return 2
