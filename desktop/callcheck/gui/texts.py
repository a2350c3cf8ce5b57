"""Every text a user of the desktop app reads, in one place, ready for translation.

Widgets import their words from here and never spell them out themselves. Plain-language
figures (``mos_text``) are formatted here too so that the gauge, the Results screen and the
summary a helpdesk pastes into a ticket say the same thing.
"""

from __future__ import annotations

import math
from typing import Final

from callcheck.core.grades import Grade

# ---------------------------------------------------------------- grades and MOS

#: The grade words shown to users (the keys are the core's grades, the values what we print).
GRADE_NAMES: Final[dict[Grade, str]] = {
    Grade.EXCELLENT: "Excellent",
    Grade.GOOD: "Good",
    Grade.FAIR: "Fair",
    Grade.POOR: "Poor",
    Grade.BAD: "Bad",
}

NO_VALUE: Final = "–"


def grade_name(grade: Grade) -> str:
    """The word a user reads for a grade."""
    return GRADE_NAMES[grade]


def mos_text(mos: float) -> str:
    """A MOS with one decimal, rounded *down*.

    Every band edge of the MOS table lies on a tenth (3.1, 3.6, 4.0, 4.3), so a figure rounded
    down never shows a better grade than the one printed next to it: 3.99 reads "3.9 Fair", not
    "4.0 Fair".
    """
    if math.isnan(mos):
        return NO_VALUE
    tenths = math.floor(mos * 10.0 + 1e-9)  # 1e-9: 4.3 * 10 must stay 43, not 42.99…
    return f"{tenths / 10.0:.1f}"


# ---------------------------------------------------------------- the gauge

GAUGE_ACCESSIBLE_NAME: Final = "MOS gauge"
GAUGE_CAPTION: Final = "MOS"
GAUGE_PASS_MARK: Final = "pass"
GAUGE_NO_VALUE_DESCRIPTION: Final = "No MOS measured yet"


def gauge_description(mos: float, grade: Grade) -> str:
    """What a screen reader says for the gauge: "MOS 4.2, Good"."""
    return f"MOS {mos_text(mos)}, {grade_name(grade)}"


# ---------------------------------------------------------------- the window

APP_NAME: Final = "CallCheck"


def window_title(version: str, build: str) -> str:
    """The main window's title: the app, its version and build (what a helpdesk asks for)."""
    return f"CallCheck {version} (build {build}) – call quality test"


NAV_HOME: Final = "Home"
NAV_HISTORY: Final = "History"
NAV_SETTINGS: Final = "Settings"

# ---------------------------------------------------------------- Start

START_TITLE: Final = "How good will your calls sound?"
START_SUBTITLE: Final = (
    "CallCheck places a short test call, measures delay, jitter and lost audio, and tells you "
    "the quality a listener would hear."
)
START_BUTTON: Final = "Test my call quality"
START_BUTTON_HINT: Final = "Starts a test call of about {seconds:.0f} seconds."
MODE_TITLE: Final = "What to test"
MODE_LOOPBACK: Final = "Quick local check (this computer)"
MODE_SERVER: Final = "Network test (the company's test server)"
MODE_PEER: Final = "Call a colleague (room code)"
MODE_NOT_AVAILABLE_YET: Final = "Not available in this version yet."

# ---------------------------------------------------------------- Live test

LIVE_TITLE: Final = "Testing your call…"
LIVE_CONNECTING: Final = "Connecting the test call…"
LIVE_MEASURING: Final = "Measuring. Keep this window open."
LIVE_TIME_LEFT: Final = "{seconds:.0f} s left"
LIVE_CANCEL: Final = "Cancel"
CHART_RTT: Final = "Round trip (ms)"
CHART_JITTER: Final = "Jitter (ms)"
CHART_LOSS: Final = "Lost packets (%)"
CHART_MOS: Final = "MOS"
CHART_TIME_AXIS: Final = "seconds"

# ---------------------------------------------------------------- Results

