"""Connectivity diagnosis: each step to the server checked and named on its own.

"ICE failed" tells a helpdesk nothing. Before and during a server or peer call the engine records
one :class:`CheckResult` per step, so the report (``connectivity``) and the error message can
say *which* step failed, in plain words:

========  ===================================================================================
``http``  the server answers HTTP(S) (``GET /healthz``); failure kinds ``dns``, ``refused``,
          ``tls``, ``timeout``, ``unreachable``, ``error``
``token`` the server accepts the token (``GET /whip/<probe>``: ``404`` means the token passed,
          ``401`` that it was refused); ``skipped`` without a token and an open server
``room``  the room code exists (peer mode)
``udp``   UDP media gets through: the call's own ICE connectivity checks (RFC 8445 §7.2) to
          the server or peer; ``blocked`` when the signaling worked but no STUN answer came back
``turn``  one result per configured TURN server (``turn_udp``, ``turn_tcp``, ``turn_tls``):
          an allocation (RFC 8656 §7) with the configured credentials
========  ===================================================================================

:func:`diagnose` runs the checks that need no call (for the GUI's "check connection" button and
before every call); the ``udp`` result comes from the call's ICE attempt (:func:`udp_result`).

Each finding is a translatable template (context ``connectivity``, :mod:`callcheck.core.phrase`):
``CheckResult.message`` is its English, ``CheckResult.phrase`` what the desktop app translates.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Final, Literal
from urllib.parse import urlsplit

import aiohttp

from callcheck.core.phrase import QT_TRANSLATE_NOOP, Phrase
from callcheck.engine.ice_servers import turn_transport
from callcheck.engine.peer import IceServer
from callcheck.engine.signaling import (
    HTTP_TIMEOUT_S,
    ServerUrl,
    auth_headers,
    classify_http_error,
    read_body,
)

__all__ = [
    "CHECK_TIMEOUT_S",
    "CheckResult",
    "CheckStatus",
    "Connectivity",
    "check_http",
    "check_room",
    "check_token",
    "check_turn",
    "diagnose",
    "udp_result",
]

CheckStatus = Literal["ok", "failed", "skipped"]
#: Each pre-call check gives up after this long (the whole diagnosis must fit in 10 s).
CHECK_TIMEOUT_S: Final = 3.0
#: A token that no session has: its ``GET`` answers 401 (bad token) or 404 (token passed).
_TOKEN_PROBE_PATH: Final = "callcheck-token-check"
#: The translation context of the findings.
CONTEXT: Final = "connectivity"

#: The plain words of :func:`callcheck.engine.signaling.classify_http_error` that have no
#: detail in them, marked for translation; other words stay as they are (English).
_HTTP_ERROR_WORDS: Final = frozenset(
    {
        QT_TRANSLATE_NOOP("connectivity", "the server's name could not be resolved (DNS)"),
        QT_TRANSLATE_NOOP(
            "connectivity", "the secure (TLS) connection failed: the certificate is not trusted"
        ),
        QT_TRANSLATE_NOOP("connectivity", "the secure (TLS) connection failed"),
        QT_TRANSLATE_NOOP(
            "connectivity", "the server did not answer in time (a firewall may drop the traffic)"
        ),
        QT_TRANSLATE_NOOP(
            "connectivity", "the connection was refused: nothing listens on that port"
        ),
        QT_TRANSLATE_NOOP("connectivity", "the server closed the connection without answering"),
    }
)


def _say(template: str, **params: str | Phrase) -> Phrase:
    """A finding: ``template`` is marked ``QT_TRANSLATE_NOOP("connectivity", …)``."""
    return Phrase(CONTEXT, template, params)


def _words(words: str) -> str | Phrase:
    """An HTTP error's plain words, translatable when they are one of the known sentences."""
    return _say(words) if words in _HTTP_ERROR_WORDS else words


def _clock_ms() -> float:
    return time.monotonic() * 1000.0


