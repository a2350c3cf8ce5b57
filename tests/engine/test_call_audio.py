"""The call's audio path without a sound card: probes through real Opus calls, the synthetic
backend standing in for the devices, failures, the report section and the re-rating."""

from __future__ import annotations

import asyncio
import fractions
import statistics

import numpy as np
import pytest
from av import AudioFrame
from call_audio_helpers import (
    OPUS_CODEC_DELAY_MS,
    AudioCallRun,
    engine_probe_delays,
    run_audio_call,
    validate_report,
)

from callcheck.core.quality import Provenance
from callcheck.engine.audio_io import SyntheticAudioBackend, SyntheticRoute
from callcheck.engine.call import CallConfig
from callcheck.engine.call_audio import (
    CallAudio,
    CallAudioConfig,
    CaptureFifo,
    audio_path_json,
    rerate,
    rerate_call,
)
from callcheck.engine.decoders import make_decoder
from callcheck.engine.device_checks import LatencyMeasurement, Spread
from callcheck.engine.impairment import ImpairmentSpec
from callcheck.engine.probes import ProbeDetector, ProbeInjector
from callcheck.engine.reporting import build_report

TOLERANCE_MS = 2.0


def test_opus_codec_delay_is_known() -> None:
    """The constant the engine's delay adds for the codec: aiortc's encoder + our decoder."""
    from aiortc.codecs.opus import OpusEncoder

    encoder, decoder = OpusEncoder(), make_decoder("opus")
    injector, detector = ProbeInjector(48_000), ProbeDetector(48_000)
    received = 0
    for j in range(100):
        frame = AudioFrame.from_ndarray(
            injector.process(np.zeros(960, dtype=np.int16), j * 960).reshape(1, -1),
            format="s16",
            layout="mono",
        )
        frame.sample_rate, frame.pts = 48_000, j * 960
        frame.time_base = fractions.Fraction(1, 48_000)
        packets, _ = encoder.encode(frame)
        assert len(packets) == 1  # no buffering: frame j leaves with frame j
        pcm = decoder.decode(packets[0])
        detector.feed(pcm, received)
        received += pcm.size
    delays = [d.delay_ms for d in detector.detections]
    assert len(delays) >= 3
    assert statistics.median(delays) == pytest.approx(OPUS_CODEC_DELAY_MS, abs=0.05)


# ------------------------------------------------------------------------------ real calls


def _device_less_call(config: CallConfig) -> AudioCallRun:
    return run_audio_call(CallAudio(CallAudioConfig(use_devices=False)), config)


@pytest.mark.parametrize(
    "config",
    [
        CallConfig(duration_s=6),
        CallConfig.impaired(ImpairmentSpec.parse("loss=5"), duration_s=6),
    ],
    ids=["clean", "loss5"],
)
def test_probe_delay_matches_the_engines_timestamps(config: CallConfig) -> None:
    run = _device_less_call(config)
    pairs = engine_probe_delays(run, OPUS_CODEC_DELAY_MS)
    assert len(pairs) >= 7, pairs
    errors = [probe - engine for probe, engine in pairs]
    assert all(abs(e) <= TOLERANCE_MS for e in errors), errors
    summary = run.audio.summary()
    assert summary.mode == "synthetic"
    assert not summary.device_used
    assert summary.probe.detected >= len(pairs)
    if config.downlink_impairment is None:
        # A clean network loses no probe; on a busy machine a packet may come too late to
        # play and be concealed, and a probe in that frame is missed — only there.
        missed = summary.probe.expected - summary.probe.detected
        concealed = run.result.downlink.frames_concealed + run.result.uplink.frames_concealed
        assert missed <= concealed, (summary.probe, concealed)
    # The packet figures are untouched by the audio path.
    assert run.result.downlink.totals.packets_received > 200


# ------------------------------------------------------------------------------ synthetic devices


def test_synthetic_devices_carry_the_call_and_fill_the_report() -> None:
    backend = SyntheticAudioBackend(SyntheticRoute(delay_ms=30.0, noise_dbfs=-60.0))
    audio = CallAudio(CallAudioConfig(), backend=backend)
    run = run_audio_call(audio, CallConfig(duration_s=4))
    summary = audio.summary()
    assert summary.device_used
    assert summary.errors == ()
    assert summary.input_device == "Synthetic microphone"
    assert summary.output_device == "Synthetic speaker"
    assert summary.probe.detected >= 5
    assert summary.capture_buffer_ms >= 20.0  # at least the packetization frame
    assert summary.counters.capture_overruns == 0
    section = audio_path_json(summary)
    report = build_report(run.result, audio_path=section).to_json()
    validate_report(report)
    assert (
        report["audio_path"]["mouth_to_ear_ms"]["mean"]
        > report["audio_path"]["probe_delay_ms"]["mean"]
    )


