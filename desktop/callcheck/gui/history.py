"""The History screen (past tests: open, compare, export, delete) and the Compare screen.

The data lives in :class:`~callcheck.gui.history_store.HistoryStore`; these widgets list it and
pass the stored reports on. Deleting asks first, with a window-modal box that does not block
the event loop.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Final

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from callcheck.gui import texts
from callcheck.gui.comparison import compare, ordered
from callcheck.gui.history_store import HistoryEntry, HistoryError, HistoryStore
from callcheck.gui.report_export import (
    ExportError,
    export_report,
    path_for_filter,
    save_dialog_defaults,
)
from callcheck.gui.texts import mos_text

ROW_ID_ROLE: Final = Qt.ItemDataRole.UserRole
HISTORY_MIN_COLUMN_PX: Final = 110
#: Okabe–Ito blue and vermillion (as the gauge): the word says it too, colour is not alone.
CHANGE_COLOURS: Final = {"better": "#0072B2", "worse": "#D55E00"}


def _title(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 20px; font-weight: bold;")
    return label


def _item(text: str, *, align_right: bool = False) -> QTableWidgetItem:
    item = QTableWidgetItem(text)
    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
    if align_right:
        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
    return item


class _HistoryTable(QTableWidget):
    """The list; Enter opens the current row (Qt tables do not activate on Enter everywhere)."""

    enterPressed = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.enterPressed.emit()
            return
        super().keyPressEvent(event)


class HistoryScreen(QWidget):
    """Lists the stored tests.

    ``openRequested(report, entry)`` and ``compareRequested(earlier, later)`` carry report dicts.
    """

    openRequested = Signal(object, object)
    compareRequested = Signal(object, object)

    def __init__(self, store: HistoryStore, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self._entries: list[HistoryEntry] = []
        self.table = _HistoryTable(0, len(texts.HISTORY_COLUMNS))
        self.table.setObjectName("historyTable")
        self.table.setHorizontalHeaderLabels(list(texts.HISTORY_COLUMNS))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.setAlternatingRowColors(True)
        self.table.setTabKeyNavigation(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setMinimumSectionSize(HISTORY_MIN_COLUMN_PX)
        header.setStretchLastSection(True)
        header.setDefaultAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemDoubleClicked.connect(lambda _item: self.open_selected())
        self.table.enterPressed.connect(self.open_selected)
        self.table.setAccessibleName(texts.HISTORY_TITLE)

        self.empty = QLabel(texts.HISTORY_EMPTY)
        self.empty.setWordWrap(True)
        self.hint = QLabel(texts.HISTORY_HINT)
        self.hint.setWordWrap(True)
        self.message = QLabel()
        self.message.setObjectName("historyMessage")
        self.message.setWordWrap(True)
        self.message.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.openButton = QPushButton(texts.HISTORY_OPEN)
        self.openButton.clicked.connect(self.open_selected)
        self.compareButton = QPushButton(texts.HISTORY_COMPARE)
        self.compareButton.clicked.connect(self.compare_selected)
        self.exportButton = QPushButton(texts.HISTORY_EXPORT)
        self.exportButton.clicked.connect(self._ask_and_export)
        self.deleteButton = QPushButton(texts.HISTORY_DELETE)
        self.deleteButton.clicked.connect(self.ask_delete)

        self.confirmBox = QMessageBox(
            QMessageBox.Icon.Question,
            texts.HISTORY_DELETE_TITLE,
            "",
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            self,
        )
        self.confirmBox.setDefaultButton(QMessageBox.StandardButton.Cancel)
        self.confirmBox.setWindowModality(Qt.WindowModality.WindowModal)
        self.confirmBox.finished.connect(self._confirmed)
        self._pending_delete: list[int] = []

        actions = QHBoxLayout()
        for button in (self.openButton, self.compareButton, self.exportButton, self.deleteButton):
            actions.addWidget(button)
        actions.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(_title(texts.HISTORY_TITLE))
        layout.addWidget(self.hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty)
        layout.addLayout(actions)
        layout.addWidget(self.message)
        self._selection_changed()

    # ------------------------------------------------------------------ list

    def reload(self) -> None:
        """Read the list again from the store."""
        try:
            self._entries = self.store.entries()
        except HistoryError as exc:
            self._entries = []
            self.message.setText(str(exc))
        self.table.setRowCount(len(self._entries))
        for row, entry in enumerate(self._entries):
            date = _item(entry.date_text())
            date.setData(ROW_ID_ROLE, entry.row_id)
            self.table.setItem(row, 0, date)
            self.table.setItem(row, 1, _item(texts.MODE_SHORT.get(entry.mode, entry.mode)))
            self.table.setItem(row, 2, _item(texts.grade_word(entry.grade)))
            mos = texts.NOT_MEASURED if entry.mos is None else texts.mos_text(entry.mos)
            self.table.setItem(row, 3, _item(mos))
        self.empty.setVisible(not self._entries)
        self.table.setVisible(bool(self._entries))
        if self._entries:
            self.table.selectRow(0)
        self._selection_changed()

    def entries(self) -> list[HistoryEntry]:
        """What the list shows, top to bottom."""
        return list(self._entries)

    def selectedEntries(self) -> list[HistoryEntry]:
        """The selected tests, in list order."""
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        return [self._entries[row] for row in rows if row < len(self._entries)]

    def selectRows(self, rows: list[int]) -> None:
        """Select these rows (keyboard and tests)."""
        self.table.clearSelection()
        model = self.table.selectionModel()
        for row in rows:
            index = self.table.model().index(row, 0)
            model.select(
                index,
                model.SelectionFlag.Select | model.SelectionFlag.Rows,
            )

    def _selection_changed(self) -> None:
        count = len(self.selectedEntries())
        self.openButton.setEnabled(count == 1)
        self.exportButton.setEnabled(count == 1)
        self.compareButton.setEnabled(count == 2)
        self.deleteButton.setEnabled(count >= 1)

    def _report(self, entry: HistoryEntry) -> dict[str, Any] | None:
        try:
            return self.store.report(entry.row_id)
        except HistoryError as exc:
            self.message.setText(str(exc))
            return None

    # ------------------------------------------------------------------ actions

    def open_selected(self) -> None:
        """Show the selected test on the Results screen."""
        selected = self.selectedEntries()
        if len(selected) != 1:
            return
        report = self._report(selected[0])
        if report is not None:
            self.openRequested.emit(report, selected[0])

    def compare_selected(self) -> None:
        """Compare the two selected tests."""
        selected = self.selectedEntries()
        if len(selected) != 2:
            return
        reports = [self._report(entry) for entry in selected]
        if reports[0] is not None and reports[1] is not None:
            earlier, later = ordered(reports[0], reports[1])
            self.compareRequested.emit(earlier, later)

    def export_selected(self, path: Path) -> bool:
        """Write the selected test's report to ``path`` (format from the suffix)."""
        selected = self.selectedEntries()
        if len(selected) != 1:
            return False
        report = self._report(selected[0])
        if report is None:
            return False
        try:
            export_report(report, path)
        except ExportError as exc:
            self.message.setText(str(exc))
            return False
        self.message.setText(texts.HISTORY_EXPORTED.format(path=path))
        return True

    def _ask_and_export(self) -> None:
        selected = self.selectedEntries()
        if len(selected) != 1:
            return
        path, filters, chosen_filter = save_dialog_defaults({"id": selected[0].report_id})
        name, chosen = QFileDialog.getSaveFileName(
            self, texts.HISTORY_EXPORT_DIALOG, path, filters, chosen_filter
        )
        if name:
            self.export_selected(path_for_filter(Path(name), chosen))

    def ask_delete(self) -> None:
        """Ask before deleting the selected tests (the box does not block)."""
        selected = self.selectedEntries()
        if not selected:
            return
        self._pending_delete = [entry.row_id for entry in selected]
        self.confirmBox.setText(texts.counted("HISTORY_DELETE_CONFIRM", len(selected)))
        self.confirmBox.open()

    def _confirmed(self, result: int) -> None:
        row_ids, self._pending_delete = self._pending_delete, []
        if result != QMessageBox.StandardButton.Yes.value:
            return
        try:
            for row_id in row_ids:
                self.store.delete(row_id)
        except HistoryError as exc:
            self.message.setText(str(exc))
        else:
            self.message.setText(texts.counted("HISTORY_DELETED", len(row_ids)))
        self.reload()


