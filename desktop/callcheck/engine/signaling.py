"""Signaling clients: WHIP (server mode) and the rooms' WebSocket relay (peer mode).

HTTP goes through aiohttp; every failure becomes a :class:`~callcheck.engine.snapshots.
CallFailed` with a reason code a helpdesk can act on (the connectivity diagnosis names the step)
and a message in plain words (a bad server answer, a redirect loop, TLS, a refused token …); the
technical detail goes to the log (logger ``callcheck.engine.signaling``), never to the user.

What the client trusts a server with (issue 14):

* **Credentials go only to the origin they were given for** (scheme, host and port of the
  configured server URL). A ``307``/``308`` redirect (RFC 9725 §4.5) is followed at most
  :data:`MAX_REDIRECTS` times, with the token only while it stays on that origin; a session
  ``Location`` on another origin is hung up without the token. aiohttp's own redirect handling
  is off for every request that carries the token.
* **Response bodies are read up to :data:`MAX_RESPONSE_BYTES`** (:func:`read_body`): an SDP
  answer is a few kilobytes, so a larger body is a broken or hostile server, answered with
  :class:`ResponseTooLarge` before it costs memory.
* **An answer is checked before aiortc sees it** (:func:`answer_problem`): UTF-8 text, an SDP,
  with the offer's media sections in the offer's order.
Room signaling is behind the :class:`SignalingChannel` protocol, with a WebSocket
implementation (:class:`RoomSocket`) and an in-memory pair for tests (:func:`memory_pair`).

Peer-mode messages (relayed verbatim by the server, which never looks inside):

``{"type": "offer", "sdp", "codec", "duration_s"}`` (host → guest; the guest adopts the codec
and the duration), ``{"type": "answer", "sdp"}``, ``{"type": "paused", "sent_packets"}`` (at the
end: this side stopped sending, having sent N RTP packets), ``{"type": "final", "total":
FIGURES, "playout", "sent_packets"}`` (its settled receive side), ``{"type": "bye"}``.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import ssl
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Final, Protocol
from urllib.parse import quote, urljoin, urlsplit, urlunsplit

import aiohttp
from aiortc.sdp import SessionDescription

from callcheck.engine.ice_servers import ice_servers_from_json, ice_servers_from_link_headers
from callcheck.engine.peer import IceServer
from callcheck.engine.snapshots import (
    BAD_ANSWER,
    ROOM_FULL,
    ROOM_NOT_FOUND,
    SERVER_BUSY,
    SERVER_REJECTED,
    SERVER_UNREACHABLE,
    TOKEN_REFUSED,
    CallFailed,
)

__all__ = [
    "HTTP_TIMEOUT_S",
    "MAX_REDIRECTS",
    "MAX_RESPONSE_BYTES",
    "MemorySignaling",
    "ResponseTooLarge",
    "RoomInfo",
    "RoomSocket",
    "ServerUrl",
    "SignalingChannel",
    "WhipAnswer",
    "WhipClient",
    "answer_problem",
    "auth_headers",
    "bad_answer",
    "classify_http_error",
    "create_room",
    "failure_for_status",
    "memory_pair",
    "new_room",
    "parse_server_url",
    "read_body",
    "same_origin",
]

#: Technical detail of client failures goes here at INFO (an unconfigured CLI prints WARNING
#: and above on stderr; the user gets the plain words of :class:`CallFailed` instead).
logger = logging.getLogger(__name__)

#: Longest wait for one HTTP exchange with the server (the 10 s diagnosis budget needs room).
HTTP_TIMEOUT_S: Final = 4.0
SDP_CONTENT_TYPE: Final = "application/sdp"
#: Largest response body read from a server: an SDP answer is a few kB, room JSON less.
MAX_RESPONSE_BYTES: Final = 256 * 1024
#: Redirects followed at most (RFC 9725 §4.5 allows a WHIP endpoint to redirect with 307).
MAX_REDIRECTS: Final = 5
_REDIRECTS: Final = frozenset({307, 308})
_READ_CHUNK_BYTES: Final = 64 * 1024


# ------------------------------------------------------------------------------ reading answers


class ResponseTooLarge(aiohttp.ClientPayloadError):
    """A server's response body is larger than the client will read (an aiohttp client error,
    so every caller's ``except aiohttp.ClientError`` sees it)."""

    def __init__(self, limit_bytes: int) -> None:
        super().__init__(f"response body larger than {limit_bytes} bytes")
        self.limit_bytes = limit_bytes


