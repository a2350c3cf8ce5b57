"""Hear yourself: a few seconds of the user's voice, sent through a real test call and kept as
the other side would hear it.

The recording is the outgoing audio of a :class:`~callcheck.engine.call.TestCall`; what the
user's peer plays out (decoded, concealed, through its adaptive playout buffer) is kept frame by
frame on the send clock, so the played-back signal lines up with what was spoken shifted by the
path's mouth-to-ear delay (network one-way delay plus playout wait; encoding adds under 1 ms).

* **loopback**: the far-end peer in this process sends the recording to the user's peer over
  127.0.0.1, impaired by ``impairment`` (one direction: what a colleague hears of the user).
* **server**: the user's peer sends the recording to the reflector, which returns it; the
  impairment is applied to both legs (seeds ``seed`` and ``seed + 1``), as ``callcheck test``
  does, and the path is the round trip.

Recording from the microphone and playing back to the speaker go through the same
:class:`~callcheck.engine.audio_io.AudioBackend` as the test calls' device path.
"""

from __future__ import annotations

import asyncio
import wave
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Final, Literal

import numpy as np
import numpy.typing as npt

from callcheck.core.audio_analysis import estimate_delay, measure_level
from callcheck.core.codecs import codec_for_webrtc
from callcheck.core.resample import resample
from callcheck.engine.audio_io import (
    AudioBackend,
    AudioDeviceError,
    InputBlock,
    SoundDeviceBackend,
    StreamConfig,
    find_device,
)
from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.impairment import ImpairmentSpec
from callcheck.engine.loop import now_ms
from callcheck.engine.loopback import CONNECT_TIMEOUT_S
from callcheck.engine.peer import FRAME_MS, SOURCE_RATE_HZ
from callcheck.engine.snapshots import CallResult, DirectionResult
from callcheck.engine.sources import read_wav

__all__ = [
    "MAX_SECONDS",
    "EchoOptions",
    "EchoResult",
    "play_to_speaker",
    "read_wav",
    "record_microphone",
    "run_echo",
    "write_wav",
]

Int16Array = npt.NDArray[np.int16]

#: Longest recording: an echo test is "say a sentence, then listen", not a call.
MAX_SECONDS: Final = 30.0
#: Call time after the recording has been sent, for the last of it to arrive and play: covers
#: a 400 ms playout buffer (core.playout's ``max_delay_ms``) plus emulated or real delay.
TAIL_S: Final = 0.8
#: Search range of the delay between spoken and played-back audio, ms.
MAX_PATH_DELAY_MS: Final = 2000.0
INT16_FULL_SCALE: Final = 32_767
#: Similarity is judged on windows this long (a few codec frames: a concealed frame shows)…
SIMILARITY_WINDOW_MS: Final = 100.0
#: …each found within this much of the overall delay (the playout buffer's grow and shrink
#: steps are one 20 ms frame; two of them either way are allowed).
SIMILARITY_SLACK_MS: Final = 40.0


@dataclass(frozen=True, slots=True)
class EchoOptions:
    """What path the recording goes through."""

    mode: Literal["loopback", "server"] = "loopback"
    codec: str = "opus"
    impairment: ImpairmentSpec | None = None
    """Emulated network (see the module docstring for which legs)."""
    server_url: str | None = None
    token: str | None = None
    connect_timeout_s: float = CONNECT_TIMEOUT_S
    """Give up connecting after this long (as a test call does)."""

    def __post_init__(self) -> None:
        if self.codec not in SOURCE_RATE_HZ:
            raise ValueError(f"unknown codec {self.codec!r}")
        if self.mode == "server" and not self.server_url:
            raise ValueError("the echo test through a server needs its URL")


