"""Which host API the default devices use: on Windows, the system default's WASAPI entry when
the default is an MME or DirectSound device (issue 13); on Linux, the default unchanged.

The fixtures (tests/fixtures/portaudio/) are recorded *shapes* of sounddevice's
``query_hostapis()`` / ``query_devices()`` — PortAudio's host API names, its MME mapper and
DirectSound primary-driver entries and MME's 31-character names — not measurements.
"""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import Any

import pytest

from callcheck.engine.audio_io import (
    AudioDevice,
    SyntheticAudioBackend,
    devices_from_portaudio,
    find_device,
    prefer_wasapi_defaults,
)
from callcheck.engine.call_audio import CallAudio, CallAudioConfig, audio_path_json

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "portaudio"


def _recorded(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def _listed(data: dict[str, Any], default: tuple[int, int] | None = None) -> list[AudioDevice]:
    """The devices as SoundDeviceBackend.list_devices builds them from PortAudio's lists."""
    default_in, default_out = default or data["default_device"]
    return devices_from_portaudio(data["devices"], data["hostapis"], default_in, default_out)


@pytest.mark.parametrize(
    ("default", "expected", "replaced"),
    [
        ((1, 4), (14, 12), "MME"),
        ((0, 3), (14, 12), "MME"),
        ((8, 11), (15, 13), "Windows DirectSound"),
        ((6, 9), (14, 12), "Windows DirectSound"),
        ((2, 5), (15, 13), "MME"),
    ],
    ids=["mme-named-cut-to-31", "mme-sound-mapper", "directsound", "ds-primary", "mme-builtin"],
)
def test_a_windows_default_under_mme_or_directsound_moves_to_wasapi(
    default: tuple[int, int], expected: tuple[int, int], replaced: str
) -> None:
    devices = _listed(_recorded("windows_mme_default.json"), default)
    microphone = find_device(devices, None, "input")
    speaker = find_device(devices, None, "output")
    assert (microphone.index, speaker.index) == expected
    for device in (microphone, speaker):
        assert device.host_api == "Windows WASAPI"
        assert device.default_moved_from == replaced
        assert device.to_json()["default_moved_from"] == replaced
    # Exactly one default per direction, the legacy entry no longer one.
    assert sum(d.is_default_input for d in devices) == 1
    assert sum(d.is_default_output for d in devices) == 1


def test_a_wasapi_default_stays() -> None:
    data = _recorded("windows_mme_default.json")
    devices = _listed(data, (14, 12))
    assert find_device(devices, None, "input").index == 14
    assert find_device(devices, None, "output").index == 12
    assert all(d.default_moved_from is None for d in devices)


def test_without_a_wasapi_entry_the_default_stays() -> None:
    data = _recorded("windows_mme_default.json")
    data["devices"] = [d for d in data["devices"] if d["hostapi"] != 2]
    wasapi = data["hostapis"][2]
    wasapi.update(devices=[], default_input_device=-1, default_output_device=-1)
    devices = _listed(data)
    assert find_device(devices, None, "input").index == 1
    assert find_device(devices, None, "output").index == 4


def test_a_named_device_is_used_as_named() -> None:
    devices = _listed(_recorded("windows_mme_default.json"))
    assert find_device(devices, 7, "input").host_api == "Windows DirectSound"


def test_the_linux_default_path_does_not_change() -> None:
    data = _recorded("linux_pulse.json")
    devices = _listed(data)
    assert prefer_wasapi_defaults(devices) == devices
    assert all(d.default_moved_from is None for d in devices)
    assert find_device(devices, None, "input").name == "default"
    assert find_device(devices, None, "output").name == "default"


class _WindowsLaptop(SyntheticAudioBackend):
    """The synthetic card's streams behind the recorded Windows device list."""

    def list_devices(self) -> list[AudioDevice]:
        return _listed(_recorded("windows_mme_default.json"))


async def _opened(config: CallAudioConfig) -> dict[str, Any]:
    audio = CallAudio(config, backend=_WindowsLaptop())
    audio.start()
    audio.close()
    return audio_path_json(audio.summary())


def test_the_report_says_which_host_api_was_used_and_which_it_replaced() -> None:
    path = asyncio.run(_opened(CallAudioConfig()))
    assert path["host_api"] == "Windows WASAPI"
    assert path["default_host_api_replaced"] == "MME"
    assert path["input_device"] == "Headset Microphone (Jabra EVOLVE 65)"
    assert any("WASAPI" in note and "MME" in note for note in path["notes"]), path["notes"]


def test_a_device_named_by_the_user_reports_no_replacement() -> None:
    path = asyncio.run(_opened(CallAudioConfig(input_device=14, output_device=12)))
    assert path["host_api"] == "Windows WASAPI"
    assert path["default_host_api_replaced"] is None
