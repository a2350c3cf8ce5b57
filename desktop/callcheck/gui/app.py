"""The desktop app: ``run_gui`` (what ``callcheck gui`` calls) and the main window.

Screens live in a stack: Start → Live test → Results (or the error screen), with History and
Settings reachable from the toolbar. The window owns one :class:`EngineBridge`; closing the
window stops a running test and the engine thread.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import uuid
from dataclasses import replace
from datetime import datetime
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence, QResizeEvent
from PySide6.QtWidgets import (
    QApplication,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPlainTextEdit,
    QPushButton,
    QStackedWidget,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from callcheck import __build__, __version__
from callcheck.core.report import Report, failure_report, public_server_url
from callcheck.core.report_text import summary_text
from callcheck.engine.autostart import TRAY_FLAG
from callcheck.engine.managed_config import ManagedConfig, ManagedConfigError, load_managed_config
from callcheck.gui import texts
from callcheck.gui.bridge import (
    ECHO_IN_CALL,
    ECHO_PLAYING,
    ECHO_RECORDING,
    NO_SERVER,
    EchoOutcome,
    EchoRequest,
    EngineBridge,
    TestFailure,
    TestMode,
    TestOptions,
    TestOutcome,
)
from callcheck.gui.connectivity_view import ConnectivityBox
from callcheck.gui.echo_controls import NO_NETWORK, simulated_network_text
from callcheck.gui.history import CompareScreen, HistoryScreen
from callcheck.gui.history_store import HistoryEntry, HistoryError, HistoryStore
from callcheck.gui.i18n import (
    SOURCE_LANGUAGE,
    chosen_locale,
    install_translations,
    language_name,
    locale_for,
    shipped_languages,
)
from callcheck.gui.settings import (
    CODECS,
    MAX_DURATION_S,
    MIN_DURATION_S,
    THEMES,
    AppSettings,
    SettingsStore,
    apply_managed,
)
from callcheck.gui.share_panel import RunAgainPrompt
from callcheck.gui.start_screen import StartScreen
from callcheck.gui.theme import apply_theme
from callcheck.gui.tray import (
    CallCheckTray,
    sync_autostart,
    tray_config,
    upload_in_background,
    upload_target,
)

if TYPE_CHECKING:
    from callcheck.engine.live_share import ShareInfo
    from callcheck.engine.snapshots import LiveSnapshot
    from callcheck.gui.device_service import BackendFactory
    from callcheck.gui.devices_screen import DevicesScreen
    from callcheck.gui.live_screen import LiveScreen
    from callcheck.gui.results_screen import ResultsScreen
    from callcheck.gui.room_screen import RoomScreen

#: Qt's application name: an identifier (Qt derives paths from it), never translated.
APP_ID = "CallCheck"
MINIMUM_SIZE = QSize(720, 520)
DEFAULT_SIZE = QSize(1100, 720)
#: Delay between showing the Live screen and submitting the call to the engine thread.
START_DEFER_MS = 0
#: After the window is resized, pre-render the chart screen again once resizing has paused.
PRERENDER_AFTER_RESIZE_MS = 400
#: "Hear yourself": how long the user speaks (a sentence or two; the call adds under 1 s).
ECHO_SECONDS = 5.0

logger = logging.getLogger(__name__)


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 20px; font-weight: bold;")
    return label


def _device_fact(raw: str) -> str:
    """A device for the helpdesk: the plain name the screens show, and the system's id
    after it when that differs (a technician may need the id)."""
    plain = texts.device_name(raw)
    return plain if not raw or raw == plain else f"{plain} ({raw})"


class ErrorScreen(QWidget):
    """The test could not run: what happened, what to do, what was checked, and the ways on."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.failure: TestFailure | None = None
        self.message = QLabel()
        self.message.setObjectName("errorMessage")
        self.message.setWordWrap(True)
        self.message.setStyleSheet("font-size: 16px; font-weight: bold;")
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.advice = QLabel()
        self.advice.setObjectName("errorAdvice")
        self.advice.setWordWrap(True)
        self.advice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details = QLabel()
        self.details.setObjectName("errorDetails")
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.connectivity = ConnectivityBox()
        self.tryAgainButton = QPushButton(texts.ERROR_TRY_AGAIN)
        self.settingsButton = QPushButton(texts.ERROR_OPEN_SETTINGS)
        self.settingsButton.hide()
        self.backButton = QPushButton(texts.ERROR_BACK)
        # A failed test is a report too (kept in History): its summary goes into a ticket.
        self.report: dict[str, Any] | None = None
        self.copyButton = QPushButton(texts.ERROR_COPY)
        self.copyButton.setObjectName("errorCopyButton")
        self.copyButton.clicked.connect(self.copy_summary)
        self.copyButton.setEnabled(False)
        self.copied = QLabel()
        self.copied.setObjectName("errorCopied")
        self.copied.setWordWrap(True)
        buttons = QHBoxLayout()
        for button in (self.tryAgainButton, self.settingsButton, self.copyButton, self.backButton):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(_title(texts.ERROR_TITLE))
        layout.addWidget(self.message)
        layout.addWidget(self.advice)
        layout.addWidget(self.details)
        layout.addWidget(self.connectivity)
        layout.addLayout(buttons)
        layout.addWidget(self.copied)
        layout.addStretch(2)

    def setReport(self, report: dict[str, Any] | None, note: str = "") -> None:
        """The failed test's report (what "Copy for the helpdesk" copies); ``note`` says when
        it could not be kept in the history."""
        self.report = report
        self.copyButton.setEnabled(report is not None)
        self.copied.setText(note)

    def copy_summary(self) -> None:
        """Put the failed test's summary, with the helpdesk facts, on the clipboard."""
        if self.report is None:
            return
        QGuiApplication.clipboard().setText(summary_text(self.report, texts.translate))
        self.copied.setText(texts.RESULTS_COPIED)

    def show_failure(self, failure: TestFailure) -> None:
        """What happened (plain words for the reason), what to do, the details and checks."""
        self.failure = failure
        headline, advice = texts.FAILURES.get(failure.reason_code, texts.FAILURE_DEFAULT)
        self.message.setText(headline)
        # The generic headline repeats the page title: say it once.
        self.message.setVisible(headline.rstrip(".") != texts.ERROR_TITLE.rstrip("."))
        self.advice.setText(texts.ERROR_WHAT_TO_DO.format(advice=advice))
        detail = failure.message if failure.message != headline else ""
        self.details.setText(texts.ERROR_DETAILS.format(message=detail) if detail else "")
        self.details.setVisible(bool(detail))
        self.connectivity.show_section(failure.connectivity)
        self.settingsButton.setVisible(failure.reason_code in texts.FAILURES_FIXED_IN_SETTINGS)