@dataclass(frozen=True, slots=True)
class CheckResult:
    """One named step of the connectivity diagnosis."""

    name: str
    """``http``, ``token``, ``room``, ``udp``, ``turn_udp``, ``turn_tcp`` or ``turn_tls``."""
    status: CheckStatus
    """``ok``, ``failed`` or ``skipped`` (not applicable, or not reached)."""
    message: str
    """What was found, in plain words."""
    kind: str | None = None
    """Failure kind: ``dns``, ``refused``, ``tls``, ``timeout``, ``http_401``, ``blocked`` …"""
    target: str | None = None
    """What was checked (URL, TURN server)."""
    elapsed_ms: float | None = None
    """How long the check took."""
    phrase: Phrase | None = None
    """``message`` as a translatable template with its params (``message`` is its English)."""

    @classmethod
    def of(
        cls,
        name: str,
        status: CheckStatus,
        phrase: Phrase,
        *,
        kind: str | None = None,
        target: str | None = None,
        elapsed_ms: float | None = None,
    ) -> CheckResult:
        """A result whose message is ``phrase`` (its English, and the phrase to translate)."""
        return cls(name, status, phrase.text, kind, target, elapsed_ms, phrase)

    @property
    def ok(self) -> bool:
        """The step worked."""
        return self.status == "ok"

    def to_json(self) -> dict[str, Any]:
        """One element of the report's ``connectivity.checks``."""
        return {
            "name": self.name,
            "status": self.status,
            "message": self.message,
            "kind": self.kind,
            "target": self.target,
            "elapsed_ms": None if self.elapsed_ms is None else round(self.elapsed_ms, 1),
            **({} if self.phrase is None else {"phrase": self.phrase.to_json()}),
        }


@dataclass(frozen=True, slots=True)
class Connectivity:
    """Every check of one diagnosis, in the order they were made."""

    checks: tuple[CheckResult, ...] = ()

    def get(self, name: str) -> CheckResult | None:
        """The check with this name (the last one, if repeated), or ``None``."""
        found = [c for c in self.checks if c.name == name]
        return found[-1] if found else None

    def with_check(self, check: CheckResult) -> Connectivity:
        """This diagnosis with ``check`` added (replacing an earlier one of the same name)."""
        kept = tuple(c for c in self.checks if c.name != check.name or c.target != check.target)
        return Connectivity((*kept, check))

    @property
    def summary(self) -> str:
        """One sentence: the first failure, or that every step worked."""
        failed = [c for c in self.checks if c.status == "failed"]
        if failed:
            return failed[0].message
        if self.checks:
            return "Every connectivity check passed: " + ", ".join(
                c.name for c in self.checks if c.ok
            )
        return "No connectivity checks were made."

    def to_json(self) -> dict[str, Any]:
        """The report's ``connectivity`` section."""
        return {
            "summary": self.summary,
            "passed": all(c.status != "failed" for c in self.checks),
            "checks": [c.to_json() for c in self.checks],
        }


# ------------------------------------------------------------------------------ the checks


async def check_http(
    http: aiohttp.ClientSession, url: ServerUrl, timeout_s: float = CHECK_TIMEOUT_S
) -> CheckResult:
    """Does the server answer HTTP(S)? (``GET /healthz``; any HTTP answer counts.)"""
    target = f"{url.base}/healthz"
    start = _clock_ms()
    try:
        async with http.get(target, timeout=aiohttp.ClientTimeout(total=timeout_s)) as response:
            await read_body(response)  # bounded: a hostile server cannot exhaust memory
            status = response.status
    except (aiohttp.ClientError, OSError, TimeoutError) as error:
        kind, words = classify_http_error(error)
        return CheckResult.of(
            "http",
            "failed",
            _say(
                QT_TRANSLATE_NOOP("connectivity", "Cannot reach the server at {url}: {reason}."),
                url=url.base,
                reason=_words(words),
            ),
            kind=kind,
            target=target,
            elapsed_ms=_clock_ms() - start,
        )
    scheme = urlsplit(url.base).scheme.upper()
    if status == 200:
        found = _say(
            QT_TRANSLATE_NOOP("connectivity", "The server answers over {scheme}."), scheme=scheme
        )
    else:
        found = _say(
            QT_TRANSLATE_NOOP(
                "connectivity",
                "The server answers over {scheme} (HTTP {status} on /healthz: not a CallCheck "
                "server?).",
            ),
            scheme=scheme,
            status=str(status),
        )
    return CheckResult.of(
        "http",
        "ok",
        found,
        target=target,
        elapsed_ms=_clock_ms() - start,
    )


