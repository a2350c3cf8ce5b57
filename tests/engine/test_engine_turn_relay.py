"""A loopback call forced through a real TURN relay (coturn on 127.0.0.1): the media leaves the
call's own sockets and comes back through the relay, and the report says so."""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.connectivity import check_turn
from callcheck.engine.ice_servers import parse_ice_server
from callcheck.engine.loop import EngineLoop
from callcheck.engine.reporting import build_report

TURNSERVER = shutil.which("turnserver")
pytestmark = pytest.mark.skipif(
    TURNSERVER is None, reason="coturn's turnserver is not installed (packaging/setup.sh test)"
)
USER, PASSWORD = "callcheck", "relay-test"


def _free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture(scope="module")
def turn_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    assert TURNSERVER is not None
    port = _free_udp_port()
    log = tmp_path_factory.mktemp("turn") / "turn.log"
    proc = subprocess.Popen(
        [
            TURNSERVER,
            "-n",  # no configuration file
            "--listening-ip=127.0.0.1",
            "--relay-ip=127.0.0.1",
            f"--listening-port={port}",
            f"--user={USER}:{PASSWORD}",
            "--realm=callcheck.test",
            "--lt-cred-mech",
            "--no-tls",
            "--no-dtls",
            "--allow-loopback-peers",
            "--no-cli",
            f"--log-file={log}",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 5.0
        while time.monotonic() < deadline and not _listening(port, log):
            time.sleep(0.05)
        yield f"turn:{USER}:{PASSWORD}@127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _listening(port: int, log: Path) -> bool:
    text = log.read_text(errors="replace") if log.exists() else ""
    return "listener opened" in text.lower() or f":{port}" in text


def test_forced_relay_carries_the_media_and_the_report_says_so(turn_url: str) -> None:
    config = CallConfig(
        duration_s=3.0,
        codec="opus",
        ice_servers=(parse_ice_server(turn_url),),
        force_relay=True,
    )
    with EngineLoop() as loop:
        result = loop.run(TestCall(config).run(), timeout_s=40)
    assert result.ended_early is None
    assert result.ice.local_candidate == "relay"
    assert result.ice.relay_used
    for direction in (result.uplink, result.downlink):
        assert direction.totals.packets_received >= 100
        assert direction.totals.packets_lost == 0
    ice = build_report(result).to_json()["ice"]
    assert ice["relay_used"] is True
    assert ice["relay_forced"] is True
    assert set(ice["local_gathered"]) == {"relay"}  # forced: no host candidate offered


@pytest.mark.parametrize("transport", ["udp", "tcp"])
def test_connectivity_check_allocates_a_relay_over_each_transport(
    turn_url: str, transport: str
) -> None:
    server = parse_ice_server(f"{turn_url}?transport={transport}")
    result = asyncio.run(check_turn(server, timeout_s=5.0))
    assert result.status == "ok", result.message
    assert result.name == f"turn_{transport}"


def test_connectivity_check_names_refused_credentials(turn_url: str) -> None:
    server = parse_ice_server(turn_url.replace(PASSWORD, "wrong"))
    result = asyncio.run(check_turn(server, timeout_s=5.0))
    assert result.status == "failed"
    assert result.kind == "credentials"
    assert "refused" in result.message


def test_connectivity_check_names_a_silent_turn_port() -> None:
    server = parse_ice_server(f"turn:{USER}:{PASSWORD}@127.0.0.1:{_free_udp_port()}")
    result = asyncio.run(check_turn(server, timeout_s=1.0))
    assert result.status == "failed"
    assert result.kind in ("timeout", "refused", "error")
    assert "UDP" in result.message
