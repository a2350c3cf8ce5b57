"""Level metering, test signals, delay estimation and marker detection."""

from __future__ import annotations

import numpy as np
import pytest

from callcheck.core.audio_analysis import (
    chirp,
    estimate_delay,
    find_markers,
    measure_level,
    probe_templates,
    tone,
)

FS = 48_000


def _noise(n: int, rms: float, seed: int = 0) -> np.ndarray:
    return rms * np.random.default_rng(seed).standard_normal(n)


def _fractional_delay(x: np.ndarray, delay_samples: float, n_out: int) -> np.ndarray:
    """Delay by a non-integer number of samples (exact, in the frequency domain)."""
    n = 1 << (n_out + x.size).bit_length()
    freqs = np.fft.rfftfreq(n)
    return np.fft.irfft(np.fft.rfft(x, n) * np.exp(-2j * np.pi * freqs * delay_samples), n)[:n_out]


@pytest.mark.parametrize(
    ("signal", "rms_dbfs", "peak_dbfs"),
    [
        pytest.param(0.5 * np.sin(2 * np.pi * 1000 * np.arange(FS) / FS), -9.03, -6.02, id="-6"),
        pytest.param(0.1 * np.sin(2 * np.pi * 440 * np.arange(FS) / FS), -23.01, -20.0, id="-20"),
        pytest.param(np.full(480, 16384, dtype=np.int16), -6.02, -6.02, id="int16-half-scale-dc"),
    ],
)
def test_level_of_known_signals(signal: np.ndarray, rms_dbfs: float, peak_dbfs: float) -> None:
    reading = measure_level(signal)
    assert reading.rms_dbfs == pytest.approx(rms_dbfs, abs=0.02)
    assert reading.peak_dbfs == pytest.approx(peak_dbfs, abs=0.02)
    assert not reading.silent
    assert not reading.clipping


def test_digital_silence_is_silent() -> None:
    reading = measure_level(np.zeros(4800))
    assert reading.silent
    assert reading.rms_dbfs == -120.0


def test_a_squared_off_sine_is_clipping() -> None:
    x = np.clip(2.0 * np.sin(2 * np.pi * 300 * np.arange(FS) / FS), -1.0, 1.0)
    reading = measure_level(x)
    assert reading.clipping
    assert reading.clipped_fraction > 0.5


def test_chirp_has_the_requested_length_and_band() -> None:
    x = chirp(FS, duration_ms=50.0, start_hz=300.0, end_hz=3400.0, amplitude=0.5)
    assert x.size == 2400
    assert np.abs(x).max() == pytest.approx(0.5, abs=0.01)
    spectrum = np.abs(np.fft.rfft(x, 1 << 14))
    freqs = np.fft.rfftfreq(1 << 14, 1 / FS)
    in_band = spectrum[(freqs > 300) & (freqs < 3400)].sum()
    assert in_band / spectrum.sum() > 0.9


def test_tone_level_and_fades() -> None:
    x = tone(FS, frequency_hz=1000.0, duration_ms=500.0, level_dbfs=-12.0)
    assert x.size == FS // 2
    assert measure_level(x).peak_dbfs == pytest.approx(-12.0, abs=0.05)
    assert abs(x[0]) < 1e-9


@pytest.mark.parametrize("phat", [False, True], ids=["xcorr", "gcc-phat"])
@pytest.mark.parametrize("delay_samples", [0.0, 1234.0, 4800.25, 9000.5], ids=str)
def test_estimate_delay_recovers_a_known_delay(phat: bool, delay_samples: float) -> None:
    ref = chirp(FS, duration_ms=100.0, start_hz=300.0, end_hz=6000.0)
    received = _fractional_delay(ref, delay_samples, FS) + _noise(FS, 0.01)
    estimate = estimate_delay(ref, received, phat=phat)
    assert estimate.delay_samples == pytest.approx(delay_samples, abs=0.1 * FS / 1000)  # 0.1 ms
    assert estimate.confidence > 0.9
    assert estimate.peak_ratio > 3.0


def test_estimate_delay_on_noise_alone_has_low_confidence() -> None:
    ref = chirp(FS, duration_ms=100.0, start_hz=300.0, end_hz=6000.0)
    estimate = estimate_delay(ref, _noise(FS, 0.1, seed=4))
    assert estimate.confidence < 0.15


def test_estimate_delay_on_silence_has_zero_confidence() -> None:
    ref = chirp(FS)
    assert estimate_delay(ref, np.zeros(FS)).confidence == 0.0


def test_estimate_delay_respects_the_search_range() -> None:
    ref = chirp(FS)
    received = np.zeros(FS)
    received[1000 : 1000 + ref.size] += ref
    received[20000 : 20000 + ref.size] += 0.5 * ref
    estimate = estimate_delay(ref, received, min_delay_samples=5000)
    assert estimate.delay_samples == pytest.approx(20000, abs=0.5)


def test_find_markers_finds_each_template_under_noise() -> None:
    up, down = probe_templates(FS, amplitude=0.1)
    received = _noise(FS * 2, 0.02, seed=7)
    placed = [(3000, 0, up), (27000, 1, down), (51000, 0, up), (75000, 1, down)]
    for start, _, template in placed:
        received[start : start + template.size] += template
    hits = find_markers(received, (up, down), threshold=0.4, min_spacing_samples=12000)
    assert [(round(h.position_samples), h.template) for h in hits] == [
        (start, kind) for start, kind, _ in placed
    ]
    assert min(h.confidence for h in hits) > 0.6


def test_find_markers_ignores_noise_alone() -> None:
    templates = probe_templates(FS)
    hits = find_markers(_noise(FS * 2, 0.1), templates, threshold=0.4, min_spacing_samples=12000)
    assert hits == []
