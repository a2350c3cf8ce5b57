"""The system-tray icon and its scheduled tests (issue 18, "Scheduled tests").

The icon's colour is the last test's grade (the gauge's colours); its menu has "Test now", the
last result, the schedule and "Open CallCheck". The schedule's rules are
:class:`callcheck.core.schedule.TestSchedule` (pure, clock-injected); this class only asks it on
a timer and runs what is due.

A tray test, scheduled or "Test now", is one the user does not watch:

- short (:data:`TRAY_TEST_DURATION_S`) and without the capacity probe;
- no sound in the user's ears: the built-in test signal, no device opened at all (``use_devices
  = False``): no speaker output, and no microphone taken from whatever the user is doing;
- never while another app records from the microphone, where that can be detected
  (:func:`callcheck.engine.mic_busy.microphone_in_use`; the user is probably in a call and the
  test would load their network): it is put off and retried; where it cannot be detected it runs,
  with the test signal as always;
- uploaded when an upload target is configured (queued on disk while the server is away);
- silent unless the grade falls below the pass mark or the test could not run: then one
  notification with the one-line reason.

It runs its tests on its own :class:`EngineBridge`, so a scheduled test never drives the main
window's Live screen.
"""

from __future__ import annotations

import concurrent.futures
import datetime
import logging
import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Final

from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QIcon, QPainter, QPixmap
from PySide6.QtWidgets import QMenu, QSystemTrayIcon

from callcheck.core.grades import Grade, format_mos
from callcheck.core.report import Report
from callcheck.core.schedule import ScheduleSettings, TestSchedule
from callcheck.engine import mic_busy
from callcheck.engine.autostart import set_autostart
from callcheck.engine.managed_config import ManagedConfig
from callcheck.gui import texts
from callcheck.gui.bridge import EngineBridge, TestFailure, TestMode, TestOptions, TestOutcome
from callcheck.gui.gauge import DEFAULT_BAND_COLORS
from callcheck.gui.settings import AppSettings

if TYPE_CHECKING:
    # aiohttp and aiortc (under the upload queue and signalling) are imported when uploads are
    # set up, not at start: the first window must appear within 1.5 s.
    from callcheck.engine.upload_queue import UploadTarget

logger = logging.getLogger(__name__)

#: A tray test is short: enough for a stable E-model rating of the network path.
TRAY_TEST_DURATION_S: Final = 10.0
#: How often the schedule is asked (its due times are minutes to hours apart).
TICK_MS: Final = 30_000
#: The icon before any test (and while one runs): neutral grey.
NO_GRADE_COLOR: Final = "#808080"
_ICON_PX: Final = 64
_NOTIFY_MS: Final = 10_000


@dataclass(frozen=True, slots=True)
class TrayConfig:
    """What the tray tests and where its results go (from Settings and the managed config)."""

    schedule: ScheduleSettings = field(default_factory=ScheduleSettings)
    server_url: str = ""
    """Server mode against this CallCheck server; empty = a loopback test on this computer."""
    token: str = ""
    """The server's access token."""
    upload: UploadTarget | None = None
    """Where each result is sent; ``None`` = not uploaded."""
    duration_s: float = TRAY_TEST_DURATION_S


def upload_target(settings: AppSettings, managed: ManagedConfig) -> UploadTarget | None:
    """Where the app sends its results (``settings`` with the managed settings applied), or
    ``None``. The token: the admin's fleet token, else ``$CALLCHECK_FLEET_TOKEN``, else the
    server token (the server takes that when it has no fleet token of its own)."""
    if not settings.upload or not settings.server_url.strip():
        return None
    from callcheck.engine.signaling import parse_server_url
    from callcheck.engine.upload_queue import FLEET_TOKEN_ENV, UploadTarget

    try:
        base = parse_server_url(settings.server_url).base
    except ValueError:
        return None  # Settings says so where the address is used for tests
    token = managed.fleet_token or os.environ.get(FLEET_TOKEN_ENV) or settings.server_token
    return UploadTarget(base, token or None, socket.gethostname() or None)


def tray_config(settings: AppSettings, managed: ManagedConfig) -> TrayConfig:
    """The tray's tests from the settings in effect (managed settings applied)."""
    return TrayConfig(
        schedule=ScheduleSettings(
            every_h=settings.schedule_every_h or None, at_login=settings.schedule_at_login
        ),
        server_url=settings.server_url,
        token=settings.server_token,
        upload=upload_target(settings, managed),
    )


