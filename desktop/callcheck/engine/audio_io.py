"""Audio device I/O: listing devices and running input/output streams.

Two backends share the :class:`AudioBackend` protocol:

* :class:`SoundDeviceBackend` — PortAudio through ``sounddevice``, imported lazily (importing
  ``sounddevice`` raises ``OSError`` when the PortAudio library is missing, which becomes
  :class:`AudioUnavailable`).
* :class:`SyntheticAudioBackend` — no hardware: an output "routed back" to the input after a set
  delay (or not at all), driven by the asyncio loop's timer. For machines without audio and for
  tests of everything above this module.

Real-time discipline (DESIGN.md, Threads): the PortAudio callback copies the input block and hands
it to the engine loop with ``loop.call_soon_threadsafe``, pulls queued output from a deque (whose
append/popleft are atomic, so no lock), counts problems and returns. It never logs, never blocks.
Errors that end a stream (the device was unplugged) arrive through PortAudio's finished callback
and are turned into :class:`AudioDeviceError` on the loop.

Host APIs and their latency figures, per platform (what PortAudio reports, and how far the call
trusts it; the call's device figures come from its own probes heard back, timed by the callbacks,
:mod:`callcheck.engine.call_audio`):

* **Linux — PulseAudio or PipeWire through ALSA's ``pulse`` plugin** (PortAudio's ALSA host; the
  plugin is what ``default`` and the desktop's devices are). ``suggestedLatency`` 20 ms
  (:data:`DEFAULT_LATENCY_S`) gives 256-sample periods in a duplex stream and 10 ms periods in a
  separate one. The output clock (``outputBufferDacTime − currentTime``, :class:`InputBlock`'s
  ``output_latency_s``) follows the stream's queue exactly (checked against LADSPA delay sinks,
  ``tests/audio/test_audio_latency.py``), but differs between streams by whole periods. The
  input side's ``inputBufferAdcTime`` is garbage through the plugin (≈ 700 ms) and
  ``stream.latency`` is a fixed figure that never moves with the queue: neither is used as a
  measurement. A stream takes its first callbacks, then none for 0.7–1.4 s while PulseAudio
  starts it; the plugin ends about one stream in 200 on its own (both are handled above).
* **macOS — Core Audio.** One host API; ``latency`` is the device's safety offset plus buffer
  frames and the DAC/ADC times come from the HAL's own clock: trustworthy to a buffer, but the
  hardware's converter delay and any Bluetooth link are not in them.
* **Windows — WASAPI** (shared mode, PortAudio's default for it) is the host API to use where a
  device appears under several: MME and DirectSound add 30–100 ms of their own buffering on top
  of WASAPI's. PortAudio's default host API on Windows is MME, so when the system default is an
  MME or DirectSound entry and the same endpoint is listed under WASAPI, the default moves there
  (:func:`prefer_wasapi_defaults`, a pure function of PortAudio's lists; the report's
  ``audio_path.host_api`` says which host API was used and ``default_host_api_replaced`` which
  one it replaced). A device named with ``--input``/``--output`` is used as named. WASAPI's
  latency figures cover the engine's period and buffer, not the device driver's or a Bluetooth
  headset's own delay.

On every platform a Bluetooth headset's radio link and codec (100–200 ms in hands-free mode) are
invisible to the host API's figures; only the signal (the call's probes heard back, in a call
or in the Devices screen's latency check) sees them.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from types import ModuleType
from typing import Any, Final, Literal, Protocol

import numpy as np
import numpy.typing as npt

Direction = Literal["input", "output"]
Samples = npt.NDArray[np.float32]

DEFAULT_SAMPLE_RATE_HZ: Final = 48_000
"""The codec rate (Opus); PortAudio/the host API converts when the device runs at another rate."""

DEFAULT_LATENCY_S: Final = 0.020
"""Suggested PortAudio latency (20 ms). Measured through PulseAudio's ALSA plugin it gave the most
repeatable round trip; 'low' under-ran and 'high' added 20–40 ms that changed between streams."""

STALL_TIMEOUT_S: Final = 2.0
"""A running stream whose callback has not run for this long is reported as failed."""


class AudioUnavailable(RuntimeError):  # noqa: N818 - the name the engine and CLI use
    """No audio system: PortAudio is not installed or could not start."""


class AudioDeviceError(RuntimeError):
    """A device could not be found, opened, or stopped working; the message says what to do."""

    def __init__(self, message: str, *, device: str | None = None) -> None:
        super().__init__(message)
        self.device = device
        """Name of the device concerned, when there is one."""


@dataclass(frozen=True)
class AudioDevice:
    """One audio device as the host API reports it."""

    index: int
    """PortAudio device index (valid until the device list changes)."""
    name: str
    """Device name."""
    host_api: str
    """Host API (ALSA, PulseAudio, Core Audio, WASAPI, MME, …)."""
    max_input_channels: int
    """Input channels (0 = output only)."""
    max_output_channels: int
    """Output channels (0 = input only)."""
    default_sample_rate_hz: float
    """The device's default sample rate."""
    is_default_input: bool
    """True for the system's default input device."""
    is_default_output: bool
    """True for the system's default output device."""
    default_low_input_latency_ms: float
    """PortAudio's default low input latency for the device."""
    default_low_output_latency_ms: float
    """PortAudio's default low output latency for the device."""
    default_moved_from: str | None = None
    """Set on a Windows WASAPI device that stands in for the system default: the host API of
    the default PortAudio named (MME or DirectSound; :func:`prefer_wasapi_defaults`)."""

    @property
    def is_input(self) -> bool:
        """The device can record."""
        return self.max_input_channels > 0

    @property
    def is_output(self) -> bool:
        """The device can play."""
        return self.max_output_channels > 0

    def to_json(self) -> dict[str, Any]:
        """The JSON form used by ``callcheck devices --json`` and reports."""
        return {
            "index": self.index,
            "name": self.name,
            "host_api": self.host_api,
            "max_input_channels": self.max_input_channels,
            "max_output_channels": self.max_output_channels,
            "default_sample_rate_hz": self.default_sample_rate_hz,
            "is_default_input": self.is_default_input,
            "is_default_output": self.is_default_output,
            "default_low_input_latency_ms": round(self.default_low_input_latency_ms, 2),
            "default_low_output_latency_ms": round(self.default_low_output_latency_ms, 2),
            "default_moved_from": self.default_moved_from,
        }


