"""Every text a user of the desktop app reads, in one place, translated with Qt's tools.

Widgets import their words from here and never spell them out themselves. Plain-language
figures (``mos_text``) are formatted here too so that the gauge, the Results screen and the
summary a helpdesk pastes into a ticket say the same thing.

Translation (Qt Linguist): each text is written once, in English, inside
``QT_TRANSLATE_NOOP("texts", …)``, the marker ``pyside6-lupdate`` extracts into
``resources/i18n/callcheck.ts`` (``packaging/update_translations.sh``). The marker returns the
English text unchanged; the translation happens when a text is *read*: ``texts.START_TITLE``
gives the text in the language of the installed ``QTranslator`` (:mod:`callcheck.gui.i18n`), or
English when there is none. So a translator installed after this module was imported still
applies, and no widget module can keep a text translated too early (read texts at use, never
into module-level constants of other modules).

Texts with figures are templates with named placeholders (``"MOS {mos}, {grade}"``): the code
translates the template, then fills it in with ``str.format``, so a translation may reorder
the words. Translations keep the placeholders (``{…}``, ``%v``) and the ``&`` mnemonics.
A ``#:`` comment above a text reaches translators as a note.

Sentences the core and the engine make (the verdict, "why this score", the actions, the
helpdesk summary, connection findings) are not here: they are templates where they are made
(:mod:`callcheck.core.phrase`, in their own contexts), extracted from there by the same tool, and
translated with :func:`translate`.
"""

from __future__ import annotations

import math
import re
import sys
import types
from typing import Any, Final

from PySide6.QtCore import QCoreApplication

from callcheck.core.grades import Grade, format_mos

# The Qt translation context of every text here (the first argument of the markers).
_CONTEXT: Final = "texts"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for ``pyside6-lupdate`` (which looks for this name) and return it as is.

    PySide6's own ``QT_TRANSLATE_NOOP`` does the same but is typed ``-> object``.
    """
    del context  # always _CONTEXT; lupdate reads it from the source
    return source


def tr(source: str) -> str:
    """``source`` (a text of this module, in English) in the user's language."""
    return QCoreApplication.translate(_CONTEXT, source)


def counted(name: str, count: int) -> str:
    """The text named ``name`` (``"HISTORY_DELETED"``), which holds a count (``%n``, Qt's
    plural placeholder), in the user's language: the translator's plural form for ``count``;
    in English "1 test", "2 tests" (a word written ``test(s)`` takes its English plural).
    By name, because reading ``texts.X`` already translates it without the count."""
    source = str(globals()[name])
    translated = QCoreApplication.translate(_CONTEXT, source, None, count)
    if translated in (source, source.replace("%n", str(count))):  # no translation: English
        translated = re.sub(
            r"(\w+)\(s\)", lambda m: m.group(1) + ("" if count == 1 else "s"), translated
        )
    return translated.replace("%n", str(count))


def translate(context: str, source: str) -> str:
    """A template of the core or the engine (a :class:`callcheck.core.phrase.Phrase`, marked
    in its own context) in the user's language: pass it to ``Phrase.render`` or to the core's
    functions that take a ``translate``."""
    return QCoreApplication.translate(context, source)


# ---------------------------------------------------------------- grades and MOS

#: The grade words shown to users (the keys are the core's grades, the values what we print).
GRADE_NAMES: Final[dict[Grade, str]] = {
    Grade.EXCELLENT: QT_TRANSLATE_NOOP("texts", "Excellent"),
    Grade.GOOD: QT_TRANSLATE_NOOP("texts", "Good"),
    Grade.FAIR: QT_TRANSLATE_NOOP("texts", "Fair"),
    Grade.POOR: QT_TRANSLATE_NOOP("texts", "Poor"),
    Grade.BAD: QT_TRANSLATE_NOOP("texts", "Bad"),
}

NO_VALUE: Final = QT_TRANSLATE_NOOP("texts", "–")


def grade_name(grade: Grade) -> str:
    """The word a user reads for a grade."""
    return tr(GRADE_NAMES[grade])


def grade_word(grade: str | None) -> str:
    """A report's grade (the core's English word, ``"Good"``) as the user reads it; "No score"
    when there is none, and an unknown word unchanged."""
    if not grade:
        return tr(NO_SCORE)
    try:
        return grade_name(Grade(grade))
    except ValueError:
        return grade


def mos_text(mos: float) -> str:
    """A MOS as every screen prints it: :func:`callcheck.core.grades.format_mos` (one decimal,
    rounded down, so 3.99 reads "3.9 Fair", never "4.0 Fair"); the dash for NaN."""
    if math.isnan(mos):
        return tr(NO_VALUE)
    return format_mos(mos)


# ---------------------------------------------------------------- the gauge

GAUGE_ACCESSIBLE_NAME: Final = QT_TRANSLATE_NOOP("texts", "MOS gauge")
GAUGE_CAPTION: Final = QT_TRANSLATE_NOOP("texts", "MOS")
GAUGE_PASS_MARK: Final = QT_TRANSLATE_NOOP("texts", "pass")
GAUGE_NO_VALUE_DESCRIPTION: Final = QT_TRANSLATE_NOOP("texts", "No MOS measured yet")
#: {mos}: the MOS with one decimal ("4.2"); {grade}: the grade word ("Good").
GAUGE_DESCRIPTION: Final = QT_TRANSLATE_NOOP("texts", "MOS {mos}, {grade}")
#: {description}: GAUGE_DESCRIPTION ("MOS 4.2, Good"); {mos}: the last second's MOS ("3.1").
GAUGE_RECENT_DESCRIPTION: Final = QT_TRANSLATE_NOOP(
    "texts", "{description}; the last second only MOS {mos}"
)
#: Beside the gauge's faint mark: the rating of the last second of the call (keep it short).
GAUGE_RECENT_LABEL: Final = QT_TRANSLATE_NOOP("texts", "last 1 s")
GAUGE_TOOLTIP: Final = QT_TRANSLATE_NOOP(
    "texts",
    "The needle shows the call so far. The faint mark (last 1 s) shows the last second when "
    "it was worse: a short dropout shows there at once.",
)


def gauge_description(mos: float, grade: Grade, recent: float | None = None) -> str:
    """What a screen reader says for the gauge: "MOS 4.2, Good", and while the last second
    reads lower: "MOS 4.2, Good; the last second only MOS 3.1"."""
    description = tr(GAUGE_DESCRIPTION).format(mos=mos_text(mos), grade=grade_name(grade))
    if recent is None:
        return description
    return tr(GAUGE_RECENT_DESCRIPTION).format(description=description, mos=mos_text(recent))


# ---------------------------------------------------------------- the window

APP_NAME: Final = QT_TRANSLATE_NOOP("texts", "CallCheck")
#: {version}: "1.2.0"; {build}: a build id ("a1b2c3d").
WINDOW_TITLE: Final = QT_TRANSLATE_NOOP(
    "texts", "CallCheck {version} (build {build}) – call quality test"
)


