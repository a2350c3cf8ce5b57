"""Detecting another app recording (issue 18): `pactl list short` text from a real PulseAudio
layout, parsed; monitors of speakers are not the microphone."""

from __future__ import annotations

from callcheck.engine.mic_busy import recording_streams

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