@dataclass(frozen=True)
class InputBlock:
    """A block of captured audio, handed to the engine loop."""

    samples: Samples
    """Mono float32 samples at full scale ±1.0 (a copy owned by the receiver)."""
    first_frame: int
    """Index of the first sample since the stream started (gaps from overflows are not counted)."""
    output_latency_s: float | None
    """Live output latency at this callback: PortAudio's DAC time minus the callback time (what is
    queued between the application and the speaker now); None without an output side."""
    callback_time_s: float | None = None
    """When the callback ran (``time.monotonic()``, the engine's clock): the block's last sample
    had just been captured, less the input device's own latency."""


@dataclass(frozen=True)
class StreamStats:
    """Counters of a stream; a snapshot safe to hand across threads."""

    input_frames: int
    """Samples captured."""
    output_frames: int
    """Samples played (including silence sent when the queue ran dry)."""
    input_overflows: int
    """Callbacks where PortAudio reported lost input (the application was too slow)."""
    output_underflows: int
    """Callbacks where PortAudio reported an output gap (the device ran dry)."""
    output_starved: int
    """Callbacks that found too little queued output and played silence for the rest."""
    callbacks: int = 0
    """Callbacks run."""


@dataclass(frozen=True)
class StreamConfig:
    """What to open."""

    input_device: AudioDevice | None
    """Capture device, or None for output only."""
    output_device: AudioDevice | None
    """Playback device, or None for input only."""
    sample_rate_hz: int = DEFAULT_SAMPLE_RATE_HZ
    """Stream sample rate."""
    latency_s: float = DEFAULT_LATENCY_S
    """Suggested latency passed to PortAudio."""
    block_frames: int = 0
    """Callback size in samples; 0 lets PortAudio choose (best for latency)."""


InputHandler = Callable[[InputBlock], None]
ErrorHandler = Callable[[AudioDeviceError], None]


class AudioStream(Protocol):
    """A running (or ready) stream. All methods are called on the engine loop's thread."""

    @property
    def config(self) -> StreamConfig:
        """What was opened."""
        ...

    @property
    def reported_latency_ms(self) -> tuple[float | None, float | None]:
        """PortAudio's reported (input, output) latency for the open stream."""
        ...

    @property
    def error(self) -> AudioDeviceError | None:
        """The error that stopped the stream, if any."""
        ...

    def start(self) -> None:
        """Start the stream."""
        ...

    def write(self, samples: npt.ArrayLike) -> None:
        """Queue mono samples (float, full scale ±1.0, or int16) for playback."""
        ...

    def queued_output_frames(self) -> int:
        """Samples queued for playback and not yet handed to the device."""
        ...

    def written_output_frames(self) -> int:
        """Samples written (queued) since the stream opened."""
        ...

    def output_consumption(self) -> list[tuple[int, float]]:
        """(samples taken from the queue so far — played or discarded —, monotonic time in s) at
        every output callback: when each written sample was handed to the host."""
        ...

    def discard_output(self, frames: int) -> None:
        """Drop the oldest ``frames`` queued samples (the queue holds delay nobody needs)."""
        ...

    @property
    def live_output_latency_s(self) -> float | None:
        """The host's output buffer at the latest callback: the output DAC time of its first
        sample minus the callback time (None before the first, or without an output side)."""
        ...

    def stats(self) -> StreamStats:
        """A snapshot of the stream's counters."""
        ...

    def close(self) -> None:
        """Stop and release the device. Idempotent."""
        ...


