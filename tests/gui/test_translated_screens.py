"""Issue 16: the app in each shipped language, on the path the user takes.

* Settings offers the languages in their own words; choosing one rebuilds the window in it at
  once, and the choice is kept.
* Reports made from the app (HTML, PDF, text, the helpdesk summary) come out in the app's
  language; the JSON report is the same bytes in every language (a contract).
* Every screen, at 1366 × 768 and 1024 × 640, in every shipped language: no label, button or
  option is clipped (its text, as Qt lays it out, fits the widget), and no two controls on one
  screen share an ``&`` mnemonic; the translations in the dark theme too. Screenshots of each go
  to ``artifacts/screenshots/<language>/`` (the small window's to ``…/<language>/1024x640/``,
  the dark theme's to ``…/<language>/dark/``).

The ``.ts`` files are compiled here with the real ``pyside6-lrelease`` (the ``.qm`` files are
build output), so the test sees the translations as they are in the checkout.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QEventLoop,
    QLocale,
    QPoint,
    QRect,
    QRectF,
    QSize,
    QTimer,
)
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QLabel,
    QRadioButton,
    QToolButton,
    QWidget,
)
from pytestqt.qtbot import QtBot
from screen_tour import SCREENS, tour
from test_start_layout import text_fits
from test_theme_switch import MIN_CONTRAST, text_contrast

from callcheck import launcher
from callcheck.core.schedule import ScheduleSettings
from callcheck.engine.audio_io import SyntheticAudioBackend
from callcheck.gui import i18n, settings, texts
from callcheck.gui.app import MainWindow, reopen_window, split_language_option
from callcheck.gui.gauge import MosGauge
from callcheck.gui.history_store import HistoryStore
from callcheck.gui.report_export import export_report
from callcheck.gui.settings import AppSettings, SettingsStore
from callcheck.gui.theme import is_dark
from callcheck.gui.tray import CallCheckTray, TrayConfig

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
SHIPPED = sorted(p.stem.removeprefix("callcheck_") for p in I18N.glob("callcheck_*.ts"))
SCREEN_SIZE = QSize(1366, 768)
#: The window sizes users have (issue 16): the laptop screen, and a small window.
SIZES = [SCREEN_SIZE, QSize(1024, 640)]
SCREENSHOTS = ROOT / "artifacts" / "screenshots"
_MNEMONIC = re.compile(r"(?<!&)&([^\s&])")


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} is missing: it comes with PySide6"
    return found


@pytest.fixture(scope="module")
def compiled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The shipped languages compiled to ``.qm`` in a folder the app reads them from."""
    folder = tmp_path_factory.mktemp("qm")
    for language in SHIPPED:
        ts = I18N / f"callcheck_{language}.ts"
        subprocess.run(
            [_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(folder / f"{ts.stem}.qm")],
            check=True,
            timeout=60,
        )
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(i18n, "translations_dir", lambda: folder)
        yield folder


@pytest.fixture
def speaking(qapp: QApplication, compiled: Path) -> Iterator[Any]:
    """``speaking(language)`` installs that language (``en``: none); English again after."""

    def install(language: str) -> None:
        i18n.install_translations(qapp, QLocale(language))

    yield install
    i18n.remove_translations(qapp)


def _window(qtbot: QtBot, tmp_path: Path, data_dir: Path, **settings: Any) -> MainWindow:
    store = SettingsStore(tmp_path / "settings.ini")
    store.save(AppSettings(server_url="https://callcheck.example.com:8443", **settings))
    win = MainWindow(
        store=store,
        history=HistoryStore(data_dir / "history.sqlite3"),
        device_backend=SyntheticAudioBackend,
    )
    qtbot.addWidget(win)
    win.resize(SCREEN_SIZE)
    win.show()
    qtbot.waitExposed(win)
    return win


def _close(win: MainWindow) -> None:
    win.bridge.shutdown()
    win.historyStore.close()


# ---------------------------------------------------------------- choosing the language


def test_settings_offer_each_language_in_its_own_words(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, compiled: Path
) -> None:
    win = _window(qtbot, tmp_path, data_dir)
    combo = win.settingsScreen.language
    offered = {combo.itemData(i): combo.itemText(i) for i in range(combo.count())}
    assert list(offered) == ["", "en", *SHIPPED]
    assert offered[""] == "System default"
    assert offered["en"] == "English"
    expected = {"de": "Deutsch", "fr": "Français", "es": "Español"}
    for language in SHIPPED:
        assert offered[language] == expected.get(language, offered[language])
    _close(win)


