"""Render packaging/icons/callcheck.svg to the PNG/ICO files the installers use.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/icons/render_icons.py

Writes callcheck-256.png (Linux desktop entry, bundle) and packaging/windows/callcheck.ico. The
macOS .icns is made on the macOS runner with iconutil (packaging/macos/make_icns.sh).
"""

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer

HERE = Path(__file__).resolve().parent


def render(size: int) -> QImage:
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    QSvgRenderer(str(HERE / "callcheck.svg")).render(painter)
    painter.end()
    return image


if __name__ == "__main__":
    app = QGuiApplication([])
    render(256).save(str(HERE / "callcheck-256.png"))
    render(256).save(str(HERE.parent / "windows" / "callcheck.ico"))
    for path in (HERE / "callcheck-256.png", HERE.parent / "windows" / "callcheck.ico"):
        print(path, path.stat().st_size if path.exists() else "NOT WRITTEN")
