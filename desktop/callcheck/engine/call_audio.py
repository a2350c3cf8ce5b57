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
reflector.

The device path — the one model of it, shared with the latency check's figures: CallCheck's
output queue (:class:`PlaybackControl` keeps it at a 10 ms cushion whatever the device's clock
does), the host and device beyond it to the speaker, whatever lies between speaker and
microphone, the host and device on the way in, and CallCheck's capture FIFO (held at its
target). The probes played on the speaker are searched again in the microphone's audio
(:class:`~callcheck.engine.probes.HeardBackDetector`): the time from a probe's hand-over to the
output to its arrival in the call is the whole path, measured by the signal, no device clock
involved. Each stream logs its callbacks' times (``time.monotonic``, the engine's clock), so
what each probe's frames waited in CallCheck's two queues is known exactly (tested against a
queue of known size held on purpose, :meth:`CallAudio.add_queue_delay`); the rest is the
device path (``device_roundtrip_ms``, the same quantity as the latency check's round trip). The
host's output clock (PortAudio's DAC time) is kept beside it as a cross-check; the input side's
ADC time is never used (garbage through the ALSA pulse plugin). When too few probes come back
(headphones: the microphone does not hear the speaker), the latency check's round trip (the same
model, run before the call: :mod:`callcheck.engine.device_latency`) or,
as an estimate, PortAudio's reported latencies stand in, and the report says which
(``audio_path.methods``).

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
import math
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
    SyntheticAudioBackend,
    find_device,
)
from callcheck.engine.device_checks import LatencyMeasurement
from callcheck.engine.loop import now_ms
from callcheck.engine.peer import FRAME_MS, SOURCE_RATE_HZ, AudioSink
from callcheck.engine.probes import (
    DEFAULT_PERIOD_MS,
    HeardBackDetector,
    ProbeDetector,
    ProbeInjector,
    ProbeSummary,
)
from callcheck.engine.snapshots import (
    CallResult,
    DirectionSnapshot,
    LiveSnapshot,
    worse_quality,
)
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

OUTPUT_CUSHION_MS: Final = 10.0
"""What the output queue keeps at its low point, just before a 20 ms frame is written: enough for
the engine loop's wake-up jitter (a few ms; DESIGN.md, Facts) so the device callback never finds
the queue dry. A queue that falls below half of it is topped up with silence (a stretch)."""

QUEUE_EXCESS_MS: Final = 10.0
"""A queue whose low point over the last :data:`QUEUE_WINDOW_FRAMES` frames stays this far above
its cushion holds delay nobody needs: it is trimmed back (the clock of the device runs slower
than the call's 20 ms pacing, or the device started or stalled late)."""

QUEUE_WINDOW_FRAMES: Final = 50
"""The window (1 s of 20 ms frames) over which a queue's low point is taken."""

QUEUE_LARGE_WINDOW_FRAMES: Final = 10
"""A large excess is acted on once the low point of this many frames (200 ms) shows it."""

QUEUE_LARGE_EXCESS_MS: Final = 20.0
"""An excess over a frame (a stall, a late start) is trimmed at once even from speech, so the
queue never holds a frame more than it needs for longer than :data:`QUEUE_LARGE_WINDOW_FRAMES`; a
smaller one waits for a silent frame, as the playout buffer does (Ramjee et al., INFOCOM 1994),
for at most :data:`QUEUE_PATIENCE_FRAMES`. (With 40 ms, a 60 s benchmark call through a loaded
PulseAudio kept 25 ms of excess for seconds at a time.)"""

QUEUE_PATIENCE_FRAMES: Final = 100
"""2 s of frames: the longest a small excess waits for a pause before speech is trimmed (the
playout buffer waits 10 s, but its excess is the network's; this one is CallCheck's own delay,
and a 10–40 ms cut is one short glitch)."""

SILENT_FRAME_DBFS: Final = -55.0
"""A frame quieter than this (RMS) is a pause: trimming it costs no audio (the playout buffer's
threshold, core/playout.py)."""

