"""One test session: everything a test is, from the options to the finished report.

DESIGN.md (wave 2, "One test session") and STYLE.md practice 15: the GUI bridge and
`callcheck test` used to wire the audio path, the call, the CPU meter, the re-rating with the
audio path, the capacity probe and the report each on their own, and they drifted (the GUI's
server-mode report had no QoS/capacity probe and none of its advice). :class:`TestSession` is
that wiring, once; the front ends translate their options into :class:`SessionOptions` and render
what comes out.

Order of a session: audio path opened (a missing device falls back to the test signal and says
so) → CPU meter → the call (connectivity checks and connection in server and peer modes, then
the measured part, snapshots to ``on_snapshot``) → audio path closed → the call re-rated with the
audio path's delay (not in peer mode: its probes would cross two desktops' clocks) → server mode:
the bandwidth / bufferbloat / QoS probe (its advice joins the recommendations) → host facts →
report.

A test that cannot start still ends in a report (issue 14 item 3): :meth:`TestSession.run` never
raises :class:`~callcheck.engine.snapshots.CallFailed`; it returns an outcome whose report has
``verdict.complete == false``, the error with its reason code, the connectivity checks done so far
and the environment, and the front end writes it wherever a finished report would have gone.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import datetime
import logging
import uuid
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Final

from callcheck import __version__
from callcheck.core.report import Report, failure_report
from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.call_audio import (
    AudioPathSummary,
    CallAudio,
    CallAudioConfig,
    audio_path_json,
    rerate_call,
    rerate_snapshot,
)
from callcheck.engine.heard import HeardCapture, preload_visqol
from callcheck.engine.probe_client import ProbeOutcome, run_probe
from callcheck.engine.reporting import build_report, enrich_report, host_facts, with_heard
from callcheck.engine.snapshots import STOPPED, CallFailed, CallResult, LiveSnapshot
from callcheck.engine.system_info import CpuLoadMeter, detect_host

logger = logging.getLogger(__name__)

#: ``on_status`` phases, for front ends that say what is happening between the call's snapshots.
PHASE_PROBE: Final = "probe"
"""Server mode: the bandwidth / delay-under-load / QoS probe runs (a few seconds)."""


@dataclass(frozen=True, slots=True)
class SessionOptions:
    """What test to run: the call, the audio path, and the probes."""

    call: CallConfig
    """The call (mode, codec, duration, servers, what-if impairment); validated by its own
    constructor."""
    use_devices: bool = True
    """Microphone and speaker in the call; False = the built-in test signal, no playback."""
    input_device: int | str | None = None
    """Microphone: index or part of its name (``None`` = the system default)."""
    output_device: int | str | None = None
    """Speaker or headset: index or part of its name (``None`` = the system default)."""
    probe: bool = True
    """Server mode: run the capacity / bufferbloat / QoS probe after the call."""
    ice_server_urls: tuple[str, ...] | None = None
    """The STUN/TURN servers as the user wrote them, for the report (``None``: from ``call``)."""
    heard: bool = True
    """Keep the call's audio and score what the listener heard (``quality.heard``, issue 19)."""


@dataclass(frozen=True, slots=True)
class SessionOutcome:
    """A finished session: always a report; the call's result when the call ran."""

    report: Report
    """The report to show, store and write (partial when the test could not start)."""
    result: CallResult | None
    """What the call measured; ``None`` when it could not start."""
    failure: CallFailed | None = None
    """Why the test could not start (its reason code and words); ``None`` when it ran."""
    probe: ProbeOutcome | None = None
    """Server mode: what the capacity / QoS probe found (``None`` in other modes)."""
    notes: tuple[str, ...] = ()
    """What the audio path wants the user to know (device errors, fallbacks)."""

    @property
    def complete(self) -> bool:
        """The planned test ran to its end."""
        return self.result is not None and not self.result.partial

    @property
    def passed(self) -> bool:
        """The call ran to its end and rated at or above the pass mark."""
        q = None if self.result is None else self.result.quality
        return self.complete and q is not None and q.passed


def _audio_config(options: SessionOptions) -> CallAudioConfig:
    return CallAudioConfig(
        codec=options.call.codec,
        use_devices=options.use_devices,
        input_device=options.input_device,
        output_device=options.output_device,
        # Via the reflector the probes make the round trip; in loopback and peer mode one way.
        probe_path="round_trip" if options.call.mode == "server" else "one_way",
    )


