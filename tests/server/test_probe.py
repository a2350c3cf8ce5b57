"""The capacity and QoS probe: `/probe` on the reflector and the engine's client, end to end.

Everything runs on 127.0.0.0/8 (loopback keeps the TOS byte, so DSCP EF arrives as sent); the
stripping case runs in a network namespace made here, with an nftables rule that clears DSCP.
"""

from __future__ import annotations

import asyncio
import json
import os
import re
import shutil
import socket
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from aiohttp import web
from server_helpers import metrics_value, running, server_config

from callcheck.core.advice import advise, inputs_from_report
from callcheck.core.capacity import narrowest_kbps
from callcheck.core.codecs import codec
from callcheck.core.qos import QosResult, QosVerdict
from callcheck.core.quality import measured
from callcheck.core.recommend import CANDIDATE_FOR_WEBRTC, candidate, predict_codecs
from callcheck.core.recommend import wire_bandwidth_kbps as wire_kbps
from callcheck.engine.call import CallConfig
from callcheck.engine.probe_client import ProbeOptions, ProbeOutcome, RateLimitedLink, run_probe
from callcheck.engine.probe_wire import FLAG_ECHO, encode, parse, reply_to
from callcheck.engine.session import SessionOptions, TestSession

ROOT = Path(__file__).resolve().parents[2]
TOKEN = "probe-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def _advice_ids(outcome: ProbeOutcome) -> tuple[set[str], list[dict[str, Any]]]:
    """The actions and codec rows the advice rules give for a probe outcome on a clean call."""
    available = narrowest_kbps(outcome.capacity)
    rows = predict_codecs(
        network_delay_ms=measured(20.0), loss_pct=measured(0.0), available_kbps=available
    )
    codecs = [r.to_json() for r in rows]
    current = CANDIDATE_FOR_WEBRTC["opus"]
    inputs = inputs_from_report(
        {"recommendations": {"codecs": codecs}},
        qos=outcome.qos,
        capacity=outcome.capacity,
        voice_kbps=wire_kbps(codec(candidate(current).codec_key)),
        current_codec=current,
    )
    return {a.id for a in advise(inputs)}, codecs


# ------------------------------------------------------------------------------ wire format


def test_datagram_format_round_trips_and_rejects_garbage() -> None:
    data = encode(b"tok", 7, 123.456, FLAG_ECHO, 200)
    assert len(data) == 200
    parsed = parse(data)
    assert parsed is not None
    assert (parsed.token, parsed.seq, parsed.flags) == (b"tok", 7, 1)
    reply = reply_to(data, parsed, 0xB8)
    assert len(reply) <= len(data)
    assert reply.endswith(b"tos=184")
    short = encode(b"tok", 1, 1.0, FLAG_ECHO)
    parsed_short = parse(short)
    assert parsed_short is not None
    assert len(reply_to(short, parsed_short, 0xB8)) <= len(short)  # never amplifies
    for junk in (b"", b"|||", b"a|b|c|d", b"t|-1|0|0|", b"t|1|nan|0|", b"t|1|1|999|", b"x" * 5000):
        assert parse(junk) is None


# ------------------------------------------------------------------------------ end to end


def test_loopback_probe_keeps_ef_and_measures_high_capacity() -> None:
    async def scenario() -> tuple[ProbeOutcome, float]:
        async with running(server_config(token=TOKEN)) as url:
            outcome = await run_probe(url, TOKEN)
            async with aiohttp.ClientSession() as http:
                probes = await metrics_value(http, url, "callcheck_probes_total")
                assert await metrics_value(http, url, "callcheck_active_probes") == 0
            return outcome, probes

    outcome, probes = asyncio.run(scenario())
    assert outcome.status == "ok", outcome.message
    assert probes == 1
    assert outcome.qos is not None
    assert (outcome.qos.dscp_sent, outcome.qos.dscp_received_uplink) == (46, 46)
    assert outcome.qos.dscp_received_downlink == 46
    assert outcome.qos.verdict is QosVerdict.PRESERVED
    up, down = outcome.capacity
    assert (up.direction, down.direction) == ("uplink", "downlink")
    for c in (up, down):
        assert (c.available_kbps or 0.0) > 5_000, c
        assert c.rtt_increase_ms is not None
        assert c.rtt_increase_ms < 20.0, c
    ids, codecs = _advice_ids(outcome)
    assert not ids & {"qos-stripped", "bandwidth", "bufferbloat"}
    assert all(c["fits_bandwidth"] for c in codecs)


