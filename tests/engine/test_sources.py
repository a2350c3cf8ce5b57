"""Audio sources, the shipped speech-like test signal and the resources locator."""

from __future__ import annotations

import importlib.util
import struct
import wave
from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import numpy as np
import numpy.typing as npt
import pytest

from callcheck import resources
from callcheck.engine.sources import (
    SPEECH_SIGNAL_RESOURCE,
    AudioSource,
    AudioSourceError,
    SyntheticSpeechSource,
    ToneSource,
    WavFileSource,
)
from callcheck.resources import resource_path

REPO = Path(__file__).resolve().parents[2]


def write_wav(path: Path, samples: npt.NDArray[np.int16], rate_hz: int, channels: int = 1) -> Path:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(2)
        wav.setframerate(rate_hz)
        wav.writeframes(samples.astype("<i2").tobytes())
    return path


def dominant_frequency_hz(samples: npt.NDArray[np.int16], rate_hz: int) -> float:
    spectrum = np.abs(np.fft.rfft(samples * np.hanning(samples.size)))
    return float(np.fft.rfftfreq(samples.size, 1 / rate_hz)[np.argmax(spectrum)])


# ------------------------------------------------------------------------------------ tone


def test_tone_has_the_requested_frequency_and_aes17_level() -> None:
    source = ToneSource(1_000.0, -6.0, 48_000)
    samples = source.read(48_000)
    assert samples.dtype == np.int16
    assert dominant_frequency_hz(samples, 48_000) == pytest.approx(1_000.0, abs=1.0)
    assert np.max(np.abs(samples)) == pytest.approx(32_767 * 10 ** (-6 / 20), abs=1)


def test_tone_is_phase_continuous_across_reads() -> None:
    whole = ToneSource(997.0, -10.0, 16_000).read(1_000)
    source = ToneSource(997.0, -10.0, 16_000)
    pieces = np.concatenate([source.read(n) for n in (1, 159, 320, 0, 520)])
    np.testing.assert_array_equal(pieces, whole)


@pytest.mark.parametrize(
    ("frequency_hz", "level_dbfs"),
    [
        pytest.param(0.0, -10.0, id="zero-frequency"),
        pytest.param(24_000.0, -10.0, id="at-nyquist"),
        pytest.param(1_000.0, 3.0, id="above-full-scale"),
    ],
)
def test_tone_rejects_impossible_settings(frequency_hz: float, level_dbfs: float) -> None:
    with pytest.raises(ValueError, match=r"frequency_hz|level_dbfs"):
        ToneSource(frequency_hz, level_dbfs, 48_000)


# ------------------------------------------------------------------------------- WAV files


@pytest.mark.parametrize("n_samples", [0, 1, 960, 20_000])
def test_wav_source_always_returns_exactly_the_samples_asked_for(
    tmp_path: Path, n_samples: int
) -> None:
    path = write_wav(tmp_path / "short.wav", np.arange(1_000, dtype=np.int16), 16_000)
    source = WavFileSource(path, sample_rate_hz=16_000)
    for _ in range(3):
        out = source.read(n_samples)
        assert out.shape == (n_samples,)
        assert out.dtype == np.int16


def test_wav_source_loops_at_the_end(tmp_path: Path) -> None:
    samples = np.arange(100, dtype=np.int16)
    source = WavFileSource(write_wav(tmp_path / "ramp.wav", samples, 8_000), sample_rate_hz=8_000)
    np.testing.assert_array_equal(
        source.read(250), np.concatenate([samples, samples, samples[:50]])
    )
    np.testing.assert_array_equal(source.read(60), np.concatenate([samples[50:], samples[:10]]))


def test_stereo_is_mixed_down_to_mono(tmp_path: Path) -> None:
    left = np.full(100, 1_000, dtype=np.int16)
    right = np.full(100, 3_000, dtype=np.int16)
    interleaved = np.stack([left, right], axis=1).reshape(-1)
    path = write_wav(tmp_path / "stereo.wav", interleaved, 8_000, channels=2)
    np.testing.assert_array_equal(WavFileSource(path, 8_000).read(100), 2_000)


def test_full_scale_stereo_does_not_wrap_round(tmp_path: Path) -> None:
    interleaved = np.full(200, 32_767, dtype=np.int16)
    path = write_wav(tmp_path / "loud.wav", interleaved, 8_000, channels=2)
    np.testing.assert_array_equal(WavFileSource(path, 8_000).read(100), 32_767)


