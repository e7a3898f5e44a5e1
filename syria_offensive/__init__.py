"""syria-offensive-2024: what news articles report about the late-November 2024 HTS-led offensive.

This corpus's module: its load() carries the current release's data (the tables follow the News Statements
Data Package; the tools are the `news_statements` toolkit's).

import syria_offensive
statements = syria_offensive.load("statements")   # the bundled release, typed by the schema
folder = syria_offensive.package_path()           # its files, for DuckDB, polars or R
"""

from syria_offensive.load import LoadError, load, package_path

__all__ = ["LoadError", "load", "package_path"]