def window_title(version: str, build: str) -> str:
    """The main window's title: the app, its version and build (what a helpdesk asks for)."""
    return tr(WINDOW_TITLE).format(version=version, build=build)


NAV_HOME: Final = QT_TRANSLATE_NOOP("texts", "Home")
NAV_HISTORY: Final = QT_TRANSLATE_NOOP("texts", "History")
NAV_SETTINGS: Final = QT_TRANSLATE_NOOP("texts", "Settings")

# ---------------------------------------------------------------- Start

START_TITLE: Final = QT_TRANSLATE_NOOP("texts", "How good will your calls sound?")
START_SUBTITLE: Final = QT_TRANSLATE_NOOP(
    "texts",
    "CallCheck places a short test call, measures delay, jitter and lost audio, and tells you "
    "the quality a listener would hear.",
)
START_BUTTON: Final = QT_TRANSLATE_NOOP("texts", "Test my call quality")
START_BUTTON_HINT: Final = QT_TRANSLATE_NOOP(
    "texts", "Starts a test call of about {seconds:.0f} seconds."
)
MODE_TITLE: Final = QT_TRANSLATE_NOOP("texts", "What to test")
MODE_LOOPBACK: Final = QT_TRANSLATE_NOOP("texts", "Quick local check (this computer)")
MODE_SERVER: Final = QT_TRANSLATE_NOOP("texts", "Network test (the company's test server)")
MODE_PEER: Final = QT_TRANSLATE_NOOP("texts", "Call a colleague (room code)")
#: {mode}: one of the three "What to test" choices above.
MODE_NOT_AVAILABLE_YET: Final = QT_TRANSLATE_NOOP(
    "texts", "{mode} – not available in this version yet."
)

# ---------------------------------------------------------------- Live test

LIVE_TITLE: Final = QT_TRANSLATE_NOOP("texts", "Testing your call…")
LIVE_CONNECTING: Final = QT_TRANSLATE_NOOP("texts", "Connecting the test call…")
LIVE_MEASURING: Final = QT_TRANSLATE_NOOP("texts", "Measuring. Keep this window open.")
LIVE_TIME_LEFT: Final = QT_TRANSLATE_NOOP("texts", "{seconds:.0f} s left")
LIVE_CANCEL: Final = QT_TRANSLATE_NOOP("texts", "Cancel")
CHART_RTT: Final = QT_TRANSLATE_NOOP("texts", "Round trip (ms)")
CHART_JITTER: Final = QT_TRANSLATE_NOOP("texts", "Jitter (ms)")
CHART_LOSS: Final = QT_TRANSLATE_NOOP("texts", "Lost packets (%)")
CHART_MOS: Final = QT_TRANSLATE_NOOP("texts", "MOS")
CHART_TIME_AXIS: Final = QT_TRANSLATE_NOOP("texts", "seconds")

# ---------------------------------------------------------------- Results

RESULTS_TITLE: Final = QT_TRANSLATE_NOOP("texts", "Your result")
RESULTS_PASSED: Final = QT_TRANSLATE_NOOP("texts", "Good enough for business calls.")
RESULTS_FAILED: Final = QT_TRANSLATE_NOOP("texts", "Below the quality needed for business calls.")
RESULTS_PARTIAL: Final = QT_TRANSLATE_NOOP(
    "texts", "The test ended early; the result covers only part of it."
)
RESULTS_RTT: Final = QT_TRANSLATE_NOOP("texts", "Round trip")
RESULTS_JITTER: Final = QT_TRANSLATE_NOOP("texts", "Jitter")
#: The share of audio lost or too late to play (the same figure as "why this score" gives).
RESULTS_LOSS: Final = QT_TRANSLATE_NOOP("texts", "Audio lost or late")
RESULTS_DETAILS: Final = QT_TRANSLATE_NOOP("texts", "Show the details")
RESULTS_DETAILS_HIDE: Final = QT_TRANSLATE_NOOP("texts", "Hide the details")
#: Issue 19: the E-model's prediction and the score of the audio the listener actually got.
RESULTS_PREDICTED: Final = QT_TRANSLATE_NOOP("texts", "Predicted from the network")
RESULTS_HEARD: Final = QT_TRANSLATE_NOOP("texts", "What the listener heard")
RESULTS_HEARD_FIGURE: Final = QT_TRANSLATE_NOOP("texts", "{mos} ({scale})")
RESULTS_HEARD_NOT_AVAILABLE: Final = QT_TRANSLATE_NOOP("texts", "not available")
RESULTS_WHY: Final = QT_TRANSLATE_NOOP("texts", "Why this score")
RESULTS_RECOMMENDATIONS: Final = QT_TRANSLATE_NOOP("texts", "Codecs for this network")
RESULTS_COPY: Final = QT_TRANSLATE_NOOP("texts", "Copy summary for the helpdesk")
RESULTS_COPIED: Final = QT_TRANSLATE_NOOP("texts", "Summary copied.")
ERROR_COPY: Final = QT_TRANSLATE_NOOP("texts", "&Copy for the helpdesk")
#: The failure is in the history too ({error}: why it could not be stored, if it could not).
ERROR_NOT_STORED: Final = QT_TRANSLATE_NOOP(
    "texts", "This failed test could not be kept in the history: {error}"
)
RESULTS_SAVE: Final = QT_TRANSLATE_NOOP("texts", "Save report…")
RESULTS_SAVE_DIALOG: Final = QT_TRANSLATE_NOOP("texts", "Save the test report")
#: The formats a report is saved in, the first the default (a PDF anyone can open).
RESULTS_SAVE_FILTERS: Final[dict[str, str]] = {
    "pdf": QT_TRANSLATE_NOOP("texts", "PDF document (*.pdf)"),
    "html": QT_TRANSLATE_NOOP("texts", "Web page (*.html)"),
    "txt": QT_TRANSLATE_NOOP("texts", "Text for a ticket (*.txt)"),
    "json": QT_TRANSLATE_NOOP("texts", "CallCheck report, all data (*.json)"),
}
RESULTS_SAVED: Final = QT_TRANSLATE_NOOP("texts", "Report saved to {path}.")
RESULTS_SAVE_FAILED: Final = QT_TRANSLATE_NOOP(
    "texts", "Could not save the report to {path}: {error}"
)
RESULTS_AGAIN: Final = QT_TRANSLATE_NOOP("texts", "Run the test again")
RESULTS_TEST_ID: Final = QT_TRANSLATE_NOOP("texts", "Test ID {id}")
NOT_MEASURED: Final = QT_TRANSLATE_NOOP("texts", "–")
#: A measured figure and its unit: "112 ms", "0.5 %".
FIGURE: Final = QT_TRANSLATE_NOOP("texts", "{value} {unit}")
UNIT_MS: Final = QT_TRANSLATE_NOOP("texts", "ms")
UNIT_PERCENT: Final = QT_TRANSLATE_NOOP("texts", "%")
UNIT_KBPS: Final = QT_TRANSLATE_NOOP("texts", "kbit/s")
#: A grade word and its MOS, in lists: "Good 4.2".
GRADE_WITH_MOS: Final = QT_TRANSLATE_NOOP("texts", "{grade} {mos}")

