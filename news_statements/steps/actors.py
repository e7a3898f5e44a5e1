"""Step: the actors and their aliases, from curation/actors.yaml (the aliases also drive the name mentions)."""

from __future__ import annotations

import pandas as pd

from news_statements.steps.frames import PROVENANCE, join_notes, labelled


def run(frames: dict[str, pd.DataFrame]) -> tuple[pd.DataFrame, pd.DataFrame]:
    """actors (the Wikidata basis folded into the notes) and actor_aliases."""
    a = frames["actors"]
    actors = pd.DataFrame(
        {
            "actor_id": a["id"],
            "name": a["name"],
            "actor_type": a["type"],
            "country": a["country"],
            "parent_actor_id": a["parent"],
            "wikidata_qid": a["wikidata_qid"],
            "description": a["description"],
            "notes": join_notes(a["notes"], labelled("Wikidata", a["wikidata_basis"])),
            "_file": a["_file"],
            "_line": a["_line"],
        }
    )
    al = frames["actor_aliases"]
    return actors, al[["actor_id", "alias", *PROVENANCE]].copy()