class AudioBackend(Protocol):
    """Where audio devices come from."""

    @property
    def name(self) -> str:
        """Backend name for reports ("portaudio", "synthetic")."""
        ...

    def list_devices(self) -> list[AudioDevice]:
        """Every input and output device."""
        ...

    def open_stream(
        self,
        config: StreamConfig,
        *,
        loop: asyncio.AbstractEventLoop,
        on_input: InputHandler | None = None,
        on_error: ErrorHandler | None = None,
    ) -> AudioStream:
        """Open a stream; callbacks run on ``loop``. Raises :class:`AudioDeviceError`."""
        ...


def find_device(
    devices: list[AudioDevice], spec: int | str | None, direction: Direction
) -> AudioDevice:
    """Pick a device by index, by (case-insensitive) name substring, or the default when None.

    An exact name match wins over substrings; among several substring matches the first listed
    wins. Raises :class:`AudioDeviceError` with the choices when nothing fits.
    """
    usable = [d for d in devices if (d.is_input if direction == "input" else d.is_output)]
    kind = "microphone (input)" if direction == "input" else "speaker (output)"
    if not usable:
        raise AudioDeviceError(
            f"No {kind} device found. Plug in a headset or enable a device in the system's "
            "sound settings, then try again."
        )
    if spec is None or (isinstance(spec, str) and spec.strip() == ""):
        for d in usable:
            if d.is_default_input if direction == "input" else d.is_default_output:
                return d
        return usable[0]
    if isinstance(spec, int) or spec.strip().isdigit():
        index = int(spec)
        for d in usable:
            if d.index == index:
                return d
        raise AudioDeviceError(
            f"No {kind} device with index {index}. {_choices(usable)}", device=str(index)
        )
    wanted = spec.strip().lower()
    exact = [d for d in usable if d.name.lower() == wanted]
    matches = exact or [d for d in usable if wanted in d.name.lower()]
    if not matches:
        raise AudioDeviceError(
            f"No {kind} device named like {spec!r}. {_choices(usable)}", device=spec
        )
    return matches[0]


def _choices(devices: list[AudioDevice]) -> str:
    listed = "; ".join(f"{d.index}: {d.name}" for d in devices[:12])
    return f"Available: {listed}. Run `callcheck devices` for the full list."


def _as_float32(samples: npt.ArrayLike) -> Samples:
    x = np.asarray(samples)
    if x.dtype == np.int16:
        return (x.astype(np.float32) / np.float32(32768.0)).reshape(-1)
    return x.astype(np.float32).reshape(-1)


def _device_label(config: StreamConfig) -> str:
    names = [d.name for d in (config.input_device, config.output_device) if d is not None]
    unique = list(dict.fromkeys(names))
    return " / ".join(unique) if unique else "audio device"


# ------------------------------------------------------------------------- PortAudio's lists

WASAPI: Final = "Windows WASAPI"
"""PortAudio's name of the Windows Audio Session API host (shared mode unless asked otherwise)."""

LEGACY_WINDOWS_APIS: Final = ("MME", "Windows DirectSound")
"""Windows host APIs that add their own buffering on top of WASAPI's (30–100 ms)."""

WINDOWS_MAPPERS: Final = (
    "Microsoft Sound Mapper - Input",
    "Microsoft Sound Mapper - Output",
    "Primary Sound Capture Driver",
    "Primary Sound Driver",
)
"""MME's and DirectSound's stand-ins for "whatever Windows uses by default"."""

MME_NAME_CHARS: Final = 31
"""MME truncates device names to 31 characters (``szPname`` holds 32 with the NUL)."""