RESULTS_TITLE: Final = "Your result"
RESULTS_PASSED: Final = "Good enough for business calls."
RESULTS_FAILED: Final = "Below the quality needed for business calls."
RESULTS_PARTIAL: Final = "The test ended early; the result covers only part of it."
RESULTS_RTT: Final = "Round trip"
RESULTS_JITTER: Final = "Jitter"
RESULTS_LOSS: Final = "Lost audio"
RESULTS_WHY: Final = "Why this score"
RESULTS_RECOMMENDATIONS: Final = "Codecs for this network"
RESULTS_COPY: Final = "Copy summary for the helpdesk"
RESULTS_COPIED: Final = "Summary copied."
RESULTS_SAVE: Final = "Save report…"
RESULTS_SAVE_DIALOG: Final = "Save the test report"
RESULTS_SAVE_FILTERS: Final[dict[str, str]] = {
    "json": "CallCheck report (*.json)",
    "html": "Web page (*.html)",
    "pdf": "PDF document (*.pdf)",
}
RESULTS_SAVED: Final = "Report saved to {path}."
RESULTS_SAVE_FAILED: Final = "Could not save the report to {path}: {error}"
RESULTS_AGAIN: Final = "Run the test again"
RESULTS_TEST_ID: Final = "Test ID {id}"
NOT_MEASURED: Final = "–"

#: The E-model's impairments in plain words, by their G.107 names (report ``quality.breakdown``).
WHY_TERMS: Final[dict[str, str]] = {
    "Id": "Delay (the time your voice takes to arrive) costs {value:.1f} points.",
    "Ie_eff": "The codec and lost audio cost {value:.1f} points.",
    "Is": "Loudness and noise of the voice path cost {value:.1f} points.",
}
WHY_INTRO: Final = "A perfect call scores {ro:.0f} points (R factor); this one scored {r:.0f}."

# ---------------------------------------------------------------- errors

ERROR_TITLE: Final = "The test could not run"
ERROR_TRY_AGAIN: Final = "Try again"
ERROR_BACK: Final = "Back to start"
ERROR_MODE_NOT_AVAILABLE: Final = (
    "This kind of test is not available in this version yet. Choose the quick local check."
)
ERROR_UNEXPECTED: Final = (
    "Something went wrong inside CallCheck ({error}). Try again; if it happens again, send the "
    "log to your helpdesk."
)
CANCELLED: Final = "Test cancelled."

# ---------------------------------------------------------------- History and Settings

SETTINGS_TITLE: Final = "Settings"
SETTINGS_DURATION: Final = "Test length"
SETTINGS_DURATION_SUFFIX: Final = " s"
SETTINGS_CODEC: Final = "Codec"
SETTINGS_ICE: Final = "STUN/TURN servers (one per line)"
SETTINGS_SAVED: Final = "Settings saved."
SETTINGS_SAVE: Final = "Save"

#: The engine's codec names as users read them.
CODEC_NAMES: Final[dict[str, str]] = {
    "opus": "Opus (wideband)",
    "g722": "G.722 (wideband)",
    "pcmu": "G.711 µ-law",
    "pcma": "G.711 A-law",
}


def time_left(seconds: float) -> str:
    """The progress bar's text."""
    return LIVE_TIME_LEFT.format(seconds=max(0.0, seconds))


SETTINGS_DAMAGED: Final = (
    "Your settings could not be read, so the defaults are used. The old file was kept as {path}."
)


# ---------------------------------------------------------------- keyboard
# "&" marks the mnemonic letter (Alt+letter); the texts without it are for screen readers.

START_BUTTON_MNEMONIC: Final = "&Test my call quality"
NAV_HOME_TIP: Final = "Start screen (Ctrl+1)"
NAV_DEVICES: Final = "Devices"
NAV_DEVICES_TIP: Final = "Microphone and speaker checks (Ctrl+2)"
NAV_HISTORY_TIP: Final = "Past tests (Ctrl+3)"
NAV_SETTINGS_TIP: Final = "Settings (Ctrl+,)"
LIVE_CANCEL_TIP: Final = "Stop the test (Esc)"
START_ENTER_TIP: Final = "Press Enter to start"

