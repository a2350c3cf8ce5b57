"""Is another app recording from the microphone right now? (issue 18: a scheduled test never
runs while a call app holds the microphone, where that can be detected).

Linux (PulseAudio, or PipeWire's PulseAudio server): every recording stream is a *source
output*; ``pactl list short source-outputs`` lists them, one a line. Monitor sources (a level
meter watching a speaker) are not the microphone and are left out.

Windows 10 (1903) and later: the privacy settings record each app's microphone use under
``HKCU\\...\\CapabilityAccessManager\\ConsentStore\\microphone`` — a subkey per packaged
(Store) app, and one per executable under ``NonPackaged`` (its path with ``#`` for ``\\``) —
with ``LastUsedTimeStart`` and ``LastUsedTimeStop`` (FILETIMEs). While the app records,
``LastUsedTimeStop`` is 0. This is what Windows' own "your microphone is in use" icon shows.

macOS: not detected — the only public signal (``kAudioDevicePropertyDeviceIsRunningSomewhere``)
needs CoreAudio through a native binding, which the app does not ship.

Elsewhere, or when the tool or key is missing: unknown (``None``), and the caller falls back to
what it does when it cannot know (the scheduled test uses the built-in test signal and never
opens a device).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import PureWindowsPath
from typing import Final

from callcheck.engine.win_registry import UserRegistry, WinUserRegistry

__all__ = [
    "CONSENT_STORE_MICROPHONE",
    "microphone_in_use",
    "recording_streams",
    "windows_apps_recording",
]

_TIMEOUT_S: Final = 3.0
#: Windows' per-app record of microphone use (relative to HKEY_CURRENT_USER).
CONSENT_STORE_MICROPHONE: Final = (
    "Software\\Microsoft\\Windows\\CurrentVersion\\CapabilityAccessManager\\ConsentStore"
    "\\microphone"
)
_NON_PACKAGED: Final = "NonPackaged"


def recording_streams(source_outputs: str, source_names: dict[str, str]) -> int:
    """How many recording streams in ``pactl list short source-outputs`` text (index, source,
    client, driver, format) an app reads from a real input: not a ``.monitor`` source, and not
    the sound server's own modules (client ``-``, e.g. a remapped or echo-cancelled source
    feeding on the microphone); ``source_names`` maps a source index to its name (``pactl
    list short sources``)."""
    count = 0
    for line in source_outputs.splitlines():
        fields = line.split("\t")
        if len(fields) < 3 or not fields[0].strip().isdigit() or fields[2].strip() == "-":
            continue
        name = source_names.get(fields[1].strip(), "")
        if not name.endswith(".monitor"):
            count += 1
    return count


def _pactl(*args: str) -> str | None:
    exe = shutil.which("pactl")
    if exe is None:
        return None
    try:
        proc = subprocess.run(
            [exe, *args], capture_output=True, text=True, timeout=_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    return proc.stdout if proc.returncode == 0 else None


def windows_apps_recording(
    registry: UserRegistry, own_executable: str | None = None
) -> list[str] | None:
    """The apps Windows records as using the microphone now (packaged app ids, executable
    paths), leaving out ``own_executable``; ``None`` when the key is not there (Windows before
    10 1903, or the privacy store was never written)."""
    names = registry.subkeys(CONSENT_STORE_MICROPHONE)
    packaged = [name for name in names if name != _NON_PACKAGED]
    non_packaged_path = f"{CONSENT_STORE_MICROPHONE}\\{_NON_PACKAGED}"
    non_packaged = registry.subkeys(non_packaged_path)
    if not packaged and not non_packaged:
        return None
    own = own_executable.replace("\\", "#").lower() if own_executable else None
    apps = [(f"{CONSENT_STORE_MICROPHONE}\\{name}", name) for name in packaged]
    apps += [
        (f"{non_packaged_path}\\{name}", str(PureWindowsPath(name.replace("#", "\\"))))
        for name in non_packaged
        if name.lower() != own
    ]
    recording = []
    for path, app in apps:
        start = registry.value(path, "LastUsedTimeStart")
        stop = registry.value(path, "LastUsedTimeStop")
        # Started at some time, and not stopped since: stop is reset to 0 while in use.
        if isinstance(start, int) and start > 0 and stop == 0:
            recording.append(app)
    return recording


def microphone_in_use(
    platform: str | None = None, registry: UserRegistry | None = None
) -> bool | None:
    """True when another app records from an input, False when none does, ``None`` when this
    cannot be known here. ``platform`` and ``registry`` are for tests (default: this system)."""
    platform = sys.platform if platform is None else platform
    if platform == "win32":
        apps = windows_apps_recording(
            registry if registry is not None else WinUserRegistry(), sys.executable
        )
        return None if apps is None else bool(apps)
    if not platform.startswith("linux"):
        return None
    sources = _pactl("list", "short", "sources")
    outputs = _pactl("list", "short", "source-outputs")
    if sources is None or outputs is None:
        return None
    names = {
        fields[0].strip(): fields[1].strip()
        for line in sources.splitlines()
        if len(fields := line.split("\t")) >= 2
    }
    return recording_streams(outputs, names) > 0
