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

from news_statements.copies import LoadError, read  # noqa: E402

__all__ = ["LoadError", "read"]
