"""The fleet HTTP API on a real server: uploads, reads, CSV, summaries, sites, metrics, errors."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import logging
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from fleet_helpers import T0, hours, make_report
from postgres_server import AVAILABLE, SKIP_REASON, postgres_server
from server_helpers import running, server_config

FLEET_TOKEN = "fleet-upload-secret-1234"
ADMIN_TOKEN = "admin-read-secret-5678"
UPLOAD = {"Authorization": f"Bearer {FLEET_TOKEN}"}
ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
SITES = "subnet,site,building,network_type\n127.0.0.0/8,Lab,Bench 2,wired\n10.0.0.0/8,Corp,,\n"


@pytest.fixture(scope="module")
def postgres_url() -> Iterator[str]:
    if not AVAILABLE:
        pytest.skip(SKIP_REASON)
    with postgres_server() as url:
        yield url


@pytest.fixture(params=["sqlite", "postgres"])
def database(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return str(tmp_path / "store.sqlite3")
    return str(request.getfixturevalue("postgres_url"))


def fleet_config(tmp_path: Path, database: str | None = None, **changes: Any) -> Any:
    sites = tmp_path / "sites.csv"
    sites.write_text(SITES)
    base: dict[str, Any] = {
        "database": database or str(tmp_path / "store.sqlite3"),
        "fleet_token": FLEET_TOKEN,
        "admin_token": ADMIN_TOKEN,
        "sites_csv": sites,
    }
    base.update(changes)
    return server_config(**base)


async def upload(
    http: aiohttp.ClientSession, url: str, report: dict[str, Any], host: str = "laptop-7"
) -> tuple[int, dict[str, Any]]:
    async with http.post(
        f"{url}/api/v1/reports", json=report, headers={**UPLOAD, "X-CallCheck-Host": host}
    ) as r:
        return r.status, await r.json()


def test_upload_is_idempotent_and_read_back_with_site_and_figures(
    tmp_path: Path, database: str
) -> None:
    # Reports of earlier runs on a shared PostgreSQL would count too: ids unique per run.
    tag = tmp_path.name[-12:]
    reports = [
        make_report(f"{tag}-{i}", started_at=T0 + hours(i), mos=m)
        for i, m in enumerate((4.3, 3.0, 4.1))
    ]

    async def main() -> Any:
        async with (
            running(fleet_config(tmp_path, database)) as url,
            aiohttp.ClientSession() as http,
        ):
            first = [await upload(http, url, r) for r in reports]
            again = await upload(http, url, reports[0])
            async with http.get(
                f"{url}/api/v1/reports", params={"host": "laptop-7", "limit": "2"}, headers=ADMIN
            ) as r:
                page1 = await r.json()
            async with http.get(
                f"{url}/api/v1/reports",
                params={"host": "laptop-7", "limit": "2", "cursor": page1["next_cursor"]},
                headers=ADMIN,
            ) as r:
                page2 = await r.json()
            async with http.get(f"{url}/api/v1/reports/{tag}-1", headers=ADMIN) as r:
                whole = await r.json()
            async with http.get(
                f"{url}/api/v1/summary",
                params={"by": "site", "since": T0.isoformat()},
                headers=ADMIN,
            ) as r:
                summary = await r.json()
            async with http.get(f"{url}/metrics") as r:
                metrics = await r.text()
            return first, again, page1, page2, whole, summary, metrics

    first, again, page1, page2, whole, summary, metrics = asyncio.run(main())
    assert [s for s, _ in first] == [201, 201, 201]
    assert first[0][1] == {"id": f"{tag}-0", "stored": True, "site": "Lab"}
    assert again == (200, {"id": f"{tag}-0", "stored": False, "site": "Lab"})
    rows = page1["reports"] + page2["reports"]
    assert [r["id"] for r in rows] == [f"{tag}-2", f"{tag}-1", f"{tag}-0"]
    assert page2["next_cursor"] is None
    row = rows[1]
    assert (row["site"], row["building"], row["network_type"]) == ("Lab", "Bench 2", "wired")
    assert row["client_address"] == "127.0.0.1"
    assert (row["mos"], row["passed"], row["failure_reason"]) == (3.0, False, "quality:delay")
    # the worse direction (more loss: the downlink) gives all three figures, never a mix
    assert (row["rtt_ms"], row["jitter_ms"], row["loss_pct"]) == (60.0, 2.0, 1.5)
    assert whole == reports[1]
    lab = next(g for g in summary["groups"] if g["key"] == "Lab")
    assert lab["count"] >= 3  # PostgreSQL is shared by this module's tests
    assert summary["pass_mark_mos"] == 4.0
    assert 'callcheck_fleet_reports_total{result="pass",site="Lab"} 2' in metrics
    assert 'callcheck_fleet_reports_total{result="fail",site="Lab"} 1' in metrics
    assert 'callcheck_fleet_mos_bucket{site="Lab",le="3.1"} 1' in metrics
    assert 'callcheck_fleet_mos_count{site="Lab"} 3' in metrics
    assert "laptop-7" not in metrics
    assert "127.0.0.1" not in metrics


def test_csv_listing_with_formula_quoting(tmp_path: Path) -> None:
    async def main() -> tuple[int, str, str]:
        async with running(fleet_config(tmp_path)) as url, aiohttp.ClientSession() as http:
            await upload(http, url, make_report("c1"), host="=HYPERLINK(1)")
            await upload(http, url, make_report("c2", started_at=T0 + hours(1)))
            async with http.get(
                f"{url}/api/v1/reports", headers={**ADMIN, "Accept": "text/csv"}
            ) as r:
                by_accept = await r.text()
                status = r.status
            async with http.get(f"{url}/api/v1/reports?format=csv", headers=ADMIN) as r:
                by_param = await r.text()
            return status, by_accept, by_param

    status, by_accept, by_param = asyncio.run(main())
    assert status == 200
    assert by_accept == by_param
    rows = list(csv.DictReader(io.StringIO(by_accept)))
    assert [r["id"] for r in rows] == ["c2", "c1"]
    assert rows[1]["host"] == "'=HYPERLINK(1)"
    assert rows[0]["mos"] == "4.2"
    assert rows[0]["passed"] == "True"


def test_html_of_a_stored_report(tmp_path: Path) -> None:
    async def main() -> tuple[int, str, str]:
        async with running(fleet_config(tmp_path)) as url, aiohttp.ClientSession() as http:
            await upload(http, url, make_report("h1"))
            async with http.get(f"{url}/api/v1/reports/h1?format=html", headers=ADMIN) as r:
                return r.status, r.content_type, await r.text()

    status, kind, text = asyncio.run(main())
    assert (status, kind) == (200, "text/html")
    assert "<svg" in text
    assert "h1" in text


BIG = "x" * 4096

HOSTILE = [
    # (id, method, path, headers, body, expected status)
    ("upload-no-token", "POST", "/api/v1/reports", {}, "valid", 401),
    (
        "upload-wrong-token",
        "POST",
        "/api/v1/reports",
        {"Authorization": "Bearer nope"},
        "valid",
        401,
    ),
    ("upload-admin-token", "POST", "/api/v1/reports", ADMIN, "valid", 401),
    (
        "upload-not-json-type",
        "POST",
        "/api/v1/reports",
        {**UPLOAD, "Content-Type": "text/plain"},
        "valid",
        415,
    ),
    ("upload-bad-json", "POST", "/api/v1/reports", UPLOAD, b"{not json", 400),
    ("upload-array", "POST", "/api/v1/reports", UPLOAD, b"[1,2]", 400),
    ("upload-not-a-report", "POST", "/api/v1/reports", UPLOAD, b'{"schema": "other/1"}', 400),
    ("upload-bad-started-at", "POST", "/api/v1/reports", UPLOAD, "bad-time", 400),
    ("upload-too-large", "POST", "/api/v1/reports", UPLOAD, "huge", 413),
    (
        "upload-bad-host",
        "POST",
        "/api/v1/reports",
        {**UPLOAD, "X-CallCheck-Host": BIG},
        "valid",
        400,
    ),
    ("upload-long-id", "POST", "/api/v1/reports", UPLOAD, "long-id", 400),
    ("read-no-token", "GET", "/api/v1/reports", {}, None, 401),
    ("read-fleet-token", "GET", "/api/v1/reports", UPLOAD, None, 401),
    ("read-bad-since", "GET", "/api/v1/reports?since=yesterday", ADMIN, None, 400),
    ("read-bad-limit", "GET", "/api/v1/reports?limit=0", ADMIN, None, 400),
    ("read-nan-limit", "GET", "/api/v1/reports?limit=ten", ADMIN, None, 400),
    ("read-bad-cursor", "GET", "/api/v1/reports?cursor=%%%", ADMIN, None, 400),
    ("read-forged-cursor", "GET", "/api/v1/reports?cursor=WyJhIiwxXQ", ADMIN, None, 400),
    ("read-bad-format", "GET", "/api/v1/reports?format=xml", ADMIN, None, 400),
    ("read-unknown", "GET", "/api/v1/reports/nope", ADMIN, None, 404),
    ("summary-bad-by", "GET", "/api/v1/summary?by=user", ADMIN, None, 400),
    ("summary-bad-until", "GET", "/api/v1/summary?until=1e99", ADMIN, None, 400),
]


def _body(kind: Any, max_report_bytes: int) -> bytes | None:
    if kind is None or isinstance(kind, bytes):
        return kind
    report = make_report("hostile")
    if kind == "bad-time":
        report["started_at"] = "2026-13-45T99:00:00Z"
    elif kind == "huge":
        report["environment"]["padding"] = "x" * max_report_bytes
    elif kind == "long-id":
        report["id"] = "i" * 500
    return json.dumps(report).encode()


def test_hostile_requests_get_a_4xx_and_tokens_are_never_logged(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    config = fleet_config(tmp_path, max_report_bytes=64 * 1024)

    async def main() -> list[tuple[str, int, str]]:
        results = []
        async with running(config) as url, aiohttp.ClientSession() as http:
            for name, method, path, headers, kind, _ in HOSTILE:
                hdrs = {"Content-Type": "application/json", **headers}
                data = _body(kind, config.max_report_bytes)
                async with http.request(method, url + path, headers=hdrs, data=data) as r:
                    body = await r.json()
                    results.append((name, r.status, body.get("error", "")))
            async with http.get(f"{url}/healthz") as r:
                assert r.status == 200  # still up
        return results

    with caplog.at_level(logging.DEBUG):
        results = asyncio.run(main())
    expected = {name: status for name, *_, status in HOSTILE}
    assert {name: status for name, status, _ in results} == expected
    assert all(kind for _, _, kind in results)  # every error names its kind
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert FLEET_TOKEN not in logged
    assert ADMIN_TOKEN not in logged


def test_reads_are_refused_without_an_admin_token_and_uploads_open_without_tokens(
    tmp_path: Path,
) -> None:
    config = fleet_config(tmp_path, fleet_token=None, admin_token=None)

    async def main() -> tuple[int, int, str]:
        async with running(config) as url, aiohttp.ClientSession() as http:
            async with http.post(f"{url}/api/v1/reports", json=make_report("o1")) as r:
                posted = r.status
            async with http.get(f"{url}/api/v1/summary") as r:
                return posted, r.status, (await r.json())["message"]

    posted, read, message = asyncio.run(main())
    assert (posted, read) == (201, 403)
    assert "admin_token" in message


def test_an_unusable_sites_csv_stops_the_server_with_a_clear_message(tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("subnet,site,building,network_type\n10.0.0.300/8,X,,\n")
    from callcheck.server.fleet_api import FleetSetupError

    async def main() -> None:
        async with running(fleet_config(tmp_path, sites_csv=bad)):
            pass

    with pytest.raises(FleetSetupError, match=r"line 2: '10.0.0.300/8' is not a subnet"):
        asyncio.run(main())


PROMTOOL = shutil.which("promtool")


@pytest.mark.skipif(
    PROMTOOL is None, reason="promtool is not installed (apt-get install prometheus)"
)
def test_promtool_accepts_the_exposition_with_fleet_series(tmp_path: Path) -> None:
    async def main() -> str:
        async with running(fleet_config(tmp_path)) as url, aiohttp.ClientSession() as http:
            await upload(http, url, make_report("p1", mos=3.3))
            await upload(http, url, make_report("p2", mos=None, error_code="no_audio"))
            async with http.get(f"{url}/metrics") as r:
                return await r.text()

    text = asyncio.run(main())
    assert PROMTOOL is not None
    done = subprocess.run(
        [PROMTOOL, "check", "metrics"], input=text, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert 'callcheck_fleet_reports_total{result="error",site="Lab"} 1' in text