#: The E-model's impairments in plain words, by their G.107 names (report ``quality.breakdown``).
WHY_TERMS: Final[dict[str, str]] = {
    "Id": QT_TRANSLATE_NOOP(
        "texts", "Delay (the time your voice takes to arrive) costs {value:.1f} points."
    ),
    "Ie_eff": QT_TRANSLATE_NOOP("texts", "The codec and lost audio cost {value:.1f} points."),
    "Is": QT_TRANSLATE_NOOP(
        "texts", "Loudness and noise of the voice path cost {value:.1f} points."
    ),
}
WHY_INTRO: Final = QT_TRANSLATE_NOOP(
    "texts", "A perfect call scores {ro:.0f} points (R factor); this one scored {r:.0f}."
)

# ---------------------------------------------------------------- errors

ERROR_TITLE: Final = QT_TRANSLATE_NOOP("texts", "The test could not run")
ERROR_TRY_AGAIN: Final = QT_TRANSLATE_NOOP("texts", "Try again")
ERROR_BACK: Final = QT_TRANSLATE_NOOP("texts", "Back to start")
ERROR_MODE_NOT_AVAILABLE: Final = QT_TRANSLATE_NOOP(
    "texts", "This kind of test is not available in this version yet. Choose the quick local check."
)
ERROR_UNEXPECTED: Final = QT_TRANSLATE_NOOP(
    "texts",
    "Something went wrong inside CallCheck ({error}). Try again; if it happens again, send the "
    "log to your helpdesk.",
)
CANCELLED: Final = QT_TRANSLATE_NOOP("texts", "Test cancelled.")

# ---------------------------------------------------------------- History and Settings

SETTINGS_TITLE: Final = QT_TRANSLATE_NOOP("texts", "Settings")
SETTINGS_DURATION: Final = QT_TRANSLATE_NOOP("texts", "Test length")
SETTINGS_DURATION_SUFFIX: Final = QT_TRANSLATE_NOOP("texts", " s")
SETTINGS_CODEC: Final = QT_TRANSLATE_NOOP("texts", "Codec")
#: Plain words first; the protocol names stay in brackets for whoever sets them up.
SETTINGS_ICE: Final = QT_TRANSLATE_NOOP(
    "texts", "Relay servers for strict firewalls\n(STUN/TURN, one per line)"
)
SETTINGS_SAVED: Final = QT_TRANSLATE_NOOP("texts", "Settings saved.")
SETTINGS_SAVE: Final = QT_TRANSLATE_NOOP("texts", "Save")
#: Beside a setting the admin fixed in the managed settings file (issue 18).
SETTINGS_MANAGED: Final = QT_TRANSLATE_NOOP("texts", "set by your IT department")
SETTINGS_SCHEDULE_EVERY: Final = QT_TRANSLATE_NOOP("texts", "Short test in the background every")
SETTINGS_SCHEDULE_OFF: Final = QT_TRANSLATE_NOOP("texts", "never")
SETTINGS_HOURS_SUFFIX: Final = QT_TRANSLATE_NOOP("texts", " h")
SETTINGS_AT_LOGIN: Final = QT_TRANSLATE_NOOP("texts", "Also a short test after I log in")
SETTINGS_UPLOAD: Final = QT_TRANSLATE_NOOP("texts", "Send each result to the test server")

# ---------------------------------------------------------------- Tray (scheduled tests)

TRAY_TOOLTIP: Final = QT_TRANSLATE_NOOP("texts", "CallCheck")
TRAY_TEST_NOW: Final = QT_TRANSLATE_NOOP("texts", "Test now")
TRAY_OPEN: Final = QT_TRANSLATE_NOOP("texts", "Open CallCheck")
TRAY_QUIT: Final = QT_TRANSLATE_NOOP("texts", "Quit")
TRAY_NO_RESULT: Final = QT_TRANSLATE_NOOP("texts", "No test yet")
TRAY_RUNNING: Final = QT_TRANSLATE_NOOP("texts", "Testing the call quality …")
#: {time} is the local time of the test (HH:MM); {mos} the MOS as printed everywhere.
TRAY_LAST_RESULT: Final = QT_TRANSLATE_NOOP("texts", "Last test {time}: MOS {mos}, {grade}")
TRAY_LAST_FAILED: Final = QT_TRANSLATE_NOOP("texts", "Last test {time} could not run")
TRAY_PUT_OFF: Final = QT_TRANSLATE_NOOP(
    "texts", "Scheduled test put off: another app is using the microphone"
)
TRAY_SCHEDULE_OFF: Final = QT_TRANSLATE_NOOP("texts", "Scheduled tests: off")
TRAY_SCHEDULE_EVERY: Final = QT_TRANSLATE_NOOP("texts", "Scheduled tests: every {hours} h")
TRAY_SCHEDULE_LOGIN: Final = QT_TRANSLATE_NOOP("texts", "Scheduled tests: at login")
TRAY_SCHEDULE_BOTH: Final = QT_TRANSLATE_NOOP(
    "texts", "Scheduled tests: at login and every {hours} h"
)
TRAY_BELOW_PASS: Final = QT_TRANSLATE_NOOP("texts", "Call quality below the pass mark")
TRAY_FAILED: Final = QT_TRANSLATE_NOOP("texts", "The call quality test could not run")

#: The engine's codec names as users read them.
CODEC_NAMES: Final[dict[str, str]] = {
    "opus": QT_TRANSLATE_NOOP("texts", "Opus (wideband)"),
    "g722": QT_TRANSLATE_NOOP("texts", "G.722 (wideband)"),
    "pcmu": QT_TRANSLATE_NOOP("texts", "G.711 µ-law"),
    "pcma": QT_TRANSLATE_NOOP("texts", "G.711 A-law"),
}


def figure(value: float | None, unit: str, digits: int = 0) -> str:
    """A measured figure with its unit ("112 ms"), or the not-measured dash.

    ``unit`` is a unit as read from this module (``texts.UNIT_MS``), or "" for none (MOS).
    """
    if value is None or math.isnan(value):
        return tr(NOT_MEASURED)
    number = f"{value:.{digits}f}"
    return tr(FIGURE).format(value=number, unit=unit) if unit else number


def impairment_words(delay_ms: float, jitter_ms: float, loss_pct: float, bursty: bool) -> str:
    """A simulated network's effects in plain words ("40 ms more delay, 5 % loss in bursts");
    the parts that are zero are left out."""
    parts = []
    if delay_ms > 0:
        parts.append(tr(IMPAIRMENT_DELAY).format(delay=f"{delay_ms:g}"))
    if jitter_ms > 0:
        parts.append(tr(IMPAIRMENT_JITTER).format(jitter=f"{jitter_ms:g}"))
    if loss_pct > 0:
        template = IMPAIRMENT_LOSS_BURSTS if bursty else IMPAIRMENT_LOSS
        parts.append(tr(template).format(loss=f"{loss_pct:g}"))
    return ", ".join(parts)


