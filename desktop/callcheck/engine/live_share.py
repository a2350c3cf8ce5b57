"""Share a test with the helpdesk (issue 17): publish its snapshots and report to the server.

:class:`LiveShare` makes a share on `callcheck serve` (``POST /live``), opens the publishing
WebSocket, and from then on takes messages without ever blocking or delaying the call: every
``publish_*`` method only appends to a bounded queue and returns; one task sends. When the
queue is full the oldest *snapshot* is dropped (the next one supersedes it within a quarter
second); run, status, report and stop messages are never dropped.

If the channel is lost (the instance or worker holding it died, the network dropped it) the
share reconnects — through whichever instance the load balancer picks; the server accepts the
share's secret there and the newer channel wins — after waits of :data:`RECONNECT_BACKOFF_S`
(~30 s in all), telling ``on_reconnecting`` and, once back, ``on_resumed``. Meanwhile it keeps
queuing by the same rules and, once back, sends what is queued in order, after announcing the
current run again (the server and the page take a run they know as the same run) and re-sending
the run's report if the server's ``hello`` says it did not get it. Only when every retry failed
does it report "sharing stopped" through ``on_stopped`` (the test goes on; every later
``publish_*`` is a no-op). When the server says the share ended (its code expired, a newer
channel took over, or it refuses the reconnection: see :mod:`callcheck.core.live_wire`) it stops
at once without retrying.

The server may send ``run_again`` (the helpdesk asks for another run): ``on_run_again`` is
called and the front end asks the employee — a test never starts without their click.

Call every method on the engine's loop (the thread the call runs on); the callbacks run there.
The wire format is :mod:`callcheck.core.live_wire`.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import time
from collections import deque
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import aiohttp

from callcheck.core import live_wire
from callcheck.engine.snapshots import DirectionSnapshot, LiveSnapshot

__all__ = [
    "QUEUE_MESSAGES",
    "RECONNECTING",
    "RECONNECT_BACKOFF_S",
    "SHARE_ENDED",
    "STOPPED_BY_SERVER",
    "LiveShare",
    "ShareError",
    "ShareInfo",
    "ThreadedShare",
    "snapshot_json",
]

logger = logging.getLogger(__name__)

#: Messages waiting to be sent before the oldest snapshot is dropped (~8 s of snapshots).
QUEUE_MESSAGES: Final = 32
#: Time limit of making the share (connect + answer) and of opening the channel.
CONNECT_TIMEOUT_S: Final = 10.0
#: How long :meth:`LiveShare.close` waits for queued messages (the report) to go out.
FLUSH_TIMEOUT_S: Final = 5.0
#: Waits before each reconnection attempt after the channel is lost (~30 s in all).
RECONNECT_BACKOFF_S: Final = (0.5, 1.0, 2.0, 4.0, 8.0, 14.5)
#: How long a failed send waits for the server's close frame (its code says whether to retry).
CLOSE_READ_S: Final = 1.0
#: Time limit of one reconnection attempt (connect + the server's hello).
RECONNECT_TIMEOUT_S: Final = 5.0
#: What the employee is told when the channel was lost and every reconnection failed.
STOPPED_BY_SERVER: Final = "sharing stopped: the server closed the channel; the test goes on"
#: What the employee is told while the share reconnects.
RECONNECTING: Final = "sharing interrupted: reconnecting to the server…"
#: What the employee is told when the server ended the share (no reconnection).
SHARE_ENDED: Final = (
    "sharing ended: the server ended this share (its code expired); the test goes on"
)


class ShareError(Exception):
    """The share could not be made; the message says why and what to do."""


@dataclass(frozen=True, slots=True)
class ShareInfo:
    """What the employee reads out and the report records (``share`` in the JSON report)."""

    code: str
    """The view code, ``AC7-K3M-9PX``."""
    url: str
    """The page the helpdesk opens."""
    expires_at: str
    """When the code stops being live (ISO 8601, UTC)."""

    def to_json(self) -> dict[str, str]:
        """The report's ``share`` object."""
        return {"code": self.code, "url": self.url, "expires_at": self.expires_at}


def _r(value: float | None, digits: int) -> float | None:
    return None if value is None else round(value, digits)


