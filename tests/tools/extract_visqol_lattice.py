"""Extract ViSQOL's speech lattice model into a small numpy file (run once; output committed).

    python tests/tools/extract_visqol_lattice.py [--out tests/data/visqol/lattice_speech.npz]

Run it in a scratch virtualenv with ``visqol-python`` (the ``.tflite`` file ships in its wheel)
and ``ai-edge-litert`` (the TensorFlow Lite runtime, 59 MB: the reason CallCheck does not ship
the runtime) installed; CallCheck's own environment needs neither.

Why: ViSQOL v3's default speech mapper (the C++ default, ``--use_lattice_model=true``) is a
TensorFlow-Lattice calibrated lattice ensemble (Google's ``lattice_tcditugenmeetpackhref_ls2_
nl60…`` model, Apache-2.0, from google/visqol ``model/``). Unlike the exponential fit on the mean
NSIM, it sees every band's mean, 10th percentile, spread and degraded energy, so it hears loss
that a mean hides (see ``tests/tools/visqol_lattice.py`` for why CallCheck does not report it).
Its TFLite graph is made only of simple element-wise and matrix ops (piecewise
linear calibrators, lattice interpolation), so ``tests/tools/visqol_lattice.py`` evaluates it
in numpy.

What it writes (``numpy.savez_compressed``, no pickles):

* ``graph``: the operators, in execution order, as UTF-8 JSON — name, input and output tensor
  indices, the options the evaluator needs — plus the signature's input names and tensor indices,
  the output's index, and every tensor's dtype;
* ``const_<index>``: each constant tensor (the calibrators' keypoints, the lattices' weights);
* ``check_inputs`` / ``check_outputs``: feature vectors (the CA01 conformance pair's, and random
  ones in the ranges ViSQOL produces) and the runtime's prediction for each — the test
  ``tests/engine/test_visqol_lattice.py`` checks the numpy evaluation against them.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
BANDS = 21
FEATURES = ("fvnsim", "fvnsim10_", "fstdnsim", "fvdegenergy")
"""The signature's input name prefixes, in CallCheck's feature-vector order (then ``tau``)."""

TFLITE_TYPES = {0: "float32", 2: "int32", 6: "bool"}

# CA01_01 against transcoded_CA01_01 (google/visqol testdata), the features visqol-python 3.8
# computes in speech mode: a realistic check point beside the random ones.
CA01_FEATURES = {
    "fvnsim": [0.226, 0.775, 0.906, 0.941, 0.929, 0.926, 0.915, 0.92, 0.891, 0.824, 0.799,
               0.814, 0.867, 0.867, 0.802, 0.805, 0.567, 0.351, 0.136, 0.035, 0.035],
    "fvnsim10_": [-0.032, 0.759, 0.866, 0.908, 0.841, 0.843, 0.845, 0.829, 0.75, 0.66, 0.649,
                  0.603, 0.775, 0.761, 0.674, 0.636, 0.318, 0.041, 0.028, 0.0, 0.0],
    "fstdnsim": [0.36, 0.193, 0.21, 0.148, 0.174, 0.175, 0.166, 0.163, 0.181, 0.255, 0.217,
                 0.252, 0.172, 0.192, 0.237, 0.263, 0.433, 0.471, 0.202, 0.144, 0.176],
    "fvdegenergy": [3.73, 4.472, 10.559, 16.361, 12.801, 16.803, 16.614, 14.742, 11.953, 11.411,
                    11.624, 12.15, 11.526, 9.845, 8.602, 8.516, 8.272, 6.375, 0.642, 0.042, 0.0],
}  # fmt: skip


def input_names() -> list[str]:
    return [f"{prefix}{band}" for prefix in FEATURES for band in range(BANDS)] + ["tau"]


def check_inputs(count: int, seed: int) -> np.ndarray:
    """Feature vectors to check the evaluation on: CA01, a perfect match, and random ones."""
    rng = np.random.default_rng(seed)
    rows = [np.concatenate([CA01_FEATURES[p] for p in FEATURES] + [[0.5]])]
    rows.append(np.concatenate([np.ones(BANDS), np.ones(BANDS), np.zeros(BANDS),
                                np.full(BANDS, 12.0), [0.5]]))  # fmt: skip
    ca01 = {p: np.array(CA01_FEATURES[p]) for p in FEATURES}
    for _ in range((count - len(rows)) // 2):  # around a real call's features: mid-scale outputs
        nsim = np.clip(ca01["fvnsim"] * rng.uniform(0.6, 1.2) + rng.normal(0, 0.05, BANDS), -0.1, 1)
        gap = (ca01["fvnsim"] - ca01["fvnsim10_"]) * rng.uniform(0.3, 2.5, BANDS)
        rows.append(np.concatenate([
            nsim,
            nsim - gap,
            ca01["fstdnsim"] * rng.uniform(0.4, 2.0, BANDS),
            ca01["fvdegenergy"] * rng.uniform(0.5, 1.6, BANDS),
            [0.5],
        ]))  # fmt: skip
    for _ in range(count - len(rows)):  # anywhere in the ranges ViSQOL produces
        nsim = rng.uniform(-0.1, 1.0, BANDS)
        rows.append(np.concatenate([
            nsim,
            nsim - rng.uniform(0.0, 0.4, BANDS),
            rng.uniform(0.0, 0.6, BANDS),
            rng.uniform(0.0, 25.0, BANDS),
            [0.5],
        ]))  # fmt: skip
    return np.array(rows, dtype=np.float32)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--model", type=Path, help="the .tflite file (default: visqol-python's)")
    parser.add_argument("--out", type=Path, default=ROOT / "tests/data/visqol/lattice_speech.npz")
    parser.add_argument("--checks", type=int, default=200)
    args = parser.parse_args()

    from ai_edge_litert import schema_py_generated as schema
    from ai_edge_litert.interpreter import Interpreter, OpResolverType

    model_path = args.model
    if model_path is None:
        import visqol

        folder = Path(visqol.__file__).parent / "model"
        model_path = next(folder.glob("lattice_*.tflite"))
    raw = model_path.read_bytes()
    model = schema.ModelT.InitFromPackedBuf(bytearray(raw), 0)
    if len(model.subgraphs) != 1:
        raise SystemExit("expected one subgraph")
    graph = model.subgraphs[0]
    op_names = {v: k for k, v in vars(schema.BuiltinOperator).items() if not k.startswith("_")}

    ops = []
    for op in graph.operators:
        code = model.operatorCodes[op.opcodeIndex]
        name = op_names[max(code.builtinCode, code.deprecatedBuiltinCode)]
        options = {}
        o = op.builtinOptions
        if o is not None:
            for key in ("axis", "numSplits", "adjX", "adjY", "keepNumDims"):
                if hasattr(o, key):
                    value = getattr(o, key)
                    options[key] = value if isinstance(value, int) else int(bool(value))
            if getattr(o, "fusedActivationFunction", 0):
                raise SystemExit(f"{name}: fused activations are not supported")
        ops.append([name, [int(i) for i in op.inputs], [int(i) for i in op.outputs], options])

    consts: dict[str, np.ndarray] = {}
    dtypes = []
    for index, tensor in enumerate(graph.tensors):
        dtype = TFLITE_TYPES[tensor.type]
        dtypes.append(dtype)
        data = model.buffers[tensor.buffer].data
        if data is not None and len(data) > 0:
            shape = [] if tensor.shape is None else [int(s) for s in tensor.shape]
            array = np.frombuffer(bytes(data), dtype=dtype).reshape(shape)
            consts[f"const_{index}"] = array

    (signature,) = model.signatureDefs
    inputs = {t.name.decode(): int(t.tensorIndex) for t in signature.inputs}
    (output,) = signature.outputs
    if sorted(inputs) != sorted(input_names()):
        raise SystemExit(f"unexpected inputs: {sorted(inputs)}")

    # The reference: the runtime itself, without delegates (XNNPACK fuses the same float ops).
    interpreter = Interpreter(
        model_content=raw,
        num_threads=1,
        experimental_op_resolver_type=OpResolverType.BUILTIN_WITHOUT_DEFAULT_DELEGATES,
    )
    runner = interpreter.get_signature_runner("predict")
    rows = check_inputs(args.checks, seed=19)
    outputs = []
    for row in rows:
        feed = {
            name: np.array([v], dtype=np.float32)
            for name, v in zip(input_names(), row, strict=True)
        }
        outputs.append(float(runner(**feed)["predictions"].reshape(-1)[0]))

    meta = {
        "source": f"google/visqol model/{model_path.name}",
        "sha256": hashlib.sha256(raw).hexdigest(),
        "licence": "Apache-2.0",
        "ops": ops,
        "inputs": [inputs[name] for name in input_names()],
        "input_names": input_names(),
        "output": int(output.tensorIndex),
        "dtypes": dtypes,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(
        args.out,
        graph=np.frombuffer(json.dumps(meta).encode("utf-8"), dtype=np.uint8),
        check_inputs=rows,
        check_outputs=np.array(outputs, dtype=np.float32),
        **consts,
    )
    print(f"{args.out}: {len(ops)} ops, {len(consts)} constants, {args.out.stat().st_size} bytes")
    print(f"CA01 features → {outputs[0]:.6f} (visqol-python lattice 3.3153, C++ 3.31292)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