class SettingsScreen(QWidget):
    """Test length, codec and ICE servers, saved to the settings file."""

    def __init__(
        self,
        store: SettingsStore,
        parent: QWidget | None = None,
        *,
        managed: ManagedConfig | None = None,
    ) -> None:
        super().__init__(parent)
        self._store = store
        self._managed = managed or ManagedConfig()
        self._base = AppSettings()
        self.duration = QDoubleSpinBox()
        self.duration.setRange(MIN_DURATION_S, MAX_DURATION_S)
        self.duration.setDecimals(0)
        self.duration.setSuffix(texts.SETTINGS_DURATION_SUFFIX)
        self.codec = QComboBox()
        for key in CODECS:
            self.codec.addItem(texts.CODEC_NAMES[key], key)
        self.ice = QPlainTextEdit()
        self.ice.setTabChangesFocus(True)
        self.ice.setMaximumHeight(100)
        self.serverUrl = QLineEdit()
        self.serverUrl.setPlaceholderText("https://callcheck.example.com:8443")
        self.serverToken = QLineEdit()
        # A secret: masked by default (issue 16); the eye shows it while the user asks to.
        self.serverToken.setEchoMode(QLineEdit.EchoMode.Password)
        self.showToken = self.serverToken.addAction(
            self.style().standardIcon(self.style().StandardPixmap.SP_FileDialogContentsView),
            QLineEdit.ActionPosition.TrailingPosition,
        )
        self.showToken.setCheckable(True)
        self.showToken.setToolTip(texts.SETTINGS_SHOW_TOKEN)
        self.showToken.toggled.connect(
            lambda shown: self.serverToken.setEchoMode(
                QLineEdit.EchoMode.Normal if shown else QLineEdit.EchoMode.Password
            )
        )
        self.scheduleEvery = QDoubleSpinBox()
        self.scheduleEvery.setRange(0, 24 * 7)
        self.scheduleEvery.setDecimals(0)
        self.scheduleEvery.setSuffix(texts.SETTINGS_HOURS_SUFFIX)
        self.scheduleEvery.setSpecialValueText(texts.SETTINGS_SCHEDULE_OFF)  # 0 = off
        self.scheduleAtLogin = QCheckBox(texts.SETTINGS_AT_LOGIN)
        self.upload = QCheckBox(texts.SETTINGS_UPLOAD)
        self.theme = QComboBox()
        for key in THEMES:
            self.theme.addItem(texts.THEME_NAMES[key], key)
        # Issue 16: each language in its own words, so that a user lost in a language they do
        # not read still finds theirs; "" follows the system.
        self.language = QComboBox()
        self.language.addItem(texts.SETTINGS_LANGUAGE_SYSTEM, "")
        for code in [SOURCE_LANGUAGE, *shipped_languages()]:
            self.language.addItem(language_name(code), code)
        self.saveButton = QPushButton(texts.SETTINGS_SAVE_MNEMONIC)
        self.saveButton.clicked.connect(self.save)
        self.message = QLabel()
        self.message.setWordWrap(True)
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        labels: dict[QWidget, QLabel] = {}
        for text, field in (
            (texts.SETTINGS_DURATION, self.duration),
            (texts.SETTINGS_CODEC, self.codec),
            (texts.SETTINGS_THEME, self.theme),
            (texts.SETTINGS_LANGUAGE, self.language),
            (texts.SETTINGS_SERVER_URL, self.serverUrl),
            (texts.SETTINGS_SERVER_TOKEN, self.serverToken),
            (texts.SETTINGS_ICE, self.ice),
            (texts.SETTINGS_SCHEDULE_EVERY, self.scheduleEvery),
            ("", self.scheduleAtLogin),
            ("", self.upload),
        ):
            label = QLabel(text)
            label.setBuddy(field)
            form.addRow(label, field)
            labels[field] = label
        # Issue 18: what the admin locked in the managed settings is shown, not editable.
        self.managedFields: dict[str, QWidget] = {
            "server_url": self.serverUrl,
            "server_token": self.serverToken,
            "schedule_every_h": self.scheduleEvery,
            "schedule_at_login": self.scheduleAtLogin,
            "upload": self.upload,
        }
        for key, widget in self.managedFields.items():
            if self._managed.is_locked(key):
                widget.setEnabled(False)
                widget.setToolTip(texts.SETTINGS_MANAGED)
                label = labels[widget]
                label.setText(f"{label.text()} ({texts.SETTINGS_MANAGED})".lstrip())
        layout = QVBoxLayout(self)
        layout.addWidget(_title(texts.SETTINGS_TITLE))
        layout.addLayout(form)
        layout.addWidget(self.saveButton, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.message)
        layout.addStretch(1)

    def show_settings(self, settings: AppSettings) -> None:
        """Fill the form."""
        self._base = settings
        self.duration.setValue(settings.duration_s)
        self.theme.setCurrentIndex(max(0, self.theme.findData(settings.theme)))
        if self.language.findData(settings.language) < 0:  # set by hand in settings.ini
            self.language.addItem(language_name(settings.language), settings.language)
        self.language.setCurrentIndex(self.language.findData(settings.language))
        self.serverUrl.setText(settings.server_url)
        self.serverToken.setText(settings.server_token)
        self.codec.setCurrentIndex(max(0, self.codec.findData(settings.codec)))
        self.ice.setPlainText("\n".join(settings.ice_server_urls))
        self.scheduleEvery.setValue(settings.schedule_every_h)
        self.scheduleAtLogin.setChecked(settings.schedule_at_login)
        self.upload.setChecked(settings.upload)

    def current(self) -> AppSettings:
        """What the form says."""
        urls = tuple(u.strip() for u in self.ice.toPlainText().splitlines() if u.strip())
        return replace(
            self._base,
            duration_s=self.duration.value(),
            codec=str(self.codec.currentData()),
            ice_server_urls=urls,
            theme=str(self.theme.currentData()),
            language=str(self.language.currentData()),
            server_url=self.serverUrl.text().strip(),
            server_token=self.serverToken.text().strip(),
            schedule_every_h=self.scheduleEvery.value(),
            schedule_at_login=self.scheduleAtLogin.isChecked(),
            upload=self.upload.isChecked(),
        )

    def save(self) -> AppSettings:
        """Persist the form."""
        settings = self.current()
        self._store.save(settings)
        self._base = settings
        self.message.setText(texts.SETTINGS_SAVED)
        return settings


