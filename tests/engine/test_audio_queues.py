"""CallCheck's own queues of the device path, offline: the playback queue stays at its cushion
whatever the device's clock does, the capture FIFO at its target, and the probes heard back are
paired with the probes played however far the delay jumps."""

from __future__ import annotations

import numpy as np
import pytest

from callcheck.core.advice import Severity, advise, inputs_from_report
from callcheck.engine.call_audio import (
    OUTPUT_CUSHION_MS,
    QUEUE_EXCESS_MS,
    QUEUE_LARGE_EXCESS_MS,
    CallAudio,
    CallAudioConfig,
    CaptureFifo,
    PlaybackControl,
)
from callcheck.engine.probes import HeardBackDetector, ProbeDetector, ProbeInjector

RATE = 48_000
FRAME = 960  # 20 ms
BLOCK = 256  # a PulseAudio period
SPEECH = 0.1 * np.sin(np.arange(FRAME) * 0.05)  # −23 dBFS: never a pause


def ms(samples: float) -> float:
    return 1000.0 * samples / RATE


def control() -> PlaybackControl:
    return PlaybackControl(
        round(OUTPUT_CUSHION_MS * RATE / 1000),
        excess_samples=round(QUEUE_EXCESS_MS * RATE / 1000),
        large_excess_samples=round(QUEUE_LARGE_EXCESS_MS * RATE / 1000),
    )


def simulate(
    device_ppm: float,
    seconds: float,
    *,
    stall: tuple[float, float] | None = None,
    hold: tuple[float, int] | None = None,
) -> tuple[list[float], PlaybackControl]:
    """A device taking BLOCK-sample callbacks at RATE × (1 + ppm) while the call writes a speech
    frame every 20 ms; returns the queue level (ms) before each write. ``hold``: at that second,
    that many samples of silence queued and held (:meth:`PlaybackControl.hold`)."""
    ctl = control()
    queue = 0.0
    taken_until = 0.0  # device time of the last callback
    period_s = BLOCK / (RATE * (1 + device_ppm * 1e-6))
    levels = []
    for i in range(int(seconds * 50)):
        now = i * 0.02
        while taken_until + period_s <= now:
            taken_until += period_s
            if stall is not None and stall[0] <= taken_until < stall[1]:
                continue  # the device asks for nothing (a PulseAudio stream starting)
            queue = max(0.0, queue - BLOCK)
        if hold is not None and now == hold[0]:
            queue += hold[1]
            ctl.hold(hold[1])
        level = int(queue)
        levels.append(ms(level))
        out, drop = ctl.plan(level, SPEECH)
        queue = max(0.0, queue - drop) + out.size
    return levels, ctl


@pytest.mark.parametrize("ppm", [-2000.0, -300.0, 0.0, 300.0, 2000.0])
def test_playback_queue_does_not_drift_with_the_device_clock(ppm: float) -> None:
    levels, ctl = simulate(ppm, 60.0)
    at_2s, at_58s = levels[100], levels[2900]
    assert abs(at_58s - at_2s) <= ms(FRAME), (at_2s, at_58s)
    assert max(levels[100:]) <= OUTPUT_CUSHION_MS + QUEUE_EXCESS_MS + ms(FRAME + 2 * BLOCK)
    if ppm < 0:  # a slower device: the excess was cut (from speech: this signal has no pause)
        assert ctl.trimmed_audio_samples > 0
        assert ctl.stretched_samples == ctl.cushion  # only the first write's cushion
    # What was cut or added is the drift, within a frame (no audio thrown away for nothing).
    drift = abs(ppm) * 1e-6 * 60.0 * RATE
    moved = ctl.trimmed_audio_samples + ctl.trimmed_silence_samples + ctl.stretched_samples
    assert moved <= drift + FRAME + ctl.cushion