def devices_from_portaudio(
    raw_devices: Sequence[Mapping[str, Any]],
    host_apis: Sequence[Mapping[str, Any]],
    default_input: int,
    default_output: int,
) -> list[AudioDevice]:
    """The device list of ``sounddevice.query_devices()`` / ``query_hostapis()`` and
    ``sounddevice.default.device``: every device, with the defaults moved to WASAPI where
    :func:`prefer_wasapi_defaults` says so. Pure: recorded lists test it on any platform."""
    wasapi = [api for api in host_apis if api["name"] == WASAPI]
    wasapi_defaults: tuple[int | None, int | None] = (None, None)
    if wasapi:
        wasapi_defaults = (
            _index_or_none(wasapi[0]["default_input_device"]),
            _index_or_none(wasapi[0]["default_output_device"]),
        )
    devices = _converted(raw_devices, host_apis, default_input, default_output)
    return prefer_wasapi_defaults(devices, wasapi_defaults)


def _converted(
    raw_devices: Sequence[Mapping[str, Any]],
    host_apis: Sequence[Mapping[str, Any]],
    default_input: int,
    default_output: int,
) -> list[AudioDevice]:
    """PortAudio's device dicts as :class:`AudioDevice` s, the defaults as PortAudio names
    them."""
    devices = []
    for info in raw_devices:
        index = int(info["index"])
        devices.append(
            AudioDevice(
                index=index,
                name=str(info["name"]),
                host_api=str(host_apis[int(info["hostapi"])]["name"]),
                max_input_channels=int(info["max_input_channels"]),
                max_output_channels=int(info["max_output_channels"]),
                default_sample_rate_hz=float(info["default_samplerate"]),
                is_default_input=index == default_input,
                is_default_output=index == default_output,
                default_low_input_latency_ms=1000.0 * float(info["default_low_input_latency"]),
                default_low_output_latency_ms=1000.0 * float(info["default_low_output_latency"]),
            )
        )
    return devices


def _index_or_none(index: Any) -> int | None:
    """A host API's default device index (PortAudio: −1 when it has none)."""
    value = int(index)
    return None if value < 0 else value


def _wasapi_twin(
    devices: Sequence[AudioDevice], device: AudioDevice, direction: Direction
) -> AudioDevice | None:
    """The same endpoint as ``device`` (an MME or DirectSound entry) under WASAPI, if listed: the
    same name (MME's cut to 31 characters)."""
    wasapi = [
        d
        for d in devices
        if d.host_api == WASAPI and (d.is_input if direction == "input" else d.is_output)
    ]
    if device.name in WINDOWS_MAPPERS:
        return None  # no endpoint of that name: the caller takes WASAPI's own default
    for d in wasapi:
        if d.name == device.name:
            return d
    if device.host_api == "MME" and len(device.name) == MME_NAME_CHARS:
        for d in wasapi:
            if d.name.startswith(device.name):
                return d
    return None


def prefer_wasapi_defaults(
    devices: Sequence[AudioDevice],
    wasapi_defaults: tuple[int | None, int | None] = (None, None),
) -> list[AudioDevice]:
    """``devices`` with the system default input and output moved to their WASAPI entry when the
    default is an MME or DirectSound device and the same endpoint is listed under WASAPI
    (Windows; PortAudio's default host API there is MME, which adds 30–100 ms of buffering of
    its own). A default that is a mapper ("Microsoft Sound Mapper", "Primary Sound Driver")
    moves to WASAPI's own default endpoint, ``wasapi_defaults`` (input, output index, from
    ``query_hostapis()``). The device the default moved to names the host API it replaced
    (``default_moved_from``). Anything else — every Linux and macOS list — comes back unchanged.
    """
    result = list(devices)
    directions: tuple[Direction, Direction] = ("input", "output")
    for direction, wanted in zip(directions, wasapi_defaults, strict=True):
        is_input = direction == "input"
        current = next(
            (d for d in result if (d.is_default_input if is_input else d.is_default_output)),
            None,
        )
        if current is None or current.host_api not in LEGACY_WINDOWS_APIS:
            continue
        twin = _wasapi_twin(result, current, direction)
        if twin is None and current.name in WINDOWS_MAPPERS and wanted is not None:
            twin = next((d for d in result if d.index == wanted and d.host_api == WASAPI), None)
        if twin is None:
            continue
        moved: list[AudioDevice] = []
        for d in result:
            if d is current or d is twin:
                default = d is twin
                d = (
                    replace(d, is_default_input=default)
                    if is_input
                    else replace(d, is_default_output=default)
                )
                if default:
                    d = replace(d, default_moved_from=current.host_api)
            moved.append(d)
        result = moved
    return result


# --------------------------------------------------------------------------------- sounddevice


