"""The polyphase windowed-sinc resampler: length, accuracy, anti-aliasing, looping."""

from __future__ import annotations

import numpy as np
import numpy.typing as npt
import pytest

from callcheck.core.resample import resample, resampled_length

RATE_PAIRS = [
    pytest.param(8_000, 48_000, id="8k-to-48k"),
    pytest.param(16_000, 48_000, id="16k-to-48k"),
    pytest.param(44_100, 48_000, id="44k1-to-48k"),
    pytest.param(48_000, 44_100, id="48k-to-44k1"),
    pytest.param(48_000, 16_000, id="48k-to-16k"),
    pytest.param(48_000, 8_000, id="48k-to-8k"),
    pytest.param(22_050, 16_000, id="22k05-to-16k"),
]


def _sine(frequency_hz: float, rate_hz: int, n_samples: int) -> npt.NDArray[np.float64]:
    return 10_000.0 * np.sin(2 * np.pi * frequency_hz * np.arange(n_samples) / rate_hz)


def _snr_db(signal: npt.NDArray[np.float64], reference: npt.NDArray[np.float64]) -> float:
    noise = signal - reference
    return float(10 * np.log10(np.mean(reference**2) / np.mean(noise**2)))


def _middle(x: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    return x[x.size // 4 : 3 * x.size // 4]


@pytest.mark.parametrize(("from_rate_hz", "to_rate_hz"), RATE_PAIRS)
def test_output_length_is_input_duration_at_the_new_rate(
    from_rate_hz: int, to_rate_hz: int
) -> None:
    n_in = from_rate_hz // 50 + 7  # 20 ms plus an odd remainder
    out = resample(np.zeros(n_in), from_rate_hz, to_rate_hz)
    assert out.size == resampled_length(n_in, from_rate_hz, to_rate_hz)
    assert out.size == -(-n_in * to_rate_hz // from_rate_hz)


@pytest.mark.parametrize(("from_rate_hz", "to_rate_hz"), RATE_PAIRS)
@pytest.mark.parametrize("fraction_of_lower_rate", [0.02, 0.2, 0.39], ids=["low", "mid", "edge"])
def test_pass_band_tones_come_through_with_over_80_db_snr(
    from_rate_hz: int, to_rate_hz: int, fraction_of_lower_rate: float
) -> None:
    frequency_hz = fraction_of_lower_rate * min(from_rate_hz, to_rate_hz)
    x = _sine(frequency_hz, from_rate_hz, from_rate_hz)  # one second
    y = resample(x, from_rate_hz, to_rate_hz)
    expected = _sine(frequency_hz, to_rate_hz, y.size)
    assert _snr_db(_middle(y), _middle(expected)) > 80.0


@pytest.mark.parametrize(
    ("from_rate_hz", "to_rate_hz"),
    [
        pytest.param(48_000, 8_000, id="48k-to-8k"),
        pytest.param(48_000, 16_000, id="48k-to-16k"),
        pytest.param(22_050, 16_000, id="22k05-to-16k"),
    ],
)
def test_tones_above_the_new_nyquist_frequency_are_rejected(
    from_rate_hz: int, to_rate_hz: int
) -> None:
    frequency_hz = 0.51 * to_rate_hz  # would alias to 0.49 × the new rate
    x = _sine(frequency_hz, from_rate_hz, from_rate_hz)
    y = resample(x, from_rate_hz, to_rate_hz)
    level_db = 20 * np.log10(np.sqrt(np.mean(_middle(y) ** 2)) / (10_000 / np.sqrt(2)))
    assert level_db < -75.0


def test_equal_rates_return_an_unchanged_copy() -> None:
    x = np.arange(100, dtype=np.int16)
    y = resample(x, 16_000, 16_000)
    np.testing.assert_array_equal(y, x)
    assert y.dtype == np.float64


def test_dc_gain_is_exactly_one() -> None:
    y = resample(np.full(4_410, 1_000.0), 44_100, 48_000, periodic=True)
    np.testing.assert_allclose(y, 1_000.0, rtol=1e-9)


def test_periodic_mode_makes_a_seamless_loop() -> None:
    # 100 whole cycles of 500 Hz in 0.2 s at 16 kHz: looped, the result is a continuous sine.
    x = _sine(500.0, 16_000, 3_200)
    y = resample(x, 16_000, 48_000, periodic=True)
    looped = np.concatenate([y, y])
    expected = _sine(500.0, 48_000, looped.size)
    assert _snr_db(looped, expected) > 80.0


def test_periodic_mode_wraps_the_end_round_and_plain_mode_pads_with_silence() -> None:
    # Energy only at the very end: it reaches the first outputs only if the signal wraps.
    x = np.zeros(1_600)
    x[-50:] = 1_000.0
    plain = resample(x, 16_000, 48_000)
    looped = resample(x, 16_000, 48_000, periodic=True)
    assert np.max(np.abs(plain[:3])) < 1.0
    assert np.max(np.abs(looped[:3])) > 10.0


def test_empty_input_gives_empty_output() -> None:
    assert resample(np.zeros(0), 8_000, 48_000).size == 0


@pytest.mark.parametrize(
    ("samples", "from_rate_hz", "to_rate_hz"),
    [
        pytest.param(np.zeros((2, 10)), 8_000, 16_000, id="stereo-array"),
        pytest.param(np.zeros(10), 0, 16_000, id="zero-rate"),
        pytest.param(np.zeros(10), 8_000, -1, id="negative-rate"),
    ],
)
def test_invalid_arguments_raise_value_error(
    samples: npt.NDArray[np.float64], from_rate_hz: int, to_rate_hz: int
) -> None:
    with pytest.raises(ValueError, match=r"mono|hertz"):
        resample(samples, from_rate_hz, to_rate_hz)
