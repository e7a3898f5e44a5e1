import sys

from news_statements.cli import main

sys.exit(main())
