"""A time-based adaptive playout (jitter) buffer model, run live by the engine and offline.

Why not aiortc's: its audio jitter buffer (16 packets, prefetch 4) adds 80 ms, jumps to about
300 ms after the first loss and throws good frames away (DESIGN.md, "Measurement"). This one
is driven by the receiver's playout clock, conceals what is missing and counts what arrives
too late, so its delay and discard rate are measurements for the E-model (Ta and Ppl).

**Schedule.** Each frame has an RTP time ``t`` (its unwrapped RTP timestamp in ms). The buffer
keeps a playout offset ``O`` on the local clock: frame ``t`` is *scheduled* at ``t + O``. The
playout clock calls :meth:`PlayoutBuffer.pop` every ``frame_ms``; each call hands out exactly one
frame of audio — the next frame in sequence-number order if it is scheduled at or before
``now_ms`` (never early; the pop grid adds 0 to ``frame_ms`` of wait):

* present → ``played``; missing → ``concealed`` (the engine runs codec PLC), and its slot is
  gone: if the packet arrives afterwards it is a **late discard**. Exception: sequence
  numbers run on across a pause in RTP time (DTX), so slots after a pause are concealed at
  guessed times; a packet with such a number that is not yet due at any pop so far restores
  its slot, and those concealed frames are re-counted as stretch. Concealed slots are
  counted as losses once a later packet is played;
* the next frame not yet scheduled (the offset just grew, or an RTP-timestamp gap such as DTX)
  → a ``concealed`` filler frame with ``seq=None`` (counted as *stretched*), the slot kept;
* a slot scheduled a whole frame or more in the past (the offset just shrank) is skipped,
  which compresses time by one frame: counted as *absorbed* if its packet is missing, as
  *skipped* if a received frame is thrown away.

**Delay.** The playout delay is ``O − min(relative transit)`` over the last ``history_ms``,
relative transit being ``arrival_ms − t``: how long the buffer holds the *fastest* recent
packet. A packet whose transit exceeds the minimum by ``d`` waits ``delay − d`` (plus the pop
grid's phase) and is late if ``d`` exceeds the delay. ``wait_ms`` (``playout_ms − arrival_ms``
of played frames) is reported too: mean one-way network delay plus mean wait is the mean
network-plus-buffer part of Ta.

**Fixed mode** anchors ``O`` at the first packet (its transit plus ``initial_delay_ms``) and
never changes it.

**Adaptive mode** (NetEQ-like; NetEQ's defaults are the 97th percentile over 2 s):

* target = nearest-rank ``target_percentile`` of ``transit − min transit`` over the last
  ``history_ms`` of arrivals (late packets included), plus ``margin_ms``; after a late discard
  the target is also at least that packet's ``d + margin_ms`` for ``history_ms`` (a peak hold,
  so the buffer grows at once instead of waiting for the percentile to notice); clamped to
  ``[min_delay_ms, max_delay_ms]``;
* grow quickly: at every pop where delay < target, ``O`` grows by one frame (never past
  ``max_delay_ms``) — one stretched filler frame per step;
* shrink slowly and, where possible, for free: when delay − one frame ≥ target, ``O``
  shrinks by one frame at most once every ``shrink_interval_frames`` pops (and not within that
  many pops of a grow), so the delay settles in ``[target, target + frame_ms)`` without
  hunting. A step drops one slot from the schedule, where it costs no speech — the classic
  rule of adapting the delay between talkspurts (Ramjee et al., "Adaptive playout mechanisms
  for packetized audio applications in wide-area networks", INFOCOM 1994). It takes a pop
  whose slot is missing (a lost packet: the slot is *absorbed*), or a frame that decodes to
  silence, which the caller drops (:meth:`PlayoutBuffer.drop_silent_frame`: a pause gets a
  frame shorter). Only when the delay has stayed more than a frame plus ``margin_ms`` above
  the target for ``skip_received_after_ms`` with neither does it skip a received frame
  (counted as *skipped*): some 20–40 ms of extra delay cost next to nothing in the E-model,
  a dropped frame of speech is heard;
* if the delay ever exceeds ``max_delay_ms`` (the network got faster), ``O`` is cut to it.

Before the first packet is due, :meth:`PlayoutBuffer.pop` returns ``silence``.
"""

