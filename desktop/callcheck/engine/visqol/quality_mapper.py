"""
Quality mappers: SVR (Audio mode), TFLite Lattice (Speech default) and Exponential (Speech fallback).

Corresponds to C++ files:
  - svr_similarity_to_quality_mapper.cc
  - speech_similarity_to_quality_mapper.cc
  - tflite_quality_mapper.cc
  - support_vector_regression_model.cc
"""

from __future__ import annotations

import logging
import os
import shutil
import sys
import tempfile
from abc import ABC, abstractmethod
from pathlib import Path
from typing import Any

import numpy as np
from numpy.typing import NDArray

logger = logging.getLogger(__name__)


def _windows_model_path(path: str) -> bytes:
    """Encode a filename for libsvm's narrow Windows ``fopen`` API.

    The Python binding always encodes UTF-8, whereas Windows' C runtime
    uses the system ANSI code page. Use the short filename when characters
    cannot be represented in that code page (for example emoji).
    """
    if sys.platform != "win32":
        raise OSError("Windows model filenames are only supported on Windows")
    try:
        return path.encode("mbcs")
    except UnicodeEncodeError:
        import ctypes

        kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
        get_short_path = kernel32.GetShortPathNameW
        get_short_path.argtypes = [ctypes.c_wchar_p, ctypes.c_wchar_p, ctypes.c_uint]
        get_short_path.restype = ctypes.c_uint
        size = get_short_path(path, None, 0)
        if not size:
            raise ctypes.WinError(ctypes.get_last_error()) from None
        buffer = ctypes.create_unicode_buffer(size)
        if not get_short_path(path, buffer, size):
            raise ctypes.WinError(ctypes.get_last_error()) from None
        try:
            return buffer.value.encode("mbcs")
        except UnicodeEncodeError as exc:
            raise ValueError(
                "libsvm cannot open this model path with the Windows system code page "
                "and no usable short filename is available. Move the model to an "
                f"ASCII path: {path}"
            ) from exc


def _load_windows_svr_model(svmutil: Any, model_path: str) -> Any:
    """Load through libsvm, including paths without usable short filenames."""
    try:
        return svmutil.libsvm.svm_load_model(_windows_model_path(model_path))
    except (ValueError, OSError) as exc:
        last_error: Exception = exc

    directories = [tempfile.gettempdir()]
    system_root = os.environ.get("SYSTEMROOT")
    if system_root:
        directories.append(os.path.join(system_root, "Temp"))
    for parent in dict.fromkeys(directories):
        try:
            # The user's TEMP can itself contain unencodable characters. The
            # system temp directory is a second candidate; no cwd changes or
            # shared, predictable filenames are needed.
            with tempfile.TemporaryDirectory(prefix="visqol-", dir=parent) as directory:
                temporary_model = os.path.join(directory, "model.txt")
                shutil.copyfile(model_path, temporary_model)
                return svmutil.libsvm.svm_load_model(_windows_model_path(temporary_model))
        except (ValueError, OSError) as exc:
            last_error = exc
    raise ValueError(
        "Cannot load the SVR model through the Windows filename API; "
        "neither the model path nor a writable temporary directory has a usable "
        f"Windows filename: {model_path}"
    ) from last_error


def has_lattice_runtime() -> bool:
    """Return *True* if the ai-edge-litert TFLite runtime is importable."""
    try:
        import ai_edge_litert.interpreter  # noqa: F401
    except ImportError:
        return False
    return True


class SimilarityToQualityMapper(ABC):
    """Abstract base class for similarity-to-quality mapping."""

    @abstractmethod
    def init(self) -> None:
        """Initialize the mapper (e.g. load model)."""

    @abstractmethod
    def predict_quality(
        self,
        fvnsim: NDArray[np.float64],
        fvnsim10: NDArray[np.float64] | None = None,
        fstdnsim: NDArray[np.float64] | None = None,
        fvdegenergy: NDArray[np.float64] | None = None,
    ) -> float:
        """Predict MOS quality from NSIM feature vectors."""


class SvrSimilarityToQualityMapper(SimilarityToQualityMapper):
    """
    SVR-based quality mapper for Audio mode.

    Uses libsvm to load and predict from a pre-trained SVR model.
    """

    def __init__(self, model_path: str) -> None:
        self.model_path: str = model_path
        self.model: object = None  # svm_model from libsvm

    def init(self) -> None:
        """Load the libsvm model file.

        Raises:
            FileNotFoundError: If the model file does not exist.
            ImportError: If libsvm is not installed.
            ValueError: If libsvm cannot load the model.
        """
        if not os.path.exists(self.model_path):
            raise FileNotFoundError(f"SVR model file not found: {self.model_path}")

        try:
            import svmutil
        except ImportError:
            try:
                from libsvm import svmutil
            except ImportError:
                raise ImportError(
                    "libsvm is required for Audio mode SVR quality mapping. "
                    "Install with: pip install libsvm-official"
                ) from None

        if os.name == "nt" and not self.model_path.isascii():
            native_model = _load_windows_svr_model(svmutil, self.model_path)
            self.model = svmutil.toPyModel(native_model) if native_model else None
        else:
            self.model = svmutil.svm_load_model(self.model_path)
        if self.model is None:
            raise ValueError(f"Failed to load SVR model: {self.model_path}")

    def predict_quality(
        self,
        fvnsim: NDArray[np.float64],
        fvnsim10: NDArray[np.float64] | None = None,
        fstdnsim: NDArray[np.float64] | None = None,
        fvdegenergy: NDArray[np.float64] | None = None,
    ) -> float:
        """Predict MOS using SVR model.  Only *fvnsim* is used as features."""
        try:
            from svmutil import svm_predict
        except ImportError:
            from libsvm.svmutil import svm_predict

        # Convert to libsvm format: {1: val1, 2: val2, ...}
        x: dict[int, float] = {i + 1: float(v) for i, v in enumerate(fvnsim)}
        predicted_labels, _, _ = svm_predict([0], [x], self.model, "-q")
        return float(np.clip(predicted_labels[0], 1.0, 5.0))


