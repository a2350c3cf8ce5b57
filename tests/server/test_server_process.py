"""`run_server` as a separate process: it prints its URL, reflects a real call, and stops cleanly
on SIGTERM. The server offers ICE on 127.0.0.2 (Linux routes all of 127/8 to ``lo``)."""

from __future__ import annotations

import asyncio
import re
import signal
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import aiohttp
import pytest
from server_helpers import WhipClient, metrics_value, wait_until_idle

SERVER_CODE = """
from callcheck.server.app import run_server
from callcheck.server.config import ServerConfig
raise SystemExit(run_server(ServerConfig(
    host="127.0.0.1", port=0, ice_host_addresses=("127.0.0.2",), token="proc-token",
)))
"""


@pytest.fixture
def server_process(tmp_path: Path) -> Iterator[tuple[subprocess.Popen[str], str]]:
    log = tmp_path / "server.log"
    with (
        log.open("w") as stderr,
        subprocess.Popen(
            [sys.executable, "-c", SERVER_CODE], stdout=subprocess.PIPE, stderr=stderr, text=True
        ) as process,
    ):
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            match = re.search(r"listening on (http://\S+) \(reflection: encoded\)", line)
            assert match, f"unexpected first line {line!r}; log: {log.read_text()}"
            yield process, match.group(1)
        finally:
            if process.poll() is None:
                process.kill()
            process.wait(10)


def test_separate_server_process_reflects_a_call_and_stops_on_sigterm(
    server_process: tuple[subprocess.Popen[str], str],
) -> None:
    process, url = server_process

    async def scenario() -> tuple[int, bool, str, float]:
        async with aiohttp.ClientSession() as http:
            client = WhipClient()
            response = await client.call(http, url, token="proc-token")
            await client.wait_packets(25)
            hello = await client.wait_message("hello")
            same = {p.payload for _, p in client.received} <= client.sent_payloads
            answer_has_127_0_0_2 = " 127.0.0.2 " in client.pc.remoteDescription.sdp
            await client.hang_up(http, url, headers={"Authorization": "Bearer proc-token"})
            idle = await wait_until_idle(http, url, 5)
            assert await metrics_value(http, url, "callcheck_calls_total") == 1
            return response.status, same and answer_has_127_0_0_2, hello["reflection"], idle

    status, ok, reflection, idle = asyncio.run(scenario())
    assert status == 201
    assert ok
    assert reflection == "encoded"
    assert idle == 0
    process.send_signal(signal.SIGTERM)
    assert process.wait(10) == 0


def test_port_in_use_exits_with_3() -> None:
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        code = SERVER_CODE.replace("port=0", f"port={port}")
        result = subprocess.run(
            [sys.executable, "-c", code], capture_output=True, text=True, timeout=30
        )
    assert result.returncode == 3
    assert "cannot listen" in result.stderr
