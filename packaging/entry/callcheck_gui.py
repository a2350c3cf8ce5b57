"""Frozen entry point of the windowed executable `callcheck-gui` (desktop entry, Start menu, .app).

It runs the desktop app directly: a windowed executable has no console to print usage to.
"""

import sys

from callcheck.gui.app import run_gui

if __name__ == "__main__":
    sys.exit(run_gui(sys.argv[1:]))
