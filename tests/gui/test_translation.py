"""Issue 7: every text a user reads comes from one place, ready for translation with Qt's tools.

The texts live in :mod:`callcheck.gui.texts`, marked for ``pyside6-lupdate``; the sentences the
core and the engine make (verdict, "why this score", actions, the helpdesk summary, connection
findings) are templates where they are made (:mod:`callcheck.core.phrase`), marked the same way.
A translation is a ``.qm`` file built by ``pyside6-lrelease`` and installed at start-up
(:mod:`callcheck.gui.i18n`). These tests run the real tools: they extract the texts, build a
pseudo-translation (every text in brackets) and start the real window with it.
"""

from __future__ import annotations

import ast
import json
import shutil
import ssl
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from html import escape
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from PySide6.QtCore import QLocale, QSettings, QTimer
from PySide6.QtWidgets import QApplication, QRadioButton
from pytestqt.qtbot import QtBot
from test_app import _open_window

from callcheck import launcher
from callcheck.core.advice import advise, inputs_from_report
from callcheck.core.grades import Grade
from callcheck.core.host import HostInfo, InterfaceKind, WifiInfo
from callcheck.core.phrase import Phrase
from callcheck.core.report_text import summary_text
from callcheck.core.result_phrases import verdict_phrase, why_phrases
from callcheck.engine import connectivity
from callcheck.engine.signaling import classify_http_error
from callcheck.gui import i18n, settings, texts
from callcheck.gui.app import MainWindow
from callcheck.gui.connectivity_view import connectivity_html
from callcheck.gui.report_export import print_html
from callcheck.gui.settings import AppSettings, SettingsStore

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
GUI_SOURCES = ROOT / "desktop" / "callcheck" / "gui"
#: Where sentences are made outside the GUI (packaging/update_translations.sh scans them too).
MAKER_SOURCES = (ROOT / "desktop" / "callcheck" / "core", ROOT / "desktop" / "callcheck" / "engine")
TEMPLATE = ROOT / "resources" / "i18n" / "callcheck.ts"
REPORT_FIXTURE = ROOT / "tests" / "fixtures" / "report-v1-loopback.json"
CONTEXT = "texts"
#: The contexts of the core's and the engine's sentences.
MAKER_CONTEXTS = {"advice", "connectivity", "grades", "heard", "lists", "summary", "verdict", "why"}
PSEUDO_LOCALE = "de"  # any language: the file holds the pseudo-translation


def _tool(name: str) -> str:
    """A Qt tool of the PySide6 installed with this interpreter."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} is missing: it comes with PySide6"
    return found


def pseudo(source: str) -> str:
    return f"[{source}]"


def source_texts() -> set[str]:
    """Every text of texts.py, walked from the module itself: the public constants that are
    strings, or tuples and dicts of them (dict keys are codes). Empty strings are no text."""
    found: set[str] = set()

    def walk(value: Any) -> None:
        if isinstance(value, str):
            if value:
                found.add(value)
        elif isinstance(value, tuple):
            for item in value:
                walk(item)
        elif isinstance(value, dict):
            for item in value.values():
                walk(item)

    for name, value in vars(texts).items():  # the module's own dict: the English originals
        if not name.startswith("_"):
            walk(value)
    return found


def messages(ts: Path) -> dict[str, set[str]]:
    """``{context: {source text}}`` of a Qt Linguist file."""
    found: dict[str, set[str]] = {}
    for context in ET.parse(ts).getroot().iter("context"):
        sources = found.setdefault(context.findtext("name") or "", set())
        sources.update(m.findtext("source") or "" for m in context.iter("message"))
    return found


def marked_in(folder: Path) -> set[tuple[str, str]]:
    """Every ``QT_TRANSLATE_NOOP("context", "text")`` in a package's sources, read with
    Python's own parser: ``(context, text)``."""
    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Name)
                and node.func.id == "QT_TRANSLATE_NOOP"
                and len(node.args) == 2
                and all(isinstance(a, ast.Constant) and isinstance(a.value, str) for a in node.args)
            ):
                context, text = (a.value for a in node.args)  # type: ignore[attr-defined]
                found.add((context, text))
    return found


