"""Frozen entry point of the console executable `callcheck` (the whole CLI, and `callcheck gui`)."""

import sys

from callcheck.launcher import main

if __name__ == "__main__":
    sys.exit(main())
