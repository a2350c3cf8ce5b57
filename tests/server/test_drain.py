"""Graceful drain: a `callcheck test` in progress when `callcheck serve` gets SIGTERM completes
with a full report, while the server refuses new calls and /healthz says it is draining; then
the server exits 0. Real processes: the server with two workers (the supervisor passes SIGTERM
on), the client the `callcheck test` CLI."""

from __future__ import annotations

import asyncio
import json
import re
import signal
import subprocess
import time
from pathlib import Path

import aiohttp
import jsonschema
from test_workers import TOKEN, serve_command

from callcheck.resources import resource_path

TEST_SECONDS = 6


async def refused_new_call(url: str) -> int:
    """The status a new call gets, sent as a client would: on a new connection (the worker
    that answered before may have finished its own drain and closed its connections). A
    connection reset before any answer — one the kernel queued at the listening socket of a
    worker exiting at that moment — is retried, as HTTP allows for a request never processed
    (RFC 9110 §9.2.2)."""
    for _attempt in range(3):
        try:
            async with (
                aiohttp.ClientSession(connector=aiohttp.TCPConnector(force_close=True)) as http,
                http.post(
                    f"{url}/whip",
                    data="v=0\r\n",
                    headers={"Content-Type": "application/sdp", "Authorization": TOKEN},
                ) as refused,
            ):
                assert refused.headers.get("Retry-After")
                return refused.status
        except aiohttp.ClientConnectionError:
            continue
    raise AssertionError("three new connections were reset by the draining server")


def test_a_test_in_progress_during_sigterm_completes_with_a_full_report(tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    with (
        log.open("w") as stderr,
        subprocess.Popen(
            serve_command("--workers", "2", "--drain-timeout", "30"),
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        ) as server,
    ):
        try:
            assert server.stdout is not None
            match = re.search(r"listening on (http://\S+) ", server.stdout.readline())
            assert match, log.read_text()
            url = match.group(1)
            test = subprocess.Popen(
                [serve_command()[0], "test", "--server", url, "--token", TOKEN, "--duration",
                 str(TEST_SECONDS), "--no-audio-device", "--json"],
                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )  # fmt: skip

            async def drain_while_the_call_runs() -> tuple[float, int, dict[str, object], int]:
                # A new connection per request, as a load balancer's health checks make.
                connector = aiohttp.TCPConnector(force_close=True)
                async with aiohttp.ClientSession(connector=connector) as http:
                    deadline = time.monotonic() + 30
                    while True:  # the call is up once the server counts it
                        async with http.get(f"{url}/healthz") as answer:
                            if (await answer.json())["active_calls"] >= 1:
                                break
                        assert time.monotonic() < deadline, "the test call never started"
                        await asyncio.sleep(0.1)
                    sent_at = time.monotonic()
                    server.send_signal(signal.SIGTERM)
                    while True:
                        try:
                            async with http.get(f"{url}/healthz") as answer:
                                status, health = answer.status, await answer.json()
                        except aiohttp.ClientConnectionError:
                            continue  # reset by a worker exiting at that moment: ask again
                        if health["status"] == "draining":
                            break
                        await asyncio.sleep(0.05)
                    return sent_at, status, health, await refused_new_call(url)

            sent_at, status, health, refused = asyncio.run(drain_while_the_call_runs())
            out, err = test.communicate(timeout=TEST_SECONDS + 60)
            assert status == 503
            assert health["active_calls"] == 1
            assert refused == 503
            assert test.returncode == 0, (out[-2000:], err[-2000:])
            report = json.loads(out)
            jsonschema.validate(report, json.loads(resource_path("report.schema.json").read_text()))
            uplink = report["network"]["uplink"]
            downlink = report["network"]["downlink"]
            assert uplink["measured_by"] == "reflector"
            # The whole call was measured: every packet sent arrived, both ways (loopback).
            assert uplink["packets_sent"] >= 45 * TEST_SECONDS
            assert uplink["packets_received"] == uplink["packets_sent"]
            assert downlink["packets_received"] >= 45 * TEST_SECONDS
            assert downlink["packets_lost"] == 0
            assert server.wait(30) == 0
            assert time.monotonic() - sent_at < TEST_SECONDS + 15
            assert "draining: 1 call(s) in progress" in log.read_text()
        finally:
            if server.poll() is None:
                server.kill()
            server.wait(10)
