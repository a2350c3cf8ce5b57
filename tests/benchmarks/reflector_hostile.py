"""What a hostile offer can make the reflector send, and how long it holds a slot (issue 14).

Run: ``.venv/bin/python tests/benchmarks/reflector_hostile.py [--listen-s 20]``

The server runs in a separate `run_server` process on 127.0.0.1 (ICE on 127.0.0.2, so loopback
candidates are allowed, the most permissive set-up). UDP listeners on 127.0.0.5:21000–21249
count every datagram that reaches them. Reported:

* the issue's flood: one offer naming all 250 listeners — the HTTP status, the offer's size,
  and the datagrams (and bytes) that reach the listeners within ``--listen-s``;
* an offer naming 20 of them (the most accepted), from a client that never answers — the
  status, datagrams at the listeners, and how long its call slot stays held
  (``callcheck_active_calls`` back to 0).
"""

from __future__ import annotations

import argparse
import asyncio
import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import aiohttp

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "server"))
from server_helpers import WhipClient, metrics_value

HOST = "127.0.0.5"
FIRST_PORT = 21000
SERVER_CODE = """
from callcheck.server.app import run_server
from callcheck.server.config import ServerConfig
raise SystemExit(run_server(ServerConfig(
    host="127.0.0.1", port=0, ice_host_addresses=("127.0.0.2",), max_calls=3,
)))
"""


def _offer_naming(offer: str, count: int) -> str:
    lines = [ln for ln in offer.splitlines() if not ln.startswith(("a=candidate", "a=end-of"))]
    out: list[str] = []
    for line in lines:
        out.append(line)
        if line.startswith("a=mid:"):
            out += [
                f"a=candidate:f{i} 1 udp {2130706431 - i} {HOST} {FIRST_PORT + i} typ host"
                for i in range(count)
            ]
    return "\r\n".join(out) + "\r\n"


class Listeners:
    def __init__(self) -> None:
        self.sockets = []
        for port in range(FIRST_PORT, FIRST_PORT + 250):
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            sock.setblocking(False)
            sock.bind((HOST, port))
            self.sockets.append(sock)

    def drain(self) -> tuple[int, int, int]:
        """(datagrams, bytes, distinct ports) received since the last drain."""
        count = size = 0
        ports = set()
        for sock in self.sockets:
            while True:
                try:
                    data = sock.recv(4096)
                except BlockingIOError:
                    break
                count += 1
                size += len(data)
                ports.add(sock.getsockname()[1])
        return count, size, len(ports)


async def _post(http: aiohttp.ClientSession, url: str, offer: str) -> int:
    async with http.post(
        f"{url}/whip", data=offer, headers={"Content-Type": "application/sdp"}
    ) as response:
        await response.read()
        return response.status


async def main(listen_s: float) -> None:
    listeners = Listeners()
    server = subprocess.Popen(
        [sys.executable, "-c", SERVER_CODE],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert server.stdout is not None
        match = re.search(r"listening on (http://\S+) ", server.stdout.readline())
        assert match
        url = match.group(1)
        async with aiohttp.ClientSession() as http:
            for count in (250, 20):
                client = WhipClient()
                offer = _offer_naming(await client.offer(), count)
                await client.pc.close()  # never answers, never checks
                listeners.drain()
                started = time.monotonic()
                status = await _post(http, url, offer)
                released_s = None
                while time.monotonic() - started < listen_s:
                    await asyncio.sleep(0.1)
                    active = await metrics_value(http, url, "callcheck_active_calls")
                    if released_s is None and active == 0:
                        released_s = time.monotonic() - started
                datagrams, size, ports = listeners.drain()
                held = f"{released_s:.1f} s" if released_s is not None else f"> {listen_s:g} s"
                print(
                    f"offer naming {count} candidates ({len(offer)} bytes): HTTP {status}; "
                    f"{datagrams} datagrams ({size} bytes) to {ports} named ports in "
                    f"{listen_s:g} s; slot held {held}"
                )
    finally:
        server.terminate()
        server.wait(10)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--listen-s", type=float, default=20.0)
    asyncio.run(main(parser.parse_args().listen_s))
