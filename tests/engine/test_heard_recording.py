"""The audio kept for the heard score: bounded, on one clock, and the device-fault harness."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from callcheck.core.heard import HeardMethod
from callcheck.engine.heard import (
    NO_REFERENCE_NOTE,
    AudioRecorder,
    DeviceFault,
    HeardPair,
    Recording,
    RecordingSink,
    RecordingSource,
    score_pairs,
    visqol_version,
)
from callcheck.engine.sources import SyntheticSpeechSource, ToneSource


def test_the_recorder_keeps_a_bounded_tail_with_its_time() -> None:
    recorder = AudioRecorder(keep_s=1.0)
    frame = np.arange(960, dtype=np.int16)  # 20 ms at 48 kHz
    for i in range(250):  # 5 s
        recorder.push(frame + i, 48_000, at_ms=1000.0 if i == 0 else None)
    assert recorder.samples_kept <= 48_000 + 960
    kept = recorder.snapshot()
    assert kept is not None
    # The last frame is the newest, and the first kept sample's time follows from the count.
    assert kept.samples[-1] == frame[-1] + 249
    dropped = 250 * 960 - kept.samples.size
    assert kept.start_ms == pytest.approx(1000.0 + dropped / 48.0)


def test_a_narrowband_call_keeps_the_wideband_reference() -> None:
    sent = AudioRecorder()
    source = RecordingSource(SyntheticSpeechSource(sample_rate_hz=16_000), sent, 8_000)
    frames = [source.read(160) for _ in range(100)]  # 2 s of 20 ms frames at 8 kHz
    assert all(f.size == 160 and f.dtype == np.int16 for f in frames)
    kept = sent.snapshot()
    assert kept is not None
    assert kept.rate_hz == 16_000
    assert kept.samples.size >= 2 * 16_000
    # The call got the same audio at 8 kHz: the level is kept (−20 dBov talkspurts).
    sent_rms = np.sqrt(np.mean(np.concatenate(frames).astype(float) ** 2))
    kept_rms = np.sqrt(np.mean(kept.samples[: 2 * 16_000].astype(float) ** 2))
    assert sent_rms == pytest.approx(kept_rms, rel=0.1)


@pytest.mark.parametrize(
    ("fault", "check"),
    [
        pytest.param(DeviceFault(gain_db=-20.0), "gain", id="gain"),
        pytest.param(DeviceFault(gain_db=20.0, clip_dbfs=-6.0), "clip", id="clipping"),
        pytest.param(DeviceFault(noise_dbfs=-40.0), "noise", id="noise"),
        pytest.param(DeviceFault(drop_every_ms=200.0, drop_ms=50.0), "drop", id="dropped"),
    ],
)
def test_a_device_fault_damages_the_audio_before_the_speaker(
    fault: DeviceFault, check: str
) -> None:
    tone = ToneSource(1000.0, -20.0, sample_rate_hz=16_000)
    played: list[np.ndarray] = []
    sink = RecordingSink(AudioRecorder(), lambda s, _r: played.append(s.copy()), fault)
    clean = [tone.read(320) for _ in range(50)]
    for frame in clean:
        sink(frame, 16_000)
    got = np.concatenate(played).astype(float)
    ref = np.concatenate(clean).astype(float)
    kept = sink.recorder.snapshot()
    assert kept is not None
    np.testing.assert_array_equal(kept.samples, np.concatenate(played))  # kept = what was played
    if check == "gain":
        assert np.std(got) == pytest.approx(np.std(ref) / 10.0, rel=0.01)
    elif check == "clip":
        assert np.max(np.abs(got)) == pytest.approx(32767 * 10 ** (-6 / 20), abs=1)
    elif check == "noise":
        residual_dbfs = 20 * np.log10(np.std(got - ref) / 32768)
        assert residual_dbfs == pytest.approx(-40.0, abs=0.5)
    else:
        sounding = ref != 0.0  # a 1 kHz tone at 16 kHz is exactly zero every 8th sample
        assert np.mean(got[sounding] == 0.0) == pytest.approx(0.25, abs=0.01)


def test_an_unknown_reference_gets_the_no_reference_entry() -> None:
    received = Recording(np.zeros(16_000, dtype=np.int16), 16_000, 0.0)
    heard = score_pairs([HeardPair("downlink", None, received)])
    (entry,) = heard.directions
    assert entry.method is HeardMethod.NO_REFERENCE
    assert entry.mos is None
    assert entry.note == NO_REFERENCE_NOTE
    assert heard.mos is None


def test_without_visqol_the_score_is_not_available_and_nothing_breaks(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import callcheck.engine

    # A broken install: the ViSQOL copy cannot be imported.
    monkeypatch.setitem(sys.modules, "callcheck.engine.visqol", None)
    monkeypatch.delattr(callcheck.engine, "visqol", raising=False)
    audio = Recording(np.ones(8 * 16_000, dtype=np.int16), 16_000, 0.0)
    (entry,) = score_pairs([HeardPair("round_trip", audio, audio)]).directions
    assert entry.mos is None
    assert entry.note is not None
    assert "not available" in entry.note


@pytest.mark.skipif(visqol_version() is None, reason="ViSQOL could not be loaded")
def test_too_little_speech_is_not_scored() -> None:
    silence = Recording(np.zeros(3 * 16_000, dtype=np.int16), 16_000, 0.0)
    (entry,) = score_pairs([HeardPair("downlink", silence, silence)]).directions
    assert entry.mos is None
    assert entry.note is not None
    assert "too little speech" in entry.note


@pytest.mark.skipif(visqol_version() is None, reason="ViSQOL could not be loaded")
def test_silence_where_speech_was_sent_is_the_lowest_score() -> None:
    # A dead output path (or a device that delivers zeros): ViSQOL would divide 0 by 0 and
    # answer NaN, which no report may carry.
    speech = SyntheticSpeechSource(sample_rate_hz=16_000).read(8 * 16_000)
    reference = Recording(speech, 16_000, 0.0)
    silence = Recording(np.zeros(8 * 16_000, dtype=np.int16), 16_000, 0.0)
    (entry,) = score_pairs([HeardPair("downlink", reference, silence)]).directions
    assert entry.mos == 1.0
    assert entry.note == "the listener heard silence where speech was sent"


@pytest.mark.skipif(visqol_version() is None, reason="ViSQOL could not be loaded")
def test_a_score_that_is_not_a_number_is_not_available(monkeypatch: pytest.MonkeyPatch) -> None:
    # ViSQOL on audio with a long outage answered NaN (0/0 when it levels the audio); it once
    # reached the advice and crashed the session. It must stop here, as "not available".
    import callcheck.engine.heard as heard

    def nan_with_warning(reference: np.ndarray, degraded: np.ndarray) -> float:
        return float(np.float64(0.0) * np.float64(np.inf))  # NaN, and numpy's "invalid" warning

    monkeypatch.setattr(heard, "visqol_speech_mos", nan_with_warning)
    speech = SyntheticSpeechSource(sample_rate_hz=16_000).read(8 * 16_000)
    audio = Recording(speech, 16_000, 0.0)
    quality = score_pairs([HeardPair("downlink", audio, audio)])
    (entry,) = quality.directions
    assert entry.mos is None
    assert entry.note is not None
    assert entry.note.startswith("not available: ViSQOL gave no score")
    assert quality.mos is None
    assert quality.to_json()["mos"] is None