def test_slow_bloated_link_fires_bandwidth_and_bufferbloat_and_g711_does_not_fit() -> None:
    async def scenario() -> ProbeOutcome:
        async with running(server_config(token=TOKEN)) as url:
            options = ProbeOptions(
                uplink_link=RateLimitedLink(64.0, queue_ms=300.0),
                downlink_link=RateLimitedLink(64.0, queue_ms=300.0),
            )
            return await run_probe(url, TOKEN, options)

    outcome = asyncio.run(scenario())
    assert outcome.status == "ok", outcome.message
    for c in outcome.capacity:
        assert 45.0 < (c.available_kbps or 0.0) < 75.0, c
    # The uplink queue holds the pings behind the burst: RTT grows. On the downlink the
    # emulated 300 ms queue (2.4 kB at 64 kbit/s) is full of burst datagrams, so most echo
    # replies are tail-dropped, as a real bloated router would; whether one squeezes through
    # depends on timing, so only the uplink's increase is asserted.
    uplink = next(c for c in outcome.capacity if c.direction == "uplink")
    assert (uplink.rtt_increase_ms or 0.0) >= 60.0, uplink
    ids, codecs = _advice_ids(outcome)
    assert {"bandwidth", "bufferbloat"} <= ids
    g711 = next(c for c in codecs if c["codec"] == "g711-plc")
    assert g711["fits_bandwidth"] is False
    assert g711["recommended"] is False


def test_unmarked_datagrams_are_reported_as_dscp_0_and_stripped_advice_fires() -> None:
    async def scenario() -> dict[str, Any]:
        async with running(server_config(token=TOKEN)) as url, aiohttp.ClientSession() as http:
            async with http.post(f"{url}/probe", headers=AUTH) as response:
                assert response.status == 201
                opened = await response.json()
            sock = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)  # not marked
            try:
                for seq in range(20):
                    sock.sendto(
                        encode(opened["token"].encode(), seq, 0.0, 0, 100),
                        ("127.0.0.1", opened["udp_port"]),
                    )
                await asyncio.sleep(0.2)
            finally:
                sock.close()
            async with http.get(f"{url}/probe/{opened['probe_id']}", headers=AUTH) as response:
                report: dict[str, Any] = await response.json()
            return report

    report = asyncio.run(scenario())
    assert report["count"] == 20
    assert report["dscp_received"] == 0
    assert report["packets"]["fields"] == ["seq", "arrival_ms", "size", "tos", "flags"]
    assert len(report["packets"]["rows"]) == 20
    assert report["packets"]["rows"][0][2] == 128
    qos = QosResult(46, dscp_received_uplink=report["dscp_received"], sockets_marked=1)
    ids, _ = _advice_ids(ProbeOutcome("ok", qos=qos))
    assert "qos-stripped" in ids


def test_server_without_probe_is_not_available() -> None:
    async def scenario() -> ProbeOutcome:
        app = web.Application()
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        host, port = runner.addresses[0][:2]
        try:
            return await run_probe(f"http://{host}:{port}")
        finally:
            await runner.cleanup()

    outcome = asyncio.run(scenario())
    assert outcome.status == "not_available"
    assert outcome.qos is None
    assert outcome.capacity == ()


def test_session_probe_is_skipped_with_no_probe_and_in_room_mode() -> None:
    """The test session (what `callcheck test --no-probe` and the app run) skips the probe when
    asked, and has none to run in peer mode (no reflector to probe)."""
    server = CallConfig(mode="server", server_url="http://127.0.0.1:9")
    session = TestSession(SessionOptions(call=server, use_devices=False, probe=False))
    skipped = asyncio.run(session._probe(None, None))  # type: ignore[arg-type]
    assert skipped is not None
    assert skipped.status == "skipped"
    room = CallConfig(mode="peer", server_url="http://127.0.0.1:9", room_code="AC7-K3M-9PX")
    session = TestSession(SessionOptions(call=room, use_devices=False))
    assert asyncio.run(session._probe(None, None)) is None  # type: ignore[arg-type]


# ------------------------------------------------------------------------------ hostile input


