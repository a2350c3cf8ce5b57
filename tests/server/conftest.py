"""Fixtures shared by the server tests' modules."""

from __future__ import annotations

import contextlib
import re
import signal
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from postgres_server import AVAILABLE, SKIP_REASON, postgres_server
from test_workers import serve_command


@contextlib.contextmanager
def serve_instance(config: Path, log: Path, workers: int) -> Iterator[str]:
    """A `callcheck serve` process with ``workers`` workers; yields its URL."""
    with (
        log.open("w") as stderr,
        subprocess.Popen(
            serve_command("--workers", str(workers), "--config", str(config)),
            stdout=subprocess.PIPE,
            stderr=stderr,
            text=True,
        ) as process,
    ):
        try:
            assert process.stdout is not None
            match = re.search(r"listening on (http://\S+)", process.stdout.readline())
            assert match, log.read_text()
            yield match.group(1)
        finally:
            process.send_signal(signal.SIGINT)
            process.wait(30)


@pytest.fixture(scope="session")
def shared_database() -> Iterator[str]:
    """One real PostgreSQL for the session (a cluster takes seconds to start); its URL."""
    if not AVAILABLE:
        pytest.skip(SKIP_REASON)
    with postgres_server() as database:
        yield database


@pytest.fixture(scope="session")
def shared_instances(
    tmp_path_factory: pytest.TempPathFactory, shared_database: str
) -> Iterator[tuple[str, Path, str, Path]]:
    """Two instances sharing one real PostgreSQL (rooms, live views, fleet reports): one with
    one worker, one with two. Yields (URL, log) of each. Started once for the session: two
    servers take seconds to start."""
    tmp = tmp_path_factory.mktemp("shared-instances")
    config = tmp / "serve.toml"
    config.write_text(f'database = "{shared_database}"\n')
    one_log, two_log = tmp / "one-worker.log", tmp / "two-workers.log"
    with (
        serve_instance(config, one_log, 1) as one_url,
        serve_instance(config, two_log, 2) as two_url,
    ):
        yield one_url, one_log, two_url, two_log
