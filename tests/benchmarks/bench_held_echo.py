"""Where a held RTT echo's time goes, datagram by datagram; prints the figures, asserts nothing.

    .venv/bin/python tests/benchmarks/bench_held_echo.py [--hold-ms 25] [--busy-ms 0]
        [--duration 5] [--runs 1]

A real ``callcheck serve --workers 1`` process answers an engine client in server mode with
50 ms emulated each way (as ``tests/server/test_held_echo_process.py``). The server either
sleeps ``--hold-ms`` in its data-channel handler (a hold inside aiortc) or, with ``--busy-ms``,
blocks its loop that long every 83 ms (pings then wait in the socket). Both processes log every
datagram at ``aioice.StunProtocol`` (received, and handed to the socket) on the one monotonic
clock, and the client logs its emulator's queue, so each ping is followed through both ends
(pings are 81 bytes on the wire, held echoes 89). Per ping, in ms:

- ``ping→emu``: the ping's send time to the client's emulator (DTLS encryption);
- ``emu→sock``: the emulator's release to the socket (the client's loop);
- ``sock→srv``: the client's socket to the server's Python (the server's kernel and scheduler);
- ``hold err``: the server's hold from its Python read to its socket, minus the hold the echo
  says (negative: the echo counts time before Python read the ping, from the kernel's stamp);
- ``srv→cli``: the server's socket to the client's Python read;
- ``rel→stamp``: the receive emulator's release to the echo's arrival stamp (entering SCTP);
- ``rtt−emu``: the reported RTT minus what the emulator gave this ping both ways.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import struct
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from typing import Any

import aioice.ice

from callcheck.engine import impairment, rtt_probe
from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.impairment import ImpairmentSpec
from callcheck.engine.loop import EngineLoop, now_ms

PING_WIRE_BYTES = 81
ECHO_WIRE_BYTES = 89

SERVER_CODE = """
import asyncio, json, sys, time
import aioice.ice as ice
from callcheck.engine.loop import now_ms
from callcheck.server.reflector import ReflectorSession
log_path, hold_s, busy_s = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
out = open(log_path, "w", buffering=1)
def log(*event): out.write(json.dumps(event) + "\\n")
received = ice.StunProtocol.datagram_received
def datagram_received(self, data, addr):
    log("rx", now_ms(), len(data))
    received(self, data, addr)
ice.StunProtocol.datagram_received = datagram_received
send_data = ice.StunProtocol.send_data
async def logged_send_data(self, data, addr):
    log("tx", now_ms(), len(data))
    await send_data(self, data, addr)
ice.StunProtocol.send_data = logged_send_data
handle = ReflectorSession._on_channel_message
def held(self, channel, message):
    time.sleep(hold_s)
    handle(self, channel, message)
ReflectorSession._on_channel_message = held
negotiate = ReflectorSession.negotiate
async def busy_negotiate(self, *args, **kwargs):
    loop = asyncio.get_running_loop()
    def block():
        time.sleep(busy_s)
        loop.call_later(0.083, block)
    if busy_s > 0:
        loop.call_later(0.083, block)
    return await negotiate(self, *args, **kwargs)
ReflectorSession.negotiate = busy_negotiate
from callcheck.cli.main import main
raise SystemExit(main(["serve", "--host", "127.0.0.1", "--port", "0",
                       "--ice-address", "127.0.0.2", "--workers", "1"]))
"""

Event = tuple[Any, ...]


def trace_client(events: list[Event]) -> None:
    """Log the client's datagrams, emulator queue and echoes (debug patches on classes)."""
    received = aioice.ice.StunProtocol.datagram_received
    send_data = aioice.ice.StunProtocol.send_data
    link_send = impairment.ImpairedLink.send
    link_release = impairment.ImpairedLink._release
    on_message = rtt_probe.RttProbe._on_message

    def datagram_received(self: Any, data: bytes, addr: Any) -> None:
        events.append(("rx", now_ms(), len(data)))
        received(self, data, addr)

    async def logged_send_data(self: Any, data: bytes, addr: Any) -> None:
        events.append(("tx", now_ms(), len(data)))
        await send_data(self, data, addr)

    async def logged_link_send(self: Any, data: bytes) -> None:
        events.append(("in", now_ms(), len(data), id(self)))
        await link_send(self, data)

    def logged_release(self: Any, data: bytes, seq: int, in_ms: float) -> None:
        events.append(("out", now_ms(), len(data), id(self)))
        link_release(self, data, seq, in_ms)

    def logged_message(self: Any, message: object) -> None:
        if isinstance(message, bytes) and len(message) == rtt_probe.HELD_ECHO_BYTES:
            _number, sent_ms, hold_ms = struct.unpack_from("!Idd", message, 1)
            events.append(("echo", sent_ms, self._arrival_ms(), hold_ms))
        on_message(self, message)

    aioice.ice.StunProtocol.datagram_received = datagram_received  # type: ignore[method-assign]
    aioice.ice.StunProtocol.send_data = logged_send_data  # type: ignore[method-assign]
    impairment.ImpairedLink.send = logged_link_send  # type: ignore[method-assign]
    impairment.ImpairedLink._release = logged_release  # type: ignore[method-assign]
    rtt_probe.RttProbe._on_message = logged_message  # type: ignore[method-assign]