def test_hostile_probe_input_gets_clear_errors_and_the_server_carries_on() -> None:
    async def scenario() -> None:
        config = server_config(token=TOKEN, max_session_s=1.5)
        async with running(config) as url, aiohttp.ClientSession() as http:

            async def status(method: str, path: str, **kw: Any) -> int:
                kw.setdefault("headers", AUTH)
                async with http.request(method, url + path, **kw) as response:
                    body = await response.read()
                    if response.status >= 400:
                        assert json.loads(body)["message"]  # a clear JSON error
                    return response.status

            assert await status("POST", "/probe", headers={}) == 401
            assert await status("POST", "/probe", headers={"Authorization": "Bearer no"}) == 401
            assert await status("GET", "/probe/nope") == 404
            assert await status("POST", "/probe/nope/burst", json={}) == 404
            async with http.post(f"{url}/probe", headers=AUTH) as response:
                opened = await response.json()
            assert opened["expires_s"] == 1.5
            path = f"/probe/{opened['probe_id']}"
            burst = f"{path}/burst"
            good = {"rate_kbps": 100, "duration_ms": 20, "size_bytes": 200}
            # no datagram from the client yet: nowhere to send a burst
            assert await status("POST", burst, json=good) == 409
            for bad in (
                {"rate_kbps": 1e9, "duration_ms": 20, "size_bytes": 200},
                {"rate_kbps": 100, "duration_ms": 60_000, "size_bytes": 200},
                {"rate_kbps": 100, "duration_ms": 20, "size_bytes": 9},
                {"rate_kbps": True, "duration_ms": 20, "size_bytes": 200},
                {"rate_kbps": "fast", "duration_ms": 20, "size_bytes": 200},
                [1, 2, 3],
            ):
                assert await status("POST", burst, json=bad) == 400, bad
            assert (
                await status(
                    "POST", burst, data=b"NaN", headers={**AUTH, "Content-Type": "application/json"}
                )
                == 400
            )
            assert (
                await status(
                    "POST", burst, data=b"{", headers={**AUTH, "Content-Type": "application/json"}
                )
                == 400
            )
            assert (
                await status(
                    "POST", burst, data=b"x", headers={**AUTH, "Content-Type": "text/plain"}
                )
                == 415
            )
            big = b"{" + b" " * 10_000 + b"}"
            assert (
                await status(
                    "POST", burst, data=big, headers={**AUTH, "Content-Type": "application/json"}
                )
                == 413
            )

            # garbage datagrams, a wrong token, another source address: counted, ignored
            port = opened["udp_port"]
            other = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            other.bind(("127.0.0.3", 0))
            mine = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
            try:
                for junk in (b"", b"\xff" * 1400, b"a|b|c|d", b"wrong|1|0|1|", b"|" * 100):
                    mine.sendto(junk, ("127.0.0.1", port))
                other.sendto(
                    encode(opened["token"].encode(), 1, 0.0, FLAG_ECHO), ("127.0.0.1", port)
                )
                other.settimeout(0.3)
                # never answered: not the address that opened the probe
                with pytest.raises(TimeoutError):
                    await asyncio.to_thread(other.recv, 2048)
                mine.sendto(
                    encode(opened["token"].encode(), 2, 0.0, FLAG_ECHO), ("127.0.0.1", port)
                )
                mine.settimeout(1.0)
                echo = parse(await asyncio.to_thread(mine.recv, 2048))
                assert echo is not None
                assert echo.seq == 2
            finally:
                other.close()
                mine.close()
            async with http.get(f"{url}{path}?summary=1", headers=AUTH) as response:
                summary = await response.json()
            assert summary["count"] == 1
            assert summary["rejected"] == 6
            assert "packets" not in summary

            # a burst from another address is refused; bursts are capped per probe
            local = aiohttp.TCPConnector(local_addr=("127.0.0.3", 0))
            async with (
                aiohttp.ClientSession(connector=local) as stranger,
                stranger.post(url + burst, json=good, headers=AUTH) as response,
            ):
                assert response.status == 403
            codes = []
            for _ in range(4):
                codes.append(await status("POST", burst, json=good))
                await asyncio.sleep(0.1)
            assert codes == [202, 202, 202, 429]

            # probes per address are limited; probes expire and close their sockets
            async with http.post(f"{url}/probe", headers=AUTH) as response:
                assert response.status == 201
            assert await status("POST", "/probe") == 429
            await asyncio.sleep(1.7)
            assert await status("GET", path) == 404
            assert await metrics_value(http, url, "callcheck_active_probes") == 0
            async with http.get(f"{url}/healthz") as response:
                assert response.status == 200
            outcome = await run_probe(url, TOKEN, ProbeOptions(duration_s=0.5, max_kbps=2000))
            assert outcome.status == "ok", outcome.message

    asyncio.run(scenario())