def _direction(d: DirectionSnapshot) -> dict[str, Any]:
    return {
        "rtt_ms": _r(d.rtt_ms, 1),
        "jitter_ms": _r(d.jitter_ms, 2),
        "loss_pct": _r(d.loss_interval_pct, 2),
        "loss_total_pct": _r(d.loss_total_pct, 2),
        "mos": None if d.quality is None else round(d.quality.mos, 2),
    }


def snapshot_json(snap: LiveSnapshot, *, sent_at_ms: float | None = None) -> dict[str, Any]:
    """What the viewers see of one snapshot: the gauge's MOS as the app shows it (the call so
    far) and the last second's (the minimum marker), the three numbers per direction (RTT,
    jitter, loss in the last interval) and progress.

    ``sent_at_ms`` (Unix ms) lets a benchmark measure snapshot-to-browser latency.
    """
    quality = snap.quality
    out: dict[str, Any] = {
        "elapsed_s": round(snap.elapsed_s, 2),
        "duration_s": snap.duration_s,
        "progress": round(snap.progress, 3),
        "mos": None if quality is None else round(quality.mos, 2),
        # The last second's MOS: the app's minimum marker is the lowest of these.
        "mos_recent": None if snap.quality_recent is None else round(snap.quality_recent.mos, 2),
        "grade": None if quality is None else str(quality.grade),
        "mos_label": None if quality is None else quality.mos_label,
        "uplink": _direction(snap.uplink),
        "downlink": _direction(snap.downlink),
    }
    if sent_at_ms is not None:
        out["sent_at_ms"] = round(sent_at_ms, 1)
    return out


