"""Detecting another app recording, on the real (test) PulseAudio server: a remapped source
stands for the microphone, `parecord` for the call app that holds it."""

from __future__ import annotations

import shutil
import subprocess
import time
from collections.abc import Iterator

import pytest

from callcheck.engine.mic_busy import microphone_in_use

pytestmark = pytest.mark.audio
MIC = "h18tray_test_mic"


@pytest.fixture
def microphone(sound_system: dict[str, str]) -> Iterator[str]:
    if shutil.which("pactl") is None or shutil.which("parecord") is None:
        pytest.skip("pactl/parecord are not installed (pulseaudio-utils)")
    module = subprocess.run(
        ["pactl", "load-module", "module-remap-source", f"source_name={MIC}",
         f"master={sound_system['CALLCHECK_TEST_SINK']}.monitor"],
        capture_output=True, text=True, timeout=10, check=True,
    ).stdout.strip()  # fmt: skip
    try:
        yield MIC
    finally:
        subprocess.run(["pactl", "unload-module", module], timeout=10, check=False)


def _until(expected: bool, timeout_s: float = 5.0) -> bool | None:
    """Poll (the sound server has no event for this that pactl can wait on)."""
    deadline = time.monotonic() + timeout_s
    seen = microphone_in_use()
    while seen is not expected and time.monotonic() < deadline:
        time.sleep(0.05)
        seen = microphone_in_use()
    return seen


def test_an_app_recording_the_microphone_is_seen(microphone: str) -> None:
    assert _until(False) is False  # the remap module's own stream is not an app
    with subprocess.Popen(
        ["parecord", "-d", microphone, "/dev/null"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    ) as recorder:  # fmt: skip
        try:
            assert _until(True) is True
        finally:
            recorder.terminate()
    assert _until(False) is False
