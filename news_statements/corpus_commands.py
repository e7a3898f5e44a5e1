"""The command line's corpus commands: `init DIR`, then the curator's loop on any corpus folder (layout.Layout).

Each command hands the folder's paths to the module that does the work (build, preview, proposer, table_diff,
database, pictures, release), the same modules `make` runs in this repository; nothing here knows a corpus.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any

from news_statements.extras import missing_extra

if TYPE_CHECKING:  # (imported when a command runs: a reading-only install has no YAML reader)
    from news_statements.layout import Layout

COMMANDS = ("init", "build", "check", "preview", "propose", "diff", "database", "pictures", "release")
HELP = {
    "init": "write a new corpus folder (sources/, curation/, package.yaml, the curator's guide, a Makefile)",
    "build": "build a corpus folder: sources/ + curation/ -> datasets/ (and docs/, reports/)",
    "check": "build a corpus folder, then validate its package with every layer",
    "preview": "what the build makes of one article of a corpus",
    "propose": "a draft curation file for a new article of a corpus",
    "diff": "rows added, removed and changed in a corpus's tables against a git revision",
    "database": "a corpus's package as one SQLite database (+ Datasette metadata) in <corpus>/dist/",
    "pictures": "draw a corpus's pictures into <corpus>/docs/pictures/",
    "release": "<corpus>/dist/<name>-<version>.zip with its sha256 (docs/pictures/ redrawn first), and its IDs",
}


def add_parsers(commands: Any) -> None:
    """The corpus commands' parsers: a folder (default: here), and an article where one is needed."""
    for name in COMMANDS:
        command = commands.add_parser(name, help=HELP[name], description=HELP[name])
        if name in ("preview", "propose"):
            command.add_argument("article_id", help="an article with sources/<article_id>.yaml")
            command.add_argument("--corpus", type=Path, default=Path("."), help="the corpus folder (default: .)")
        elif name == "diff":
            command.add_argument("--corpus", type=Path, default=Path("."), help="the corpus folder (default: .)")
            command.add_argument("--rev", default="HEAD", help="git revision to compare with (default: HEAD)")
        else:
            command.add_argument("corpus", type=Path, nargs="?", default=Path("."), help="the folder (default: .)")
        if name == "propose":
            command.add_argument("--out", type=Path, help="write the draft here (default: stdout)")


def run(args: argparse.Namespace) -> int:
    """Run one corpus command; its exit code (2, with what to install, when an optional tool is missing)."""
    try:
        return _run(args)
    except ModuleNotFoundError as err:
        return missing_extra(err, "corpus", f"news-statements {args.command}")


def _run(args: argparse.Namespace) -> int:
    corpus = args.corpus
    if args.command == "init":
        return _init(corpus)
    if not (corpus / "package.yaml").is_file():
        print(f"news-statements: {corpus}: not a corpus folder (no package.yaml; `news-statements init` writes one)")
        return 2
    from news_statements.layout import Layout

    layout = Layout(corpus)
    if args.command in ("build", "check"):
        from news_statements.build import main as build

        code = build(["--corpus", str(corpus)])
        if code or args.command == "build":
            return code
        from news_statements.validation.cli import main as validate

        return validate([str(layout.datasets)])
    return _tool(args, layout)


def _tool(args: argparse.Namespace, layout: Layout) -> int:
    """The commands that hand the corpus to one module's main()."""
    corpus = str(layout.root)
    if args.command == "preview":
        from news_statements.preview import main

        folders = ["--curation", str(layout.curation), "--sources", str(layout.sources)]
        return main([args.article_id, *folders, "--releases", str(layout.releases)])
    if args.command == "propose":
        from news_statements.proposer import main

        return main([args.article_id, "--corpus", corpus, *(["--out", str(args.out)] if args.out else [])])
    if args.command == "diff":
        from news_statements.table_diff import main

        return main(["--corpus", corpus, "--rev", args.rev])
    if args.command == "database":
        from news_statements.database import main

        return main(["--corpus", corpus])
    if args.command == "pictures":
        from news_statements.pictures import main

        return main(["--corpus", corpus])
    from news_statements.archive import release_corpus
    from news_statements.pictures import draw

    draw(layout.datasets, layout.docs / "pictures")  # the release holds them: drawn from the tables it releases
    target, digest, ids = release_corpus(layout)
    print(f"{target}  sha256:{digest}\n{ids}: the IDs this release publishes")
    return 0


def _init(corpus: Path) -> int:
    from news_statements.corpus_init import init

    try:
        written = init(corpus)
    except FileExistsError as err:
        print(f"news-statements: {err}")
        return 2
    print(
        f"wrote {len(written)} files in {corpus}: add an article (curation/README.md, the checklist), then "
        f"`news-statements check {corpus}`"
    )
    return 0