async def read_body(
    response: aiohttp.ClientResponse, limit_bytes: int = MAX_RESPONSE_BYTES
) -> bytes:
    """The response body, at most ``limit_bytes``; raises :class:`ResponseTooLarge` beyond it
    (after reading no more than one chunk past the limit, so memory stays bounded)."""
    if response.content_length is not None and response.content_length > limit_bytes:
        response.close()
        raise ResponseTooLarge(limit_bytes)
    chunks: list[bytes] = []
    size = 0
    async for chunk in response.content.iter_chunked(_READ_CHUNK_BYTES):
        size += len(chunk)
        if size > limit_bytes:
            response.close()
            raise ResponseTooLarge(limit_bytes)
        chunks.append(chunk)
    return b"".join(chunks)


def _origin(url: str) -> tuple[str, str, int | None]:
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    port = parts.port or {"http": 80, "https": 443, "ws": 80, "wss": 443}.get(scheme)
    return scheme, (parts.hostname or "").lower(), port


def same_origin(a: str, b: str) -> bool:
    """Whether two absolute URLs have the same origin (scheme, host, port; RFC 6454)."""
    return _origin(a) == _origin(b)


def answer_problem(offer_sdp: str, answer: bytes) -> str | None:
    """What is wrong with ``answer`` as the answer to ``offer_sdp``, in plain words, or ``None``.

    aiortc would otherwise fail later with its own internals ("Media sections in answer do not
    match offer", a Unicode error) and a traceback.
    """
    try:
        text = answer.decode("utf-8")
    except UnicodeDecodeError:
        return "its answer is not text (not UTF-8)"
    if not text.lstrip().startswith("v=0"):
        return "its answer is not an SDP answer"
    try:
        parsed = SessionDescription.parse(text)
        offered = SessionDescription.parse(offer_sdp)
    except Exception as exc:  # aiortc's parser raises assorted exceptions
        logger.info("unparsable SDP answer: %s: %s", type(exc).__name__, exc)
        return "its SDP answer could not be read"
    kinds = [m.kind for m in parsed.media]
    wanted = [m.kind for m in offered.media]
    if kinds != wanted:
        return (
            f"its answer does not match the call's offer (media {', '.join(kinds) or 'none'}; "
            f"offered {', '.join(wanted)})"
        )
    return None


# ------------------------------------------------------------------------------ URLs


@dataclass(frozen=True, slots=True)
class ServerUrl:
    """Where the CallCheck server is: its base URL and its WHIP endpoint."""

    base: str
    """``http(s)://host:port`` (with any path prefix, without ``/whip``)."""
    whip: str
    """The WHIP endpoint to POST offers to."""
    host: str
    """Host name or address (for ICE host-address defaults and messages)."""

    def rooms(self, *parts: str) -> str:
        """``<base>/rooms[/part...]``."""
        return "/".join([self.base, "rooms", *(quote(p, safe="") for p in parts)])


def parse_server_url(text: str) -> ServerUrl:
    """Accept ``host:port``, a base URL or the ``/whip`` endpoint itself.

    Raises :class:`ValueError` for what is not an http(s) URL.
    """
    text = text.strip()
    if "://" not in text:
        text = f"http://{text}"
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError(f"{text!r} is not an http:// or https:// server address")
    path = parts.path.rstrip("/")
    if path.endswith("/whip"):
        whip_path, base_path = path, path[: -len("/whip")]
    else:
        whip_path, base_path = f"{path}/whip", path
    base = urlunsplit((parts.scheme, parts.netloc, base_path, "", ""))
    whip = urlunsplit((parts.scheme, parts.netloc, whip_path, parts.query, ""))
    return ServerUrl(base=base, whip=whip, host=parts.hostname)


def auth_headers(token: str | None) -> dict[str, str]:
    """``Authorization: Bearer`` when there is a token."""
    return {"Authorization": f"Bearer {token}"} if token else {}


# ------------------------------------------------------------------------------ failures


