"""EngineLoop: one asyncio loop in a named worker thread, and a clean stop."""

from __future__ import annotations

import asyncio
import gc
import os
import threading

import pytest

from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.loop import (
    EXECUTOR_THREAD_PREFIX,
    EXECUTOR_WORKERS,
    THREAD_NAME,
    EngineLoop,
    EngineLoopError,
)


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def resident_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def test_runs_coroutines_on_a_named_worker_thread() -> None:
    async def where() -> str:
        await asyncio.sleep(0)
        return threading.current_thread().name

    with EngineLoop() as loop:
        assert loop.run(where(), timeout_s=5) == THREAD_NAME
        assert loop.submit(where()).result(5) == THREAD_NAME


def test_stop_cancels_running_work_and_joins_the_thread() -> None:
    cleaned = threading.Event()
    running = threading.Event()

    async def forever() -> None:
        running.set()
        try:
            await asyncio.sleep(3600)
        finally:
            cleaned.set()

    loop = EngineLoop()
    loop.start()
    future = loop.submit(forever())
    assert running.wait(5)
    loop.stop()
    assert cleaned.is_set()
    assert future.cancelled()
    assert loop.thread is not None
    assert not loop.thread.is_alive()


def test_submit_after_stop_is_refused() -> None:
    loop = EngineLoop()
    loop.start()
    loop.stop()

    async def nothing() -> None:
        return None

    with pytest.raises(EngineLoopError):
        loop.submit(nothing())
    with pytest.raises(EngineLoopError):
        loop.start()


def test_twenty_calls_leave_no_threads_or_file_descriptors() -> None:
    """A GUI runs many tests in one process: threads, descriptors and memory stay flat."""

    def one_call(loop: EngineLoop) -> None:
        result = loop.run(TestCall(CallConfig(duration_s=0.5)).run(), timeout_s=30)
        assert result.downlink.totals.packets_received > 0

    with EngineLoop() as loop:
        one_call(loop)  # warm-up: the loop's executor threads, libopus, codecs
        one_call(loop)
        gc.collect()
        fds = open_fds()
        memory_mb: list[float] = []
        for _ in range(20):
            one_call(loop)
            gc.collect()
            memory_mb.append(resident_mb())
        # Steady state: the allocator settles in the first calls; a leak keeps growing.
        assert memory_mb[-1] - memory_mb[4] < 10, memory_mb
        others = [
            t.name
            for t in threading.enumerate()
            if t is not threading.main_thread() and t.name != THREAD_NAME
        ]
        assert all(name.startswith(EXECUTOR_THREAD_PREFIX) for name in others), others
        assert len(others) <= EXECUTOR_WORKERS
        assert open_fds() <= fds
    assert not [t for t in threading.enumerate() if t.name == THREAD_NAME]
