"""The audio device path of a test call: microphone and speaker, in-band probes, mouth-to-ear.

:class:`CallAudio` sits between the audio devices and a :class:`~callcheck.engine.call.TestCall`:

* :attr:`CallAudio.source` — the user's outgoing audio: the microphone's capture, converted to
  the codec's rate (:class:`~callcheck.core.resample.StreamingResampler`, nothing dropped) and
  paced through a jitter-tolerant FIFO (:class:`CaptureFifo`) to the call's 20 ms frames, with
  :class:`~callcheck.engine.probes.ProbeInjector` chirps mixed in. Without a device (or after the
  device failed) the synthetic speech signal takes the microphone's place.
* :attr:`CallAudio.far_end_source` — the loopback far end's audio: synthetic speech with the same
  probes (in loopback the far end, not the user's echo, is what the user hears).
* :attr:`CallAudio.sink` — the user's received audio just before it goes to the speaker:
  :class:`~callcheck.engine.probes.ProbeDetector` finds the probes, then the frame is converted to
  the device's rate and queued on the output stream.

Sent and received audio count samples on one clock: each side anchors its sample counter to the
engine's monotonic clock (:func:`~callcheck.engine.loop.now_ms`) at its first frame and counts
samples from there, which follows the call's deadline-paced 20 ms frames exactly. A probe's delay
is therefore the time from the moment its frame entered the call to the moment it was handed to
the output: network + playout buffer + codec, one way in loopback, the round trip through the
reflector. What the probes cannot see is added from measurements beside them: the time captured
audio waits in the FIFO (at least one frame: the packetization delay), the output queue, and the
device hardware (the round trip of :func:`~callcheck.engine.device_checks.measure_device_latency`).

Failures (no device, busy, unplugged mid-test, rate refused, permission denied) never stop the
call: the error is kept with a message naming the device and what to do, the source switches to
the synthetic signal, the output stops, and the probe figures go on (they do not need a device).

Everything here runs on the engine loop's thread; PortAudio's callbacks only copy and hand off
(:mod:`callcheck.engine.audio_io`).
"""

from __future__ import annotations

import collections
import contextlib
import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from typing import Any, Final, Literal

import numpy as np
import numpy.typing as npt

from callcheck.core.quality import (
    CallConditions,
    Figure,
    QualityInputError,
    QualityResult,
    assess,
    estimated,
    measured,
)
from callcheck.core.resample import StreamingResampler
from callcheck.engine.audio_io import (
    DEFAULT_LATENCY_S,
    AudioBackend,
    AudioDevice,
    AudioDeviceError,
    AudioStream,
    AudioUnavailable,
    InputBlock,
    SoundDeviceBackend,
    StreamConfig,
    StreamStats,
    find_device,
)
from callcheck.engine.device_checks import LatencyMeasurement
from callcheck.engine.loop import now_ms
from callcheck.engine.peer import FRAME_MS, SOURCE_RATE_HZ, AudioSink
from callcheck.engine.probes import (
    DEFAULT_PERIOD_MS,
    ProbeDetector,
    ProbeInjector,
    ProbeSummary,
)
from callcheck.engine.snapshots import CallResult
from callcheck.engine.sources import SyntheticSpeechSource

logger = logging.getLogger(__name__)

Int16Array = npt.NDArray[np.int16]
FloatArray = npt.NDArray[np.float64]
ProbePath = Literal["one_way", "round_trip"]

FIFO_TARGET_MS: Final = 40.0
"""Captured audio the FIFO holds before the call takes a frame: one 20 ms frame plus 20 ms of
cushion for PortAudio's irregular callback sizes (PulseAudio delivers 5–25 ms blocks)."""

FIFO_MAX_MS: Final = 200.0
"""Above this the capture runs ahead of the call (device clock faster, or a stall): the oldest
audio is dropped back to the target and an overrun counted, so the delay cannot grow."""

OUTPUT_PREFILL_MS: Final = 20.0
"""Silence queued before the first received frame, so the 20 ms playout bursts never starve the
output callback."""

SILENT_INPUT_S: Final = 2.0
"""A microphone delivering exact digital zeros for this long is muted or blocked (macOS privacy)."""

