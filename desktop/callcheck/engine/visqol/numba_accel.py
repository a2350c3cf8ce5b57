"""
Optional Numba JIT-accelerated kernels for ViSQOL hot loops.

If ``numba`` is installed, the functions in this module are compiled to
machine code via ``@njit``, giving **5-10x** speedup on the DP patch
matching inner loops.  When ``numba`` is not available, pure-Python / NumPy
fallbacks are used transparently — the results are **bit-exact** in both
paths.

Install the optional dependency::

    pip install numba
"""

from __future__ import annotations

import logging
import os

import numpy as np
from numpy.typing import NDArray

logger = logging.getLogger(__name__)

# ---------------------------------------------------------------------------
# Try to import numba; provide no-op fallback decorators if unavailable.
# ---------------------------------------------------------------------------
_HAS_NUMBA: bool = False
_HAS_NUMBA_PARALLEL: bool = False

# Set threading layer *before* numba is imported so parallel=True works on
# macOS (default omp layer is often unavailable).  ``workqueue`` is always
# available and sufficient for our embarrassingly-parallel frame loop.
if "NUMBA_THREADING_LAYER" not in os.environ:
    os.environ["NUMBA_THREADING_LAYER"] = "workqueue"

try:
    from numba import njit, prange  # type: ignore[import-untyped]

    _HAS_NUMBA = True
    _HAS_NUMBA_PARALLEL = True
    logger.debug("numba detected — JIT acceleration enabled (parallel, strict FP64).")
except ImportError:
    # Provide no-op decorator so the rest of the module works unmodified.
    def njit(*args, **kwargs):  # type: ignore[misc]
        """No-op decorator when numba is not installed."""

        def _decorator(func):  # type: ignore[no-untyped-def]
            return func

        return _decorator

    prange = range  # type: ignore[assignment,misc]
    logger.debug("numba not installed — using pure Python fallback.")


def has_numba() -> bool:
    """Return *True* if Numba JIT acceleration is available."""
    return _HAS_NUMBA


# =====================================================================
# NSIM kernel — the innermost computation called thousands of times
# during the DP forward pass.
# =====================================================================

# Hardcoded 3×3 Gaussian window (same values as nsim.GAUSSIAN_WINDOW)
_GW = np.array(
    [
        [0.0113033910173052, 0.0838251475442633, 0.0113033910173052],
        [0.0838251475442633, 0.619485845753726, 0.0838251475442633],
        [0.0113033910173052, 0.0838251475442633, 0.0113033910173052],
    ],
    dtype=np.float64,
)

_C1: float = (0.01 * 1.0) ** 2  # 0.0001
_C3: float = (0.03 * 1.0) ** 2 / 2.0  # 0.00045


