"""Is another app recording from the microphone right now? (issue 18: a scheduled test never
runs while a call app holds the microphone, where that can be detected).

Linux (PulseAudio, or PipeWire's PulseAudio server): every recording stream is a *source
output*; ``pactl list short source-outputs`` lists them, one a line. Monitor sources (a level
meter watching a speaker) are not the microphone and are left out. Other platforms, or no
``pactl``: unknown (``None``), and the caller falls back to what it does when it cannot know
(the scheduled test uses the built-in test signal and never opens a device).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from typing import Final

__all__ = ["microphone_in_use", "recording_streams"]

_TIMEOUT_S: Final = 3.0


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


def microphone_in_use() -> bool | None:
    """True when another app records from an input, False when none does, ``None`` when this
    cannot be known here."""
    if not sys.platform.startswith("linux"):
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