CODEC_DELAY_NOTE: Final = "the probe delay includes the codec's own delay (Opus: 6.5 ms)"


def _ms_to_samples(ms: float, rate_hz: int) -> int:
    return round(ms * rate_hz / 1000.0)


def _to_int16(x: FloatArray) -> Int16Array:
    return np.clip(np.round(x * 32768.0), -32768, 32767).astype(np.int16)


# ------------------------------------------------------------------------------ configuration


@dataclass(frozen=True)
class CallAudioConfig:
    """Which devices the call uses, and how the probes run."""

    codec: str = "opus"
    """The call's codec: sets the rate of the sent and received audio (Opus 48 kHz, G.722 16 kHz,
    G.711 8 kHz)."""
    use_devices: bool = True
    """False = device-less mode (``--no-audio-device``): synthetic speech, no output."""
    input_device: int | str | None = None
    """Microphone by index or name (``--input``); None = the system default."""
    output_device: int | str | None = None
    """Speaker by index or name (``--output``); None = the system default."""
    device_rate_hz: int | None = None
    """Open the devices at this rate; None = the codec's rate, or the device's default rate when
    the device refuses the codec's."""
    latency_s: float = DEFAULT_LATENCY_S
    """Suggested PortAudio latency."""
    probe_period_ms: float = DEFAULT_PERIOD_MS
    """One probe chirp every this many ms."""
    probe_path: ProbePath = "one_way"
    """What the probes cross: ``one_way`` in loopback (far end → user), ``round_trip`` via the
    reflector (the user's own probes come back)."""
    fifo_target_ms: float = FIFO_TARGET_MS
    """Capture FIFO target level."""


# ------------------------------------------------------------------------------ building blocks


class SampleClock:
    """One time origin for every sample counter of a call (sent and received audio)."""

    def __init__(self, now: Callable[[], float] = now_ms) -> None:
        self._now = now
        self.origin_ms: float | None = None
        """Engine time of the first anchored frame."""

    def anchor(self, rate_hz: int) -> int:
        """The sample index, at ``rate_hz``, of the current instant."""
        now = self._now()
        if self.origin_ms is None:
            self.origin_ms = now
        return _ms_to_samples(now - self.origin_ms, rate_hz)

    def now(self) -> float:
        """The engine clock."""
        return self._now()


class CaptureFifo:
    """Captured samples between PortAudio's callbacks and the call's 20 ms frames.

    It fills to ``target`` before the first frame is taken and again after running dry (an
    underrun: the capture fell behind), and drops back to ``target`` when it grows past
    ``maximum`` (an overrun). Both keep the capture delay bounded and are counted.
    """

    def __init__(self, target_samples: int, maximum_samples: int) -> None:
        if not 0 < target_samples < maximum_samples:
            raise ValueError("need 0 < target < maximum")
        self.target = target_samples
        self.maximum = maximum_samples
        self._chunks: collections.deque[FloatArray] = collections.deque()
        self._size = 0
        self._primed = False
        self.underruns = 0
        """Frames the call needed while the FIFO was dry after it had started."""
        self.overruns = 0
        """Times the FIFO overflowed and old audio was dropped."""
        self.dropped_samples = 0
        """Samples dropped by overruns."""
        self.depths: list[int] = []
        """FIFO level before each frame taken (the wait of the frame's first sample)."""

    @property
    def size(self) -> int:
        """Samples held."""
        return self._size

    def push(self, samples: FloatArray) -> None:
        """Add captured samples."""
        if samples.size == 0:
            return
        self._chunks.append(samples)
        self._size += samples.size
        if self._size > self.maximum:
            self.overruns += 1
            self._discard(self._size - self.target)

    def pop(self, n: int) -> FloatArray | None:
        """The oldest ``n`` samples, or None while (re)filling."""
        if not self._primed:
            if self._size < max(self.target, n):
                return None
            self._primed = True
        if self._size < n:
            self.underruns += 1
            self._primed = False
            return None
        self.depths.append(self._size)
        return self._take(n)

    def clear(self) -> None:
        """Forget everything held."""
        self._chunks.clear()
        self._size = 0
        self._primed = False

    def _take(self, n: int) -> FloatArray:
        parts: list[FloatArray] = []
        need = n
        while need > 0:
            head = self._chunks[0]
            if head.size <= need:
                parts.append(self._chunks.popleft())
                need -= head.size
            else:
                parts.append(head[:need])
                self._chunks[0] = head[need:]
                need = 0
        self._size -= n
        return np.concatenate(parts) if len(parts) > 1 else parts[0]

    def _discard(self, n: int) -> None:
        self.dropped_samples += n
        self._take(n)


