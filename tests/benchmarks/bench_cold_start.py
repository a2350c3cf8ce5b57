"""Cold start to the first window of the desktop app (issue 7: ≤ 1.5 s on this machine).

Not a unit test: run it and read the figure.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_cold_start.py

Each run starts a fresh interpreter, builds the main window as ``callcheck gui`` does, and
prints when the window has been shown and the event loop has run once; the figure is the wall
time from launching the process to that line. Also reports whether aiortc was imported by then
(it must not be: it loads on the engine thread after the window is up).
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time

RUNS = 5
BUDGET_S = 1.5
CHILD = (
    "import sys\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication\n"
    "app = QApplication(['callcheck'])\n"
    "from callcheck.gui.app import MainWindow\n"
    "window = MainWindow()\n"
    "window.show()\n"
    "def shown():\n"
    "    print('shown', 'aiortc' in sys.modules, flush=True)\n"
    "    window.bridge.shutdown()\n"
    "    app.quit()\n"
    "QTimer.singleShot(0, shown)\n"
    "app.exec()\n"
)


def main() -> int:
    env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen")}
    times: list[float] = []
    for _ in range(RUNS):
        start = time.perf_counter()
        child = subprocess.Popen(
            [sys.executable, "-c", CHILD], stdout=subprocess.PIPE, text=True, env=env
        )
        assert child.stdout is not None
        line = child.stdout.readline().split()
        times.append(time.perf_counter() - start)
        child.wait(30)
        if line[:1] != ["shown"]:
            print("the window did not come up")
            return 1
        if line[1] == "True":
            print("aiortc was imported before the first window")
    median = statistics.median(times)
    print(
        f"cold start to first window: median {median:.3f} s, "
        f"runs {', '.join(f'{t:.3f}' for t in times)} (budget {BUDGET_S} s)"
    )
    return 0 if median <= BUDGET_S else 1


if __name__ == "__main__":
    sys.exit(main())