def pairs(found: dict[str, set[str]]) -> set[tuple[str, str]]:
    return {(context, text) for context, texts_ in found.items() for text in texts_}


def _lupdate(ts: Path, *sources: Path) -> Path:
    subprocess.run(
        [
            _tool("pyside6-lupdate"),
            *("-silent", "-extensions", "py", "-locations", "none"),
            *(str(s) for s in sources),
            *("-ts", str(ts)),
        ],
        check=True,
        timeout=120,
    )
    return ts


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """What pyside6-lupdate extracts now, from the sources update_translations.sh scans."""
    return _lupdate(tmp_path_factory.mktemp("i18n") / "callcheck.ts", GUI_SOURCES, *MAKER_SOURCES)


@pytest.fixture(scope="module")
def pseudo_dir(extracted: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with ``callcheck_de.qm``: every text translated to ``[text]``."""
    tree = ET.parse(extracted)
    for message in tree.getroot().iter("message"):
        translation = message.find("translation")
        assert translation is not None
        translation.attrib.pop("type", None)  # "unfinished"
        translation.text = pseudo(message.findtext("source") or "")
    folder = tmp_path_factory.mktemp("pseudo")
    ts = folder / f"callcheck_{PSEUDO_LOCALE}.ts"
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run(
        [_tool("pyside6-lrelease"), "-silent", str(ts), "-qm", str(ts.with_suffix(".qm"))],
        check=True,
        timeout=120,
    )
    return folder


@pytest.fixture
def pseudo_translation(qapp: QApplication, pseudo_dir: Path) -> Iterator[None]:
    assert i18n.install_translations(qapp, QLocale(PSEUDO_LOCALE), pseudo_dir)
    yield
    i18n.remove_translations(qapp)


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path, data_dir: Path) -> Iterator[MainWindow]:
    store = SettingsStore(tmp_path / "settings.ini")
    store.save(AppSettings(duration_s=5.0))
    win = _open_window(qtbot, store, data_dir)
    yield win
    win.bridge.shutdown()
    win.historyStore.close()


# ---------------------------------------------------------------- extraction


def test_lupdate_extracts_every_text(extracted: Path) -> None:
    found = messages(extracted)
    missing = source_texts() - found.get(CONTEXT, set())
    assert not missing, f"texts not marked with QT_TRANSLATE_NOOP({CONTEXT!r}, …): {missing}"


def test_every_gui_text_comes_from_texts_py(tmp_path: Path) -> None:
    assert set(messages(_lupdate(tmp_path / "gui.ts", GUI_SOURCES))) == {CONTEXT}


def test_core_and_engine_sentences_have_their_own_contexts(extracted: Path) -> None:
    assert set(messages(extracted)) == {CONTEXT} | MAKER_CONTEXTS


def test_lupdate_extracts_every_core_and_engine_template(extracted: Path) -> None:
    marked = set().union(*(marked_in(folder) for folder in MAKER_SOURCES))
    assert {context for context, _ in marked} == MAKER_CONTEXTS
    missing = marked - pairs(messages(extracted))
    assert not missing, f"templates lupdate does not see: {missing}"


def _rich_report() -> dict[str, Any]:
    """The saved fixture report with this version's actions (phrases) for a Wi-Fi laptop."""
    report: dict[str, Any] = json.loads(REPORT_FIXTURE.read_text())
    host = HostInfo(
        os="linux",
        interface="wlan0",
        interface_kind=InterfaceKind.WIFI,
        wifi=WifiInfo(signal_dbm=-75.0, band_ghz=2.4),
        vpn_interfaces=("wg0",),
        cpu_load_pct=91.0,
    )
    actions = advise(inputs_from_report(report, host=host))
    report["recommendations"]["actions"] = [a.to_json() for a in actions]
    report["environment"]["host"] = host.to_json()
    return report


def test_every_template_the_app_renders_is_in_the_catalogue(extracted: Path) -> None:
    """Rendering records each (context, template) it asks the translator for: all are there."""
    asked: set[tuple[str, str]] = set()

    def recording(context: str, source: str) -> str:
        asked.add((context, source))
        return source

    report = _rich_report()
    summary_text(report, recording)
    for phrase in why_phrases(report["quality"]):
        phrase.render(recording)
    for grade in Grade:
        for passed in (False, True):
            for partial in (False, True):
                verdict_phrase(grade, 3.5, passed=passed, partial=partial).render(recording)
    verdict_phrase(None, None, passed=False, partial=False).render(recording)
    check = connectivity.udp_result(
        connected=False, any_check_succeeded=False, remote_candidates=2, target="x", elapsed_ms=1.0
    )
    assert check.phrase is not None
    check.phrase.render(recording)
    assert {c for c, _ in asked} >= {"advice", "grades", "summary", "verdict", "why"}
    missing = asked - pairs(messages(extracted))
    assert not missing, f"rendered but not in the catalogue: {missing}"


@pytest.mark.parametrize(
    "error",
    [
        pytest.param(TimeoutError(), id="timeout"),
        pytest.param(ssl.SSLError(), id="tls"),
        pytest.param(aiohttp.ServerDisconnectedError(), id="disconnected"),
    ],
)
def test_http_error_words_are_translatable(error: BaseException) -> None:
    _, words = classify_http_error(error)
    assert isinstance(connectivity._words(words), Phrase)


def test_translators_template_is_up_to_date(extracted: Path) -> None:
    assert messages(TEMPLATE) == messages(extracted), (
        "resources/i18n/callcheck.ts is stale: run bash packaging/update_translations.sh"
    )


# ---------------------------------------------------------------- a translation installed


def test_every_text_is_translated_when_read(pseudo_translation: None) -> None:
    untranslated = []
    for name, value in vars(texts).items():
        if name.startswith("_") or not isinstance(value, str | tuple | dict):
            continue
        read = getattr(texts, name)
        if isinstance(value, str):
            expected: Any = pseudo(value) if value else value
        elif isinstance(value, tuple):
            expected = tuple(pseudo(v) if isinstance(v, str) and v else v for v in value)
        else:
            expected = {
                k: pseudo(v)
                if isinstance(v, str)
                else tuple(pseudo(item) for item in v)
                if isinstance(v, tuple)
                else v
                for k, v in value.items()
            }
        if read != expected:
            untranslated.append(name)
    assert not untranslated


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        pytest.param(lambda: texts.grade_name(Grade.GOOD), "[Good]", id="grade_name"),
        pytest.param(lambda: texts.grade_word("Fair"), "[Fair]", id="grade_word"),
        pytest.param(lambda: texts.grade_word(None), "[No score]", id="grade_word-none"),
        pytest.param(
            lambda: texts.gauge_description(3.99, Grade.FAIR),
            "[MOS 3.9, [Fair]]",
            id="gauge_description-keeps-rounding-down",
        ),
        pytest.param(
            lambda: texts.window_title("1.2.0", "abc"),
            "[CallCheck 1.2.0 (build abc) – call quality test]",
            id="window_title",
        ),
        pytest.param(lambda: texts.time_left(12.4), "[12 s left]", id="time_left"),
        pytest.param(lambda: texts.figure(112.0, texts.UNIT_MS), "[112 [ms]]", id="figure"),
        pytest.param(lambda: texts.mos_text(float("nan")), "[–]", id="mos_text-nan"),
        pytest.param(lambda: texts.mos_text(4.29), "4.2", id="mos_text-figure"),
    ],
)
def test_formatted_texts_are_translated_templates(
    pseudo_translation: None, text: Any, expected: str
) -> None:
    assert text() == expected