@pytest.mark.parametrize(
    ("file_rate_hz", "sample_rate_hz"),
    [(44_100, 48_000), (8_000, 48_000), (48_000, 16_000), (22_050, 8_000)],
)
def test_wav_source_resamples_to_the_requested_rate(
    tmp_path: Path, file_rate_hz: int, sample_rate_hz: int
) -> None:
    tone = ToneSource(1_000.0, -6.0, file_rate_hz).read(file_rate_hz)  # one second
    source = WavFileSource(write_wav(tmp_path / "tone.wav", tone, file_rate_hz), sample_rate_hz)
    out = source.read(sample_rate_hz)
    assert source.sample_rate_hz == sample_rate_hz
    assert source.duration_s == pytest.approx(1.0)
    assert dominant_frequency_hz(out, sample_rate_hz) == pytest.approx(1_000.0, abs=1.0)
    assert np.max(np.abs(out)) == pytest.approx(32_767 * 10 ** (-6 / 20), rel=0.01)


def _raw_wav(path: Path, format_tag: int, bits: int, data: bytes, channels: int = 1) -> Path:
    """A WAV file written by hand, for formats the stdlib writer refuses."""
    rate_hz = 8_000
    block_align = channels * bits // 8
    fmt = struct.pack(
        "<HHIIHH", format_tag, channels, rate_hz, rate_hz * block_align, block_align, bits
    )
    body = b"WAVE" + b"fmt " + struct.pack("<I", len(fmt)) + fmt
    body += b"data" + struct.pack("<I", len(data)) + data
    path.write_bytes(b"RIFF" + struct.pack("<I", len(body)) + body)
    return path


def _text_file(path: Path) -> Path:
    path.write_text("not audio")
    return path


@pytest.mark.parametrize(
    ("make_file", "message"),
    [
        pytest.param(
            lambda p: _raw_wav(p, 1, 8, bytes(range(256))), "8-bit samples", id="8-bit-pcm"
        ),
        pytest.param(lambda p: _raw_wav(p, 1, 24, bytes(300)), "24-bit samples", id="24-bit-pcm"),
        pytest.param(
            lambda p: _raw_wav(p, 7, 8, bytes(160)), "not a PCM WAV", id="mu-law-compressed"
        ),
        pytest.param(lambda p: _raw_wav(p, 3, 32, bytes(320)), "not a PCM WAV", id="float"),
        pytest.param(
            lambda p: _raw_wav(p, 1, 16, bytes(60), channels=3), "3 channels", id="3-channels"
        ),
        pytest.param(lambda p: _raw_wav(p, 1, 16, b""), "no audio samples", id="empty"),
        pytest.param(_text_file, "not a PCM WAV", id="text-file"),
        pytest.param(lambda p: p, "does not exist", id="missing"),
    ],
)
def test_unusable_files_raise_a_clear_error(
    tmp_path: Path, make_file: Callable[[Path], Path], message: str
) -> None:
    path = make_file(tmp_path / "input.wav")
    with pytest.raises(AudioSourceError, match=message) as raised:
        WavFileSource(path)
    assert isinstance(raised.value, ValueError)


def test_negative_read_is_rejected(tmp_path: Path) -> None:
    source = WavFileSource(write_wav(tmp_path / "a.wav", np.ones(10, np.int16), 8_000), 8_000)
    with pytest.raises(ValueError, match="n_samples"):
        source.read(-1)


# ------------------------------------------------------------------------- speech-like signal


@pytest.fixture(scope="module")
def speech_16k() -> npt.NDArray[np.float64]:
    source = SyntheticSpeechSource(sample_rate_hz=16_000)
    return source.read(round(source.duration_s * 16_000)).astype(np.float64)


def test_speech_signal_file_is_small_mono_16_bit_and_at_most_8_s() -> None:
    path = resource_path(SPEECH_SIGNAL_RESOURCE)
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth()) == (1, 2)
        assert wav.getframerate() in (16_000, 48_000)
        assert wav.getnframes() / wav.getframerate() <= 8.0
    assert path.stat().st_size <= 400_000
    assert (path.parent / "README.md").is_file()


