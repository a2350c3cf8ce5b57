"""ICE servers from every place they come from, and what ICE gathered and used.

Sources of STUN/TURN servers, all turned into :class:`~callcheck.engine.peer.IceServer`:

- a flag or a GUI setting: :func:`parse_ice_server` (``stun:host:port``,
  ``turn[s]:user:password@host:port[?transport=tcp]``);
- a WHIP answer's ``Link: <url>; rel="ice-server"`` headers (RFC 9725 §4.6):
  :func:`ice_servers_from_link_headers`;
- a room response's ``ice_servers`` (the WebRTC ``RTCIceServer`` dictionaries):
  :func:`ice_servers_from_json`.

And the other way round, what the SDPs say: :func:`candidate_types` counts the candidates each
side gathered (host, srflx, prflx, relay), for the report's ``ice`` section.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any, Final

from callcheck.engine.peer import IceServer

__all__ = [
    "CANDIDATE_TYPES",
    "IceServerError",
    "candidate_types",
    "ice_servers_from_json",
    "ice_servers_from_link_headers",
    "merge_ice_servers",
    "parse_ice_server",
    "turn_transport",
]

#: ICE candidate types (RFC 8445 §5.1.1), in the order a report lists them.
CANDIDATE_TYPES: Final = ("host", "srflx", "prflx", "relay")

_SCHEMES: Final = ("stun", "stuns", "turn", "turns")
_LINK_PARAM = re.compile(r';\s*([A-Za-z-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;,\s]+))')
_LINK = re.compile(r"<([^>]*)>((?:\s*;\s*[A-Za-z-]+\s*=\s*(?:\"(?:[^\"\\]|\\.)*\"|[^;,\s]+))*)")
_CANDIDATE_TYPE = re.compile(r"^a=candidate:.*\styp\s+(\S+)", re.MULTILINE)


class IceServerError(ValueError):
    """An ICE server description that cannot be used; the message says which and why."""


def parse_ice_server(text: str) -> IceServer:
    """``stun:host:port`` or ``turn[s]:user:password@host:port[?transport=tcp]``.

    Raises :class:`IceServerError` for anything else.
    """
    scheme, sep, rest = text.partition(":")
    if not sep or scheme not in _SCHEMES or not rest:
        raise IceServerError(
            f"--ice-server {text!r}: expected stun:HOST:PORT or turn:USER:PASS@HOST:PORT"
        )
    if "@" in rest and scheme.startswith("turn"):
        creds, _, hostpart = rest.rpartition("@")
        user, _, password = creds.partition(":")
        return IceServer(url=f"{scheme}:{hostpart}", username=user, credential=password)
    return IceServer(url=text)


def ice_servers_from_link_headers(values: Iterable[str]) -> tuple[IceServer, ...]:
    """The ``rel="ice-server"`` entries of WHIP ``Link`` header values (RFC 9725 §4.6).

    One header may carry several comma-separated links; other relations are ignored.
    """
    servers: list[IceServer] = []
    for value in values:
        for match in _LINK.finditer(value):
            url = match.group(1).strip()
            params = {
                m.group(1).lower(): (
                    m.group(2).replace('\\"', '"') if m.group(2) is not None else m.group(3)
                )
                for m in _LINK_PARAM.finditer(match.group(2))
            }
            if params.get("rel", "").lower() != "ice-server":
                continue
            if url.partition(":")[0] not in _SCHEMES:
                continue
            servers.append(
                IceServer(
                    url=url, username=params.get("username"), credential=params.get("credential")
                )
            )
    return tuple(servers)


def ice_servers_from_json(items: object) -> tuple[IceServer, ...]:
    """``[{"urls": [...], "username", "credential"}, ...]`` (a room response) as servers.

    Malformed entries are skipped: a server's list must never stop a test from running.
    """
    if not isinstance(items, Sequence) or isinstance(items, str):
        return ()
    servers: list[IceServer] = []
    for item in items:
        if not isinstance(item, Mapping):
            continue
        urls: Any = item.get("urls")
        if isinstance(urls, str):
            urls = [urls]
        if not isinstance(urls, list):
            continue
        username = item.get("username")
        credential = item.get("credential")
        for url in urls:
            if isinstance(url, str) and url.partition(":")[0] in _SCHEMES:
                servers.append(
                    IceServer(
                        url=url,
                        username=username if isinstance(username, str) else None,
                        credential=credential if isinstance(credential, str) else None,
                    )
                )
    return tuple(servers)


def merge_ice_servers(*groups: Iterable[IceServer]) -> tuple[IceServer, ...]:
    """The servers of every group, first occurrence of each URL kept (flags before server's)."""
    seen: set[str] = set()
    merged: list[IceServer] = []
    for group in groups:
        for server in group:
            if server.url not in seen:
                seen.add(server.url)
                merged.append(server)
    return tuple(merged)


def turn_transport(url: str) -> str:
    """How a TURN URL reaches its server: ``udp``, ``tcp`` or ``tls`` (``turns:``)."""
    if url.startswith("turns:"):
        return "tls"
    query = url.partition("?")[2]
    for part in query.split("&"):
        key, _, value = part.partition("=")
        if key == "transport" and value.lower() in ("udp", "tcp"):
            return value.lower()
    return "udp"


def candidate_types(sdp: str | None) -> dict[str, int]:
    """How many candidates of each type an SDP carries (``{"host": 2, "relay": 1}``)."""
    counts: Counter[str] = Counter(_CANDIDATE_TYPE.findall(sdp or ""))
    return {kind: counts[kind] for kind in CANDIDATE_TYPES if counts[kind]}