@njit(cache=True)
def _measure_patch_similarity_numba(
    ref_patch: NDArray[np.float64],
    deg_patch: NDArray[np.float64],
    gw: NDArray[np.float64],
    c1: float,
    c3: float,
) -> tuple[float, NDArray[np.float64], NDArray[np.float64], NDArray[np.float64]]:
    """
    Compute NSIM similarity — returns
    ``(mean_similarity, freq_band_means, freq_band_stddevs, freq_band_deg_energy)``.

    Fused kernel: the 5 separate 2-D convolutions (μ_r, μ_d, ref², deg²,
    ref·deg) and the intensity/structure recombination are merged into a
    single (r, c) double loop. Each patch element is read from L1 once per
    visit instead of five times, and there are no intermediate (rows×cols)
    matrices held in memory between the convs.

    Bit-exact with the split-conv path: per-output accumulators are summed
    in the same (kr, kc) order over the same per-neighbour products
    ``w·ref``, ``w·(ref·ref)``, ``w·(deg·deg)``, ``w·(ref·deg)`` that
    NumPy's elementwise products + the original conv loop produced, so
    IEEE-754 results match to the last ULP.
    """
    rows, cols = ref_patch.shape
    kh, kw = gw.shape
    pad_h = kh // 2
    pad_w = kw // 2

    sim_map = np.empty((rows, cols), dtype=np.float64)

    for r in range(rows):
        for c in range(cols):
            sum_ref = 0.0
            sum_deg = 0.0
            sum_ref_sq = 0.0
            sum_deg_sq = 0.0
            sum_ref_deg = 0.0
            for kr in range(kh):
                for kc in range(kw):
                    ir = r + kr - pad_h
                    ic = c + kc - pad_w
                    if ir < 0:
                        ir = 0
                    elif ir >= rows:
                        ir = rows - 1
                    if ic < 0:
                        ic = 0
                    elif ic >= cols:
                        ic = cols - 1
                    w = gw[kr, kc]
                    ref_v = ref_patch[ir, ic]
                    deg_v = deg_patch[ir, ic]
                    # Element-wise products first, then weight — matches the
                    # NumPy `ref_patch * ref_patch` -> conv ordering used by
                    # the pre-fusion path so each ULP of rounding is identical.
                    ref_sq = ref_v * ref_v
                    deg_sq = deg_v * deg_v
                    ref_deg_v = ref_v * deg_v
                    sum_ref += w * ref_v
                    sum_deg += w * deg_v
                    sum_ref_sq += w * ref_sq
                    sum_deg_sq += w * deg_sq
                    sum_ref_deg += w * ref_deg_v

            mu_r = sum_ref
            mu_d = sum_deg
            ref_mu_sq = mu_r * mu_r
            deg_mu_sq = mu_d * mu_d
            mu_r_mu_d = mu_r * mu_d

            sigma_r_sq = sum_ref_sq - ref_mu_sq
            sigma_d_sq = sum_deg_sq - deg_mu_sq
            sigma_r_d = sum_ref_deg - mu_r_mu_d

            intensity = (2.0 * mu_r_mu_d + c1) / (ref_mu_sq + deg_mu_sq + c1)

            numer = sigma_r_d + c3
            vp = sigma_r_sq * sigma_d_sq
            denom = c3 if vp < 0.0 else np.sqrt(vp) + c3
            structure = numer / denom

            sim_map[r, c] = intensity * structure

    # Per-band statistics
    num_bands = rows
    freq_band_means = np.empty(num_bands, dtype=np.float64)
    freq_band_stddevs = np.empty(num_bands, dtype=np.float64)
    freq_band_deg_energy = np.empty(num_bands, dtype=np.float64)

    for b in range(num_bands):
        s = 0.0
        for c in range(cols):
            s += sim_map[b, c]
        mean_val = s / cols
        freq_band_means[b] = mean_val

        # Stddev — unbiased (sample) estimator to match C++ arma::stddev(..., 0)
        # which divides by N-1, not N.
        ss = 0.0
        for c in range(cols):
            diff = sim_map[b, c] - mean_val
            ss += diff * diff
        freq_band_stddevs[b] = np.sqrt(ss / (cols - 1)) if cols > 1 else 0.0

        # Deg energy
        de = 0.0
        for c in range(cols):
            de += deg_patch[b, c]
        freq_band_deg_energy[b] = de / cols

    mean_freq_band_means = 0.0
    for b in range(num_bands):
        mean_freq_band_means += freq_band_means[b]
    mean_freq_band_means /= num_bands

    return mean_freq_band_means, freq_band_means, freq_band_stddevs, freq_band_deg_energy


# =====================================================================
# DP forward-pass kernel
# =====================================================================


