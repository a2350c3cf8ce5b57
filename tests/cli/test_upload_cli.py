"""`callcheck test --upload --quiet` against a real `callcheck serve` process (issue 18).

Two real loopback tests: the first uploads to a server that is down (the report is queued on
disk, the exit code is the test's, stdout stays empty); the second, configured only by the
managed settings file, sends the queued report first and then its own: both arrive once, in
order, with the laptop's name.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

FLEET = "cli-fleet-token"
ADMIN = "cli-admin-token"
EXE = shutil.which("callcheck", path=str(Path(sys.executable).parent))
TEST = ("test", "--loopback", "--duration", "2", "--no-audio-device")


@pytest.fixture
def serve(tmp_path: Path) -> Iterator[str]:
    assert EXE is not None
    config = tmp_path / "serve.toml"
    config.write_text(
        f'host = "127.0.0.1"\nport = 0\n[fleet]\ndatabase = "{tmp_path / "fleet.sqlite3"}"\n'
        f'fleet_token = "{FLEET}"\nadmin_token = "{ADMIN}"\n'
    )
    proc = subprocess.Popen(
        [EXE, "serve", "--config", str(config)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    try:
        assert proc.stdout is not None
        match = re.search(r"listening on (http://\S+)", proc.stdout.readline())
        assert match
        yield match.group(1)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=30) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()


def _closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
    return port  # nothing listens there once the socket is closed


def _run(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    assert EXE is not None
    return subprocess.run(
        [EXE, *args], capture_output=True, text=True, timeout=120, env=env, check=False
    )


def _stored(url: str) -> list[dict[str, Any]]:
    request = urllib.request.Request(
        f"{url}/api/v1/reports", headers={"Authorization": f"Bearer {ADMIN}"}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        reports: list[dict[str, Any]] = json.load(response)["reports"]
    return reports


@pytest.mark.long_call
def test_upload_queues_while_down_and_the_next_run_sends_in_order(
    serve: str, tmp_path: Path
) -> None:
    env = {
        **os.environ,
        "CALLCHECK_DATA_DIR": str(tmp_path / "data"),
        "CALLCHECK_MANAGED_CONFIG": str(tmp_path / "absent.toml"),
    }
    first_json = tmp_path / "first.json"
    down = f"http://127.0.0.1:{_closed_port()}"
    first = _run(
        *TEST, "--upload", "--upload-server", down, "--fleet-token", FLEET, "--quiet",
        "--report", str(first_json), env=env,
    )  # fmt: skip
    assert first.returncode in (0, 1), first.stderr
    assert first.stdout == ""  # --quiet: nothing but errors
    assert "cannot be reached" in first.stderr
    assert "1 report(s) queued" in first.stderr
    first_id = json.loads(first_json.read_text())["id"]
    queued = list((tmp_path / "data" / "upload-queue").glob("*.json"))
    assert [p.name.split("-", 1)[1] for p in queued] == [f"{first_id}.json"]
    assert _stored(serve) == []

    # The second run: upload, server and token only from the admin's managed settings.
    managed = tmp_path / "callcheck.toml"
    managed.write_text(
        f'server_url = "{serve}"\nfleet_token = "{FLEET}"\nupload = true\nlocked = ["server_url"]\n'
    )
    env["CALLCHECK_MANAGED_CONFIG"] = str(managed)
    second = _run(*TEST, "--json", env=env)
    assert second.returncode in (0, 1), second.stderr
    second_id = json.loads(second.stdout)["id"]
    assert second.stderr == ""
    stored = _stored(serve)  # newest first
    assert sorted(r["id"] for r in stored) == sorted([first_id, second_id])
    by_id = {r["id"]: r for r in stored}
    assert by_id[first_id]["received_at"] <= by_id[second_id]["received_at"]
    assert {r["host"] for r in stored} == {socket.gethostname()}
    assert list((tmp_path / "data" / "upload-queue").glob("*.json")) == []

    # Exactly once: a third run sends only its own report.
    third = _run(*TEST, "--quiet", env=env)
    assert third.stdout == ""
    assert third.stderr == ""
    assert len(_stored(serve)) == 3


def test_upload_without_a_server_is_a_usage_error(tmp_path: Path) -> None:
    env = {**os.environ, "CALLCHECK_MANAGED_CONFIG": str(tmp_path / "absent.toml")}
    proc = _run(*TEST, "--upload", env=env)
    assert proc.returncode == 2
    assert "--upload needs the fleet server" in proc.stderr


def test_a_test_that_could_not_run_uploads_its_partial_report(serve: str, tmp_path: Path) -> None:
    env = {
        **os.environ,
        "CALLCHECK_DATA_DIR": str(tmp_path / "data"),
        "CALLCHECK_MANAGED_CONFIG": str(tmp_path / "absent.toml"),
        "CALLCHECK_FLEET_TOKEN": FLEET,
    }
    down = f"http://127.0.0.1:{_closed_port()}"
    proc = _run(
        "test", "--server", down, "--no-audio-device", "--upload", "--upload-server", serve,
        "--quiet", env=env,
    )  # fmt: skip
    assert proc.returncode == 3  # could not run: the exit code is the test's
    assert proc.stdout == ""
    assert "the test could not run" in proc.stderr
    (stored,) = _stored(serve)
    assert stored["mos"] is None
    assert stored["failure_reason"]