class MainWindow(QMainWindow):
    """The CallCheck window."""

    languageChanged = Signal(str)
    """Settings saved a new language (a locale name, "" for the system's), now installed:
    the window's texts were read in the old one, so :func:`reopen_window` builds it anew."""

    def __init__(
        self,
        bridge: EngineBridge | None = None,
        store: SettingsStore | None = None,
        history: HistoryStore | None = None,
        device_backend: BackendFactory | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(texts.window_title(__version__, __build__))
        self.setMinimumSize(MINIMUM_SIZE)
        self.resize(DEFAULT_SIZE)
        self.bridge = bridge or EngineBridge(self)
        self.store = store or SettingsStore()
        self.managed = _load_managed()
        self.settings = apply_managed(self.store.load(), self.managed)
        apply_theme(self.settings.theme)
        self.historyStore = history or HistoryStore()
        self._device_backend = device_backend
        self._last_mode: TestMode = "loopback"
        self._current_entry: HistoryEntry | None = None
        self._closed = False
        # "Hear yourself": the simulated network chosen (on either screen), and what it is doing.
        self._echo_network = NO_NETWORK
        self._echo_running = False
        self._echo_text = ""
        problems = [p for p in (self.store.problem, self._open_history()) if p]

        self.stack = QStackedWidget()
        # Issue 17: the helpdesk's "run again" request shows above every screen (it may come
        # while the Results screen is up); the test runs only on the employee's click.
        self.runAgainPrompt = RunAgainPrompt()
        central = QWidget()
        central_layout = QVBoxLayout(central)
        central_layout.setContentsMargins(0, 0, 0, 0)
        central_layout.addWidget(self.runAgainPrompt)
        central_layout.addWidget(self.stack, 1)
        self.setCentralWidget(central)
        self.start = StartScreen()
        self.start.setDuration(self.settings.duration_s)
        self.start.setDevices(self.settings.input_device, self.settings.output_device)
        self.start.setServer(self.settings.server_url)
        self.start.startRequested.connect(self.start_test)
        self.start.devicesRequested.connect(self.show_devices)
        self.start.settingsRequested.connect(self.show_settings)
        self.start.blockerCancelRequested.connect(self.bridge.cancel_echo)
        self.error = ErrorScreen()
        self.error.tryAgainButton.clicked.connect(lambda: self.start_test(self._last_mode))
        self.error.backButton.clicked.connect(self.show_start)
        self.error.settingsButton.clicked.connect(self.show_settings)
        self.history = HistoryScreen(self.historyStore)
        self.history.openRequested.connect(self._open_from_history)
        self.history.compareRequested.connect(self.show_comparison)
        self.compareScreen = CompareScreen()
        self.compareScreen.backRequested.connect(self._back_from_compare)
        self.settingsScreen = SettingsScreen(self.store, managed=self.managed)
        self.settingsScreen.show_settings(self.settings)
        self.settingsScreen.saveButton.clicked.connect(self._settings_saved)
        for screen in (
            self.start,
            self.error,
            self.history,
            self.compareScreen,
            self.settingsScreen,
        ):
            self.stack.addWidget(screen)
        self._live: LiveScreen | None = None
        self._results: ResultsScreen | None = None
        self._devices: DevicesScreen | None = None
        self._room: RoomScreen | None = None
        self._compare_return: QWidget = self.history

        toolbar = QToolBar()
        toolbar.setObjectName("navigation")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.addToolBar(toolbar)
        self.navActions: dict[str, QAction] = {}
        for key, text, tip, shortcut, slot in (
            ("home", texts.NAV_HOME, texts.NAV_HOME_TIP, "Ctrl+1", self.show_start),
            ("devices", texts.NAV_DEVICES, texts.NAV_DEVICES_TIP, "Ctrl+2", self.show_devices),
            ("history", texts.NAV_HISTORY, texts.NAV_HISTORY_TIP, "Ctrl+3", self.show_history),
            (
                "settings",
                texts.NAV_SETTINGS,
                texts.NAV_SETTINGS_TIP,
                "Ctrl+,",
                self.show_settings,
            ),
        ):
            action = QAction(text, self)
            action.setShortcut(QKeySequence(shortcut))
            action.setToolTip(tip)
            action.triggered.connect(slot)
            toolbar.addAction(action)
            self.navActions[key] = action
            # A tool bar's buttons take no keyboard focus by default: Tab must reach them too
            # (issue 16; the shortcuts alone are not discoverable), and Space/Enter press them.
            button = toolbar.widgetForAction(action)
            if button is not None:
                button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
                button.setAccessibleName(text.replace("&", ""))
        self._nav = toolbar

        self.bridge.snapshot.connect(self._on_snapshot)
        self.bridge.finished.connect(self._on_finished)
        self.bridge.failure.connect(self._on_failure)
        self.bridge.cancelled.connect(self._on_cancelled)
        self.bridge.roomCreated.connect(self._on_room_created)
        self.bridge.waiting.connect(self._on_waiting)
        self.bridge.shareStarted.connect(self._on_share_started)
        self.bridge.shareFailed.connect(self._on_share_failed)
        self.bridge.shareStopped.connect(self._on_share_stopped)
        self.bridge.shareViewers.connect(lambda n: self.liveScreen().sharePanel.set_viewers(n))
        self.bridge.shareReconnecting.connect(
            lambda _reason: self.liveScreen().sharePanel.set_reconnecting()
        )
        self.bridge.shareResumed.connect(lambda: self.liveScreen().sharePanel.set_resumed())
        self.bridge.runAgainRequested.connect(self.runAgainPrompt.ask)
        self.runAgainPrompt.runRequested.connect(lambda: self.start_test(self._last_mode))
        self.bridge.echoPhase.connect(self._on_echo_phase)
        self.bridge.echoFinished.connect(self._on_echo_finished)
        if problems:
            self.statusBar().showMessage(" ".join(problems))
            self.history.message.setText(self.historyStore.problem or "")
        geometry, last_mode = self.store.window_state()
        if geometry is not None:
            self.restoreGeometry(geometry)
        if last_mode in ("loopback", "server", "peer"):
            self._last_mode = last_mode  # type: ignore[assignment]  # checked just above
            self.start.selectMode(self._last_mode)
        self.show_start()
        # After the first window is up: build the chart screen and import the media stack.
        QTimer.singleShot(0, self._warm_up)
        self._prerender_timer = QTimer(self)
        self._prerender_timer.setSingleShot(True)
        self._prerender_timer.setInterval(PRERENDER_AFTER_RESIZE_MS)
        self._prerender_timer.timeout.connect(self._prerender_live)

    def _open_history(self) -> str | None:
        try:
            self.historyStore.open()
        except HistoryError as exc:
            return str(exc)
        return self.historyStore.problem

    # ------------------------------------------------------------------ screens

    def liveScreen(self) -> LiveScreen:
        """The Live test screen (built on first use: it imports pyqtgraph)."""
        if self._live is None:
            from callcheck.gui.live_screen import LiveScreen

            self._live = LiveScreen()
            self._live.cancelRequested.connect(self.bridge.cancel)
            self._live.sharePanel.stopRequested.connect(self.bridge.stop_sharing)
            self.stack.addWidget(self._live)
        return self._live

    def resultsScreen(self) -> ResultsScreen:
        """The Results screen (built on first use)."""
        if self._results is None:
            from callcheck.gui.results_screen import ResultsScreen

            self._results = ResultsScreen()
            self._results.againRequested.connect(lambda: self.start_test(self._last_mode))
            self._results.compareRequested.connect(self.compare_with_previous)
            self._connect_echo(self._results)
            self.stack.addWidget(self._results)
        return self._results

    def roomScreen(self) -> RoomScreen:
        """The room screen of "Call a colleague" (built on first use)."""
        if self._room is None:
            from callcheck.gui.room_screen import RoomScreen

            self._room = RoomScreen()
            self._room.cancelRequested.connect(self.bridge.cancel)
            self.stack.addWidget(self._room)
        return self._room

    def devicesScreen(self) -> DevicesScreen:
        """The Devices screen (built on first use)."""
        if self._devices is None:
            from callcheck.gui.device_service import DeviceService
            from callcheck.gui.devices_screen import DevicesScreen

            service = DeviceService(self.bridge, self._device_backend, parent=self)
            self._devices = DevicesScreen(service)
            self._devices.setPreferred(self.settings.input_device, self.settings.output_device)
            self._devices.devicesChosen.connect(self._devices_chosen)
            self._connect_echo(self._devices)
            self.stack.addWidget(self._devices)
        return self._devices

    def _warm_up(self) -> None:
        if self._closed:  # closed before the first event-loop turn: start no engine now
            return
        self.bridge.warm_up()
        self._prerender_live()

    def _prerender_live(self) -> None:
        """Render the chart screen off-screen at the size it will have, in the state a test
        starts in: pyqtgraph's first paint (fonts, axis pictures, the axes' width settling)
        costs 40–80 ms, which would otherwise land on the click that starts a test."""
        live = self.liveScreen()
        if self.stack.currentWidget() is live:
            return
        live.resize(self.stack.size())
        live.prepare(self.settings.duration_s)
        live.prerender()

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self._live is not None:  # the pre-rendered charts are for the old size
            self._prerender_timer.start()

    def _show(self, screen: QWidget) -> None:
        if self.bridge.isRunning() and screen not in (self._live, self._room):
            return  # a test runs: stay on the live (or room) screen (Cancel first)
        self.stack.setCurrentWidget(screen)

    def show_start(self) -> None:
        """Back to the Start screen, the green button focused."""
        self._show(self.start)
        if self.stack.currentWidget() is self.start:
            self.start.startButton.setFocus()

    def show_settings(self) -> None:
        """The Settings screen (the server URL field focused when none is set)."""
        self._show(self.settingsScreen)
        if self.stack.currentWidget() is self.settingsScreen and not self.settings.server_url:
            self.settingsScreen.serverUrl.setFocus()

    def show_devices(self) -> None:
        """The Devices screen."""
        self._show(self.devicesScreen())

    def show_history(self) -> None:
        """The History screen, freshly read."""
        if self.bridge.isRunning():
            return
        self.history.reload()
        self._show(self.history)
        self.history.table.setFocus()

    def show_comparison(self, earlier: dict[str, Any], later: dict[str, Any]) -> None:
        """Two tests side by side."""
        self._compare_return = self.stack.currentWidget() or self.history
        self.compareScreen.show_comparison(earlier, later)
        self._show(self.compareScreen)
        self.compareScreen.backButton.setFocus()

    def _back_from_compare(self) -> None:
        self._show(self._compare_return)

    def compare_with_previous(self) -> None:
        """Results → "Compare with previous test"."""
        results = self.resultsScreen()
        previous = self._previous_entry()
        if previous is None:
            results.message.setText(texts.RESULTS_NO_PREVIOUS)
            return
        try:
            earlier = self.historyStore.report(previous.row_id)
        except HistoryError as exc:
            results.message.setText(str(exc))
            return
        self.show_comparison(earlier, results.report())

    def _previous_entry(self) -> HistoryEntry | None:
        try:
            if self._current_entry is not None:
                return self.historyStore.previous(self._current_entry.row_id)
            entries = self.historyStore.entries()
        except HistoryError:
            return None
        return entries[0] if entries else None

    def _settings_saved(self) -> None:
        previous = self.settings.language
        self.settings = self.settingsScreen.current()
        self.start.setDuration(self.settings.duration_s)
        self.start.setServer(self.settings.server_url)
        apply_theme(self.settings.theme)
        if self.settings.language != previous:
            app = QCoreApplication.instance()
            if app is not None:
                install_translations(app, locale_for(self.settings.language))
            self.languageChanged.emit(self.settings.language)

    def _devices_chosen(self, input_name: str, output_name: str) -> None:
        self.settings = replace(self.settings, input_device=input_name, output_device=output_name)
        self.store.save(self.settings)
        self.settingsScreen.show_settings(self.settings)
        self.start.setDevices(input_name, output_name)

    def _open_from_history(self, report: dict[str, Any], entry: HistoryEntry) -> None:
        self._current_entry = entry
        results = self.resultsScreen()
        results.show_report(report, note=texts.RESULTS_FROM_HISTORY.format(date=entry.date_text()))
        results.setCompareAvailable(self._previous_entry() is not None)
        self._show(results)
        results.againButton.setFocus()

    # ------------------------------------------------------------------ hear yourself

    def _connect_echo(self, screen: DevicesScreen | ResultsScreen) -> None:
        """Wire a screen's "Hear yourself" controls, in the state the echo is in now."""
        screen.echoRequested.connect(self.hear_yourself)
        screen.echoCancelRequested.connect(self.bridge.cancel_echo)
        screen.echoNetwork.networkChosen.connect(self._echo_network_chosen)
        screen.echoNetwork.setNetwork(self._echo_network)
        if self._echo_running or self._echo_text:
            screen.showEcho(self._echo_text, running=self._echo_running)

    def _echo_network_chosen(self, key: str) -> None:
        """One choice for both screens: the one not used shows it too."""
        self._echo_network = key
        for screen in (self._devices, self._results):
            if screen is not None:
                screen.echoNetwork.setNetwork(key)

    def hear_yourself(self, network: str = NO_NETWORK) -> None:
        """Issue 16: record a few seconds, send them through a test call (the reflector when a
        server is set and the last test used it, else this computer's loopback), play back.
        ``network``: a simulated worse network (an engine ``NETWORK_PRESETS`` key)."""
        if self.bridge.isRunning() or self.bridge.isEchoRunning() or self._echo_running:
            return
        if self._devices is not None:
            if self._devices.service.isBusy():  # the tone or the delay check has the devices
                self._show_echo(texts.ECHO_WAIT_FOR_CHECK, running=False)
                return
            self._devices.listenButton.setChecked(False)  # free the microphone
        self._echo_network_chosen(network)
        settings = self.settings
        through_server = self._last_mode == "server" and bool(settings.server_url)
        request = EchoRequest(
            mode="server" if through_server else "loopback",
            seconds=ECHO_SECONDS,
            codec=settings.codec,
            server_url=settings.server_url,
            token=settings.server_token,
            use_devices=os.environ.get("CALLCHECK_NO_AUDIO_DEVICE", "") != "1",
            input_device=settings.input_device,
            output_device=settings.output_device,
            impairment="" if network == NO_NETWORK else network,
        )
        # "Speak now" only once the microphone is open (listing and opening it takes a moment).
        self._show_echo(texts.ECHO_OPENING, running=True)
        if not self.bridge.start_echo(request):  # never left showing "running" for nothing
            self._show_echo(texts.ECHO_BLOCKED_BY_TEST, running=False)

    def _on_echo_phase(self, phase: str) -> None:
        text = {
            ECHO_RECORDING: texts.ECHO_RECORDING.format(seconds=f"{ECHO_SECONDS:g}"),
            ECHO_IN_CALL: texts.ECHO_SENDING,
            ECHO_PLAYING: texts.ECHO_PLAYING,
        }.get(phase)
        if text is not None and self._echo_running:  # not after a Cancel already answered
            self._show_echo(text, running=True)

    def _on_echo_finished(self, outcome: EchoOutcome) -> None:
        if outcome.cancelled:
            text = texts.ECHO_CANCELLED
        elif outcome.error:
            text = texts.ECHO_FAILED.format(error=outcome.error)
        else:
            text = texts.ECHO_DONE.format(
                delay=f"{outcome.heard_delay_ms or 0.0:.0f}",
                lost=f"{outcome.concealed_pct or 0.0:.1f}",
            )
            simulated = simulated_network_text(
                outcome.impairment, each_way=outcome.mode == "server"
            )
            if simulated:
                text = f"{text} {simulated}"
        self._show_echo(text, running=False)

    def _show_echo(self, text: str, *, running: bool) -> None:
        """Say what the echo does on both screens; while it runs, everything else that would
        open the devices or start a call is off, and says why."""
        self._echo_running = running
        self._echo_text = text
        for screen in (self._devices, self._results):
            if screen is not None:
                screen.showEcho(text, running=running)
        self.start.setBlocked(texts.ECHO_BLOCKS_START if running else "")
        why = texts.ECHO_BLOCKS if running else ""
        for button in (self.error.tryAgainButton, self.runAgainPrompt.runButton):
            button.setEnabled(not running)
            button.setToolTip(why)

    # ------------------------------------------------------------------ the test

    def start_test(self, mode: str = "loopback") -> None:
        """Start a test of ``mode`` with the saved settings (peer mode: the Start screen's room
        choice)."""
        if self.bridge.isRunning() or self._echo_running:  # the echo holds the devices
            return
        if self._devices is not None:
            self._devices.listenButton.setChecked(False)  # free the microphone
        self._last_mode = mode  # type: ignore[assignment]  # from StartScreen's own list
        settings = self.settings
        create_room = mode == "peer" and self.start.createsRoom()
        options = TestOptions(
            mode=self._last_mode,
            duration_s=settings.duration_s,
            codec=settings.codec,
            ice_server_urls=settings.ice_server_urls,
            server_url=settings.server_url,
            token=settings.server_token,
            room_code="" if create_room else self.start.roomCode(),
            create_room=create_room,
            # CALLCHECK_NO_AUDIO_DEVICE=1 is the GUI's --no-audio-device (kiosks, tests).
            use_devices=os.environ.get("CALLCHECK_NO_AUDIO_DEVICE", "") != "1",
            input_device=settings.input_device,
            output_device=settings.output_device,
            share=mode != "loopback"
            and (self.start.sharesWithHelpdesk() or self.bridge.isSharing()),
        )
        self.runAgainPrompt.hide()
        if not options.share:
            self.liveScreen().sharePanel.hide()
        if mode != "loopback" and not settings.server_url:
            self._on_failure(TestFailure(NO_SERVER, texts.FAILURES[NO_SERVER][0]))
            return
        live = self.liveScreen()
        live.begin(options.duration_s)
        if mode == "peer":
            room = self.roomScreen()
            if create_room:
                room.begin_create()
            else:
                room.begin_join(options.room_code)
            self.stack.setCurrentWidget(room)
            self.bridge.start_test(options)
            return
        self.stack.setCurrentWidget(live)
        live.cancelButton.setFocus()
        # The engine starts setting up the call only after the Live screen is painted: the
        # click's event-loop pass then holds just the screen switch (bench_gui_stall.py).
        self.bridge.start_test(options, defer_ms=START_DEFER_MS)

    def _on_snapshot(self, snapshot: LiveSnapshot) -> None:
        live = self.liveScreen()
        if self._room is not None and self.stack.currentWidget() is self._room:
            self.stack.setCurrentWidget(live)  # the colleague is there: the call runs
            live.cancelButton.setFocus()
        live.show_snapshot(snapshot)

    def _on_share_started(self, info: ShareInfo) -> None:
        self.liveScreen().sharePanel.show_share(info.code, info.url)

    def _on_share_failed(self, reason: str) -> None:
        self.statusBar().showMessage(texts.SHARE_FAILED.format(reason=reason))

    def _on_share_stopped(self, reason: str) -> None:
        del reason  # the panel says it in the user's language
        self.liveScreen().sharePanel.set_stopped()
        self.runAgainPrompt.hide()

    def _on_room_created(self, code: str) -> None:
        self.roomScreen().show_code(code)

    def _on_waiting(self, code: str) -> None:
        self.roomScreen().show_waiting(code)

    def _on_finished(self, outcome: TestOutcome) -> None:
        report = outcome.report.to_json()
        report["environment"] = {**report.get("environment", {}), **self._helpdesk_environment()}
        # Never lose a result: it is in the history before anyone sees it.
        note = ""
        try:
            self._current_entry = self.historyStore.add(report)
        except HistoryError as exc:
            self._current_entry = None
            note = texts.RESULTS_NOT_STORED.format(error=exc)
        results = self.resultsScreen()
        results.show_report(report, note=note)
        results.setCompareAvailable(self._previous_entry() is not None)
        self.stack.setCurrentWidget(results)
        results.againButton.setFocus()

    def _on_failed(self, message: str) -> None:
        """Show the error screen for a failure known only by its message."""
        self._on_failure(TestFailure("", message))

    def _helpdesk_environment(self) -> dict[str, Any]:
        """What the report does not know but a ticket needs: the server and the devices, in
        the names this app showed (issue 16, "for the helpdesk")."""
        env: dict[str, Any] = {
            "devices": {
                "input": _device_fact(self.settings.input_device),
                "output": _device_fact(self.settings.output_device),
            }
        }
        server = public_server_url(self.settings.server_url)
        if self._last_mode != "loopback" and server:
            env["server"] = server
        return env

    def _on_failure(self, failure: TestFailure) -> None:
        env = self._helpdesk_environment()
        if failure.report is not None:
            # Issue 14: the session's own partial report (its connectivity checks, the host),
            # with the server and devices as this app showed them (issue 16).
            base = failure.report
            report = replace(base, environment={**base.environment, **env}).to_json()
        else:
            from callcheck.engine.reporting import host_facts  # no engine import at start-up

            headline, _advice = texts.FAILURES.get(failure.reason_code, texts.FAILURE_DEFAULT)
            detail = failure.message if failure.message and failure.message != headline else ""
            report = failure_report(
                report_id=uuid.uuid4().hex[:12],
                started_at=datetime.now().astimezone().isoformat(timespec="seconds"),
                mode=self._last_mode,
                codec=self.settings.codec,
                app_version=__version__,
                code=failure.reason_code or "failed",
                message=f"{headline} {detail}".strip(),
                connectivity=failure.connectivity,
                environment={**host_facts(), **env},
            ).to_json()
        note = ""
        try:
            self._current_entry = self.historyStore.add(report)
        except HistoryError as exc:
            logger.warning("the failed test's report was not stored: %s", exc)
            note = texts.ERROR_NOT_STORED.format(error=exc)
        self.error.setReport(report, note)
        self.error.show_failure(failure)
        self.stack.setCurrentWidget(self.error)
        self.error.tryAgainButton.setFocus()

    def _on_cancelled(self) -> None:
        self.stack.setCurrentWidget(self.start)
        self.statusBar().showMessage(texts.CANCELLED, 5000)
        self.start.startButton.setFocus()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closed = True
        # Remembered for the next start (issue 16): window size and place, last test type.
        self.store.save_window_state(self.saveGeometry(), self.start.selectedMode())
        if self._devices is not None:
            self._devices.listenButton.setChecked(False)
        self.bridge.shutdown()
        self.historyStore.close()
        super().closeEvent(event)


def _load_managed() -> ManagedConfig:
    """The admin's managed settings; a broken file is logged and ignored (the app still
    starts; the CLI prints the same error)."""
    try:
        return load_managed_config()
    except ManagedConfigError as exc:
        logger.error("managed settings ignored: %s", exc)
        return ManagedConfig()


def reopen_window(old: MainWindow) -> MainWindow:
    """The window built anew in the language just installed (every text is read when a widget
    is made, so this is how the open screens change language), in the old one's place and on
    its Settings screen; the old window is closed (its test history and engine with it)."""
    old.store.save_window_state(old.saveGeometry(), old.start.selectedMode())
    old.historyStore.close()  # the new window opens the same file
    window = MainWindow(
        store=old.store,
        history=HistoryStore(old.historyStore.path),
        device_backend=old._device_backend,
    )
    window.show()  # before the old one closes: the application must not see no window left
    window.show_settings()
    window.settingsScreen.message.setText(texts.SETTINGS_LANGUAGE_CHANGED)
    window.settingsScreen.language.setFocus()
    old.close()
    old.deleteLater()
    return window


def split_language_option(argv: list[str]) -> tuple[str | None, list[str]]:
    """``callcheck gui --language de`` (for a helpdesk's or a screenshot's run, not saved):
    the language asked for and the arguments left for Qt."""
    rest: list[str] = []
    language: str | None = None
    args = iter(argv)
    for arg in args:
        if arg == "--language":
            language = next(args, "")
        elif arg.startswith("--language="):
            language = arg.partition("=")[2]
        else:
            rest.append(arg)
    return language, rest


def run_gui(argv: list[str]) -> int:
    """Start the desktop app; returns the process exit code."""
    language, argv = split_language_option(argv)
    in_tray = TRAY_FLAG in argv
    argv = [a for a in argv if a != TRAY_FLAG]
    existing = QApplication.instance()
    app = (
        existing
        if isinstance(existing, QApplication)
        else QApplication([sys.argv[0] if sys.argv else "callcheck", *argv])
    )
    store = SettingsStore()
    # Before any text is shown; --language is for this run only (not saved).
    install_translations(app, chosen_locale(store.language(), override=language or ""))
    app.setApplicationName(APP_ID)
    app.setApplicationDisplayName(texts.APP_NAME)
    app.setApplicationVersion(f"{__version__} (build {__build__})")
    window = MainWindow(store=store)
    # The window in use: a change of language replaces it (reopen_window); the tray and the
    # uploads follow the current one.
    current = [window]
    tray = _start_tray(app, current)
    # `--tray` (the at-login entry): live in the tray, the window opens from its menu and
    # closing it leaves the tray running ("Quit" in the menu ends the app). Without a tray to
    # live in, the window opens as usual.
    if in_tray and tray is not None:
        app.setQuitOnLastWindowClosed(False)
    else:
        window.show()

    def change_language(_language: str) -> None:
        current[0] = reopen_window(current[0])
        _connect_window(current, tray)
        if tray is not None:
            tray.retranslate()
        current[0].languageChanged.connect(change_language)

    window.languageChanged.connect(change_language)
    code = app.exec()
    if tray is not None:
        tray.shutdown()
    current[0].bridge.shutdown()
    return int(code)


def _start_tray(app: QApplication, current: list[MainWindow]) -> CallCheckTray | None:
    """Issue 18: the tray icon with its scheduled tests (where the desktop has a tray), and
    the upload of every result of the window and the tray when Settings asks for it.
    ``current[0]`` is the window in use (a change of language replaces it)."""
    tray = None
    if CallCheckTray.available():
        tray = CallCheckTray(tray_config(current[0].settings, current[0].managed))
    _connect_window(current, tray)
    if tray is None:
        return None

    def remember(report: object) -> None:
        if isinstance(report, Report):
            with contextlib.suppress(HistoryError):
                current[0].historyStore.add(report.to_json())

    def show_window() -> None:
        current[0].showNormal()
        current[0].raise_()
        current[0].activateWindow()

    tray.reportReady.connect(remember)
    tray.openRequested.connect(show_window)
    tray.quitRequested.connect(app.quit)
    tray.start()
    return tray


def _connect_window(current: list[MainWindow], tray: CallCheckTray | None) -> None:
    """The current window's results go up to the fleet when Settings asks; its saved settings
    reach the tray's schedule."""
    window = current[0]

    def upload(report: object) -> None:
        if isinstance(report, Report):
            upload_in_background(
                window.bridge, report, upload_target(window.settings, window.managed)
            )

    window.bridge.finished.connect(lambda outcome: upload(outcome.report))
    window.bridge.failure.connect(lambda failure: upload(failure.report))
    # The at-login entry follows the settings (issue 18), from the start and at each save.
    sync_autostart(window.settings)
    window.settingsScreen.saveButton.clicked.connect(lambda: sync_autostart(window.settings))
    if tray is not None:
        window.settingsScreen.saveButton.clicked.connect(
            lambda: tray.change(tray_config(window.settings, window.managed))
        )