@pytest.mark.parametrize("language", SHIPPED)
def test_choosing_a_language_rebuilds_the_window_in_it_and_keeps_it(
    qtbot: QtBot, tmp_path: Path, data_dir: Path, speaking: Any, language: str
) -> None:
    speaking("en")
    win = _window(qtbot, tmp_path, data_dir)
    replaced: list[MainWindow] = []
    win.languageChanged.connect(lambda _: replaced.append(reopen_window(win)))
    win.show_settings()
    english_title = texts.SETTINGS_TITLE
    screen = win.settingsScreen
    screen.language.setCurrentIndex(screen.language.findData(language))
    screen.saveButton.click()
    assert len(replaced) == 1
    new = replaced[0]
    qtbot.addWidget(new)
    # Every text of the new window was read in the new language: the title, the navigation,
    # and the note that it happened, in that language too.
    assert english_title != texts.SETTINGS_TITLE
    assert new.stack.currentWidget() is new.settingsScreen
    assert any(label.text() == texts.SETTINGS_TITLE for label in new.findChildren(QLabel))
    assert new.navActions["settings"].text() == texts.NAV_SETTINGS != "Settings"
    assert new.settingsScreen.message.text() == texts.SETTINGS_LANGUAGE_CHANGED
    assert new.settingsScreen.language.currentData() == language
    assert not win.isVisible()
    assert new.historyStore.path == win.historyStore.path  # the same history, test-run or not
    # Kept: the next start reads it before any window exists.
    assert new.store.load().language == language
    assert i18n.chosen_locale(new.store.language()).name().startswith(language)
    # And back to English the same way.
    back: list[MainWindow] = []
    new.languageChanged.connect(lambda _: back.append(reopen_window(new)))
    new.settingsScreen.language.setCurrentIndex(new.settingsScreen.language.findData("en"))
    new.settingsScreen.saveButton.click()
    qtbot.addWidget(back[0])
    assert back[0].navActions["settings"].text() == "Settings"
    _close(back[0])


def drop_stale_quit() -> None:
    """After ``run_gui`` returned in this process: closing the last window and ``quit()`` can
    leave a Quit event posted, and delivered later it makes every event loop of the tests
    after this one return at once (QEventLoop.exec() == -1). Drop it, and check a loop runs."""
    QCoreApplication.removePostedEvents(None, QEvent.Type.Quit)
    loop = QEventLoop()
    QTimer.singleShot(10, loop.quit)
    assert loop.exec() == 0, "event loops no longer run after callcheck gui ended"


