"""Stable IDs across releases: an ID a release published never disappears silently.

`make release` records every published ID in releases/ids-<version>.csv. The build compares the IDs it
is about to publish with those of the latest release: a missing ID must be listed in
curation/retired_ids.yaml with a reason (and `merged_into`, the surviving ID, when it was merged).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from news_statements.problems import Problem, from_rows, relative

ID_COLUMNS = {
    "articles": "article_id",
    "actors": "actor_id",
    "places": "place_id",
    "events": "event_id",
    "statements": "statement_id",
    "figures": "figure_id",
}


def published_ids(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    parts = [
        pd.DataFrame({"table": table, "id": frames[table][column].astype("string")})
        for table, column in ID_COLUMNS.items()
    ]
    return pd.concat(parts, ignore_index=True).sort_values(["table", "id"]).reset_index(drop=True)


def _version_key(path: Path) -> tuple[int, ...]:
    return tuple(int(p) for p in path.stem.removeprefix("ids-").split("."))


def latest_release(releases: Path) -> Path | None:
    files = sorted(releases.glob("ids-*.csv"), key=_version_key)
    return files[-1] if files else None


def previous_release(releases: Path, version: str) -> str | None:
    """The newest release before `version` that recorded its IDs (releases/ids-<v>.csv), or None for a first one."""
    wanted = tuple(int(p) for p in version.split("."))
    earlier = [path for path in releases.glob("ids-*.csv") if _version_key(path) < wanted]
    return max(earlier, key=_version_key).stem.removeprefix("ids-") if earlier else None


def check(frames: dict[str, pd.DataFrame], retired: pd.DataFrame, releases: Path) -> list[Problem]:
    """Problems: IDs of the latest release missing without a retirement, and retirements that do not hold."""
    current = published_ids(frames)
    problems: list[Problem] = []
    key = current["table"] + "/" + current["id"]
    retired_key = retired["table"].astype("string") + "/" + retired["id"].astype("string")
    still_there = retired[retired_key.isin(key)]
    problems += from_rows(still_there, "retired ID is still in use", "id", expected="an ID no table uses any more")
    unknown_table = retired[~retired["table"].isin(list(ID_COLUMNS))]
    problems += from_rows(unknown_table, "retired ID names an unknown table", "table", expected=", ".join(ID_COLUMNS))
    merged = retired[retired["merged_into"].notna()]
    bad_merge = merged[~(merged["table"].astype("string") + "/" + merged["merged_into"].astype("string")).isin(key)]
    problems += from_rows(
        bad_merge,
        "merged_into is not an ID of the same table in this build",
        "merged_into",
        expected="the surviving ID",
    )
    last = latest_release(releases)
    if last is None:
        return problems
    released = pd.read_csv(last, dtype="string")
    released_key = released["table"] + "/" + released["id"]
    missing = released[~released_key.isin(key) & ~released_key.isin(retired_key)]
    problems += [
        Problem(
            relative(last),
            None,
            f"{row.table}/{row.id}",
            f"ID published in release {last.stem.removeprefix('ids-')} is missing from this build",
            row.id,
            "the ID kept, or an entry in curation/retired_ids.yaml with a reason (and merged_into)",
        )
        for row in missing.itertuples()  # problems only
    ]
    return problems


def write_release_ids(frames: dict[str, pd.DataFrame], releases: Path, version: str) -> Path:
    releases.mkdir(parents=True, exist_ok=True)
    path = releases / f"ids-{version}.csv"
    published_ids(frames).to_csv(path, index=False, lineterminator="\n")
    return path