class LiveShare:
    """One share: made on the server, then fed without ever blocking the caller."""

    def __init__(
        self,
        server_url: str,
        token: str | None = None,
        *,
        on_run_again: Callable[[], None] | None = None,
        on_stopped: Callable[[str], None] | None = None,
        on_viewers: Callable[[int], None] | None = None,
        on_reconnecting: Callable[[str], None] | None = None,
        on_resumed: Callable[[], None] | None = None,
        queue_messages: int = QUEUE_MESSAGES,
        reconnect_backoff_s: Sequence[float] = RECONNECT_BACKOFF_S,
    ) -> None:
        self._server_url = server_url.rstrip("/")
        self._token = token
        self._on_run_again = on_run_again
        self._on_stopped = on_stopped
        self._on_viewers = on_viewers
        self._on_reconnecting = on_reconnecting
        self._on_resumed = on_resumed
        self._capacity = queue_messages
        self._backoff_s = tuple(reconnect_backoff_s)
        self._queue: deque[tuple[str, int, str]] = deque()
        self._ready = asyncio.Event()
        self._http: aiohttp.ClientSession | None = None
        self._ws: aiohttp.ClientWebSocketResponse | None = None
        self._publish_url = ""
        self._secret = ""
        self._channel: asyncio.Task[None] | None = None
        self._closing = False
        self._sent_run: tuple[int, str] | None = None
        """The current run's announcement, once sent (announced again after a reconnection)."""
        self._sent_report: tuple[int, str] | None = None
        """The current run's report, once sent: (run, message)."""
        self.reconnecting = False
        """The channel was lost and the share is reconnecting."""
        self.reconnects = 0
        """Times the channel was lost and made again."""
        self.info: ShareInfo | None = None
        """The share once made."""
        self.stopped: str | None = None
        """Why sharing stopped (``None`` while sharing)."""
        self.dropped_snapshots = 0
        """Snapshots dropped because the channel could not keep up."""
        self.viewers = 0
        """Viewers on the page, as the server last said."""
        self.run = 0
        """The current run (1, 2, … ; 0 before the first)."""

    # -------------------------------------------------------------------------- life

    async def start(self) -> ShareInfo:
        """Make the share and open the channel; :class:`ShareError` when the server refuses
        or cannot be reached (the test can still run unshared)."""
        headers = {"Authorization": f"Bearer {self._token}"} if self._token else {}
        self._http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=CONNECT_TIMEOUT_S))
        try:
            async with self._http.post(f"{self._server_url}/live", headers=headers) as response:
                if response.status == 401:
                    raise ShareError("the server refused the token: sharing needs the server token")
                if response.status != 201:
                    raise ShareError(
                        f"the server did not make a share (HTTP {response.status}); "
                        "it may be an older CallCheck server"
                    )
                made = await response.json()
            self._publish_url = f"{self._server_url}{made['publish_path']}"
            self._secret = made["secret"]
            self._ws, _hello = await self._open()
        except ShareError:
            await self._close_http()
            raise
        except (aiohttp.ClientError, TimeoutError, KeyError, ValueError) as exc:
            await self._close_http()
            raise ShareError(
                f"could not share the test with the helpdesk: {type(exc).__name__} {exc}".strip()
            ) from None
        self.info = ShareInfo(made["code"], made["url"], made["expires_at"])
        self._channel = asyncio.create_task(self._keep_channel(self._ws), name="live-share")
        return self.info

    async def _open(self) -> tuple[aiohttp.ClientWebSocketResponse, dict[str, Any]]:
        """Open the publishing channel and read the server's ``hello``."""
        assert self._http is not None
        ws = await self._http.ws_connect(
            self._publish_url,
            headers={live_wire.SECRET_HEADER: self._secret},
            heartbeat=20.0,
            timeout=aiohttp.ClientWSTimeout(ws_close=2.0),
        )
        try:
            async with asyncio.timeout(CONNECT_TIMEOUT_S):
                first = await ws.receive()
            hello = json.loads(first.data) if first.type == aiohttp.WSMsgType.TEXT else None
            if not isinstance(hello, dict) or hello.get("type") != live_wire.HELLO:
                raise ValueError("the server did not say hello on the sharing channel")
        except BaseException:
            await ws.close()
            raise
        return ws, hello

    async def close(self, *, stop: bool = True) -> None:
        """Send what is queued (bounded by :data:`FLUSH_TIMEOUT_S`), then say ``stop`` (the
        employee ends sharing) and close."""
        if self._closing:
            return
        if stop:
            self._put(live_wire.STOP, live_wire.encode(live_wire.STOP))
        self._closing = True
        self._ready.set()
        channel = self._channel
        if channel is not None:
            # Also while reconnecting: the report queued last may still get out in time.
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(FLUSH_TIMEOUT_S):
                    await asyncio.shield(channel)
            channel.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await channel
        if self.stopped is None:
            self.stopped = "sharing stopped"
        await self._close_http()

    async def _close_http(self) -> None:
        if self._ws is not None:
            with contextlib.suppress(Exception):
                await self._ws.close()
        if self._http is not None:
            await self._http.close()
            self._http = None

    # -------------------------------------------------------------------------- publishing

    def start_run(self, mode: str, duration_s: float) -> int:
        """A new run of the session starts; returns its number."""
        self.run += 1
        self._put(
            live_wire.RUN,
            live_wire.encode(live_wire.RUN, run=self.run, mode=mode, duration_s=duration_s),
        )
        return self.run

    def publish_status(self, phase: str, checks: Sequence[Mapping[str, Any]] = ()) -> None:
        """Progress before the call: the phase and the connection checks so far."""
        self._put(
            live_wire.STATUS,
            live_wire.encode(live_wire.STATUS, run=self.run, phase=phase, checks=list(checks)),
        )

    def publish_snapshot(self, snap: LiveSnapshot) -> None:
        """One live snapshot (never blocks; the oldest is dropped if the channel lags)."""
        if self.stopped is not None:
            return
        data = snapshot_json(snap, sent_at_ms=time.time() * 1000.0)
        self._put(
            live_wire.SNAPSHOT, live_wire.encode(live_wire.SNAPSHOT, run=self.run, snapshot=data)
        )

    def publish_report(self, report: Mapping[str, Any]) -> None:
        """The run's finished report (the JSON report)."""
        self._put(live_wire.REPORT, live_wire.encode(live_wire.REPORT, run=self.run, report=report))

    def publish_ended(self, reason: str) -> None:
        """The run could not finish (no report follows)."""
        self._put(live_wire.ENDED, live_wire.encode(live_wire.ENDED, run=self.run, reason=reason))

    def _put(self, kind: str, text: str) -> None:
        if self.stopped is not None or self._closing:
            return
        if len(self._queue) >= self._capacity:
            for i, (queued, _run, _text) in enumerate(self._queue):
                if queued == live_wire.SNAPSHOT:
                    del self._queue[i]
                    self.dropped_snapshots += 1
                    break
        self._queue.append((kind, self.run, text))
        self._ready.set()

    # -------------------------------------------------------------------------- tasks

    async def _keep_channel(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        """Serve the channel; when it is lost, reconnect and serve the new one."""
        while True:
            sender = asyncio.create_task(self._send(ws), name="live-share-send")
            receiver = asyncio.create_task(self._receive(ws), name="live-share-receive")
            try:
                await asyncio.wait((sender, receiver), return_when=asyncio.FIRST_COMPLETED)
                if sender.done() and not receiver.done() and not _flushed(sender):
                    # A failed send: the server's close frame (and its code) may be on its way.
                    await asyncio.wait((receiver,), timeout=CLOSE_READ_S)
            finally:
                for task in (sender, receiver):
                    task.cancel()
                    with contextlib.suppress(asyncio.CancelledError, Exception):
                        await task
            if _flushed(sender):  # closing, and everything went out
                return
            close_code = ws.close_code
            logger.info("live share: the channel ended (close code %s)", close_code)
            with contextlib.suppress(Exception):
                await ws.close()
            if close_code in (live_wire.CLOSE_EXPIRED, live_wire.CLOSE_REPLACED):
                self._stop(SHARE_ENDED)
                return
            reopened = await self._reconnect()
            if reopened is None:
                return
            self._ws = ws = reopened

    async def _reconnect(self) -> aiohttp.ClientWebSocketResponse | None:
        """Open the channel again after the waits of the backoff; ``None`` when the server
        ended the share or every attempt failed (sharing stopped)."""
        self.reconnecting = True
        if self._on_reconnecting is not None:
            self._on_reconnecting(RECONNECTING)
        for wait_s in self._backoff_s:
            await asyncio.sleep(wait_s)
            try:
                async with asyncio.timeout(RECONNECT_TIMEOUT_S):
                    ws, hello = await self._open()
            except aiohttp.WSServerHandshakeError as exc:
                if exc.status in (403, 404, 410):  # the share is gone: do not insist
                    self._stop(SHARE_ENDED)
                    return None
                continue  # e.g. 502/503 from a load balancer whose instance is starting
            except (aiohttp.ClientError, OSError, TimeoutError, ValueError):
                continue
            self._resume(hello)
            self.reconnecting = False
            self.reconnects += 1
            if self._on_resumed is not None:
                self._on_resumed()
            return ws
        self._stop(STOPPED_BY_SERVER)
        return None

    def _resume(self, hello: Mapping[str, Any]) -> None:
        """Put in front of the queue what the new channel must say first: the current run
        (the server may have lost it with the old instance; a run it knows stays one run) and
        its report if the server does not hold it (lost on the way)."""
        front: list[tuple[str, int, str]] = []
        if self._sent_run is not None:
            front.append((live_wire.RUN, *self._sent_run))
        stored = hello.get("reports")
        if self._sent_report is not None and isinstance(stored, list):
            run, text = self._sent_report
            if run not in stored:
                front.append((live_wire.REPORT, run, text))
        self._queue.extendleft(reversed(front))
        self._ready.set()

    async def _send(self, ws: aiohttp.ClientWebSocketResponse) -> bool:
        """Send queued messages in order; ``True`` once closing and the queue is empty,
        ``False`` when the channel failed (the message that failed stays first in line)."""
        while True:
            while not self._queue:
                if self._closing:
                    return True
                self._ready.clear()
                await self._ready.wait()
            kind, run, text = self._queue[0]
            try:
                await ws.send_str(text)
            except (ConnectionError, aiohttp.ClientError, RuntimeError):
                return False
            self._queue.popleft()
            if kind == live_wire.RUN:
                self._sent_run, self._sent_report = (run, text), None
            elif kind == live_wire.REPORT:
                self._sent_report = (run, text)

    async def _receive(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        async for message in ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                continue
            with contextlib.suppress(ValueError, TypeError, AttributeError):
                data = json.loads(message.data)
                kind = data.get("type")
                if kind == live_wire.RUN_AGAIN and self._on_run_again is not None:
                    self._on_run_again()
                elif kind == live_wire.VIEWERS:
                    self.viewers = int(data.get("count", 0))
                    if self._on_viewers is not None:
                        self._on_viewers(self.viewers)

    def _stop(self, reason: str) -> None:
        if self.stopped is not None:
            return
        self.stopped = reason
        self._queue.clear()
        self._ready.set()
        if self._on_stopped is not None:
            self._on_stopped(reason)


def _flushed(sender: asyncio.Task[bool]) -> bool:
    """The sender ended because the share closes and everything went out."""
    return (
        sender.done() and not sender.cancelled() and sender.exception() is None and sender.result()
    )


class ThreadedShare:
    """A :class:`LiveShare` on its own engine loop, fed from any thread.

    The front ends' seam (STYLE.md practice 15): the CLI and the GUI bridge make one, call
    :meth:`start`, hand :meth:`snapshot_hook` to the test session, and :meth:`report` its
    report. Publishing never runs on — or waits for — the call's loop: every method only
    schedules work on the share's own thread. ``on_run_again``, ``on_stopped``, ``on_viewers``,
    ``on_reconnecting`` and ``on_resumed`` are called on that thread (a GUI re-emits them as
    queued signals).
    """

    def __init__(
        self,
        server_url: str,
        token: str | None = None,
        *,
        on_run_again: Callable[[], None] | None = None,
        on_stopped: Callable[[str], None] | None = None,
        on_viewers: Callable[[int], None] | None = None,
        on_reconnecting: Callable[[str], None] | None = None,
        on_resumed: Callable[[], None] | None = None,
    ) -> None:
        from callcheck.engine.loop import EngineLoop

        self._engine = EngineLoop(name="callcheck-share")
        self._share = LiveShare(
            server_url,
            token,
            on_run_again=on_run_again,
            on_stopped=on_stopped,
            on_viewers=on_viewers,
            on_reconnecting=on_reconnecting,
            on_resumed=on_resumed,
        )
        self.info: ShareInfo | None = None
        """The share once made."""

    @property
    def stopped(self) -> str | None:
        """Why sharing stopped (``None`` while sharing)."""
        return self._share.stopped

    def start(self, timeout_s: float = CONNECT_TIMEOUT_S + 5.0) -> ShareInfo:
        """Make the share (blocks up to ``timeout_s``); :class:`ShareError` when it cannot be
        made — the test then runs unshared."""
        self._engine.start()
        try:
            self.info = self._engine.submit(self._share.start()).result(timeout_s)
        except TimeoutError:
            self._engine.stop()
            raise ShareError("the server did not answer in time") from None
        except BaseException:
            self._engine.stop()
            raise
        return self.info

    def begin_run(self, mode: str, duration_s: float) -> None:
        """A run of the session starts."""
        self._engine.call_soon(self._share.start_run, mode, duration_s)

    def snapshot_hook(
        self, checks: Callable[[], Sequence[Mapping[str, Any]] | None] | None = None
    ) -> Callable[[LiveSnapshot], None]:
        """A snapshot callback for the call's loop: hands each snapshot over (never waits);
        before the first, the connection checks ``checks()`` returns (called on the call's
        loop, where the call's objects live)."""
        first = [True]

        def hook(snap: LiveSnapshot) -> None:
            if first[0]:
                first[0] = False
                done = None if checks is None else checks()
                if done is not None:
                    self._engine.call_soon(self._share.publish_status, "call", list(done))
            self._engine.call_soon(self._share.publish_snapshot, snap)

        return hook

    def report(self, data: Mapping[str, Any]) -> None:
        """The run's JSON report."""
        self._engine.call_soon(self._share.publish_report, data)

    def failed(self, message: str) -> None:
        """The run could not finish."""
        self._engine.call_soon(self._share.publish_ended, message)

    def close(self, timeout_s: float = FLUSH_TIMEOUT_S + 5.0) -> None:
        """Send what is queued, say "stop", end the share's thread (blocks ≤ ``timeout_s``)."""
        if self.info is None:
            return
        try:
            self._engine.submit(self._share.close()).result(timeout_s)
        except TimeoutError:
            pass
        finally:
            self._engine.stop()
            self.info = None
