"""The Live test screen: the MOS gauge, charts of RTT, jitter, loss and MOS, progress, Cancel.

pyqtgraph is imported when this screen is first built, not at GUI start (cold start ≤ 1.5 s).
Snapshots come 4 times a second; the charts are redrawn at that rate, not per packet.

Keeping the GUI thread responsive (issue 7: no stall over 50 ms) shaped the charts: the lines
are 1 px cosmetic pens (Qt's raster engine strokes wider antialiased paths ~4× slower), the time
axis is fixed to the test's length (no axis re-layout per update), and a snapshot's four charts
are updated one per event-loop turn, so each repaint is a few milliseconds instead of one long
one. Measured with ``tests/benchmarks/bench_gui_stall.py``.
"""

from __future__ import annotations

import math
from typing import Any

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QEvent, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from callcheck.core.grades import PASS_MOS
from callcheck.engine.snapshots import LiveSnapshot
from callcheck.gui import texts
from callcheck.gui.gauge import MOS_HIGH, MOS_LOW, MosGauge
from callcheck.gui.share_panel import SharePanel

PROGRESS_STEPS = 1000
LINE_WIDTH_PX = 1
CHART_STEP_MS = 1
PRERENDER_PASSES = 3
"""Pause between the charts' updates of one snapshot: lets Qt paint each on its own turn."""


class _Series:
    """A second line on a chart, redrawn with it."""

    def __init__(self, curve: Any) -> None:
        self.curve = curve
        self.t: list[float] = []
        self.y: list[float] = []

    def append(self, t_s: float, value: float | None) -> None:
        self.t.append(t_s)
        self.y.append(math.nan if value is None else value)

    def redraw(self) -> None:
        self.curve.setData(self.t, self.y, connect="finite")

    def clear(self) -> None:
        self.t.clear()
        self.y.clear()
        self.curve.setData([], [])


class _Chart:
    """One live time series."""

    def __init__(self, title: str, pen: str, y_range: tuple[float, float] | None = None) -> None:
        self.widget = pg.PlotWidget()
        self.title = title
        self.widget.setTitle(title)
        self.widget.setLabel("bottom", texts.CHART_TIME_AXIS)
        self.widget.showGrid(x=False, y=True, alpha=0.2)
        self.widget.setMenuEnabled(False)
        self.widget.setMouseEnabled(x=False, y=False)
        self.widget.setMinimumHeight(120)
        if y_range is not None:
            self.widget.setYRange(*y_range, padding=0.05)
        else:
            self.widget.enableAutoRange(axis="y")
            self.widget.setLimits(yMin=0)  # delay, jitter and loss are never negative
        self.widget.disableAutoRange(axis="x")
        self.curve: Any = self.widget.plot(pen=pg.mkPen(pen, width=LINE_WIDTH_PX))
        for name in ("left", "bottom"):
            # Replaying an axis's QPicture (tick labels) costs ~2 ms per paint; a pixmap cache
            # is a blit until the axis really changes (bench_gui_stall.py).
            self.widget.getPlotItem().getAxis(name).setCacheMode(
                QGraphicsItem.CacheMode.DeviceCoordinateCache
            )
        self.t: list[float] = []
        self.y: list[float] = []
        self.extras: list[_Series] = []

    def add_series(self, pen: Any) -> _Series:
        """Another line on this chart (redrawn and cleared with it)."""
        series = _Series(self.widget.plot(pen=pen))
        self.extras.append(series)
        return series

    def add(self, t_s: float, value: float | None) -> None:
        self.append(t_s, value)
        self.redraw()

    def append(self, t_s: float, value: float | None) -> None:
        """Record a point (drawn by the next :meth:`redraw`)."""
        self.t.append(t_s)
        self.y.append(math.nan if value is None else value)

    def redraw(self) -> None:
        self.curve.setData(self.t, self.y, connect="finite")
        for series in self.extras:
            series.redraw()

    def set_duration(self, duration_s: float) -> None:
        self.widget.setXRange(0.0, max(1.0, duration_s), padding=0.02)

    def clear(self) -> None:
        self.t.clear()
        self.y.clear()
        self.curve.setData([], [])
        for series in self.extras:
            series.clear()


