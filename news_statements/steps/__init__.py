"""The build's steps, one table group each, in the order `build.assemble` runs them (as in OWID's etl/steps/).

Each step is one short module with one `run(...)` that takes the curated frames (and the tables of earlier
steps it needs), returns its table(s) with their provenance columns (`_file`, `_line`), and appends every
problem it finds to the shared list. frames.py holds what several steps share. Steps are at the build layer:
they call transforms/, curation, problems and metadata, never build.py.
"""

from news_statements.steps import (
    actors,
    articles,
    event_places,
    events,
    figures,
    mentions,
    places,
    reports,
    statement_events,
    statements,
    voice,
)

__all__ = [
    "actors",
    "articles",
    "event_places",
    "events",
    "figures",
    "mentions",
    "places",
    "reports",
    "statement_events",
    "statements",
    "voice",
]
