"""The Devices screen's link to the engine: device list, live input level, tone, latency check.

Everything touching audio runs on the engine thread (the same loop as test calls, through
:meth:`EngineBridge.submit`): the backend is created there, streams are opened there and the
input callback's blocks arrive there. Results come back as Qt signals, queued to the GUI thread.
The live level is measured with :func:`callcheck.core.audio_analysis.measure_level` over the
blocks of each ~70 ms and emitted at that rate (screen speed, not callback speed).
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Final

import numpy as np
from PySide6.QtCore import QObject, Signal, SignalInstance

from callcheck.core.audio_analysis import measure_level
from callcheck.engine.audio_io import (
    AudioBackend,
    AudioDevice,
    AudioDeviceError,
    AudioUnavailable,
    InputBlock,
    SoundDeviceBackend,
    StreamConfig,
)

if TYPE_CHECKING:
    from callcheck.gui.bridge import EngineBridge

logger = logging.getLogger(__name__)

LEVEL_INTERVAL_S: Final = 0.07
"""Live level: one reading per ~70 ms (≈ 14 updates a second)."""
MAX_LISTEN_S: Final = 120.0
"""The meter stops by itself after two minutes (a forgotten open microphone)."""
LATENCY_REPETITIONS: Final = 3

BackendFactory = Callable[[], AudioBackend]


def _default_backend() -> AudioBackend:
    return SoundDeviceBackend()


class DeviceService(QObject):
    """Device checks for the GUI; every result arrives as a signal.

    ``devicesListed(list[AudioDevice])`` or ``unavailable(str)``; ``level(LevelReading)`` while
    listening, then ``listenStopped(str)`` (an error message, or "" when stopped normally);
    ``toneDone(str)`` ("" or an error); ``latencyMeasured(LatencyMeasurement)`` then
    ``latencyDone(str)`` (the measurement's sentence), or ``latencyDone(str)`` alone (an error).
    """

    devicesListed = Signal(object)
    unavailable = Signal(str)
    level = Signal(object)
    listenStopped = Signal(str)
    toneDone = Signal(str)
    latencyMeasured = Signal(object)
    latencyDone = Signal(str)

    def __init__(
        self,
        bridge: EngineBridge,
        backend_factory: BackendFactory | None = None,
        *,
        latency_repetitions: int = LATENCY_REPETITIONS,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._bridge = bridge
        self._factory = backend_factory or _default_backend
        self._backend: AudioBackend | None = None
        self._listen_future: concurrent.futures.Future[None] | None = None
        self._stop_listening: asyncio.Event | None = None
        self._busy = False
        self.latency_repetitions = latency_repetitions

    # ------------------------------------------------------------------ engine-thread helpers

    def _backend_on_engine(self) -> AudioBackend:
        if self._backend is None:
            self._backend = self._factory()
        return self._backend

    async def _list(self) -> None:
        try:
            devices = self._backend_on_engine().list_devices()
        except (AudioUnavailable, AudioDeviceError, OSError) as exc:
            self.unavailable.emit(str(exc))
            return
        self.devicesListed.emit(devices)

    async def _listen(self, device: AudioDevice) -> None:
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        self._stop_listening = stop
        pending: list[np.typing.NDArray[np.float32]] = []
        last_emit = loop.time()
        error = ""

        def on_input(block: InputBlock) -> None:
            nonlocal last_emit
            pending.append(block.samples)
            now = loop.time()
            if now - last_emit >= LEVEL_INTERVAL_S:
                last_emit = now
                reading = measure_level(np.concatenate(pending))
                pending.clear()
                self.level.emit(reading)

        def on_error(exc: AudioDeviceError) -> None:
            nonlocal error
            error = str(exc)
            stop.set()

        try:
            stream = self._backend_on_engine().open_stream(
                StreamConfig(device, None), loop=loop, on_input=on_input, on_error=on_error
            )
        except (AudioUnavailable, AudioDeviceError, OSError) as exc:
            self.listenStopped.emit(str(exc) or type(exc).__name__)
            return
        try:
            stream.start()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), MAX_LISTEN_S)
        except (AudioDeviceError, OSError) as exc:
            error = str(exc)
        finally:
            stream.close()
            self._stop_listening = None
        self.listenStopped.emit(error)

    def _done(self, signal: SignalInstance, message: str) -> None:
        """End the tone or the delay check: free first, then say so. The screen re-enables its
        buttons on the signal; said first, they could stay off (the engine thread not yet
        past the end of its task) and a click right after the tone did nothing."""
        self._busy = False
        signal.emit(message)

    async def _tone(self, device: AudioDevice) -> None:
        from callcheck.engine.device_checks import play_test_tone

        try:
            await play_test_tone(self._backend_on_engine(), device)
        except (AudioUnavailable, AudioDeviceError, OSError) as exc:
            self._done(self.toneDone, str(exc) or type(exc).__name__)
            return
        finally:
            self._busy = False  # whatever else ended it
        self._done(self.toneDone, "")

    async def _latency(self, input_device: AudioDevice, output_device: AudioDevice) -> None:
        from callcheck.engine.device_latency import measure_device_latency

        try:
            result = await measure_device_latency(
                self._backend_on_engine(),
                input_device,
                output_device,
                repetitions=self.latency_repetitions,
            )
        except (AudioUnavailable, AudioDeviceError, OSError) as exc:
            self._done(self.latencyDone, str(exc) or type(exc).__name__)
            return
        finally:
            self._busy = False  # whatever else ended it
        self.latencyMeasured.emit(result)
        self._done(self.latencyDone, result.message)

    # ------------------------------------------------------------------ GUI-thread API

    def refresh(self) -> None:
        """List the devices (``devicesListed`` or ``unavailable`` follows)."""
        self._bridge.submit(self._list())

    def isListening(self) -> bool:
        """The level meter is running."""
        return self._listen_future is not None and not self._listen_future.done()

    def isBusy(self) -> bool:
        """A tone or a latency measurement is running (set here, cleared on the engine thread
        before its done signal)."""
        return self._busy

    def startListening(self, device: AudioDevice) -> None:
        """Open ``device`` and emit its level until :meth:`stopListening`."""
        if self.isListening():
            return
        self._listen_future = self._bridge.submit(self._listen(device))

    def stopListening(self) -> None:
        """Close the meter's stream (``listenStopped("")`` follows)."""
        future = self._listen_future
        if future is None or future.done():
            return
        stop = self._stop_listening
        if stop is not None:
            self._bridge.call_soon(stop.set)
        else:  # not opened yet
            future.cancel()
            self.listenStopped.emit("")

    def playTone(self, device: AudioDevice) -> None:
        """The speaker test (``toneDone`` follows)."""
        if not self._busy:
            self._busy = True
            try:
                self._bridge.submit(self._tone(device))
            except BaseException:
                self._busy = False
                raise

    def measureLatency(self, input_device: AudioDevice, output_device: AudioDevice) -> None:
        """The device round-trip check (``latencyDone`` follows)."""
        if not self._busy:
            self._busy = True
            try:
                self._bridge.submit(self._latency(input_device, output_device))
            except BaseException:
                self._busy = False
                raise