def test_window_shows_the_translation(
    pseudo_translation: None, window: MainWindow, make_report: Any
) -> None:
    # The GUI modules were imported (at the top of this file) before the translator was
    # installed: texts are translated when read, so the translation still applies.
    assert window.windowTitle().startswith("[CallCheck ")
    assert window.navActions["home"].text() == "[Home]"
    start = window.start
    assert start.startButton.text() == "[&Test my call quality]"
    assert start.startButton.accessibleName() == "[Test my call quality]"
    modes = [b.text() for b in start.findChildren(QRadioButton)]
    assert "[Quick local check (this computer)]" in modes

    results = window.resultsScreen()
    results.show_report(make_report(4.2, "2025-03-01T10:00:00+00:00", rtt_ms=112.0))
    assert results.title.text() == "[Your result]"
    assert results.gauge.accessibleName() == "[MOS gauge]"
    assert results.gauge.accessibleDescription() == "[MOS 4.2, [Good]]"
    assert results.passLine.text() == "[Good enough for business calls.]"
    assert results.rttValue.text() == "[112 [ms]]"


def test_results_screen_shows_the_cores_sentences_translated(
    pseudo_translation: None, window: MainWindow
) -> None:
    report = _rich_report()
    results = window.resultsScreen()
    results.show_report(report)
    assert results.verdict.text() == pseudo(
        "{grade} (MOS {mos}): {experience} This is good enough for business calls."
    ).format(grade="[Good]", mos="4.0", experience="[Clear voice, very minor flaws.]")
    why = results.why.text()
    assert why.count("<li>[") == len(why_phrases(report["quality"])) >= 3
    assert "<li>[A perfect call on this scale" in why
    actions = results.actionsText.text()
    assert actions.count("<li>[") == len(report["recommendations"]["actions"]) >= 3
    summary = results.summary_text().splitlines()
    assert summary[0] == f"[CallCheck call-quality test {report['id']}]"
    assert any(line.startswith("[[Good] (MOS 4.0): [Clear voice") for line in summary)
    # The PDF is the HTML report (one layout); reports in the chosen language come with the
    # shipped translations (issue 16, last step), so it is English for now.
    pdf = print_html(report)
    assert "<li>A perfect call on this scale" in pdf


