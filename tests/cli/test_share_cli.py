"""`callcheck test --server URL --share` end to end: real `callcheck serve` and CLI processes."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import threading
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest

ROOT = Path(__file__).resolve().parents[2]
SCHEMA = json.loads((ROOT / "resources" / "report.schema.json").read_text())
TOKEN = "share-cli-token"
SHORT = ("--duration", "2", "--no-audio-device", "--no-probe")


def _exe() -> str:
    exe = shutil.which("callcheck", path=str(Path(sys.executable).parent))
    assert exe
    return exe


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("serve")
    (tmp / "serve.toml").write_text(f'database = "{tmp / "store.sqlite3"}"\n')
    with (
        (tmp / "server.log").open("w") as log,
        subprocess.Popen(
            [_exe(), "serve", "--host", "127.0.0.1", "--port", "0", "--ice-address", "127.0.0.2",
             "--token", TOKEN, "--config", str(tmp / "serve.toml")],
            stdout=subprocess.PIPE, stderr=log, text=True,
        ) as process,
    ):  # fmt: skip
        assert process.stdout is not None
        match = re.search(r"listening on (http://\S+) ", process.stdout.readline())
        assert match, (tmp / "server.log").read_text()
        try:
            yield match.group(1)
        finally:
            process.terminate()
            process.wait(10)
            process.stdout.close()


def _state(url: str) -> dict[str, Any]:
    with urllib.request.urlopen(url + "/state", timeout=10) as r:
        state: dict[str, Any] = json.load(r)
        return state


def test_json_mode_names_the_share_first_and_in_the_report(server_url: str) -> None:
    proc = subprocess.run(
        [_exe(), "test", "--server", server_url, "--token", TOKEN, *SHORT, "--share", "--json"],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stderr
    first = proc.stderr.splitlines()[0]  # stdout is only the JSON report
    assert re.fullmatch(rf"share: {re.escape(server_url)}/live/\w{{3}}-\w{{3}}-\w{{3}}", first)
    report = json.loads(proc.stdout)
    jsonschema.validate(report, SCHEMA)
    share = report["share"]
    assert first == f"share: {share['url']}"
    assert set(share) == {"code", "url", "expires_at"}
    state = _state(share["url"])
    assert [r["run"] for r in state["runs"]] == [1]
    assert state["runs"][0]["report"]["id"] == report["id"]
    assert state["runs"][0]["history"]  # the snapshots went to the viewers too
    assert state["stopped"] is True  # the CLI stopped sharing when it finished


class _Output:
    """A process's stdout read as it comes (prompts end without a newline)."""

    def __init__(self, stream: Any) -> None:
        self.text = ""
        self._lock = threading.Condition()
        threading.Thread(target=self._read, args=(stream,), daemon=True).start()

    def _read(self, stream: Any) -> None:
        while chunk := stream.read1(4096) if hasattr(stream, "read1") else stream.read(1):
            with self._lock:
                self.text += chunk.decode() if isinstance(chunk, bytes) else chunk
                self._lock.notify_all()

    def wait_for(self, needle: str, start: int = 0, timeout_s: float = 40.0) -> int:
        deadline = time.monotonic() + timeout_s
        with self._lock:
            while (at := self.text.find(needle, start)) < 0:
                left = deadline - time.monotonic()
                assert left > 0, f"{needle!r} not printed; got {self.text!r}"
                self._lock.wait(left)
            return at + len(needle)


@pytest.mark.long_call
def test_run_again_runs_only_after_the_employee_says_yes(server_url: str) -> None:
    with subprocess.Popen(
        [_exe(), "test", "--server", server_url, "--token", TOKEN, *SHORT, "--share"],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    ) as proc:  # fmt: skip
        assert proc.stdin is not None
        out = _Output(proc.stdout)
        first_line_end = out.wait_for("\n")
        first = out.text[:first_line_end].strip()
        assert first.startswith("share: ")
        url = first.removeprefix("share: ")
        at = out.wait_for("press Enter to stop sharing")
        assert len(_state(url)["runs"]) == 1
        # The helpdesk asks; the employee says "not now" first: nothing runs.
        ask = urllib.request.Request(url + "/run-again", method="POST")
        with urllib.request.urlopen(ask, timeout=10) as r:
            assert r.status == 202
        at = out.wait_for("Run? [y/N] ", at)
        proc.stdin.write(b"\n")
        proc.stdin.flush()
        at = out.wait_for("not now", at)
        assert len(_state(url)["runs"]) == 1
        # Asked again; this time yes.
        with urllib.request.urlopen(ask, timeout=10) as r:
            assert r.status == 202
        at = out.wait_for("Run? [y/N] ", at)
        proc.stdin.write(b"y\n")
        proc.stdin.flush()
        at = out.wait_for("press Enter to stop sharing", at)
        proc.stdin.write(b"\n")
        proc.stdin.flush()
        assert proc.wait(30) == 0
        assert proc.stderr is not None
        stderr = proc.stderr.read().decode()
    state = _state(url)
    assert [r["run"] for r in state["runs"]] == [1, 2], stderr
    assert all(r["report"]["mode"] == "server" for r in state["runs"])
    assert state["stopped"] is True


def test_share_needs_a_server(server_url: str) -> None:
    proc = subprocess.run(
        [_exe(), "test", "--loopback", *SHORT, "--share"],
        capture_output=True, text=True, timeout=30, check=False,
    )  # fmt: skip
    assert proc.returncode == 2
    assert "--share needs a server" in proc.stderr