def partial_report(
    options: SessionOptions,
    failure: CallFailed,
    *,
    started_at: datetime.datetime,
    audio_path: Mapping[str, Any] | None = None,
    host: Mapping[str, Any] | None = None,
) -> Report:
    """The report of a test that could not start (:func:`callcheck.core.report.failure_report`,
    filled with what the session knows: the connectivity checks, the host, the ICE set-up)."""
    details = failure.details or {}
    connectivity = details.get("connectivity")
    environment: dict[str, Any] = dict(host_facts())
    if host is not None:
        environment["host"] = dict(host)
    call = options.call
    urls = options.ice_server_urls
    if urls is None:
        urls = tuple(s.url for s in call.ice_servers)
    return failure_report(
        report_id=uuid.uuid4().hex[:12],
        started_at=started_at.isoformat(timespec="seconds"),
        mode=call.mode,
        codec=call.codec,
        app_version=__version__,
        code=failure.reason_code,
        message=failure.message,
        connectivity=connectivity if isinstance(connectivity, Mapping) else None,
        environment=environment,
        audio_path=audio_path,
        ice={"ice_servers": list(urls), "relay_forced": call.force_relay},
    )


class TestSession:
    """One test, end to end, on the engine loop (``await TestSession(options).run()``).

    ``on_snapshot`` gets every live snapshot (engine thread, must return quickly);
    ``on_waiting`` the room code while waiting for the colleague (peer mode); ``on_status`` a
    phase name (:data:`PHASE_PROBE`) when a step without snapshots starts.
    """

    __test__ = False  # not a pytest class

    def __init__(
        self,
        options: SessionOptions,
        *,
        on_snapshot: Callable[[LiveSnapshot], None] | None = None,
        on_waiting: Callable[[str], None] | None = None,
        on_status: Callable[[str], None] | None = None,
    ) -> None:
        self.options = options
        self._on_snapshot = on_snapshot
        self._on_waiting = on_waiting
        self._on_status = on_status
        self._stop_requested = False
        self.call: TestCall | None = None
        """The call while (and after) it runs: tests read the emulator's truth through it."""

    def request_stop(self) -> None:
        """Stop the test now (call on the engine loop): the call ends, the probe is skipped."""
        self._stop_requested = True
        if self.call is not None:
            self.call.request_stop()

    def stopping(self) -> bool:
        """A stop was requested."""
        return self._stop_requested

    def connectivity_checks(self) -> list[dict[str, Any]] | None:
        """The connection checks done so far (server and peer modes; call on the engine loop),
        as the report carries them — for the helpdesk's live view. ``None`` before any."""
        remote = None if self.call is None else self.call.remote
        if remote is None:
            return None
        checks: list[dict[str, Any]] = remote.connectivity.to_json()["checks"]
        return checks

    async def run(self) -> SessionOutcome:
        """Run the test; the outcome always carries a report (partial if it could not start)."""
        options = self.options
        started_at = datetime.datetime.now(datetime.UTC)
        audio = CallAudio(_audio_config(options))
        far_end = audio.far_end_source if options.call.mode == "loopback" else None
        heard = HeardCapture(options.call.mode) if options.heard else None
        if heard is not None and heard.mode != "peer":
            # Before the media: the ~1 s ViSQOL import would otherwise delay the report, and
            # during the call it would hold the GIL in 5 ms slices (packet stamps).
            await preload_visqol()
        # In peer mode the probes would cross two clocks: its rating stays the network's.
        live_path = None if options.call.mode == "peer" else _LiveAudioPath(audio)
        call = TestCall(
            options.call,
            on_snapshot=self._on_snapshot,
            rate_snapshot=None if live_path is None else live_path.rate,
            on_waiting=self._on_waiting,
            source=audio.source if heard is None else heard.source(audio.source),
            far_end_source=far_end if heard is None else heard.far_end(far_end),
            audio_sink=audio.sink if heard is None else heard.sink(audio.sink),
            far_end_sink=None if heard is None else heard.far_end_sink(),
        )
        self.call = call
        if self._stop_requested:
            call.request_stop()
        cpu = CpuLoadMeter()
        cpu.start()
        # A missing or failing device never stops the call: CallAudio falls back to the test
        # signal and records why (DESIGN.md: the packet-level test goes on, the result is kept).
        audio.start()
        if live_path is not None:
            live_path.start()
        try:
            result = await call.run()
        except CallFailed as failure:
            if live_path is not None:
                await live_path.stop()
            audio.close()
            cpu.stop()
            summary = audio.summary()
            host = await asyncio.to_thread(detect_host)
            report = partial_report(
                options,
                failure,
                started_at=started_at,
                audio_path=audio_path_json(summary),
                host=host.to_json(),
            )
            return SessionOutcome(report, None, failure, notes=_notes(audio))
        finally:
            if live_path is not None:
                await live_path.stop()
            audio.close()
        cpu_load = cpu.stop()  # the call's load, not the probe's
        summary = audio.summary()
        if options.call.mode != "peer":  # in peer mode the probes would cross two clocks
            result = dataclasses.replace(
                result, quality=rerate_call(result, summary) or result.quality
            )
        probe = await self._probe(call, result)
        # The heard score runs in a worker thread while the host is detected; not during the
        # probe, whose delay-under-load figures its CPU (and GIL) use would inflate.
        scoring = None if heard is None else asyncio.ensure_future(heard.score())
        # Host detection runs OS commands: off the engine loop.
        host = await asyncio.to_thread(detect_host, cpu_load_pct=cpu_load)
        urls = options.ice_server_urls
        if urls is None:
            urls = tuple(s.url for s in options.call.ice_servers)
        report = enrich_report(
            build_report(result, ice_servers=urls, audio_path=audio_path_json(summary)),
            result,
            host=host,
            qos=None if probe is None else probe.qos,
            capacity=() if probe is None else probe.capacity,
        )
        if scoring is not None:
            report = with_heard(
                report,
                result,
                await scoring,
                host=host,
                qos=None if probe is None else probe.qos,
                capacity=() if probe is None else probe.capacity,
            )
        if probe is not None:
            report = dataclasses.replace(
                report, environment={**report.environment, "probe": probe.to_json()}
            )
        return SessionOutcome(report, result, probe=probe, notes=_notes(audio))

    async def _probe(self, call: TestCall, result: CallResult) -> ProbeOutcome | None:
        """Server mode: the bandwidth/bufferbloat/QoS probe after the call (None otherwise)."""
        config = self.options.call
        if config.mode != "server" or config.server_url is None:
            return None  # loopback and rooms have no reflector to probe
        if not self.options.probe:
            return ProbeOutcome("skipped", "skipped (--no-probe)")
        stopped = result.ended_early is not None and result.ended_early.reason_code == STOPPED
        if self._stop_requested or stopped:
            return ProbeOutcome("skipped", "skipped: the test was stopped")
        if self._on_status is not None:
            self._on_status(PHASE_PROBE)
        task = asyncio.ensure_future(run_probe(config.server_url, config.token))
        while not task.done():
            # Poll for a stop request: the probe itself has no stop hook.
            await asyncio.wait({task}, timeout=0.1)
            if self.stopping() and not task.done():
                task.cancel()
                return ProbeOutcome("skipped", "skipped: the test was stopped")
        outcome = task.result()
        marking = getattr(call.remote, "qos_marking", None)
        if outcome.qos is not None and marking is not None:
            # The call's own media sockets were marked too; say how many took it.
            outcome = dataclasses.replace(
                outcome,
                qos=dataclasses.replace(
                    outcome.qos,
                    sockets_marked=outcome.qos.sockets_marked + marking.sockets_marked,
                ),
            )
        return outcome


