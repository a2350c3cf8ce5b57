"""The Results screen: grade, MOS, pass or fail, the three numbers, why, codecs, actions.

It renders the report (the same JSON the CLI prints and the file a helpdesk receives), so the
screen, the saved file and the pasted summary cannot disagree.
"""

from __future__ import annotations

from html import escape
from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from callcheck.core.advice import action_text
from callcheck.core.grades import format_mos
from callcheck.core.heard import heard_direction_phrases
from callcheck.core.report import upgrade
from callcheck.core.report_text import (
    failure_reason,
    key_numbers,
    lost_or_late_pct,
    summary_text,
)
from callcheck.core.result_phrases import verdict_summary
from callcheck.gui import texts
from callcheck.gui.bridge import TestOutcome
from callcheck.gui.connectivity_view import ConnectivityBox
from callcheck.gui.echo_controls import NetworkPicker, blocks_label, cancel_button, network_label
from callcheck.gui.gauge import MosGauge
from callcheck.gui.report_export import (
    ExportError,
    export_report,
    path_for_filter,
    save_dialog_defaults,
    why_html,
)

#: Codec recommendations listed on screen (the saved report has all of them).
CODECS_SHOWN: Final = 5


def _rich_label() -> QLabel:
    label = QLabel()
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class ResultsScreen(QWidget):
    """Shows a finished test; emits ``againRequested`` and ``compareRequested``."""

    againRequested = Signal()
    compareRequested = Signal()
    echoRequested = Signal(str)
    """"Hear yourself" with the chosen simulated network (an engine ``NETWORK_PRESETS`` key)."""
    echoCancelRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._data: dict[str, Any] = {}
        self.title = QLabel(texts.RESULTS_TITLE)
        self.title.setStyleSheet("font-size: 20px; font-weight: bold;")
        self.gauge = MosGauge()
        self.gauge.setAnimationDuration(0)
        self.verdict = QLabel()
        self.verdict.setWordWrap(True)
        self.verdict.setObjectName("verdict")
        self.verdict.setStyleSheet("font-size: 16px;")
        self.verdict.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.passLine = QLabel()
        self.passLine.setObjectName("passLine")
        self.passLine.setWordWrap(True)
        self.passLine.setStyleSheet("font-weight: bold;")
        # For a failing grade: the reason in plain words, right under the verdict.
        self.reason = QLabel()
        self.reason.setObjectName("reason")
        self.reason.setWordWrap(True)
        self.reason.hide()
        self.note = QLabel()
        self.note.setObjectName("resultsNote")
        self.note.setWordWrap(True)
        self.note.hide()

        numbers = QGroupBox(texts.RESULTS_NUMBERS)
        form = QFormLayout(numbers)
        self.rttValue, self.jitterValue, self.lossValue = QLabel(), QLabel(), QLabel()
        form.addRow(texts.RESULTS_RTT, self.rttValue)
        form.addRow(texts.RESULTS_JITTER, self.jitterValue)
        form.addRow(texts.RESULTS_LOSS, self.lossValue)
        # What the listener heard, beside the prediction (issue 19): both rows hide when the
        # report has no heard score (older reports, calls without audio kept).
        self.predictedValue, self.heardValue = QLabel(), QLabel()
        self.predictedValue.setObjectName("predictedValue")
        self.heardValue.setObjectName("heardValue")
        form.addRow(texts.RESULTS_PREDICTED, self.predictedValue)
        form.addRow(texts.RESULTS_HEARD, self.heardValue)
        self._numbersForm = form

        why = QGroupBox(texts.RESULTS_WHY)
        self.why = _rich_label()
        QVBoxLayout(why).addWidget(self.why)
        actions_box = QGroupBox(texts.RESULTS_ACTIONS)
        self.actionsText = _rich_label()
        QVBoxLayout(actions_box).addWidget(self.actionsText)
        codecs = QGroupBox(texts.RESULTS_RECOMMENDATIONS)
        self.codecs = QLabel()
        self.codecs.setWordWrap(True)
        QVBoxLayout(codecs).addWidget(self.codecs)
        self.connectivity = ConnectivityBox()

        self.copyButton = QPushButton(texts.RESULTS_COPY_MNEMONIC)
        self.copyButton.clicked.connect(self.copy_summary)
        self.saveButton = QPushButton(texts.RESULTS_SAVE_MNEMONIC)
        self.saveButton.clicked.connect(self._ask_and_save)
        self.compareButton = QPushButton(texts.RESULTS_COMPARE)
        self.compareButton.clicked.connect(self.compareRequested)
        self.againButton = QPushButton(texts.RESULTS_AGAIN_MNEMONIC)
        self.againButton.setObjectName("againButton")
        self.againButton.clicked.connect(self.againRequested)
        self.echoButton = QPushButton(texts.ECHO_BUTTON)
        self.echoButton.setToolTip(texts.ECHO_HINT)
        self.echoNetwork = NetworkPicker()
        self.echoButton.clicked.connect(lambda: self.echoRequested.emit(self.echoNetwork.network()))
        self.echoCancelButton = cancel_button()
        self.echoCancelButton.clicked.connect(self.echoCancelRequested)
        self.echoStatus = QLabel()
        self.echoStatus.setObjectName("echoStatus")
        self.echoStatus.setWordWrap(True)
        self.echoStatus.hide()
        self.echoBlocks = blocks_label()
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.testId = QLabel()
        self.testId.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        head = QHBoxLayout()
        head.addWidget(self.gauge, 1)
        summary = QVBoxLayout()
        summary.addWidget(self.title)
        summary.addWidget(self.verdict)
        summary.addWidget(self.passLine)
        summary.addWidget(self.reason)
        summary.addWidget(numbers)
        summary.addStretch(1)
        head.addLayout(summary, 1)
        actions = QHBoxLayout()
        for button in (
            self.againButton,
            self.copyButton,
            self.saveButton,
            self.compareButton,
            self.echoButton,
            self.echoCancelButton,
        ):
            actions.addWidget(button)
        actions.addStretch(1)
        echo_row = QHBoxLayout()
        echo_row.addWidget(network_label(self.echoNetwork))
        echo_row.addWidget(self.echoNetwork)
        echo_row.addStretch(1)

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.note)
        layout.addLayout(head)
        layout.addLayout(actions)
        layout.addLayout(echo_row)
        layout.addWidget(self.echoStatus)
        layout.addWidget(self.echoBlocks)
        layout.addWidget(self.message)
        # Plain words first (issue 16): what to do; the E-model's figures (R, codecs,
        # connection checks) only when asked for.
        layout.addWidget(actions_box)
        self.detailsButton = QPushButton(texts.RESULTS_DETAILS)
        self.detailsButton.setObjectName("detailsButton")
        self.detailsButton.setCheckable(True)
        self.details = QWidget()
        self.details.setObjectName("details")
        details = QVBoxLayout(self.details)
        details.setContentsMargins(0, 0, 0, 0)
        details.addWidget(why)
        details.addWidget(codecs)
        details.addWidget(self.connectivity)
        self.details.hide()
        self.detailsButton.toggled.connect(self._show_details)
        layout.addWidget(self.detailsButton, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.details)
        layout.addWidget(self.testId)
        self.bodyScroll = scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        for first, second in (
            (self.againButton, self.copyButton),
            (self.copyButton, self.saveButton),
            (self.saveButton, self.compareButton),
        ):
            QWidget.setTabOrder(first, second)

    def report(self) -> dict[str, Any]:
        """The report shown."""
        return self._data

    def show_outcome(self, outcome: TestOutcome, *, note: str = "") -> None:
        """Render a finished test's report."""
        self.show_report(outcome.report.to_json(), note=note)

    def show_report(self, report: dict[str, Any], *, note: str = "") -> None:
        """Render a report (a fresh one, or one from the history)."""
        data = upgrade(report)
        self._data = data
        verdict = data["verdict"]
        quality = data.get("quality")
        self.note.setText(note)
        self.note.setVisible(bool(note))
        self.gauge.clear()
        if verdict.get("mos") is not None:
            self.gauge.setValue(float(verdict["mos"]))
        self.verdict.setText(verdict_summary(data, texts.translate))
        passed = texts.RESULTS_PASSED if verdict["passed"] else texts.RESULTS_FAILED
        if not verdict["complete"]:
            passed += " " + texts.RESULTS_PARTIAL
        self.passLine.setText(passed)
        numbers = key_numbers(data)
        self.rttValue.setText(texts.figure(numbers["rtt_ms"], texts.UNIT_MS))
        self.jitterValue.setText(texts.figure(numbers["jitter_ms"], texts.UNIT_MS, 1))
        self.lossValue.setText(texts.figure(lost_or_late_pct(data), texts.UNIT_PERCENT, 1))
        reason = failure_reason(data, texts.translate)
        self.reason.setText(reason or "")
        self.reason.setVisible(reason is not None)
        self._show_heard(quality if isinstance(quality, dict) else None)
        self.why.setText(
            "<ul style='margin-left: -20px'>" + why_html(quality) + "</ul>"
            if quality
            else escape(texts.NO_SCORE)
        )
        recs = data.get("recommendations") or {}
        actions = [a for a in recs.get("actions") or [] if isinstance(a, dict)]
        self.actionsText.setText(
            "<ol style='margin-left: -20px'>"
            + "".join(f"<li>{escape(action_text(a, texts.translate))}</li>" for a in actions)
            + "</ol>"
            if actions
            else escape(texts.RESULTS_NO_ACTIONS)
        )
        rows = [c for c in recs.get("codecs") or [] if isinstance(c, dict)]
        self.codecs.setText(
            "\n".join(
                texts.CODEC_LINE.format(
                    rank=i,
                    name=row.get("name") or row.get("codec"),
                    mos=texts.mos_text(float(row.get("predicted_mos") or 1.0)),
                    kbps=float(row.get("bandwidth_kbps") or 0.0),
                )
                for i, row in enumerate(rows[:CODECS_SHOWN], 1)
            )
            or texts.NOT_MEASURED
        )
        connectivity = data.get("connectivity")
        self.connectivity.show_section(connectivity if isinstance(connectivity, dict) else None)
        self.testId.setText(texts.RESULTS_TEST_ID.format(id=data["id"]))
        self.message.clear()
        # A new result, or one opened from History, starts at the verdict (issue 16), not
        # where the previous one was scrolled to.
        self.bodyScroll.verticalScrollBar().setValue(0)

    def showEcho(self, text: str, *, running: bool) -> None:
        """What "Hear yourself" is doing or found. While it runs: its button and "Run the test
        again" off (the reason under the status), Cancel shown."""
        was_running = self.echoCancelButton.isVisibleTo(self)
        had_focus = self.echoCancelButton.hasFocus()
        self.echoStatus.setText(text)
        self.echoStatus.setVisible(bool(text))
        self.echoButton.setEnabled(not running)
        self.echoNetwork.setEnabled(not running)
        self.echoCancelButton.setVisible(running)
        self.echoCancelButton.setEnabled(running)
        self.againButton.setEnabled(not running)
        self.againButton.setToolTip(texts.ECHO_BLOCKS if running else "")
        self.echoBlocks.setVisible(running)
        # Keyboard users keep their place: to Cancel as the echo button goes off, and back.
        if running and not was_running and self.isVisible():
            self.echoCancelButton.setFocus()
        elif not running and had_focus:
            self.echoButton.setFocus()

    def _show_details(self, shown: bool) -> None:
        self.details.setVisible(shown)
        self.detailsButton.setText(texts.RESULTS_DETAILS_HIDE if shown else texts.RESULTS_DETAILS)

    def _show_heard(self, quality: dict[str, Any] | None) -> None:
        heard = None if quality is None else quality.get("heard")
        shown = isinstance(heard, dict)
        self._numbersForm.setRowVisible(self.predictedValue, shown)
        self._numbersForm.setRowVisible(self.heardValue, shown)
        if not isinstance(heard, dict) or quality is None:
            return
        predicted = quality.get("mos")
        label = quality.get("mos_label") or ""
        self.predictedValue.setText(
            texts.RESULTS_HEARD_FIGURE.format(mos=format_mos(float(predicted)), scale=label)
            if isinstance(predicted, int | float)
            else texts.NOT_MEASURED
        )
        mos = heard.get("mos")
        if isinstance(mos, int | float):
            self.heardValue.setText(
                texts.RESULTS_HEARD_FIGURE.format(mos=format_mos(float(mos)), scale=heard["scale"])
            )
        else:
            self.heardValue.setText(texts.RESULTS_HEARD_NOT_AVAILABLE)
        # Each direction as the reports list it: score, scale, model, method, or why not.
        self.heardValue.setToolTip(
            "\n".join(p.render(texts.translate) for p in heard_direction_phrases(heard))
        )

    def setCompareAvailable(self, available: bool) -> None:
        """Enable "Compare with previous test" (there is an earlier test in the history)."""
        self.compareButton.setEnabled(available)
        self.compareButton.setToolTip("" if available else texts.RESULTS_NO_PREVIOUS)

    def summary_text(self) -> str:
        """What "Copy summary" puts on the clipboard (the core's helpdesk summary, in the
        user's language)."""
        return summary_text(self._data, texts.translate)

    def copy_summary(self) -> None:
        """Put the summary on the clipboard for a ticket."""
        QGuiApplication.clipboard().setText(self.summary_text())
        self.message.setText(texts.RESULTS_COPIED)

    def save_report(self, path: Path) -> bool:
        """Write the report as JSON, HTML or PDF (by suffix); says on screen whether it worked."""
        try:
            export_report(self._data, path)
        except ExportError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(texts.RESULTS_SAVED.format(path=path))
        return True

    def _ask_and_save(self) -> None:
        path, filters, selected = save_dialog_defaults(self._data)
        name, chosen = QFileDialog.getSaveFileName(
            self, texts.RESULTS_SAVE_DIALOG, path, filters, selected
        )
        if name:
            self.save_report(path_for_filter(Path(name), chosen))
