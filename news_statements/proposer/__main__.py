import sys

from news_statements.proposer.cli import main

sys.exit(main())