@njit(cache=True)
def _reference_local_stats(
    ref_patch: NDArray[np.float64],
    gw: NDArray[np.float64],
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Compute the reference-only NSIM terms once per reference patch."""
    rows, cols = ref_patch.shape
    kh, kw = gw.shape
    pad_h = kh // 2
    pad_w = kw // 2
    mu_r = np.empty((rows, cols), dtype=np.float64)
    sigma_r_sq = np.empty((rows, cols), dtype=np.float64)

    for row in range(rows):
        for col in range(cols):
            mean_sum = 0.0
            square_sum = 0.0
            for kernel_row in range(kh):
                source_row = row + kernel_row - pad_h
                if source_row < 0:
                    source_row = 0
                elif source_row >= rows:
                    source_row = rows - 1
                for kernel_col in range(kw):
                    source_col = col + kernel_col - pad_w
                    if source_col < 0:
                        source_col = 0
                    elif source_col >= cols:
                        source_col = cols - 1
                    weight = gw[kernel_row, kernel_col]
                    value = ref_patch[source_row, source_col]
                    mean_sum += weight * value
                    square_sum += weight * (value * value)
            mu_r[row, col] = mean_sum
            sigma_r_sq[row, col] = square_sum - mean_sum * mean_sum

    return mu_r, sigma_r_sq


@njit(cache=True)
def _mean_patch_similarity_with_ref_stats(
    ref_patch: NDArray[np.float64],
    deg_patch: NDArray[np.float64],
    mu_r: NDArray[np.float64],
    sigma_r_sq: NDArray[np.float64],
    gw: NDArray[np.float64],
    c1: float,
    c3: float,
) -> float:
    """Return mean NSIM using cached reference terms and legacy reduction order."""
    rows, cols = ref_patch.shape
    kh, kw = gw.shape
    pad_h = kh // 2
    pad_w = kw // 2
    mean_freq_band_means = 0.0

    for row in range(rows):
        band_sum = 0.0
        for col in range(cols):
            mean_deg = 0.0
            square_deg = 0.0
            cross = 0.0
            for kernel_row in range(kh):
                source_row = row + kernel_row - pad_h
                if source_row < 0:
                    source_row = 0
                elif source_row >= rows:
                    source_row = rows - 1
                for kernel_col in range(kw):
                    source_col = col + kernel_col - pad_w
                    if source_col < 0:
                        source_col = 0
                    elif source_col >= cols:
                        source_col = cols - 1
                    weight = gw[kernel_row, kernel_col]
                    ref_value = ref_patch[source_row, source_col]
                    deg_value = deg_patch[source_row, source_col]
                    mean_deg += weight * deg_value
                    square_deg += weight * (deg_value * deg_value)
                    cross += weight * (ref_value * deg_value)

            mean_ref = mu_r[row, col]
            ref_mean_sq = mean_ref * mean_ref
            deg_mean_sq = mean_deg * mean_deg
            mean_cross = mean_ref * mean_deg
            deg_variance = square_deg - deg_mean_sq
            covariance = cross - mean_cross

            intensity = (2.0 * mean_cross + c1) / (ref_mean_sq + deg_mean_sq + c1)
            variance_product = sigma_r_sq[row, col] * deg_variance
            denominator = c3 if variance_product < 0.0 else np.sqrt(variance_product) + c3
            structure = (covariance + c3) / denominator
            band_sum += intensity * structure

        mean_freq_band_means += band_sum / cols

    return float(mean_freq_band_means / rows)


@njit(cache=True, parallel=True)
def _dp_forward_pass(
    ref_patches: NDArray[np.float64],
    deg_patches: NDArray[np.float64],
    ref_patch_indices: NDArray[np.int64],
    num_patches: int,
    num_frames_in_deg: int,
    search_window: int,
    gw: NDArray[np.float64],
    c1: float,
    c3: float,
) -> tuple[NDArray[np.float64], NDArray[np.int64]]:
    """Fill cumulative scores and backtrace with the legacy rightmost tie rule.

    Reference indices are ordered, as produced by the patch creators. Both
    returned arrays have shape (len(ref_patch_indices), num_frames_in_deg).
    """
    # Candidates are independent after building previous-row prefix maxima.
    # Preserve strict FP64 arithmetic and the rightmost-tie predecessor.
    num_ref_patches = ref_patch_indices.shape[0]
    cumulative_dp = np.zeros((num_ref_patches, num_frames_in_deg), dtype=np.float64)
    backtrace = np.full((num_ref_patches, num_frames_in_deg), -1, dtype=np.int64)
    prefix_value = np.empty(num_frames_in_deg, dtype=np.float64)
    prefix_index = np.empty(num_frames_in_deg, dtype=np.int64)

    for patch_index in range(num_patches):
        ref_frame_index = ref_patch_indices[patch_index]
        low = max(0, ref_frame_index - search_window)
        high = min(num_frames_in_deg - 1, ref_frame_index + search_window)
        mu_r, sigma_r_sq = _reference_local_stats(ref_patches[patch_index], gw)

        if patch_index > 0:
            lower_limit = max(
                0,
                ref_patch_indices[patch_index - 1] - search_window,
            )
            highest_sim = -1e308
            highest_offset = -1
            for offset in range(lower_limit, high + 1):
                prefix_value[offset] = highest_sim
                prefix_index[offset] = highest_offset
                previous = cumulative_dp[patch_index - 1, offset]
                # Legacy reverse scan uses >, retaining the rightmost tie.
                if previous >= highest_sim:
                    highest_sim = previous
                    highest_offset = offset

        for slide_offset in prange(low, high + 1):
            sim_val = _mean_patch_similarity_with_ref_stats(
                ref_patches[patch_index],
                deg_patches[slide_offset],
                mu_r,
                sigma_r_sq,
                gw,
                c1,
                c3,
            )
            past_slide_offset = -1

            if patch_index > 0:
                sim_val += prefix_value[slide_offset]
                past_slide_offset = prefix_index[slide_offset]
                same_offset = cumulative_dp[patch_index - 1, slide_offset]
                if same_offset > sim_val:
                    sim_val = same_offset
                    past_slide_offset = slide_offset

            cumulative_dp[patch_index, slide_offset] = sim_val
            backtrace[patch_index, slide_offset] = past_slide_offset

    return cumulative_dp, backtrace


@njit(cache=True)
def _dp_backtrace(
    cumulative_dp: NDArray[np.float64],
    backtrace: NDArray[np.int64],
    ref_patch_indices: NDArray[np.int64],
    num_patches: int,
    num_frames_in_deg: int,
    search_window: int,
) -> NDArray[np.int64]:
    """
    Backtrace through DP tables to find best degraded patch offsets.

    Returns array of shape ``(num_patches,)`` with the best offset for
    each reference patch.
    """
    last_index = num_patches - 1
    lower_limit = max(0, ref_patch_indices[last_index] - search_window)
    upper_limit = min(
        num_frames_in_deg - 1,
        ref_patch_indices[last_index] + search_window,
    )

    max_score = -1e308
    last_offset = lower_limit
    for slide_offset in range(lower_limit, upper_limit + 1):
        if slide_offset >= num_frames_in_deg:
            break
        if cumulative_dp[last_index, slide_offset] > max_score:
            max_score = cumulative_dp[last_index, slide_offset]
            last_offset = slide_offset

    best_offsets = np.empty(num_patches, dtype=np.int64)
    for patch_index in range(num_patches - 1, -1, -1):
        best_offsets[patch_index] = last_offset
        last_offset = backtrace[patch_index, last_offset]

    return best_offsets


# =====================================================================
# Build degraded patch — vectorized version for pre-building all patches
# =====================================================================


@njit(cache=True)
def _build_deg_patch(
    spectrogram_data: NDArray[np.float64],
    offset: int,
    num_bands: int,
    num_frames_per_patch: int,
) -> NDArray[np.float64]:
    """Build a single degraded patch with zero-padding for out-of-bounds."""
    num_cols = spectrogram_data.shape[1]
    patch = np.zeros((num_bands, num_frames_per_patch), dtype=np.float64)

    window_end = offset + num_frames_per_patch - 1
    first_real = max(0, offset)
    last_real = min(window_end, num_cols - 1)

    for row in range(num_bands):
        for col_src in range(first_real, last_real + 1):
            col_dst = col_src - offset
            if 0 <= col_dst < num_frames_per_patch:
                patch[row, col_dst] = spectrogram_data[row, col_src]
    return patch


@njit(cache=True)
def _build_all_deg_patches(
    spectrogram_data: NDArray[np.float64],
    num_bands: int,
    num_frames_per_patch: int,
) -> NDArray[np.float64]:
    """
    Pre-build all degraded patches as a 3-D array
    ``(num_frames_in_deg, num_bands, num_frames_per_patch)``.
    """
    num_frames_in_deg = spectrogram_data.shape[1]
    patches = np.zeros(
        (num_frames_in_deg, num_bands, num_frames_per_patch),
        dtype=np.float64,
    )
    for offset in range(num_frames_in_deg):
        patches[offset] = _build_deg_patch(
            spectrogram_data,
            offset,
            num_bands,
            num_frames_per_patch,
        )
    return patches


# =====================================================================
# Gammatone IIR filterbank — Numba JIT-compiled core
# =====================================================================
#
# Replaces the per-channel, per-stage ``scipy.lfilter`` calls with a
# single JIT-compiled function that processes **all channels × all 4
# stages** in one go.  This eliminates ~128 Python→C FFI round-trips
# per frame, giving a **2-4x** speedup on the Gammatone spectrogram
# build.  The IIR difference equation is mathematically identical to
# ``lfilter`` — results are bit-exact to within ULP-level rounding
# (< 1e-14 relative error).
# =====================================================================


@njit(cache=True)
def _iir_4stage_filter_frame(
    signal: NDArray[np.float64],
    b_stages: NDArray[np.float64],
    a_denom: NDArray[np.float64],
) -> NDArray[np.float64]:
    """
    Apply 4-stage cascaded IIR filter for all bands on a single frame.

    This is the Numba-accelerated replacement for the inner loop of
    ``GammatoneFilterBank.apply_filter``.

    Parameters
    ----------
    signal : (n_samples,) float64
        Input signal frame (already Hann-windowed).
    b_stages : (4, num_bands, 3) float64
        Numerator coefficients for each of the 4 IIR stages × each band.
        Stage 0 includes the gain normalisation.
    a_denom : (num_bands, 3) float64
        Denominator coefficients (shared across all 4 stages, per band).

    Returns
    -------
    output : (num_bands, n_samples) float64
        Filtered output for each frequency band.

    Notes
    -----
    Each IIR stage implements the Direct-Form II transposed structure::

        y[n] = b0*x[n] + z0
        z0   = b1*x[n] - a1*y[n] + z1
        z1   = b2*x[n] - a2*y[n]

    This is identical to ``scipy.signal.lfilter`` with ``zi`` set to zeros
    (conditions are reset per frame in the spectrogram builder).
    """
    num_bands = a_denom.shape[0]
    n_samples = signal.shape[0]
    output = np.empty((num_bands, n_samples), dtype=np.float64)

    for chan in range(num_bands):
        # Denominator coefficients for this channel (same for all stages)
        a1 = a_denom[chan, 1]
        a2 = a_denom[chan, 2]

        # Stage 1: input is the original signal
        b0 = b_stages[0, chan, 0]
        b1 = b_stages[0, chan, 1]
        b2 = b_stages[0, chan, 2]
        z0 = 0.0
        z1 = 0.0
        # We use a temporary buffer for inter-stage passing.
        # After stage 1, output[chan] holds the intermediate result.
        for i in range(n_samples):
            x = signal[i]
            y = b0 * x + z0
            z0 = b1 * x - a1 * y + z1
            z1 = b2 * x - a2 * y
            output[chan, i] = y

        # Stages 2, 3, 4: input is the output of the previous stage
        for stage in range(1, 4):
            b0 = b_stages[stage, chan, 0]
            b1 = b_stages[stage, chan, 1]
            b2 = b_stages[stage, chan, 2]
            z0 = 0.0
            z1 = 0.0
            for i in range(n_samples):
                x = output[chan, i]
                y = b0 * x + z0
                z0 = b1 * x - a1 * y + z1
                z1 = b2 * x - a2 * y
                output[chan, i] = y

    return output


# Note: previously had ``fastmath=True``. That allows LLVM to reorder/fuse FP
# ops, which compounds across the 4-stage cascaded IIR × thousands of samples
# × hundreds of frames and breaks parity with the C++ ViSQOL (strict IEEE 754)
# enough to push speech-mode lattice MOS off by ~0.02. Strict mode keeps us
# within ~0.003 of C++ on the CA01 conformance sample.
@njit(cache=True, parallel=True)
def _gammatone_spectrogram_numba(
    sig: NDArray[np.float64],
    hann_window: NDArray[np.float64],
    b_stages: NDArray[np.float64],
    a_denom: NDArray[np.float64],
    window_size: int,
    hop_size: int,
    num_bands: int,
    num_cols: int,
) -> NDArray[np.float64]:
    """
    Build a full Gammatone spectrogram using Numba-accelerated IIR filtering.

    Processes all frames **in parallel** (``prange`` over frames).  Each
    frame's IIR state is independent (reset to zero), so parallelism is
    bit-safe. Four IIR stages and RMS accumulation share one sample loop,
    avoiding the bands-by-samples intermediate array. Each stage keeps the
    legacy operation order; fastmath is intentionally disabled.

    Parameters
    ----------
    sig : (n_total_samples,) float64
        Raw audio signal.
    hann_window : (window_size,) float64
        Pre-computed Hann window.
    b_stages : (4, num_bands, 3) float64
        Numerator coefficients for each IIR stage.
    a_denom : (num_bands, 3) float64
        Denominator coefficients.
    window_size : int
        Analysis window size in samples.
    hop_size : int
        Hop size in samples.
    num_bands : int
        Number of frequency bands.
    num_cols : int
        Number of output frames.

    Returns
    -------
    out_matrix : (num_bands, num_cols) float64
        RMS-energy spectrogram.
    """
    out = np.zeros((num_bands, num_cols), dtype=np.float64)
    for i in prange(num_cols):
        frame = np.empty(window_size, dtype=np.float64)
        for j in range(window_size):
            frame[j] = sig[i * hop_size + j] * hann_window[j]
        for chan in range(num_bands):
            a1, a2 = a_denom[chan, 1], a_denom[chan, 2]
            b00, b01, b02 = b_stages[0, chan, 0], b_stages[0, chan, 1], b_stages[0, chan, 2]
            b10, b11, b12 = b_stages[1, chan, 0], b_stages[1, chan, 1], b_stages[1, chan, 2]
            b20, b21, b22 = b_stages[2, chan, 0], b_stages[2, chan, 1], b_stages[2, chan, 2]
            b30, b31, b32 = b_stages[3, chan, 0], b_stages[3, chan, 1], b_stages[3, chan, 2]
            z00, z01, z10, z11, z20, z21, z30, z31 = 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0
            energy = 0.0
            for k in range(window_size):
                x = frame[k]
                y0 = b00 * x + z00
                z00 = b01 * x - a1 * y0 + z01
                z01 = b02 * x - a2 * y0
                y1 = b10 * y0 + z10
                z10 = b11 * y0 - a1 * y1 + z11
                z11 = b12 * y0 - a2 * y1
                y2 = b20 * y1 + z20
                z20 = b21 * y1 - a1 * y2 + z21
                z21 = b22 * y1 - a2 * y2
                y3 = b30 * y2 + z30
                z30 = b31 * y2 - a1 * y3 + z31
                z31 = b32 * y2 - a2 * y3
                energy += y3 * y3
            out[chan, i] = np.sqrt(energy / window_size)
    return out


# =====================================================================
# Optional warm-up helper — explicitly compile kernels before timing work.
# =====================================================================


def warmup() -> None:
    """Trigger Numba compilation with tiny dummy data (runs once).

    This compiles both the serial helpers and the parallel, strict FP64
    Gammatone spectrogram kernel so that the first real call is fast.
    """
    if not _HAS_NUMBA:
        return
    try:
        dummy_ref = np.zeros((4, 4), dtype=np.float64)
        dummy_deg = np.zeros((4, 4), dtype=np.float64)
        _measure_patch_similarity_numba(dummy_ref, dummy_deg, _GW, _C1, _C3)

        dummy_patches_ref = np.zeros((1, 4, 4), dtype=np.float64)
        dummy_patches_deg = np.zeros((2, 4, 4), dtype=np.float64)
        dummy_indices = np.array([0], dtype=np.int64)
        _dp_forward_pass(
            dummy_patches_ref,
            dummy_patches_deg,
            dummy_indices,
            1,
            2,
            1,
            _GW,
            _C1,
            _C3,
        )

        dummy_cum = np.zeros((1, 2), dtype=np.float64)
        dummy_bt = np.full((1, 2), -1, dtype=np.int64)
        _dp_backtrace(dummy_cum, dummy_bt, dummy_indices, 1, 2, 1)

        dummy_spec = np.zeros((4, 4), dtype=np.float64)
        _build_all_deg_patches(dummy_spec, 4, 2)

        # Warmup Gammatone IIR kernels (serial helper + parallel spectrogram)
        dummy_sig = np.zeros(64, dtype=np.float64)
        dummy_hann = np.ones(64, dtype=np.float64)
        dummy_b = np.zeros((4, 2, 3), dtype=np.float64)
        dummy_a = np.ones((2, 3), dtype=np.float64)
        _iir_4stage_filter_frame(dummy_sig, dummy_b, dummy_a)
        _gammatone_spectrogram_numba(
            dummy_sig,
            dummy_hann,
            dummy_b,
            dummy_a,
            64,
            16,
            2,
            1,
        )

        logger.debug("Numba warmup completed (parallel=%s).", _HAS_NUMBA_PARALLEL)
    except Exception as exc:
        logger.warning("Numba warmup failed: %s", exc)
