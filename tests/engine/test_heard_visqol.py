"""The ViSQOL port against Google's C++ ViSQOL conformance values (speech mode).

``conformance.h`` (v333) of google/visqol: CA01_01 against its transcoded copy scores
3.374505555111911 with the exponential mapper. visqol-python publishes a 0.0011 difference; we
accept 0.002 (on 3.37). An identical pair scores the scaled maximum, 5.0. The copy CallCheck
ships (:mod:`callcheck.engine.visqol`) does visqol-python's scipy calls in numpy: the same
value, and no scipy loaded.
"""

from __future__ import annotations

import wave
from pathlib import Path

import numpy as np
import numpy.typing as npt
import pytest

from callcheck.engine.heard import visqol_speech_mos, visqol_version

DATA = Path(__file__).resolve().parents[1] / "data" / "visqol"
CONFORMANCE_CA01_EXPONENTIAL = 3.374505555111911


def read_wav(path: Path) -> tuple[npt.NDArray[np.float64], int]:
    with wave.open(str(path), "rb") as w:
        assert w.getsampwidth() == 2
        assert w.getnchannels() == 1
        samples = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2")
        return samples.astype(np.float64) / 32768.0, w.getframerate()


pytestmark = pytest.mark.skipif(visqol_version() is None, reason="ViSQOL could not be loaded")


def test_visqol_port_matches_the_cpp_conformance_value() -> None:
    from callcheck.engine.visqol import VisqolApi

    ref, rate = read_wav(DATA / "CA01_01.wav")
    deg, _ = read_wav(DATA / "transcoded_CA01_01.wav")
    # The C++ conformance test feeds the 48 kHz files as they are; speech mode works at 16 kHz.
    api = VisqolApi()
    api.create(mode="speech", use_lattice_model=False)
    mos = api.measure_from_arrays(ref, deg, sample_rate=rate).moslqo
    assert mos == pytest.approx(CONFORMANCE_CA01_EXPONENTIAL, abs=0.002)


def test_identical_speech_scores_the_maximum() -> None:
    ref, rate = read_wav(DATA / "CA01_01.wav")
    from callcheck.core.resample import resample

    ref16 = resample(ref, rate, 16_000)
    assert visqol_speech_mos(ref16, ref16) == pytest.approx(5.0, abs=1e-6)


def test_the_shipped_copy_needs_no_scipy() -> None:
    import subprocess
    import sys

    code = (
        "import sys, numpy as np; from callcheck.engine.heard import visqol_speech_mos; "
        "x = np.random.default_rng(1).normal(0, 0.1, 32000); "
        "print(visqol_speech_mos(x, x), sorted(m for m in sys.modules if m.split('.')[0] in "
        "('scipy', 'soundfile', 'libsvm', 'numba')))"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    ).stdout
    assert out.strip() == "5.0 []"
