"""``EngineBridge``: the one object between the Qt GUI and the asyncio engine (DESIGN.md, Threads).

The engine owns an asyncio loop in a worker thread (:class:`~callcheck.engine.loop.EngineLoop`);
aiortc never runs on Qt's loop. The bridge submits the test call to that loop and re-emits what
the engine hands out — frozen snapshots, the result, the failure — as Qt signals, which Qt
queues to the GUI thread. Widgets connect to the signals and never touch asyncio.

aiortc is imported on the engine thread when the first test starts (or by :meth:`warm_up`), not
when the GUI starts: the first window must appear within 1.5 s.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import gc
import logging
import threading
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from callcheck.core.report import Report
from callcheck.engine.loop import EngineLoop
from callcheck.engine.snapshots import CallFailed, CallResult
from callcheck.gui import texts

if TYPE_CHECKING:
    from callcheck.engine.live_share import ThreadedShare
    from callcheck.engine.session import TestSession

logger = logging.getLogger(__name__)
T = TypeVar("T")

TestMode = Literal["loopback", "server", "peer"]
#: Modes the engine can run: all three of DESIGN.md.
AVAILABLE_MODES: Final[tuple[TestMode, ...]] = ("loopback", "server", "peer")
#: Server and peer modes: give up connecting after this long, so that a failure (server down,
#: UDP blocked) is on screen within 10 s of the click, as the CLI does.
REMOTE_CONNECT_TIMEOUT_S: Final = 7.0
#: Failure reason codes of the GUI itself (the engine's are in ``engine.snapshots``).
NO_SERVER: Final = "no_server"
"""A network test or room was asked for, but Settings has no server URL."""
INVALID_SETTINGS: Final = "invalid_settings"
"""A setting (server URL, STUN/TURN server) cannot be used."""
MODE_NOT_AVAILABLE: Final = "mode_not_available"
UNEXPECTED: Final = "unexpected"
#: DESIGN.md / issue 7: Cancel and window close stop a test within 1 s.
CANCEL_GRACE_MS: Final = 800
STOP_GRACE_S: Final = 2.0
SHUTDOWN_TIMEOUT_S: Final = 5.0


@dataclass(frozen=True, slots=True)
class TestOptions:
    """What test the user asked for."""

    __test__ = False  # not a pytest class

    mode: TestMode = "loopback"
    """loopback (quick local check), server (network test) or peer (call a colleague)."""
    duration_s: float = 20.0
    """Measured length of the call."""
    codec: str = "opus"
    """opus, g722, pcmu or pcma."""
    ice_server_urls: tuple[str, ...] = ()
    """STUN/TURN servers as in Settings: ``stun:host:port``,
    ``turn[s]:user:password@host:port[?transport=tcp]``."""
    force_relay: bool = False
    impairment: str | None = None
    """An ``--impair`` spec (what-if mode), e.g. ``delay=50,jitter=10,loss=2``."""
    server_url: str = ""
    """Server and peer modes: the CallCheck server (reflector and rooms)."""
    token: str = ""
    """Bearer token for the server (empty: none)."""
    room_code: str = ""
    """Peer mode: join this room (the code the colleague read out)."""
    create_room: bool = False
    """Peer mode: create a room first (its code arrives through ``roomCreated``)."""
    connect_timeout_s: float | None = None
    """``None``: the engine's default in loopback, :data:`REMOTE_CONNECT_TIMEOUT_S` otherwise."""
    peer_wait_s: float | None = None
    """Peer mode: how long to wait for the colleague (``None``: the engine's default)."""
    use_devices: bool = True
    """Microphone and speaker in the call; False = the built-in test signal, no playback."""
    probe: bool = True
    """Server mode: the capacity / bufferbloat / QoS probe after the call, as the CLI runs it."""
    input_device: str = ""
    """Microphone by name ("" = the system default)."""
    output_device: str = ""
    """Speaker or headset by name ("" = the system default)."""
    share: bool = False
    """Server and peer modes: share the test live with the helpdesk (issue 17)."""


