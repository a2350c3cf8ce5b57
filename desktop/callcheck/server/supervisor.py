"""`callcheck serve --workers N`: start N worker processes on one port and watch them.

The supervisor (this process) binds the port first — so ``--port 0`` resolves to one port for
all, and a port in use is reported once — without listening on it; each worker then listens on
the same port with ``SO_REUSEPORT`` and the kernel spreads new connections over them. Each worker
is a whole server (:func:`callcheck.server.app.serve`) that owns the calls it accepted; how
requests reach the owner is in :mod:`callcheck.server.workers`.

* **A worker that dies** (killed, crashed) is logged with its exit status and started again; its
  calls are lost (their clients see the media stop), the other workers' calls go on. Restarts
  are counted in ``callcheck_worker_restarts_total``.
* **SIGTERM** is passed to every worker, which drains (:mod:`callcheck.server.app`, "Graceful
  drain"); the supervisor exits once they all have. **SIGINT** stops them at once.
* ``max_calls`` is the whole server's, and each worker takes at most ``ceil(max_calls / N)``
  of it (:mod:`callcheck.server.capacity`: the workers share their loads through an array
  made here; a restarted worker's slot starts at zero).
"""

from __future__ import annotations

import contextlib
import ctypes
import logging
import math
import multiprocessing
import multiprocessing.connection
import os
import queue
import shutil
import signal
import socket
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from types import FrameType
from typing import Any, Final

from callcheck.server.app import (
    EXIT_CANNOT_RUN,
    EXIT_OK,
    ready_line,
    run_loop,
    serve,
    setup_logging,
    start_error,
)
from callcheck.server.config import ServerConfig
from callcheck.server.store import is_postgres
from callcheck.server.workers import WorkerPlace

__all__ = ["run_supervised"]

logger = logging.getLogger(__name__)

#: Time the workers have to start (import aiortc, open the store, listen).
START_TIMEOUT_S: Final = 60.0
#: Beyond ``drain_timeout_s``: time a worker has to close its calls and exit after SIGTERM.
EXIT_MARGIN_S: Final = 15.0
#: How often the supervisor looks at its workers when nothing happens, s.
WATCH_S: Final = 0.5


def _bind(config: ServerConfig) -> socket.socket:
    """Reserve the port: bound with SO_REUSEPORT, never listening (so it takes no connection)."""
    family = socket.AF_INET6 if ":" in config.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    try:
        sock.bind((config.host, config.port))
    except BaseException:
        sock.close()
        raise
    return sock


#: prctl(2) option: the signal this process gets when its parent dies (Linux).
_PR_SET_PDEATHSIG: Final = 1


def _end_with_the_supervisor() -> None:
    """A worker whose supervisor is killed (even with SIGKILL) must not go on serving alone: it
    would hold the port and the calls with nobody to drain or restart it. On Linux the kernel
    sends SIGTERM (a graceful drain) when the parent dies; elsewhere the supervisor's own
    shutdown ends its workers."""
    if not sys.platform.startswith("linux"):
        return
    with contextlib.suppress(OSError, AttributeError):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0)
        if os.getppid() == 1:  # the supervisor died before the call above took effect
            os.kill(os.getpid(), signal.SIGTERM)


def _worker_main(
    config: ServerConfig,
    place: WorkerPlace,
    events: Any,
    restarts: Any,
    log_level: int,
    call_loads: Any,
) -> None:
    """One worker process: a whole server on the shared port and its private socket."""
    _end_with_the_supervisor()
    logging.basicConfig(level=log_level)  # the supervisor's level (a spawned process starts bare)
    logging.getLogger().handlers[0].setFormatter(
        logging.Formatter(f"%(asctime)s %(levelname)s [worker {place.index}] %(message)s")
    )

    def ready(url: str) -> None:
        events.put(("ready", place.index, url))

    try:
        run_loop(
            serve(
                config,
                on_ready=ready,
                place=place,
                worker_restarts=lambda: int(restarts.value),
                call_loads=call_loads,
            )
        )
    except KeyboardInterrupt:
        pass
    except BaseException as exc:
        message = start_error(config, exc)
        events.put(("error", place.index, message or f"{type(exc).__name__}: {exc}"))
        if message is None:
            raise