from __future__ import annotations

import math
from array import array
from collections import deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Literal

from callcheck.core.packets import (
    SEQUENCE_CYCLE,
    ZERO_PERCENTILES,
    Histogram,
    PacketRecord,
    Percentiles,
    extend_rtp_timestamp,
    extend_sequence,
)

__all__ = [
    "PlayoutBuffer",
    "PlayoutConfig",
    "PlayoutFrame",
    "PlayoutStats",
    "drive_playout",
    "simulate_playout",
]

#: Slots of the ring of recently inserted sequence numbers used to recognise duplicates.
_DUPLICATE_RING_SLOTS = 4096
#: Tolerance for comparing scheduled times computed in floating point, ms.
_EPSILON_MS = 1e-6
#: Most transit samples kept for the target, whatever the packet rate.
_HISTORY_MAX_SAMPLES = 4096

FrameStatus = Literal["played", "concealed", "silence"]


@dataclass(frozen=True, slots=True)
class PlayoutConfig:
    """Settings of a :class:`PlayoutBuffer`."""

    #: Audio per frame and per pop, ms; must equal the stream's packetization time.
    frame_ms: float = 20.0
    #: Adapt the delay to the measured jitter; ``False`` keeps ``initial_delay_ms``.
    adaptive: bool = True
    #: Playout delay at the start (the whole time in fixed mode), ms. Adaptive mode starts
    #: low and grows, which costs no audio; shrinking later might.
    initial_delay_ms: float = 20.0
    #: Lowest delay the adaptive target may take, ms.
    min_delay_ms: float = 20.0
    #: Highest delay the buffer may reach, ms.
    max_delay_ms: float = 400.0
    #: Percentile of recent delay variation the adaptive delay covers, %.
    target_percentile: float = 97.0
    #: Window of recent arrivals the target is computed from, ms.
    history_ms: float = 2000.0
    #: Safety margin added to the percentile (and to a late packet's delay), ms.
    margin_ms: float = 5.0
    #: A shrink step (one skipped slot) happens at most once per this many pops.
    shrink_interval_frames: int = 10
    #: A shrink step takes the slot of a missing packet when one comes due, which costs no
    #: audio; only once the delay has stayed a frame or more above the target this long does
    #: it skip a received frame, ms.
    skip_received_after_ms: float = 10000.0

    def __post_init__(self) -> None:
        """Reject inconsistent settings early."""
        if self.frame_ms <= 0.0:
            raise ValueError("frame_ms must be positive")
        if not 0.0 <= self.min_delay_ms <= self.initial_delay_ms <= self.max_delay_ms:
            raise ValueError("need 0 <= min_delay_ms <= initial_delay_ms <= max_delay_ms")
        if not 0.0 < self.target_percentile <= 100.0:
            raise ValueError("target_percentile must be in (0, 100]")
        if self.history_ms <= 0.0:
            raise ValueError("history_ms must be positive")
        if self.margin_ms < 0.0:
            raise ValueError("margin_ms must not be negative")
        if self.shrink_interval_frames < 1:
            raise ValueError("shrink_interval_frames must be at least 1")
        if self.skip_received_after_ms < 0.0:
            raise ValueError("skip_received_after_ms must not be negative")


@dataclass(frozen=True, slots=True)
class PlayoutFrame:
    """The frame handed out by one :meth:`PlayoutBuffer.pop`."""

    #: Extended sequence number of the frame played; ``None`` when concealed or silent.
    #: (``seq & 0xFFFF`` is the wire number.)
    seq: int | None
    #: What was inserted with that packet (the engine stores encoded payloads); else ``None``.
    payload: object | None
    #: ``played``; ``concealed`` (missing frame or stretch filler: run PLC); ``silence``
    #: (before the first packet is due).
    status: FrameStatus
    #: Playout time of this frame: the ``now_ms`` of the pop, ms.
    playout_ms: float
    #: Playout delay at this pop (offset minus minimum recent transit), ms.
    buffer_delay_ms: float
    #: For a played frame, ``playout_ms − arrival_ms`` of its packet, ms; else ``None``.
    wait_ms: float | None = None