class SpeechSimilarityToQualityMapper(SimilarityToQualityMapper):
    """
    Exponential-fit quality mapper for Speech mode.

    Uses hardcoded parameters fitted on the TCD-VOIP dataset.
    """

    # Fitted parameters (from C++ speech_similarity_to_quality_mapper.cc)
    FIT_A: float = -262.847869
    FIT_B: float = 0.0154302525
    FIT_X0: float = -361.063949
    FIT_SCALE: float = 1.245063

    def __init__(self, scale_to_max_mos: bool = True) -> None:
        self.scale: float = self.FIT_SCALE if scale_to_max_mos else 1.0

    def init(self) -> None:
        """No initialization needed for exponential mapper."""

    def predict_quality(
        self,
        fvnsim: NDArray[np.float64],
        fvnsim10: NDArray[np.float64] | None = None,
        fstdnsim: NDArray[np.float64] | None = None,
        fvdegenergy: NDArray[np.float64] | None = None,
    ) -> float:
        """Predict MOS using exponential fit: ``a + exp(b * (x - x0))``."""
        nsim_mean: float = float(np.mean(fvnsim))
        mos: float = self.FIT_A + float(np.exp(self.FIT_B * (nsim_mean - self.FIT_X0)))
        return float(np.clip(mos * self.scale, 1.0, 5.0))


class TFLiteSpeechQualityMapper(SimilarityToQualityMapper):
    """
    Deep-lattice TFLite quality mapper for Speech mode.

    Loads the same ``.tflite`` lattice model used by C++ ViSQOL
    (``--use_lattice_model=true``, the C++ default). Inference runs in the
    bundled TFLite C++ runtime via the ``ai-edge-litert`` Python binding, so
    results are numerically equivalent to the C++ implementation.

    Install the runtime with::

        pip install visqol-python[lattice]
    """

    NUM_FREQUENCY_BANDS: int = 21
    TAU: float = 0.5  # quantile feature; matches C++ default

    def __init__(self, model_path: str) -> None:
        self.model_path: str = model_path
        self._interpreter: Any = None
        self._runner: Any = None

    def init(self) -> None:
        """Load the TFLite lattice model.

        Raises:
            FileNotFoundError: If the model file does not exist.
            ImportError: If ai-edge-litert is not installed.
        """
        if not os.path.isfile(self.model_path):
            raise FileNotFoundError(f"TFLite lattice model file not found: {self.model_path}")

        try:
            from ai_edge_litert.interpreter import Interpreter
        except ImportError as exc:
            raise ImportError(
                "ai-edge-litert is required for the lattice speech quality mapper. "
                "Install with: pip install visqol-python[lattice]"
            ) from exc

        logger.debug("Loading TFLite lattice model: %s", self.model_path)
        # Single-threaded interpreter to match C++ SetNumThreads(1) default.
        # Python opens Unicode paths correctly on Windows; the native TFLite
        # filename API uses narrow fopen and cannot reliably do so.
        self._interpreter = Interpreter(
            model_content=Path(self.model_path).read_bytes(), num_threads=1
        )
        self._interpreter.allocate_tensors()
        self._runner = self._interpreter.get_signature_runner("predict")

    def predict_quality(
        self,
        fvnsim: NDArray[np.float64],
        fvnsim10: NDArray[np.float64] | None = None,
        fstdnsim: NDArray[np.float64] | None = None,
        fvdegenergy: NDArray[np.float64] | None = None,
    ) -> float:
        """Predict MOS by running the TFLite lattice network.

        Feeds ``4 × 21 = 84`` per-band scalar features plus the ``tau`` quantile
        scalar, exactly mirroring ``TFLiteQualityMapper::PredictQuality`` in C++.
        """
        if self._runner is None:
            raise RuntimeError(
                "TFLiteSpeechQualityMapper.init() must be called before predict_quality()."
            )
        if fvnsim10 is None or fstdnsim is None or fvdegenergy is None:
            raise ValueError(
                "Lattice mapper requires fvnsim, fvnsim10, fstdnsim and fvdegenergy."
            )

        nb = self.NUM_FREQUENCY_BANDS
        if (
            len(fvnsim) < nb
            or len(fvnsim10) < nb
            or len(fstdnsim) < nb
            or len(fvdegenergy) < nb
        ):
            raise ValueError(
                f"Lattice mapper expects {nb} bands per feature; "
                f"got fvnsim={len(fvnsim)} fvnsim10={len(fvnsim10)} "
                f"fstdnsim={len(fstdnsim)} fvdegenergy={len(fvdegenergy)}"
            )

        # Per-band scalar inputs (float32 to match TFLite tensor dtype).
        kwargs: dict[str, NDArray[np.float32]] = {}
        for band in range(nb):
            kwargs[f"fvnsim{band}"] = np.array([fvnsim[band]], dtype=np.float32)
            kwargs[f"fvnsim10_{band}"] = np.array([fvnsim10[band]], dtype=np.float32)
            kwargs[f"fstdnsim{band}"] = np.array([fstdnsim[band]], dtype=np.float32)
            kwargs[f"fvdegenergy{band}"] = np.array([fvdegenergy[band]], dtype=np.float32)
        kwargs["tau"] = np.array([self.TAU], dtype=np.float32)

        out = self._runner(**kwargs)
        return float(out["predictions"].flatten()[0])
