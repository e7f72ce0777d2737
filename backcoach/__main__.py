"""`python -m backcoach` runs the command line."""

import sys

from backcoach.cli import main

sys.exit(main())
