"""Light and dark appearance: follow the system, or the user's choice in Settings.

"system" leaves the colour scheme to the platform (Qt ≥ 6.5 follows the system's light/dark
setting on Windows, macOS and GNOME/KDE) and restores the style's own palette. "light" and
"dark" ask the platform for that scheme (``QStyleHints.setColorScheme``, Qt ≥ 6.8) and also set
a complete palette, because not every platform theme honours the request (offscreen, older
desktops). Widgets use palette roles, never fixed colours, except the status colours that are
readable on both (the green Start button, the gauge's bands).
"""

from __future__ import annotations

from typing import Final

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QLabel

Role = QPalette.ColorRole
Group = QPalette.ColorGroup

_DARK: Final[dict[QPalette.ColorRole, str]] = {
    Role.Window: "#202124",
    Role.WindowText: "#e8eaed",
    Role.Base: "#17181a",
    Role.AlternateBase: "#2a2b2e",
    Role.ToolTipBase: "#303134",
    Role.ToolTipText: "#e8eaed",
    Role.PlaceholderText: "#9aa0a6",
    Role.Text: "#e8eaed",
    Role.Button: "#303134",
    Role.ButtonText: "#e8eaed",
    Role.BrightText: "#ffffff",
    Role.Light: "#4a4b4f",
    Role.Midlight: "#3c3d40",
    Role.Mid: "#2f3033",
    Role.Dark: "#111214",
    Role.Shadow: "#000000",
    Role.Highlight: "#8ab4f8",
    Role.HighlightedText: "#202124",
    Role.Link: "#8ab4f8",
    Role.LinkVisited: "#c58af9",
}
_LIGHT: Final[dict[QPalette.ColorRole, str]] = {
    Role.Window: "#f3f3f3",
    Role.WindowText: "#1f1f1f",
    Role.Base: "#ffffff",
    Role.AlternateBase: "#f0f3f7",
    Role.ToolTipBase: "#ffffdc",
    Role.ToolTipText: "#1f1f1f",
    Role.PlaceholderText: "#6b6b6b",
    Role.Text: "#1f1f1f",
    Role.Button: "#fafafa",
    Role.ButtonText: "#1f1f1f",
    Role.BrightText: "#ffffff",
    Role.Light: "#ffffff",
    Role.Midlight: "#e3e3e3",
    Role.Mid: "#b8b8b8",
    Role.Dark: "#9f9f9f",
    Role.Shadow: "#767676",
    Role.Highlight: "#0b57d0",
    Role.HighlightedText: "#ffffff",
    Role.Link: "#0b57d0",
    Role.LinkVisited: "#6a1b9a",
}
_DISABLED_TEXT: Final = {"dark": "#7c7f85", "light": "#9a9a9a"}

#: Radio buttons and check boxes in the dark theme. Fusion outlines an unselected one with the
#: window colour darkened, which on a dark window is all but invisible (issue 16): a light ring
#: (a light frame) instead, ≥ 3:1 against the window (WCAG 2.1 §1.4.11, non-text contrast); a
#: checked box keeps Fusion's own light tick, which shows.
#: Only in the dark theme; the light theme and the system's keep the platform's own controls.
DARK_CONTROLS_CSS: Final = """
QRadioButton::indicator { width: 12px; height: 12px; border-radius: 8px; }
QRadioButton::indicator:unchecked { border: 2px solid #9aa0a6; background: #17181a; }
QRadioButton::indicator:checked { border: 2px solid #8ab4f8; background: qradialgradient(
    cx: 0.5, cy: 0.5, radius: 0.5, fx: 0.5, fy: 0.5,
    stop: 0 #8ab4f8, stop: 0.5 #8ab4f8, stop: 0.6 #17181a, stop: 1 #17181a); }
QRadioButton::indicator:disabled { border-color: #5f6368; }
QCheckBox::indicator:unchecked { border: 1px solid #9aa0a6; border-radius: 2px;
    background: #17181a; width: 12px; height: 12px; }
QCheckBox::indicator:unchecked:disabled { border-color: #5f6368; }
"""


def palette_for(theme: str) -> QPalette:
    """The full palette of the ``light`` or ``dark`` theme."""
    palette = QPalette()
    for role, colour in (_DARK if theme == "dark" else _LIGHT).items():
        palette.setColor(role, QColor(colour))
    disabled = QColor(_DISABLED_TEXT["dark" if theme == "dark" else "light"])
    for role in (Role.WindowText, Role.Text, Role.ButtonText):
        palette.setColor(Group.Disabled, role, disabled)
    return palette


def is_dark(palette: QPalette) -> bool:
    """The palette has light text on a dark window."""
    return palette.color(Role.Window).lightness() < palette.color(Role.WindowText).lightness()


def apply_theme(theme: str) -> None:
    """Switch the running application to ``system``, ``light`` or ``dark``.

    Takes effect at once on every widget, headings and the verdict included (issue 16).
    """
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        return
    hints = QGuiApplication.styleHints()
    if theme in ("light", "dark"):
        if hasattr(hints, "setColorScheme"):
            hints.setColorScheme(Qt.ColorScheme.Dark if theme == "dark" else Qt.ColorScheme.Light)
        app.setPalette(palette_for(theme))
        app.setStyleSheet(DARK_CONTROLS_CSS if theme == "dark" else "")
    else:
        app.setStyleSheet("")
        if hasattr(hints, "unsetColorScheme"):
            hints.unsetColorScheme()
        style = app.style()
        app.setPalette(style.standardPalette() if style is not None else QPalette())
    repolish_style_sheets(app)


def repolish_style_sheets(app: QApplication) -> None:
    """Make widgets with their own style sheet (a heading's font size) take the new palette.

    Qt resolves such a widget's palette when its sheet is set and does not redo it on an
    application palette change, so after a runtime switch a heading stayed black on dark.
    Setting the same sheet again resolves it against the current palette.
    """
    for widget in app.allWidgets():
        sheet = widget.styleSheet()
        if sheet:
            widget.setStyleSheet(sheet)
        if isinstance(widget, QLabel) and "<a " in widget.text():
            # A rich-text label's links keep the link colour of when the text was set.
            widget.setText(widget.text())