# ---------------------------------------------------------------- modes in lists and reports

MODE_SHORT: Final[dict[str, str]] = {
    "loopback": "Quick local check",
    "server": "Network test",
    "peer": "Call with a colleague",
}
MODE_NOT_AVAILABLE: Final = (
    "Not available in this version: the {mode} needs the test server client, which this version "
    "does not include yet. Use the quick local check."
)
START_DEVICES: Final = "Microphone: {input}  ·  Speaker: {output}"
START_DEVICES_DEFAULT: Final = "system default"
START_CHECK_DEVICES: Final = "Check &devices…"

# ---------------------------------------------------------------- Results (more)

NO_SCORE: Final = "No score"
RESULTS_NUMBERS: Final = "The three numbers that matter"
RESULTS_ACTIONS: Final = "What to do"
RESULTS_NO_ACTIONS: Final = "Nothing to fix: the connection is fine for calls."
RESULTS_COPY_MNEMONIC: Final = "&Copy summary for the helpdesk"
RESULTS_SAVE_MNEMONIC: Final = "&Save report…"
RESULTS_AGAIN_MNEMONIC: Final = "&Run the test again"
RESULTS_COMPARE: Final = "Compare with &previous test"
RESULTS_NO_PREVIOUS: Final = "There is no earlier test to compare with yet."
RESULTS_NOT_STORED: Final = (
    "This result could not be kept in the history ({error}). Save the report to keep it."
)
RESULTS_FROM_HISTORY: Final = "From the history: test of {date}."
CODEC_TABLE_HEADERS: Final = ("#", "Codec", "Predicted MOS", "Bandwidth")
CODEC_LINE: Final = "{rank}. {name}: MOS {mos:.2f}, {kbps:.0f} kbit/s"

PDF_TITLE: Final = "CallCheck report {id}"
PDF_HEADING: Final = "CallCheck call-quality report"
PDF_META: Final = "Test {id} · {date} · {mode} · codec {codec} · {seconds:.0f} s"
PDF_ERRORS: Final = "Problems during the test"

# ---------------------------------------------------------------- History

HISTORY_TITLE: Final = "Past tests"
HISTORY_COLUMNS: Final = ("Date", "Mode", "Grade", "MOS")
HISTORY_EMPTY: Final = "No tests yet. Every test you run is kept here."
HISTORY_OPEN: Final = "&Open"
HISTORY_COMPARE: Final = "Co&mpare"
HISTORY_EXPORT: Final = "&Export…"
HISTORY_DELETE: Final = "De&lete"
HISTORY_HINT: Final = "Select one test to open, export or delete it; select two to compare them."
HISTORY_DELETE_TITLE: Final = "Delete tests"
HISTORY_DELETE_CONFIRM: Final = "Delete {count} test(s) from the history? This cannot be undone."
HISTORY_DELETED: Final = "Deleted {count} test(s)."
HISTORY_EXPORTED: Final = "Exported to {path}."
HISTORY_EXPORT_DIALOG: Final = "Export the test report"
HISTORY_DAMAGED: Final = (
    "The test history could not be read, so a new one was started. The damaged file was kept "
    "as {path}."
)
HISTORY_UNWRITABLE: Final = "The test history at {path} cannot be used: {error}"
HISTORY_WRITE_FAILED: Final = "could not write to the history database: {error}"
HISTORY_READ_FAILED: Final = "could not read the history database: {error}"
HISTORY_MISSING: Final = "That test is no longer in the history."

# ---------------------------------------------------------------- Compare

COMPARE_TITLE: Final = "Compare two tests"
COMPARE_COLUMNS: Final = ("", "Earlier test", "Later test", "Change")
COMPARE_TEST: Final = "{date}\n{mode}, {grade}"
COMPARE_MOS: Final = "MOS"
COMPARE_SAME: Final = "no change"
COMPARE_DELTA: Final = "{number} ({change})"
COMPARE_CHANGE: Final[dict[str, str]] = {"better": "better", "worse": "worse"}
COMPARE_BACK: Final = "&Back"