def time_left(seconds: float) -> str:
    """The progress bar's text."""
    return tr(LIVE_TIME_LEFT).format(seconds=max(0.0, seconds))


SETTINGS_DAMAGED: Final = QT_TRANSLATE_NOOP(
    "texts",
    "Your settings could not be read, so the defaults are used. The old file was kept as {path}.",
)


# ---------------------------------------------------------------- keyboard
# "&" marks the mnemonic letter (Alt+letter); the texts without it are for screen readers.

START_BUTTON_MNEMONIC: Final = QT_TRANSLATE_NOOP("texts", "&Test my call quality")
NAV_HOME_TIP: Final = QT_TRANSLATE_NOOP("texts", "Start screen (Ctrl+1)")
NAV_DEVICES: Final = QT_TRANSLATE_NOOP("texts", "Devices")
NAV_DEVICES_TIP: Final = QT_TRANSLATE_NOOP("texts", "Microphone and speaker checks (Ctrl+2)")
NAV_HISTORY_TIP: Final = QT_TRANSLATE_NOOP("texts", "Past tests (Ctrl+3)")
NAV_SETTINGS_TIP: Final = QT_TRANSLATE_NOOP("texts", "Settings (Ctrl+,)")
LIVE_CANCEL_TIP: Final = QT_TRANSLATE_NOOP("texts", "Stop the test (Esc)")
START_ENTER_TIP: Final = QT_TRANSLATE_NOOP("texts", "Press Enter to start")

# ---------------------------------------------------------------- modes in lists and reports

MODE_SHORT: Final[dict[str, str]] = {
    "loopback": QT_TRANSLATE_NOOP("texts", "Quick local check"),
    "server": QT_TRANSLATE_NOOP("texts", "Network test"),
    "peer": QT_TRANSLATE_NOOP("texts", "Call a colleague"),
}
MODE_NOT_AVAILABLE: Final = QT_TRANSLATE_NOOP(
    "texts",
    "Not available in this version: the {mode} needs the test server client, which this version "
    "does not include yet. Use the quick local check.",
)
START_DEVICES: Final = QT_TRANSLATE_NOOP("texts", "Microphone: {input}  ·  Speaker: {output}")
START_DEVICES_DEFAULT: Final = QT_TRANSLATE_NOOP("texts", "system default")
#: A capture device that records what a speaker plays (PulseAudio/PipeWire "monitor");
#: {device}: the speaker's name.
DEVICE_MONITOR: Final = QT_TRANSLATE_NOOP("texts", "what {device} plays")
#: The system's sound server as a device (ALSA "pulse" / "pipewire").
DEVICE_SOUND_SERVER: Final = QT_TRANSLATE_NOOP("texts", "system sound (default)")


def device_name(raw: str) -> str:
    """A device as a person reads it, not the system's id (issue 16: "default (default)",
    "callcheck_monitor"): the default device as "system default", a sound server as such, a
    monitor source as "what … plays", host-API and ALSA suffixes ("(hw:1,0)") dropped,
    underscores as spaces."""
    name = re.sub(r"\s*\((?:default|hw:[^)]*|plughw:[^)]*)\)\s*$", "", raw.strip())
    key = name.lower()
    if key in ("", "default", "sysdefault"):
        return tr(START_DEVICES_DEFAULT)
    if key in ("pulse", "pipewire", "jack"):
        return tr(DEVICE_SOUND_SERVER)
    monitor = re.match(r"^(?:monitor of\s+)?(.+?)(?:[._]monitor)?$", name, flags=re.IGNORECASE)
    plain = (monitor.group(1) if monitor else name).replace("_", " ").strip()
    if monitor and plain != name.replace("_", " ").strip():
        return tr(DEVICE_MONITOR).format(device=plain)
    return plain


START_CHECK_DEVICES: Final = QT_TRANSLATE_NOOP("texts", "Check &devices…")

# ---------------------------------------------------------------- Results (more)

NO_SCORE: Final = QT_TRANSLATE_NOOP("texts", "No score")
RESULTS_NUMBERS: Final = QT_TRANSLATE_NOOP("texts", "The three numbers that matter")
RESULTS_ACTIONS: Final = QT_TRANSLATE_NOOP("texts", "What to do")
RESULTS_NO_ACTIONS: Final = QT_TRANSLATE_NOOP(
    "texts", "Nothing to fix: the connection is fine for calls."
)
RESULTS_COPY_MNEMONIC: Final = QT_TRANSLATE_NOOP("texts", "&Copy summary for the helpdesk")
RESULTS_SAVE_MNEMONIC: Final = QT_TRANSLATE_NOOP("texts", "&Save report…")
RESULTS_AGAIN_MNEMONIC: Final = QT_TRANSLATE_NOOP("texts", "&Run the test again")
RESULTS_COMPARE: Final = QT_TRANSLATE_NOOP("texts", "Compare with &previous test")
RESULTS_NO_PREVIOUS: Final = QT_TRANSLATE_NOOP(
    "texts", "There is no earlier test to compare with yet."
)
RESULTS_NOT_STORED: Final = QT_TRANSLATE_NOOP(
    "texts", "This result could not be kept in the history ({error}). Save the report to keep it."
)
RESULTS_FROM_HISTORY: Final = QT_TRANSLATE_NOOP("texts", "From the history: test of {date}.")
CODEC_LINE: Final = QT_TRANSLATE_NOOP("texts", "{rank}. {name}: MOS {mos}, {kbps:.0f} kbit/s")

PDF_TITLE: Final = QT_TRANSLATE_NOOP("texts", "CallCheck report {id}")

# ---------------------------------------------------------------- History

