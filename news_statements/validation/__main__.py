import sys

from news_statements.validation.cli import main

sys.exit(main())
