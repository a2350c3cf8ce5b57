"""Run a real loopback call with a CallAudio, and work out the probe delay the engine knows.

The loopback far end sends ``audio.far_end_source`` (synthetic speech with probes on the same
clock as the user's source), so its probes reach the user's sink.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import jsonschema
import numpy as np

from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.call_audio import CallAudio
from callcheck.engine.loop import EngineLoop, now_ms
from callcheck.engine.snapshots import CallResult

SCHEMA = json.loads((Path(__file__).parents[2] / "resources" / "report.schema.json").read_text())

#: Opus's algorithmic delay through aiortc's encoder and the engine's libopus decoder (312
#: samples at 48 kHz); test_opus_codec_delay_is_known measures it offline.
OPUS_CODEC_DELAY_MS = 6.5


@dataclass
class AudioCallRun:
    """A finished call with its CallAudio and the sink's record of the played frames."""

    call: TestCall
    audio: CallAudio
    result: CallResult
    played: list[tuple[int | None, int, float]] = field(default_factory=list)
    """(a.last_played_seq, a.frames_decoded, engine time) at each sink call."""


def run_audio_call(
    audio: CallAudio,
    config: CallConfig,
    during: Callable[[], Awaitable[None]] | None = None,
) -> AudioCallRun:
    """Run ``config`` as a real loopback call with ``audio``'s source, far end and sink."""
    played: list[tuple[int | None, int, float]] = []
    holder: list[TestCall] = []

    def sink(samples: Any, rate_hz: int) -> None:
        assert holder[0].loopback is not None
        a = holder[0].loopback.a
        played.append((a.last_played_seq, a.frames_decoded, now_ms()))
        audio.sink(samples, rate_hz)

    call = TestCall(
        config, source=audio.source, audio_sink=sink, far_end_source=audio.far_end_source
    )
    holder.append(call)

    async def scenario() -> CallResult:
        audio.start()
        side = asyncio.ensure_future(during()) if during is not None else None
        try:
            return await call.run()
        finally:
            audio.close()
            if side is not None:
                await side

    with EngineLoop() as loop:
        result = loop.run(scenario(), timeout_s=config.duration_s + 40)
    return AudioCallRun(call, audio, result, played)


def engine_probe_delays(run: AudioCallRun, codec_delay_ms: float) -> list[tuple[float, float]]:
    """(probe delay, engine delay) for each probe whose frame was decoded and played.

    The engine's delay of a probe: the time its far-end frame was read into the call to the time
    the decoded frame with that RTP sequence number was handed to the sink (median over the frame
    and its neighbours), plus the codec's delay. The frame ↔ sequence number mapping comes from
    the far end's send-time tap (one packet per frame, in send order).
    """
    assert run.call.loopback is not None
    b = run.call.loopback.b
    times = np.frombuffer(b.send_times._times_ms, dtype=np.float64)  # the tap's table
    sent = np.nonzero(times > 0)[0]
    seq_by_frame = [int(s) for s in sent[np.argsort(times[sent], kind="stable")]]
    play_ms: dict[int, float] = {}
    decoded_before = 0
    for seq, decoded, t in run.played:
        if decoded > decoded_before and seq is not None:
            play_ms[seq & 0xFFFF] = t
        decoded_before = decoded
    reads = run.audio.far_end_source.reads
    correction = run.audio.anchor_correction_ms()
    starts = np.array([t for t, _ in reads])
    pairs = []
    for d in run.audio.detector.detections:
        j = int(np.searchsorted(starts, d.sent_sample, side="right")) - 1
        if j < 0 or j >= len(seq_by_frame):
            continue
        if seq_by_frame[j] not in play_ms:
            continue  # lost or concealed: no played frame carries it
        # The frame's delay, as the median over it and its neighbours: one late wake-up of the
        # loop (a read or a playout tick a few ms late) is scheduler noise, not the path's delay.
        near = [
            play_ms[seq_by_frame[i]] - reads[i][1]
            for i in range(max(0, j - 3), min(len(seq_by_frame), len(reads), j + 4))
            if seq_by_frame[i] in play_ms
        ]
        pairs.append((d.delay_ms + correction, float(np.median(near)) + codec_delay_ms))
    return pairs


def validate_report(data: dict[str, Any]) -> None:
    """The report must follow the shipped schema."""
    jsonschema.validate(data, SCHEMA)