HISTORY_TITLE: Final = QT_TRANSLATE_NOOP("texts", "Past tests")
HISTORY_COLUMNS: Final = (
    QT_TRANSLATE_NOOP("texts", "Date"),
    QT_TRANSLATE_NOOP("texts", "Mode"),
    QT_TRANSLATE_NOOP("texts", "Grade"),
    QT_TRANSLATE_NOOP("texts", "MOS"),
)
HISTORY_EMPTY: Final = QT_TRANSLATE_NOOP("texts", "No tests yet. Every test you run is kept here.")
HISTORY_OPEN: Final = QT_TRANSLATE_NOOP("texts", "&Open")
HISTORY_COMPARE: Final = QT_TRANSLATE_NOOP("texts", "Co&mpare")
HISTORY_EXPORT: Final = QT_TRANSLATE_NOOP("texts", "&Export…")
HISTORY_DELETE: Final = QT_TRANSLATE_NOOP("texts", "De&lete")
HISTORY_HINT: Final = QT_TRANSLATE_NOOP(
    "texts", "Select one test to open, export or delete it; select two to compare them."
)
HISTORY_DELETE_TITLE: Final = QT_TRANSLATE_NOOP("texts", "Delete tests")
HISTORY_DELETE_CONFIRM: Final = QT_TRANSLATE_NOOP(
    "texts", "Delete %n test(s) from the history? This cannot be undone."
)
HISTORY_DELETED: Final = QT_TRANSLATE_NOOP("texts", "Deleted %n test(s).")
HISTORY_EXPORTED: Final = QT_TRANSLATE_NOOP("texts", "Exported to {path}.")
HISTORY_EXPORT_DIALOG: Final = QT_TRANSLATE_NOOP("texts", "Export the test report")
HISTORY_DAMAGED: Final = QT_TRANSLATE_NOOP(
    "texts",
    "The test history could not be read, so a new one was started. The damaged file was kept "
    "as {path}.",
)
HISTORY_UNWRITABLE: Final = QT_TRANSLATE_NOOP(
    "texts", "The test history at {path} cannot be used: {error}"
)
HISTORY_WRITE_FAILED: Final = QT_TRANSLATE_NOOP(
    "texts", "could not write to the history database: {error}"
)
HISTORY_READ_FAILED: Final = QT_TRANSLATE_NOOP(
    "texts", "could not read the history database: {error}"
)
HISTORY_MISSING: Final = QT_TRANSLATE_NOOP("texts", "That test is no longer in the history.")

# ---------------------------------------------------------------- Compare

COMPARE_TITLE: Final = QT_TRANSLATE_NOOP("texts", "Compare two tests")
COMPARE_COLUMNS: Final = (
    "",
    QT_TRANSLATE_NOOP("texts", "Earlier test"),
    QT_TRANSLATE_NOOP("texts", "Later test"),
    QT_TRANSLATE_NOOP("texts", "Change"),
)
COMPARE_TEST: Final = QT_TRANSLATE_NOOP("texts", "{date}\n{mode}, {grade}")
COMPARE_MOS: Final = QT_TRANSLATE_NOOP("texts", "MOS")
COMPARE_NETWORK_LOSS: Final = QT_TRANSLATE_NOOP("texts", "Packets lost on the network")
COMPARE_TA: Final = QT_TRANSLATE_NOOP("texts", "Delay from mouth to ear")
COMPARE_BUFFER: Final = QT_TRANSLATE_NOOP("texts", "Wait in the playout buffer")
COMPARE_DEVICE: Final = QT_TRANSLATE_NOOP("texts", "Audio device delay")
COMPARE_CODING: Final = QT_TRANSLATE_NOOP("texts", "Codec delay")
COMPARE_LATE: Final = QT_TRANSLATE_NOOP("texts", "Audio too late to play")
COMPARE_SAME: Final = QT_TRANSLATE_NOOP("texts", "no change")
COMPARE_DELTA: Final = QT_TRANSLATE_NOOP("texts", "{number} ({change})")
COMPARE_CHANGE: Final[dict[str, str]] = {
    "better": QT_TRANSLATE_NOOP("texts", "better"),
    "worse": QT_TRANSLATE_NOOP("texts", "worse"),
}
COMPARE_BACK: Final = QT_TRANSLATE_NOOP("texts", "&Back")

# ---------------------------------------------------------------- Devices