def test_callcheck_gui_changes_language_from_settings(
    qapp: QApplication, speaking: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole path: ``callcheck gui`` starts in English, the user picks Deutsch in Settings
    and saves; one window is left, in German, and the next start would be German too."""
    monkeypatch.delenv(i18n.LANGUAGE_ENV_VAR, raising=False)
    monkeypatch.setattr(settings, "default_path", lambda: tmp_path / "settings.ini")
    SettingsStore(tmp_path / "settings.ini").save(AppSettings(language="en"))
    seen: dict[str, Any] = {}

    def windows() -> list[MainWindow]:
        return [w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()]

    def choose() -> None:
        (window,) = windows()
        seen["before"] = window.navActions["settings"].text()
        window.show_settings()
        screen = window.settingsScreen
        screen.language.setCurrentIndex(screen.language.findData("de"))
        screen.saveButton.click()
        # A timer, not a posted call: the new window's warm-up delivers posted events itself
        # (LiveScreen.prerender), and must not see its window closed under it.
        QTimer.singleShot(50, look_and_quit)

    def look_and_quit() -> None:
        shown = windows()
        if shown and shown[0]._live is None:  # the new window's warm-up (charts) is not done
            QTimer.singleShot(20, look_and_quit)
            return
        seen["windows"] = len(shown)
        seen["after"] = shown[0].navActions["settings"].text()
        for window in shown:
            window.close()
            window.deleteLater()
        qapp.quit()

    names = qapp.applicationName(), qapp.applicationDisplayName(), qapp.applicationVersion()
    QTimer.singleShot(0, choose)
    try:
        assert launcher.main(["gui"]) == 0
    finally:
        drop_stale_quit()
        qapp.setApplicationName(names[0])
        qapp.setApplicationDisplayName(names[1])
        qapp.setApplicationVersion(names[2])
    assert seen == {"before": "Settings", "windows": 1, "after": "Einstellungen"}
    assert SettingsStore(tmp_path / "settings.ini").language() == "de"


@pytest.mark.parametrize(
    ("argv", "language", "rest"),
    [
        (["--language", "de"], "de", []),
        (["-platform", "offscreen", "--language=fr"], "fr", ["-platform", "offscreen"]),
        (["-style", "fusion"], None, ["-style", "fusion"]),
    ],
)
def test_gui_language_option(argv: list[str], language: str | None, rest: list[str]) -> None:
    assert split_language_option(argv) == (language, rest)


@pytest.mark.parametrize("language", SHIPPED)
def test_the_tray_menu_follows_a_change_of_language(
    qtbot: QtBot, speaking: Any, language: str
) -> None:
    speaking("en")
    tray = CallCheckTray(
        TrayConfig(schedule=ScheduleSettings(every_h=4, at_login=False)),
        clock=lambda: 0.0,
        microphone_in_use=lambda: False,
    )
    qtbot.addWidget(tray.menu)
    try:
        before = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
        speaking(language)
        tray.retranslate()  # what run_gui does after Settings changed the language
        after = [a.text() for a in tray.menu.actions() if not a.isSeparator()]
    finally:
        tray.shutdown()
    assert before[0] == "Test now"
    assert after[0] == texts.TRAY_TEST_NOW != before[0]
    assert after[2] != before[2]
    assert after[3:] == [texts.TRAY_OPEN, texts.TRAY_QUIT]


# ---------------------------------------------------------------- reports in the language


@pytest.mark.parametrize("language", SHIPPED)
def test_reports_from_the_app_come_out_in_its_language(
    qtbot: QtBot,
    tmp_path: Path,
    data_dir: Path,
    speaking: Any,
    make_report: Any,
    language: str,
) -> None:
    report = make_report(2.63, "2025-03-03T11:00:00+00:00", rtt_ms=420.0, report_id="r1")
    speaking("en")
    export_report(report, tmp_path / "en.json")
    export_report(report, tmp_path / "en.html")
    export_report(report, tmp_path / "en.txt")
    english_heading = "What to do"
    speaking(language)
    heading = QApplication.translate("report", english_heading)
    assert heading != english_heading
    for suffix in ("json", "html", "txt", "pdf"):
        export_report(report, tmp_path / f"{language}.{suffix}")
    # The JSON is the report: never translated.
    assert (tmp_path / f"{language}.json").read_bytes() == (tmp_path / "en.json").read_bytes()
    html = (tmp_path / f"{language}.html").read_text(encoding="utf-8")
    assert f'<html lang="{language}">' in html
    assert f"<h2>{heading}</h2>" in html
    assert f"<h2>{english_heading}</h2>" not in html
    # The figures stay the report's: the verdict's MOS is printed the same in both.
    english_html = (tmp_path / "en.html").read_text(encoding="utf-8")
    assert re.findall(r"MOS \d\.\d", html)[:1] == re.findall(r"MOS \d\.\d", english_html)[:1]
    text = (tmp_path / f"{language}.txt").read_text(encoding="utf-8")
    title = QApplication.translate("summary", "CallCheck call-quality test {id}")
    assert text.splitlines()[0] == title.format(id="r1")
    assert text != (tmp_path / "en.txt").read_text(encoding="utf-8")
    pdftotext = shutil.which("pdftotext")
    if pdftotext:  # poppler-utils (packaging/setup.sh test installs it)
        pdf_text = subprocess.run(
            [pdftotext, str(tmp_path / f"{language}.pdf"), "-"],
            capture_output=True,
            text=True,
            check=True,
            timeout=60,
        ).stdout
        assert heading in pdf_text
    # The helpdesk summary the Results screen copies: the same text as the .txt file.
    win = _window(qtbot, tmp_path, data_dir)
    results = win.resultsScreen()
    results.show_report(report)
    assert results.summary_text() + "\n" in (text, text + "\n")
    _close(win)


# ---------------------------------------------------------------- every screen, every language


def _plain(text: str) -> str:
    return re.sub(r"<[^>]+>", "", text).replace("&&", "\0").replace("&", "").replace("\0", "&")


def _clipped(widget: QWidget) -> str | None:
    """Why ``widget``'s text does not fit it, or None when it fits."""
    if isinstance(widget, QLabel):
        if widget.textFormat() != widget.textFormat().PlainText and re.search(
            r"<(li|ul|ol|table|p)\b", widget.text()
        ):
            return None  # laid out as a document (lists, paragraphs): sized by its layout
        fits, how = text_fits(widget)
        return None if fits else how
    if isinstance(widget, QAbstractButton):
        needed = widget.sizeHint().width()
        return None if needed <= widget.width() else f"needs {needed}, has {widget.width()}"
    return None


def _readable_text(window: QWidget, widget: QWidget) -> bool:
    """A label or option the user reads on this screen (enabled, on screen): the ones whose
    contrast the dark theme must keep (test_theme_switch.py's measure)."""
    on_screen = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size()) & window.rect()
    return (
        isinstance(widget, QLabel | QRadioButton)
        and widget.isEnabled()
        and widget.width() > 20
        and on_screen.height() > 8
    )


def _mnemonics(widgets: list[QWidget]) -> Counter[str]:
    letters: Counter[str] = Counter()
    for widget in widgets:
        if isinstance(widget, QAbstractButton) or (
            isinstance(widget, QLabel) and widget.buddy() is not None
        ):
            letters.update(m.lower() for m in _MNEMONIC.findall(widget.text()))  # type: ignore[attr-defined]
    return letters


