"""How long one MOS gauge repaint takes at 400 px, offscreen (issue 7: ≤ 2 ms).

Not a unit test: run it and read the figure.

    QT_QPA_PLATFORM=offscreen .venv/bin/python tests/benchmarks/bench_gauge_repaint.py

Measures two paths with ``time.perf_counter``: ``repaint()`` of a shown widget (a synchronous
paint into the window's backing store, what the live screen costs per frame) and ``grab()`` (a
paint into a fresh pixmap, which adds the pixmap's allocation). The needle moves between frames
so every frame draws something new; the cached dial layer is built once, before timing, as it
is on screen.
"""

from __future__ import annotations

import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtWidgets import QApplication

from callcheck.gui.gauge import MosGauge

WIDTH_PX = 400
FRAMES = 2000
BUDGET_MS = 2.0


def _time_ms(gauge: MosGauge, draw: str) -> list[float]:
    samples: list[float] = []
    for i in range(FRAMES):
        gauge.setValue(1.0 + (i % 400) / 100.0)  # 1.00 … 4.99: the needle and text change
        start = time.perf_counter()
        if draw == "repaint":
            gauge.repaint()
        else:
            gauge.grab()
        samples.append((time.perf_counter() - start) * 1000.0)
    return samples


def main() -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    gauge = MosGauge()
    gauge.animationDuration = 0
    gauge.resize(WIDTH_PX, gauge.heightForWidth(WIDTH_PX))
    gauge.show()
    gauge.setValue(2.0)
    gauge.setValue(4.2)
    gauge.repaint()  # build the dial cache, as the first frame on screen does
    app.processEvents()
    worst_median = 0.0
    for draw in ("repaint", "grab"):
        samples = sorted(_time_ms(gauge, draw))
        median = statistics.median(samples)
        p95 = samples[int(0.95 * len(samples))]
        worst_median = max(worst_median, median)
        print(
            f"gauge {draw:7s} at {WIDTH_PX} px: median {median:.3f} ms, p95 {p95:.3f} ms, "
            f"max {samples[-1]:.3f} ms over {FRAMES} frames (budget {BUDGET_MS} ms)"
        )
    gauge.resize(WIDTH_PX, gauge.heightForWidth(WIDTH_PX) + 1)  # dial cache rebuilt on resize
    start = time.perf_counter()
    gauge.repaint()
    rebuilt_ms = (time.perf_counter() - start) * 1000.0
    print(f"gauge repaint with the dial redrawn (after a resize): {rebuilt_ms:.3f} ms")
    return 0 if worst_median <= BUDGET_MS else 1


if __name__ == "__main__":
    sys.exit(main())
