"""The user's language: installs CallCheck's translation, and Qt's own, at start-up.

Translations are Qt Linguist files shipped as ``resources/i18n/callcheck_<locale>.qm`` (built
from the ``.ts`` files by ``packaging/update_translations.sh``). The language is, first found:

1. ``callcheck gui --language de`` or ``$CALLCHECK_LANG`` (``de``, ``pt_BR``): a helpdesk can
   run the app in English with ``CALLCHECK_LANG=en`` whatever the laptop's language;
2. the language chosen in Settings (``language`` in the ``[appearance]`` section of
   ``settings.ini``; "" is "System default");
3. the system's UI languages (``QLocale.system()``), in the user's order of preference.

The Settings screen offers English and every language shipped (:func:`shipped_languages`),
each by its own name ("Deutsch", "Français"), and applies a change at once
(:func:`install_translations`, then the window is rebuilt in the new language).

With no file for the language CallCheck stays in English, silently: English is the source
text, so there is nothing to load. Texts are translated when they are read
(:mod:`callcheck.gui.texts`), so installing a translator after the GUI modules were imported
still applies to every window built afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Callable
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


def chosen_locale(setting: str = "", *, override: str = "") -> QLocale:
    """The language to show: ``override`` (``callcheck gui --language``), else
    ``$CALLCHECK_LANG``, else ``setting`` (from settings.ini), else the system's."""
    name = override.strip() or os.environ.get(LANGUAGE_ENV_VAR, "").strip() or setting.strip()
    return locale_for(name)


def locale_for(choice: str) -> QLocale:
    """The locale of a choice in Settings: a locale name (``de``), or "" for the system's."""
    return QLocale(choice.strip()) if choice.strip() else QLocale.system()


def shipped_languages(directory: Path | None = None) -> list[str]:
    """The locale names CallCheck has a translation for (``["de", "es", "fr"]``): the
    ``callcheck_<locale>.qm`` files found. English, the source language, needs none."""
    folder = directory if directory is not None else translations_dir()
    return sorted(p.stem.removeprefix(f"{FILE_STEM}_") for p in folder.glob(f"{FILE_STEM}_*.qm"))


#: Languages by their own name. Qt's CLDR names carry a region for some ("español de España",
#: "American English"), which a language menu does not want; others come from Qt.
NATIVE_NAMES: Final[dict[str, str]] = {
    "en": "English",
    "de": "Deutsch",
    "fr": "Français",
    "es": "Español",
    "it": "Italiano",
    "nl": "Nederlands",
    "pt": "Português",
}
#: English, the source language: always offered, no file needed.
SOURCE_LANGUAGE: Final = "en"


def language_name(name: str) -> str:
    """A language in its own words, as a language menu lists it: ``de`` → "Deutsch",
    ``fr`` → "Français" (capitalised, as at the start of a menu item). Never translated."""
    native = NATIVE_NAMES.get(name) or QLocale(name).nativeLanguageName() or name
    return native[:1].upper() + native[1:]


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


def current_language() -> str:
    """The language CallCheck speaks now, as a BCP 47 tag for a page's ``lang`` (``de``,
    ``pt-BR``): the installed translation's, else ``en``."""
    if not _installed:
        return SOURCE_LANGUAGE
    own = _installed[0]
    # The .ts file's language attribute, else the locale in the file's name (callcheck_de.qm).
    language = own.language() or Path(own.filePath()).stem.removeprefix(f"{FILE_STEM}_")
    return (language or SOURCE_LANGUAGE).replace("_", "-")


def file_translation(name: str, directory: Path | None = None) -> Callable[[str, str], str] | None:
    """CallCheck's translation into ``name`` (``de``) as a plain ``translate(context, text)``,
    installed nowhere and needing no application (the command line's ``--language``); None
    when there is no file for it. A text the file lacks stays English."""
    folder = directory if directory is not None else translations_dir()
    translator = QTranslator()
    if not translator.load(QLocale(name), FILE_STEM, "_", str(folder), ".qm"):
        return None

    def translate(context: str, source: str) -> str:
        return translator.translate(context, source) or source

    return translate


def remove_translations(app: QCoreApplication) -> None:
    """Back to English: remove the translators :func:`install_translations` installed."""
    while _installed:
        app.removeTranslator(_installed.pop())


def _install(app: QCoreApplication, translator: QTranslator) -> None:
    app.installTranslator(translator)
    _installed.append(translator)