class ProbedSource:
    """An :class:`AudioSource` that mixes probe chirps into another source's frames.

    Its sample counter is anchored on the call's :class:`SampleClock` at the first read, so the
    probes land at ``k · period`` of the shared clock.
    """

    def __init__(
        self,
        inner: Callable[[int], Int16Array],
        sample_rate_hz: int,
        clock: SampleClock,
        injector: ProbeInjector,
    ) -> None:
        self.sample_rate_hz = sample_rate_hz
        self._inner = inner
        self._clock = clock
        self._injector = injector
        self._next: int | None = None
        self.reads: list[tuple[int, float]] = []
        """(first sample, engine time) of every frame read: the probes' insertion times."""

    def read(self, n_samples: int) -> Int16Array:
        """The next frame, probes mixed in."""
        if self._next is None:
            self._next = self._clock.anchor(self.sample_rate_hz)
        t = self._next
        self.reads.append((t, self._clock.now()))
        frame = self._injector.process(self._inner(n_samples), t)
        self._next = t + n_samples
        out: Int16Array = frame.astype(np.int16, copy=False)
        return out


# ------------------------------------------------------------------------------ results


@dataclass(frozen=True)
class DeviceCounters:
    """Underruns and overruns of the device path."""

    input_overflows: int = 0
    """PortAudio callbacks that lost input (the application was too slow)."""
    output_underflows: int = 0
    """PortAudio callbacks that reported an output gap."""
    output_starved: int = 0
    """Output callbacks that found no received audio queued and played silence."""
    capture_underruns: int = 0
    """Call frames that found the capture FIFO dry (sent as silence)."""
    capture_overruns: int = 0
    """Times the capture FIFO overflowed and old audio was dropped."""


@dataclass(frozen=True)
class AudioPathSummary:
    """What the audio path measured over a call (possibly cut short by a device error)."""

    device_used: bool
    """A real device carried audio for at least part of the call."""
    mode: Literal["device", "synthetic"]
    """How the call started: with the devices, or device-less."""
    backend: str | None
    """Audio backend ("portaudio", "synthetic"); None in device-less mode."""
    input_device: str | None
    """Microphone name."""
    output_device: str | None
    """Speaker name."""
    host_api: str | None
    """Host API of the devices (ALSA, Core Audio, WASAPI, …)."""
    codec_sample_rate_hz: int
    """Rate of the call's audio."""
    device_sample_rate_hz: int | None
    """Rate the devices were opened at (resampled to and from the codec's when different)."""
    portaudio_latency_ms: tuple[float | None, float | None]
    """PortAudio's reported (input, output) latency of the call's stream."""
    probe_path: ProbePath
    """What the probes crossed."""
    probe: ProbeSummary
    """The detector's figures."""
    probe_delays_ms: tuple[float, ...]
    """Every probe's delay, in order."""
    capture_buffer_ms: float
    """Mean wait of captured audio before it entered the call (FIFO; the packetization frame in
    device-less mode)."""
    output_buffer_ms: float
    """Mean wait of received audio in the output queue before PortAudio took it."""
    counters: DeviceCounters
    """Underruns and overruns."""
    device_active_s: float | None
    """How long the device carried audio; None if it never did."""
    errors: tuple[str, ...]
    """Device errors, each naming the device and what to do."""
    notes: tuple[str, ...]
    """Other remarks (fallbacks, silent microphone)."""

    @property
    def mouth_to_ear_delays_ms(self) -> tuple[float, ...]:
        """Each probe's delay plus the capture and output waits: one-way (or round-trip) mouth
        to ear, without the device hardware."""
        extra = self.capture_buffer_ms + self.output_buffer_ms
        return tuple(d + extra for d in self.probe_delays_ms)


# ------------------------------------------------------------------------------ the device path