@dataclass(frozen=True, slots=True)
class EchoRequest:
    """Hear yourself: record, send through a test call, play back (issue 16)."""

    mode: Literal["loopback", "server"] = "loopback"
    """Loopback (the call on this computer) or through the reflector at ``server_url``."""
    seconds: float = 5.0
    """How long the user speaks."""
    codec: str = "opus"
    server_url: str = ""
    token: str = ""
    use_devices: bool = True
    """Microphone and speaker; False = the built-in test signal, nothing played."""
    input_device: str = ""
    output_device: str = ""
    impairment: str = ""
    """A simulated worse network: an ``--impair`` spec or one of the engine's
    ``NETWORK_PRESETS`` names ("" = the network as it is)."""


@dataclass(frozen=True, slots=True)
class EchoOutcome:
    """How "Hear yourself" ended: the figures of what came back, or what went wrong."""

    path_delay_ms: float | None = None
    heard_delay_ms: float | None = None
    concealed_pct: float | None = None
    similarity: float | None = None
    error: str = ""
    cancelled: bool = False
    """The user cancelled it: it stopped where it was, and the devices are closed again."""
    network_delay_ms: float | None = None
    """The network part of ``path_delay_ms`` (engine ``EchoResult``)."""
    playout_wait_ms: float | None = None
    """The playout buffer's part of ``path_delay_ms`` (engine ``EchoResult``)."""
    impairment: str = ""
    """The simulated network it went through (the request's)."""
    mode: Literal["loopback", "server"] = "loopback"
    """The request's: in server mode the simulated network is on both legs."""


class _EchoRun:
    """One "Hear yourself" run: its task on the engine loop, so that Cancel can stop it there.

    Cancelling the :class:`concurrent.futures.Future` of ``run_coroutine_threadsafe`` would
    report "cancelled" at once, while the call and the audio streams are still closing; the
    task itself is cancelled instead, and the future follows once its ``finally`` blocks (the
    peers, the microphone and speaker streams) are done: then the devices are free.
    """

    def __init__(self) -> None:
        self.task: asyncio.Task[Any] | None = None
        self.cancel_requested = False
        self.future: concurrent.futures.Future[EchoOutcome] | None = None

    async def run(
        self, request: EchoRequest, on_phase: Callable[[str], object] | None = None
    ) -> EchoOutcome:
        self.task = asyncio.current_task()
        if self.cancel_requested:  # cancelled before its first step ran
            raise asyncio.CancelledError
        return await _run_echo(request, on_phase)

    def cancel(self) -> None:
        """On the engine loop: stop the run wherever it is."""
        self.cancel_requested = True
        if self.task is not None:
            self.task.cancel()

    def running(self) -> bool:
        return self.future is not None and not self.future.done()


#: The phases of "Hear yourself" (``EngineBridge.echoPhase``): the microphone records, the
#: recording goes through the test call, what came back plays on the speaker.
ECHO_RECORDING: Final = "recording"
ECHO_IN_CALL: Final = "call"
ECHO_PLAYING: Final = "playing"


async def _run_echo(
    request: EchoRequest, on_phase: Callable[[str], object] | None = None
) -> EchoOutcome:
    # Imported here: echo_test pulls in aiortc, which the GUI imports on the engine thread only.
    from callcheck.engine import echo_test
    from callcheck.engine.impairment import ImpairmentSpec
    from callcheck.engine.sources import SyntheticSpeechSource

    def phase(name: str) -> None:
        if on_phase is not None:
            on_phase(name)

    spec = ImpairmentSpec.parse(request.impairment) if request.impairment else None
    impairment = None if spec is None or spec.is_identity else spec
    if request.use_devices:
        spoken, rate = await echo_test.record_microphone(
            request.seconds, request.input_device, on_open=lambda: phase(ECHO_RECORDING)
        )
    else:
        phase(ECHO_RECORDING)
        rate = 16_000
        spoken = SyntheticSpeechSource(sample_rate_hz=rate).read(round(request.seconds * rate))
    options = (
        echo_test.EchoOptions(codec=request.codec, impairment=impairment)
        if request.mode == "loopback"
        else echo_test.EchoOptions(
            mode="server",
            codec=request.codec,
            impairment=impairment,
            server_url=request.server_url,
            token=request.token or None,
            connect_timeout_s=REMOTE_CONNECT_TIMEOUT_S,
        )
    )
    phase(ECHO_IN_CALL)
    result = await echo_test.run_echo(spoken, rate, options)
    if request.use_devices:
        await echo_test.play_to_speaker(
            result.playback_audio(),
            result.sample_rate_hz,
            request.output_device,
            on_open=lambda: phase(ECHO_PLAYING),
        )
    return EchoOutcome(
        path_delay_ms=result.path_delay_ms,
        heard_delay_ms=result.heard_delay_ms,
        concealed_pct=result.concealed_pct,
        similarity=result.similarity,
        impairment=request.impairment,
        mode=request.mode,
        network_delay_ms=result.network_delay_ms,
        playout_wait_ms=result.playout_wait_ms,
    )