def test_synthetic_device_unplugged_mid_call_keeps_the_call_going() -> None:
    backend = SyntheticAudioBackend(SyntheticRoute(delay_ms=30.0))
    backend.fail_after_frames = 48_000 * 2  # two seconds of audio, then "unplugged"
    audio = CallAudio(CallAudioConfig(), backend=backend)
    run = run_audio_call(audio, CallConfig(duration_s=5))
    summary = audio.summary()
    assert run.result.ended_early is None  # the packet-level test ran to its end
    assert summary.device_used
    assert len(summary.errors) == 1
    assert "stopped working" in summary.errors[0]
    assert "pick another device" in summary.errors[0]
    assert summary.device_active_s is not None
    assert 1.5 <= summary.device_active_s <= 2.5
    assert summary.probe.detected >= 6  # the probes went on with the synthetic signal
    report = build_report(run.result, audio_path=audio_path_json(summary)).to_json()
    validate_report(report)
    assert report["audio_path"]["errors"] == list(summary.errors)
    assert report["network"]["downlink"]["packets_received"] > 200


def test_missing_device_falls_back_with_a_message_naming_it() -> None:
    audio = CallAudio(
        CallAudioConfig(input_device="Studio Mic 9000"), backend=SyntheticAudioBackend()
    )

    async def scenario() -> None:
        audio.start()
        audio.close()

    asyncio.run(scenario())
    summary = audio.summary()
    assert not summary.device_used
    assert summary.mode == "synthetic"
    assert "Studio Mic 9000" in summary.errors[0]
    assert "callcheck devices" in summary.errors[0]
    assert any("continues without the audio device" in n for n in summary.notes)
    assert audio.source.read(960).shape == (960,)  # synthetic speech instead


# ------------------------------------------------------------------------------ pieces


@pytest.mark.parametrize(
    ("pushes", "pops", "underruns", "overruns"),
    [
        ([400, 400, 400], [960], 0, 0),  # primed at the target, one frame taken
        ([2000], [960, 960, 960], 1, 0),  # runs dry on the third frame
        ([20_000], [960], 0, 1),  # far past the maximum: dropped back to the target
    ],
    ids=["primed", "underrun", "overrun"],
)
def test_capture_fifo(pushes: list[int], pops: list[int], underruns: int, overruns: int) -> None:
    fifo = CaptureFifo(target_samples=1200, maximum_samples=9600)
    for n in pushes:
        fifo.push(np.ones(n))
    got = [fifo.pop(n) for n in pops]
    assert got[0] is not None
    assert (fifo.underruns, fifo.overruns) == (underruns, overruns)


def test_fifo_waits_for_its_target_before_the_first_frame() -> None:
    fifo = CaptureFifo(target_samples=1920, maximum_samples=9600)
    fifo.push(np.ones(1000))
    assert fifo.pop(960) is None
    assert fifo.underruns == 0  # priming is not an underrun
    fifo.push(np.ones(1000))
    assert fifo.pop(960) is not None
    assert fifo.depths == [2000]


def _latency(roundtrip_ms: float) -> LatencyMeasurement:
    return LatencyMeasurement(
        "mic", "speaker", 3, True, 0.9, Spread.of([roundtrip_ms] * 3), None, None,
        (10.0, 20.0), (), "ok",
    )  # fmt: skip


def test_rerate_puts_the_measured_mouth_to_ear_into_ta() -> None:
    run = _device_less_call(CallConfig(duration_s=3))
    summary = run.audio.summary()
    quality = run.result.downlink.quality
    assert quality is not None
    rated = rerate(quality, summary, _latency(40.0))
    m2e = rated.input("mouth_to_ear_ms")
    assert m2e.provenance is Provenance.MEASURED
    assert m2e.value == pytest.approx(statistics.fmean(summary.mouth_to_ear_delays_ms))
    assert rated.input("device_ms").value == 40.0
    assert rated.input("device_ms").provenance is Provenance.MEASURED
    assert rated.input("Ta").value == pytest.approx(m2e.value + 40.0)
    assert rated.input("Ta").provenance is Provenance.MEASURED
    # Losses and codec are kept from the call's own rating.
    assert rated.input("Ppl").value == quality.input("Ppl").value
    worst = rerate_call(run.result, summary, _latency(40.0))
    assert worst is not None
    assert worst.mos <= rated.mos + 1e-9
    section = audio_path_json(summary, _latency(40.0))
    assert section["device_roundtrip_ms"] == 40.0
    assert section["mouth_to_ear_with_device_ms"] == pytest.approx(
        section["mouth_to_ear_ms"]["mean"] + 40.0, abs=0.01
    )
