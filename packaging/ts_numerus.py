"""Plural (numerus) entries for the Qt Linguist files; run by update_translations.sh.

CallCheck marks its texts with ``QT_TRANSLATE_NOOP`` and translates them when they are read, so
``pyside6-lupdate`` never sees the count a ``%n`` text is shown with: it writes such a text as
an ordinary message, and on the next run it even folds a translator's plural forms back into one
("Removed plural forms as the target language has less forms"). This step puts them back:

    python3 ts_numerus.py save SAVED.json FILE.ts...   # before lupdate: keep the plural forms
    python3 ts_numerus.py mark SAVED.json FILE.ts...   # after lupdate: numerus entries again

Every message whose source holds ``%n`` becomes ``<message numerus="yes">`` with one
``<numerusform>`` per plural form of the file's language (German, French, Spanish, English: 2;
the template, which has no language: 1), filled with the forms saved before lupdate ran. The
code shows these texts through ``texts.counted(name, n)``, which passes n to
``QCoreApplication.translate``; Qt picks the form and replaces ``%n``.

Standard library only (it runs before the project's virtualenv may exist).
"""

from __future__ import annotations

import json
import re
import sys
import xml.etree.ElementTree as ET
from html import escape, unescape
from pathlib import Path
from typing import Any

#: Plural forms per language, as Qt Linguist counts them (qtbase's numerus rules); any other
#: language: 2, the commonest.
FORMS_BY_LANGUAGE = {
    "": 1,  # the template: one form to show the translator the message is plural
    "ja": 1,
    "ko": 1,
    "zh": 1,
    "vi": 1,
    "th": 1,
    "id": 1,
    "tr": 1,
    "cs": 3,
    "sk": 3,
    "pl": 3,
    "ru": 3,
    "uk": 3,
    "be": 3,
    "sr": 3,
    "hr": 3,
    "lt": 3,
    "lv": 3,
    "ro": 3,
    "sl": 4,
    "ga": 5,
    "ar": 6,
}
PLURAL_PLACEHOLDER = "%n"

_MESSAGE = re.compile(r"(?P<indent>[ \t]*)<message(?P<attrs>[^>]*)>\n(?P<body>.*?)</message>", re.S)
_SOURCE = re.compile(r"<source>(.*?)</source>", re.S)
_TRANSLATION = re.compile(
    r"(?P<indent>[ \t]*)<translation(?P<attrs>[^>/]*)(?:/>|>(?P<text>.*?)</translation>)", re.S
)
_FORM = re.compile(r"<numerusform>(.*?)</numerusform>", re.S)
_CONTEXT = re.compile(r"<context>\s*<name>(.*?)</name>(.*?)</context>", re.S)


def forms_for(language: str) -> int:
    """How many plural forms ``language`` (``de``, ``pt_BR``, "" for the template) has."""
    return FORMS_BY_LANGUAGE.get(language.split("_")[0].lower(), 2)


def saved_forms(paths: list[Path]) -> dict[str, dict[str, list[Any]]]:
    """``{file name: {context + NUL + source: [finished, [form, ...]]}}``: the plural forms
    translated in each file (messages already numerus; an unfinished one's forms are kept)."""
    found: dict[str, dict[str, list[Any]]] = {}
    for path in paths:
        if not path.exists():
            continue
        entries: dict[str, list[Any]] = {}
        for context in ET.parse(path).getroot().iter("context"):
            name = context.findtext("name") or ""
            for message in context.iter("message"):
                if message.get("numerus") != "yes":
                    continue
                translation = message.find("translation")
                if translation is None:
                    continue
                forms = [f.text or "" for f in translation.iter("numerusform")]
                if any(forms):
                    finished = translation.get("type") != "unfinished"
                    entries[f"{name}\0{message.findtext('source') or ''}"] = [finished, forms]
        found[path.name] = entries
    return found


def mark(text: str, saved: dict[str, list[Any]]) -> str:
    """``text`` (a .ts file) with every ``%n`` message a numerus entry, forms restored."""
    language_match = re.search(r'<TS [^>]*\blanguage="([^"]*)"', text)
    count = forms_for(language_match.group(1) if language_match else "")

    def context_block(context: re.Match[str]) -> str:
        name = unescape(context.group(1))
        body = _MESSAGE.sub(lambda m: message_block(name, m), context.group(2))
        return f"<context>\n    <name>{context.group(1)}</name>{body}</context>"

    def message_block(context: str, message: re.Match[str]) -> str:
        source_match = _SOURCE.search(message.group("body"))
        if source_match is None or PLURAL_PLACEHOLDER not in unescape(source_match.group(1)):
            return message.group(0)
        source = unescape(source_match.group(1))
        body = message.group("body")
        translation = _TRANSLATION.search(body)
        if translation is None:
            return message.group(0)
        current = translation.group("text") or ""
        if "<numerusform>" in current:
            forms = [unescape(f) for f in _FORM.findall(current)]
        else:
            forms = [unescape(current.strip())] if current.strip() else []
        unfinished = 'type="unfinished"' in translation.group("attrs")
        finished_before, kept = saved.get(f"{context}\0{source}", [False, []])
        if len(kept) >= len(forms) and any(kept):
            # lupdate folded the forms into the first one and called it unfinished: undo it.
            forms, unfinished = kept, not finished_before
        forms = (forms + [""] * count)[:count]
        unfinished = unfinished or not all(forms)
        inner = translation.group("indent") + "    "
        replacement = (
            f"{translation.group('indent')}<translation"
            + (' type="unfinished"' if unfinished else "")
            + ">\n"
            + "".join(f"{inner}<numerusform>{escape(f, quote=False)}</numerusform>\n" for f in forms)
            + f"{translation.group('indent')}</translation>"
        )
        body = body[: translation.start()] + replacement + body[translation.end() :]
        attrs = message.group("attrs")
        if 'numerus="yes"' not in attrs:
            attrs = f'{attrs} numerus="yes"'
        return f"{message.group('indent')}<message{attrs}>\n{body}</message>"

    return _CONTEXT.sub(context_block, text)


def main(argv: list[str]) -> int:
    if len(argv) < 3 or argv[0] not in ("save", "mark"):
        print(__doc__, file=sys.stderr)
        return 2
    command, store, paths = argv[0], Path(argv[1]), [Path(p) for p in argv[2:]]
    if command == "save":
        store.write_text(json.dumps(saved_forms(paths), ensure_ascii=False), encoding="utf-8")
        return 0
    saved = json.loads(store.read_text(encoding="utf-8")) if store.exists() else {}
    for path in paths:
        before = path.read_text(encoding="utf-8")
        after = mark(before, saved.get(path.name, {}))
        if after != before:
            path.write_text(after, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