@dataclass(frozen=True, slots=True)
class EchoResult:
    """What was spoken, what came back, and how the path measured itself."""

    spoken: Int16Array
    """The recording, at ``sample_rate_hz``."""
    played_back: Int16Array
    """What the user's peer played, at ``sample_rate_hz``; sample 0 is when the first sample of
    ``spoken`` was sent, so the speech sits ``path_delay_ms`` in."""
    sample_rate_hz: int
    path_delay_ms: float | None
    """Mouth-to-ear delay of the path as the call measured it: the medians of the sender's
    lateness, the one-way delay (the round trip in server mode) and the playout wait of the
    frames that carried the voice, plus the codec's look-ahead. Medians, because a stall grows
    the playout buffer for a while: the typical delay is what the voice is heard at. ``None``
    if the network part was not measured."""
    heard_delay_ms: float
    """Where ``spoken`` was found in ``played_back`` by cross-correlation."""
    similarity: float
    """How much of the voice came through, 0–1: the mean over the spoken 100 ms windows with
    sound of their normalised cross-correlation with the played-back audio, each found within
    ±40 ms of ``heard_delay_ms`` (the playout buffer stretches and shrinks the timeline, which
    is no loss; a concealed frame is)."""
    frames_decoded: int
    frames_concealed: int
    call: CallResult
    network_delay_ms: float | None = None
    """The network part of ``path_delay_ms`` (one-way in loopback, the round trip through the
    reflector), median over the call; ``None`` if not measured."""
    playout_wait_ms: float = 0.0
    """The playout buffer's part of ``path_delay_ms``: how long it held the frames that carried
    the voice, median. It adapts to each call (a stall grows it, a pause lets it shrink), so two
    calls over the same path may differ here by a few tens of ms."""

    @property
    def concealed_pct(self) -> float:
        """Share of the played frames that were concealment, %."""
        total = self.frames_decoded + self.frames_concealed
        return 100.0 * self.frames_concealed / total if total else 0.0

    def playback_audio(self) -> Int16Array:
        """The played-back audio without its leading delay: what to play to the user."""
        start = max(0, round(self.heard_delay_ms * self.sample_rate_hz / 1000.0))
        return self.played_back[start:]


class _RecordingSource:
    """Sends ``samples`` once, then silence; notes when the first sample was read (sent), and
    how late each frame of the recording was read after its slot on that clock (a busy
    computer's sender holds the audio back: part of the path, measured here)."""

    def __init__(self, samples: Int16Array, sample_rate_hz: int) -> None:
        self._samples = samples
        self.sample_rate_hz = sample_rate_hz
        self._position = 0
        self.first_read_ms: float | None = None
        self.late_ms: list[float] = []

    def read(self, n_samples: int) -> Int16Array:
        now = now_ms()
        if self.first_read_ms is None:
            self.first_read_ms = now
        if self._position < self._samples.size:
            slot_ms = 1000.0 * self._position / self.sample_rate_hz
            self.late_ms.append(now - self.first_read_ms - slot_ms)
        out = np.zeros(n_samples, dtype=np.int16)
        chunk = self._samples[self._position : self._position + n_samples]
        out[: chunk.size] = chunk
        self._position += n_samples
        return out

    @property
    def typical_late_ms(self) -> float:
        return float(np.median(self.late_ms)) if self.late_ms else 0.0


class _PlayedFrames:
    """Collects the played 20 ms frames on the sender's clock (0 = first sample sent).

    The playout task pops one frame per 20 ms; after a stall of the event loop it pops the
    overdue frames at once, so a frame's arrival here is its play time or later, never earlier.
    Hence each frame goes one slot before the next one at most (a burst lines up behind its last
    frame, the one popped on time), and the grid's phase is the earliest one seen.
    """

    def __init__(self, source: _RecordingSource) -> None:
        self._source = source
        self._played: list[tuple[float, Int16Array]] = []
        self.rate_hz = 0

    def __call__(self, samples: Int16Array, rate_hz: int) -> None:
        start = self._source.first_read_ms
        if start is None:
            return
        self.rate_hz = rate_hz
        self._played.append((now_ms() - start, samples.copy()))

    def audio(self) -> Int16Array:
        if not self._played:
            return np.zeros(0, dtype=np.int16)
        first_ms = self._played[0][0]
        slots = [round((at_ms - first_ms) / FRAME_MS) for at_ms, _ in self._played]
        for i in range(len(slots) - 2, -1, -1):
            slots[i] = min(slots[i], slots[i + 1] - 1)
        lead_ms = min(
            at_ms - FRAME_MS * slot for (at_ms, _), slot in zip(self._played, slots, strict=True)
        )
        per_frame = self.rate_hz * FRAME_MS // 1000
        lead = max(0, round(lead_ms * self.rate_hz / 1000.0))  # nothing plays before it is sent
        out = np.zeros(lead + (slots[-1] + 1) * per_frame, dtype=np.int16)
        for slot, (_, samples) in zip(slots, self._played, strict=True):
            at = lead + slot * per_frame
            out[at : at + per_frame] = samples[:per_frame]
        return out


def _to_int16(samples: npt.ArrayLike) -> Int16Array:
    return np.clip(
        np.round(np.asarray(samples, dtype=np.float64)), -32_768, INT16_FULL_SCALE
    ).astype(np.int16)


def _rate_converted(samples: Int16Array, from_hz: int, to_hz: int) -> Int16Array:
    return samples if from_hz == to_hz else _to_int16(resample(samples, from_hz, to_hz))


def _network_delay_ms(direction: DirectionResult, mode: str) -> float | None:
    """The network part of the path, median over the call: one-way in loopback, the round trip
    through the reflector; ``None`` if not measured."""
    if mode == "loopback":
        one_way = direction.totals.one_way_delay_ms
        return one_way.p50 if one_way is not None else None
    return direction.rtt_ms.p50 if direction.rtt_ms is not None else None


