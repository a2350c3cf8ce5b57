"""Issue 16, "real translations": every shipped language is complete and safe to show.

A shipped language is a ``resources/i18n/callcheck_<locale>.ts`` file (the ``.qm`` the app
loads is built from it). For each one: every text of the template is there and finished, no
translation is empty, the placeholders (``{name}``, ``{value:.1f}``, ``%n``), the HTML tags, the
line breaks and the ``&`` mnemonic are the same as the source's, and a text with a count
(``%n``) is a plural entry with the language's forms. ``pyside6-lrelease`` compiles it without
a word of complaint, and Qt picks the right plural form from the compiled file.

Which ``&`` mnemonics meet on one screen is checked on the real screens
(``test_translated_screens.py``).
"""

from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator
from PySide6.QtWidgets import QApplication

from callcheck.gui import texts

pytestmark = pytest.mark.gui

ROOT = Path(__file__).resolve().parents[2]
I18N = ROOT / "resources" / "i18n"
TEMPLATE = I18N / "callcheck.ts"
SHIPPED = sorted(I18N.glob("callcheck_*.ts"))
GUI_SOURCES = ROOT / "desktop" / "callcheck" / "gui"
#: Plural forms per language, as Qt counts them (packaging/ts_numerus.py).
PLURAL_FORMS = {"de": 2, "fr": 2, "es": 2}

sys.path.insert(0, str(ROOT / "packaging"))
import ts_numerus  # noqa: E402  (a build script, not a package)

_PLACEHOLDER = re.compile(r"\{[^{}]*\}|%n|%\d")
_TAG = re.compile(r"</?[a-zA-Z][^>]*>")
#: A mnemonic: "&" before a letter or digit; "&&" is a literal ampersand.
_MNEMONIC = re.compile(r"(?<!&)&(?=[^\s&])")


def _tool(name: str) -> str:
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    assert found, f"{name} is missing: it comes with PySide6"
    return found


def _language(ts: Path) -> str:
    return ts.stem.removeprefix("callcheck_")


def _messages(ts: Path) -> dict[tuple[str, str], ET.Element]:
    found = {}
    for context in ET.parse(ts).getroot().iter("context"):
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            found[(name, message.findtext("source") or "")] = message
    return found


def _translations(message: ET.Element) -> list[str]:
    translation = message.find("translation")
    assert translation is not None
    if message.get("numerus") == "yes":
        return [form.text or "" for form in translation.iter("numerusform")]
    return [translation.text or ""]


def _shape(text: str) -> tuple[Counter[str], Counter[str], int, int]:
    """What a translation must keep of its source: placeholders, tags, line breaks, mnemonics."""
    tags = Counter(re.sub(r"\s.*", "", t) for t in _TAG.findall(text))  # the tag, not its text
    return Counter(_PLACEHOLDER.findall(text)), tags, text.count("\n"), len(_MNEMONIC.findall(text))


def test_a_language_is_shipped() -> None:
    assert SHIPPED, f"no callcheck_<locale>.ts in {I18N}"
    assert "de" in {_language(ts) for ts in SHIPPED}


def test_the_template_marks_every_count_as_plural() -> None:
    plural = {key for key, m in _messages(TEMPLATE).items() if m.get("numerus") == "yes"}
    counted = {key for key in _messages(TEMPLATE) if "%n" in key[1]}
    assert counted, "no text with %n: the plural path is untested"
    assert plural == counted


@pytest.mark.parametrize("ts", SHIPPED, ids=_language)
def test_every_text_is_translated(ts: Path) -> None:
    template, shipped = _messages(TEMPLATE), _messages(ts)
    missing = sorted(set(template) - set(shipped))
    assert not missing, f"{ts.name} misses {len(missing)} texts, e.g. {missing[:3]}"
    stale = sorted(set(shipped) - set(template))
    assert not stale, f"{ts.name} has texts the app no longer has: {stale[:3]}"
    unfinished = [
        key
        for key, message in shipped.items()
        if (message.find("translation") is None)
        or message.find("translation").get("type") in ("unfinished", "vanished", "obsolete")  # type: ignore[union-attr]
        or not all(t.strip() for t in _translations(message))
    ]
    assert not unfinished, f"{ts.name}: {len(unfinished)} unfinished, e.g. {unfinished[:3]}"


@pytest.mark.parametrize("ts", SHIPPED, ids=_language)
def test_translations_keep_placeholders_tags_and_mnemonics(ts: Path) -> None:
    wrong = []
    for (context, source), message in _messages(ts).items():
        for translation in _translations(message):
            if _shape(translation) != _shape(source):
                wrong.append(f"[{context}] {source!r} -> {translation!r}")
    assert not wrong, "\n".join(wrong[:10])


@pytest.mark.parametrize("ts", SHIPPED, ids=_language)
def test_counts_are_plural_entries_with_the_languages_forms(ts: Path) -> None:
    forms = PLURAL_FORMS.get(_language(ts), ts_numerus.forms_for(_language(ts)))
    for (_context, source), message in _messages(ts).items():
        is_plural = message.get("numerus") == "yes"
        assert is_plural == ("%n" in source), source
        if is_plural:
            assert len(_translations(message)) == forms, (ts.name, source)


@pytest.mark.parametrize("ts", SHIPPED, ids=_language)
def test_lrelease_compiles_it_cleanly_and_qt_picks_the_plural(
    ts: Path, tmp_path: Path, qapp: QApplication
) -> None:
    qm = tmp_path / ts.with_suffix(".qm").name
    done = subprocess.run(
        [_tool("pyside6-lrelease"), str(ts), "-qm", str(qm)],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    # lrelease reports e.g. "Generated 463 translation(s) (463 finished and 0 unfinished)".
    assert " 0 unfinished" in done.stdout, done.stdout
    assert "Warning" not in done.stdout + done.stderr, done.stdout + done.stderr
    # The session's QApplication (pytest-qt's): a QCoreApplication made here would outlive
    # the test and break every widget test after it.
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    try:
        source = str(vars(texts)["HISTORY_DELETED"])
        one = QCoreApplication.translate("texts", source, None, 1)
        many = QCoreApplication.translate("texts", source, None, 7)
    finally:
        qapp.removeTranslator(translator)
    assert "1" in one
    assert "7" in many
    assert "%n" not in one + many
    if QLocale(_language(ts)).language() != QLocale.Language.English:
        assert one != source.replace("%n", "1")
        assert one.replace("1", "") != many.replace("7", ""), "one form for both counts"


def _plural_names() -> set[str]:
    return {
        name
        for name, value in vars(texts).items()
        if not name.startswith("_") and isinstance(value, str) and "%n" in value
    }


def test_every_count_is_shown_with_its_number() -> None:
    """A ``%n`` text read as ``texts.NAME`` would show the first plural form and a raw "%n":
    the GUI reads them only through ``texts.counted("NAME", n)``."""
    names = _plural_names()
    assert names
    misuse = []
    counted = set()
    for path in GUI_SOURCES.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and node.value.id == "texts"
                and node.attr in names
            ):
                misuse.append(f"{path.name}:{node.lineno} texts.{node.attr}")
            if (
                isinstance(node, ast.Call)
                and isinstance(node.func, ast.Attribute)
                and node.func.attr == "counted"
                and node.args
                and isinstance(node.args[0], ast.Constant)
            ):
                counted.add(node.args[0].value)
    assert not misuse, misuse
    assert names <= counted, f"plural texts never shown with a count: {names - counted}"
