"""Detecting another app recording (issue 18): `pactl list short` text from a real PulseAudio
layout, parsed; monitors of speakers are not the microphone. Windows' per-app record of
microphone use, read through the registry fake; macOS: not detected."""

from __future__ import annotations

from callcheck.engine.mic_busy import (
    CONSENT_STORE_MICROPHONE,
    microphone_in_use,
    recording_streams,
    windows_apps_recording,
)
from callcheck.engine.win_registry import MemoryRegistry

SOURCES = {
    "0": "alsa_output.pci-0000_00_1f.3.analog-stereo.monitor",
    "1": "alsa_input.pci-0000_00_1f.3.analog-stereo",
}


def test_no_stream_no_recording() -> None:
    assert recording_streams("", SOURCES) == 0


def test_a_call_app_recording_the_microphone() -> None:
    outputs = "42\t1\t17\tprotocol-native.c\tfloat32le 1ch 48000Hz\n"
    assert recording_streams(outputs, SOURCES) == 1


def test_a_level_meter_on_the_speaker_monitor_is_not_the_microphone() -> None:
    outputs = "7\t0\t3\tprotocol-native.c\tfloat32le 2ch 44100Hz\nnot a line\n"
    assert recording_streams(outputs, SOURCES) == 0


def test_the_sound_servers_own_modules_are_not_an_app() -> None:
    outputs = "0\t1\t-\tmodule-remap-source.c\ts16le 2ch 48000Hz\n"
    assert recording_streams(outputs, SOURCES) == 0


# ---------------------------------------------------------------- Windows (through the fake)

MIC = CONSENT_STORE_MICROPHONE
FILETIME = 133_500_000_000_000_000  # a moment in 2024, in 100 ns since 1601


def _windows(apps: dict[str, tuple[int, int]]) -> MemoryRegistry:
    """The consent store as Windows 11 writes it: packaged apps as direct subkeys, desktop apps
    under NonPackaged by their path with # for \\; (LastUsedTimeStart, LastUsedTimeStop)."""
    keys: dict[str, dict[str, object]] = {MIC: {"Value": "Allow"}}
    for name, (start, stop) in apps.items():
        path = f"{MIC}\\NonPackaged\\{name}" if "#" in name else f"{MIC}\\{name}"
        keys[path] = {"LastUsedTimeStart": start, "LastUsedTimeStop": stop}
    return MemoryRegistry(keys)


def test_windows_a_desktop_call_app_holding_the_microphone() -> None:
    registry = _windows(
        {
            "C:#Program Files#Zoom#bin#Zoom.exe": (FILETIME, 0),
            "C:#Windows#notepad.exe": (FILETIME, FILETIME + 10),
        }
    )
    assert windows_apps_recording(registry) == ["C:\\Program Files\\Zoom\\bin\\Zoom.exe"]
    assert microphone_in_use("win32", registry) is True


def test_windows_a_packaged_app_holding_the_microphone() -> None:
    registry = _windows({"MSTeams_8wekyb3d8bbwe": (FILETIME, 0)})
    assert windows_apps_recording(registry) == ["MSTeams_8wekyb3d8bbwe"]


def test_windows_apps_that_stopped_recording_are_not_in_use() -> None:
    registry = _windows(
        {
            "MSTeams_8wekyb3d8bbwe": (FILETIME, FILETIME + 5),
            "C:#Zoom.exe": (FILETIME, FILETIME + 7),
            "Microsoft.WindowsSoundRecorder_8wekyb3d8bbwe": (0, 0),  # allowed, never started
        }
    )
    assert windows_apps_recording(registry) == []
    assert microphone_in_use("win32", registry) is False


def test_windows_our_own_executable_is_not_another_app() -> None:
    registry = _windows({"C:#CallCheck#callcheck.exe": (FILETIME, 0)})
    assert windows_apps_recording(registry, "C:\\CallCheck\\callcheck.exe") == []


def test_windows_without_the_consent_store_it_cannot_be_known() -> None:
    assert windows_apps_recording(MemoryRegistry()) is None
    assert microphone_in_use("win32", MemoryRegistry()) is None


def test_macos_is_not_detected() -> None:
    assert microphone_in_use("darwin") is None
