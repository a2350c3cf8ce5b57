"""In-band probes: delay, loss and delay variation through Opus (PyAV's libopus), offline."""

from __future__ import annotations

import fractions

import av
import numpy as np
import pytest

from callcheck.core.audio_analysis import estimate_delay
from callcheck.engine.probes import ProbeDetector, ProbeInjector

FS = 48_000
FRAME = 960  # 20 ms


def _speech_like(seconds: float, seed: int = 3) -> np.ndarray:
    """Talk spurts of low-passed noise at about −25 dBFS, half the time."""
    rng = np.random.default_rng(seed)
    n = int(FS * seconds)
    x = np.zeros(n)
    for start in range(0, n, FS // 2):
        if rng.random() < 0.5:
            burst = np.convolve(rng.standard_normal(FS // 3), np.ones(8) / 8, "same")
            x[start : start + burst.size] = 0.15 * burst[: n - start]
    return x


def _opus(x: np.ndarray, bitrate: int, loss: float, seed: int = 0) -> np.ndarray:
    """Encode and decode 20 ms frames; lost packets come out as silence (no PLC in PyAV)."""
    enc = av.CodecContext.create("libopus", "w")
    enc.sample_rate, enc.layout, enc.format, enc.bit_rate = FS, "mono", "s16", bitrate
    enc.time_base = fractions.Fraction(1, FS)
    enc.open()
    dec = av.CodecContext.create("libopus", "r")
    dec.sample_rate, dec.layout, dec.format = FS, "mono", "s16"
    dec.open()
    rng = np.random.default_rng(seed)
    pcm = np.clip(np.round(x * 32768), -32768, 32767).astype(np.int16)
    out: list[np.ndarray] = []
    for i in range(0, pcm.size - FRAME + 1, FRAME):
        frame = av.AudioFrame.from_ndarray(pcm[None, i : i + FRAME], format="s16", layout="mono")
        frame.sample_rate, frame.pts = FS, i
        for packet in enc.encode(frame):
            if rng.random() < loss:
                out.append(np.zeros(FRAME))
                continue
            out.extend(d.to_ndarray().reshape(-1) / 32768.0 for d in dec.decode(packet))
    return np.concatenate(out)


def _inject(x: np.ndarray, period_ms: float = 500.0) -> np.ndarray:
    injector = ProbeInjector(FS, period_ms)
    return np.concatenate([injector.process(x[i : i + FRAME], i) for i in range(0, x.size, FRAME)])


def _detect(rx: np.ndarray, offset: int, period_ms: float = 500.0) -> ProbeDetector:
    detector = ProbeDetector(FS, period_ms)
    for i in range(0, rx.size, FRAME):
        detector.feed(rx[i : i + FRAME], i + offset)
    return detector


@pytest.fixture(scope="module")
def sent() -> np.ndarray:
    return _inject(_speech_like(10.0))


@pytest.fixture(scope="module")
def codec_delay_ms(sent: np.ndarray) -> float:
    """Opus's own algorithmic delay, from cross-correlating a clean decode with the input."""
    decoded = _opus(sent, 64_000, 0.0)
    return estimate_delay(sent[FS : 3 * FS], decoded[: 4 * FS], phat=True).delay_ms(FS) - 1000.0


@pytest.mark.parametrize("loss", [0.0, 0.05], ids=["no-loss", "5pct-loss"])
@pytest.mark.parametrize("bitrate", [12_000, 16_000, 32_000], ids=lambda b: f"{b // 1000}k")
def test_probe_delay_through_opus_is_within_2ms(
    sent: np.ndarray, codec_delay_ms: float, bitrate: int, loss: float
) -> None:
    extra_ms = 120.0
    detector = _detect(_opus(sent, bitrate, loss), round(extra_ms * FS / 1000))
    summary = detector.summary()
    assert summary.delay_ms is not None
    assert summary.delay_ms == pytest.approx(extra_ms + codec_delay_ms, abs=2.0)
    assert summary.delay_variation_ms is not None
    assert summary.delay_variation_ms < 1.0
    assert summary.detected >= 17  # of 20; 5 % packet loss may take one or two
    assert summary.loss_pct <= 15.0
    assert all(w.detected >= 1 for w in summary.windows)


def test_missing_probes_count_as_audio_path_loss() -> None:
    sent = _inject(np.zeros(FS * 5))
    received = sent.copy()
    received[FS : FS + FS // 10] = 0.0  # probe 2 (at 1.0 s) never arrives
    summary = _detect(received, 0).summary()
    assert summary.expected == 10
    assert summary.detected == 9
    assert summary.loss_pct == pytest.approx(10.0)


def test_delay_change_is_tracked_per_window() -> None:
    # The playout buffer grows by 60 ms after 3 s: the windows show the step.
    sent = _inject(np.zeros(FS * 6))
    step = FS * 3
    jump = round(0.060 * FS)
    received = np.concatenate([sent[:step], np.zeros(jump), sent[step:]])
    detector = _detect(received, round(0.040 * FS))
    delays = [round(d.delay_ms, 1) for d in detector.detections]
    assert delays[:6] == [40.0] * 6
    assert delays[6:] == [100.0] * (len(delays) - 6)
    windows = detector.summary().windows
    assert windows[0].delay_ms == pytest.approx(40.0, abs=0.1)
    assert windows[-1].delay_ms == pytest.approx(100.0, abs=0.1)
    assert detector.summary().delay_variation_ms == pytest.approx(60.0, abs=1.0)


def test_a_delay_longer_than_the_period_is_assigned_to_the_right_probe() -> None:
    sent = _inject(np.zeros(FS * 5))
    detector = _detect(sent, round(0.700 * FS))  # 700 ms > 500 ms period
    assert {round(d.delay_ms) for d in detector.detections} == {700}


def test_injector_keeps_int16_and_mixes_quietly() -> None:
    injector = ProbeInjector(FS, 500.0)
    frame = np.full(FRAME, 1000, dtype=np.int16)
    out = injector.process(frame, 0)
    assert out.dtype == np.int16
    assert np.abs(out.astype(int) - 1000).max() <= round(0.1 * 32768) + 1
    assert np.array_equal(injector.process(frame, 5 * FRAME), frame)  # between probes