def test_an_old_report_still_renders_in_english(
    pseudo_translation: None, window: MainWindow
) -> None:
    """A report saved before phrases (history): no ``phrase`` fields, and a summary in other
    words. The screen is translated; the report's own sentences stay as stored."""
    report: dict[str, Any] = json.loads(REPORT_FIXTURE.read_text())
    report["verdict"]["summary"] = "Good: an older version's words."
    stored = [a["text"] for a in report["recommendations"]["actions"]]
    assert not any("phrase" in a for a in report["recommendations"]["actions"])
    results = window.resultsScreen()
    results.show_report(report)
    assert results.title.text() == "[Your result]"
    assert results.verdict.text() == "Good: an older version's words."
    actions = results.actionsText.text()
    assert actions.count("<li>") == len(stored)
    assert "<li>[" not in actions
    assert escape(stored[0]) in actions
    assert "<li>[A perfect call" in results.why.text()  # made from the figures: translated


def test_connection_findings_are_translated(pseudo_translation: None) -> None:
    check = connectivity.udp_result(
        connected=False, any_check_succeeded=False, remote_candidates=0, target="x", elapsed_ms=2.0
    )
    old = {"name": "http", "status": "ok", "message": "The server answers over HTTPS."}
    section = {"summary": "", "passed": False, "checks": [check.to_json(), old]}
    html = connectivity_html(json.loads(json.dumps(section)))
    assert "[The far end offered no network address for the media" in html
    assert "The server answers over HTTPS." in html
    assert "[The server answers over HTTPS.]" not in html