def test_a_late_start_is_not_kept_as_delay() -> None:
    """The device takes nothing for 1.35 s (a PulseAudio stream starting): what the call writes
    meanwhile is dropped as it comes, instead of a 1.35 s queue for the rest of the call."""
    levels, ctl = simulate(0.0, 10.0, stall=(0.05, 1.4))
    # The queue never held more than the 200 ms window plus the large excess and a frame.
    assert max(levels) <= 200.0 + QUEUE_LARGE_EXCESS_MS + ms(FRAME)
    # Within the window and the patience of a small excess (3 s) it is back at its cushion.
    after = levels[int(4.5 * 50) :]
    assert max(after) <= OUTPUT_CUSHION_MS + QUEUE_EXCESS_MS + ms(FRAME + 2 * BLOCK)
    assert abs(levels[-1] - levels[int(4.5 * 50)]) <= ms(FRAME)
    assert ctl.trimmed_audio_samples >= 1.0 * RATE


def test_a_small_excess_waits_for_a_pause() -> None:
    ctl = control()
    level = ctl.cushion + round(0.015 * RATE)  # 15 ms over: more than the excess, not large
    silent = np.zeros(FRAME)
    for _ in range(60):  # a second of speech at that level: nothing cut yet
        out, drop = ctl.plan(level, SPEECH)
        assert (out.size, drop) == (FRAME, 0)
    out, drop = ctl.plan(level, silent)
    assert drop == 0
    assert out.size == FRAME - (level - ctl.cushion)
    assert ctl.trimmed_silence_samples == level - ctl.cushion
    assert ctl.trimmed_audio_samples == 0


@pytest.mark.parametrize(
    ("ppm", "stall"),
    [(-2000.0, None), (0.0, None), (2000.0, None), (0.0, (3.0, 3.04)), (0.0, (3.0, 3.3))],
    ids=[
        "slower device",
        "same clock",
        "faster device",
        "a stall eats into it",
        "a stall eats it all",
    ],
)
def test_a_held_output_queue_adds_exactly_its_size_and_is_never_trimmed(
    ppm: float, stall: tuple[float, float] | None
) -> None:
    """The truth behind output_buffer_ms (tests/audio/test_audio_latency.py): a queue held on
    purpose is out of the control's view, so it controls the rest exactly as without it, and
    every later frame waits exactly the held samples longer, whatever the device's clock does;
    a stall that eats into it is refilled by the stretch as a dry queue is."""
    held = round(0.060 * RATE)
    plain, _ = simulate(ppm, 10.0, stall=stall)
    raised, ctl = simulate(ppm, 10.0, stall=stall, hold=(2.0, held))
    after = 100 if stall is None else int(stall[1] * 50) + 2  # from the hold / the refill on
    assert raised[:100] == plain[:100]
    assert [r - p for r, p in zip(raised[after:], plain[after:], strict=True)] == pytest.approx(
        [ms(held)] * (len(plain) - after), abs=1e-9
    )
    assert ctl.held == held


def test_a_held_capture_queue_delays_every_later_sample_by_exactly_its_size() -> None:
    """The same for the capture FIFO (the truth behind capture_buffer_ms): samples captured after
    the hold leave it exactly the held samples later than without it; the trims of a faster
    device and the refills after an underrun go on as they would without it."""
    held = round(0.060 * RATE)

    def run(hold: bool) -> list[float]:
        fifo = CaptureFifo(1920, 9600, excess_samples=480)
        due_until = 0
        captured = 0
        firsts = []  # the capture count of each frame's first sample
        for i in range(500):  # 10 s; the device delivers 0.2 % more, and nothing for 0.3 s at 6 s
            while due_until + BLOCK <= (i + 1) * FRAME * 1.002:
                due_until += BLOCK
                if not 300 <= i < 315:
                    fifo.push(np.arange(captured, captured + BLOCK, dtype=np.float64) + 1.0)
                    captured += BLOCK
            if hold and i == 100:
                fifo.hold(held)
            frame = fifo.pop(FRAME)
            firsts.append(np.nan if frame is None else float(frame[0]))
        assert fifo.trimmed_samples > 0
        assert fifo.underruns > 0
        return firsts

    plain, raised = np.array(run(False)), np.array(run(True))
    np.testing.assert_array_equal(raised[:101], plain[:101])
    # The same frames find it dry (the underrun after the device's gap) ...
    np.testing.assert_array_equal(np.isnan(raised), np.isnan(plain))
    # ... and every other frame read at the same moment starts `held` captured samples earlier
    # (once the zeros have passed): every sample waits `held` samples longer.
    lag = (plain - raised)[110:]
    assert np.all(lag[~np.isnan(lag)] == held)