class CallAudio:
    """The devices, probes and detector of one test call (see the module docstring).

    Create it, call :meth:`start` on the engine loop before the call runs, pass :attr:`source`,
    :attr:`far_end_source` and :attr:`sink` to the call, and :meth:`close` afterwards; then
    :meth:`summary`. :meth:`start` never raises for a device problem: it falls back to the
    synthetic signal and keeps the error (:attr:`errors`).
    """

    def __init__(
        self,
        config: CallAudioConfig | None = None,
        *,
        backend: AudioBackend | None = None,
        now: Callable[[], float] = now_ms,
    ) -> None:
        self.config = config or CallAudioConfig()
        if self.config.codec not in SOURCE_RATE_HZ:
            raise ValueError(f"unknown codec {self.config.codec!r}")
        self.rate_hz = SOURCE_RATE_HZ[self.config.codec]
        self._backend = backend
        self.clock = SampleClock(now)
        self._frame = self.rate_hz * FRAME_MS // 1000
        self._fallback_speech = SyntheticSpeechSource(sample_rate_hz=self.rate_hz)
        self._far_speech = SyntheticSpeechSource(sample_rate_hz=self.rate_hz)
        period = self.config.probe_period_ms
        self.source = ProbedSource(
            self._read_microphone, self.rate_hz, self.clock, ProbeInjector(self.rate_hz, period)
        )
        """The user's outgoing audio (microphone, or synthetic speech), probes mixed in."""
        self.far_end_source = ProbedSource(
            self._far_speech.read, self.rate_hz, self.clock, ProbeInjector(self.rate_hz, period)
        )
        """The loopback far end's audio: synthetic speech, probes mixed in."""
        self.detector = ProbeDetector(self.rate_hz, period)
        self.errors: list[str] = []
        self.notes: list[str] = []
        self._fifo = CaptureFifo(
            max(self._frame + 1, _ms_to_samples(self.config.fifo_target_ms, self.rate_hz)),
            _ms_to_samples(FIFO_MAX_MS, self.rate_hz),
        )
        self._stream: AudioStream | None = None  # playback
        self._in_stream: AudioStream | None = None  # capture
        self._final_in_stats: StreamStats | None = None
        self._input: AudioDevice | None = None
        self._output: AudioDevice | None = None
        self._backend_name: str | None = None
        self._device_rate: int | None = None
        self._portaudio_latency: tuple[float | None, float | None] = (None, None)
        self._capture_resampler: StreamingResampler | None = None
        self._play_resampler: StreamingResampler | None = None
        self._sink_resampler: StreamingResampler | None = None
        self._sink_rate: int | None = None
        self._active = False
        self._ever_active = False
        self._active_since_ms: float | None = None
        self._active_s = 0.0
        self._stats_at_first_write: StreamStats | None = None
        self._final_stats: StreamStats | None = None
        self._output_waits: list[int] = []
        self._silent_samples = 0
        self._silence_noted = False
        self._next_received: int | None = None
        self.plays: list[tuple[int, float]] = []
        """(first sample, engine time) of every received frame: the probes' playout times."""
        self.sink: AudioSink = self._sink
        """The call's audio sink: detector, then the speaker."""

    # ---------------------------------------------------------------- lifecycle

    def start(self) -> None:
        """Open and start the devices (on the engine loop). Falls back, never raises, on a device
        problem: the call then runs device-less and the error is kept."""
        if not self.config.use_devices:
            self.notes.append("No audio device used (--no-audio-device): synthetic speech sent.")
            return
        try:
            self._open()
        except (AudioDeviceError, AudioUnavailable) as error:
            self._record_error(str(error))
            self.notes.append(
                "The test continues without the audio device: synthetic speech is sent and the "
                "mouth-to-ear delay is measured without the device hardware."
            )
            self._shutdown_stream()

    def _open(self) -> None:
        import asyncio

        backend = self._backend
        if backend is None:
            backend = SoundDeviceBackend()
            self._backend = backend
        devices = backend.list_devices()
        self._input = find_device(devices, self.config.input_device, "input")
        self._output = find_device(devices, self.config.output_device, "output")
        self._backend_name = backend.name
        loop = asyncio.get_running_loop()
        rates = [self.config.device_rate_hz or self.rate_hz]
        default_rate = round(self._input.default_sample_rate_hz)
        if self.config.device_rate_hz is None and default_rate not in rates and default_rate > 0:
            rates.append(default_rate)  # the device refuses the codec's rate: convert ourselves
        # At the codec's rate one duplex stream (one callback for both directions; an unplugged
        # headset ends it). At another rate separate capture and playback streams: a duplex ALSA
        # stream through PulseAudio's plugin failed within seconds at 44.1 kHz.
        last: AudioDeviceError | None = None
        for rate in rates:
            try:
                if rate == self.rate_hz:
                    self._stream = backend.open_stream(
                        StreamConfig(self._input, self._output, rate, self.config.latency_s),
                        loop=loop,
                        on_input=self._on_input,
                        on_error=self._on_error,
                    )
                else:
                    self._in_stream = backend.open_stream(
                        StreamConfig(self._input, None, rate, self.config.latency_s),
                        loop=loop,
                        on_input=self._on_input,
                        on_error=self._on_error,
                    )
                    self._stream = backend.open_stream(
                        StreamConfig(None, self._output, rate, self.config.latency_s),
                        loop=loop,
                        on_error=self._on_error,
                    )
            except AudioDeviceError as error:
                last = error
                self._shutdown_stream()
                continue
            self._device_rate = rate
            break
        if self._stream is None:
            assert last is not None
            raise _explained(last)
        if self._device_rate != self.rate_hz:
            assert self._device_rate is not None
            self._capture_resampler = StreamingResampler(self._device_rate, self.rate_hz)
            self._play_resampler = StreamingResampler(self.rate_hz, self._device_rate)
            self.notes.append(
                f"The devices run at {self._device_rate} Hz; audio is converted to and from the "
                f"codec's {self.rate_hz} Hz."
            )
        capture = self._in_stream or self._stream
        self._portaudio_latency = (
            capture.reported_latency_ms[0],
            self._stream.reported_latency_ms[1],
        )
        try:
            if self._in_stream is not None:
                self._in_stream.start()
            self._stream.start()
        except AudioDeviceError as error:
            raise _explained(error) from error
        self._active = self._ever_active = True
        self._active_since_ms = self.clock.now()

    def close(self) -> None:
        """Stop and release the devices. Idempotent; the figures stay readable."""
        self._deactivate()
        self._shutdown_stream()

    def _shutdown_stream(self) -> None:
        if self._in_stream is not None:
            with contextlib.suppress(Exception):  # a device already gone cannot refuse to stop
                self._final_in_stats = self._in_stream.stats()
            self._in_stream.close()
            self._in_stream = None
        if self._stream is not None:
            with contextlib.suppress(Exception):
                self._final_stats = self._stream.stats()
            self._stream.close()
            self._stream = None

    def _deactivate(self) -> None:
        if self._active and self._active_since_ms is not None:
            self._active_s += (self.clock.now() - self._active_since_ms) / 1000.0
        self._active = False
        self._fifo.clear()

    def _on_error(self, error: AudioDeviceError) -> None:
        """The device stopped mid-call: keep going without it."""
        self._record_error(str(error))
        self.notes.append(
            "From then on synthetic speech was sent and nothing was played; the probe figures "
            "continue, the device figures cover the time before."
        )
        self.close()

    def _record_error(self, message: str) -> None:
        logger.warning("audio device: %s", message)
        self.errors.append(message)

    @property
    def device_active(self) -> bool:
        """The devices are carrying the call's audio now."""
        return self._active

    # ---------------------------------------------------------------- capture side

    def _on_input(self, block: InputBlock) -> None:
        if not self._active:
            return
        samples = block.samples.astype(np.float64)
        if self._capture_resampler is not None:
            samples = self._capture_resampler.process(samples)
        self._fifo.push(samples)
        self._watch_silence(block.samples)

    def _watch_silence(self, samples: npt.NDArray[np.float32]) -> None:
        if self._silence_noted:
            return
        if samples.size and not np.any(samples):
            self._silent_samples += samples.size
        else:
            self._silent_samples = 0
        rate = self._device_rate or self.rate_hz
        if self._silent_samples >= SILENT_INPUT_S * rate:
            self._silence_noted = True
            name = self._input.name if self._input is not None else "the microphone"
            self.notes.append(
                f"{name} delivers pure digital silence: it is muted, switched off, or CallCheck "
                "is not allowed to use it (macOS: System Settings › Privacy & Security › "
                "Microphone; Windows: Settings › Privacy › Microphone). Unmute or allow it, or "
                "pick another input (--input)."
            )

    def _read_microphone(self, n: int) -> Int16Array:
        if not self._active:
            return self._fallback_speech.read(n)
        frame = self._fifo.pop(n)
        if frame is None:
            return np.zeros(n, dtype=np.int16)
        return _to_int16(frame)

    # ---------------------------------------------------------------- playback side

    def _sink(self, samples: Int16Array, rate_hz: int) -> None:
        now = self.clock.now()
        received: FloatArray = samples.astype(np.float64) / 32768.0
        if rate_hz != self.rate_hz:
            # A decoder at another rate: bring the audio to the probes' rate first.
            if self._sink_resampler is None or self._sink_rate != rate_hz:
                self._sink_resampler = StreamingResampler(rate_hz, self.rate_hz)
                self._sink_rate = rate_hz
            received = self._sink_resampler.process(received)
        if self._next_received is None:
            self._next_received = self.clock.anchor(self.rate_hz)
        t = self._next_received
        self.plays.append((t, now))
        self.detector.feed(received, t)
        self._next_received = t + received.size
        if self._active and self._stream is not None:
            self._play(received)

    def _play(self, received: FloatArray) -> None:
        stream = self._stream
        assert stream is not None
        if self._stats_at_first_write is None:
            self._stats_at_first_write = stream.stats()
            stream.write(np.zeros(_ms_to_samples(OUTPUT_PREFILL_MS, self._device_rate or 1)))
        out = received if self._play_resampler is None else self._play_resampler.process(received)
        self._output_waits.append(stream.queued_output_frames())
        stream.write(out.astype(np.float32))

    # ---------------------------------------------------------------- figures

    def anchor_correction_ms(self) -> float:
        """What to add to the detector's delays for the anchors' own lateness.

        Each side anchors its sample counter at its first frame, but that frame may run a little
        after its deadline (the first decode is slow, the loop was busy). Frames follow a 20 ms
        deadline grid, so the grid's true origin is where the *least late* frame puts it; the
        anchor's error is the first frame's lateness beyond that.
        """

        def anchor_late_ms(frames: Sequence[tuple[int, float]]) -> float:
            if not frames:
                return 0.0
            t0, time0 = frames[0]
            offsets = [(time - time0) - 1000.0 * (t - t0) / self.rate_hz for t, time in frames]
            return -min(offsets)

        # The far end (loopback) or the user's source (reflector) was read first by whichever
        # sent the probes the detector found; both are anchored on the same clock.
        source = self.far_end_source if self.far_end_source.reads else self.source
        if self.config.probe_path == "round_trip":
            source = self.source
        return anchor_late_ms(source.reads) - anchor_late_ms(self.plays)

    def summary(self) -> AudioPathSummary:
        """The figures so far (call after :meth:`close` for the final ones)."""
        correction = self.anchor_correction_ms()
        probe = _shifted(self.detector.summary(), correction)
        fifo = self._fifo
        device_rate = self._device_rate or self.rate_hz
        if self._ever_active:
            capture_ms = 1000.0 * float(np.mean(fifo.depths)) / self.rate_hz if fifo.depths else 0.0
            output_ms = (
                1000.0 * float(np.mean(self._output_waits)) / device_rate
                if self._output_waits
                else 0.0
            )
        else:
            capture_ms, output_ms = float(FRAME_MS), 0.0  # packetization; no output queue
        active_s = self._active_s
        if self._active and self._active_since_ms is not None:
            active_s += (self.clock.now() - self._active_since_ms) / 1000.0
        stats = self._final_stats
        if stats is None and self._stream is not None:
            stats = self._stream.stats()
        in_stats = self._final_in_stats
        if in_stats is None and self._in_stream is not None:
            in_stats = self._in_stream.stats()
        if in_stats is None:
            in_stats = stats  # the duplex stream
        base = self._stats_at_first_write
        starved = 0
        if stats is not None and base is not None:
            starved = stats.output_starved - base.output_starved
        devices = [d for d in (self._input, self._output) if d is not None]
        return AudioPathSummary(
            device_used=self._ever_active,
            mode="device" if self.config.use_devices and self._ever_active else "synthetic",
            backend=self._backend_name if self._ever_active else None,
            input_device=self._input.name if self._input is not None else None,
            output_device=self._output.name if self._output is not None else None,
            host_api=devices[0].host_api if devices else None,
            codec_sample_rate_hz=self.rate_hz,
            device_sample_rate_hz=self._device_rate if self._ever_active else None,
            portaudio_latency_ms=self._portaudio_latency,
            probe_path=self.config.probe_path,
            probe=probe,
            probe_delays_ms=tuple(d.delay_ms + correction for d in self.detector.detections),
            capture_buffer_ms=capture_ms,
            output_buffer_ms=output_ms,
            counters=DeviceCounters(
                input_overflows=in_stats.input_overflows if in_stats else 0,
                output_underflows=stats.output_underflows if stats else 0,
                output_starved=starved,
                capture_underruns=fifo.underruns,
                capture_overruns=fifo.overruns,
            ),
            device_active_s=active_s if self._ever_active else None,
            errors=tuple(self.errors),
            notes=tuple(self.notes),
        )