@dataclass(frozen=True, slots=True)
class PlayoutStats:
    """Counters and delays of a :class:`PlayoutBuffer` over a window."""

    #: Frames played from a received packet.
    frames_played: int
    #: Frame slots concealed because their packet was missing (lost, or late). Counted once a
    #: later packet is played, which shows the slot was not a pause in RTP time; slots
    #: concealed after the last packet of a stream are not counted.
    frames_concealed: int
    #: Packets that arrived after their slot had passed; not played.
    late_discards: int
    #: Distinct packets offered to the buffer (duplicates excluded, late ones included).
    packets_inserted: int
    #: ``late_discards / packets_inserted × 100``.
    late_discard_pct: float
    #: ``frames_concealed / (frames_played + frames_concealed) × 100``.
    concealed_pct: float
    #: Playout delay sampled at every pop after the start, ms.
    delay_ms: Percentiles
    #: Playout delay at the latest pop (``initial_delay_ms`` before the start), ms.
    current_delay_ms: float
    #: Packets offered again after their first copy; ignored.
    duplicates: int = 0
    #: Filler frames emitted to grow the delay or to wait across a gap in RTP time (DTX).
    frames_stretched: int = 0
    #: Received frames skipped to shrink the delay (audio lost), and slots jumped over on a
    #: sequence discontinuity or buffer overflow.
    frames_skipped: int = 0
    #: ``playout_ms − arrival_ms`` of played frames, ms.
    wait_ms: Percentiles = ZERO_PERCENTILES
    #: Adaptive target at the latest pop (``initial_delay_ms`` in fixed mode), ms.
    target_delay_ms: float = 0.0
    #: Slots of missing packets dropped from the schedule to shrink the delay: their packets
    #: were lost (or arrive late and are discarded), so no audio is lost by it.
    slots_absorbed: int = 0
    #: Played frames the caller found silent and dropped to shrink the delay
    #: (:meth:`PlayoutBuffer.drop_silent_frame`): a pause got shorter, no speech was lost.
    frames_silence_dropped: int = 0


@dataclass(frozen=True, slots=True)
class _Entry:
    """A buffered packet."""

    rtp_ms: float
    arrival_ms: float
    payload: object | None


class _Counters:
    """Counters of one window (the totals, or the current interval)."""

    __slots__ = (
        "absorbed",
        "concealed",
        "delay",
        "duplicates",
        "inserted",
        "late",
        "played",
        "silence_dropped",
        "skipped",
        "stretched",
        "wait",
    )

    def __init__(self) -> None:
        self.played = 0
        self.concealed = 0
        self.late = 0
        self.inserted = 0
        self.duplicates = 0
        self.stretched = 0
        self.skipped = 0
        self.absorbed = 0
        self.silence_dropped = 0
        self.delay = Histogram()
        self.wait = Histogram()

    def snapshot(self, *, current_delay_ms: float, target_delay_ms: float) -> PlayoutStats:
        slots = self.played + self.concealed
        return PlayoutStats(
            frames_played=self.played,
            frames_concealed=self.concealed,
            late_discards=self.late,
            packets_inserted=self.inserted,
            late_discard_pct=self.late / self.inserted * 100.0 if self.inserted else 0.0,
            concealed_pct=self.concealed / slots * 100.0 if slots else 0.0,
            delay_ms=self.delay.percentiles(),
            current_delay_ms=current_delay_ms,
            duplicates=self.duplicates,
            frames_stretched=self.stretched,
            frames_skipped=self.skipped,
            wait_ms=self.wait.percentiles(),
            target_delay_ms=target_delay_ms,
            slots_absorbed=self.absorbed,
            frames_silence_dropped=self.silence_dropped,
        )