def load_sounddevice() -> ModuleType:
    """Import ``sounddevice``; raises :class:`AudioUnavailable` when PortAudio is missing."""
    try:
        import sounddevice  # lazy: the import itself fails without PortAudio
    except (OSError, ImportError) as exc:
        raise AudioUnavailable(
            "Audio devices are unavailable: the PortAudio library could not be loaded "
            f"({exc}). On Linux install it with `apt-get install libportaudio2`; the test can "
            "still run without the audio device (--no-audio-device)."
        ) from exc
    module: ModuleType = sounddevice
    return module


class SoundDeviceBackend:
    """PortAudio through ``sounddevice``."""

    name: Final = "portaudio"

    def __init__(self) -> None:
        self._sd = load_sounddevice()

    def list_devices(self) -> list[AudioDevice]:
        """Every device PortAudio reports (raises :class:`AudioUnavailable` if it cannot)."""
        sd = self._sd
        try:
            raw = sd.query_devices()
            apis = sd.query_hostapis()
            default_in, default_out = sd.default.device
        except sd.PortAudioError as exc:
            raise AudioUnavailable(f"PortAudio could not list audio devices: {exc}") from exc
        return devices_from_portaudio(raw, apis, default_in, default_out)

    def open_stream(
        self,
        config: StreamConfig,
        *,
        loop: asyncio.AbstractEventLoop,
        on_input: InputHandler | None = None,
        on_error: ErrorHandler | None = None,
    ) -> SoundDeviceStream:
        """Open a PortAudio stream (not started). Raises :class:`AudioDeviceError`."""
        return SoundDeviceStream(self._sd, config, loop=loop, on_input=on_input, on_error=on_error)