def test_callcheck_gui_starts_in_the_chosen_language(
    qapp: QApplication, pseudo_dir: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """``callcheck gui`` (the launcher, then run_gui) installs the translation itself."""
    monkeypatch.setenv(i18n.LANGUAGE_ENV_VAR, PSEUDO_LOCALE)
    monkeypatch.setattr(i18n, "translations_dir", lambda: pseudo_dir)
    monkeypatch.setattr(settings, "default_path", lambda: tmp_path / "settings.ini")
    seen: dict[str, str] = {}

    def look_and_quit() -> None:
        window = next(
            w for w in qapp.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        seen["title"] = window.windowTitle()
        seen["button"] = window.start.startButton.text()
        window.close()
        window.deleteLater()
        qapp.quit()

    names = qapp.applicationName(), qapp.applicationDisplayName(), qapp.applicationVersion()
    # Closing the last window would *post* a Quit event besides the quit() that ends exec():
    # left in the queue, it ends the next test's event loop and leaves the thread's "quit now"
    # flag set, so every later QEventLoop.exec() (qtbot.waitSignal) returns at once — the tray
    # tests that followed this one timed out waiting for their bridge's signals.
    qapp.setQuitOnLastWindowClosed(False)
    QTimer.singleShot(0, look_and_quit)
    try:
        assert launcher.main(["gui"]) == 0
    finally:
        qapp.setQuitOnLastWindowClosed(True)
        i18n.remove_translations(qapp)
        qapp.setApplicationName(names[0])
        qapp.setApplicationDisplayName(names[1])
        qapp.setApplicationVersion(names[2])
    assert seen["title"].startswith("[CallCheck ")
    assert seen["button"] == "[&Test my call quality]"


def test_translations_ship_in_the_resources_folder(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CALLCHECK_RESOURCES", str(tmp_path))
    assert i18n.translations_dir() == tmp_path / "i18n"


# ---------------------------------------------------------------- no translation: English


def test_no_file_for_the_language_means_english(qapp: QApplication, pseudo_dir: Path) -> None:
    assert not i18n.install_translations(qapp, QLocale("fr"), pseudo_dir)
    assert texts.START_BUTTON == "Test my call quality"
    assert texts.gauge_description(4.2, Grade.GOOD) == "MOS 4.2, Good"


def test_missing_folder_means_english(qapp: QApplication, tmp_path: Path) -> None:
    assert not i18n.install_translations(qapp, QLocale(PSEUDO_LOCALE), tmp_path / "nothing")
    assert texts.RESULTS_TITLE == "Your result"


def test_switching_to_a_language_without_file_removes_the_translation(
    qapp: QApplication, pseudo_dir: Path, qtbot: QtBot, window: MainWindow
) -> None:
    assert i18n.install_translations(qapp, QLocale(PSEUDO_LOCALE), pseudo_dir)
    assert texts.START_BUTTON == "[Test my call quality]"
    assert not i18n.install_translations(qapp, QLocale("fr"), pseudo_dir)
    assert texts.START_BUTTON == "Test my call quality"


def test_english_window_without_translation(window: MainWindow) -> None:
    assert window.start.startButton.text() == "&Test my call quality"
    assert window.resultsScreen().title.text() == "Your result"


# ---------------------------------------------------------------- which language


def test_language_comes_from_the_environment_first(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv(i18n.LANGUAGE_ENV_VAR, "pt_BR")
    assert i18n.chosen_locale("de").name() == "pt_BR"


def test_language_from_settings_when_no_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.delenv(i18n.LANGUAGE_ENV_VAR, raising=False)
    store = SettingsStore(tmp_path / "settings.ini")
    store.save(AppSettings())
    ini = QSettings(str(store.path), QSettings.Format.IniFormat)  # what a helpdesk adds by hand
    ini.setValue("appearance/language", "de")
    ini.sync()
    assert store.language() == "de"
    store.save(AppSettings(duration_s=30.0))  # saving the Settings screen keeps it
    assert i18n.chosen_locale(store.language()).name() == "de_DE"


def test_language_defaults_to_the_system(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(i18n.LANGUAGE_ENV_VAR, raising=False)
    assert i18n.chosen_locale("").name() == QLocale.system().name()