def test_a_queue_delay_needs_running_devices_and_cannot_be_negative() -> None:
    audio = CallAudio(CallAudioConfig(use_devices=False))
    with pytest.raises(ValueError, match="negative"):
        audio.add_queue_delay(output_ms=-1.0)
    audio.start()
    audio.add_queue_delay(output_ms=40.0, capture_ms=60.0)  # no device: nothing to hold
    audio.source.read(FRAME)
    assert audio.output_frame_waits() == []
    assert audio.capture_frame_waits() == []
    assert audio.summary().capture_buffer_ms == 20.0  # device-less: the packetization frame


def test_capture_fifo_trims_a_faster_device_back_to_its_target() -> None:
    fifo = CaptureFifo(1920, 9600, excess_samples=480)
    pushed = 0.0
    depths = []
    for i in range(3000):  # 60 s of frames; the device delivers 0.2 % more samples
        due = (i + 1) * FRAME * 1.002
        while pushed + BLOCK <= due:
            fifo.push(np.ones(BLOCK))
            pushed += BLOCK
        fifo.pop(FRAME)
        depths.append(fifo.depths[-1] if fifo.depths else 0)
    assert fifo.trimmed_samples > 0
    assert fifo.overruns == 0
    assert abs(depths[2900] - depths[100]) <= FRAME
    assert max(depths[100:]) <= fifo.target + fifo.excess + FRAME + BLOCK


@pytest.mark.parametrize(("loop_ms", "jump_ms"), [(90.0, 300.0), (720.0, -300.0)])
def test_heard_back_probes_are_paired_with_the_ones_played(loop_ms: float, jump_ms: float) -> None:
    """Probes played (at 35 ms) and heard back ``loop_ms`` later, the loop jumping by
    ``jump_ms`` halfway (a stall; a queue trimmed after one): every probe is paired with its own
    index."""
    period_ms = 500.0
    injector = ProbeInjector(RATE, period_ms)
    played = ProbeDetector(RATE, period_ms)
    heard = HeardBackDetector(played.detections_view, RATE, period_ms)
    sent = injector.process(np.zeros(RATE * 12), 0).astype(np.float64)
    to_output = round(0.035 * RATE)
    output = np.concatenate([np.zeros(to_output), sent])
    for start in range(0, RATE * 10, FRAME):
        played.feed(output[start : start + FRAME], start)
        # The microphone hears the output loop_ms later; at 5 s the loop moves by jump_ms.
        loop = loop_ms if start < 5 * RATE else loop_ms + jump_ms
        lag = round(loop * RATE / 1000)
        begin = start - lag
        frame = np.zeros(FRAME)
        if begin + FRAME > 0:
            src = output[max(0, begin) : begin + FRAME]
            frame[FRAME - src.size :] = src
        heard.feed(frame, start)
    by_index = {d.index: d for d in played.detections}
    pairs = [(d.index, d.delay_ms - by_index[d.index].delay_ms) for d in heard.detections]
    assert len(pairs) >= 12
    for _, loop in pairs:
        assert min(abs(loop - loop_ms), abs(loop - (loop_ms + jump_ms))) < 1.0, pairs


def test_a_report_whose_device_adds_the_delay_names_the_device_first() -> None:
    """The advice reads the report's audio_path: a call below the pass mark whose devices add
    700 ms gets the device, by name and delay, as its first action; without the devices, no
    such action."""
    report = {
        "network": {"uplink": {"loss_pct": 0.0, "rtt_ms": {"mean": 1.0}}},
        "quality": {"mos": 3.1},
        "audio_path": {
            "device_used": True,
            "output_device": "USB Headset",
            "input_device": "USB Headset",
            "device_roundtrip_ms": 712.4,
        },
    }
    actions = advise(inputs_from_report(report))
    assert actions[0].id == "audio-device-delay"
    assert actions[0].severity is Severity.CRITICAL
    assert "\u201cUSB Headset\u201d adds 712 ms of delay" in actions[0].text
    assert "all-good" not in [a.id for a in actions]
    report["audio_path"] = {"device_used": False}
    assert "audio-device-delay" not in [a.id for a in advise(inputs_from_report(report))]