def classify_http_error(error: BaseException) -> tuple[str, str]:
    """``(kind, plain words)`` for an exception of an HTTP request that got no answer.

    Kinds: ``dns``, ``refused``, ``tls``, ``timeout``, ``unreachable``, ``error``.
    """
    if isinstance(error, ResponseTooLarge):
        return "too_large", (
            f"its answer was larger than {error.limit_bytes // 1024} KiB (not a CallCheck server, "
            "or a broken one)"
        )
    if isinstance(error, aiohttp.TooManyRedirects):
        return "redirect_loop", "it redirected the request in a loop"
    if isinstance(error, aiohttp.InvalidURL):
        return "error", "it redirected to an address that is not a valid URL"
    if isinstance(error, aiohttp.ClientConnectorDNSError):
        return "dns", "the server's name could not be resolved (DNS)"
    if isinstance(error, aiohttp.ClientConnectorCertificateError | aiohttp.ClientSSLError):
        return "tls", "the secure (TLS) connection failed: the certificate is not trusted"
    if isinstance(error, ssl.SSLError):
        return "tls", "the secure (TLS) connection failed"
    if isinstance(error, TimeoutError | aiohttp.ServerTimeoutError):
        return "timeout", "the server did not answer in time (a firewall may drop the traffic)"
    if isinstance(error, aiohttp.ClientConnectorError):
        os_error = error.os_error
        if isinstance(os_error, ConnectionRefusedError):
            return "refused", "the connection was refused: nothing listens on that port"
        return "unreachable", f"the server could not be reached ({os_error.strerror or os_error})"
    if isinstance(error, aiohttp.ServerDisconnectedError | aiohttp.ClientPayloadError):
        return "error", "the server closed the connection without answering"
    if isinstance(error, aiohttp.ClientResponseError):
        return "bad_answer", f"its answer was not valid HTTP (HTTP {error.status})"
    if isinstance(error, aiohttp.ClientError | OSError):
        return "error", "the request failed (a network or protocol error)"
    return "error", "the request failed"


def unreachable(base_url: str, error: BaseException) -> CallFailed:
    """The :class:`CallFailed` for a server that gave no usable HTTP answer."""
    kind, words = classify_http_error(error)
    logger.info("request to %s failed (%s): %r", base_url, kind, error)
    if kind in ("too_large", "redirect_loop", "bad_answer"):
        return bad_answer(base_url, words, kind)
    return CallFailed(
        SERVER_UNREACHABLE,
        f"Cannot reach the CallCheck server at {base_url}: {words}. Check the address, that the "
        "server runs, and that this network allows the connection.",
        details={"kind": kind},
    )


def bad_answer(base_url: str, words: str, kind: str = "bad_answer") -> CallFailed:
    """The :class:`CallFailed` for a server that answered, but not usably (``bad_answer``, the
    reason code the engine also gives when aiortc refuses an answer)."""
    return CallFailed(
        BAD_ANSWER,
        f"The server at {base_url} gave an answer this app cannot use: {words}. Check the "
        "server address (is it a CallCheck server?) and that the server runs a current version.",
        details={"kind": kind},
    )


def _server_message(body: str) -> str:
    with contextlib.suppress(ValueError, AttributeError):
        data = json.loads(body)
        if isinstance(data, dict) and isinstance(data.get("message"), str):
            return str(data["message"])
    return body.strip()[:200]


def failure_for_status(status: int, body: str, *, what: str, url: str) -> CallFailed:
    """The :class:`CallFailed` for an HTTP error answer ``status`` to ``what`` at ``url``."""
    said = _server_message(body)
    said_part = f" The server said: {said}" if said else ""
    if status == 401 or status == 403:
        return CallFailed(
            TOKEN_REFUSED,
            f"The server refused the access token (HTTP {status}). Check --token against the "
            f"token the server was started with.{said_part}",
            details={"status": status},
        )
    if status == 404 and what == "room":
        return CallFailed(
            ROOM_NOT_FOUND,
            "No room with that code: check the code with the other person (rooms expire after "
            f"a few minutes).{said_part}",
            details={"status": status},
        )
    if status == 409 and what == "room":
        return CallFailed(
            ROOM_FULL,
            f"That room already has two people in it.{said_part}",
            details={"status": 409},
        )
    if status in (429, 503):
        return CallFailed(
            SERVER_BUSY,
            f"The server is busy (HTTP {status}); try again in a minute.{said_part}",
            details={"status": status},
        )
    if status == 404:
        return CallFailed(
            SERVER_REJECTED,
            f"There is no test endpoint at {url} (HTTP 404): check the server address.",
            details={"status": status},
        )
    if 300 <= status < 400:
        return CallFailed(
            SERVER_REJECTED,
            f"The server at {url} sent the request elsewhere (HTTP {status}); this app does not "
            "follow that redirect. Use the server's current address.",
            details={"status": status},
        )
    return CallFailed(
        SERVER_REJECTED,
        f"The server rejected the test call (HTTP {status}).{said_part}",
        details={"status": status},
    )


# ------------------------------------------------------------------------------ WHIP


@dataclass(frozen=True, slots=True)
class WhipAnswer:
    """A WHIP server's ``201 Created``."""

    sdp: str
    location: str
    """Absolute URL of the session (DELETE it to hang up)."""
    ice_servers: tuple[IceServer, ...]
    """From the ``Link: rel="ice-server"`` headers (RFC 9725 §4.6)."""
    reflection: str | None
    """``X-CallCheck-Reflection`` (how the reflector returns the media), if given."""