# ------------------------------------------------------------------------------ CLI and netns


def _exe() -> str:
    exe = shutil.which("callcheck", path=str(Path(sys.executable).parent))
    assert exe
    return exe


@pytest.fixture
def serve_process() -> Iterator[str]:
    with subprocess.Popen(
        [_exe(), "serve", "--host", "127.0.0.1", "--port", "0", "--ice-address", "127.0.0.2",
         "--token", TOKEN],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    ) as process:  # fmt: skip
        try:
            assert process.stdout is not None
            match = re.search(r"listening on (http://\S+) ", process.stdout.readline())
            assert match
            yield match.group(1)
        finally:
            process.terminate()
            process.wait(10)


def test_cli_server_test_reports_qos_preserved_and_capacity(serve_process: str) -> None:
    proc = subprocess.run(
        [_exe(), "test", "--server", serve_process, "--token", TOKEN, "--duration", "2",
         "--no-audio-device", "--json"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert proc.stdout, proc.stderr
    env = json.loads(proc.stdout)["environment"]
    assert env["probe"]["status"] == "ok"
    assert env["qos"]["verdict"] == "preserved"
    assert env["qos"]["dscp_received_uplink"] == 46
    assert env["qos"]["sockets_marked"] >= 2  # the probe's socket and the call's own
    assert [c["direction"] for c in env["capacity"]] == ["uplink", "downlink"]
    assert all(c["available_kbps"] > 5_000 for c in env["capacity"])
    actions = {a["id"] for a in json.loads(proc.stdout)["recommendations"]["actions"]}
    assert not actions & {"qos-stripped", "bandwidth", "bufferbloat"}


_NETNS_SCRIPT = """
import asyncio, json, sys
sys.path.insert(0, sys.argv[1])
from server_helpers import running, server_config
from callcheck.engine.probe_client import ProbeOptions, run_probe

async def main():
    async with running(server_config(token="t")) as url:
        out = await run_probe(url, "t", ProbeOptions(duration_s=0.5, max_kbps=2000))
        print(json.dumps({"status": out.status, "qos": out.qos.to_json() if out.qos else None}))

asyncio.run(main())
"""


@pytest.mark.netns
def test_network_that_clears_dscp_is_reported_stripped(tmp_path: Path) -> None:
    if os.geteuid() != 0 or not shutil.which("ip") or not shutil.which("nft"):
        pytest.skip("needs root, ip and nft")
    ns = f"ccprobe{os.getpid()}"

    def sh(*cmd: str) -> None:
        subprocess.run(cmd, check=True, capture_output=True, timeout=10)

    try:
        sh("ip", "netns", "add", ns)
    except subprocess.CalledProcessError:
        pytest.skip("cannot create a network namespace here")
    try:
        sh("ip", "-n", ns, "link", "set", "lo", "up")
        sh("ip", "netns", "exec", ns, "nft", "add", "table", "inet", "ccstrip")
        sh("ip", "netns", "exec", ns, "nft", "add", "chain", "inet", "ccstrip", "out",
           "{ type filter hook output priority -150; }")  # fmt: skip
        sh("ip", "netns", "exec", ns, "nft", "add", "rule", "inet", "ccstrip", "out",
           "meta", "l4proto", "udp", "ip", "dscp", "set", "cs0")  # fmt: skip
        script = tmp_path / "probe_in_netns.py"
        script.write_text(_NETNS_SCRIPT)
        proc = subprocess.run(
            ["ip", "netns", "exec", ns, sys.executable, str(script), str(Path(__file__).parent)],
            capture_output=True, text=True, timeout=60, check=False,
        )  # fmt: skip
        assert proc.returncode == 0, proc.stderr
        result = json.loads(proc.stdout.strip().splitlines()[-1])
    finally:
        subprocess.run(["ip", "netns", "del", ns], check=False, capture_output=True)
    assert result["status"] == "ok"
    assert result["qos"]["dscp_sent"] == 46
    assert result["qos"]["dscp_received_uplink"] == 0
    assert result["qos"]["verdict"] == "stripped"
    qos = QosResult(46, dscp_received_uplink=0, dscp_received_downlink=0, sockets_marked=1)
    ids, _ = _advice_ids(ProbeOutcome("ok", qos=qos))
    assert "qos-stripped" in ids
