import sys

from syria_offensive.cli import main

sys.exit(main())