class _Supervisor:
    def __init__(self, config: ServerConfig, count: int, port: int, run_dir: Path) -> None:
        self._context = multiprocessing.get_context("spawn")  # no fork of a process with threads
        self._server_max_calls = config.max_calls
        self._config = replace(config, port=port, max_calls=math.ceil(config.max_calls / count))
        self._count = count
        self._run_dir = run_dir
        self.events: Any = self._context.Queue()
        self._restarts: Any = self._context.Value("i", 0)
        self._call_loads: Any = self._context.Array("i", count)
        self.workers: dict[int, Any] = {}
        self.stopping: int | None = None
        """The signal passed on to the workers, once one came."""

    def start(self, index: int) -> None:
        place = WorkerPlace(
            index=index,
            count=self._count,
            run_dir=self._run_dir,
            shared=is_postgres(self._config.database),
            server_max_calls=self._server_max_calls,
        )
        self._call_loads[index] = 0  # a killed worker's calls ended with it
        process = self._context.Process(
            target=_worker_main,
            args=(
                self._config,
                place,
                self.events,
                self._restarts,
                logging.getLogger().getEffectiveLevel(),
                self._call_loads,
            ),
            name=f"callcheck-worker-{index}",
        )
        process.start()
        self.workers[index] = process
        logger.info("worker %d started (pid %s)", index, process.pid)

    def signal_all(self, signum: int) -> None:
        for process in self.workers.values():
            if process.is_alive() and process.pid is not None:
                with contextlib.suppress(ProcessLookupError):
                    os.kill(process.pid, signum)

    def wait_ready(self) -> str | None:
        """Wait until every worker listens; ``None`` if one could not start (it said why)."""
        ready: set[int] = set()
        url = ""
        while len(ready) < self._count:
            try:
                event = self.events.get(timeout=START_TIMEOUT_S)
            except queue.Empty:
                print("callcheck serve: the workers did not start in time", file=sys.stderr)
                return None
            if event[0] == "error":
                print(f"callcheck serve: {event[2]}", file=sys.stderr)
                return None
            ready.add(event[1])
            url = event[2]
        return url

    def watch(self) -> None:
        """Restart workers that die until a signal comes; then wait for all to exit."""
        while not self._stopped():
            sentinels = [p.sentinel for p in self.workers.values()]
            multiprocessing.connection.wait(sentinels, timeout=WATCH_S)
            self._drain_events()
            if self._stopped():  # a signal came while waiting
                break
            for index, process in list(self.workers.items()):
                if process.exitcode is not None:
                    logger.warning(
                        "worker %d (pid %s) exited (%s): its calls ended; the other workers' "
                        "calls go on; starting a new worker %d",
                        index,
                        process.pid,
                        _exit_text(process.exitcode),
                        index,
                    )
                    with self._restarts.get_lock():
                        self._restarts.value += 1
                    self.start(index)
        allowed_s = EXIT_MARGIN_S
        if self.stopping == signal.SIGTERM:
            allowed_s += self._config.drain_timeout_s
        deadline = time.monotonic() + allowed_s  # the workers drain side by side
        for process in self.workers.values():
            process.join(max(0.0, deadline - time.monotonic()))
        for process in self.workers.values():
            if process.is_alive():
                logger.warning("worker pid %s did not stop in time: killing it", process.pid)
                process.kill()
                process.join(5.0)

    def _stopped(self) -> bool:
        return self.stopping is not None

    def _drain_events(self) -> None:
        with contextlib.suppress(queue.Empty):
            while True:
                event = self.events.get_nowait()
                if event[0] == "error":
                    logger.warning("worker %d could not start: %s", event[1], event[2])


def _exit_text(exitcode: int) -> str:
    if exitcode < 0:
        with contextlib.suppress(ValueError):
            return f"killed by {signal.Signals(-exitcode).name}"
        return f"killed by signal {-exitcode}"
    return f"exit code {exitcode}"


def run_supervised(config: ServerConfig) -> int:
    """Run `callcheck serve` as ``config.worker_count`` processes; returns the exit code (as
    :func:`callcheck.server.app.run_server`)."""
    setup_logging(config)
    count = config.worker_count
    try:
        reserved = _bind(config)
    except OSError as exc:
        print(f"callcheck serve: {start_error(config, exc)}", file=sys.stderr)
        return EXIT_CANNOT_RUN
    run_dir = Path(tempfile.mkdtemp(prefix="callcheck-serve-"))  # mode 0700
    supervisor = _Supervisor(config, count, reserved.getsockname()[1], run_dir)

    def on_signal(signum: int, frame: FrameType | None) -> None:
        if supervisor.stopping is None or signum == signal.SIGINT:
            supervisor.stopping = signum
        supervisor.signal_all(signum)

    previous = {s: signal.signal(s, on_signal) for s in (signal.SIGTERM, signal.SIGINT)}
    try:
        for index in range(count):
            supervisor.start(index)
        url = supervisor.wait_ready()
        if url is None:
            supervisor.stopping = signal.SIGINT
            supervisor.signal_all(signal.SIGINT)
            supervisor.watch()
            return EXIT_CANNOT_RUN
        print(f"{ready_line(url)} [{count} workers]", flush=True)
        supervisor.watch()
        return EXIT_OK
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        reserved.close()
        shutil.rmtree(run_dir, ignore_errors=True)