@dataclass(frozen=True, slots=True)
class TestFailure:
    """Why a test could not run: the engine's reason code and words, and what was checked."""

    __test__ = False

    reason_code: str
    """A ``CallFailed`` reason code (``server_unreachable``, ``udp_blocked`` …) or one of this
    module's (``no_server``, ``invalid_settings`` …)."""
    message: str
    """The engine's own description (names the server, the HTTP status …)."""
    connectivity: dict[str, Any] | None = None
    """The report-style ``connectivity`` section of the diagnosis so far, if there was one."""
    report: Report | None = None
    """The partial report of the test that could not start (issue 14: it goes to the history
    like any other); ``None`` when no test was started (settings invalid, no server)."""


@dataclass(frozen=True, slots=True)
class TestOutcome:
    """A finished test: what the engine measured and the report built from it."""

    __test__ = False

    result: CallResult
    report: Report


class _SessionFailedError(Exception):
    """The session ended with a partial report: carries it to :meth:`EngineBridge._on_done`."""

    def __init__(self, failure: CallFailed, report: Report) -> None:
        super().__init__(failure.message)
        self.failure = failure
        self.report = report


def _invalid(what: str, error: Exception) -> CallFailed:
    return CallFailed(INVALID_SETTINGS, texts.INVALID_SETTING.format(what=what, error=error))


async def _run_test(options: TestOptions, bridge: EngineBridge) -> TestOutcome:
    """The test, on the engine thread (imports aiortc there on first use).

    Only translates ``options`` into a :class:`~callcheck.engine.session.TestSession`: the
    session runs the same test as `callcheck test` (DESIGN.md, "One test session").
    """
    from callcheck.engine.call import CallConfig
    from callcheck.engine.ice_servers import IceServerError, parse_ice_server
    from callcheck.engine.impairment import ImpairmentSpec
    from callcheck.engine.session import SessionOptions, TestSession

    try:
        ice = tuple(parse_ice_server(u) for u in options.ice_server_urls)
    except IceServerError as exc:
        raise _invalid(texts.SETTINGS_ICE, exc) from None
    remote = options.mode != "loopback"
    token = options.token or None
    room_code = options.room_code.strip() or None
    if options.mode == "peer" and options.create_room:
        from callcheck.engine.signaling import new_room

        try:
            room = await new_room(options.server_url, token)
        except ValueError as exc:
            raise _invalid(texts.SETTINGS_SERVER_URL, exc) from None
        room_code = room.code
        bridge.roomCreated.emit(room.code)
    kwargs: dict[str, Any] = {
        "duration_s": options.duration_s,
        "codec": options.codec,
        "ice_servers": ice,
        "force_relay": options.force_relay,
        "mode": options.mode,
    }
    if remote:
        kwargs.update(
            server_url=options.server_url,
            token=token,
            room_code=room_code,
            connect_timeout_s=options.connect_timeout_s or REMOTE_CONNECT_TIMEOUT_S,
        )
        if options.peer_wait_s is not None:
            kwargs["peer_wait_s"] = options.peer_wait_s
    elif options.connect_timeout_s is not None:
        kwargs["connect_timeout_s"] = options.connect_timeout_s
    try:
        if options.impairment:
            config = CallConfig.impaired(ImpairmentSpec.parse(options.impairment), **kwargs)
        else:
            config = CallConfig(**kwargs)
    except ValueError as exc:
        what = texts.SETTINGS_SERVER_URL if remote else texts.SETTINGS_TITLE
        raise _invalid(what, exc) from None
    share = await bridge._share_for(options) if remote and options.share else None

    def on_snapshot(snap: Any) -> None:
        bridge.snapshot.emit(snap)

    if share is not None:
        share.begin_run(options.mode, options.duration_s)
        shared = share.snapshot_hook(lambda: session.connectivity_checks())

        def on_snapshot(snap: Any) -> None:
            bridge.snapshot.emit(snap)
            shared(snap)

    session = TestSession(
        SessionOptions(
            call=config,
            use_devices=options.use_devices,
            input_device=options.input_device or None,
            output_device=options.output_device or None,
            probe=options.probe,
            ice_server_urls=options.ice_server_urls,
        ),
        on_snapshot=on_snapshot,
        on_waiting=bridge.waiting.emit,
    )
    bridge._session = session
    outcome = await session.run()
    if share is not None and share.info is not None:
        data = outcome.report.to_json()
        data["share"] = share.info.to_json()
        if outcome.failure is not None:
            share.failed(outcome.failure.message)
        share.report(data)
    if outcome.failure is not None or outcome.result is None:
        failure = outcome.failure or CallFailed(
            UNEXPECTED, texts.ERROR_UNEXPECTED.format(error="no result")
        )
        raise _SessionFailedError(failure, outcome.report)
    return TestOutcome(outcome.result, outcome.report)


