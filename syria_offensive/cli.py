"""`syria-offensive`: the toolkit's command line (news_statements.cli: validate and the corpus commands), plus
what only this corpus's module has: the copy of its package that the installation carries (`path`, `export`).
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from news_statements import cli as toolkit
from syria_offensive.load import LoadError, package_path, registry, verify


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


def main(argv: list[str] | None = None) -> int:
    version = registry()["version"]
    top, commands = toolkit.parser(
        "syria-offensive",
        f"syria-offensive-2024 {version}: validate a copy of the data package, find and export the copy this "
        "installation carries, or start a corpus of your own with the same tables and tools.",
    )
    top.add_argument("--version", action="version", version=f"syria-offensive-2024 {version}")
    commands.add_parser("path", help="print the folder of the bundled package (for DuckDB, polars, R, ...)")
    write = commands.add_parser("export", help="copy the bundled package into a new folder")
    write.add_argument("directory", type=Path, help="a folder that does not exist yet, or an empty one")
    args = top.parse_args(argv)
    try:
        if args.command == "path":
            print(package_path())
        elif args.command == "export":
            print(f"wrote {export(args.directory)}")
        else:
            return toolkit.run(args)
        return 0
    except LoadError as err:
        print(f"syria-offensive: {err}", file=sys.stderr)
        return 2
