"""The code blocks of a README and where each one runs, from the `<!-- runs: PLACE, ... -->` line before it.

Places: `checkout` (the repository root, with the project's environment), `release` (the root of the
unzipped release archive), `installed` (an empty directory, after `pip install` into a new environment),
`checkout-install`, `validate-install`, `action`, `pre-commit`, `browser`, `own-corpus` and `ci` (each run by the
test named in its marker), and `reader` (the first screen's lines, run from the unzipped release's root in an
environment that holds only what `pip install` of the module brings). Blocks in
`text` are pictures of folders, not code. Every other block must say where it runs, so none goes untested.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

PLACES = {"checkout", "release", "installed", "checkout-install", "action", "pre-commit", "ci", "browser"}
PLACES |= {"own-corpus", "own-corpus-install", "validate-install", "reader"}
FENCE = re.compile(r"^```(\w*)[^\n]*\n(.*?)^```", re.S | re.M)
MARKER = re.compile(r"<!-- runs: ([^>]*?)(?: \(.*\))? -->\s*$")


@dataclass(frozen=True)
class Block:
    line: int
    language: str
    code: str
    places: frozenset[str]


def blocks(path: Path) -> list[Block]:
    text = path.read_text(encoding="utf-8")
    found = []
    for match in FENCE.finditer(text):
        before = text[: match.start()].rstrip("\n").rsplit("\n", 1)[-1]
        marker = MARKER.search(before)
        places = frozenset(p.strip() for p in marker.group(1).split(",")) if marker else frozenset()
        line = text.count("\n", 0, match.start()) + 1
        found.append(Block(line, match.group(1), match.group(2), places))
    return found


def runnable(path: Path, place: str, language: str) -> list[Block]:
    return [b for b in blocks(path) if place in b.places and b.language == language]
