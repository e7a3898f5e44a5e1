"""The toolkit's command line: `news-statements validate | init | build | check | preview | propose | diff |
database | pictures | release` (also `python -m news_statements`).

What a researcher does with a corpus of their own and with any package that follows the standard: check a
copy (theirs, an extension, a release zip), start a corpus folder (`init DIR`) and run the curator's loop on
it (corpus_commands.py). This repository's `syria-offensive` command is the same, plus the bundled copy of its
corpus (`path`, `export`: syria_offensive/cli.py).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from news_statements import corpus_commands
from news_statements.copies import LoadError
from news_statements.extras import missing_extra

EPILOG = """\
examples:
  {prog} validate datasets                    a package folder (text report)
  {prog} validate release.zip --json          a release archive (JSON report)
  {prog} init my-corpus                       a new corpus folder for your own articles
  {prog} check my-corpus                      build it, then validate it with every layer

exit codes of validate: 0 valid, 1 invalid (every problem listed), 2 unusable input (path named).
"""


def standard_name() -> str:
    """The standard's title and version, for the help text; its title alone where the YAML reader is not installed
    (a reading-only install, whose `--help` must still work)."""
    try:
        from news_statements.standard import metadata
    except ModuleNotFoundError:
        return "News Statements Data Package"
    standard = metadata()
    return f"{standard['title']} {standard['version']}"


def parser(prog: str = "news-statements", description: str | None = None) -> tuple[argparse.ArgumentParser, object]:
    """The top parser and its subcommands (validate and the corpus commands), for this command and for a
    corpus's own command that adds to them."""
    top = argparse.ArgumentParser(
        prog=prog,
        description=description
        or f"The toolkit of the {standard_name()}: validate a package that follows it, "
        "start a corpus of your own and build, check, browse and draw it.",
        epilog=EPILOG.format(prog=prog),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser(
        "validate",
        help="check a package folder or release zip with every layer (schema, cross-table rules, Frictionless)",
        description="Check a package folder, an unzipped release or a release zip with every layer. "
        "Exit 0 valid, 1 invalid (one line per problem), 2 unusable input.",
    )
    check.add_argument("path", type=Path, help="package folder (holding datapackage.json), unzipped release, or .zip")
    check.add_argument("--json", action="store_true", help="print a JSON report instead of text")
    check.add_argument("--format", choices=["csv", "parquet", "both"], help="tables to check (default: both)")
    check.add_argument("--engine", choices=["duckdb", "spark"], default="duckdb", help="run the rules on Spark SQL")
    check.add_argument("--spark-master", metavar="URL", help="a Spark cluster's master URL (default: local mode)")
    check.add_argument("--max-per-kind", type=int, metavar="N", help="lines of one kind before 'and K more' (0: all)")
    corpus_commands.add_parsers(commands)
    return top, commands


def run(args: argparse.Namespace) -> int:
    """Run `validate` or a corpus command; its exit code."""
    if args.command in corpus_commands.COMMANDS:
        return corpus_commands.run(args)
    try:
        from news_statements.validation.cli import main as validate
    except ModuleNotFoundError as err:  # a reading-only install
        return missing_extra(err, "validate", "validate")
    path = args.path
    if path.is_dir() and not (path / "datapackage.json").is_file() and (path / "datasets").is_dir():
        path = path / "datasets"  # the root of an unzipped release
    options = ["--engine", args.engine, *(["--format", args.format] if args.format else [])]
    options += ["--json"] if args.json else []
    options += ["--spark-master", args.spark_master] if args.spark_master else []
    if args.max_per_kind is not None:
        options += ["--max-per-kind", str(args.max_per_kind)]
    return validate([str(path), *options])


def main(argv: list[str] | None = None) -> int:
    top, _ = parser()
    args = top.parse_args(argv)
    try:
        return run(args)
    except LoadError as err:
        print(f"news-statements: {err}", file=sys.stderr)
        return 2