def _voice_playout_wait_ms(
    result: CallResult, connected_ms: float | None, voice_played_ms: float | None
) -> float:
    """Median playout wait of the frames that carried the voice.

    The buffer adapts during the call: a stall or a burst of loss grows it, the pause after
    the voice lets it shrink again. So the whole call's median is not the delay the voice was
    heard at (one frame, 20 ms, apart on a busy machine). The buffer's statistics are
    cumulative from the first played frame, and the voice starts with the call: the last
    snapshot taken before the voice's last frame was played holds the median over the voice.
    ``voice_played_ms`` is that moment (on :func:`~callcheck.engine.loop.now_ms`'s clock);
    the whole call's median when no snapshot falls in the voice."""
    whole_call = result.downlink.playout.wait_ms.p50
    if connected_ms is None or voice_played_ms is None:
        return whole_call
    during_voice = [
        snapshot
        for snapshot in result.timeline
        if connected_ms + 1000.0 * snapshot.elapsed_s <= voice_played_ms
        and snapshot.downlink.playout.frames_played > 0
    ]
    return during_voice[-1].downlink.playout.wait_ms.p50 if during_voice else whole_call


def _path_delay_ms(
    direction: DirectionResult,
    mode: str,
    codec_key: str,
    sender_late_ms: float,
    playout_wait_ms: float,
) -> float | None:
    """The typical (median) delay of the path while the voice went through: network part
    (one-way in loopback, round trip through the reflector), playout wait
    (:func:`_voice_playout_wait_ms`) and the codec's look-ahead (the encoder holds that much
    audio back; RFC 6716 §2 for Opus). No packetisation delay: sample 0 of each frame is sent
    as the frame is read; but the sender's lateness, ``sender_late_ms``, when the event loop
    was busy."""
    network = _network_delay_ms(direction, mode)
    if network is None:
        return None
    lookahead_ms = codec_for_webrtc(codec_key).lookahead_ms
    return sender_late_ms + network + playout_wait_ms + lookahead_ms


async def run_echo(spoken: Int16Array, sample_rate_hz: int, options: EchoOptions) -> EchoResult:
    """Send ``spoken`` through a test call and return what the user's side played.

    Raises :class:`~callcheck.engine.snapshots.CallFailed` when the call cannot start.
    """
    if spoken.size == 0:
        raise ValueError("nothing was recorded")
    if spoken.size > MAX_SECONDS * sample_rate_hz:
        raise ValueError(f"an echo test records at most {MAX_SECONDS:g} s")
    call_rate = SOURCE_RATE_HZ[options.codec]
    source = _RecordingSource(_rate_converted(spoken, sample_rate_hz, call_rate), call_rate)
    played = _PlayedFrames(source)
    duration_s = spoken.size / sample_rate_hz + TAIL_S
    spec = options.impairment
    if options.mode == "loopback":
        config = CallConfig(
            duration_s=duration_s,
            codec=options.codec,
            downlink_impairment=spec,
            connect_timeout_s=options.connect_timeout_s,
        )
        silent = _RecordingSource(np.zeros(0, dtype=np.int16), call_rate)
        call = TestCall(config, source=silent, far_end_source=source, audio_sink=played)
    else:
        config = CallConfig(
            duration_s=duration_s,
            codec=options.codec,
            mode="server",
            server_url=options.server_url,
            token=options.token,
            uplink_impairment=spec,
            downlink_impairment=spec.with_seed(spec.seed + 1) if spec is not None else None,
            connect_timeout_s=options.connect_timeout_s,
        )
        call = TestCall(config, source=source, audio_sink=played)
    result = await call.run()
    back = _rate_converted(played.audio(), played.rate_hz or sample_rate_hz, sample_rate_hz)
    found = estimate_delay(
        spoken,
        back,
        max_delay_samples=round(MAX_PATH_DELAY_MS * sample_rate_hz / 1000.0),
    )
    network_ms = _network_delay_ms(result.downlink, options.mode)
    voice_played_ms = (
        source.first_read_ms + 1000.0 * spoken.size / sample_rate_hz + network_ms
        if source.first_read_ms is not None and network_ms is not None
        else None
    )
    wait_ms = _voice_playout_wait_ms(result, call.connected_ms, voice_played_ms)
    return EchoResult(
        spoken=spoken,
        played_back=back,
        sample_rate_hz=sample_rate_hz,
        path_delay_ms=_path_delay_ms(
            result.downlink, options.mode, options.codec, source.typical_late_ms, wait_ms
        ),
        heard_delay_ms=found.delay_ms(sample_rate_hz),
        similarity=_local_similarity(spoken, back, found.delay_samples, sample_rate_hz),
        frames_decoded=result.downlink.frames_decoded,
        frames_concealed=result.downlink.frames_concealed,
        call=result,
        network_delay_ms=network_ms,
        playout_wait_ms=wait_ms,
    )