async def check_token(
    http: aiohttp.ClientSession,
    url: ServerUrl,
    token: str | None,
    timeout_s: float = CHECK_TIMEOUT_S,
) -> CheckResult:
    """Is the token accepted? A ``GET`` of a session that does not exist answers 401 for a
    refused token and 404 once the token passed, without starting anything."""
    target = f"{url.whip}/{_TOKEN_PROBE_PATH}"
    start = _clock_ms()
    try:
        async with http.get(
            target,
            headers=auth_headers(token),
            timeout=aiohttp.ClientTimeout(total=timeout_s),
        ) as response:
            await read_body(response)  # bounded: a hostile server cannot exhaust memory
            status = response.status
    except (aiohttp.ClientError, OSError, TimeoutError) as error:
        kind, words = classify_http_error(error)
        found = _say(
            QT_TRANSLATE_NOOP("connectivity", "The token could not be checked: {reason}."),
            reason=_words(words),
        )
        return CheckResult.of(
            "token", "failed", found, kind=kind, target=target, elapsed_ms=_clock_ms() - start
        )
    elapsed = _clock_ms() - start
    if status in (401, 403):
        message = (
            _say(
                QT_TRANSLATE_NOOP("connectivity", "The server needs an access token: pass --token.")
            )
            if not token
            else _say(
                QT_TRANSLATE_NOOP(
                    "connectivity", "The server refused the access token: check --token."
                )
            )
        )
        return CheckResult.of(
            "token", "failed", message, kind=f"http_{status}", target=target, elapsed_ms=elapsed
        )
    if not token:
        return CheckResult.of(
            "token",
            "skipped",
            _say(QT_TRANSLATE_NOOP("connectivity", "The server needs no token.")),
            target=target,
            elapsed_ms=elapsed,
        )
    return CheckResult.of(
        "token",
        "ok",
        _say(QT_TRANSLATE_NOOP("connectivity", "The server accepted the token.")),
        target=target,
        elapsed_ms=elapsed,
    )


async def check_room(
    http: aiohttp.ClientSession,
    url: ServerUrl,
    code: str,
    token: str | None,
    timeout_s: float = CHECK_TIMEOUT_S,
) -> CheckResult:
    """Does the room exist (and is there a place in it)?"""
    target = url.rooms(code)
    start = _clock_ms()
    try:
        async with http.get(
            target, headers=auth_headers(token), timeout=aiohttp.ClientTimeout(total=timeout_s)
        ) as response:
            status = response.status
            data: Any = None
            body = await read_body(response)
            with contextlib.suppress(ValueError):
                data = json.loads(body)
    except (aiohttp.ClientError, OSError, TimeoutError) as error:
        kind, words = classify_http_error(error)
        found = _say(
            QT_TRANSLATE_NOOP("connectivity", "The room could not be checked: {reason}."),
            reason=_words(words),
        )
        return CheckResult.of(
            "room", "failed", found, kind=kind, target=target, elapsed_ms=_clock_ms() - start
        )
    elapsed = _clock_ms() - start
    if status == 404:
        return CheckResult.of(
            "room",
            "failed",
            _say(
                QT_TRANSLATE_NOOP("connectivity", "No room {code}: check the code (rooms expire)."),
                code=code,
            ),
            kind="not_found",
            target=target,
            elapsed_ms=elapsed,
        )
    if status != 200:
        return CheckResult.of(
            "room",
            "failed",
            _say(
                QT_TRANSLATE_NOOP("connectivity", "The room check failed (HTTP {status})."),
                status=str(status),
            ),
            kind=f"http_{status}",
            target=target,
            elapsed_ms=elapsed,
        )
    state = data.get("state") if isinstance(data, dict) else None
    if state == "paired":
        return CheckResult.of(
            "room",
            "failed",
            _say(
                QT_TRANSLATE_NOOP("connectivity", "Room {code} already has two people in it."),
                code=code,
            ),
            kind="full",
            target=target,
            elapsed_ms=elapsed,
        )
    return CheckResult.of(
        "room",
        "ok",
        _say(QT_TRANSLATE_NOOP("connectivity", "Room {code} is open."), code=code),
        target=target,
        elapsed_ms=elapsed,
    )


class _Quiet(asyncio.DatagramProtocol):
    """A datagram protocol that ignores everything (the TURN check only allocates)."""


def _turn_address(url: str) -> tuple[str, int]:
    scheme, _, rest = url.partition(":")
    hostport = rest.partition("?")[0]
    default = 5349 if scheme == "turns" else 3478
    if hostport.startswith("["):
        host, _, tail = hostport[1:].partition("]")
        port = int(tail[1:]) if tail.startswith(":") else default
        return host, port
    host, sep, port_text = hostport.rpartition(":")
    if not sep:
        return hostport, default
    return host, int(port_text)


