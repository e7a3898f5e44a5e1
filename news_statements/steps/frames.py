"""What several build steps share: keyed lookups between frames, notes, PLOVER codes, and the located quotes
and resolved dates whose failures become problems at the curated file:line."""

from __future__ import annotations

import pandas as pd

from news_statements.metadata import codelist
from news_statements.problems import Problem, from_rows
from news_statements.transforms import spans

PROVENANCE = ["_file", "_line"]


def lookup(frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    """key -> value (the first row of each key: usable with Series.map even where keys are duplicated)."""
    return frame.drop_duplicates(key).set_index(key)[value]


def pick(keys: pd.Series, frame: pd.DataFrame, key: str, value: str) -> pd.Series:
    """frame[value] for each of `keys` (null where unknown), keeping its dtype (Series.map of datetimes with
    missing keys fails in pandas 3)."""
    found = lookup(frame, key, value).reindex(keys.astype(object).to_numpy())
    return pd.Series(found.to_numpy(), index=keys.index, dtype=found.dtype)


def join_notes(*parts: pd.Series) -> pd.Series:
    """Join labelled note parts ("Wikidata: basis") into one notes string, null when all are null."""
    joined = parts[0].astype("string")
    for part in parts[1:]:
        part = part.astype("string")
        joined = joined.where(part.isna(), (joined + " " + part).where(joined.notna(), part))
    return joined


def labelled(label: str, values: pd.Series) -> pd.Series:
    """A note part that says what it is about ("GeoNames: ..."), null where there is no value."""
    return (label + ": " + values.astype("string")).where(values.notna())


def plover(cameo: pd.Series) -> pd.Series:
    """The PLOVER type of each CAMEO code, from the crosswalk (null where PLOVER has none)."""
    return cameo.map(codelist("cameo").set_index("code")["plover"].replace("", pd.NA)).astype("string")


def date_problems(rows: pd.DataFrame, resolved: pd.DataFrame, what: str) -> list[Problem]:
    """One problem per row whose date spec could not be resolved (transforms.dates gives the reason)."""
    bad = resolved["date_error"].notna()
    return from_rows(
        rows[bad].assign(_err=resolved.loc[bad, "date_error"]),
        f"{what} date cannot be resolved",
        "_err",
        expected="a date spec as in curation/README.md",
    )


def located(
    frame: pd.DataFrame, articles: pd.DataFrame, problems: list[Problem], what: str, id_column: str = "id"
) -> pd.DataFrame:
    """The rows whose verbatim quote is found once in their article, with its offsets; the others become
    problems (a row without offsets would only fail again, less clearly, in validation)."""
    texts = lookup(articles, "article_id", "text")
    found = spans.locate(frame, texts)
    bad = found["span_error"].notna()
    problems += from_rows(
        found[bad],
        f"{what}: ",
        "quote",
        expected="a verbatim passage of the clean article text",
        id_column=id_column,
        reason_column="span_error",
    )
    return found[~bad]
