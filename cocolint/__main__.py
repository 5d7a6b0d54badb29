"""Entry point for `python -m cocolint`."""

import sys

from cocolint.cli import main

sys.exit(main())
