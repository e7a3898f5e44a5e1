import sys

from news_statements.extras import missing_extra

try:
    from news_statements.validation.cli import main
except ModuleNotFoundError as err:  # a reading-only install
    sys.exit(missing_extra(err, "validate", "python -m news_statements.validation"))

sys.exit(main())