async def check_turn(server: IceServer, timeout_s: float = CHECK_TIMEOUT_S) -> CheckResult:
    """Can a relay be allocated on this TURN server, over its transport (UDP, TCP, TLS)?"""
    import aioice.turn

    transport = turn_transport(server.url)
    name = f"turn_{transport}"
    start = _clock_ms()
    try:
        host, port = _turn_address(server.url)
    except ValueError:
        return CheckResult.of(
            name,
            "failed",
            _say(QT_TRANSLATE_NOOP("connectivity", "Bad TURN URL {url}."), url=server.url),
            kind="bad_url",
            target=server.url,
        )
    relay: Any = None
    try:
        async with asyncio.timeout(timeout_s):
            relay, _ = await aioice.turn.create_turn_endpoint(
                _Quiet,
                server_addr=(host, port),
                username=server.username,
                password=server.credential,
                ssl=transport == "tls",
                transport="tcp" if transport in ("tcp", "tls") else "udp",
            )
    except TimeoutError:
        return CheckResult.of(
            name,
            "failed",
            _say(
                QT_TRANSLATE_NOOP(
                    "connectivity",
                    "The TURN server {host}:{port} did not answer over {transport} within "
                    "{timeout_s} s: a firewall may block {transport} to port {port}.",
                ),
                host=host,
                port=str(port),
                transport=transport.upper(),
                timeout_s=f"{timeout_s:g}",
            ),
            kind="timeout",
            target=server.url,
            elapsed_ms=_clock_ms() - start,
        )
    except Exception as error:
        detail = str(error) or type(error).__name__
        kind = "refused" if isinstance(error, ConnectionRefusedError) else "error"
        text: str | Phrase = detail
        if "401" in detail or "Unauthorized" in detail:
            kind = "credentials"
            text = _say(QT_TRANSLATE_NOOP("connectivity", "the user name or password was refused"))
        return CheckResult.of(
            name,
            "failed",
            _say(
                QT_TRANSLATE_NOOP(
                    "connectivity",
                    "The TURN server {host}:{port} over {transport} failed: {reason}.",
                ),
                host=host,
                port=str(port),
                transport=transport.upper(),
                reason=text,
            ),
            kind=kind,
            target=server.url,
            elapsed_ms=_clock_ms() - start,
        )
    finally:
        if relay is not None:
            with contextlib.suppress(Exception):
                relay.close()
    return CheckResult.of(
        name,
        "ok",
        _say(
            QT_TRANSLATE_NOOP(
                "connectivity", "A relay was allocated on {host}:{port} over {transport}."
            ),
            host=host,
            port=str(port),
            transport=transport.upper(),
        ),
        target=server.url,
        elapsed_ms=_clock_ms() - start,
    )


def udp_result(
    *,
    connected: bool,
    any_check_succeeded: bool,
    remote_candidates: int,
    target: str,
    elapsed_ms: float | None,
) -> CheckResult:
    """The ``udp`` step from the call's ICE attempt."""
    if connected or any_check_succeeded:
        return CheckResult.of(
            "udp",
            "ok",
            _say(
                QT_TRANSLATE_NOOP(
                    "connectivity", "UDP media gets through (ICE connectivity checks answered)."
                )
            ),
            target=target,
            elapsed_ms=elapsed_ms,
        )
    if remote_candidates == 0:
        return CheckResult.of(
            "udp",
            "failed",
            _say(
                QT_TRANSLATE_NOOP(
                    "connectivity",
                    "The far end offered no network address for the media (no ICE candidates).",
                )
            ),
            kind="no_candidates",
            target=target,
            elapsed_ms=elapsed_ms,
        )
    return CheckResult.of(
        "udp",
        "failed",
        _say(
            QT_TRANSLATE_NOOP(
                "connectivity",
                "The server answered over HTTP(S), but no UDP packets came back: a firewall "
                "probably blocks UDP. Allow UDP to the server, or use a TURN server over TCP/TLS "
                "(--ice-server turn:USER:PASS@HOST:443?transport=tcp --force-relay).",
            )
        ),
        kind="blocked",
        target=target,
        elapsed_ms=elapsed_ms,
    )


async def diagnose(
    url: ServerUrl,
    *,
    token: str | None = None,
    room_code: str | None = None,
    ice_servers: Iterable[IceServer] = (),
    timeout_s: float = CHECK_TIMEOUT_S,
    http: aiohttp.ClientSession | None = None,
) -> Connectivity:
    """The checks that need no call: HTTP(S), token, room, and each TURN server, concurrently.

    Never raises; every outcome is a :class:`CheckResult`. Takes at most about ``timeout_s``.
    """
    owned = http is None
    session = http or aiohttp.ClientSession()
    try:
        turn = [s for s in ice_servers if s.url.startswith("turn")]
        turn_tasks = [asyncio.ensure_future(check_turn(s, timeout_s)) for s in turn]
        try:
            reach = await check_http(session, url, timeout_s)
            checks = [reach]
            if reach.ok:
                token_timeout_s = min(timeout_s, HTTP_TIMEOUT_S)
                checks.append(await check_token(session, url, token, token_timeout_s))
                if room_code is not None and checks[-1].status != "failed":
                    checks.append(await check_room(session, url, room_code, token, timeout_s))
            checks.extend(await asyncio.gather(*turn_tasks))
        finally:
            for task in turn_tasks:
                task.cancel()
        return Connectivity(tuple(checks))
    finally:
        if owned:
            await session.close()