DEVICES_TITLE: Final = QT_TRANSLATE_NOOP("texts", "Microphone and speaker")
DEVICES_INPUT: Final = QT_TRANSLATE_NOOP("texts", "&Microphone")
DEVICES_OUTPUT: Final = QT_TRANSLATE_NOOP("texts", "S&peaker")
DEVICES_REFRESH: Final = QT_TRANSLATE_NOOP("texts", "Re&fresh list")
DEVICES_LEVEL: Final = QT_TRANSLATE_NOOP("texts", "Input level")
DEVICES_LISTEN: Final = QT_TRANSLATE_NOOP("texts", "&Listen to the microphone")
DEVICES_STOP_LISTENING: Final = QT_TRANSLATE_NOOP("texts", "Stop &listening")
DEVICES_SAY_SOMETHING: Final = QT_TRANSLATE_NOOP("texts", "Say something: the bar should move.")
DEVICES_SPEAKER_BOX: Final = QT_TRANSLATE_NOOP("texts", "Speaker test")
DEVICES_LATENCY_BOX: Final = QT_TRANSLATE_NOOP("texts", "Device delay (speaker to microphone)")
DEVICES_SPEAKER_TEST: Final = QT_TRANSLATE_NOOP("texts", "Play a &test tone")
DEVICES_PLAYING: Final = QT_TRANSLATE_NOOP("texts", "Playing a tone on {device}…")
DEVICES_TONE_DONE: Final = QT_TRANSLATE_NOOP(
    "texts", "Did you hear a beep? If not, check the volume or pick another speaker."
)
DEVICES_LATENCY: Final = QT_TRANSLATE_NOOP("texts", "Measure device &delay")
DEVICES_LATENCY_RUNNING: Final = QT_TRANSLATE_NOOP(
    "texts", "Measuring: a short chirp plays a few times…"
)
DEVICES_UNAVAILABLE: Final = QT_TRANSLATE_NOOP("texts", "Audio devices unavailable: {reason}")
#: "Hear yourself" (issue 16): the user speaks, then hears it as the other side of a call would.
ECHO_BOX: Final = QT_TRANSLATE_NOOP("texts", "Hear yourself")
ECHO_BUTTON: Final = QT_TRANSLATE_NOOP("texts", "&Hear yourself")
ECHO_HINT: Final = QT_TRANSLATE_NOOP(
    "texts",
    "Speak for a few seconds, then listen: you hear yourself as the other side of a call would.",
)
ECHO_RECORDING: Final = QT_TRANSLATE_NOOP(
    "texts", "Speak now for {seconds} seconds. Then listen: it plays back by itself."
)
ECHO_DONE: Final = QT_TRANSLATE_NOOP(
    "texts",
    "That is how the other side hears you. Your voice arrived after {delay} ms; "
    "{lost} % of it was lost on the way and filled in.",
)
ECHO_FAILED: Final = QT_TRANSLATE_NOOP("texts", "Hear yourself did not work: {error}")
ECHO_OPENING: Final = QT_TRANSLATE_NOOP("texts", "Opening the microphone…")
ECHO_SENDING: Final = QT_TRANSLATE_NOOP(
    "texts", "Sending your voice through a test call, as a call would carry it…"
)
ECHO_PLAYING: Final = QT_TRANSLATE_NOOP(
    "texts", "Listen now: this is how the other side hears you…"
)
ECHO_CANCEL: Final = QT_TRANSLATE_NOOP("texts", "Ca&ncel")
ECHO_CANCEL_TIP: Final = QT_TRANSLATE_NOOP(
    "texts", "Stop hearing yourself now: nothing more is recorded or played"
)
ECHO_CANCELLED: Final = QT_TRANSLATE_NOOP(
    "texts", "Cancelled. Nothing was kept; the microphone and speaker are free again."
)
#: Why Start, "Run the test again" and the device checks are off while the echo runs.
ECHO_BLOCKS: Final = QT_TRANSLATE_NOOP(
    "texts",
    "Hear yourself is using the microphone and speaker: wait for it to finish, or cancel it.",
)
#: ECHO_BLOCKS on the Start screen, which has no Cancel button of its own: the link cancels.
ECHO_BLOCKS_START: Final = QT_TRANSLATE_NOOP(
    "texts",
    "Hear yourself is using the microphone and speaker: wait for it to finish, or "
    "<a href='cancel'>cancel it</a>.",
)
ECHO_BLOCKED_BY_TEST: Final = QT_TRANSLATE_NOOP(
    "texts", "A test is running: try again when it has finished."
)
ECHO_WAIT_FOR_CHECK: Final = QT_TRANSLATE_NOOP(
    "texts", "A device check is using the microphone or speaker: try again when it has finished."
)
#: The label of the choice of a simulated network for "Hear yourself".
ECHO_NETWORK: Final = QT_TRANSLATE_NOOP("texts", "Simulate a &worse network:")
ECHO_NETWORK_TIP: Final = QT_TRANSLATE_NOOP(
    "texts",
    "Hear what a worse network would do to your voice. It is simulated on this computer; "
    "your real network is not changed.",
)
#: The simulated networks (keys: the engine's NETWORK_PRESETS).
ECHO_NETWORKS: Final[dict[str, str]] = {
    "none": QT_TRANSLATE_NOOP("texts", "No, the network as it is"),
    "busy-wifi": QT_TRANSLATE_NOOP("texts", "Busy Wi-Fi"),
    "mobile-hotspot": QT_TRANSLATE_NOOP("texts", "Mobile hotspot"),
    "lossy-vpn": QT_TRANSLATE_NOOP("texts", "Lossy VPN"),
}
#: After ECHO_DONE when a network was simulated; {network}: one of ECHO_NETWORKS, {impairment}:
#: what it does, e.g. "40 ms more delay, 5 % loss in bursts".
ECHO_SIMULATED: Final = QT_TRANSLATE_NOOP(
    "texts", "Simulated network: {network}, with {impairment}."
)
ECHO_SIMULATED_EACH_WAY: Final = QT_TRANSLATE_NOOP(
    "texts", "Simulated network: {network}, with {impairment}, each way."
)
IMPAIRMENT_DELAY: Final = QT_TRANSLATE_NOOP("texts", "{delay} ms more delay")
IMPAIRMENT_JITTER: Final = QT_TRANSLATE_NOOP("texts", "delay varying by ±{jitter} ms")
IMPAIRMENT_LOSS: Final = QT_TRANSLATE_NOOP("texts", "{loss} % loss")
IMPAIRMENT_LOSS_BURSTS: Final = QT_TRANSLATE_NOOP("texts", "{loss} % loss in bursts")
DEVICES_DEFAULT_MARK: Final = QT_TRANSLATE_NOOP("texts", " (default)")
DEVICES_NO_INPUT: Final = QT_TRANSLATE_NOOP(
    "texts",
    "No microphone found. Plug in a headset or enable a microphone in the system's sound "
    "settings, then press Refresh.",
)
DEVICES_NO_OUTPUT: Final = QT_TRANSLATE_NOOP(
    "texts",
    "No speaker found. Plug in a headset or enable an output in the system's sound settings, "
    "then press Refresh.",
)
DEVICES_SILENT: Final = QT_TRANSLATE_NOOP(
    "texts",
    "No sound from {device}: it may be muted, the wrong microphone, or blocked by the "
    "system's privacy settings.",
)
DEVICES_CLIPPING: Final = QT_TRANSLATE_NOOP(
    "texts", "{device} is too loud (clipping): lower the input volume."
)
DEVICES_LEVEL_OK: Final = QT_TRANSLATE_NOOP("texts", "{device} works: you can be heard.")
#: The level meter's details line; {level}: the level now in dBFS (decibels below the loudest
#: sound the device can record, so always negative).
DEVICES_LEVEL_DETAILS: Final = QT_TRANSLATE_NOOP("texts", "Level now {level:.0f} dBFS.")
#: {level}: as above; {loudest}: the loudest level heard since listening began, in dBFS.
DEVICES_LEVEL_DETAILS_LOUDEST: Final = QT_TRANSLATE_NOOP(
    "texts", "Level now {level:.0f} dBFS, loudest {loudest:.0f} dBFS."
)
#: The delay check, measured; {delay}: milliseconds ("180"); {output}, {input}: device names.
DEVICES_LATENCY_PLAIN: Final = QT_TRANSLATE_NOOP(
    "texts", "Sound takes {delay:.0f} ms from {output} back to {input}."
)
#: The delay check, the test sound not heard; {output}, {input}: device names.
DEVICES_LATENCY_NOT_HEARD: Final = QT_TRANSLATE_NOOP(
    "texts",
    "The test sound on {output} was not heard on {input}. With headphones this is expected; "
    "otherwise check that the microphone is not muted and the speaker volume is up.",
)
DEVICES_BLUETOOTH: Final = QT_TRANSLATE_NOOP(
    "texts",
    "{device} looks like a Bluetooth headset: in hands-free mode it limits calls to "
    "narrowband audio. A wired or USB headset sounds better.",
)
DEVICES_SAVED: Final = QT_TRANSLATE_NOOP("texts", "These devices are now used for tests.")

# ---------------------------------------------------------------- Settings (more)

SETTINGS_SERVER_URL: Final = QT_TRANSLATE_NOOP("texts", "Test server address")
SETTINGS_SERVER_TOKEN: Final = QT_TRANSLATE_NOOP("texts", "Test server token")
SETTINGS_SHOW_TOKEN: Final = QT_TRANSLATE_NOOP("texts", "Show the token")
SETTINGS_THEME: Final = QT_TRANSLATE_NOOP("texts", "Appearance")
THEME_NAMES: Final[dict[str, str]] = {
    "system": QT_TRANSLATE_NOOP("texts", "Follow the system"),
    "light": QT_TRANSLATE_NOOP("texts", "Light"),
    "dark": QT_TRANSLATE_NOOP("texts", "Dark"),
}
SETTINGS_SAVE_MNEMONIC: Final = QT_TRANSLATE_NOOP("texts", "&Save")
#: The language menu: this first item, then "English", "Deutsch", "Français" … (each language
#: in its own words, never translated).
SETTINGS_LANGUAGE: Final = QT_TRANSLATE_NOOP("texts", "Language")
SETTINGS_LANGUAGE_SYSTEM: Final = QT_TRANSLATE_NOOP("texts", "System default")
#: Shown on the Settings screen, in the new language, once the window was rebuilt in it.
SETTINGS_LANGUAGE_CHANGED: Final = QT_TRANSLATE_NOOP(
    "texts", "Settings saved. CallCheck now speaks your chosen language, in its reports too."
)

