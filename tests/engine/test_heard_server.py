"""Heard quality in server mode: the user's own audio, back from a real `callcheck serve`.

The reference is what the client sent (kept by :class:`HeardCapture`), the received audio what
came back through the reflector and the playout buffer: the round trip. Wiring as the session
does it (the capture wraps the call's source and sink).
"""

from __future__ import annotations

import asyncio
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from callcheck.engine.call import CallConfig, TestCall
from callcheck.engine.heard import HeardCapture, visqol_version
from callcheck.engine.loop import EngineLoop
from callcheck.engine.sources import SyntheticSpeechSource

pytestmark = pytest.mark.skipif(visqol_version() is None, reason="ViSQOL could not be loaded")

TOKEN = "heard-token"


def _exe() -> str:
    exe = shutil.which("callcheck", path=str(Path(sys.executable).parent))
    assert exe
    return exe


@pytest.fixture(scope="module")
def server_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    log = tmp_path_factory.mktemp("serve") / "server.log"
    command = [_exe(), "serve", "--host", "127.0.0.1", "--port", "0"]
    command += ["--ice-address", "127.0.0.2", "--token", TOKEN]
    with (
        log.open("w") as stderr,
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=stderr, text=True) as process,
    ):
        try:
            assert process.stdout is not None
            line = process.stdout.readline()
            match = re.search(r"listening on (http://\S+) ", line)
            assert match, f"unexpected first line {line!r}; log: {log.read_text()}"
            yield match.group(1)
        finally:
            process.terminate()
            process.wait(10)


def test_the_round_trip_through_the_reflector_is_scored(server_url: str) -> None:
    capture = HeardCapture("server")
    config = CallConfig(duration_s=6.0, mode="server", server_url=server_url, token=TOKEN)
    call = TestCall(
        config,
        source=capture.source(SyntheticSpeechSource(sample_rate_hz=48_000)),
        audio_sink=capture.sink(None),
    )
    with EngineLoop() as loop:
        result = loop.run(call.run(), timeout_s=40)
        heard = loop.run(capture.score(), timeout_s=60)
    assert result.quality is not None
    (direction,) = heard.directions
    assert direction.direction == "round_trip"
    assert direction.method == "full-reference"
    assert direction.mos is not None
    # A clean loopback network: Opus both ways is near ViSQOL's scaled maximum.
    assert direction.mos >= 4.3
    # The round trip: two playout buffers and two codec passes, well under a second here.
    assert direction.delay_ms is not None
    assert 20.0 < direction.delay_ms < 800.0
    # Bounded memory: at most KEEP_S seconds of each stream.
    assert capture.samples_kept <= 2 * 30 * 48_000 + 2 * 960


def test_peer_mode_has_no_reference_and_says_so() -> None:
    capture = HeardCapture("peer")
    sink = capture.sink(None)
    for _ in range(100):
        sink(np.zeros(960, dtype=np.int16), 48_000)
    heard = asyncio.run(capture.score())
    (direction,) = heard.directions
    assert direction.method == "no-reference"
    assert direction.mos is None
    assert direction.note is not None
    assert direction.note.startswith("not available")