class _LiveAudioPath:
    """The audio path's figures during the call, for the live rating (:func:`rerate_snapshot`).

    :meth:`CallAudio.summary` walks every probe and queue record — milliseconds of CPU late in a
    call — so it runs in a worker thread once a second instead of on the engine loop with each
    of the four snapshots a second (where it delayed the very packets being measured); each
    snapshot takes the latest figures.
    """

    REFRESH_S: Final = 1.0
    #: Failed reads in a row after which the gauge is said (in the log) to go without the
    #: audio path: one failure is a read that met the devices' threads mid-write.
    WARN_AFTER_FAILURES: Final = 3

    def __init__(self, audio: CallAudio) -> None:
        self._audio = audio
        self._summary: AudioPathSummary | None = None
        self._task: asyncio.Task[None] | None = None

    def rate(self, snapshot: LiveSnapshot) -> LiveSnapshot:
        summary = self._summary
        return snapshot if summary is None else rerate_snapshot(snapshot, summary)

    def start(self) -> None:
        self._task = asyncio.ensure_future(self._refresh())

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _refresh(self) -> None:
        failures = 0
        while True:
            try:
                self._summary = await asyncio.to_thread(self._audio.summary)
            except Exception:  # read while the devices' threads write: the next one will do
                failures += 1
                if failures == self.WARN_AFTER_FAILURES:
                    logger.warning(
                        "the live gauge goes without the audio path's latest figures: %d reads "
                        "failed in a row",
                        failures,
                        exc_info=True,
                    )
                else:
                    logger.debug("audio-path figures not read this time", exc_info=True)
            else:
                failures = 0
            await asyncio.sleep(self.REFRESH_S)


def _notes(audio: CallAudio) -> tuple[str, ...]:
    return (*audio.errors, *audio.notes)
