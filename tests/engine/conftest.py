"""Shared helpers for the engine tests: run a real loopback call and read the emulator's truth."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field

import pytest

from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.loop import EngineLoop
from callcheck.engine.snapshots import CallResult, LiveSnapshot


@dataclass
class CallRun:
    """A finished real call with its timing and the objects tests inspect."""

    call: TestCall
    result: CallResult
    started_s: float
    """time.monotonic() when run() was submitted."""
    snapshot_times_s: list[float] = field(default_factory=list)
    snapshots: list[LiveSnapshot] = field(default_factory=list)


def run_call(
    config: CallConfig, during: Callable[[TestCall, LiveSnapshot], None] | None = None
) -> CallRun:
    """Run one real loopback call on an EngineLoop thread, as the CLI does."""
    times: list[float] = []
    snaps: list[LiveSnapshot] = []
    holder: list[TestCall] = []

    def on_snapshot(snapshot: LiveSnapshot) -> None:
        times.append(time.monotonic())
        snaps.append(snapshot)
        if during is not None:
            during(holder[0], snapshot)

    call = TestCall(config, on_snapshot)
    holder.append(call)
    with EngineLoop() as loop:
        started = time.monotonic()
        result = loop.run(call.run(), timeout_s=config.duration_s + 30)
    return CallRun(call, result, started, times, snaps)


@pytest.fixture(scope="session")
def call_runner() -> Callable[..., CallRun]:
    return run_call