#: Every language at both sizes in the light theme; the translations in the dark theme too, at
#: the laptop's size (English in both themes: test_screenshots.py). The dark theme changes the
#: colours, not the layout; what it can break in a language is a word painted unreadable.
LOOKS = [
    *((language, size, "light") for language in ["en", *SHIPPED] for size in SIZES),
    *((language, SCREEN_SIZE, "dark") for language in SHIPPED),
]


@pytest.mark.parametrize(
    ("language", "size", "theme"),
    LOOKS,
    ids=[f"{lang}-{size.width()}x{size.height()}-{theme}" for lang, size, theme in LOOKS],
)
def test_no_text_is_clipped_on_any_screen(
    qtbot: QtBot,
    tmp_path: Path,
    data_dir: Path,
    speaking: Any,
    make_report: Any,
    language: str,
    size: QSize,
    theme: str,
) -> None:
    speaking(language)
    win = _window(qtbot, tmp_path, data_dir, theme=theme)
    qtbot.waitUntil(lambda: is_dark(win.palette()) == (theme == "dark"), timeout=2000)
    win.resize(size)
    folder = SCREENSHOTS / language
    if size != SCREEN_SIZE:
        folder = folder / f"{size.width()}x{size.height()}"
    if theme == "dark":
        folder = folder / "dark"
    folder.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    seen = []
    for screen in tour(win, make_report):
        seen.append(screen)
        image = win.grab().toImage()
        assert image.save(str(folder / f"{screen}.png"))  # first: to look at a failure
        edge = image.pixelColor(image.width() - 3, image.height() // 2)
        if (edge.lightness() < 128) != (theme == "dark"):
            problems.append(f"{screen}: not drawn in the {theme} theme")
        current = win.stack.currentWidget()
        widgets = [
            w
            for w in [*current.findChildren(QWidget), *win._nav.findChildren(QToolButton)]
            if w.isVisible() and _plain(getattr(w, "text", lambda: "")()).strip()
        ]
        assert widgets, screen
        for widget in widgets:
            why = _clipped(widget)
            if why:
                text = _plain(widget.text())[:50]  # type: ignore[attr-defined]
                problems.append(f"{screen}: {type(widget).__name__} {text!r} {why}")
            if theme == "dark" and _readable_text(win, widget):
                contrast = text_contrast(widget)
                if contrast < MIN_CONTRAST:
                    text = _plain(widget.text())[:50]  # type: ignore[attr-defined]
                    problems.append(f"{screen}: {text!r} contrast {contrast:.1f}:1 on dark")
        for gauge in current.findChildren(MosGauge):  # painted words: the pass mark's
            rect, font = gauge.passLabelLayout()
            needed = QFontMetricsF(font).horizontalAdvance(texts.GAUGE_PASS_MARK)
            if gauge.isVisible() and (
                needed > rect.width() or not QRectF(gauge.rect()).contains(rect)
            ):
                problems.append(f"{screen}: the gauge's pass mark needs {needed:.0f} px")
        doubled = [m for m, n in _mnemonics(widgets).items() if n > 1]
        if doubled:
            problems.append(f"{screen}: the mnemonic(s) {doubled} are used twice")
    assert seen == list(SCREENS)
    _close(win)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("language", ["en", *SHIPPED])
def test_the_run_again_prompt_shares_no_mnemonic_with_the_results(
    qtbot: QtBot,
    tmp_path: Path,
    data_dir: Path,
    speaking: Any,
    make_report: Any,
    language: str,
) -> None:
    """The helpdesk's "run again" question shows above the Results screen, whose own "Run the
    test again" button was Alt+R in English as the question's "Run" was: Qt then moves the
    focus between the two instead of pressing either."""
    speaking(language)
    win = _window(qtbot, tmp_path, data_dir)
    results = win.resultsScreen()
    results.show_report(make_report(3.4, "2025-03-01T10:00:00+00:00"))
    win.stack.setCurrentWidget(results)
    win.runAgainPrompt.ask()
    qtbot.waitUntil(win.runAgainPrompt.isVisible, timeout=2000)
    widgets = [
        w
        for w in [
            *results.findChildren(QWidget),
            *win.runAgainPrompt.findChildren(QWidget),
            *win._nav.findChildren(QToolButton),
        ]
        if w.isVisible() and _plain(getattr(w, "text", lambda: "")()).strip()
    ]
    letters = _mnemonics(widgets)
    assert win.runAgainPrompt.runButton in widgets
    assert sum(letters.values()) >= 5, letters
    _close(win)
    assert not [m for m, n in letters.items() if n > 1], letters