def _freeze_heap() -> None:
    """Move everything alive now out of the cyclic GC's reach, once (the first test).

    Measured with ``bench_gui_stall.py``: a full (generation 2) collection during a test walks
    every object of Qt, pyqtgraph, numpy and aiortc — 40–70 ms with the GIL held, a stall of
    the GUI thread whichever thread triggers it. What exists when the first test starts (modules,
    widgets, the warmed-up media stack) lives as long as the app, so it is frozen (``gc.freeze``)
    and later collections only walk what tests create.
    """
    global _heap_frozen
    if not _heap_frozen:
        gc.freeze()
        _heap_frozen = True


_heap_frozen = False


def _warm_up_imports() -> None:
    import callcheck.engine.session  # noqa: F401  (the call, the audio path, the report)


class EngineBridge(QObject):
    """Runs test calls on the engine thread and reports back through signals.

    Signals are emitted from the engine thread; Qt delivers them queued on the GUI thread.
    ``snapshot(LiveSnapshot)`` ≥ 4 times a second; then exactly one of ``finished(TestOutcome)``,
    ``failure(TestFailure)`` (immediately followed by ``failed(str)``, the engine's message) or
    ``cancelled()``. In peer mode, before the call: ``roomCreated(code)`` when the bridge made
    the room, and ``waiting(code)`` while waiting for the colleague to join.
    """

    snapshot = Signal(object)
    finished = Signal(object)
    failure = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    roomCreated = Signal(str)
    waiting = Signal(str)
    shareStarted = Signal(object)
    """Sharing with the helpdesk started: the :class:`~callcheck.engine.live_share.ShareInfo`."""
    shareFailed = Signal(str)
    """The share could not be made (the test runs unshared): why."""
    shareStopped = Signal(str)
    """Sharing ended (stopped by the employee, or the server dropped the channel): why."""
    shareViewers = Signal(int)
    """How many have the helpdesk page open."""
    shareReconnecting = Signal(str)
    """The sharing channel was lost and is being made again (why, in English)."""
    shareResumed = Signal()
    """Sharing again after a lost channel."""
    runAgainRequested = Signal()
    """The helpdesk asks for another run: ask the employee (never run without their click)."""
    echoPhase = Signal(str)
    """"Hear yourself" entered a phase: ``ECHO_RECORDING``, ``ECHO_IN_CALL``, ``ECHO_PLAYING``."""
    echoFinished = Signal(object)
    """How "Hear yourself" ended: an :class:`EchoOutcome` (figures, error, or cancelled)."""

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine: EngineLoop | None = None
        self._future: concurrent.futures.Future[TestOutcome] | None = None
        self._session: TestSession | None = None
        self._cancel_requested = False
        self._pending: TestOptions | None = None
        self._share: ThreadedShare | None = None
        self._echo: _EchoRun | None = None

    def _engine_loop(self) -> EngineLoop:
        if self._engine is None:
            self._engine = EngineLoop()
            self._engine.start()
        return self._engine

    def warm_up(self) -> None:
        """Start the engine thread and import the media stack there, ahead of the first test."""
        self._engine_loop().call_soon(_warm_up_imports)

    def submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        """Run another engine coroutine (device checks) on the engine thread."""
        return self._engine_loop().submit(coro)

    def call_soon(self, callback: Callable[[], object]) -> None:
        """Run a plain callback on the engine thread."""
        self._engine_loop().call_soon(callback)

    def isRunning(self) -> bool:
        """A test is in progress (or about to start: see ``defer_ms``)."""
        if self._pending is not None:
            return True
        return self._future is not None and not self._future.done()

    def start_test(self, options: TestOptions, *, defer_ms: int | None = None) -> None:
        """Start a test; the outcome arrives through the signals. Ignored while one runs.

        ``defer_ms``: submit the call to the engine only after this delay (the test counts as
        running at once). The window uses it to paint the Live screen before the engine thread
        starts setting up the call and competing for the GIL.
        """
        if self.isRunning() or self.isEchoRunning():  # the echo holds the devices
            return
        if options.mode not in AVAILABLE_MODES:
            self._fail(TestFailure(MODE_NOT_AVAILABLE, texts.ERROR_MODE_NOT_AVAILABLE))
            return
        if options.mode != "loopback" and not options.server_url.strip():
            self._fail(TestFailure(NO_SERVER, texts.FAILURES[NO_SERVER][0]))
            return
        self._cancel_requested = False
        self._session = None
        _freeze_heap()
        if defer_ms is None:
            self._submit(options)
            return
        self._pending = options
        QTimer.singleShot(defer_ms, self._submit_pending)

    def _submit_pending(self) -> None:
        options, self._pending = self._pending, None
        if options is not None:
            self._submit(options)

    def _submit(self, options: TestOptions) -> None:
        future = self._engine_loop().submit(_run_test(options, self))
        self._future = future
        future.add_done_callback(self._on_done)

    def isEchoRunning(self) -> bool:
        """ "Hear yourself" is recording, in its call or playing back (until ``echoFinished``)."""
        return self._echo is not None and self._echo.running()

    def start_echo(self, request: EchoRequest) -> bool:
        """Run "Hear yourself"; ``echoFinished(EchoOutcome)`` follows. Ignored (False) while a
        test or another echo runs (both want the microphone)."""
        if self.isRunning() or self.isEchoRunning():
            return False
        run = _EchoRun()
        future = self._engine_loop().submit(run.run(request, self.echoPhase.emit))
        run.future = future
        self._echo = run
        future.add_done_callback(lambda done: self._on_echo_done(done, run, request))
        return True

    def cancel_echo(self) -> None:
        """Stop "Hear yourself" wherever it is; ``echoFinished`` (``cancelled``) follows once
        its call and audio streams are closed."""
        run, engine = self._echo, self._engine
        if run is None or engine is None or not run.running():
            return
        run.cancel_requested = True
        engine.call_soon(run.cancel)

    def _on_echo_done(
        self, future: concurrent.futures.Future[EchoOutcome], run: _EchoRun, request: EchoRequest
    ) -> None:
        # Engine thread: only emit, Qt queues to the GUI.
        outcome: EchoOutcome | None = None
        try:
            outcome = future.result()
        except concurrent.futures.CancelledError:
            pass
        except CallFailed as exc:
            outcome = EchoOutcome(
                error=exc.message, impairment=request.impairment, mode=request.mode
            )
        except Exception as exc:  # a device or engine error: say it, keep running
            logger.info("hear yourself failed", exc_info=True)
            outcome = EchoOutcome(error=str(exc), impairment=request.impairment, mode=request.mode)
        if outcome is None or run.cancel_requested:  # whatever it was doing as Cancel came
            outcome = EchoOutcome(cancelled=True, impairment=request.impairment, mode=request.mode)
        self.echoFinished.emit(outcome)

    def cancel(self) -> None:
        """Stop the running test; ``cancelled`` follows within about a second."""
        if self._pending is not None:  # not submitted yet
            self._pending = None
            self.cancelled.emit()
            return
        future = self._future
        if future is None or future.done():
            return
        self._cancel_requested = True
        session, engine = self._session, self._engine
        if session is not None and engine is not None:
            engine.call_soon(session.request_stop)
        # Still connecting (request_stop only ends the measuring part): cancel the task.
        QTimer.singleShot(CANCEL_GRACE_MS, future.cancel)

    def shutdown(self) -> None:
        """Stop any test and the engine thread (the window is closing). Blocks ≤ a few seconds.

        The call is asked to stop first, so that it closes its peers and sockets itself; only
        if it does not within :data:`STOP_GRACE_S` is its task cancelled.
        """
        self._pending = None
        share, self._share = self._share, None
        if share is not None:
            share.close(SHUTDOWN_TIMEOUT_S)
        future, session, engine = self._future, self._session, self._engine
        if future is not None and not future.done():
            self._cancel_requested = True
            if session is not None and engine is not None:
                engine.call_soon(session.request_stop)
            else:
                future.cancel()
            with contextlib.suppress(BaseException):
                future.result(timeout=STOP_GRACE_S)
            if not future.done():
                future.cancel()
        if engine is not None:
            try:
                engine.stop(SHUTDOWN_TIMEOUT_S)
            except TimeoutError:
                logger.warning("the engine thread did not stop in time")
            self._engine = None

    def _on_done(self, future: concurrent.futures.Future[TestOutcome]) -> None:
        # Engine thread (or the caller of future.cancel()): only emit, Qt queues to the GUI.
        if self._cancel_requested:
            self.cancelled.emit()
            return
        try:
            outcome = future.result()
        except concurrent.futures.CancelledError:
            self.cancelled.emit()
        except _SessionFailedError as exc:
            connectivity = exc.report.connectivity
            self._fail(
                TestFailure(
                    exc.failure.reason_code,
                    exc.failure.message,
                    dict(connectivity) if connectivity is not None else None,
                    report=exc.report,
                )
            )
        except CallFailed as exc:
            connectivity = (exc.details or {}).get("connectivity")
            self._fail(
                TestFailure(
                    exc.reason_code,
                    exc.message,
                    dict(connectivity) if isinstance(connectivity, dict) else None,
                )
            )
        except Exception as exc:  # a bug or an unexpected engine error: say so, keep running
            logger.exception("the test failed")
            self._fail(TestFailure(UNEXPECTED, texts.ERROR_UNEXPECTED.format(error=exc)))
        else:
            self.finished.emit(outcome)

    # ------------------------------------------------------------------ helpdesk live view

    async def _share_for(self, options: TestOptions) -> ThreadedShare | None:
        """The session's share (made on the first shared run, kept for "run again"); ``None``
        (and ``shareFailed``) when it cannot be made — the test then runs unshared."""
        from callcheck.engine.live_share import ShareError, ThreadedShare
        from callcheck.engine.signaling import parse_server_url

        share = self._share
        if share is not None and share.info is not None and share.stopped is None:
            return share
        share = ThreadedShare(
            parse_server_url(options.server_url).base,
            options.token or None,
            on_run_again=self.runAgainRequested.emit,
            on_stopped=self.shareStopped.emit,
            on_viewers=self.shareViewers.emit,
            on_reconnecting=self.shareReconnecting.emit,
            on_resumed=self.shareResumed.emit,
        )
        try:
            info = await asyncio.to_thread(share.start)  # blocking: off the engine loop
        except ShareError as exc:
            self.shareFailed.emit(str(exc))
            return None
        self._share = share
        self.shareStarted.emit(info)
        return share

    def isSharing(self) -> bool:
        """A share is open (the helpdesk can watch and ask for another run)."""
        share = self._share
        return share is not None and share.info is not None and share.stopped is None

    def stop_sharing(self) -> None:
        """End the share (the page says so); ``shareStopped`` follows. Never blocks the GUI."""
        share, self._share = self._share, None
        if share is None:
            return
        thread = threading.Thread(
            target=self._close_share, args=(share,), name="share-close", daemon=True
        )
        thread.start()

    def _close_share(self, share: ThreadedShare) -> None:
        try:
            share.close()
        finally:
            self.shareStopped.emit(texts.SHARE_STOPPED)

    def _fail(self, failure: TestFailure) -> None:
        self.failure.emit(failure)
        self.failed.emit(failure.message)