class SoundDeviceStream:
    """A PortAudio duplex, input-only or output-only stream, mono at the configured rate."""

    def __init__(
        self,
        sd: ModuleType,
        config: StreamConfig,
        *,
        loop: asyncio.AbstractEventLoop,
        on_input: InputHandler | None,
        on_error: ErrorHandler | None,
    ) -> None:
        if config.input_device is None and config.output_device is None:
            raise ValueError("a stream needs an input device, an output device, or both")
        self._sd = sd
        self._config = config
        self._loop = loop
        self._on_input = on_input
        self._on_error = on_error
        self._label = _device_label(config)
        # Shared with the PortAudio thread: plain ints (written there only) and a deque.
        self._queue: collections.deque[Samples] = collections.deque()
        self._head_offset = 0
        # Discards are asked for here (loop thread, only ever increased) and carried out by the
        # callback (which alone touches the queue's head), so neither side needs a lock.
        self._discard_asked = 0
        self._discard_done = 0
        self._live_output_latency_s: float | None = None  # written by the callback only
        self._input_frames = 0
        self._output_frames = 0
        self._overflows = 0
        self._underflows = 0
        self._starved = 0
        self._callbacks = 0
        self._written = 0  # loop thread
        self._consumed = 0  # callback thread: queued samples played
        self._dropped = 0  # callback thread: queued samples discarded
        self._consumption: list[tuple[int, float]] = []  # appended by the callback only
        self._closing = False
        self._error: AudioDeviceError | None = None
        self._watchdog: asyncio.TimerHandle | None = None
        self._watched_callbacks = -1
        kwargs: dict[str, Any] = {
            "samplerate": config.sample_rate_hz,
            "blocksize": config.block_frames,
            "dtype": "float32",
            "latency": config.latency_s,
            "finished_callback": self._finished,
        }
        try:
            if config.input_device is not None and config.output_device is not None:
                self._stream = sd.Stream(
                    device=(config.input_device.index, config.output_device.index),
                    channels=1,
                    callback=self._duplex_callback,
                    **kwargs,
                )
            elif config.input_device is not None:
                self._stream = sd.InputStream(
                    device=config.input_device.index,
                    channels=1,
                    callback=self._input_callback,
                    **kwargs,
                )
            else:
                assert config.output_device is not None
                self._stream = sd.OutputStream(
                    device=config.output_device.index,
                    channels=1,
                    callback=self._output_callback,
                    **kwargs,
                )
        except (sd.PortAudioError, ValueError) as exc:
            raise AudioDeviceError(
                f"Could not open {self._label} at {config.sample_rate_hz} Hz: {exc}. The device "
                "may be in use by another application, unplugged, or refuse this sample rate; "
                "close other audio applications or pick another device.",
                device=self._label,
            ) from exc

    # ----------------------------------------------------------------- engine-loop side

    @property
    def config(self) -> StreamConfig:
        """What was opened."""
        return self._config

    @property
    def reported_latency_ms(self) -> tuple[float | None, float | None]:
        """PortAudio's (input, output) latency for this stream, in milliseconds."""
        latency = self._stream.latency
        if isinstance(latency, tuple):
            return 1000.0 * float(latency[0]), 1000.0 * float(latency[1])
        value = 1000.0 * float(latency)
        return (value, None) if self._config.output_device is None else (None, value)

    @property
    def error(self) -> AudioDeviceError | None:
        """The error that stopped the stream, if any."""
        return self._error

    def start(self) -> None:
        """Start the stream and its stall watchdog."""
        try:
            self._stream.start()
        except self._sd.PortAudioError as exc:
            raise AudioDeviceError(
                f"Could not start {self._label}: {exc}. Check that it is plugged in and not used "
                "by another application.",
                device=self._label,
            ) from exc
        self._watchdog = self._loop.call_later(STALL_TIMEOUT_S, self._check_stall)

    def write(self, samples: npt.ArrayLike) -> None:
        """Queue mono samples for playback (played after what is already queued)."""
        block = _as_float32(samples)
        if block.size:
            self._queue.append(block)
            self._written += block.size

    def written_output_frames(self) -> int:
        """Samples written since the stream opened."""
        return self._written

    def output_consumption(self) -> list[tuple[int, float]]:
        """(queued samples taken so far, monotonic time) at every output callback."""
        return list(self._consumption)

    def queued_output_frames(self) -> int:
        """Samples queued and not yet handed to PortAudio (approximate while running)."""
        pending = self._discard_asked - self._discard_done
        return max(0, sum(b.size for b in list(self._queue)) - self._head_offset - pending)

    def discard_output(self, frames: int) -> None:
        """Drop the oldest ``frames`` queued samples at the next callback."""
        if frames > 0:
            self._discard_asked += frames

    @property
    def live_output_latency_s(self) -> float | None:
        """The host's output buffer at the latest callback (PortAudio's DAC time − callback
        time)."""
        return self._live_output_latency_s

    def stats(self) -> StreamStats:
        """A snapshot of the counters."""
        return StreamStats(
            input_frames=self._input_frames,
            output_frames=self._output_frames,
            input_overflows=self._overflows,
            output_underflows=self._underflows,
            output_starved=self._starved,
            callbacks=self._callbacks,
        )

    def close(self) -> None:
        """Stop and close; keeps any error seen. Idempotent."""
        if self._closing:
            return
        self._closing = True
        if self._watchdog is not None:
            self._watchdog.cancel()
        with contextlib.suppress(self._sd.PortAudioError):
            self._stream.abort()
        with contextlib.suppress(self._sd.PortAudioError):
            self._stream.close()

    def _fail(self, detail: str) -> None:
        if self._closing or self._error is not None:
            return
        self._error = AudioDeviceError(
            f"The audio device {self._label} stopped working ({detail}). It may have been "
            "unplugged or taken by another application: plug it back in or pick another device, "
            "then run the test again. What was measured until then is kept.",
            device=self._label,
        )
        if self._on_error is not None:
            self._on_error(self._error)

    def _check_stall(self) -> None:
        self._watchdog = None
        if self._closing or self._error is not None:
            return
        if self._callbacks == self._watched_callbacks:
            self._fail(f"no audio for {STALL_TIMEOUT_S:.0f} s")
            return
        self._watched_callbacks = self._callbacks
        self._watchdog = self._loop.call_later(STALL_TIMEOUT_S, self._check_stall)

    # ---------------------------------------------------------------- PortAudio thread

    def _finished(self) -> None:
        # PortAudio calls this when the stream ends: after close() (expected) or on an error.
        if not self._closing:
            with contextlib.suppress(RuntimeError):  # loop already closed
                self._loop.call_soon_threadsafe(self._fail, "the stream ended unexpectedly")

    def _duplex_callback(
        self, indata: Samples, outdata: Samples, frames: int, time: Any, status: Any
    ) -> None:
        self._count(status, frames)
        self._fill(outdata, frames)
        latency = float(time.outputBufferDacTime - time.currentTime)
        self._live_output_latency_s = latency
        self._hand_off(indata, frames, latency)

    def _input_callback(self, indata: Samples, frames: int, time: Any, status: Any) -> None:
        self._count(status, frames)
        self._hand_off(indata, frames, None)

    def _output_callback(self, outdata: Samples, frames: int, time: Any, status: Any) -> None:
        self._count(status, frames)
        self._fill(outdata, frames)
        self._live_output_latency_s = float(time.outputBufferDacTime - time.currentTime)

    def _count(self, status: Any, frames: int) -> None:
        self._callbacks += 1
        if status.input_overflow:
            self._overflows += 1
        if status.output_underflow:
            self._underflows += 1

    def _hand_off(self, indata: Samples, frames: int, output_latency_s: float | None) -> None:
        if self._on_input is not None:
            block = InputBlock(
                indata[:, 0].copy(), self._input_frames, output_latency_s, time.monotonic()
            )
            with contextlib.suppress(RuntimeError):  # loop closed while the stream stops
                self._loop.call_soon_threadsafe(self._on_input, block)
        self._input_frames += frames

    def _fill(self, outdata: Samples, frames: int) -> None:
        written = 0
        queue = self._queue
        skip = self._discard_asked - self._discard_done
        while skip > 0 and queue:
            head = queue[0]
            take = min(skip, head.size - self._head_offset)
            skip -= take
            self._discard_done += take
            self._dropped += take
            self._head_offset += take
            if self._head_offset >= head.size:
                queue.popleft()
                self._head_offset = 0
        if skip > 0:
            self._discard_done += skip  # asked for more than was queued: nothing left to drop
        while written < frames and queue:
            head = queue[0]
            take = min(frames - written, head.size - self._head_offset)
            outdata[written : written + take, 0] = head[
                self._head_offset : self._head_offset + take
            ]
            written += take
            self._head_offset += take
            if self._head_offset >= head.size:
                queue.popleft()
                self._head_offset = 0
        if written < frames:
            outdata[written:] = 0.0
            self._starved += 1
        self._output_frames += frames
        self._consumed += written
        self._consumption.append((self._consumed + self._dropped, time.monotonic()))