def _local_similarity(
    spoken: Int16Array, back: Int16Array, delay_samples: float, rate_hz: int
) -> float:
    window = round(SIMILARITY_WINDOW_MS * rate_hz / 1000.0)
    slack = round(SIMILARITY_SLACK_MS * rate_hz / 1000.0)
    scores: list[float] = []
    for start in range(0, spoken.size - window + 1, window):
        part = spoken[start : start + window]
        if measure_level(part).silent:
            continue  # a pause says nothing about how the voice came through
        lo = max(0, start + round(delay_samples) - slack)
        hi = min(back.size, start + round(delay_samples) + window + slack)
        scores.append(estimate_delay(part, back[lo:hi]).confidence)
    return float(np.mean(scores)) if scores else 0.0


# ------------------------------------------------------------------------------ devices and files


async def record_microphone(
    seconds: float,
    device: str | None = None,
    *,
    backend: AudioBackend | None = None,
    on_open: Callable[[], object] | None = None,
) -> tuple[Int16Array, int]:
    """Record ``seconds`` from the microphone; returns int16 mono and its sample rate.

    ``on_open`` is called once the microphone is open and recording (the moment to say "speak
    now"). Raises :class:`~callcheck.engine.audio_io.AudioDeviceError` (or
    ``AudioUnavailable``). Cancelling it closes the microphone before the cancellation returns.
    """
    if not 0 < seconds <= MAX_SECONDS:
        raise ValueError(f"record between 0 and {MAX_SECONDS:g} s")
    backend = backend or SoundDeviceBackend()
    chosen = find_device(backend.list_devices(), device, "input")
    loop = asyncio.get_running_loop()
    config = StreamConfig(input_device=chosen, output_device=None)
    wanted = round(seconds * config.sample_rate_hz)
    blocks: list[npt.NDArray[np.float32]] = []
    got = 0
    done: asyncio.Future[None] = loop.create_future()

    def on_input(block: InputBlock) -> None:
        nonlocal got
        blocks.append(block.samples)
        got += block.samples.size
        if got >= wanted and not done.done():
            done.set_result(None)

    def on_error(error: AudioDeviceError) -> None:
        if not done.done():
            done.set_exception(error)

    stream = backend.open_stream(config, loop=loop, on_input=on_input, on_error=on_error)
    try:
        stream.start()
        if on_open is not None:
            on_open()
        # A device that delivers nothing must not hang the test: allow twice the time.
        async with asyncio.timeout(2 * seconds + 2.0):
            await done
    except TimeoutError:
        raise AudioDeviceError(
            "The microphone delivered no sound. Check that it is plugged in and not muted.",
            device=chosen.name,
        ) from None
    finally:
        stream.close()
    samples = np.concatenate(blocks)[:wanted].astype(np.float64) * INT16_FULL_SCALE
    return _to_int16(samples), config.sample_rate_hz


async def play_to_speaker(
    samples: Int16Array,
    sample_rate_hz: int,
    device: str | None = None,
    *,
    backend: AudioBackend | None = None,
    on_open: Callable[[], object] | None = None,
) -> None:
    """Play ``samples`` on the speaker and return once they have been played.

    ``on_open`` is called once the speaker is open and playing. Cancelling it stops the sound
    and closes the speaker before the cancellation returns."""
    backend = backend or SoundDeviceBackend()
    chosen = find_device(backend.list_devices(), device, "output")
    loop = asyncio.get_running_loop()
    config = StreamConfig(input_device=None, output_device=chosen)
    audio = _rate_converted(samples, sample_rate_hz, config.sample_rate_hz)
    failed: list[AudioDeviceError] = []
    stream = backend.open_stream(config, loop=loop, on_error=failed.append)
    try:
        stream.write(audio.astype(np.float32) / INT16_FULL_SCALE)
        stream.start()
        if on_open is not None:
            on_open()
        # Poll the queue: PortAudio offers no "drained" callback through this stream.
        deadline_ms = now_ms() + 1000.0 * audio.size / config.sample_rate_hz + 2000.0
        while stream.queued_output_frames() > 0 and not failed and now_ms() < deadline_ms:
            await asyncio.sleep(FRAME_MS / 1000.0)
    finally:
        stream.close()
    if failed:
        raise failed[0]


def write_wav(path: str | Path, samples: Int16Array, sample_rate_hz: int) -> None:
    """Write mono 16-bit PCM; raises ``OSError`` with the path when it cannot be written."""
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(sample_rate_hz)
        wav.writeframes(samples.astype("<i2").tobytes())