def _shifted(probe: ProbeSummary, shift_ms: float) -> ProbeSummary:
    """``probe`` with every delay moved by ``shift_ms`` (the spread is unchanged)."""

    def move(value: float | None) -> float | None:
        return None if value is None else value + shift_ms

    return replace(
        probe,
        delay_ms=move(probe.delay_ms),
        delay_min_ms=move(probe.delay_min_ms),
        delay_max_ms=move(probe.delay_max_ms),
        windows=tuple(replace(w, delay_ms=move(w.delay_ms)) for w in probe.windows),
    )


def _explained(error: AudioDeviceError) -> AudioDeviceError:
    """Add the privacy hint when the system refused access (macOS/Windows microphone privacy)."""
    text = str(error)
    if any(word in text.lower() for word in ("permission", "denied", "not authorized")):
        return AudioDeviceError(
            f"{text} The system refused access to the microphone: allow CallCheck in the "
            "privacy settings (macOS: System Settings › Privacy & Security › Microphone; "
            "Windows: Settings › Privacy › Microphone), then run the test again.",
            device=error.device,
        )
    return error


# ------------------------------------------------------------------------------ report + rating


def _stats(values: Sequence[float]) -> dict[str, float] | None:
    if not values:
        return None
    a = np.asarray(values, dtype=np.float64)
    return {
        "mean": round(float(a.mean()), 2),
        "p50": round(float(np.percentile(a, 50)), 2),
        "p95": round(float(np.percentile(a, 95)), 2),
        "max": round(float(a.max()), 2),
    }


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def device_latency_ms(latency: LatencyMeasurement | None) -> float | None:
    """The measured device round trip (median), when the latency check heard its bursts."""
    if latency is None or not latency.detected or latency.roundtrip_ms is None:
        return None
    return latency.roundtrip_ms.median