# ---------------------------------------------------------------- Devices

DEVICES_TITLE: Final = "Microphone and speaker"
DEVICES_INPUT: Final = "&Microphone"
DEVICES_OUTPUT: Final = "S&peaker"
DEVICES_REFRESH: Final = "Re&fresh list"
DEVICES_LEVEL: Final = "Input level"
DEVICES_LISTEN: Final = "&Listen to the microphone"
DEVICES_STOP_LISTENING: Final = "Stop &listening"
DEVICES_SAY_SOMETHING: Final = "Say something: the bar should move."
DEVICES_SPEAKER_BOX: Final = "Speaker test"
DEVICES_LATENCY_BOX: Final = "Device delay (speaker to microphone)"
DEVICES_SPEAKER_TEST: Final = "Play a &test tone"
DEVICES_PLAYING: Final = "Playing a tone on {device}…"
DEVICES_TONE_DONE: Final = "Did you hear a beep? If not, check the volume or pick another speaker."
DEVICES_LATENCY: Final = "Measure device &delay"
DEVICES_LATENCY_RUNNING: Final = "Measuring: a short chirp plays a few times…"
DEVICES_UNAVAILABLE: Final = "Audio devices unavailable: {reason}"
DEVICES_DEFAULT_MARK: Final = " (default)"
DEVICES_NO_INPUT: Final = (
    "No microphone found. Plug in a headset or enable a microphone in the system's sound "
    "settings, then press Refresh."
)
DEVICES_NO_OUTPUT: Final = (
    "No speaker found. Plug in a headset or enable an output in the system's sound settings, "
    "then press Refresh."
)
DEVICES_SILENT: Final = (
    "No sound from {device}: it may be muted, the wrong microphone, or blocked by the "
    "system's privacy settings."
)
DEVICES_CLIPPING: Final = "{device} is too loud (clipping): lower the input volume."
DEVICES_LEVEL_OK: Final = "{device} works: {level:.0f} dBFS."
DEVICES_LEVEL_TEXT: Final = "%v dBFS"
DEVICES_BLUETOOTH: Final = (
    "{device} looks like a Bluetooth headset: in hands-free mode it limits calls to "
    "narrowband audio. A wired or USB headset sounds better."
)
DEVICES_SAVED: Final = "These devices are now used for tests."

# ---------------------------------------------------------------- Settings (more)

SETTINGS_SERVER_URL: Final = "Test server (reflector) URL"
SETTINGS_SERVER_TOKEN: Final = "Test server token"
SETTINGS_THEME: Final = "Appearance"
THEME_NAMES: Final[dict[str, str]] = {
    "system": "Follow the system",
    "light": "Light",
    "dark": "Dark",
}
SETTINGS_SAVE_MNEMONIC: Final = "&Save"

# ---------------------------------------------------------------- network test and rooms

MODE_NEEDS_SERVER: Final = (
    "These need a test server: <a href='settings'>open Settings</a><br>"
    "and enter its address (your helpdesk has it)."
)
MODE_NEEDS_SERVER_PLAIN: Final = (
    "No test server is set up yet. Open Settings and enter the test server's address."
)
MODE_SERVER_AT: Final = "Calls the test server at {url}; it sends your audio straight back."
PEER_CREATE: Final = "&Create a room (you read the code out to your colleague)"
PEER_JOIN: Final = "&Join with a code:"
PEER_CODE_PLACEHOLDER: Final = "e.g. ACD-234"
PEER_CODE_ACCESSIBLE: Final = "Room code your colleague read out"
PEER_CODE_MISSING: Final = "Type the code your colleague read out, then press the green button."

ROOM_TITLE: Final = "Call a colleague"
ROOM_CREATING: Final = "Creating a room on the test server…"
ROOM_READ_OUT: Final = "Read this code out to your colleague:"
ROOM_INSTRUCTIONS: Final = (
    "Your colleague opens CallCheck, chooses “Call a colleague”, then “Join with a code”, "
    "types {code} and presses the green button."
)
ROOM_WAITING: Final = "Waiting for your colleague to join…"
ROOM_JOINING: Final = "Joining room {code}…"
ROOM_COPY: Final = "Cop&y code"
ROOM_COPIED: Final = "Code copied."
ROOM_CANCEL: Final = "Cancel"
ROOM_CODE_SPOKEN: Final = "Room code {spelled}"

