"""Audio fixtures: the PulseAudio null-sink sound system of tests/audio_env.sh, through PortAudio.

The sound server is started (idempotently) once per session; the tests skip, with the reason, only
when it cannot start (no PulseAudio, no swh-plugins, no PortAudio).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from callcheck.engine.audio_io import (
    AudioDevice,
    AudioUnavailable,
    SoundDeviceBackend,
    load_sounddevice,
)

AUDIO_ENV = Path(__file__).resolve().parents[1] / "audio_env.sh"


def start_sound_system() -> dict[str, str]:
    """Run tests/audio_env.sh and return the variables it exports."""
    done = subprocess.run(
        ["bash", str(AUDIO_ENV)], capture_output=True, text=True, timeout=60, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip() or f"exit {done.returncode}")
    env: dict[str, str] = {}
    for line in done.stdout.splitlines():
        if line.startswith("export ") and "=" in line:
            name, _, value = line[len("export ") :].partition("=")
            env[name] = value.strip('"')
    return env


@pytest.fixture(scope="session")
def sound_system() -> Iterator[dict[str, str]]:
    """The started sound system's variables, exported into this process (PortAudio re-scanned)."""
    if shutil.which("pulseaudio") is None:
        pytest.skip("PulseAudio is not installed (bash packaging/setup.sh test installs it)")
    try:
        env = start_sound_system()
    except (RuntimeError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"the test sound system could not start: {exc}")
    saved = {name: os.environ.get(name) for name in env}
    os.environ.update(env)
    try:
        sd = load_sounddevice()
    except AudioUnavailable as exc:
        pytest.skip(str(exc))
    # PortAudio enumerates devices when it initialises: re-scan with the new ALSA configuration.
    sd._terminate()
    sd._initialize()
    yield env
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture
def restart_sound_system(sound_system: dict[str, str]) -> Callable[[], dict[str, str]]:
    """Re-run tests/audio_env.sh (brings back a sink a test removed)."""
    return start_sound_system


@pytest.fixture
def backend(sound_system: dict[str, str]) -> SoundDeviceBackend:
    """The real PortAudio backend."""
    return SoundDeviceBackend()


@pytest.fixture
def devices(backend: SoundDeviceBackend) -> list[AudioDevice]:
    """PortAudio's device list."""
    return backend.list_devices()
