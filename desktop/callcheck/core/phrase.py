"""Sentences made by the core and the engine, kept translatable without importing Qt.

A sentence a user reads (an action, the verdict, a "why this score" item, a connection finding)
is a :class:`Phrase`: an English *template* with named placeholders, written once inside
``QT_TRANSLATE_NOOP(context, …)``, plus the *params* that fill it in. ``pyside6-lupdate`` finds
the marker by its name, so the templates reach ``resources/i18n/callcheck.ts`` from here
(``packaging/update_translations.sh`` scans ``core`` and ``engine`` as well as ``gui``).

* The English text (the CLI output, the report's ``text`` and ``summary`` fields) is
  :attr:`Phrase.text`: the template formatted with the params, nothing else.
* The desktop app renders the same phrase with Qt's translator,
  ``phrase.render(QCoreApplication.translate)``: the translated template, formatted with the
  same params. Both paths format the same strings, so they cannot drift.

Params are already-formatted strings (numbers are formatted once, here in the core, e.g.
``"2.5"``), or nested phrases for words that are themselves translated (a grade, "not
measured"). Templates contain only ``{name}`` placeholders; a translation may reorder them.
Reports carry phrases as JSON (:meth:`Phrase.to_json`), so a stored report re-renders in the
user's language; reports made before phrases existed keep their English text
(:func:`localized`).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Final

logger = logging.getLogger(__name__)

#: ``translate(context, template) -> text``: Qt's ``QCoreApplication.translate`` or :func:`english`.
Translate = Callable[[str, str], str]

#: The context of the generic joining templates (lists of parts).
LISTS_CONTEXT: Final = "lists"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for ``pyside6-lupdate`` (which looks for this name) and return it as is.

    The core's own marker: the core never imports Qt. ``context`` is read by lupdate from the
    source; callers pass the same context to :class:`Phrase`.
    """
    del context
    return source


def english(context: str, source: str) -> str:
    """The identity translation: the English template."""
    del context
    return source


@dataclass(frozen=True, slots=True)
class Phrase:
    """A translatable sentence: a template in a translation context, and its params."""

    context: str
    """The Qt translation context (``advice``, ``verdict``, ``why`` …)."""
    template: str
    """The English template, exactly as marked with ``QT_TRANSLATE_NOOP``."""
    params: Mapping[str, str | Phrase] = field(default_factory=dict)
    """Placeholder → formatted value, or a nested phrase rendered in the same language."""

    def render(self, translate: Translate = english) -> str:
        """The sentence in the language of ``translate``; English when the translation cannot
        be used (a translator dropped or misspelt a placeholder)."""
        values = {
            name: value.render(translate) if isinstance(value, Phrase) else value
            for name, value in self.params.items()
        }
        translated = translate(self.context, self.template)
        if translated != self.template:
            try:
                return translated.format(**values)
            except (KeyError, IndexError, ValueError, AttributeError) as error:
                # The English sentence rather than none, and a line for whoever fixes the file.
                logger.warning(
                    "translation of %r (context %s) does not fit its placeholders (%r): "
                    "shown in English",
                    self.template,
                    self.context,
                    error,
                )
        return self.template.format(**values)

    @property
    def text(self) -> str:
        """The English sentence."""
        return self.render(english)

    def to_json(self) -> dict[str, Any]:
        """``{"context", "template", "params"}`` (nested phrases as the same object)."""
        return {
            "context": self.context,
            "template": self.template,
            "params": {
                name: value.to_json() if isinstance(value, Phrase) else value
                for name, value in self.params.items()
            },
        }

    @classmethod
    def from_json(cls, data: Any) -> Phrase | None:
        """The phrase of :meth:`to_json`; ``None`` for anything else (an unknown shape)."""
        if not isinstance(data, Mapping):
            return None
        context, template, params = data.get("context"), data.get("template"), data.get("params")
        if not isinstance(context, str) or not isinstance(template, str):
            return None
        if params is None:
            params = {}
        if not isinstance(params, Mapping):
            return None
        values: dict[str, str | Phrase] = {}
        for name, value in params.items():
            if isinstance(value, str):
                values[str(name)] = value
            elif (nested := cls.from_json(value)) is not None:
                values[str(name)] = nested
            else:
                return None
        phrase = cls(context, template, values)
        try:
            _ = phrase.text  # a template that does not format with its params is no phrase
        except (KeyError, IndexError, ValueError, AttributeError):
            return None
        return phrase


def localized(phrase: Phrase | None, stored: str, translate: Translate) -> str:
    """``phrase`` in the language of ``translate`` when it is the phrase of ``stored`` (its
    English text); else ``stored`` as it is (a report made before phrases, or edited)."""
    if phrase is None or phrase.text != stored:
        return stored
    return phrase.render(translate)


def joined(parts: Sequence[Phrase]) -> Phrase:
    """Parts of one sentence joined by semicolons ("a; b; c"), the separator translatable."""
    if not parts:
        raise ValueError("nothing to join")
    result = parts[0]
    for part in parts[1:]:
        result = Phrase(
            LISTS_CONTEXT,
            QT_TRANSLATE_NOOP("lists", "{first}; {second}"),
            {"first": result, "second": part},
        )
    return result


def trimmed_decimal(value: float) -> str:
    """One decimal, without a trailing ``.0``: ``2.5``, ``12`` (percentages in sentences)."""
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text