def sync_autostart(settings: AppSettings) -> None:
    """Write or remove the entry that starts the app in the tray at login, as "at login" says
    (``settings`` with the managed settings applied: the admin's choice wins where locked). A
    failure is logged: the schedule still works while the app runs."""
    try:
        set_autostart(settings.schedule_at_login)
    except OSError as exc:
        logger.warning("the at-login entry could not be updated: %s", exc)


def upload_in_background(bridge: EngineBridge, report: Report, target: UploadTarget | None) -> None:
    """Queue ``report`` and send the queue on the engine thread (never blocks the GUI)."""
    if target is None:
        return
    from callcheck.engine.upload_queue import default_queue_dir, upload_report

    future = bridge.submit(upload_report(report.to_json(), default_queue_dir(), target))
    future.add_done_callback(_log_upload)


def grade_icon(color: str) -> QIcon:
    """A filled circle of ``color`` (the tray shows it at 16–32 px)."""
    pixmap = QPixmap(_ICON_PX, _ICON_PX)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QColor("#202124"))
    painter.setBrush(QColor(color))
    painter.drawEllipse(4, 4, _ICON_PX - 8, _ICON_PX - 8)
    painter.end()
    return QIcon(pixmap)


def _schedule_text(settings: ScheduleSettings) -> str:
    hours = f"{settings.every_h:g}" if settings.every_h else ""
    if settings.at_login and hours:
        return texts.TRAY_SCHEDULE_BOTH.format(hours=hours)
    if hours:
        return texts.TRAY_SCHEDULE_EVERY.format(hours=hours)
    if settings.at_login:
        return texts.TRAY_SCHEDULE_LOGIN
    return texts.TRAY_SCHEDULE_OFF


