"""The News Statements toolkit: the standard's tables built, checked, read, browsed and drawn for any corpus of
news articles (a corpus folder: news_statements.layout). It knows no corpus; this repository's corpus is the
`syria_offensive` module, whose load() carries its data.

    news-statements init my-corpus     # a new corpus folder; then build, check, validate, database, pictures
    from news_statements import read
    tables = read("my-corpus/datasets")   # any copy of a package that follows the standard, typed
"""

import warnings

# pandera imports pyspark.pandas whenever pyspark is installed (the `spark` extra), and pyspark warns there, at
# every run, that it does not support pandas 3. Nothing here uses pyspark.pandas (spark_engine speaks SQL).
warnings.filterwarnings("ignore", message="PySpark does not yet fully support pandas", category=FutureWarning)

__all__ = ["LoadError", "read"]


def __getattr__(name: str) -> object:
    """`read` and `LoadError`, imported when first asked for: the validator and the other commands import this
    package without what reading a copy into frames needs (pandas)."""
    if name in __all__:
        from news_statements import copies

        return getattr(copies, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
