"""ViSQOL's speech lattice mapper evaluated in numpy (no TensorFlow Lite runtime): a measuring tool.

ViSQOL v3 maps its per-band similarity features to a MOS with a TensorFlow-Lattice calibrated
lattice ensemble (the C++ default, ``--use_lattice_model=true``; google/visqol ``model/``,
Apache-2.0). Its TFLite graph uses only simple float ops — the calibrators are piecewise linear
(``SUB``/``MUL``/``MINIMUM``/``RELU`` then a ``FULLY_CONNECTED`` sum), the lattices multilinear
interpolation (``ABS``/``SUB``/``RELU`` weights, ``BATCH_MATMUL``) — so this module runs the
same graph, op for op, in float32 numpy. ``tests/tools/extract_visqol_lattice.py`` writes the
graph and its constants from the ``.tflite`` file once (``tests/data/visqol/lattice_speech.npz``),
with the runtime's predictions for a set of inputs; ``tests/engine/test_visqol_lattice.py``
checks this evaluation against them.

Why it is a tool and not the product's mapper: the exponential fit maps the *mean* NSIM over
bands and patches, so short dropouts move it little; the lattice also sees each band's
10th-percentile similarity, spread and degraded energy, and falls much further with loss. But
its level is tied to real speech: CallCheck's synthetic test signal scores 4.05 against itself
(real speech 4.52), a clean Opus call 3.7–4.3 and a clean G.711 call 3.1 — a full point below
the E-model's prediction, which would give every clean narrowband call the "damaged on this
computer" advice. ``tests/benchmarks/bench_heard.py`` prints both mappers side by side.

Pure: numpy only; the caller loads the arrays (:func:`LatticeGraph.from_arrays`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

BANDS: Final = 21
"""ViSQOL v3 speech mode's gammatone bands (the lattice's per-band inputs)."""

LATTICE_TAU: Final = 0.5
"""The quantile input the C++ ``TFLiteQualityMapper`` always sets (``tau`` = 0.5)."""

_Op = Callable[[list[Any], Mapping[str, int], str], list[Any]]


def _split(args: list[Any], options: Mapping[str, int], _dtype: str) -> list[Any]:
    axis, x = int(args[0]), args[1]
    return list(np.split(x, options["numSplits"], axis=axis))


def _fully_connected(args: list[Any], options: Mapping[str, int], _dtype: str) -> list[Any]:
    x, weights = args[0], args[1]
    bias = args[2] if len(args) > 2 else None
    if options.get("keepNumDims"):
        out = x @ weights.T
    else:
        out = x.reshape(-1, weights.shape[1]) @ weights.T
    return [out if bias is None else out + bias]


_OPS: Final[dict[str, _Op]] = {
    "ABS": lambda a, _o, _d: [np.abs(a[0])],
    "ADD": lambda a, _o, _d: [a[0] + a[1]],
    "SUB": lambda a, _o, _d: [a[0] - a[1]],
    "MUL": lambda a, _o, _d: [a[0] * a[1]],
    "MINIMUM": lambda a, _o, _d: [np.minimum(a[0], a[1])],
    "RELU": lambda a, _o, _d: [np.maximum(a[0], np.float32(0.0))],
    "EQUAL": lambda a, _o, _d: [np.equal(a[0], a[1])],
    "CAST": lambda a, _o, d: [a[0].astype(d)],
    "EXPAND_DIMS": lambda a, _o, _d: [np.expand_dims(a[0], int(a[1]))],
    "RESHAPE": lambda a, _o, _d: [a[0].reshape([int(s) for s in np.ravel(a[1])])],
    "SHAPE": lambda a, _o, _d: [np.array(a[0].shape, dtype=np.int32)],
    "FILL": lambda a, _o, _d: [np.full([int(s) for s in a[0]], a[1])],
    "CONCATENATION": lambda a, o, _d: [np.concatenate(a, axis=o["axis"])],
    "SPLIT": _split,
    "FULLY_CONNECTED": _fully_connected,
    "BATCH_MATMUL": lambda a, _o, _d: [np.matmul(a[0], a[1])],
}


@dataclass(frozen=True)
class _Step:
    op: _Op
    inputs: tuple[int, ...]
    outputs: tuple[int, ...]
    options: Mapping[str, int]
    out_dtype: str


class LatticeGraph:
    """The lattice mapper's graph, ready to evaluate (immutable after construction)."""

    def __init__(
        self,
        steps: Sequence[_Step],
        constants: Mapping[int, npt.NDArray[Any]],
        inputs: Sequence[int],
        output: int,
        source: str,
    ) -> None:
        self._steps = tuple(steps)
        self._constants = dict(constants)
        self._inputs = tuple(inputs)
        self._output = output
        self.source = source
        """Where the model came from (the ``.tflite`` file's name in google/visqol)."""

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, npt.NDArray[Any]]) -> LatticeGraph:
        """Build from the arrays ``packaging/extract_visqol_lattice.py`` saved (``graph`` and
        ``const_<index>``). Raises ValueError for an operator this evaluator does not know."""
        meta = json.loads(bytes(arrays["graph"]).decode("utf-8"))
        dtypes: list[str] = meta["dtypes"]
        steps = []
        for name, ins, outs, options in meta["ops"]:
            if name not in _OPS:
                raise ValueError(f"lattice graph: unsupported operator {name}")
            steps.append(_Step(_OPS[name], tuple(ins), tuple(outs), options, dtypes[outs[0]]))
        constants = {
            int(key.removeprefix("const_")): np.asarray(value)
            for key, value in arrays.items()
            if key.startswith("const_")
        }
        return cls(steps, constants, meta["inputs"], int(meta["output"]), str(meta["source"]))

    def evaluate(self, features: npt.ArrayLike) -> float:
        """The model's output for one feature vector (``4·21`` band features, then ``tau``)."""
        row = np.asarray(features, dtype=np.float32).reshape(-1)
        if row.size != len(self._inputs):
            raise ValueError(f"expected {len(self._inputs)} features, got {row.size}")
        values: dict[int, Any] = dict(self._constants)
        for index, value in zip(self._inputs, row, strict=True):
            values[index] = np.array([value], dtype=np.float32)
        for step in self._steps:
            args = [values[i] for i in step.inputs if i >= 0]
            results = step.op(args, step.options, step.out_dtype)
            for index, result in zip(step.outputs, results, strict=True):
                values[index] = result
        return float(np.asarray(values[self._output]).reshape(-1)[0])


def lattice_features(
    fvnsim: npt.ArrayLike,
    fvnsim10: npt.ArrayLike,
    fstdnsim: npt.ArrayLike,
    fvdegenergy: npt.ArrayLike,
) -> FloatArray:
    """The lattice's input vector from ViSQOL's four per-band feature vectors (first
    :data:`BANDS` bands each, as the C++ ``TFLiteQualityMapper`` feeds them) and ``tau``."""
    parts = [np.asarray(v, dtype=np.float64).reshape(-1) for v in (fvnsim, fvnsim10, fstdnsim)]
    parts.append(np.asarray(fvdegenergy, dtype=np.float64).reshape(-1))
    if any(p.size < BANDS for p in parts):
        raise ValueError(f"each feature needs {BANDS} bands")
    out: FloatArray = np.concatenate([p[:BANDS] for p in parts] + [np.array([LATTICE_TAU])])
    return out