MIN_CAPTURED_BACK: Final = 3
"""Probes that must be heard back through the devices before the delay measured by the signal
replaces the figures read from queues and clocks."""

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
    """Capture FIFO target level (raising it is no known extra queue either: the FIFO's refills
    after an underrun sit above a low target, not above a high one)."""
    output_cushion_ms: float = OUTPUT_CUSHION_MS
    """What the output queue keeps at its low point (:data:`OUTPUT_CUSHION_MS`). Raising it is no
    known extra queue: the plain queue floats 10–20 ms above its cushion, which a larger cushion
    absorbs; a known one is :meth:`CallAudio.add_queue_delay`."""
    duplex: bool | None = None
    """One duplex stream (True) or separate capture and playback streams (False); None = the
    backend's choice (separate for PortAudio, see :meth:`CallAudio._open`)."""


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

    :meth:`hold` adds a queue of a known size that every one of these decisions leaves out of
    its count (the FIFO's :attr:`level`): the control then acts on the rest exactly as it would
    without it, so every sample captured afterwards waits exactly that much longer, which no
    trim, underrun or overrun can take back (the truth of ``capture_buffer_ms``).
    """

    def __init__(
        self,
        target_samples: int,
        maximum_samples: int,
        *,
        excess_samples: int | None = None,
        window: int = QUEUE_WINDOW_FRAMES,
    ) -> None:
        if not 0 < target_samples < maximum_samples:
            raise ValueError("need 0 < target < maximum")
        self.target = target_samples
        self.maximum = maximum_samples
        self.excess = excess_samples
        """Trim when the level's low point over ``window`` pops stays this far above ``target``
        (None: only the hard ``maximum`` bounds it)."""
        self._recent: collections.deque[int] = collections.deque(maxlen=window)
        self.trimmed_samples = 0
        """Samples dropped because the level stayed above target (device clock faster than the
        call's pacing, or a burst after a stall)."""
        self._chunks: collections.deque[FloatArray] = collections.deque()
        self._size = 0
        self._primed = False
        self.underruns = 0
        """Frames the call needed while the FIFO was dry after it had started."""
        self.overruns = 0
        """Times the FIFO overflowed and old audio was dropped."""
        self.dropped_samples = 0
        """Samples dropped by overruns."""
        self.taken = 0
        """Samples that ever left the FIFO (taken, trimmed, dropped or cleared): the index, among
        all samples pushed, of the next one to leave."""
        self.depths: list[int] = []
        """FIFO level before each frame taken (the wait of the frame's first sample)."""
        self.held = 0
        """Samples of a queue added on purpose (:meth:`hold`), out of the control's count."""

    @property
    def size(self) -> int:
        """Samples held."""
        return self._size

    @property
    def level(self) -> int:
        """What the control counts: the samples held less the queue added on purpose (negative
        while a frame has eaten into it, as a dry FIFO would be)."""
        return self._size - self.held

    def hold(self, samples: int) -> None:
        """Queue ``samples`` of silence behind what is held and keep them out of the control's
        count: a known delay added to every later sample (see the class docstring)."""
        if samples <= 0:
            return
        self._chunks.append(np.zeros(samples))
        self._size += samples
        self.held += samples

    def push(self, samples: FloatArray) -> None:
        """Add captured samples."""
        if samples.size == 0:
            return
        self._chunks.append(samples)
        self._size += samples.size
        if self.level > self.maximum:
            self.overruns += 1
            self._discard(self.level - self.target)

    def pop(self, n: int) -> FloatArray | None:
        """The oldest ``n`` samples, or None while (re)filling."""
        if not self._primed:
            if self.level < max(self.target, n):
                return None
            self._primed = True
        if self.level < n:
            self.underruns += 1
            self._primed = False
            self._recent.clear()
            return None
        self._trim_excess()
        self.depths.append(self._size)
        return self._take(n)

    def _trim_excess(self) -> None:
        """Keep the wait at target whatever the clocks do: a level whose low point stayed above
        target + excess for a whole window holds delay nobody needs, and the oldest of it goes."""
        recent = self._recent
        recent.append(self.level)
        if self.excess is None or len(recent) < (recent.maxlen or 0):
            return
        extra = min(recent) - self.target
        if extra > self.excess:
            self.trimmed_samples += extra
            self._take(extra)
            recent.clear()
            recent.append(self.level)

    def clear(self) -> None:
        """Forget everything held (the queue added on purpose too)."""
        self.taken += self._size
        self._chunks.clear()
        self._size = 0
        self.held = 0
        self._primed = False
        self._recent.clear()

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
        self.taken += n
        return np.concatenate(parts) if len(parts) > 1 else parts[0]

    def _discard(self, n: int) -> None:
        self.dropped_samples += n
        self._take(n)


class PlaybackControl:
    """Keeps the queue between the call's 20 ms frames and the output device at its cushion.

    The call writes a frame every 20 ms by the engine's clock; the device takes samples by its own
    clock, which may run a little faster or slower, or start or stall late (through PulseAudio a
    new stream often takes its first callback, then nothing for about a second). Left alone the
    queue absorbs every such difference and keeps it: delay the user hears for the rest of the
    call (one run kept 1.4 s). Instead the queue's level is read before every write (the wait of
    the frame's first sample), and:

    * below half the cushion (the device ran faster) silence tops it up: a pause stretched;
    * when its low point over the last :data:`QUEUE_LARGE_WINDOW_FRAMES` frames is more than
      ``large_excess`` above the cushion (a late start, a stall), the excess is dropped from the
      queue at once;
    * when its low point over the last ``window`` frames stays more than ``excess`` above the
      cushion (the device clock runs slower), the excess is cut from the next silent frame (costs
      no audio, as the playout buffer does it), or from the queue after ``patience`` frames
      without a pause.

    Everything dropped or added is counted. A queue added on purpose (:meth:`hold`) stays out of
    the level it reads, so it acts on the rest exactly as it would without it and every later
    frame waits exactly that much longer (the truth of ``output_buffer_ms``).
    """

    def __init__(
        self,
        cushion_samples: int,
        *,
        excess_samples: int,
        large_excess_samples: int,
        window: int = QUEUE_WINDOW_FRAMES,
        patience: int = QUEUE_PATIENCE_FRAMES,
    ) -> None:
        if cushion_samples <= 0:
            raise ValueError("the cushion must be positive")
        self.cushion = cushion_samples
        self.excess = excess_samples
        self.large_excess = large_excess_samples
        self.patience = patience
        self._recent: collections.deque[int] = collections.deque(maxlen=window)
        self._waiting = 0
        self.stretched_samples = 0
        """Silence added because the queue ran low."""
        self.trimmed_silence_samples = 0
        """Samples of silent frames not played to take excess delay out."""
        self.trimmed_audio_samples = 0
        """Queued samples dropped to take excess delay out (a late start, a stall, or a lasting
        excess without a pause)."""
        self.held = 0
        """Samples of a queue added on purpose (:meth:`hold`), out of the control's count."""

    def hold(self, samples: int) -> None:
        """Keep ``samples`` more queued (the caller queues them) and out of the level the control
        reads: a known delay added to every later frame, which it never trims."""
        self.held += max(0, samples)

    def plan(self, queued: int, frame: FloatArray) -> tuple[FloatArray, int]:
        """``frame``'s turn came with ``queued`` samples still queued: what to write, and how
        many of the queued samples to drop first."""
        # Negative while the device has eaten into the held queue (a stall): the stretch below
        # then refills it, as it refills a dry queue.
        level = queued - self.held
        recent = self._recent
        if level < self.cushion // 2:
            pad = self.cushion - level
            self.stretched_samples += pad
            recent.append(level + pad)
            return np.concatenate([np.zeros(pad), frame]), 0
        recent.append(level)
        latest = list(recent)[-QUEUE_LARGE_WINDOW_FRAMES:]
        if len(latest) == QUEUE_LARGE_WINDOW_FRAMES:
            extra = min(latest) - self.cushion
            if extra > self.large_excess:
                self._lower(extra)
                self.trimmed_audio_samples += extra
                return frame, extra
        if len(recent) < (recent.maxlen or 0):
            return frame, 0
        extra = min(recent) - self.cushion
        if extra <= self.excess:
            self._waiting = 0
            return frame, 0
        self._waiting += 1
        if _rms_dbfs(frame) < SILENT_FRAME_DBFS:
            cut = min(extra, frame.size)
            self.trimmed_silence_samples += cut
            self._lower(cut)
            out: FloatArray = frame[cut:]
            return out, 0
        if self._waiting >= self.patience:
            self.trimmed_audio_samples += extra
            self._lower(extra)
            return frame, extra
        return frame, 0

    def _lower(self, samples: int) -> None:
        """The levels seen so far would all have been ``samples`` lower: restart the count."""
        self._waiting = 0
        kept = [v - samples for v in self._recent]
        self._recent.clear()
        self._recent.extend(kept)


def _rms_dbfs(x: FloatArray) -> float:
    if x.size == 0:
        return -math.inf
    rms = float(np.sqrt(np.mean(np.square(x))))
    return 20.0 * math.log10(rms) if rms > 0.0 else -math.inf


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
        self.position: int | None = None
        """First sample of the frame being read (the inner source may use it)."""

    def read(self, n_samples: int) -> Int16Array:
        """The next frame, probes mixed in."""
        if self._next is None:
            self._next = self._clock.anchor(self.sample_rate_hz)
        t = self._next
        self.reads.append((t, self._clock.now()))
        self.position = t
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
    output_stretched_ms: float = 0.0
    """Silence added to the output queue because it ran low (the device clock ran faster)."""
    output_trimmed_silence_ms: float = 0.0
    """Silence not played to keep the output queue at its cushion."""
    output_trimmed_audio_ms: float = 0.0
    """Sound not played to keep the output queue at its cushion (a late start or a stall)."""
    capture_trimmed_ms: float = 0.0
    """Captured audio dropped to keep the capture FIFO at its target."""


@dataclass(frozen=True)
class QueueLevel:
    """The two queues of the device path in one second of the call (their low points)."""

    at_s: float
    """Start of the second, since the first frame was played."""
    output_ms: float
    """Output queue before a frame was written: the wait of the frame's first sample."""
    capture_ms: float
    """Capture FIFO at the same moments."""


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
    device_loop_delays_ms: tuple[float, ...] = ()
    """For every probe heard back in the microphone: the time from its frame's hand-over to the
    output to its arrival in the call's capture: output queue + output device + the path
    between speaker and microphone + input device + capture FIFO, measured by the signal."""
    device_delays_ms: tuple[float, ...] = ()
    """The same loops less what each probe waited in CallCheck's two queues: the device path
    (host buffers, hardware, and what lies between speaker and microphone)."""
    host_output_buffer_ms: float | None = None
    """Median of the host's live output buffer over the call (PortAudio's DAC time − callback
    time): the part of the device path the output clock tells; through the ALSA pulse plugin it
    is exact to a fraction of a ms (tests/audio/test_audio_latency.py), the input side's is not."""
    queue_timeline: tuple[QueueLevel, ...] = ()
    """The output and capture queues over the call, one entry per second."""
    output_wait_p50_ms: float | None = None
    """Median wait of a frame in the output queue (the same per-frame waits as
    :attr:`output_buffer_ms`, whose mean carries every stall of a loaded machine)."""
    capture_wait_p50_ms: float | None = None
    """Median wait of a frame in the capture FIFO (as :attr:`output_wait_p50_ms`)."""
    default_host_api_replaced: str | None = None
    """The host API of the system default device that CallCheck replaced by the same device under
    a better one (Windows: MME or DirectSound → WASAPI; :func:`prefer_wasapi_defaults`); None
    when the devices were used as the system or the user named them."""
    device_confidences: tuple[float, ...] = ()
    """The normalised correlation of every probe heard back (one per
    :attr:`device_delays_ms`)."""

    @property
    def mouth_to_ear_delays_ms(self) -> tuple[float, ...]:
        """Each probe's delay plus the capture and output waits: one-way (or round-trip) mouth
        to ear, without the device hardware."""
        extra = self.capture_buffer_ms + self.output_buffer_ms
        return tuple(d + extra for d in self.probe_delays_ms)

    @property
    def measured_by_signal(self) -> bool:
        """Enough probes were heard back through the devices to measure the device path."""
        return len(self.device_loop_delays_ms) >= MIN_CAPTURED_BACK

    @property
    def device_roundtrip_ms(self) -> float | None:
        """The device path beyond CallCheck's own queues (output + input device, host buffers
        and whatever lies between speaker and microphone): the median probe loop minus the two
        queue waits. None when too few probes came back."""
        if not self.measured_by_signal:
            return None
        return float(np.median(self.device_delays_ms))

    @property
    def full_mouth_to_ear_delays_ms(self) -> tuple[float, ...]:
        """Each probe's :attr:`mouth_to_ear_delays_ms` plus the device path measured by the
        signal: mouth to ear with every part of the path. Empty when too few probes came back."""
        device = self.device_roundtrip_ms
        if device is None:
            return ()
        return tuple(d + device for d in self.mouth_to_ear_delays_ms)

    @property
    def device_beyond_host_buffer_ms(self) -> float | None:
        """The device path less the host's output buffer: what lies beyond the output stream's
        queue (the same figure as the latency check's ``beyond_output_buffer_ms``; ≈ 0 for a
        null sink's monitor, the added delay for a delay sink)."""
        device = self.device_roundtrip_ms
        if device is None or self.host_output_buffer_ms is None:
            return None
        return device - self.host_output_buffer_ms


@dataclass(frozen=True)
class FrameWait:
    """One frame's wait in one of CallCheck's two queues, by the clock and by the count."""

    position: int
    """The frame's first sample on the call's sample clock."""
    at_ms: float
    """Engine time of the write (output) or the read (capture)."""
    wait_ms: float
    """Its first sample's wait, by the callbacks' times (what ``output_buffer_ms`` and
    ``capture_buffer_ms`` average)."""
    counted_ms: float
    """The queue counted in samples at that moment: ahead of the frame's first sample (output),
    or the FIFO's level before the read (capture)."""
    held_ms: float
    """Of :attr:`counted_ms`, the queue added on purpose (:meth:`CallAudio.add_queue_delay`)."""

    @property
    def control_ms(self) -> float:
        """What the queue's control counted: :attr:`counted_ms` less the held part."""
        return self.counted_ms - self.held_ms


@dataclass(frozen=True)
class HeardBackProbe:
    """A probe played on the output and found again in the microphone's audio."""

    heard_at_s: float
    """Where it was found in the microphone's audio, on the call's sample clock."""
    loop_ms: float
    """From its hand-over to the output to its arrival in the call, by the signal."""
    device_ms: float
    """The loop less what the probe's frames waited in CallCheck's two queues
    (:class:`FrameWait`): the device path."""
    confidence: float
    """The normalised correlation it was found with."""


@dataclass(frozen=True)
class _QueuedFrame:
    """A frame handed to a queue, as logged then (waits are read from the callbacks later)."""

    position: int
    at_ms: float
    index: int
    """Its first sample among all samples written to (pushed into) the queue."""
    ahead: int
    """Samples counted (:attr:`FrameWait.counted_ms`)."""
    held: int
    """Of those, held on purpose."""

    def wait(self, wait_ms: float, rate_hz: int) -> FrameWait:
        return FrameWait(
            self.position,
            self.at_ms,
            wait_ms,
            1000.0 * self.ahead / rate_hz,
            1000.0 * self.held / rate_hz,
        )


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
            excess_samples=_ms_to_samples(QUEUE_EXCESS_MS, self.rate_hz),
        )
        self.captured_back: HeardBackDetector | None = None
        """Finds the probes played on the speaker in the microphone's audio."""
        self._playback: PlaybackControl | None = None
        self._output_frames: list[_QueuedFrame] = []
        # every frame written to the device (index: among the samples written)
        self._capture_frames: list[_QueuedFrame] = []
        # every microphone frame the call took (index: among the samples pushed)
        self._pushes: list[tuple[int, float]] = []
        # (samples pushed into the FIFO so far, monotonic s of the callback that captured them)
        self._pushed = 0
        self._consumption: list[tuple[int, float]] = []  # the closed output stream's
        self._live_output_ms: list[float] = []
        self.queue_levels: list[tuple[float, float, float]] = []
        """(engine time, output queue ms, capture FIFO ms) at every frame written to the device:
        the two queues of the device path over the call."""
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
        self._reopened = False
        self._active_since_ms: float | None = None
        self._active_s = 0.0
        self._stats_at_first_write: StreamStats | None = None
        self._final_stats: StreamStats | None = None
        self._output_to_hold = 0  # device samples to add to the output queue at the next frame
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
        replaced = self._default_replaced()
        note = (
            f"The system's default devices are {replaced} devices; CallCheck used the same "
            f"devices under {self._input.host_api} (shared mode), which adds less delay "
            f"({replaced} buffers 30–100 ms of its own)."
        )
        if replaced is not None and note not in self.notes:  # opened a second time
            self.notes.append(note)
        self._backend_name = backend.name
        loop = asyncio.get_running_loop()
        rates = [self.config.device_rate_hz or self.rate_hz]
        default_rate = round(self._input.default_sample_rate_hz)
        if self.config.device_rate_hz is None and default_rate not in rates and default_rate > 0:
            rates.append(default_rate)  # the device refuses the codec's rate: convert ourselves
        # Separate capture and playback streams for real devices: in one duplex stream every
        # callback moves as many samples in as out, so input the host held back during a stall
        # (PulseAudio keeps it in the record stream) can never be caught up and stays as delay
        # for the rest of the call (measured: +150 ms on a loaded machine); a capture stream of
        # its own drains it into the FIFO, which trims it. (A duplex ALSA stream through
        # PulseAudio's plugin also failed within seconds at 44.1 kHz.) The synthetic backend
        # routes its output back within one stream, so it stays duplex.
        duplex = self.config.duplex
        if duplex is None:
            duplex = isinstance(backend, SyntheticAudioBackend)
        last: AudioDeviceError | None = None
        for rate in rates:
            try:
                if duplex:
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
            note = (
                f"The devices run at {self._device_rate} Hz; audio is converted to and from the "
                f"codec's {self.rate_hz} Hz."
            )
            if note not in self.notes:  # opened a second time
                self.notes.append(note)
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
            self._consumption = self._stream.output_consumption()
            self._stream = None

    def _deactivate(self) -> None:
        if self._active and self._active_since_ms is not None:
            self._active_s += (self.clock.now() - self._active_since_ms) / 1000.0
        self._active = False
        self._fifo.clear()

    def _on_error(self, error: AudioDeviceError) -> None:
        """The device stopped mid-call: keep going without it (a stream that ends before it
        ever ran is opened once more first)."""
        if self._playback is None and not self._reopened:
            # PortAudio's ALSA host sometimes ends a stream through PulseAudio during its slow
            # start (the latency check retries for the same reason); a device really gone fails
            # the second time too.
            self._reopened = True
            logger.warning(
                "audio device: the stream failed at its start (%s); opening it again", error
            )
            self._shutdown_stream()
            self._fifo.clear()
            try:
                self._open()
            except AudioDeviceError as again:
                error = again
            except AudioUnavailable as again:
                error = AudioDeviceError(str(again))
            else:
                return
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

    def add_queue_delay(self, *, output_ms: float = 0.0, capture_ms: float = 0.0) -> None:
        """Make CallCheck's own queues hold this much more from now on, a delay their controls
        never trim (:meth:`PlaybackControl.hold`, :meth:`CaptureFifo.hold`): silence queued
        once, then every later sample waits exactly that much longer. The known truth against
        which ``output_buffer_ms`` and ``capture_buffer_ms`` are tested (those are read from the
        callbacks' times, not from this); a what-if for a device that buffers more. The output's
        is queued with the next frame written (none before the device runs); both end with the
        device."""
        if output_ms < 0.0 or capture_ms < 0.0:
            raise ValueError("a queue delay cannot be negative")
        if not self._active:
            return
        self._output_to_hold += _ms_to_samples(output_ms, self._device_rate or self.rate_hz)
        held = _ms_to_samples(capture_ms, self.rate_hz)
        if held:
            self._fifo.hold(held)
            # The silence was "captured" now: its own wait is the time until the call reads it.
            self._pushes.append((self._fifo.taken + self._fifo.size, self.clock.now() / 1000.0))

    # ---------------------------------------------------------------- capture side

    def _on_input(self, block: InputBlock) -> None:
        if not self._active:
            return
        samples = block.samples.astype(np.float64)
        if self._capture_resampler is not None:
            samples = self._capture_resampler.process(samples)
        if samples.size and block.callback_time_s is not None:
            self._pushed = self._fifo.taken + self._fifo.size + samples.size
            self._pushes.append((self._pushed, block.callback_time_s))
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
        first = self._fifo.taken
        frame = self._fifo.pop(n)
        t = self.source.position
        if frame is not None and t is not None:
            trimmed = self._fifo.taken - n - first  # a trim inside pop() came first
            self._capture_frames.append(
                _QueuedFrame(
                    t, self.clock.now(), first + trimmed, self._fifo.depths[-1], self._fifo.held
                )
            )
        self._hear_back(frame, n)
        if frame is None:
            return np.zeros(n, dtype=np.int16)
        return _to_int16(frame)

    def _hear_back(self, frame: FloatArray | None, n: int) -> None:
        """Search the microphone's frame (as it enters the call) for the probes the speaker
        played: the delay of each from the far end's source to here is the mouth-to-ear delay
        measured by the signal, device hardware, host buffers and both queues included."""
        t = self.source.position
        if t is None or self._stream is None:
            return
        if self.captured_back is None:
            self.captured_back = HeardBackDetector(
                self.detector.detections_view, self.rate_hz, self.config.probe_period_ms
            )
        self.captured_back.feed(np.zeros(n) if frame is None else frame, t)

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
            self._play(received, t, now)

    def _play(self, received: FloatArray, t: int, now: float) -> None:
        stream = self._stream
        assert stream is not None
        rate = self._device_rate or self.rate_hz
        out = received if self._play_resampler is None else self._play_resampler.process(received)
        if self._playback is None:
            if stream.stats().output_frames < self._started_frames(rate):
                # The device is not running yet. Through PulseAudio a stream takes its first
                # callbacks (filling the host's buffer), then none for 0.7–1.4 s; what would be
                # queued meanwhile would add that time to every later frame.
                return
            self._stats_at_first_write = stream.stats()
            self._playback = PlaybackControl(
                _ms_to_samples(self.config.output_cushion_ms, rate),
                excess_samples=_ms_to_samples(QUEUE_EXCESS_MS, rate),
                large_excess_samples=_ms_to_samples(QUEUE_LARGE_EXCESS_MS, rate),
            )
        live = stream.live_output_latency_s
        if live is not None:
            # The host's output buffer (PortAudio: DAC time − callback time), read once the
            # device runs steadily: the part of the device path a clock can tell.
            self._live_output_ms.append(1000.0 * live)
        if self._output_to_hold:
            stream.write(np.zeros(self._output_to_hold, dtype=np.float32))
            self._playback.hold(self._output_to_hold)
            self._output_to_hold = 0
        level = stream.queued_output_frames()
        planned, drop = self._playback.plan(level, out)
        if drop:
            stream.discard_output(drop)
        pad = max(0, planned.size - out.size)
        self._output_frames.append(
            _QueuedFrame(
                t,
                now,
                stream.written_output_frames() + pad,
                level - drop + pad,
                self._playback.held,
            )
        )
        out = planned
        self.queue_levels.append(
            (
                self.clock.now(),
                1000.0 * level / rate,
                1000.0 * self._fifo.size / self.rate_hz,
            )
        )
        if out.size:
            stream.write(out.astype(np.float32))

    def _started_frames(self, rate: int) -> int:
        """Output samples a running device has taken: more than its host buffer (PortAudio's
        reported output latency) plus one frame, which a stream filling that buffer at its start
        never reaches before it really runs."""
        reported = self._portaudio_latency[1] or 0.0
        return _ms_to_samples(reported + FRAME_MS, rate)

    # ---------------------------------------------------------------- figures

    def anchor_correction_ms(self) -> float:
        """What to add to the detector's delays for the anchors' own lateness.

        Each side anchors its sample counter at its first frame, but that frame may run a little
        after its deadline (the first decode is slow, the loop was busy). Frames follow a 20 ms
        deadline grid, so the grid's true origin is where the *least late* frame puts it; the
        anchor's error is the first frame's lateness beyond that.
        """

        return self._anchor_late_ms(self._probe_origin().reads) - self._anchor_late_ms(self.plays)

    def captured_back_correction_ms(self) -> float:
        """The same correction for the probes heard back in the microphone: their positions
        count on the user's source's counter."""
        return self._anchor_late_ms(self._probe_origin().reads) - self._anchor_late_ms(
            self.source.reads
        )

    def _probe_origin(self) -> ProbedSource:
        # The far end (loopback) or the user's source (reflector) was read first by whichever
        # sent the probes the detector found; both are anchored on the same clock.
        if self.config.probe_path == "round_trip" or not self.far_end_source.reads:
            return self.source
        return self.far_end_source

    def _anchor_late_ms(self, frames: Sequence[tuple[int, float]]) -> float:
        if not frames:
            return 0.0
        t0, time0 = frames[0]
        offsets = [(time - time0) - 1000.0 * (t - t0) / self.rate_hz for t, time in frames]
        return -min(offsets)

    def device_loop_delays_ms(self) -> tuple[float, ...]:
        """Per probe heard back: its arrival in the capture minus its hand-over to the output."""
        return tuple(p.loop_ms for p in self.heard_back_probes())

    def device_delays_ms(self) -> tuple[float, ...]:
        """Per probe heard back: the device path beyond CallCheck's queues (see
        :meth:`heard_back_probes`)."""
        return tuple(p.device_ms for p in self.heard_back_probes())

    def heard_back_probes(self) -> list[HeardBackProbe]:
        """Every probe played and heard back.

        The loop runs from the probe's place in the received audio to its place in the
        microphone's audio, both on the call's sample clock. Of it, CallCheck's own queues took
        what the probe's frames waited (:meth:`output_waits`, :meth:`capture_waits`), plus the
        write's and minus the read's lateness against the clock's grid. The rest is the device
        path.
        """
        if self.captured_back is None:
            return []
        played = {d.index: d for d in self.detector.detections}
        shift = self.captured_back_correction_ms() - self.anchor_correction_ms()
        out_wait = _frame_waits(self.output_waits(), self.plays, self.rate_hz, sign=1.0)
        cap_wait = _frame_waits(self.capture_waits(), self.source.reads, self.rate_hz, sign=-1.0)
        pairs = []
        for d in self.captured_back.detections:
            p = played.get(d.index)
            if p is None:
                continue
            loop = d.delay_ms - p.delay_ms + shift
            w_out, w_cap = out_wait(p.received_sample), cap_wait(d.received_sample)
            if w_out is None or w_cap is None:
                continue
            heard_s = d.received_sample / self.rate_hz
            pairs.append(HeardBackProbe(heard_s, loop, loop - w_out - w_cap, d.confidence))
        return pairs

    def queue_timeline(self) -> tuple[QueueLevel, ...]:
        """The output and capture queues per second of the call: each one's low point, what it held
        for the whole second (a burst of frames written after a late wake-up of the engine drains by
        itself; a queue that grows raises its low point)."""
        if not self.queue_levels:
            return ()
        t0 = self.queue_levels[0][0]
        seconds: dict[int, list[tuple[float, float]]] = {}
        for t, out_ms, cap_ms in self.queue_levels:
            seconds.setdefault(int((t - t0) // 1000.0), []).append((out_ms, cap_ms))
        return tuple(
            QueueLevel(
                at_s=float(second),
                output_ms=min(o for o, _ in levels),
                capture_ms=min(c for _, c in levels),
            )
            for second, levels in sorted(seconds.items())
        )

    def summary(self) -> AudioPathSummary:
        """The figures so far (call after :meth:`close` for the final ones)."""
        correction = self.anchor_correction_ms()
        stats, in_stats = self._stream_stats()
        heard_back = self.heard_back_probes()
        probe = _shifted(self.detector.summary(), correction)
        fifo = self._fifo
        device_rate = self._device_rate or self.rate_hz
        if self._ever_active:
            capture_ms = _mean_wait(self.capture_waits())
            if capture_ms is None:  # no callback times: the FIFO's level (its newest sample)
                depths = fifo.depths
                capture_ms = 1000.0 * float(np.mean(depths)) / self.rate_hz if depths else 0.0
            output_ms = _mean_wait(self.output_waits())
            if output_ms is None:  # no callback log: the queue's level before each write
                levels = [f.ahead for f in self._output_frames]
                output_ms = 1000.0 * float(np.mean(levels)) / device_rate if levels else 0.0
        else:
            capture_ms, output_ms = float(FRAME_MS), 0.0  # packetization; no output queue
        active_s = self._active_s
        if self._active and self._active_since_ms is not None:
            active_s += (self.clock.now() - self._active_since_ms) / 1000.0
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
            default_host_api_replaced=self._default_replaced(),
            output_wait_p50_ms=_median_wait(self.output_waits()),
            capture_wait_p50_ms=_median_wait(self.capture_waits()),
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
                output_stretched_ms=self._device_ms(lambda p: p.stretched_samples),
                output_trimmed_silence_ms=self._device_ms(lambda p: p.trimmed_silence_samples),
                output_trimmed_audio_ms=self._device_ms(lambda p: p.trimmed_audio_samples),
                capture_trimmed_ms=1000.0 * fifo.trimmed_samples / self.rate_hz,
            ),
            device_active_s=active_s if self._ever_active else None,
            errors=tuple(self.errors),
            notes=tuple(self.notes),
            device_loop_delays_ms=tuple(p.loop_ms for p in heard_back),
            device_delays_ms=tuple(p.device_ms for p in heard_back),
            device_confidences=tuple(p.confidence for p in heard_back),
            host_output_buffer_ms=(
                float(np.median(self._live_output_ms)) if self._live_output_ms else None
            ),
            queue_timeline=self.queue_timeline(),
        )

    def _default_replaced(self) -> str | None:
        """The host API of a system default that was moved to its WASAPI entry, for a device the
        call took as the default (not one named with ``--input``/``--output``)."""
        chosen = (
            (self.config.input_device, self._input),
            (self.config.output_device, self._output),
        )
        for spec, device in chosen:
            if spec is None and device is not None and device.default_moved_from is not None:
                return device.default_moved_from
        return None

    def _stream_stats(self) -> tuple[StreamStats | None, StreamStats | None]:
        """(playback, capture) stream counters, final once closed (the same for a duplex
        stream)."""
        stats = self._final_stats
        if stats is None and self._stream is not None:
            stats = self._stream.stats()
        in_stats = self._final_in_stats
        if in_stats is None and self._in_stream is not None:
            in_stats = self._in_stream.stats()
        return stats, in_stats or stats

    def output_waits(self) -> list[tuple[int, float, float]]:
        """(sink sample, engine time ms, wait ms) of every frame written to the device
        (:meth:`output_frame_waits`)."""
        return [(w.position, w.at_ms, w.wait_ms) for w in self.output_frame_waits()]

    def capture_waits(self) -> list[tuple[int, float, float]]:
        """(source sample, engine time ms, wait ms) of every microphone frame the call took
        (:meth:`capture_frame_waits`)."""
        return [(w.position, w.at_ms, w.wait_ms) for w in self.capture_frame_waits()]

    def output_frame_waits(self) -> list[FrameWait]:
        """Every frame written to the device: its wait from the write to the callback that
        handed its first sample to the host (the stream logs each callback's time and how far
        into the written samples it got), beside the queue counted ahead of it."""
        log = self._consumption
        if self._stream is not None:
            log = self._stream.output_consumption()
        if not log:
            return []
        taken = np.array([n for n, _ in log], dtype=np.int64)
        times_ms = 1000.0 * np.array([t for _, t in log])
        rate = self._device_rate or self.rate_hz
        waits = []
        for f in self._output_frames:
            i = int(np.searchsorted(taken, f.index, side="right"))
            if i < len(log):
                waits.append(f.wait(float(times_ms[i]) - f.at_ms, rate))
        return waits

    def capture_frame_waits(self) -> list[FrameWait]:
        """Every microphone frame the call took: its wait from the capture of its first sample
        (the callback's time, less the samples captured after it in the same block) to the
        read, beside the FIFO's level counted before the read."""
        if not self._pushes:
            return []
        pushed = np.array([n for n, _ in self._pushes], dtype=np.int64)
        times_ms = 1000.0 * np.array([t for _, t in self._pushes])
        waits = []
        for f in self._capture_frames:
            i = int(np.searchsorted(pushed, f.index, side="right"))
            if i < len(self._pushes):
                captured_ms = float(times_ms[i]) - 1000.0 * (pushed[i] - f.index) / self.rate_hz
                waits.append(f.wait(f.at_ms - captured_ms, self.rate_hz))
        return waits

    def _device_ms(self, counter: Callable[[PlaybackControl], int]) -> float:
        """A playback control counter (samples at the device's rate) in ms."""
        if self._playback is None:
            return 0.0
        return 1000.0 * counter(self._playback) / (self._device_rate or self.rate_hz)


def _mean_wait(waits: Sequence[tuple[int, float, float]]) -> float | None:
    return float(np.mean([w for _, _, w in waits])) if waits else None


def _median_wait(waits: Sequence[tuple[int, float, float]]) -> float | None:
    return float(np.median([w for _, _, w in waits])) if waits else None


def _frame_waits(
    frames: Sequence[tuple[int, float, float]],
    grid: Sequence[tuple[int, float]],
    rate_hz: int,
    *,
    sign: float,
) -> Callable[[float], float | None]:
    """The wait, in ms, of a sample at a position of the call's clock in one of CallCheck's
    queues: the wait of the frame holding it plus (output) or minus (capture) how late that frame
    was handled against the clock's grid (placed by the least late of ``grid``'s frames, as
    :meth:`CallAudio.anchor_correction_ms` places it)."""
    if not frames or not grid:
        return lambda position: None
    base = min(time - 1000.0 * t / rate_hz for t, time in grid)
    starts = np.array([t for t, _, _ in frames], dtype=np.float64)
    offsets = np.array([time - 1000.0 * t / rate_hz for t, time, _ in frames])
    waits = np.array([w for _, _, w in frames]) + sign * (offsets - base)

    def wait(position: float) -> float | None:
        i = int(np.searchsorted(starts, position, side="right")) - 1
        return None if i < 0 else float(waits[i])

    return wait


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
    """The measured device round trip (median), when the latency check heard its probes back."""
    if latency is None or not latency.detected or latency.roundtrip_ms is None:
        return None
    return latency.roundtrip_ms.median


METHOD_SIGNAL: Final = "probes_heard_back"
"""The call's probes, played on the output and found again in the input: the device path of the
call's own streams, by the signal (no device clock involved)."""
METHOD_CHIRP: Final = "chirp_check"
"""The device latency check (:mod:`callcheck.engine.device_latency`): the same model of the
device path as the call's, run before or beside the call (its probe chirps heard back through
separate streams). The name stays: reports carry it."""
METHOD_REPORTED: Final = "portaudio_reported"
"""PortAudio's reported stream latency: an estimate (the host API's own figure)."""
METHOD_QUEUE: Final = "queue_count"
"""CallCheck's own queue: each frame's wait from the stream callbacks' times (the samples counted
in the queue when a stream logs none). The name stays: reports carry it. Its truth: a queue held
on purpose (:meth:`CallAudio.add_queue_delay`) raises the per-frame waits by its size within 5 ms
and the probes heard back see one device path (tests/audio/queue_truth.py)."""
METHOD_PROBES_AND_QUEUES: Final = "probes_plus_queues"
"""The probes' delay to the output plus CallCheck's queues, without the device path."""


def device_figure(
    summary: AudioPathSummary, latency: LatencyMeasurement | None = None
) -> tuple[float | None, str | None]:
    """The device path's delay and the method that gave it, best first: the call's probes heard
    back; else the latency check's; else nothing (PortAudio's reported latency is only
    used, as an estimate, for the rating)."""
    by_signal = summary.device_roundtrip_ms
    if by_signal is not None:
        return by_signal, METHOD_SIGNAL
    checked = device_latency_ms(latency)
    if checked is not None:
        return checked, METHOD_CHIRP
    return None, None


def audio_path_json(
    summary: AudioPathSummary, latency: LatencyMeasurement | None = None
) -> dict[str, Any]:
    """The report's ``audio_path`` section (resources/report.schema.json)."""
    pa_in, pa_out = summary.portaudio_latency_ms
    probe = summary.probe
    device_rt, device_method = device_figure(summary, latency)
    m2e_method: str | None = METHOD_PROBES_AND_QUEUES if summary.probe_delays_ms else None
    if summary.full_mouth_to_ear_delays_ms:
        m2e = _stats(summary.full_mouth_to_ear_delays_ms)
        full = None if m2e is None else m2e["mean"]
        m2e_method = METHOD_SIGNAL
    else:
        m2e = _stats(summary.mouth_to_ear_delays_ms)
        full = None
        if m2e is not None and device_rt is not None:
            full = round(m2e["mean"] + device_rt, 2)
    c = summary.counters
    queues = METHOD_QUEUE if summary.device_used else None
    return {
        "device_used": summary.device_used,
        "mode": summary.mode,
        "backend": summary.backend,
        "input_device": summary.input_device,
        "output_device": summary.output_device,
        "host_api": summary.host_api,
        "default_host_api_replaced": summary.default_host_api_replaced,
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
        "method": "signal" if device_method == METHOD_SIGNAL else "clocks",
        "methods": {
            "mouth_to_ear_ms": m2e_method,
            "device_roundtrip_ms": device_method,
            "output_buffer_ms": queues,
            "capture_buffer_ms": queues,
        },
        "device_path": {
            "probes_heard_back": len(summary.device_loop_delays_ms),
            "loop_ms": _stats(summary.device_loop_delays_ms),
            "device_ms": _stats(summary.device_delays_ms),
            "host_output_buffer_ms": _round(summary.host_output_buffer_ms),
            "beyond_host_buffer_ms": _round(summary.device_beyond_host_buffer_ms),
        },
        "queue_timeline": [
            {
                "at_s": q.at_s,
                "output_ms": round(q.output_ms, 2),
                "capture_ms": round(q.capture_ms, 2),
            }
            for q in summary.queue_timeline
        ],
        "output_stretched_ms": round(c.output_stretched_ms, 2),
        "output_trimmed_silence_ms": round(c.output_trimmed_silence_ms, 2),
        "output_trimmed_audio_ms": round(c.output_trimmed_audio_ms, 2),
        "capture_trimmed_ms": round(c.capture_trimmed_ms, 2),
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
    the probes made the round trip, an estimate) plus the device latency: the call's own probes
    heard back through the devices when enough were (:func:`device_figure`), else the latency
    check's round trip when it heard its probes, else PortAudio's reported input + output
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
    device_rt, method = device_figure(summary, latency)
    pa_in, pa_out = summary.portaudio_latency_ms
    if device_rt is not None and method == METHOD_SIGNAL:
        device = measured(device_rt, "the call's probes played and heard back (median)")
    elif device_rt is not None:
        device = measured(device_rt, "the latency check's probes heard back (median)")
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
    return worse_quality(
        _rerated(result.downlink.quality, summary, latency, heard_by_probes=True),
        _rerated(result.uplink.quality, summary, latency, heard_by_probes=False),
    )


def rerate_snapshot(snapshot: LiveSnapshot, summary: AudioPathSummary) -> LiveSnapshot:
    """``snapshot`` rated by :func:`rerate_call`'s rule, with the audio path measured so far.

    Both estimates of each direction (the call so far and the last second) take the audio
    path's delay, so the gauge, the report's timeline and the verdict are one rating: without
    it a device adding 700 ms kept the gauge at "Excellent" until a "Poor" verdict (issue 12).
    """
    directions: dict[str, DirectionSnapshot] = {}
    for name, heard_by_probes in (("downlink", True), ("uplink", False)):
        d: DirectionSnapshot = getattr(snapshot, name)
        directions[name] = replace(
            d,
            quality=_rerated(d.quality, summary, None, heard_by_probes=heard_by_probes, live=True),
            quality_recent=_rerated(
                d.quality_recent, summary, None, heard_by_probes=heard_by_probes, live=True
            ),
        )
    up, down = directions["uplink"], directions["downlink"]
    return replace(
        snapshot,
        uplink=up,
        downlink=down,
        quality=worse_quality(up.quality, down.quality),
        quality_recent=worse_quality(up.quality_recent, down.quality_recent),
    )


def _rerated(
    quality: QualityResult | None,
    summary: AudioPathSummary,
    latency: LatencyMeasurement | None,
    *,
    heard_by_probes: bool,
    live: bool = False,
) -> QualityResult | None:
    """One direction after :func:`rerate` (the network's rating when the audio path's figures
    cannot be used). The probes measured the direction the user hears (downlink; both ways via
    the reflector), so only that one takes the mouth-to-ear delay; both take the device's."""
    if quality is None:
        return None
    path = summary if heard_by_probes else replace(summary, probe_delays_ms=())
    try:
        return rerate(quality, path, latency)
    except (QualityInputError, ValueError) as error:
        # Live, a figure not yet usable (too few probes) is normal: said once, at the end.
        (logger.debug if live else logger.warning)("audio-path rating skipped: %s", error)
        return quality