class CallCheckTray(QObject):
    """The tray icon, its menu and the scheduled tests.

    Signals: ``notified(title, message)`` for every notification shown; ``reportReady(Report)``
    for every report a tray test made (the window stores it in the history);
    ``openRequested()`` and ``quitRequested()`` from the menu.
    """

    notified = Signal(str, str)
    reportReady = Signal(object)
    openRequested = Signal()
    quitRequested = Signal()

    def __init__(
        self,
        config: TrayConfig,
        *,
        clock: Callable[[], float] = time.monotonic,
        microphone_in_use: Callable[[], bool | None] = mic_busy.microphone_in_use,
        bridge: EngineBridge | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._config = config
        self._clock = clock
        self._microphone_in_use = microphone_in_use
        self.schedule = TestSchedule(config.schedule, clock())
        self.bridge = bridge if bridge is not None else EngineBridge(self)
        self.bridge.finished.connect(self._on_finished)
        self.bridge.failure.connect(self._on_failure)
        self.bridge.cancelled.connect(self._on_cancelled)
        self.icon_color = NO_GRADE_COLOR
        self.icon = QSystemTrayIcon(grade_icon(NO_GRADE_COLOR), self)
        self.icon.setToolTip(texts.TRAY_TOOLTIP)
        self.menu = QMenu()
        self.testNowAction = QAction(texts.TRAY_TEST_NOW, self.menu)
        self.testNowAction.triggered.connect(self.test_now)
        self.lastResultAction = QAction(texts.TRAY_NO_RESULT, self.menu)
        self.lastResultAction.setEnabled(False)  # information, not a command
        self.scheduleAction = QAction(_schedule_text(config.schedule), self.menu)
        self.scheduleAction.setEnabled(False)
        openAction = QAction(texts.TRAY_OPEN, self.menu)
        openAction.triggered.connect(self.openRequested)
        quitAction = QAction(texts.TRAY_QUIT, self.menu)
        quitAction.triggered.connect(self.quitRequested)
        self.menu.addAction(self.testNowAction)
        self.menu.addAction(self.lastResultAction)
        self.menu.addAction(self.scheduleAction)
        self.menu.addSeparator()
        self.menu.addAction(openAction)
        self.menu.addAction(quitAction)
        self.icon.setContextMenu(self.menu)
        self.timer = QTimer(self)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(self.tick)
        self.last_options: TestOptions | None = None
        """The options of the last tray test (tests read what it asked the engine for)."""

    @staticmethod
    def available() -> bool:
        """This desktop has a system tray to live in."""
        return QSystemTrayIcon.isSystemTrayAvailable()

    def start(self) -> None:
        """Show the icon (where there is a tray) and start asking the schedule."""
        if self.available():
            self.icon.show()
        self.timer.start()

    def change(self, config: TrayConfig) -> None:
        """New settings: the schedule and the target of the next tests."""
        self._config = config
        self.schedule.change(config.schedule)
        self.scheduleAction.setText(_schedule_text(config.schedule))

    def shutdown(self) -> None:
        """Stop the timer, any running test and the engine thread."""
        self.timer.stop()
        self.icon.hide()
        self.bridge.shutdown()

    # ------------------------------------------------------------------ running tests

    def tick(self) -> None:
        """Run the scheduled test when it is due (the timer calls this)."""
        now = self._clock()
        if self.bridge.isRunning() or not self.schedule.due(now):
            return
        if self._microphone_in_use() is True:
            self.schedule.put_off(now)
            self.lastResultAction.setText(texts.TRAY_PUT_OFF)
            return
        self._start(now)

    def test_now(self) -> None:
        """ "Test now" from the menu: the same quiet test, at once."""
        if not self.bridge.isRunning():
            self._start(self._clock())

    def options(self) -> TestOptions:
        """The test a tray test runs (see the module docstring)."""
        server = self._config.server_url.strip()
        mode: TestMode = "server" if server else "loopback"
        return TestOptions(
            mode=mode,
            duration_s=self._config.duration_s,
            server_url=server,
            token=self._config.token,
            use_devices=False,  # no speaker output, no microphone: the test signal
            probe=False,
        )

    def _start(self, now: float) -> None:
        self.schedule.started(now)
        self.icon_color = NO_GRADE_COLOR
        self.icon.setIcon(grade_icon(NO_GRADE_COLOR))
        self.lastResultAction.setText(texts.TRAY_RUNNING)
        self.last_options = self.options()
        self.bridge.start_test(self.last_options)

    # ------------------------------------------------------------------ outcomes

    def _on_finished(self, outcome: TestOutcome) -> None:
        self.schedule.finished()
        data = outcome.report.to_json()
        verdict = data["verdict"]
        mos = verdict.get("mos")
        when = _local_time(data.get("started_at"))
        if mos is None:
            self._show_failure(when, verdict.get("summary") or texts.TRAY_FAILED)
        else:
            grade = Grade(verdict["grade"])
            self._set_color(DEFAULT_BAND_COLORS[grade])
            self.lastResultAction.setText(
                texts.TRAY_LAST_RESULT.format(
                    time=when, mos=format_mos(float(mos)), grade=texts.grade_name(grade)
                )
            )
            if not verdict.get("passed"):
                self.notify(texts.TRAY_BELOW_PASS, _one_line(verdict.get("summary", "")))
        self._deliver(outcome.report)

    def _on_failure(self, failure: TestFailure) -> None:
        self.schedule.finished()
        self._show_failure(_local_time(None), failure.message)
        if failure.report is not None:
            self._deliver(failure.report)

    def _on_cancelled(self) -> None:
        self.schedule.finished()
        self.lastResultAction.setText(texts.TRAY_NO_RESULT)

    def _show_failure(self, when: str, reason: str) -> None:
        self._set_color(DEFAULT_BAND_COLORS[Grade.BAD])
        self.lastResultAction.setText(texts.TRAY_LAST_FAILED.format(time=when))
        self.notify(texts.TRAY_FAILED, _one_line(reason))

    def _set_color(self, color: str) -> None:
        self.icon_color = color
        self.icon.setIcon(grade_icon(color))

    def notify(self, title: str, message: str) -> None:
        """One notification (only for a result below the pass mark or a test that failed)."""
        self.icon.showMessage(title, message, QSystemTrayIcon.MessageIcon.Warning, _NOTIFY_MS)
        self.notified.emit(title, message)

    def _deliver(self, report: Report) -> None:
        self.reportReady.emit(report)
        upload_in_background(self.bridge, report, self._config.upload)


def _log_upload(future: Any) -> None:
    try:
        result = future.result()
    except concurrent.futures.CancelledError:
        # The app is closing: what was not sent is still in the queue for the next start.
        logger.info("upload stopped by the app closing; the queue keeps the report")
        return
    except Exception:
        logger.exception("the upload of a tray test failed")
        return
    if result.error is not None:
        logger.warning("upload put off: %s (%d queued)", result.error, result.pending)


def _one_line(text: str) -> str:
    """The first line of ``text``: a notification carries one line."""
    return (text or "").strip().splitlines()[0] if (text or "").strip() else ""


def _local_time(iso: str | None) -> str:
    """HH:MM in local time of an ISO 8601 moment (now when there is none)."""
    try:
        moment = datetime.datetime.fromisoformat(iso) if iso else datetime.datetime.now()
    except ValueError:
        moment = datetime.datetime.now()
    if moment.tzinfo is not None:
        moment = moment.astimezone()
    return moment.strftime("%H:%M")
