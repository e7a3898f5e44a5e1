"""python -m news_statements.pictures"""

import sys

from news_statements.pictures import main

sys.exit(main())
