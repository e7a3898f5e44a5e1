"""Derive the CAMEO and PLOVER code lists in schema/codelists/ from the upstream reference files.

The upstream copies in schema/codelists/upstream/ are kept byte-identical (provenance); their known
defects are repaired here, in code, so every repair is visible and tested. Run
`python -m news_statements.codelists` to rewrite cameo.csv and plover.csv; the test suite checks that
the committed files equal a fresh derivation and that no upstream code is lost.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from news_statements.paths import CODELISTS

UPSTREAM = CODELISTS / "upstream"
CAMEO_FILE = UPSTREAM / "CAMEO.eventcodes.txt"
CROSSWALK_FILE = UPSTREAM / "CAMEO2PLOVER-2021.txt"

# Repairs of the GDELT copy of the CAMEO list, each named for the defect it fixes.
LABEL_FIXES = {
    "044": ("Meet at a 'third' location", "upstream label is mojibake"),
    "033": ("Express intent to provide material aid, not specified below", "upstream typo 'matyerial'"),
    "2041": ("Use chemical, biological, or radiological weapons", "upstream lacks a space"),
}
FUSED_LINE = re.compile(r"^(?P<code1>\d+)\t(?P<label1>.*?)(?P<code2>\d{2,4}):\[[-0-9.]+\] (?P<label2>.*)$")
# The crosswalk maps two codes that the CAMEO list does not have; they cannot occur in CAMEO-coded data.
CROSSWALK_ONLY = {"1213", "1214"}
DISCREPANT_1 = {"105", "106", "107", "108"}  # GDELT and PLOVER label these codes differently


def read_cameo(path: Path = CAMEO_FILE) -> pd.DataFrame:
    """Parse the CAMEO list, splitting the fused 1056/106 line and dropping the four quad-class lines."""
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines()[1:]:
        fused = FUSED_LINE.match(line)
        if fused:
            rows.append((fused["code1"], fused["label1"], "upstream line fused this code with the next"))
            rows.append((fused["code2"], fused["label2"], "upstream line fused this code with the previous"))
            continue
        code, label = line.split("\t", 1)
        if len(code) == 1:  # "1".."4" are the quad classes, not event codes
            continue
        rows.append((code, label, None))
    frame = pd.DataFrame(rows, columns=["code", "description", "notes"])
    frame["description"] = frame["description"].str.strip()
    for code, (label, why) in LABEL_FIXES.items():
        frame.loc[frame["code"] == code, ["description", "notes"]] = [label, why]
    return frame


def read_crosswalk(path: Path = CROSSWALK_FILE) -> pd.DataFrame:
    """Parse `CAMEO: PLOVER_TYPE, mode, context  # label` lines; duplicates (175) must agree."""
    pattern = re.compile(r"^(?P<code>\d+):\s*(?P<plover>[A-Z]+)\s*(?:,(?P<mode>[^,#]*))?(?:,(?P<context>[^#]*))?")
    rows = []
    for line in path.read_text(encoding="utf-8").splitlines():
        match = pattern.match(line)
        if match and len(match["code"]) >= 3:  # "03: AGREE" lines are section headings
            rows.append((match["code"], match["plover"]))
    frame = pd.DataFrame(rows, columns=["code", "plover"]).drop_duplicates()
    clashes = frame[frame["code"].duplicated(keep=False)]
    if not clashes.empty:
        raise ValueError(f"crosswalk maps a CAMEO code to several PLOVER types: {clashes.to_dict('records')}")
    return frame


def derive() -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return (cameo, plover) code lists: CAMEO codes with their PLOVER type, and the PLOVER types."""
    cameo = read_cameo()
    crosswalk = read_crosswalk()
    unknown = sorted(set(crosswalk["code"]) - set(cameo["code"]) - CROSSWALK_ONLY)
    if unknown:
        raise ValueError(f"crosswalk has codes not in the CAMEO list: {unknown}")
    cameo = cameo.merge(crosswalk, on="code", how="left")
    # Root codes ("03") take the type of their "not specified" child ("030") where it has one.
    roots = cameo["code"].str.len() == 2
    child = cameo.set_index("code")["plover"]
    cameo.loc[roots, "plover"] = (cameo.loc[roots, "code"] + "0").map(child)
    discrepant = cameo["code"].isin(DISCREPANT_1)
    cameo.loc[discrepant, "notes"] = (
        "GDELT and the PLOVER crosswalk label codes 105-108 differently; the GDELT label is kept and the "
        "crosswalk's PLOVER type for this code is applied"
    )
    cameo = cameo.sort_values("code", key=lambda s: s.str.ljust(4, " ")).reset_index(drop=True)
    plover = (
        cameo.dropna(subset=["plover"])
        .groupby("plover")["code"]
        .agg(lambda codes: "PLOVER type; CAMEO codes mapped to it: " + ", ".join(sorted(codes)))
        .rename("description")
        .reset_index()
        .rename(columns={"plover": "code"})
    )
    return cameo[["code", "description", "plover", "notes"]], plover


def write() -> None:
    cameo, plover = derive()
    cameo.to_csv(CODELISTS / "cameo.csv", index=False, lineterminator="\n")
    plover.to_csv(CODELISTS / "plover.csv", index=False, lineterminator="\n")


if __name__ == "__main__":
    write()