class PlayoutBuffer:
    """Time-based adaptive playout buffer (see the module docstring for the algorithm).

    Feed packets with :meth:`insert` as they arrive and call :meth:`pop` once per
    ``frame_ms`` from the playout clock. Memory is bounded: at most a few hundred buffered
    packets, ``history_ms`` of transit samples and ms histograms.
    """

    def __init__(self, config: PlayoutConfig, *, clock_rate_hz: int) -> None:
        """Create an empty buffer for a stream with RTP clock ``clock_rate_hz``."""
        if clock_rate_hz <= 0:
            raise ValueError("clock_rate_hz must be positive")
        self._config = config
        self._ms_per_tick = 1000.0 / clock_rate_hz
        self._max_buffered = 2 * math.ceil(config.max_delay_ms / config.frame_ms) + 64
        self._buffer: dict[int, _Entry] = {}
        self._ring = array("q", [-1]) * _DUPLICATE_RING_SLOTS
        self._highest_ext: int | None = None
        self._ts_origin = 0
        self._ts_previous_ext = 0
        # (arrival_ms, relative transit ms) of recent packets, in arrival order.
        self._history: deque[tuple[float, float]] = deque(maxlen=_HISTORY_MAX_SAMPLES)
        self._history_dirty = True
        self._min_transit_ms = 0.0
        self._percentile_variation_ms = 0.0
        self._late_floor_ms = 0.0
        self._late_floor_until_ms = -math.inf
        self._offset_ms: float | None = None
        self._started = False
        self._next_seq = 0
        self._next_rtp_ms = 0.0
        self._pops_since_change = 0
        # First pop of the current run of pops with the delay a frame plus the margin or more
        # above target.
        self._excess_since_ms: float | None = None
        # A shrink step is due at this pop but found no missing slot (see drop_silent_frame).
        self._shrink_due = False
        self._last_pop_ms = -math.inf
        # Slots concealed since the last packet was consumed, not yet known to be lost: a later
        # packet may show they were an RTP-timestamp gap (see insert) rather than a loss.
        self._pending_concealed: deque[int] = deque()
        self._current_delay_ms = config.initial_delay_ms
        self._target_delay_ms = config.initial_delay_ms
        self._total = _Counters()
        self._interval = _Counters()

    @property
    def config(self) -> PlayoutConfig:
        """The settings this buffer runs with."""
        return self._config

    @property
    def buffered_packets(self) -> int:
        """Packets waiting to be played."""
        return len(self._buffer)

    @property
    def current_delay_ms(self) -> float:
        """Playout delay at the latest pop, ms."""
        return self._current_delay_ms

    def insert(self, record: PacketRecord, payload: object | None = None) -> bool:
        """Offer an arrived packet; return ``False`` if it is a late discard or a duplicate.

        ``payload`` is handed back in the :class:`PlayoutFrame` that plays it.
        """
        if self._highest_ext is None:
            ext = record.seq + SEQUENCE_CYCLE
            self._highest_ext = ext
            self._ts_origin = record.rtp_timestamp
            self._ts_previous_ext = record.rtp_timestamp
        else:
            ext = extend_sequence(record.seq, self._highest_ext)
        slot = ext % _DUPLICATE_RING_SLOTS
        if self._ring[slot] == ext:
            self._count("duplicates")
            return False
        self._ring[slot] = ext
        self._count("inserted")

        ts_ext = extend_rtp_timestamp(record.rtp_timestamp, self._ts_previous_ext)
        self._ts_previous_ext = ts_ext
        rtp_ms = (ts_ext - self._ts_origin) * self._ms_per_tick
        transit_ms = record.arrival_ms - rtp_ms
        self._history.append((record.arrival_ms, transit_ms))
        self._history_dirty = True
        if self._offset_ms is None:
            # Fixed-mode anchor, and the adaptive start: the first packet waits the initial delay.
            self._offset_ms = transit_ms + self._config.initial_delay_ms

        if self._started and ext < self._next_seq:
            if self._is_after_timestamp_gap(ext, rtp_ms):
                self._rewind_to(ext)
            else:
                self._count("late")
                self._hold_late_peak(record.arrival_ms, transit_ms)
                return False

        self._highest_ext = max(self._highest_ext, ext)
        self._buffer[ext] = _Entry(rtp_ms, record.arrival_ms, payload)
        if len(self._buffer) > self._max_buffered:
            self._drop_oldest()
        return True

    def pop(self, now_ms: float) -> PlayoutFrame:
        """Return the frame to play at ``now_ms`` (call once per ``frame_ms``)."""
        if not self._started and not self._start(now_ms):
            return PlayoutFrame(
                seq=None,
                payload=None,
                status="silence",
                playout_ms=now_ms,
                buffer_delay_ms=self._current_delay_ms,
            )
        self._last_pop_ms = now_ms
        self._refresh_history(now_ms)
        if self._config.adaptive:
            self._adapt(now_ms)
        delay_ms = self._delay_ms()
        self._current_delay_ms = delay_ms
        self._total.delay.add(delay_ms)
        self._interval.delay.add(delay_ms)
        return self._next_frame(now_ms, delay_ms)

    @property
    def shrink_due(self) -> bool:
        """Whether the latest pop wanted a shrink step and found no missing slot to take.

        If the frame it handed out decodes to silence, the caller may drop that frame with
        :meth:`drop_silent_frame` instead of playing it: a pause gets 20 ms shorter, which
        nobody hears, and the delay shrinks by a frame without losing speech.
        """
        return self._shrink_due

    def drop_silent_frame(self, now_ms: float) -> PlayoutFrame:
        """Drop the frame the latest pop handed out (the caller found it silent); return the next.

        Only while :attr:`shrink_due`, at the ``now_ms`` of that pop. The offset shrinks by one
        frame, so the next slot is due at once; it is handed out as :meth:`pop` would. The
        dropped frame stays counted as played, and is counted in ``frames_silence_dropped``.
        """
        if not self._shrink_due or now_ms != self._last_pop_ms:
            raise RuntimeError("drop_silent_frame: no shrink step is due at this pop")
        assert self._offset_ms is not None
        self._shrink_due = False
        self._offset_ms -= self._config.frame_ms
        self._pops_since_change = 0
        self._count("silence_dropped")
        delay_ms = self._delay_ms()
        self._current_delay_ms = delay_ms
        return self._next_frame(now_ms, delay_ms)

    def stats(self) -> PlayoutStats:
        """Return the counters since the buffer was created."""
        return self._total.snapshot(
            current_delay_ms=self._current_delay_ms, target_delay_ms=self._target_delay_ms
        )

    def take_interval_stats(self) -> PlayoutStats:
        """Return the counters since the previous call, then start a new interval."""
        stats = self._interval.snapshot(
            current_delay_ms=self._current_delay_ms, target_delay_ms=self._target_delay_ms
        )
        self._interval = _Counters()
        return stats

    # ------------------------------------------------------------------ internals

    def _count(self, name: str, amount: int = 1) -> None:
        for counters in (self._total, self._interval):
            setattr(counters, name, getattr(counters, name) + amount)

    def _start(self, now_ms: float) -> bool:
        """Start playing at the first pop when the earliest buffered frame is due."""
        if self._offset_ms is None or not self._buffer:
            return False
        first = min(self._buffer)
        entry = self._buffer[first]
        if entry.rtp_ms + self._offset_ms > now_ms + _EPSILON_MS:
            return False
        self._started = True
        self._next_seq = first
        self._next_rtp_ms = entry.rtp_ms
        return True

    def _next_frame(self, now_ms: float, delay_ms: float) -> PlayoutFrame:
        """Hand out the next slot's frame, a filler, or skip slots that are behind."""
        assert self._offset_ms is not None  # set by the first insert, before any start
        frame_ms = self._config.frame_ms
        while True:
            entry = self._buffer.get(self._next_seq)
            slot_rtp_ms = entry.rtp_ms if entry is not None else self._next_rtp_ms
            scheduled_ms = slot_rtp_ms + self._offset_ms
            past = scheduled_ms <= now_ms - frame_ms + _EPSILON_MS
            if entry is None and not past and self._resync_if_discontinuous(now_ms):
                continue
            if past:
                # Its pop has passed (the offset shrank): skip the slot to compress time.
                # A slot whose packet is missing costs no audio; a received frame does.
                if self._buffer.pop(self._next_seq, None) is not None:
                    self._resolve_pending_concealed()
                    self._count("skipped")
                else:
                    self._count("absorbed")
                self._advance(slot_rtp_ms)
                continue
            if scheduled_ms > now_ms + _EPSILON_MS:
                # Not due yet (the offset grew, or a timestamp gap): stretch with a filler.
                self._count("stretched")
                return PlayoutFrame(
                    seq=None,
                    payload=None,
                    status="concealed",
                    playout_ms=now_ms,
                    buffer_delay_ms=delay_ms,
                )
            seq = self._next_seq
            self._advance(slot_rtp_ms)
            if entry is None:
                self._pending_concealed.append(seq)
                if len(self._pending_concealed) > self._max_buffered:
                    self._pending_concealed.popleft()
                    self._count("concealed")
                return PlayoutFrame(
                    seq=None,
                    payload=None,
                    status="concealed",
                    playout_ms=now_ms,
                    buffer_delay_ms=delay_ms,
                )
            del self._buffer[seq]
            self._resolve_pending_concealed()
            self._count("played")
            wait_ms = now_ms - entry.arrival_ms
            self._total.wait.add(wait_ms)
            self._interval.wait.add(wait_ms)
            return PlayoutFrame(
                seq=seq,
                payload=entry.payload,
                status="played",
                playout_ms=now_ms,
                buffer_delay_ms=delay_ms,
                wait_ms=wait_ms,
            )

    def _advance(self, slot_rtp_ms: float) -> None:
        self._next_seq += 1
        self._next_rtp_ms = slot_rtp_ms + self._config.frame_ms

    def _resync_if_discontinuous(self, now_ms: float) -> bool:
        """Jump over a sequence-number discontinuity; return whether it jumped.

        With the next slot missing, a buffered packet with a higher number that is already
        due can only mean the sequence numbers jumped while the RTP time did not (after a
        plain loss the next packet is due a frame later). Jump to it rather than conceal
        the phantom slots one by one.
        """
        if not self._buffer or self._offset_ms is None:
            return False
        lowest = min(self._buffer)
        if self._buffer[lowest].rtp_ms + self._offset_ms > now_ms + _EPSILON_MS:
            return False
        self._count("skipped", lowest - self._next_seq)
        self._next_seq = lowest
        return True

    def _drop_oldest(self) -> None:
        """Bound the buffer: drop the lowest-numbered packets beyond the limit."""
        for ext in sorted(self._buffer)[: len(self._buffer) - self._max_buffered]:
            del self._buffer[ext]
            self._count("skipped")
        self._resolve_pending_concealed()

    def _resolve_pending_concealed(self) -> None:
        """A packet was consumed after the pending concealed slots: they were losses."""
        if self._pending_concealed:
            self._count("concealed", len(self._pending_concealed))
            self._pending_concealed.clear()

    def _is_after_timestamp_gap(self, ext: int, rtp_ms: float) -> bool:
        """Whether a packet behind ``next_seq`` is in fact early: its slots were a time gap.

        Sequence numbers continue across a gap in RTP time (DTX, RFC 3551 §4.1), so the slots
        after the last packet before the gap were concealed at guessed times. If the packet
        with one of those numbers is not yet due at any pop so far, nothing after it has been
        played: its slot is restored instead of discarding it as late.
        """
        assert self._offset_ms is not None
        pending = self._pending_concealed
        return (
            bool(pending)
            and pending[0] <= ext
            and rtp_ms + self._offset_ms > self._last_pop_ms + _EPSILON_MS
        )

    def _rewind_to(self, ext: int) -> None:
        """Take back the concealed slots from ``ext`` on: they were stretch, not loss."""
        pending = self._pending_concealed
        restored = 0
        while pending and pending[-1] >= ext:
            pending.pop()
            restored += 1
        self._count("stretched", restored)
        self._next_seq = ext

    def _hold_late_peak(self, arrival_ms: float, transit_ms: float) -> None:
        """After a late discard, make the target cover that packet's delay for a while."""
        self._refresh_history(arrival_ms)
        floor_ms = transit_ms - self._min_transit_ms + self._config.margin_ms
        if arrival_ms >= self._late_floor_until_ms or floor_ms > self._late_floor_ms:
            self._late_floor_ms = floor_ms
        self._late_floor_until_ms = arrival_ms + self._config.history_ms

    def _refresh_history(self, now_ms: float) -> None:
        """Forget samples older than ``history_ms`` and recompute min and percentile."""
        history = self._history
        horizon_ms = now_ms - self._config.history_ms
        while len(history) > 1 and history[0][0] < horizon_ms:
            history.popleft()
            self._history_dirty = True
        if not self._history_dirty or not history:
            return
        transits = sorted(transit for _, transit in history)
        self._min_transit_ms = transits[0]
        # Nearest-rank percentile of the variation above the minimum.
        rank = max(1, math.ceil(self._config.target_percentile / 100.0 * len(transits)))
        self._percentile_variation_ms = transits[rank - 1] - transits[0]
        self._history_dirty = False

    def _delay_ms(self) -> float:
        assert self._offset_ms is not None
        return self._offset_ms - self._min_transit_ms

    def _adapt(self, now_ms: float) -> None:
        """One adaptation step per pop: grow fast, shrink slowly, stay within the bounds."""
        assert self._offset_ms is not None
        config = self._config
        target_ms = self._percentile_variation_ms + config.margin_ms
        if now_ms < self._late_floor_until_ms:
            target_ms = max(target_ms, self._late_floor_ms)
        target_ms = min(max(target_ms, config.min_delay_ms), config.max_delay_ms)
        self._target_delay_ms = target_ms
        delay_ms = self._delay_ms()
        self._pops_since_change += 1
        self._shrink_due = False
        excess_ms = delay_ms - config.frame_ms - target_ms
        # A lasting excess must clear the target by the margin too, so that a delay a hair
        # over one frame above the target (a grow step is a whole frame) never costs audio.
        if excess_ms < config.margin_ms:
            self._excess_since_ms = None
        elif self._excess_since_ms is None:
            self._excess_since_ms = now_ms
        if delay_ms > config.max_delay_ms:
            self._offset_ms -= delay_ms - config.max_delay_ms
            self._pops_since_change = 0
        elif delay_ms < target_ms:
            self._offset_ms += min(config.frame_ms, config.max_delay_ms - delay_ms)
            self._pops_since_change = 0
        elif excess_ms >= 0.0 and self._pops_since_change > config.shrink_interval_frames:
            if self._next_slot_is_missing(now_ms) or (
                self._excess_since_ms is not None
                and now_ms - self._excess_since_ms >= config.skip_received_after_ms
            ):
                self._offset_ms -= config.frame_ms
                self._pops_since_change = 0
            else:
                self._shrink_due = True

    def _next_slot_is_missing(self, now_ms: float) -> bool:
        """Whether this pop would conceal the next slot: due, and its packet not here.

        Shrinking there drops a slot that has no audio instead of a received frame.
        """
        assert self._offset_ms is not None
        return (
            self._next_seq not in self._buffer
            and self._next_rtp_ms + self._offset_ms <= now_ms + _EPSILON_MS
        )


