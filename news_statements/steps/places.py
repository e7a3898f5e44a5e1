"""Step: the places, from curation/places.yaml (their aliases drive the place mentions)."""

from __future__ import annotations

import pandas as pd

from news_statements.steps.frames import join_notes, labelled


def run(frames: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """places (the GeoNames basis folded into the notes)."""
    p = frames["places"]
    return pd.DataFrame(
        {
            "place_id": p["id"],
            "name": p["name"],
            "place_type": p["type"],
            "country": p["country"],
            "admin1": p["admin1"],
            "latitude": p["latitude"],
            "longitude": p["longitude"],
            "coordinate_precision": p["coordinate_precision"],
            "coordinate_basis": p["coordinate_basis"],
            "geonames_id": p["geonames_id"],
            "notes": join_notes(p["notes"], labelled("GeoNames", p["geonames_basis"])),
            "_file": p["_file"],
            "_line": p["_line"],
        }
    )
