"""`callcheck echo` as the user runs it: a WAV in, a real call (loopback with --impair, or a real
`callcheck serve` reflector), a WAV out; the voice in the output sits at the path's measured
delay (issue 16: within 20 ms)."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from callcheck.cli.main import main
from callcheck.core.audio_analysis import estimate_delay
from callcheck.engine.echo_test import write_wav
from callcheck.engine.sources import SyntheticSpeechSource, read_wav

RATE_HZ = 16_000
DELAY_TOLERANCE_MS = 20.0
TOKEN = "echo-token"


def _exe() -> str:
    exe = shutil.which("callcheck", path=str(Path(sys.executable).parent))
    assert exe, "the callcheck console script is installed with the package"
    return exe


def _callcheck(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([_exe(), *args], capture_output=True, text=True, timeout=60, check=False)


@pytest.fixture
def spoken_wav(tmp_path: Path) -> Path:
    path = tmp_path / "spoken.wav"
    write_wav(path, SyntheticSpeechSource(sample_rate_hz=RATE_HZ).read(2 * RATE_HZ), RATE_HZ)
    return path


def _heard_ms(spoken: Path, back: Path) -> float:
    sent, rate = read_wav(spoken)
    received, back_rate = read_wav(back)
    assert back_rate == rate
    return estimate_delay(sent, received).delay_ms(rate)


def test_loopback_wav_in_out_carries_the_impaired_paths_delay(
    spoken_wav: Path, tmp_path: Path
) -> None:
    out = tmp_path / "back.wav"
    proc = _callcheck(
        "echo", "--loopback", "--wav-in", str(spoken_wav), "--wav-out", str(out),
        "--impair", "delay=80,seed=3", "--json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)
    assert figures["path_delay_ms"] >= 80.0  # the emulator's delay is part of the path
    heard = _heard_ms(spoken_wav, out)
    assert abs(heard - figures["path_delay_ms"]) <= DELAY_TOLERANCE_MS
    assert abs(heard - figures["heard_delay_ms"]) <= 1.0


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("serve") / "server.log"
    with (
        log.open("w") as stderr,
        subprocess.Popen(
            [
                _exe(),
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--ice-address",
                "127.0.0.2",
                "--token",
                TOKEN,
            ],
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        ) as process,  # fmt: skip
    ):
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            match = re.search(r"listening on (http://\S+) ", line)
            assert match, f"unexpected first line {line!r}; log: {log.read_text()}"
            yield match.group(1)
        finally:
            process.terminate()
            process.wait(10)


@pytest.mark.long_call
def test_server_round_trip_through_the_reflector(
    spoken_wav: Path, tmp_path: Path, server_url: str
) -> None:
    out = tmp_path / "back.wav"
    proc = _callcheck(
        "echo", "--server", server_url, "--token", TOKEN, "--wav-in", str(spoken_wav),
        "--wav-out", str(out), "--impair", "delay=40,seed=5", "--json",
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    figures = json.loads(proc.stdout)
    assert figures["mode"] == "server"
    assert figures["path_delay_ms"] >= 80.0  # 40 ms emulated on each leg of the round trip
    heard = _heard_ms(spoken_wav, out)
    assert abs(heard - figures["path_delay_ms"]) <= DELAY_TOLERANCE_MS
    assert figures["similarity"] >= 0.7


def test_unwritable_output_is_refused_before_the_call(
    spoken_wav: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "no-such-folder" / "back.wav"
    code = main(["echo", "--wav-in", str(spoken_wav), "--wav-out", str(target)])
    assert code == 2
    assert "cannot write" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("args", "says"),
    [
        (["--no-audio-device"], "--wav-out"),
        (["--impair", "loss=150", "--wav-out", "x.wav", "--no-audio-device"], "--impair"),
        # A network by name (issue 16): an unknown one lists the known names.
        (["--impair", "satellite", "--wav-out", "x.wav", "--no-audio-device"], "lossy-vpn"),
        (["--seconds", "0", "--no-audio-device", "--wav-out", "x.wav"], "--seconds"),
        (["--server", "ftp://127.0.0.1", "--no-audio-device", "--wav-out", "x.wav"], "--server"),
    ],
)
def test_bad_options_are_usage_errors(
    args: list[str], says: str, capsys: pytest.CaptureFixture[str], tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:  # fmt: skip
    monkeypatch.chdir(tmp_path)
    assert main(["echo", *args]) == 2
    assert says in capsys.readouterr().err


def test_a_file_that_is_not_wav_is_a_clear_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    bad = tmp_path / "notes.wav"
    bad.write_text("not audio")
    assert main(["echo", "--wav-in", str(bad), "--wav-out", str(tmp_path / "o.wav")]) == 2
    assert "not a PCM WAV" in capsys.readouterr().err
    assert not (tmp_path / "o.wav").exists()
