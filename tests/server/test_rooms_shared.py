"""Rooms across instances: two `callcheck serve` processes on two loopback ports share one real
PostgreSQL (the session's ``shared_instances``, the second with two workers); a room created
through one is joined through the other and the peer test completes
(real `callcheck room create` and `callcheck test --room` processes), each side measuring the
other's stream exactly."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import jsonschema
import pytest
from postgres_server import AVAILABLE, SKIP_REASON
from test_workers import TOKEN, serve_command

from callcheck.resources import resource_path

pytestmark = pytest.mark.skipif(not AVAILABLE, reason=SKIP_REASON)


def test_a_room_created_through_one_instance_is_joined_through_the_other(
    shared_instances: tuple[str, Path, str, Path], tmp_path: Path
) -> None:
    # B runs two workers: with PostgreSQL either of them answers the guest (no worker 0).
    url_a, _a_log, url_b, b_log = shared_instances
    assert url_a != url_b
    host_out = tmp_path / "host.json"
    with (
        host_out.open("w") as out,
        subprocess.Popen(
            [
                serve_command()[0],
                "room",
                "create",
                "--server",
                url_a,
                "--token",
                TOKEN,
                "--duration",
                "3",
                "--json",
                "--wait",
                "60",
            ],
            stdout=out,
            stderr=subprocess.PIPE,
            text=True,
        ) as host,  # fmt: skip
    ):
        assert host.stderr is not None
        first = host.stderr.readline()
        match = re.match(r"Room code: ([A-Z2-9]{3}-[A-Z2-9]{3}-[A-Z2-9]{3})", first)
        assert match, first
        guest = subprocess.run(
            [serve_command()[0], "test", "--room", match.group(1), "--server", url_b,
             "--token", TOKEN, "--json"],
            capture_output=True, text=True, timeout=90, check=False,
        )  # fmt: skip
        host_err = host.stderr.read()
        assert host.wait(60) == 0, host_err
    assert guest.returncode == 0, guest.stderr
    schema = json.loads(resource_path("report.schema.json").read_text())
    reports = [json.loads(host_out.read_text()), json.loads(guest.stdout)]
    for report in reports:
        jsonschema.validate(report, schema)
        assert report["mode"] == "peer"
        assert report["network"]["uplink"]["measured_by"] == "peer"
    host_report, guest_report = reports
    # Each side's uplink is what the other side measured as its downlink.
    for a, b in ((host_report, guest_report), (guest_report, host_report)):
        up, down = a["network"]["uplink"], b["network"]["downlink"]
        assert up["packets_received"] == down["packets_received"] > 100
        assert up["packets_lost"] == down["packets_lost"] == 0
        assert up["packets_sent"] == down["packets_sent"]
    assert "/rooms/" in b_log.read_text()  # the guest's requests were answered by instance B