def first(events: list[Event], kind: str, size: int, after_ms: float, link: int = 0) -> Event:
    for event in events:
        if event[0] != kind or event[1] < after_ms or event[2] != size:
            continue
        if not link or event[3] == link:
            return event
    raise LookupError(f"no {kind} of {size} bytes after {after_ms:.2f}")


def per_ping(client: list[Event], server: list[Event]) -> Iterator[dict[str, float]]:
    for event in client:
        if event[0] != "echo":
            continue
        _, sent_ms, arrival_ms, hold_ms = event
        try:
            ping_in = first(client, "in", PING_WIRE_BYTES, sent_ms)
            ping_out = first(client, "out", PING_WIRE_BYTES, ping_in[1], ping_in[3])
            ping_tx = first(client, "tx", PING_WIRE_BYTES, ping_out[1])
            server_rx = first(server, "rx", PING_WIRE_BYTES, ping_tx[1] - 1.0)
            server_tx = first(server, "tx", ECHO_WIRE_BYTES, server_rx[1])
            echo_rx = first(client, "rx", ECHO_WIRE_BYTES, server_tx[1] - 1.0)
            echo_in = first(client, "in", ECHO_WIRE_BYTES, echo_rx[1])
            echo_out = first(client, "out", ECHO_WIRE_BYTES, echo_in[1], echo_in[3])
        except LookupError:
            continue  # a ping or echo lost at the end of the call
        emulated = ping_out[1] - ping_in[1] + echo_out[1] - echo_in[1]
        yield {
            "ping→emu": ping_in[1] - sent_ms,
            "emu→sock": ping_tx[1] - ping_out[1],
            "sock→srv": server_rx[1] - ping_tx[1],
            "hold err": server_tx[1] - server_rx[1] - hold_ms,
            "srv→cli": echo_rx[1] - server_tx[1],
            "rel→stamp": arrival_ms - echo_out[1],
            "rtt−emu": arrival_ms - sent_ms - hold_ms - emulated,
        }


def run(args: argparse.Namespace, log_path: str) -> None:
    server = subprocess.Popen(
        [
            sys.executable,
            "-c",
            SERVER_CODE,
            log_path,
            f"{args.hold_ms / 1000}",
            f"{args.busy_ms / 1000}",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        match = re.search(r"listening on (http://\S+) ", server.stdout.readline())
        assert match, "the server did not start"
        spec = ImpairmentSpec.parse("delay=50,seed=3")
        config = CallConfig.impaired(
            spec, duration_s=args.duration, mode="server", server_url=match.group(1)
        )
        with EngineLoop() as loop:
            result = loop.run(TestCall(config).run(), timeout_s=args.duration + 40)
    finally:
        server.terminate()
        server.wait(10)
    with open(log_path) as log:
        server_events = [tuple(json.loads(line)) for line in log]
    rows = list(per_ping(EVENTS, server_events))
    EVENTS.clear()
    rtt = result.downlink.rtt_ms
    print(
        f"hold {args.hold_ms:g} ms, busy {args.busy_ms:g} ms: {len(rows)} pings; RTT p50 "
        f"{rtt.p50 if rtt else float('nan'):.2f} ms"
    )
    for name in rows[0] if rows else ():
        values = [row[name] for row in rows]
        print(
            f"  {name:10s} median {statistics.median(values):6.2f}  mean "
            f"{statistics.mean(values):6.2f}  max {max(values):6.2f}"
        )


EVENTS: list[Event] = []


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--hold-ms", type=float, default=25.0)
    parser.add_argument("--busy-ms", type=float, default=0.0)
    parser.add_argument("--duration", type=float, default=5.0)
    parser.add_argument("--runs", type=int, default=1)
    args = parser.parse_args()
    trace_client(EVENTS)
    with tempfile.TemporaryDirectory() as tmp:
        for index in range(args.runs):
            run(args, os.path.join(tmp, f"server-{index}.jsonl"))


if __name__ == "__main__":
    main()
