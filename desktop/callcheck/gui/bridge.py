"""``EngineBridge``: the one object between the Qt GUI and the asyncio engine (DESIGN.md, Threads).

The engine owns an asyncio loop in a worker thread (:class:`~callcheck.engine.loop.EngineLoop`);
aiortc never runs on Qt's loop. The bridge submits the test call to that loop and re-emits what
the engine hands out — frozen snapshots, the result, the failure — as Qt signals, which Qt
queues to the GUI thread. Widgets connect to the signals and never touch asyncio.

aiortc is imported on the engine thread when the first test starts (or by :meth:`warm_up`), not
when the GUI starts: the first window must appear within 1.5 s.
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Final, Literal, TypeVar

from PySide6.QtCore import QObject, QTimer, Signal

from callcheck.core.report import Report
from callcheck.engine.loop import EngineLoop
from callcheck.engine.snapshots import CallFailed, CallResult
from callcheck.gui import texts

if TYPE_CHECKING:
    from callcheck.engine.call import TestCall

logger = logging.getLogger(__name__)
T = TypeVar("T")

TestMode = Literal["loopback", "server", "peer"]
#: Modes the engine can run today (the server and peer modes are being written).
AVAILABLE_MODES: Final[tuple[TestMode, ...]] = ("loopback",)
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
    """STUN/TURN URLs (``stun:host:port``; credentials are not handled by the GUI yet)."""
    force_relay: bool = False
    impairment: str | None = None
    """An ``--impair`` spec (what-if mode), e.g. ``delay=50,jitter=10,loss=2``."""


@dataclass(frozen=True, slots=True)
class TestOutcome:
    """A finished test: what the engine measured and the report built from it."""

    __test__ = False

    result: CallResult
    report: Report


async def _run_test(options: TestOptions, bridge: EngineBridge) -> TestOutcome:
    """The test call, on the engine thread (imports aiortc there on first use)."""
    from callcheck.engine.call import CallConfig, TestCall
    from callcheck.engine.impairment import ImpairmentSpec
    from callcheck.engine.peer import IceServer
    from callcheck.engine.reporting import build_report

    kwargs: dict[str, object] = {
        "duration_s": options.duration_s,
        "codec": options.codec,
        "ice_servers": tuple(IceServer(url=u) for u in options.ice_server_urls),
        "force_relay": options.force_relay,
    }
    if options.impairment:
        config = CallConfig.impaired(ImpairmentSpec.parse(options.impairment), **kwargs)
    else:
        config = CallConfig(**kwargs)  # type: ignore[arg-type]
    call = TestCall(config, on_snapshot=bridge.snapshot.emit)
    bridge._call = call
    result = await call.run()
    return TestOutcome(result, build_report(result, ice_servers=options.ice_server_urls))


def _warm_up_imports() -> None:
    import callcheck.engine.call
    import callcheck.engine.reporting  # noqa: F401


class EngineBridge(QObject):
    """Runs test calls on the engine thread and reports back through signals.

    Signals are emitted from the engine thread; Qt delivers them queued on the GUI thread.
    ``snapshot(LiveSnapshot)`` ≥ 4 times a second; then exactly one of ``finished(TestOutcome)``,
    ``failed(str)`` (a message for the user: what happened and what to do) or ``cancelled()``.
    """

    snapshot = Signal(object)
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._engine: EngineLoop | None = None
        self._future: concurrent.futures.Future[TestOutcome] | None = None
        self._call: TestCall | None = None
        self._cancel_requested = False

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
        """A test is in progress."""
        return self._future is not None and not self._future.done()

    def start_test(self, options: TestOptions) -> None:
        """Start a test; the outcome arrives through the signals. Ignored while one runs."""
        if self.isRunning():
            return
        if options.mode not in AVAILABLE_MODES:
            self.failed.emit(texts.ERROR_MODE_NOT_AVAILABLE)
            return
        self._cancel_requested = False
        self._call = None
        future = self._engine_loop().submit(_run_test(options, self))
        self._future = future
        future.add_done_callback(self._on_done)

    def cancel(self) -> None:
        """Stop the running test; ``cancelled`` follows within about a second."""
        future = self._future
        if future is None or future.done():
            return
        self._cancel_requested = True
        call, engine = self._call, self._engine
        if call is not None and engine is not None:
            engine.call_soon(call.request_stop)
        # Still connecting (request_stop only ends the measuring part): cancel the task.
        QTimer.singleShot(CANCEL_GRACE_MS, future.cancel)

    def shutdown(self) -> None:
        """Stop any test and the engine thread (the window is closing). Blocks ≤ a few seconds.

        The call is asked to stop first, so that it closes its peers and sockets itself; only
        if it does not within :data:`STOP_GRACE_S` is its task cancelled.
        """
        future, call, engine = self._future, self._call, self._engine
        if future is not None and not future.done():
            self._cancel_requested = True
            if call is not None and engine is not None:
                engine.call_soon(call.request_stop)
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
        except CallFailed as exc:
            self.failed.emit(exc.message)
        except Exception as exc:  # a bug or an unexpected engine error: say so, keep running
            logger.exception("the test failed")
            self.failed.emit(texts.ERROR_UNEXPECTED.format(error=exc))
        else:
            self.finished.emit(outcome)
