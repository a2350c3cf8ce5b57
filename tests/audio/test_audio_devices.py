"""Device enumeration and the `callcheck devices` listing, on the PulseAudio null sink."""

from __future__ import annotations

import argparse
import json

import pytest

from callcheck.cli import devices as devices_cli
from callcheck.engine.audio_io import AudioDevice, AudioDeviceError, find_device

pytestmark = pytest.mark.audio

TEST_DEVICES = ["callcheck_direct", "callcheck_monitor", "callcheck_delay100", "callcheck_unplug"]


def _run_cli(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    devices_cli.add_parser(parser.add_subparsers())
    args = parser.parse_args(argv)
    code: int = args.handler(args)
    return code


@pytest.mark.parametrize("name", TEST_DEVICES)
def test_enumeration_lists_the_null_sink_devices(devices: list[AudioDevice], name: str) -> None:
    found = [d for d in devices if d.name == name]
    assert found, [d.name for d in devices]
    device = found[0]
    assert device.host_api == "ALSA"
    assert device.is_input
    assert device.is_output
    assert device.default_sample_rate_hz > 0


def test_exactly_one_default_input_and_output(devices: list[AudioDevice]) -> None:
    assert sum(d.is_default_input for d in devices) == 1
    assert sum(d.is_default_output for d in devices) == 1


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        pytest.param("callcheck_monitor", "callcheck_monitor", id="exact-name"),
        pytest.param("DELAY100", "callcheck_delay100", id="substring-any-case"),
    ],
)
def test_devices_are_found_by_name(devices: list[AudioDevice], spec: str, expected: str) -> None:
    assert find_device(devices, spec, "input").name == expected


def test_devices_are_found_by_index(devices: list[AudioDevice]) -> None:
    device = devices[0]
    assert find_device(devices, str(device.index), "output") == device


def test_an_unknown_device_names_the_choices(devices: list[AudioDevice]) -> None:
    with pytest.raises(AudioDeviceError, match=r"No microphone .* named like 'no-such-mic'.*"):
        find_device(devices, "no-such-mic", "input")


def test_cli_lists_devices_as_json(
    sound_system: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert _run_cli(["devices", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)["devices"]
    names = {d["name"] for d in listed}
    assert set(TEST_DEVICES) <= names
    assert {"index", "host_api", "max_input_channels", "default_sample_rate_hz"} <= set(listed[0])


def test_cli_unknown_device_exits_3_with_a_message(
    sound_system: dict[str, str], capsys: pytest.CaptureFixture[str]
) -> None:
    code = _run_cli(["devices", "--measure-latency", "--input", "no-such-mic"])
    assert code == 3
    assert "no-such-mic" in capsys.readouterr().err
