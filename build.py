"""Build the data package: sources/ + curation/ -> datasets/. Run through `make build`."""

import sys

from news_statements.build import main

if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