def audio_path_json(
    summary: AudioPathSummary, latency: LatencyMeasurement | None = None
) -> dict[str, Any]:
    """The report's ``audio_path`` section (resources/report.schema.json)."""
    pa_in, pa_out = summary.portaudio_latency_ms
    probe = summary.probe
    device_rt = device_latency_ms(latency)
    m2e = _stats(summary.mouth_to_ear_delays_ms)
    full = None
    if m2e is not None and device_rt is not None:
        full = round(m2e["mean"] + device_rt, 2)
    c = summary.counters
    return {
        "device_used": summary.device_used,
        "mode": summary.mode,
        "backend": summary.backend,
        "input_device": summary.input_device,
        "output_device": summary.output_device,
        "host_api": summary.host_api,
        "codec_sample_rate_hz": summary.codec_sample_rate_hz,
        "device_sample_rate_hz": summary.device_sample_rate_hz,
        "portaudio_latency_ms": {"input": _round(pa_in), "output": _round(pa_out)},
        "device_roundtrip_ms": _round(device_rt),
        "device_latency_check": None if latency is None else latency.to_json(),
        "probe_path": summary.probe_path,
        "probe_delay_ms": _stats(summary.probe_delays_ms),
        "capture_buffer_ms": round(summary.capture_buffer_ms, 2),
        "output_buffer_ms": round(summary.output_buffer_ms, 2),
        "mouth_to_ear_ms": m2e,
        "mouth_to_ear_with_device_ms": full,
        "probes_expected": probe.expected,
        "probes_detected": probe.detected,
        "probe_loss_pct": round(probe.loss_pct, 2),
        "probe_delay_variation_ms": _round(probe.delay_variation_ms),
        "probe_windows": [
            {
                "start_s": round(w.start_ms / 1000.0, 2),
                "detected": w.detected,
                "delay_ms": _round(w.delay_ms),
            }
            for w in probe.windows
        ],
        "input_overflows": c.input_overflows,
        "output_underflows": c.output_underflows,
        "output_starved": c.output_starved,
        "capture_underruns": c.capture_underruns,
        "capture_overruns": c.capture_overruns,
        "device_active_s": _round(summary.device_active_s),
        "errors": list(summary.errors),
        "notes": list(summary.notes),
    }