def drive_playout(
    buffer: PlayoutBuffer, records: Iterable[PacketRecord], *, start_ms: float | None = None
) -> Iterator[PlayoutFrame]:
    """Drive ``buffer`` over a trace on a regular playout clock, yielding every frame.

    Records are sorted by ``arrival_ms`` (stably). The clock ticks every ``frame_ms`` from
    ``start_ms`` (default: the first arrival); at each tick every packet that has arrived by
    then is inserted, then one frame is popped. It stops once every packet is inserted and the
    buffer is empty.
    """
    ordered = sorted(records, key=lambda record: record.arrival_ms)
    if not ordered:
        return
    frame_ms = buffer.config.frame_ms
    origin_ms = ordered[0].arrival_ms if start_ms is None else start_ms
    index = 0
    tick = 0
    while index < len(ordered) or buffer.buffered_packets:
        now_ms = origin_ms + tick * frame_ms
        while index < len(ordered) and ordered[index].arrival_ms <= now_ms + _EPSILON_MS:
            buffer.insert(ordered[index])
            index += 1
        yield buffer.pop(now_ms)
        tick += 1


def simulate_playout(
    records: Iterable[PacketRecord],
    config: PlayoutConfig,
    *,
    clock_rate_hz: int,
    start_ms: float | None = None,
) -> PlayoutStats:
    """Run a fresh :class:`PlayoutBuffer` over a trace offline and return its statistics.

    See :func:`drive_playout` for how the playout clock is driven.
    """
    buffer = PlayoutBuffer(config, clock_rate_hz=clock_rate_hz)
    for _ in drive_playout(buffer, records, start_ms=start_ms):
        pass
    return buffer.stats()