# ---------------------------------------------------------------- network test and rooms

MODE_NEEDS_SERVER: Final = QT_TRANSLATE_NOOP(
    "texts",
    "These need a test server: <a href='settings'>open Settings</a><br>"
    "and enter its address (your helpdesk has it).",
)
MODE_NEEDS_SERVER_PLAIN: Final = QT_TRANSLATE_NOOP(
    "texts", "No test server is set up yet. Open Settings and enter the test server's address."
)
MODE_SERVER_AT: Final = QT_TRANSLATE_NOOP(
    "texts", "Calls the test server at {url}.\nIt sends your audio straight back."
)
PEER_CREATE: Final = QT_TRANSLATE_NOOP(
    "texts", "&Create a room (you read the code out to your colleague)"
)
PEER_JOIN: Final = QT_TRANSLATE_NOOP("texts", "&Join with a code:")
PEER_CODE_PLACEHOLDER: Final = QT_TRANSLATE_NOOP("texts", "e.g. AC7-K3M-9PX")
PEER_CODE_ACCESSIBLE: Final = QT_TRANSLATE_NOOP("texts", "Room code your colleague read out")
PEER_CODE_MISSING: Final = QT_TRANSLATE_NOOP(
    "texts", "Type the code your colleague read out, then press the green button."
)

ROOM_TITLE: Final = QT_TRANSLATE_NOOP("texts", "Call a colleague")
ROOM_CREATING: Final = QT_TRANSLATE_NOOP("texts", "Creating a room on the test server…")
ROOM_READ_OUT: Final = QT_TRANSLATE_NOOP("texts", "Read this code out to your colleague:")
ROOM_INSTRUCTIONS: Final = QT_TRANSLATE_NOOP(
    "texts",
    "Your colleague opens CallCheck, chooses “Call a colleague”, then “Join with a code”, "
    "types {code} and presses the green button.",
)
ROOM_WAITING: Final = QT_TRANSLATE_NOOP("texts", "Waiting for your colleague to join…")
ROOM_JOINING: Final = QT_TRANSLATE_NOOP("texts", "Joining room {code}…")
ROOM_COPY: Final = QT_TRANSLATE_NOOP("texts", "Cop&y code")
ROOM_COPIED: Final = QT_TRANSLATE_NOOP("texts", "Code copied.")
ROOM_CANCEL: Final = QT_TRANSLATE_NOOP("texts", "Cancel")
ROOM_CODE_SPOKEN: Final = QT_TRANSLATE_NOOP("texts", "Room code {spelled}")
#: How a screen reader (and the technician) says the "-" in a room code: "A C D dash 2 3 4".
ROOM_CODE_DASH: Final = QT_TRANSLATE_NOOP("texts", "dash")

INVALID_SETTING: Final = QT_TRANSLATE_NOOP("texts", "{what}: {error}")

#: What the error screen says per failure reason code: (what happened, what to do).
FAILURES: Final[dict[str, tuple[str, str]]] = {
    "no_server": (
        QT_TRANSLATE_NOOP("texts", "No test server is set up."),
        QT_TRANSLATE_NOOP(
            "texts",
            "Open Settings and enter the test server's address; your IT department or helpdesk "
            "has it. Until then, the quick local check works without a server.",
        ),
    ),
    "invalid_settings": (
        QT_TRANSLATE_NOOP("texts", "A setting cannot be used."),
        QT_TRANSLATE_NOOP("texts", "Open Settings, correct it, and try again."),
    ),
    "mode_not_available": (
        QT_TRANSLATE_NOOP("texts", "This kind of test is not available in this version."),
        QT_TRANSLATE_NOOP("texts", "Choose the quick local check."),
    ),
    "server_unreachable": (
        QT_TRANSLATE_NOOP(
            "texts", "The test server cannot be reached: it may be down, or this network blocks it."
        ),
        QT_TRANSLATE_NOOP(
            "texts",
            "Check the server address in Settings. If it is right, try again in a minute; if it "
            "still fails, try another network (or without VPN) and tell your helpdesk.",
        ),
    ),
    "token_refused": (
        QT_TRANSLATE_NOOP("texts", "The test server refused this computer's access token."),
        QT_TRANSLATE_NOOP(
            "texts",
            "Open Settings and check the test server token against the one your IT department "
            "gave you.",
        ),
    ),
    "room_not_found": (
        QT_TRANSLATE_NOOP("texts", "There is no room with that code."),
        QT_TRANSLATE_NOOP(
            "texts",
            "Check the code with your colleague (codes expire after a few minutes), or ask them "
            "to create a new room and read you the new code.",
        ),
    ),
    "room_full": (
        QT_TRANSLATE_NOOP("texts", "That room already has two people in it."),
        QT_TRANSLATE_NOOP(
            "texts", "Ask your colleague to create a new room and read you the new code."
        ),
    ),
    "server_busy": (
        QT_TRANSLATE_NOOP("texts", "The test server is busy right now."),
        QT_TRANSLATE_NOOP("texts", "Wait a minute, then try again."),
    ),
    "server_rejected": (
        QT_TRANSLATE_NOOP("texts", "The test server did not accept the test call."),
        QT_TRANSLATE_NOOP(
            "texts",
            "Check the server address in Settings. If it is right, tell your helpdesk and give "
            "them the details below.",
        ),
    ),
    "udp_blocked": (
        QT_TRANSLATE_NOOP(
            "texts",
            "A firewall blocks the call's audio: the server answered, but no UDP packets got "
            "through.",
        ),
        QT_TRANSLATE_NOOP(
            "texts",
            "Real calls on this network will likely fail or sound bad too. Try another network, "
            "or ask IT to allow UDP to the test server or to set up a TURN relay (Settings).",
        ),
    ),
    "peer_not_joined": (
        QT_TRANSLATE_NOOP("texts", "Your colleague did not join in time."),
        QT_TRANSLATE_NOOP("texts", "Create a room again and read the new code out."),
    ),
    "peer_left": (
        QT_TRANSLATE_NOOP("texts", "Your colleague left before the call connected."),
        QT_TRANSLATE_NOOP("texts", "Ask them to join again, then try again."),
    ),
    "ice_failed": (
        QT_TRANSLATE_NOOP("texts", "The test call could not connect."),
        QT_TRANSLATE_NOOP("texts", "Check the network connection or the firewall, then try again."),
    ),
    "ice_no_candidates": (
        QT_TRANSLATE_NOOP("texts", "This computer has no usable network connection for calls."),
        QT_TRANSLATE_NOOP(
            "texts", "Check that the computer is connected to a network, then try again."
        ),
    ),
    "connect_timeout": (
        QT_TRANSLATE_NOOP("texts", "The test call did not connect in time."),
        QT_TRANSLATE_NOOP("texts", "Check the network connection or the firewall, then try again."),
    ),
    "dtls_failed": (
        QT_TRANSLATE_NOOP("texts", "The test call's secure connection failed."),
        QT_TRANSLATE_NOOP("texts", "Try again; if it happens again, tell your helpdesk."),
    ),
    "bad_answer": (
        QT_TRANSLATE_NOOP(
            "texts", "The test server answered, but with something this app cannot use."
        ),
        QT_TRANSLATE_NOOP(
            "texts",
            "Check the server address in Settings: it may belong to another program, or the "
            "server may run a different version. If it is right, tell your helpdesk.",
        ),
    ),
    "peer_disconnected": (
        QT_TRANSLATE_NOOP("texts", "The connection was lost during the test call."),
        QT_TRANSLATE_NOOP(
            "texts",
            "Check the network connection (Wi-Fi signal, VPN, cable), then try again. Real "
            "calls on this connection may drop too.",
        ),
    ),
    "media_stopped": (
        QT_TRANSLATE_NOOP("texts", "The call audio stopped arriving during the test."),
        QT_TRANSLATE_NOOP(
            "texts",
            "Check the network connection, then try again. If it happens again, tell your "
            "helpdesk: real calls on this network may go silent too.",
        ),
    ),
    "engine_error": (
        QT_TRANSLATE_NOOP("texts", "The test call could not start on this computer."),
        QT_TRANSLATE_NOOP(
            "texts",
            "Close other calling apps and try again; if it happens again, tell your helpdesk "
            "and give them the details below.",
        ),
    ),
}
FAILURE_DEFAULT: Final = (
    QT_TRANSLATE_NOOP("texts", "The test could not run."),
    QT_TRANSLATE_NOOP(
        "texts",
        "Try again; if it happens again, tell your helpdesk and give them the details below.",
    ),
)
# Failures fixed in Settings: the error screen offers a button to it.
FAILURES_FIXED_IN_SETTINGS: Final = frozenset(
    {"no_server", "invalid_settings", "server_unreachable", "token_refused", "server_rejected"}
)
ERROR_WHAT_TO_DO: Final = QT_TRANSLATE_NOOP("texts", "What to do: {advice}")
ERROR_DETAILS: Final = QT_TRANSLATE_NOOP("texts", "Details: {message}")
ERROR_OPEN_SETTINGS: Final = QT_TRANSLATE_NOOP("texts", "Open &Settings")