# ----------------------------------------------------------------------------------- synthetic


@dataclass(frozen=True)
class SyntheticRoute:
    """How the synthetic backend connects its output to its input."""

    delay_ms: float | None = 20.0
    """Output-to-input delay; None = nothing routed back (the input hears only noise)."""
    gain: float = 1.0
    """Gain of the routed-back signal."""
    noise_dbfs: float = -80.0
    """Level of white noise added to the input (RMS dBFS)."""
    seed: int = 1
    """Seed of the noise generator (reproducible runs)."""


class SyntheticAudioBackend:
    """A fake sound card: one input and one output, the output routed back to the input.

    The route's delay is the time from a sample's hand-over to the output (the callback that takes
    it) to its capture, as on a real card with no buffering of its own.

    Blocks are produced by the asyncio loop's timer at the stream's pace, so code above this
    module runs as it would with hardware, on machines that have none.
    """

    name: Final = "synthetic"

    def __init__(self, route: SyntheticRoute | None = None) -> None:
        self.route = route or SyntheticRoute()
        self.fail_after_frames: int | None = None
        """Simulate an unplug once this many samples have been captured (for tests)."""

    def list_devices(self) -> list[AudioDevice]:
        """A synthetic microphone and speaker, both defaults."""
        common: dict[str, Any] = {
            "host_api": "synthetic",
            "default_sample_rate_hz": float(DEFAULT_SAMPLE_RATE_HZ),
            "default_low_input_latency_ms": 0.0,
            "default_low_output_latency_ms": 0.0,
        }
        return [
            AudioDevice(0, "Synthetic microphone", max_input_channels=1, max_output_channels=0,
                        is_default_input=True, is_default_output=False, **common),
            AudioDevice(1, "Synthetic speaker", max_input_channels=0, max_output_channels=1,
                        is_default_input=False, is_default_output=True, **common),
        ]  # fmt: skip

    def open_stream(
        self,
        config: StreamConfig,
        *,
        loop: asyncio.AbstractEventLoop,
        on_input: InputHandler | None = None,
        on_error: ErrorHandler | None = None,
    ) -> SyntheticStream:
        """Open a synthetic stream."""
        return SyntheticStream(self, config, loop=loop, on_input=on_input, on_error=on_error)


