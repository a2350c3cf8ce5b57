"""The helpdesk live view's wire format, shared by the app's publisher and the server.

The app publishes JSON text messages over one WebSocket (``/live/<code>/publish``), each an
object with a ``type``:

==============  ==================================================================================
``run``         a run starts: ``run`` (1, 2, …), ``mode``, ``duration_s``
``status``      progress before/around the call: ``run``, ``phase``, ``checks`` (``name``,
                ``status``, ``detail``) — the connection checks the app shows
``snapshot``    ``run``, ``snapshot``: the app's live snapshot as it shows it (the gauge's MOS,
                the three numbers per direction, progress); the server relays it, never
                recomputes it
``report``      ``run``, ``report``: the finished report (the report schema); stored by the server
``ended``       ``run``, ``reason``: the run could not finish (no report follows)
``stop``        the employee stopped sharing
==============  ==================================================================================

The server sends the app ``hello`` (``code``, ``expires_at``, ``reports``: the runs whose report
the server holds, so an app that reconnects re-sends only a report that was lost on the way),
``viewers`` (``count``) and ``run_again`` (the helpdesk asks for another run; the app asks the
employee first).

How the server ends the channel tells the app whether to reconnect: a WebSocket close with
:data:`CLOSE_EXPIRED` (the share's code expired) or :data:`CLOSE_REPLACED` (a newer channel of
the same share took over) — or a refused reconnection (``404``, ``403``, ``410``) — means the
share ended and the app stops; any other end (the instance died, a network cut, ``1001`` server
shutting down) is a lost channel and the app reconnects.
Viewers receive the same messages as Server-Sent Events, after a ``state`` event that holds the
session so far.
"""

from __future__ import annotations

import json
from typing import Any, Final

__all__ = [
    "CLOSE_EXPIRED",
    "CLOSE_REPLACED",
    "ENDED",
    "HELLO",
    "REPORT",
    "RUN",
    "RUN_AGAIN",
    "SECRET_HEADER",
    "SNAPSHOT",
    "STATUS",
    "STOP",
    "VIEWERS",
    "encode",
]

RUN: Final = "run"
STATUS: Final = "status"
SNAPSHOT: Final = "snapshot"
REPORT: Final = "report"
ENDED: Final = "ended"
STOP: Final = "stop"
HELLO: Final = "hello"
VIEWERS: Final = "viewers"
RUN_AGAIN: Final = "run_again"

#: WebSocket close codes (RFC 6455 §7.4.2: 4000-4999 are the application's own).
CLOSE_REPLACED: Final = 4001
"""A newer publishing channel of the same share took over this one."""
CLOSE_EXPIRED: Final = 4010
"""The share's code expired: nothing more can be published."""

#: The header that carries a share's publishing secret (never in a URL: URLs end up in logs).
SECRET_HEADER: Final = "X-CallCheck-Live-Secret"


def encode(kind: str, **fields: Any) -> str:
    """One message as compact JSON text."""
    return json.dumps({"type": kind, **fields}, separators=(",", ":"), allow_nan=False)