CONNECTIVITY_TITLE: Final = QT_TRANSLATE_NOOP("texts", "Connection checks")
CONNECTIVITY_NAMES: Final[dict[str, str]] = {
    "http": QT_TRANSLATE_NOOP("texts", "Server reachable"),
    "token": QT_TRANSLATE_NOOP("texts", "Access token"),
    "room": QT_TRANSLATE_NOOP("texts", "Room code"),
    "udp": QT_TRANSLATE_NOOP("texts", "Call audio (UDP)"),
    "turn_udp": QT_TRANSLATE_NOOP("texts", "TURN relay over UDP"),
    "turn_tcp": QT_TRANSLATE_NOOP("texts", "TURN relay over TCP"),
    "turn_tls": QT_TRANSLATE_NOOP("texts", "TURN relay over TLS"),
}
#: One line of the connection checks: {check}: "Call audio (UDP)"; {status}: "✔ passed";
#: {finding}: what the check found, in a sentence.
CONNECTIVITY_LINE: Final = QT_TRANSLATE_NOOP("texts", "{check}: {status}. {finding}")
CONNECTIVITY_STATUS: Final[dict[str, str]] = {
    "ok": QT_TRANSLATE_NOOP("texts", "✔ passed"),
    "failed": QT_TRANSLATE_NOOP("texts", "✘ FAILED"),
    "skipped": QT_TRANSLATE_NOOP("texts", "– skipped"),
}


# ---------------------------------------------------------------- Helpdesk live view (issue 17)

SHARE_SWITCH: Final = QT_TRANSLATE_NOOP("texts", "S&hare this test with my helpdesk")
SHARE_SWITCH_HINT: Final = QT_TRANSLATE_NOOP(
    "texts",
    "Your helpdesk can watch the test live in a browser with a code you read out. Only the "
    "test's figures and report are shared.",
)
SHARE_TITLE: Final = QT_TRANSLATE_NOOP("texts", "Shared with your helpdesk")
SHARE_READ_OUT: Final = QT_TRANSLATE_NOOP("texts", "Read this code to your helpdesk:")
#: {url}: the page the helpdesk opens, e.g. https://cc.example.com/live/AC7-K3M-9PX
SHARE_LINK: Final = QT_TRANSLATE_NOOP("texts", "or send them the link: {url}")
SHARE_WHAT: Final = QT_TRANSLATE_NOOP(
    "texts",
    "What is shared: this test's figures, progress and report. No files, no other "
    "information from this computer.",
)
#: {count}: how many people have the page open.
SHARE_VIEWERS: Final = QT_TRANSLATE_NOOP("texts", "Watching now: {count}")
SHARE_STOP: Final = QT_TRANSLATE_NOOP("texts", "&Stop sharing")
SHARE_STOPPED: Final = QT_TRANSLATE_NOOP("texts", "Sharing stopped. The test goes on.")
SHARE_RECONNECTING: Final = QT_TRANSLATE_NOOP(
    "texts", "Connection to the server lost. Reconnecting… The test goes on."
)
SHARE_FAILED: Final = QT_TRANSLATE_NOOP(
    "texts", "The test could not be shared ({reason}). The test runs without sharing."
)
SHARE_RUN_AGAIN: Final = QT_TRANSLATE_NOOP("texts", "Your helpdesk asks you to run the test again")
SHARE_RUN: Final = QT_TRANSLATE_NOOP("texts", "R&un")
SHARE_NOT_NOW: Final = QT_TRANSLATE_NOOP("texts", "&Not now")

# ---------------------------------------------------------------- translation on reading

# The names of this module's texts: the public constants holding strings, or tuples and dicts
# of them (dict keys are codes, not texts). Computed, so a new text cannot be forgotten.
_TEXT_NAMES: Final = frozenset(
    name
    for name, value in globals().items()
    if not name.startswith("_") and isinstance(value, str | tuple | dict)
)


def _translated(value: Any) -> Any:
    if isinstance(value, str):
        return tr(value) if value else value
    if isinstance(value, tuple):
        return tuple(_translated(item) for item in value)
    if isinstance(value, dict):
        return {key: _translated(item) for key, item in value.items()}
    return value


class _TranslatingModule(types.ModuleType):
    """This module, translating a text each time it is read from outside (``texts.X``).

    Setting a module's ``__class__`` is the documented way to customise its attributes
    (Python data model, "Customizing module attribute access"). Functions in this module read
    the English originals as globals and translate them with :func:`tr`.
    """

    def __getattribute__(self, name: str) -> Any:
        value = super().__getattribute__(name)
        return _translated(value) if name in _TEXT_NAMES else value


sys.modules[__name__].__class__ = _TranslatingModule
