import sys

from syria_offensive.validation.cli import main

sys.exit(main())