class LiveScreen(QWidget):
    """Shows a running test; emits ``cancelRequested`` when the user presses Cancel."""

    cancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        pg.setConfigOptions(
            antialias=True, background=None, foreground=self.palette().text().color()
        )
        self.title = QLabel(texts.LIVE_TITLE)
        self.title.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.status = QLabel(texts.LIVE_CONNECTING)
        self.gauge = MosGauge()
        self.progress = QProgressBar()
        self.progress.setRange(0, PROGRESS_STEPS)
        self.progress.setTextVisible(True)
        self.cancelButton = QPushButton(texts.LIVE_CANCEL)
        self.cancelButton.setObjectName("cancelButton")
        self.cancelButton.clicked.connect(self.cancelRequested)
        self.cancelButton.setToolTip(texts.LIVE_CANCEL_TIP)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._escape)

        # Okabe–Ito colours, as the gauge.
        self.rtt = _Chart(texts.CHART_RTT, "#0072B2")
        self.jitter = _Chart(texts.CHART_JITTER, "#CC79A7")
        self.loss = _Chart(texts.CHART_LOSS, "#D55E00")
        self.mos = _Chart(texts.CHART_MOS, "#009E73", (MOS_LOW, MOS_HIGH))
        self.mos.widget.addItem(
            pg.InfiniteLine(PASS_MOS, angle=0, pen=pg.mkPen("#888", style=Qt.PenStyle.DashLine))
        )
        # The MOS chart's second line: the last second's rating (recent trouble), thin and
        # dotted under the call-so-far line the gauge shows.
        self.mosRecent = self.mos.add_series(
            pg.mkPen("#E69F00", width=1, style=Qt.PenStyle.DotLine)
        )
        charts = QGridLayout()
        for i, chart in enumerate((self.rtt, self.jitter, self.loss, self.mos)):
            charts.addWidget(chart.widget, i // 2, i % 2)

        top = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.title)
        left.addWidget(self.status)
        left.addWidget(self.gauge, 1)
        # Issue 17: the view code the employee reads to the helpdesk, while sharing.
        self.sharePanel = SharePanel()
        left.addWidget(self.sharePanel)
        top.addLayout(left, 2)
        top.addLayout(charts, 3)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress, 1)
        bottom.addWidget(self.cancelButton)
        layout = QVBoxLayout(self)
        layout.addLayout(top, 1)
        layout.addLayout(bottom)
        self._pending: list[_Chart] = []
        self._chartTimer = QTimer(self)
        self._chartTimer.setSingleShot(True)
        self._chartTimer.setInterval(CHART_STEP_MS)
        self._chartTimer.timeout.connect(self._redraw_next)
        self.apply_palette()

    def _escape(self) -> None:
        if self.cancelButton.isEnabled():
            self.cancelButton.setEnabled(False)
            self.cancelRequested.emit()

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.apply_palette()

    def apply_palette(self) -> None:
        """Re-colour the charts' axes and titles for the current (light or dark) palette."""
        if not hasattr(self, "mos"):  # a palette change during construction
            return
        foreground = self.palette().windowText().color()
        for chart in (self.rtt, self.jitter, self.loss, self.mos):
            plot = chart.widget.getPlotItem()
            plot.setTitle(chart.title, color=foreground)
            for name in ("left", "bottom"):
                axis = plot.getAxis(name)
                axis.setPen(foreground)
                axis.setTextPen(foreground)

    def begin(self, duration_s: float) -> None:
        """A new test starts: clear everything and focus Cancel."""
        self.prepare(duration_s)
        self.cancelButton.setFocus()

    def prepare(self, duration_s: float) -> None:
        """Clear everything for a test of ``duration_s`` (also used to pre-render the screen)."""
        self.status.setText(texts.LIVE_CONNECTING)
        self.gauge.clear()
        self._pending.clear()
        for chart in self.charts():
            chart.clear()
            chart.set_duration(duration_s)
        self.progress.setValue(0)
        self.progress.setFormat(texts.time_left(duration_s))
        self.cancelButton.setEnabled(True)

    def prerender(self) -> None:
        """Paint the screen off-screen until pyqtgraph's axes have settled.

        An axis sizes itself to its tick labels only after its first paint; the resize throws
        its cached picture away, so the first grab is not enough: grab again (at most
        :data:`PRERENDER_PASSES` times) until every axis has its picture at its final size.
        """
        for _ in range(PRERENDER_PASSES):
            self.grab()
            # The axes' new widths arrive as posted layout events: deliver them now.
            QCoreApplication.sendPostedEvents()
            if all(getattr(axis, "picture", None) is not None for axis in self._axes()):
                return

    def _axes(self) -> list[Any]:
        return [
            chart.widget.getPlotItem().getAxis(name)
            for chart in self.charts()
            for name in ("left", "bottom")
        ]

    def charts(self) -> tuple[_Chart, _Chart, _Chart, _Chart]:
        """Round trip, jitter, loss and MOS."""
        return (self.rtt, self.jitter, self.loss, self.mos)

    def _redraw_next(self) -> None:
        if self._pending:
            self._pending.pop(0).redraw()
        if self._pending:
            self._chartTimer.start()

    def show_snapshot(self, snapshot: LiveSnapshot) -> None:
        """Render one live snapshot (the worse direction's figures, as the CLI prints)."""
        up, down = snapshot.uplink, snapshot.downlink
        rtt = down.rtt_ms if down.rtt_ms is not None else up.rtt_ms
        t = snapshot.elapsed_s
        quality = snapshot.quality
        self.rtt.append(t, rtt)
        self.jitter.append(t, max(up.jitter_ms, down.jitter_ms))
        self.loss.append(t, max(up.loss_interval_pct, down.loss_interval_pct))
        self.mos.append(t, None if quality is None else quality.mos)
        recent = snapshot.quality_recent
        self.mosRecent.append(t, None if recent is None else recent.mos)
        for chart in self.charts():
            if chart not in self._pending:
                self._pending.append(chart)
        self._chartTimer.start()
        if quality is not None:
            self.gauge.setValue(quality.mos)
        if recent is not None:
            self.gauge.noteRecent(recent.mos)
            self.status.setText(texts.LIVE_MEASURING)
        self.progress.setValue(round(snapshot.progress * PROGRESS_STEPS))
        self.progress.setFormat(texts.time_left(snapshot.duration_s - snapshot.elapsed_s))
