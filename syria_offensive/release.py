"""The release archive: datasets/ plus the data card, licence, changelog and citation, as one zip.

The zip is deterministic (sorted members, fixed timestamps and permissions), so its sha256 is a property
of the data: `make release` writes it to syria_offensive/release.json, where `load()` finds the hash to
verify a download against, and the test suite checks that it still matches (a change to the data needs a
new version). Run `make release` to write dist/<name>-<version>.zip and its .sha256, record the hash, and
record the IDs the release publishes in releases/ids-<version>.csv (see stable_ids.py).
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import zipfile
from pathlib import Path

from syria_offensive.metadata import package_metadata
from syria_offensive.paths import DATASETS, RELEASES, ROOT
from syria_offensive.readers import read_package
from syria_offensive.stable_ids import write_release_ids

REGISTRY = Path(__file__).with_name("release.json")
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
EXTRA_FILES = ["LICENSE-DATA", "CHANGELOG.md", "CITATION.cff"]


def archive_name(version: str) -> str:
    return f"{package_metadata()['name']}-{version}.zip"


def data_card(readme: str) -> str:
    """The README's "Dataset card" section, which travels with the data."""
    match = re.search(r"^## Dataset card\n.*?(?=^## )", readme, flags=re.S | re.M)
    if not match:
        raise ValueError("README.md has no '## Dataset card' section")
    return "# " + package_metadata()["title"] + "\n\n" + match.group(0)


def write_archive(datasets: Path, target: Path, version: str, root: Path = ROOT) -> str:
    """Write the zip to `target` and return its sha256."""
    folder = archive_name(version).removesuffix(".zip")
    members: dict[str, bytes] = {
        f"{folder}/{p.name}": p.read_bytes() for p in sorted(datasets.iterdir()) if p.is_file()
    }
    members[f"{folder}/DATACARD.md"] = data_card((root / "README.md").read_text(encoding="utf-8")).encode("utf-8")
    for name in EXTRA_FILES:
        members[f"{folder}/{name}"] = (root / name).read_bytes()
    target.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, members[name])
    return hashlib.sha256(target.read_bytes()).hexdigest()


def registry() -> dict:
    return json.loads(REGISTRY.read_text(encoding="utf-8"))


def main() -> int:
    version = package_metadata()["version"]
    target = ROOT / "dist" / archive_name(version)
    digest = write_archive(DATASETS, target, version)
    target.with_name(target.name + ".sha256").write_text(f"{digest}  {target.name}\n", encoding="utf-8")
    current = registry() if REGISTRY.exists() else {}
    current.update({"version": version, "archive": target.name, "sha256": digest})
    current.setdefault("base_url", None)
    REGISTRY.write_text(json.dumps(current, indent=2) + "\n", encoding="utf-8")
    frames, _ = read_package(DATASETS)
    ids = write_release_ids(frames, RELEASES, version)
    print(f"{target.relative_to(ROOT)}  sha256:{digest}\n{ids.relative_to(ROOT)}: the IDs this release publishes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