class SyntheticStream:
    """A stream of :class:`SyntheticAudioBackend`, ticking every 10 ms on the loop."""

    BLOCK_MS: Final = 10.0

    def __init__(
        self,
        backend: SyntheticAudioBackend,
        config: StreamConfig,
        *,
        loop: asyncio.AbstractEventLoop,
        on_input: InputHandler | None,
        on_error: ErrorHandler | None,
    ) -> None:
        self._backend = backend
        self._config = config
        self._loop = loop
        self._on_input = on_input
        self._on_error = on_error
        self._block = round(config.sample_rate_hz * self.BLOCK_MS / 1000.0)
        route = backend.route
        self._delay = (
            None if route.delay_ms is None else round(route.delay_ms * config.sample_rate_hz / 1e3)
        )
        # The input block handed over at a tick holds the block period that just ended, and the
        # output taken at that tick starts playing then: it can be heard one block later at the
        # earliest, so the line holds one block beyond the route's delay (without it, a route of
        # 0 ms read as −10 ms by a timing that follows the callbacks, as the call's does).
        self._line: Samples = np.zeros((self._delay or 0) + self._block, dtype=np.float32)
        self._rng = np.random.default_rng(route.seed)
        self._queue: collections.deque[Samples] = collections.deque()
        self._pending = np.zeros(0, dtype=np.float32)
        self._written = 0
        self._taken = 0
        self._consumption: list[tuple[int, float]] = []
        self._frames = 0
        self._starved = 0
        self._timer: asyncio.Handle | None = None
        self._t0 = 0.0
        self._error: AudioDeviceError | None = None
        self._closed = False

    @property
    def config(self) -> StreamConfig:
        """What was opened."""
        return self._config

    @property
    def reported_latency_ms(self) -> tuple[float | None, float | None]:
        """Zero latency on each side that exists."""
        return (
            None if self._config.input_device is None else 0.0,
            None if self._config.output_device is None else 0.0,
        )

    @property
    def error(self) -> AudioDeviceError | None:
        """The simulated unplug error, if any."""
        return self._error

    def start(self) -> None:
        """Start ticking."""
        self._t0 = self._loop.time()
        self._timer = self._loop.call_soon(self._tick)

    def write(self, samples: npt.ArrayLike) -> None:
        """Queue samples for playback."""
        block = _as_float32(samples)
        if block.size:
            self._queue.append(block)
            self._written += block.size

    def written_output_frames(self) -> int:
        """Samples written since the stream opened."""
        return self._written

    def output_consumption(self) -> list[tuple[int, float]]:
        """(queued samples taken so far, monotonic time) at every tick."""
        return list(self._consumption)

    def queued_output_frames(self) -> int:
        """Samples queued and not yet played."""
        return sum(b.size for b in self._queue) + self._pending.size

    def discard_output(self, frames: int) -> None:
        """Drop the oldest ``frames`` queued samples."""
        if frames > 0:
            self._take_output(min(frames, self.queued_output_frames()), count_starved=False)

    @property
    def live_output_latency_s(self) -> float | None:
        """Nothing is buffered beyond the queue (0), when the stream plays."""
        return None if self._config.output_device is None else 0.0

    def stats(self) -> StreamStats:
        """Counters (a synthetic stream never overflows)."""
        has_in = self._config.input_device is not None
        has_out = self._config.output_device is not None
        return StreamStats(
            self._frames if has_in else 0,
            self._frames if has_out else 0,
            0,
            0,
            self._starved,
            callbacks=self._frames // self._block if self._block else 0,
        )

    def close(self) -> None:
        """Stop ticking."""
        self._closed = True
        if self._timer is not None:
            self._timer.cancel()

    def _take_output(self, n: int, *, count_starved: bool = True) -> Samples:
        parts = [self._pending]
        have = self._pending.size
        while have < n and self._queue:
            block = self._queue.popleft()
            parts.append(block)
            have += block.size
        joined = np.concatenate(parts) if len(parts) > 1 else self._pending
        if joined.size < n:
            if self._config.output_device is not None and count_starved:
                self._starved += 1
            joined = np.concatenate([joined, np.zeros(n - joined.size, dtype=np.float32)])
        self._pending = joined[n:]
        self._taken += min(n, have)
        return joined[:n]

    def _tick(self) -> None:
        if self._closed:
            return
        n = self._block
        route = self._backend.route
        played = self._take_output(n) if self._config.output_device is not None else None
        if played is not None:
            self._consumption.append((self._taken, time.monotonic()))
        limit = self._backend.fail_after_frames
        if limit is not None and self._frames >= limit:
            self._error = AudioDeviceError(
                f"The audio device {_device_label(self._config)} stopped working (simulated "
                "unplug). Plug it back in or pick another device; what was measured is kept.",
                device=_device_label(self._config),
            )
            self._closed = True
            if self._on_error is not None:
                self._on_error(self._error)
            return
        if self._config.input_device is not None:
            noise_rms = 10.0 ** (route.noise_dbfs / 20.0)
            captured = (noise_rms * self._rng.standard_normal(n)).astype(np.float32)
            if played is not None and self._delay is not None:
                line = np.concatenate([self._line, played])
                captured += np.float32(route.gain) * line[:n]
                self._line = line[n:]
            if self._on_input is not None:
                out_latency = None if played is None else 0.0
                self._on_input(InputBlock(captured, self._frames, out_latency, time.monotonic()))
        self._frames += n
        # Schedule by absolute time so the pace does not drift with the loop's jitter.
        due = self._t0 + self._frames / self._config.sample_rate_hz
        self._timer = self._loop.call_at(max(due, self._loop.time()), self._tick)