def _conditions_of(quality: QualityResult) -> CallConditions:
    """The conditions a quality result was computed from (its recorded inputs)."""
    figures: dict[str, Figure] = {
        i.name: Figure(i.raw_value if i.raw_value is not None else i.value, i.provenance, i.source)
        for i in quality.inputs
    }
    return CallConditions(
        codec_key=quality.codec_key,
        network_delay_ms=figures["network_delay_ms"],
        loss_pct=figures["loss_pct"],
        jitter_ms=figures.get("jitter_ms"),
        buffer_ms=figures.get("buffer_ms"),
        late_discard_pct=figures.get("late_discard_pct"),
        burst_ratio=figures.get("burst_ratio"),
    )


def rerate(
    quality: QualityResult,
    summary: AudioPathSummary,
    latency: LatencyMeasurement | None = None,
) -> QualityResult:
    """``quality`` recomputed with the probes' mouth-to-ear delay and the device latency.

    Ta becomes the mean mouth-to-ear delay (probes + capture and output waits; half of it when
    the probes made the round trip, an estimate) plus the device latency: the measured round
    trip when the latency check heard its bursts, else PortAudio's reported input + output
    latency (estimated). Without probe detections the delay budget stays as it was and only the
    device latency is added. Losses, jitter and the codec are unchanged.
    """
    conditions = _conditions_of(quality)
    delays = summary.mouth_to_ear_delays_ms
    m2e: Figure | None = None
    if delays:
        mean = float(np.mean(delays))
        if summary.probe_path == "round_trip":
            m2e = estimated(mean / 2.0, "in-band probes, round trip / 2")
        else:
            m2e = measured(mean, "in-band probes + capture and output buffers")
    device: Figure | None = None
    device_rt = device_latency_ms(latency)
    pa_in, pa_out = summary.portaudio_latency_ms
    if device_rt is not None:
        device = measured(device_rt, "chirp round trip through the devices (median)")
    elif summary.device_used and pa_in is not None and pa_out is not None:
        device = estimated(pa_in + pa_out, "PortAudio reported input + output latency")
    return assess(replace(conditions, mouth_to_ear_ms=m2e, device_ms=device))


def rerate_call(
    result: CallResult,
    summary: AudioPathSummary,
    latency: LatencyMeasurement | None = None,
) -> QualityResult | None:
    """The call's rating with the audio path: the worse direction after :func:`rerate`.

    The probes measured the direction the user hears (downlink; both ways via the reflector),
    so that direction takes the mouth-to-ear delay; the device latency is in both directions'
    conversational delay, so the uplink takes it too. None when neither direction was rated.
    """
    rated: list[QualityResult] = []
    for direction, with_probes in ((result.downlink, True), (result.uplink, False)):
        q = direction.quality
        if q is None:
            continue
        s = summary if with_probes else replace(summary, probe_delays_ms=())
        try:
            rated.append(rerate(q, s, latency))
        except (QualityInputError, ValueError) as error:
            logger.warning("audio-path rating skipped: %s", error)
            rated.append(q)
    return min(rated, key=lambda q: q.mos) if rated else None