class CompareScreen(QWidget):
    """Two tests side by side; emits ``backRequested``."""

    backRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(texts.COMPARE_COLUMNS))
        self.table.setObjectName("compareTable")
        self.table.setStyleSheet(
            "QTableWidget#compareTable { font-size: 14px; }"
            " QTableWidget#compareTable::item { padding: 4px 10px; }"
        )
        self.table.setHorizontalHeaderLabels(list(texts.COMPARE_COLUMNS))
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.backButton = QPushButton(texts.COMPARE_BACK)
        self.backButton.clicked.connect(self.backRequested)
        layout = QVBoxLayout(self)
        layout.addWidget(_title(texts.COMPARE_TITLE))
        layout.addWidget(self.table)
        layout.addWidget(self.backButton, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addStretch(1)

    def show_comparison(self, earlier: dict[str, Any], later: dict[str, Any]) -> None:
        """Fill the table: the two tests, then MOS, round trip, jitter and loss."""
        figures = compare(earlier, later)
        self.table.setRowCount(1 + len(figures))
        self.table.setItem(0, 0, _item(""))
        for column, report in ((1, earlier), (2, later)):
            self.table.setItem(0, column, _item(_describe(report)))
        self.table.setItem(0, 3, _item(""))
        for row, figure in enumerate(figures, start=1):
            self.table.setItem(row, 0, _item(figure.label))
            self.table.setItem(row, 1, _item(figure.value_text(figure.earlier), align_right=True))
            self.table.setItem(row, 2, _item(figure.value_text(figure.later), align_right=True))
            change = _item(figure.delta_text(), align_right=True)
            colour = CHANGE_COLOURS.get(figure.change)
            if colour is not None:
                change.setForeground(QColor(colour))
            self.table.setItem(row, 3, change)
        self.table.resizeRowsToContents()
        height = self.table.horizontalHeader().height() + 2 * self.table.frameWidth()
        height += sum(self.table.rowHeight(r) for r in range(self.table.rowCount()))
        self.table.setFixedHeight(height)


def _describe(report: dict[str, Any]) -> str:
    verdict = report.get("verdict") or {}
    mos = verdict.get("mos")
    grade = texts.grade_word(verdict.get("grade"))
    entry = HistoryEntry(0, "", str(report.get("started_at", "")), "", None, None)
    grade_text = (
        grade if mos is None else texts.GRADE_WITH_MOS.format(grade=grade, mos=mos_text(float(mos)))
    )
    return texts.COMPARE_TEST.format(
        date=entry.date_text(),
        mode=texts.MODE_SHORT.get(str(report.get("mode")), str(report.get("mode"))),
        grade=grade_text,
    )
