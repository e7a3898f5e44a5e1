"""Resolve curated date specs to (date, date_min, date_max, date_basis, date_text), vectorised.

A relative expression ("on Friday", "last Wednesday", "yesterday", "this week") is resolved against both
ends of the article's publication date range; the results are the bounds, and `date` is set only when
they agree. Stated dates ("November 27") take the year of the article's earliest publication date.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"]
RELATIVE = (
    r"^(?:(?P<today>today)|(?P<yesterday>yesterday)"
    r"|(?P<this_week>(?:earlier )?this week)|(?P<last_week>last week)"
    r"|(?:(?P<last>last )|(?:on )?)(?P<weekday>" + "|".join(WEEKDAYS) + r"))$"
)
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
STATED = (
    r"^(?:(?P<month>"
    + "|".join(MONTHS)
    + r") (?P<day>\d{1,2})|(?P<day2>\d{1,2}) (?P<month2>"
    + "|".join(MONTHS)
    + r"))(?:,? (?P<year>\d{4}))?$"
)
OUT_COLUMNS = ["date", "date_min", "date_max", "date_basis", "date_text", "date_error"]


def _days(series: pd.Series) -> pd.Series:
    return pd.to_timedelta(series, unit="D")


def resolve_relative(expr: pd.Series, pub_min: pd.Series, pub_max: pd.Series) -> pd.DataFrame:
    """Resolve relative expressions against publication bounds. Unparseable or unbounded -> error text."""
    parts = expr.str.strip().str.lower().str.extract(RELATIVE)
    lo = pd.to_datetime(pub_min, errors="coerce").astype("datetime64[s]")
    hi = pd.to_datetime(pub_max, errors="coerce").astype("datetime64[s]")
    weekday = parts["weekday"].map({d: i for i, d in enumerate(WEEKDAYS)}).astype("float64")
    strict = parts["last"].notna().astype("int64")

    def back_to_weekday(anchor: pd.Series) -> pd.Series:
        # latest `weekday` on or before the anchor (strictly before for "last <weekday>")
        back = (anchor.dt.day_of_week - weekday - strict) % 7 + strict
        return anchor - _days(back)

    dmin = pd.Series(pd.NaT, index=expr.index, dtype="datetime64[s]")
    dmax = dmin.copy()
    for name, lo_val, hi_val in [
        ("today", lo, hi),
        ("yesterday", lo - _days(1), hi - _days(1)),
        ("this_week", lo - _days(lo.dt.day_of_week), hi),
        ("last_week", lo - _days(lo.dt.day_of_week + 7), hi - _days(hi.dt.day_of_week + 1)),
        ("weekday", back_to_weekday(lo), back_to_weekday(hi)),
    ]:
        hit = parts[name].notna()
        dmin = dmin.mask(hit, lo_val)
        dmax = dmax.mask(hit, hi_val)
    error = pd.Series(pd.NA, index=expr.index, dtype="string")
    error = error.mask(parts.isna().all(axis=1), "relative date expression not understood")
    error = error.mask(
        error.isna() & (lo.isna() | hi.isna()),
        "cannot resolve a relative date: the article is unknown or has no published_date_min/max",
    )
    return pd.DataFrame({"date_min": dmin, "date_max": dmax, "date_error": error})


def resolve_stated(text: pd.Series, pub_min: pd.Series) -> pd.DataFrame:
    parts = text.str.strip().str.lower().str.extract(STATED)
    month = parts["month"].fillna(parts["month2"]).map({m: i + 1 for i, m in enumerate(MONTHS)})
    day = pd.to_numeric(parts["day"].fillna(parts["day2"]), errors="coerce")
    year = pd.to_numeric(parts["year"], errors="coerce").fillna(pd.to_datetime(pub_min, errors="coerce").dt.year)
    when = pd.to_datetime(pd.DataFrame({"year": year, "month": month, "day": day}), errors="coerce")
    error = pd.Series(pd.NA, index=text.index, dtype="string").mask(when.isna(), "stated date not understood")
    return pd.DataFrame({"date_min": when, "date_max": when, "date_error": error})


def resolve(specs: pd.DataFrame, pub_min: pd.Series, pub_max: pd.Series, allow_relative: bool = True) -> pd.DataFrame:
    """specs has date_relative, date_stated, date_on, date_min, date_max, date_basis, date_note columns.

    pub_min/pub_max are aligned with specs (the anchoring article's publication bounds).
    Returns OUT_COLUMNS aligned with specs; `date_error` explains any spec that cannot be resolved.
    """
    idx = specs.index
    out = pd.DataFrame(
        {
            "date_min": pd.to_datetime(specs["date_min"]).astype("datetime64[s]"),
            "date_max": pd.to_datetime(specs["date_max"]).astype("datetime64[s]"),
            "date_basis": specs["date_basis"].astype("string"),
            "date_text": pd.Series(pd.NA, index=idx, dtype="string"),
            "date_error": pd.Series(pd.NA, index=idx, dtype="string"),
        }
    )
    on = pd.to_datetime(specs["date_on"]).astype("datetime64[s]")
    forms = pd.DataFrame(
        {
            "relative": specs["date_relative"].notna(),
            "stated": specs["date_stated"].notna(),
            "on": on.notna(),
            "range": specs["date_min"].notna() | specs["date_max"].notna(),
        }
    )
    count = forms.sum(axis=1)
    out["date_error"] = out["date_error"].mask(count > 1, "give one of relative, stated, on, or min/max")
    needs_basis = forms["on"] | forms["range"] | (count == 0)
    out["date_error"] = out["date_error"].mask(
        out["date_error"].isna() & needs_basis & specs["date_basis"].isna(),
        "a date without `relative` or `stated` needs a basis",
    )
    out["date_error"] = out["date_error"].mask(
        out["date_error"].isna() & (forms["relative"] | forms["stated"]) & specs["date_basis"].notna(),
        "`relative` and `stated` dates set their own basis; remove `basis`",
    )
    out.loc[forms["on"], ["date_min", "date_max"]] = (
        np.column_stack([on[forms["on"]], on[forms["on"]]]) if forms["on"].any() else None
    )

    rel = forms["relative"]
    if rel.any():
        if not allow_relative:
            out.loc[rel, "date_error"] = "a publication date cannot be relative"
        else:
            r = resolve_relative(specs.loc[rel, "date_relative"], pub_min[rel], pub_max[rel])
            out.loc[rel, ["date_min", "date_max"]] = r[["date_min", "date_max"]].to_numpy()
            out.loc[rel, "date_error"] = out.loc[rel, "date_error"].fillna(r["date_error"])
            out.loc[rel, "date_basis"] = "relative"
            out.loc[rel, "date_text"] = specs.loc[rel, "date_relative"]
    st = forms["stated"]
    if st.any():
        r = resolve_stated(specs.loc[st, "date_stated"], pub_min[st])
        out.loc[st, ["date_min", "date_max"]] = r[["date_min", "date_max"]].to_numpy()
        out.loc[st, "date_error"] = out.loc[st, "date_error"].fillna(r["date_error"])
        out.loc[st, "date_basis"] = "stated"
        out.loc[st, "date_text"] = specs.loc[st, "date_stated"]
    out["date_min"] = out["date_min"].astype("datetime64[s]")
    out["date_max"] = out["date_max"].astype("datetime64[s]")
    out["date"] = out["date_min"].where(out["date_min"].eq(out["date_max"]))
    inverted = out["date_min"].notna() & out["date_max"].notna() & (out["date_min"] > out["date_max"])
    out["date_error"] = out["date_error"].mask(
        out["date_error"].isna() & inverted, "date bounds are inverted (min after max)"
    )
    return out[OUT_COLUMNS]
