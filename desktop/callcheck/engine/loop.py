"""The engine's asyncio loop, owned by one named worker thread.

aiortc must not run on Qt's loop (DESIGN.md, Threads): the CLI and the GUI both start an
:class:`EngineLoop`, submit coroutines to it and get :class:`concurrent.futures.Future` objects
back. :meth:`EngineLoop.stop` cancels what is still running (a test call's ``finally`` blocks close
its peers and sockets), shuts down the loop's default executor (aiortc encodes audio there) and
joins the thread.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import contextlib
import logging
import threading
import time
from collections.abc import Callable, Coroutine
from typing import Any, Final, TypeVar

T = TypeVar("T")

THREAD_NAME: Final = "callcheck-engine"
#: The loop's default executor (aiortc encodes audio there): one worker per sending peer of a
#: loopback call; fixed, so the thread count of a long-running GUI stays constant.
EXECUTOR_THREAD_PREFIX: Final = "callcheck-codec"
EXECUTOR_WORKERS: Final = 2
logger = logging.getLogger(__name__)


def now_ms() -> float:
    """The engine clock: monotonic milliseconds (the same clock as ``loop.time()`` × 1000).

    Every engine timestamp (packet arrival, send, ping, playout deadline) comes from here so they
    can be subtracted from each other; wall-clock time is used only for report dates.
    """
    return time.monotonic() * 1000.0


class EngineLoopError(RuntimeError):
    """The engine loop is not running (not started yet, or stopped)."""


class EngineLoop:
    """One asyncio event loop running in a daemon worker thread.

    Thread-safe: :meth:`submit`, :meth:`call_soon` and :meth:`stop` may be called from any thread
    other than the loop's own. Usable as a context manager (starts on enter, stops on exit).
    """

    def __init__(self, name: str = THREAD_NAME) -> None:
        self._name = name
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._ready = threading.Event()
        self._lock = threading.Lock()
        self._stopped = False

    # ------------------------------------------------------------------ lifecycle

    def start(self) -> None:
        """Start the worker thread and wait until its loop runs. Idempotent."""
        with self._lock:
            if self._stopped:
                raise EngineLoopError("an EngineLoop cannot be restarted; make a new one")
            if self._thread is not None:
                return
            self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
            self._thread.start()
        self._ready.wait()

    def _run(self) -> None:
        loop = asyncio.new_event_loop()
        loop.set_default_executor(
            concurrent.futures.ThreadPoolExecutor(
                max_workers=EXECUTOR_WORKERS, thread_name_prefix=EXECUTOR_THREAD_PREFIX
            )
        )
        self._loop = loop
        asyncio.set_event_loop(loop)
        loop.call_soon(self._ready.set)
        try:
            loop.run_forever()
            # stop() was called: cancel what is left and let it clean up.
            tasks = asyncio.all_tasks(loop)
            for task in tasks:
                task.cancel()
            if tasks:
                loop.run_until_complete(asyncio.gather(*tasks, return_exceptions=True))
            loop.run_until_complete(loop.shutdown_asyncgens())
            loop.run_until_complete(loop.shutdown_default_executor())
        finally:
            asyncio.set_event_loop(None)
            loop.close()

    def stop(self, timeout_s: float = 10.0) -> None:
        """Cancel running work, close the loop and join the thread. Idempotent.

        Raises :class:`TimeoutError` if the thread does not end within ``timeout_s``.
        """
        with self._lock:
            self._stopped = True
            thread, loop = self._thread, self._loop
        if thread is None or loop is None:
            return
        if thread is threading.current_thread():
            raise EngineLoopError("EngineLoop.stop() called from the engine thread itself")
        with contextlib.suppress(RuntimeError):  # already closed
            loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout_s)
        if thread.is_alive():
            raise TimeoutError(f"engine thread {self._name!r} did not stop within {timeout_s} s")

    def __enter__(self) -> EngineLoop:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()

    # ------------------------------------------------------------------ use

    @property
    def running(self) -> bool:
        """True between :meth:`start` and :meth:`stop`."""
        return self._loop is not None and self._loop.is_running() and not self._stopped

    @property
    def thread(self) -> threading.Thread | None:
        """The worker thread (``None`` before :meth:`start`)."""
        return self._thread

    def _require_loop(self) -> asyncio.AbstractEventLoop:
        loop = self._loop
        if loop is None or self._stopped or loop.is_closed():
            raise EngineLoopError("the engine loop is not running; call start() first")
        return loop

    def submit(self, coro: Coroutine[Any, Any, T]) -> concurrent.futures.Future[T]:
        """Schedule ``coro`` on the engine loop; the returned future is safe to wait on.

        Cancelling the returned future cancels the coroutine's task.
        """
        try:
            loop = self._require_loop()
        except EngineLoopError:
            coro.close()  # avoid "coroutine was never awaited"
            raise
        return asyncio.run_coroutine_threadsafe(coro, loop)

    def call_soon(self, callback: Callable[..., object], *args: object) -> None:
        """Run a plain callback on the engine thread."""
        self._require_loop().call_soon_threadsafe(callback, *args)

    def run(self, coro: Coroutine[Any, Any, T], timeout_s: float | None = None) -> T:
        """Submit ``coro`` and block until it finishes (for the CLI's main thread)."""
        if threading.current_thread() is self._thread:
            coro.close()
            raise EngineLoopError("EngineLoop.run() would deadlock on the engine thread; await")
        future = self.submit(coro)
        try:
            return future.result(timeout_s)
        except BaseException:
            future.cancel()
            raise
