"""The user's language: installs CallCheck's translation, and Qt's own, at start-up.

Translations are Qt Linguist files shipped as ``resources/i18n/callcheck_<locale>.qm`` (built
from the ``.ts`` files by ``packaging/update_translations.sh``). The language is, first found:

1. ``$CALLCHECK_LANG`` (``de``, ``pt_BR``): a helpdesk can run the app in English with
   ``CALLCHECK_LANG=en`` whatever the laptop's language;
2. ``language`` in the ``[appearance]`` section of ``settings.ini`` (the same, kept);
3. the system's UI languages (``QLocale.system()``), in the user's order of preference.

With no file for the language CallCheck stays in English, silently: English is the source
text, so there is nothing to load. Texts are translated when they are read
(:mod:`callcheck.gui.texts`), so installing a translator after the GUI modules were imported
still applies to every window built afterwards.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Final

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from callcheck.resources import resources_dir

#: Overrides the language (a locale name such as ``de`` or ``pt_BR``; ``en`` for English).
LANGUAGE_ENV_VAR: Final = "CALLCHECK_LANG"
#: Where the ``.qm`` files are, inside ``resources/``.
TRANSLATIONS_FOLDER: Final = "i18n"
#: ``callcheck_de.qm``: the file name's stem before the locale.
FILE_STEM: Final = "callcheck"

# The translators this module installed: Qt does not own them, so they are kept alive here.
_installed: list[QTranslator] = []


def translations_dir() -> Path:
    """The folder with CallCheck's ``.qm`` files (it may not exist)."""
    return resources_dir() / TRANSLATIONS_FOLDER


def chosen_locale(setting: str = "") -> QLocale:
    """The language to show: ``$CALLCHECK_LANG``, else ``setting`` (from settings.ini), else
    the system's."""
    name = os.environ.get(LANGUAGE_ENV_VAR, "").strip() or setting.strip()
    return QLocale(name) if name else QLocale.system()


def install_translations(
    app: QCoreApplication, locale: QLocale, directory: Path | None = None
) -> bool:
    """Replace the installed translations by ``locale``'s; True if CallCheck's own was found.

    Qt tries each of the locale's UI languages in order and, for each, the most specific file
    first (``callcheck_de_AT.qm``, then ``callcheck_de.qm``). Qt's own translation (the
    buttons of standard dialogs) is loaded too when this Qt installation has it.
    """
    remove_translations(app)
    folder = directory if directory is not None else translations_dir()
    own = QTranslator()
    found = own.load(locale, FILE_STEM, "_", str(folder), ".qm")
    if found:
        _install(app, own)
        qt_folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        qt = QTranslator()
        if qt.load(locale, "qtbase", "_", qt_folder, ".qm"):
            _install(app, qt)
    return found


def remove_translations(app: QCoreApplication) -> None:
    """Back to English: remove the translators :func:`install_translations` installed."""
    while _installed:
        app.removeTranslator(_installed.pop())


def _install(app: QCoreApplication, translator: QTranslator) -> None:
    app.installTranslator(translator)
    _installed.append(translator)