INVALID_SETTING: Final = "{what}: {error}"

#: What the error screen says per failure reason code: (what happened, what to do).
FAILURES: Final[dict[str, tuple[str, str]]] = {
    "no_server": (
        "No test server is set up.",
        "Open Settings and enter the test server's address; your IT department or helpdesk "
        "has it. Until then, the quick local check works without a server.",
    ),
    "invalid_settings": (
        "A setting cannot be used.",
        "Open Settings, correct it, and try again.",
    ),
    "mode_not_available": (
        "This kind of test is not available in this version.",
        "Choose the quick local check.",
    ),
    "server_unreachable": (
        "The test server cannot be reached: it may be down, or this network blocks it.",
        "Check the server address in Settings. If it is right, try again in a minute; if it "
        "still fails, try another network (or without VPN) and tell your helpdesk.",
    ),
    "token_refused": (
        "The test server refused this computer's access token.",
        "Open Settings and check the test server token against the one your IT department "
        "gave you.",
    ),
    "room_not_found": (
        "There is no room with that code.",
        "Check the code with your colleague (codes expire after a few minutes), or ask them "
        "to create a new room and read you the new code.",
    ),
    "room_full": (
        "That room already has two people in it.",
        "Ask your colleague to create a new room and read you the new code.",
    ),
    "server_busy": (
        "The test server is busy right now.",
        "Wait a minute, then try again.",
    ),
    "server_rejected": (
        "The test server did not accept the test call.",
        "Check the server address in Settings. If it is right, tell your helpdesk and give "
        "them the details below.",
    ),
    "udp_blocked": (
        "A firewall blocks the call's audio: the server answered, but no UDP packets got through.",
        "Real calls on this network will likely fail or sound bad too. Try another network, "
        "or ask IT to allow UDP to the test server or to set up a TURN relay (Settings).",
    ),
    "peer_not_joined": (
        "Your colleague did not join in time.",
        "Create a room again and read the new code out.",
    ),
    "peer_left": (
        "Your colleague left before the call connected.",
        "Ask them to join again, then try again.",
    ),
    "ice_failed": (
        "The test call could not connect.",
        "Check the network connection or the firewall, then try again.",
    ),
    "ice_no_candidates": (
        "This computer has no usable network connection for calls.",
        "Check that the computer is connected to a network, then try again.",
    ),
    "connect_timeout": (
        "The test call did not connect in time.",
        "Check the network connection or the firewall, then try again.",
    ),
    "dtls_failed": (
        "The test call's secure connection failed.",
        "Try again; if it happens again, tell your helpdesk.",
    ),
}
FAILURE_DEFAULT: Final = (
    "The test could not run.",
    "Try again; if it happens again, tell your helpdesk and give them the details below.",
)
#: Failures fixed in Settings: the error screen offers a button to it.
FAILURES_FIXED_IN_SETTINGS: Final = frozenset(
    {"no_server", "invalid_settings", "server_unreachable", "token_refused", "server_rejected"}
)
ERROR_WHAT_TO_DO: Final = "What to do"
ERROR_DETAILS: Final = "Details: {message}"
ERROR_OPEN_SETTINGS: Final = "Open &Settings"

CONNECTIVITY_TITLE: Final = "Connection checks"
CONNECTIVITY_NAMES: Final[dict[str, str]] = {
    "http": "Server reachable",
    "token": "Access token",
    "room": "Room code",
    "udp": "Call audio (UDP)",
    "turn_udp": "TURN relay over UDP",
    "turn_tcp": "TURN relay over TCP",
    "turn_tls": "TURN relay over TLS",
}
CONNECTIVITY_STATUS: Final[dict[str, str]] = {
    "ok": "✔ passed",
    "failed": "✘ FAILED",
    "skipped": "– skipped",
}
