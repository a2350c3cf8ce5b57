"""The report's ``connectivity`` section as the error and Results screens show it.

Each named check (server reachable, token, room, UDP, TURN) on its own line with its status in
words (not colour alone) and the engine's plain-language finding, so "firewall blocks UDP" reads
as such instead of "ICE failed". The finding is shown in the user's language when the report
carries its phrase (reports made before phrases show their English).
"""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QGroupBox, QLabel, QVBoxLayout, QWidget

from callcheck.core.phrase import Phrase, localized
from callcheck.gui import texts

_STATUS_COLOURS = {"ok": "#1e8e3e", "failed": "#d93025"}


def connectivity_html(section: Mapping[str, Any] | None) -> str:
    """Rich text: one line per check; empty when there is nothing to show."""
    if not section:
        return ""
    checks = [c for c in section.get("checks") or [] if isinstance(c, Mapping)]
    if not checks:
        return ""
    rows = []
    for check in checks:
        name = str(check.get("name", ""))
        status = str(check.get("status", ""))
        label = texts.CONNECTIVITY_NAMES.get(name, name)
        word = texts.CONNECTIVITY_STATUS.get(status, status)
        colour = _STATUS_COLOURS.get(status)
        shown = f"<b style='color: {colour}'>{escape(word)}</b>" if colour else escape(word)
        stored = str(check.get("message") or "")
        message = escape(localized(Phrase.from_json(check.get("phrase")), stored, texts.translate))
        line = escape(texts.CONNECTIVITY_LINE).format(
            check=f"<b>{escape(label)}</b>", status=shown, finding=message
        )
        rows.append(f"<li>{line}</li>")
    return "<ul style='margin-left: -20px'>" + "".join(rows) + "</ul>"


def check_statuses(section: Mapping[str, Any] | None) -> dict[str, str]:
    """``{check name: status}`` (for tests and summaries)."""
    checks = (section or {}).get("checks") or []
    return {str(c.get("name")): str(c.get("status")) for c in checks if isinstance(c, Mapping)}


class ConnectivityBox(QGroupBox):
    """A group box listing the checks; hidden when a report has none (loopback)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(texts.CONNECTIVITY_TITLE, parent)
        self.setObjectName("connectivity")
        self.text = QLabel()
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.text.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        QVBoxLayout(self).addWidget(self.text)
        self.section: dict[str, Any] | None = None
        self.hide()

    def show_section(self, section: Mapping[str, Any] | None) -> None:
        """Show ``section`` (the report's ``connectivity``), or hide the box."""
        html = connectivity_html(section)
        self.section = dict(section) if section else None
        self.text.setText(html)
        self.setVisible(bool(html))