def test_speech_signal_is_active_about_half_the_time(speech_16k: npt.NDArray[np.float64]) -> None:
    frames = speech_16k[: speech_16k.size // 160 * 160].reshape(-1, 160)  # 10 ms
    level_dbov = 10 * np.log10(np.mean(frames**2, axis=1) / 32_768**2 + 1e-12)
    active = level_dbov > -50.0
    assert 0.45 <= np.mean(active) <= 0.65
    active_level_dbov = 10 * np.log10(np.mean(frames[active] ** 2) / 32_768**2)
    assert active_level_dbov == pytest.approx(-20.0, abs=1.0)
    assert np.max(np.abs(speech_16k)) < 32_767  # no clipping


def test_speech_signal_is_band_limited_to_100_7000_hz(speech_16k: npt.NDArray[np.float64]) -> None:
    power = np.abs(np.fft.rfft(speech_16k)) ** 2
    freq = np.fft.rfftfreq(speech_16k.size, 1 / 16_000)
    in_band = power[(freq >= 100) & (freq <= 7_000)].sum()
    assert power[freq > 7_300].sum() < 1e-4 * in_band
    assert power[freq < 70].sum() < 1e-4 * in_band
    # Wideband content really is there (G.722 and Opus have something to carry).
    assert power[(freq >= 3_400) & (freq <= 7_000)].sum() > 1e-2 * in_band


def test_speech_signal_has_a_syllabic_rhythm(speech_16k: npt.NDArray[np.float64]) -> None:
    envelope = np.sqrt(np.mean(speech_16k[:127_840].reshape(-1, 160) ** 2, axis=1))
    talkspurt = envelope[385:505]  # 3.85–5.05 s
    spectrum = np.abs(np.fft.rfft(talkspurt - talkspurt.mean()))
    rate_hz = np.fft.rfftfreq(talkspurt.size, 0.01)
    syllabic = (rate_hz > 1.5) & (rate_hz < 10.0)
    assert 3.0 <= rate_hz[syllabic][np.argmax(spectrum[syllabic])] <= 6.0


def test_speech_source_loops_seamlessly_at_48_khz() -> None:
    source = SyntheticSpeechSource()
    assert source.sample_rate_hz == 48_000
    one_loop = round(source.duration_s * 48_000)
    first = source.read(one_loop)
    np.testing.assert_array_equal(source.read(one_loop), first)
    seam = np.concatenate([first[-480:], first[:480]])
    assert np.max(np.abs(seam)) < 100  # the loop joins in a pause


def test_sources_satisfy_the_protocol(tmp_path: Path) -> None:
    wav = write_wav(tmp_path / "a.wav", np.ones(10, np.int16), 8_000)
    sources: list[AudioSource] = [
        ToneSource(440.0, -20.0),
        WavFileSource(wav),
        SyntheticSpeechSource(),
    ]
    for source in sources:
        assert source.read(960).shape == (960,)


# --------------------------------------------------------------------------------- generator


def _load_generator() -> ModuleType:
    path = REPO / "tests" / "tools" / "make_test_signal.py"
    spec = importlib.util.spec_from_file_location("make_test_signal", path)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_generator_is_deterministic_and_matches_the_shipped_file() -> None:
    generator = _load_generator()
    first = generator.wav_bytes(generator.make_test_signal())
    second = generator.wav_bytes(generator.make_test_signal())
    assert first == second
    assert resource_path(SPEECH_SIGNAL_RESOURCE).read_bytes() == first


# --------------------------------------------------------------------------------- resources


def test_resources_default_to_the_repository_folder(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(resources.RESOURCES_ENV_VAR, raising=False)
    assert resources.resources_dir() == REPO / "resources"


def test_resources_env_var_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("x")
    monkeypatch.setenv(resources.RESOURCES_ENV_VAR, str(tmp_path))
    assert resource_path("x.txt") == tmp_path / "x.txt"


def test_resources_of_an_installed_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # A wheel (and the PyInstaller bundle) carries the data as callcheck/data, found through
    # importlib.resources; tests/packaging/test_wheel.py checks a real installed wheel.
    (tmp_path / resources.PACKAGED_FOLDER).mkdir()
    monkeypatch.delenv(resources.RESOURCES_ENV_VAR, raising=False)
    monkeypatch.setattr(resources, "files", lambda package: tmp_path)
    assert resources.resources_dir() == tmp_path / resources.PACKAGED_FOLDER


def test_missing_resource_names_the_file_and_the_folder(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv(resources.RESOURCES_ENV_VAR, str(tmp_path))
    with pytest.raises(FileNotFoundError, match=r"test-signal/speech-like-16k\.wav.*CALLCHECK_"):
        SyntheticSpeechSource()


@pytest.mark.parametrize("name", ["", "/etc/passwd", "../pyproject.toml", "a/../../b"])
def test_resource_names_must_stay_inside_the_folder(name: str) -> None:
    with pytest.raises(ValueError, match="relative path"):
        resource_path(name)