class WhipClient:
    """POST an offer, DELETE the session (RFC 9725 §4.2, §4.3)."""

    def __init__(self, http: aiohttp.ClientSession, url: ServerUrl, token: str | None) -> None:
        self._http = http
        self.url = url
        self._token = token

    async def post_offer(self, sdp: str) -> WhipAnswer:
        """Send the offer; raises :class:`CallFailed` for every non-201 outcome.

        Follows ``307``/``308`` redirects (RFC 9725 §4.5) itself, at most
        :data:`MAX_REDIRECTS`, sending the token only to the configured origin.
        """
        target = self.url.whip
        try:
            for _ in range(MAX_REDIRECTS + 1):
                headers = {"Content-Type": SDP_CONTENT_TYPE}
                if same_origin(target, self.url.whip):
                    headers.update(auth_headers(self._token))
                async with self._http.post(
                    target,
                    data=sdp.encode(),
                    headers=headers,
                    allow_redirects=False,
                    timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT_S * 2),
                ) as response:
                    location = response.headers.get("Location")
                    if response.status in _REDIRECTS and location:
                        target = urljoin(str(response.url), location)
                        logger.info("WHIP offer redirected (%d) to %s", response.status, target)
                        continue
                    body = await read_body(response)
                    return self._answer(sdp, response, body)
        except CallFailed:
            raise
        except (aiohttp.ClientError, OSError, TimeoutError, ValueError) as error:
            raise unreachable(self.url.base, error) from error
        raise bad_answer(
            self.url.base,
            f"it redirected the request more than {MAX_REDIRECTS} times (a loop)",
            "redirect_loop",
        )

    def _answer(self, sdp: str, response: aiohttp.ClientResponse, body: bytes) -> WhipAnswer:
        if response.status != 201:
            raise failure_for_status(
                response.status,
                body.decode("utf-8", "replace"),
                what="whip",
                url=self.url.whip,
            )
        location = response.headers.get("Location")
        if not location:
            raise bad_answer(self.url.base, "it answered without a session Location")
        problem = answer_problem(sdp, body)
        if problem is not None:
            logger.info("unusable WHIP answer from %s: %s", self.url.base, problem)
            raise bad_answer(self.url.base, problem)
        return WhipAnswer(
            sdp=body.decode("utf-8"),
            location=urljoin(str(response.url), location),
            ice_servers=ice_servers_from_link_headers(response.headers.getall("Link", [])),
            reflection=response.headers.get("X-CallCheck-Reflection"),
        )

    async def delete(self, location: str) -> int | None:
        """Hang up; returns the status, or ``None`` when the server could not be reached.

        The token goes with the ``DELETE`` only when ``location`` is on the configured origin.
        """
        headers = auth_headers(self._token) if same_origin(location, self.url.whip) else {}
        if not headers and self._token:
            logger.info(
                "session Location %s is on another origin: hanging up without the token", location
            )
        try:
            async with self._http.delete(
                location,
                headers=headers,
                allow_redirects=False,
                timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT_S / 2),
            ) as response:
                return response.status
        except (aiohttp.ClientError, OSError, TimeoutError, ValueError):
            return None


# ------------------------------------------------------------------------------ rooms


@dataclass(frozen=True, slots=True)
class RoomInfo:
    """A room as ``POST /rooms`` created it."""

    code: str
    """``AC7-K3M-9PX``: read it out to the other person."""
    ws_url: str
    """The room's WebSocket (``ws://`` or ``wss://``)."""
    ice_servers: tuple[IceServer, ...]
    expires_in_s: float


def _ws_url(url: ServerUrl, path: str) -> str:
    parts = urlsplit(url.base)
    scheme = "wss" if parts.scheme == "https" else "ws"
    return urlunsplit((scheme, parts.netloc, path, "", ""))


