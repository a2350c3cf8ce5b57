""" "Hear yourself" over each simulated network, and how fast its Cancel is. Not a unit test; run
it and read the figures.

    .venv/bin/python tests/benchmarks/bench_echo_networks.py networks [--repeats 3] [--seconds 1.5]
    .venv/bin/python tests/benchmarks/bench_echo_networks.py cancel [--repeats 5]

``networks``: the echo (the built-in speech signal through a real loopback call, as the app with
``CALLCHECK_NO_AUDIO_DEVICE=1``) over each of the engine's ``NETWORK_PRESETS``, ``--repeats``
times. Printed per call: the path's network part (one-way), the playout buffer's wait, the heard
delay (cross-correlation), the heard delay beyond the buffer's wait, the path delay, concealment
and similarity; then each preset's mean rise over ``none``. The network part and the heard delay
beyond the buffer rise by the preset's delay; the path delay does not reliably (the buffer's wait
differs from call to call as it adapts to each call's start).

``cancel``: the GUI bridge's echo cancelled 0.5 s into the call; the time from ``cancel_echo``
to ``echoFinished`` (the call closed).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from callcheck.engine.echo_test import EchoOptions, EchoResult, run_echo
from callcheck.engine.impairment import NETWORK_PRESETS, ImpairmentSpec
from callcheck.engine.sources import SyntheticSpeechSource

RATE_HZ = 16_000


def _echo(key: str, seconds: float) -> EchoResult:
    spoken = SyntheticSpeechSource(sample_rate_hz=RATE_HZ).read(round(seconds * RATE_HZ))
    spec = ImpairmentSpec.parse(key)
    options = EchoOptions(impairment=None if spec.is_identity else spec)
    return asyncio.run(run_echo(spoken, RATE_HZ, options))


def networks(repeats: int, seconds: float) -> None:
    print(
        f"{'network':15s} {'net ms':>7s} {'wait ms':>7s} {'heard ms':>8s} {'heard-wait':>10s} "
        f"{'path ms':>7s} {'conc %':>6s} {'simil':>5s}"
    )
    rises: dict[str, list[tuple[float, float, float]]] = {key: [] for key in NETWORK_PRESETS}
    for _ in range(repeats):
        for key in NETWORK_PRESETS:
            r = _echo(key, seconds)
            net = r.network_delay_ms or float("nan")
            beyond = r.heard_delay_ms - r.playout_wait_ms
            path = r.path_delay_ms or float("nan")
            rises[key].append((net, beyond, path))
            print(
                f"{key:15s} {net:7.1f} {r.playout_wait_ms:7.1f} {r.heard_delay_ms:8.1f} "
                f"{beyond:10.1f} {path:7.1f} {r.concealed_pct:6.1f} {r.similarity:5.2f}"
            )
    base = [statistics.mean(v[i] for v in rises["none"]) for i in range(3)]
    print("\nmean rise over 'none' (network part, heard beyond the buffer, path delay), ms:")
    for key, values in rises.items():
        spec = ImpairmentSpec.parse(key)
        means = [statistics.mean(v[i] for v in values) - base[i] for i in range(3)]
        print(
            f"{key:15s} preset delay {spec.delay_ms:5.1f}: "
            + "  ".join(f"{m:+6.1f}" for m in means)
        )


def cancel(repeats: int) -> None:
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtWidgets import QApplication

    from callcheck.gui.bridge import ECHO_IN_CALL, EchoRequest, EngineBridge

    app = QApplication.instance() or QApplication(sys.argv[:1])
    bridge = EngineBridge()
    times_ms: list[float] = []
    try:
        for _ in range(repeats):
            loop = QEventLoop()
            marks: dict[str, float] = {}

            def on_phase(phase: str, marks: dict[str, float] = marks) -> None:
                if phase == ECHO_IN_CALL:
                    QTimer.singleShot(500, lambda: (marks.update(cancel=time.monotonic()),
                                                    bridge.cancel_echo()))  # fmt: skip

            def on_done(
                _outcome: object, marks: dict[str, float] = marks, loop: QEventLoop = loop
            ) -> None:
                marks["done"] = time.monotonic()
                loop.quit()

            bridge.echoPhase.connect(on_phase)
            bridge.echoFinished.connect(on_done)
            bridge.start_echo(EchoRequest(seconds=4.0, use_devices=False))
            loop.exec()
            bridge.echoPhase.disconnect(on_phase)
            bridge.echoFinished.disconnect(on_done)
            times_ms.append(1000.0 * (marks["done"] - marks["cancel"]))
            print(f"cancel to cancelled: {times_ms[-1]:.1f} ms")
    finally:
        bridge.shutdown()
    del app
    print(f"median {statistics.median(times_ms):.1f} ms, max {max(times_ms):.1f} ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    sub = parser.add_subparsers(dest="what", required=True)
    n = sub.add_parser("networks")
    n.add_argument("--repeats", type=int, default=3)
    n.add_argument("--seconds", type=float, default=1.5)
    c = sub.add_parser("cancel")
    c.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    if args.what == "networks":
        networks(args.repeats, args.seconds)
    else:
        cancel(args.repeats)


if __name__ == "__main__":
    main()
