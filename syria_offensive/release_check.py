"""The rule that keeps curating and releasing apart, and the checks `make release` runs before releasing.

The rule (README "Releasing"): the top section of CHANGELOG.md is either `## Unreleased` or the version in
package.yaml.
- `## <version>` at the top says "this checkout is release <version>": the data must then be exactly those of
  the archive whose sha256 news_statements/release.json records (tests/test_release.py checks it, in every
  run of the suite and in CI on the release commit).
- `## Unreleased` at the top says "the data may have changed since the last release": a curator who corrects
  the data notes the change there, and the suite stays green without a new version. `make release` refuses to
  run until the section has become `## <new version> — <date>`.
"""

from __future__ import annotations

import re
import sys
import tempfile
import tomllib
from pathlib import Path

import yaml

from news_statements.metadata import package_metadata
from news_statements.paths import DATASETS, ROOT

UNRELEASED = "Unreleased"
HEADING = re.compile(r"^## +(\S+)", flags=re.M)


def changelog_sections(text: str) -> list[str]:
    """The first word of each `## ` heading of a changelog, top first ("Unreleased" or a version)."""
    return HEADING.findall(text)


def stated_versions(root: Path = ROOT) -> dict[str, str]:
    """Every place that states the package's version, by file."""
    return {
        "package.yaml": str(package_metadata()["version"]),
        "pyproject.toml": tomllib.loads((root / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"],
        "CITATION.cff": str(yaml.safe_load((root / "CITATION.cff").read_text(encoding="utf-8"))["version"]),
    }


def release_problems(root: Path = ROOT, datasets: Path = DATASETS) -> list[str]:
    """What stops `make release` now: each problem says what to do. Empty when the release may be made."""
    from syria_offensive.release import archive_name, registry, write_archive

    problems = []
    versions = stated_versions(root)
    version = versions["package.yaml"]
    if len(set(versions.values())) > 1:
        problems.append(f"the version differs between files ({versions}): write the new version in all three")
    sections = changelog_sections((root / "CHANGELOG.md").read_text(encoding="utf-8"))
    if not sections or sections[0] != version:
        problems.append(
            f"CHANGELOG.md's top section is {sections[0] if sections else None!r}, not the version {version!r}: "
            f"rename '## {UNRELEASED}' to '## {version} — <date>' (and bump the version if {version} is released)"
        )
    record = registry()
    if record.get("version") == version:
        with tempfile.TemporaryDirectory() as tmp:
            digest = write_archive(datasets, Path(tmp) / archive_name(version), version, root)
        if digest != record.get("sha256"):
            problems.append(
                f"version {version} was released with other data (news_statements/release.json): "
                "bump the version (MINOR for added rows, PATCH for corrections; see CHANGELOG.md)"
            )
    return problems


def main() -> int:
    problems = release_problems()
    for problem in problems:
        print(f"cannot release: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