async def create_room(http: aiohttp.ClientSession, url: ServerUrl, token: str | None) -> RoomInfo:
    """``POST /rooms``; raises :class:`CallFailed` (unreachable, token refused, busy)."""
    try:
        async with http.post(
            url.rooms(),
            headers=auth_headers(token),
            allow_redirects=False,
            timeout=aiohttp.ClientTimeout(total=HTTP_TIMEOUT_S),
        ) as response:
            raw = await read_body(response)
            body = raw.decode("utf-8", "replace")
            if response.status != 201:
                raise failure_for_status(response.status, body, what="rooms", url=url.rooms())
    except CallFailed:
        raise
    except (aiohttp.ClientError, OSError, TimeoutError) as error:
        raise unreachable(url.base, error) from error
    try:
        data = json.loads(body)
        code = str(data["code"])
        path = str(data.get("ws_path") or f"/rooms/{code}/ws")
        if not path.startswith("/"):
            raise ValueError("ws_path is not a path on this server")
    except (ValueError, KeyError, TypeError):
        logger.info("unusable room answer from %s: %r", url.base, body[:200])
        raise bad_answer(url.base, "its answer to creating a room was not understood") from None
    base_path = urlsplit(url.base).path
    return RoomInfo(
        code=code,
        ws_url=_ws_url(url, base_path + path),
        ice_servers=ice_servers_from_json(data.get("ice_servers")),
        expires_in_s=float(data.get("expires_in_s") or 0.0),
    )


class SignalingChannel(Protocol):
    """JSON messages to and from the other participant."""

    async def send(self, message: Mapping[str, Any]) -> None:
        """Send one message (never raises: a gone peer is noticed on receive)."""

    async def receive(self) -> dict[str, Any] | None:
        """The next message; ``None`` once the channel is closed."""

    async def close(self) -> None:
        """Leave (idempotent)."""


class RoomSocket:
    """A participant's WebSocket to ``/rooms/<code>/ws`` (a :class:`SignalingChannel`)."""

    def __init__(self, http: aiohttp.ClientSession, ws: aiohttp.ClientWebSocketResponse) -> None:
        self._http = http
        self._ws = ws

    @classmethod
    async def join(
        cls, http: aiohttp.ClientSession, url: ServerUrl, code: str, token: str | None
    ) -> RoomSocket:
        """Open the room's WebSocket; raises :class:`CallFailed` (404 room not found …)."""
        ws_url = _ws_url(url, urlsplit(url.base).path + f"/rooms/{quote(code, safe='')}/ws")
        try:
            ws = await http.ws_connect(
                ws_url,
                headers=auth_headers(token),
                timeout=aiohttp.ClientWSTimeout(ws_close=2.0),
                heartbeat=10.0,
            )
        except aiohttp.WSServerHandshakeError as error:
            raise failure_for_status(error.status, error.message, what="room", url=ws_url) from None
        except (aiohttp.ClientError, OSError, TimeoutError) as error:
            raise unreachable(url.base, error) from error
        return cls(http, ws)

    async def send(self, message: Mapping[str, Any]) -> None:
        if not self._ws.closed:
            with contextlib.suppress(Exception):
                await self._ws.send_str(json.dumps(message, separators=(",", ":")))

    async def receive(self) -> dict[str, Any] | None:
        while True:
            try:
                msg = await self._ws.receive()
            except Exception:
                return None
            if msg.type == aiohttp.WSMsgType.TEXT:
                with contextlib.suppress(ValueError):
                    data = json.loads(msg.data)
                    if isinstance(data, dict):
                        return data
                continue
            if msg.type in (
                aiohttp.WSMsgType.CLOSE,
                aiohttp.WSMsgType.CLOSED,
                aiohttp.WSMsgType.CLOSING,
                aiohttp.WSMsgType.ERROR,
            ):
                return None

    async def close(self) -> None:
        with contextlib.suppress(Exception):
            await self._ws.close()


class MemorySignaling:
    """One end of an in-memory :class:`SignalingChannel` pair (tests)."""

    def __init__(self) -> None:
        self._inbox: asyncio.Queue[dict[str, Any] | None] = asyncio.Queue()
        self.other: MemorySignaling | None = None
        self._closed = False

    async def send(self, message: Mapping[str, Any]) -> None:
        if self.other is not None and not self._closed:
            self.other._inbox.put_nowait(json.loads(json.dumps(message)))

    async def receive(self) -> dict[str, Any] | None:
        if self._closed:
            return None
        return await self._inbox.get()

    async def close(self) -> None:
        if not self._closed:
            self._closed = True
            self._inbox.put_nowait(None)
            if self.other is not None:
                self.other._inbox.put_nowait({"type": "room.peer-left"})


def memory_pair() -> tuple[MemorySignaling, MemorySignaling]:
    """Two connected in-memory signaling channels."""
    a, b = MemorySignaling(), MemorySignaling()
    a.other, b.other = b, a
    return a, b


async def new_room(server_url: str, token: str | None = None) -> RoomInfo:
    """Create a room on the server at ``server_url`` (for `callcheck room create` and the GUI).

    Raises :class:`CallFailed` (unreachable, token refused, busy) or :class:`ValueError` for
    a malformed URL.
    """
    url = parse_server_url(server_url)
    async with aiohttp.ClientSession() as http:
        return await create_room(http, url, token)
