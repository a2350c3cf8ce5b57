"""Server counters and gauges, rendered in the Prometheus text exposition format (0.0.4).

Plain integers updated on the event loop (one thread): no locks, no client library.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from typing import Final

from callcheck.server.fleet_metrics import FleetMetrics

__all__ = ["CONTENT_TYPE", "ERROR_KINDS", "ServerMetrics"]

#: ``Content-Type`` of the Prometheus text format.
CONTENT_TYPE: Final = "text/plain; version=0.0.4; charset=utf-8"


#: Error kinds always exported (at 0 until they happen), so dashboards see every series.
ERROR_KINDS: Final = (
    "bad_request",
    "bad_sdp",
    "unsupported_media_type",
    "too_large",
    "unauthorized",
    "forbidden",
    "not_found",
    "rate_limited",
    "over_capacity",
    "timeout",
    "internal",
)


#: Upper bounds of the reflect-delay histogram buckets, seconds (the budget is 2 ms).
REFLECT_DELAY_BUCKETS_S: Final = (0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.05)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


class ServerMetrics:
    """What ``GET /metrics`` reports. Gauges are read through callables at render time."""

    def __init__(self) -> None:
        self.calls_total = 0
        """Reflected calls answered (``201``)."""
        self.calls_ended: Counter[str] = Counter()
        """Ended calls by reason (``hangup``, ``max_session``, ``ice_failed`` …)."""
        self.errors: Counter[str] = Counter()
        self.capacity_refusals: Counter[str] = Counter()
        """New calls and probes refused at ``max_calls``, by the limit reached: ``server``
        (the whole server's cap) or ``worker_share`` (one worker's share of it,
        :mod:`callcheck.server.capacity`)."""
        """Errors by kind: rejected requests (``bad_sdp``, ``rate_limited`` …) and internal
        failures (``internal``)."""
        self.reflected_packets_total = 0
        """RTP packets sent back to clients."""
        self.received_packets_total = 0
        """RTP packets received from clients."""
        self.reflect_dropped_total = 0
        """Packets the reflector could not send back (the connection was not, or no longer, up)."""
        self._reflect_delay_counts = [0] * len(REFLECT_DELAY_BUCKETS_S)
        self._reflect_delay_count = 0
        self._reflect_delay_sum_s = 0.0
        self.rooms_total = 0
        """Rooms created."""
        self.room_messages_total = 0
        """Signaling messages relayed between room participants."""
        self.probes_total = 0
        """Capacity/QoS probes opened (``POST /probe``)."""
        self.probe_packets_total = 0
        """Probe datagrams received from clients."""
        self.probe_burst_packets_total = 0
        """Downlink burst datagrams sent by probes."""
        self.stun_checks_total = 0
        """ICE connectivity checks the reflector started (to addresses learnt from the
        clients' own authenticated checks)."""
        self.stun_checks_refused_total = 0
        """Checks not started because a session reached its cap."""
        self.log_records_suppressed_total = 0
        """Warnings and errors not logged because of the log rate limit."""
        self.active_calls: Callable[[], int] = lambda: 0
        self.pending_calls: Callable[[], int] = lambda: 0
        self.room_backlog_bytes: Callable[[], int] = lambda: 0
        self.active_probes: Callable[[], int] = lambda: 0
        self.active_rooms: Callable[[], int] = lambda: 0
        self.room_participants: Callable[[], int] = lambda: 0
        self.fleet = FleetMetrics()
        """Uploaded fleet reports (:mod:`callcheck.server.fleet_metrics`)."""

    def capacity_refused(self, limit: str) -> None:
        """Count one new call or probe refused at ``limit`` (``server``, ``worker_share``)."""
        self.capacity_refusals[limit] += 1

    def error(self, kind: str) -> None:
        """Count one error of ``kind``."""
        self.errors[kind] += 1

    def observe_reflect_delay(self, delay_s: float) -> None:
        """Record how long one packet waited in the reflector (receive hook to sender)."""
        self._reflect_delay_count += 1
        self._reflect_delay_sum_s += delay_s
        for i, bound in enumerate(REFLECT_DELAY_BUCKETS_S):
            if delay_s <= bound:
                self._reflect_delay_counts[i] += 1
                break

    def render(self) -> str:
        """The metrics in Prometheus text format."""
        lines: list[str] = []

        def metric(
            name: str, kind: str, help_text: str, samples: list[tuple[dict[str, str], int]]
        ) -> None:
            lines.append(f"# HELP {name} {help_text}")
            lines.append(f"# TYPE {name} {kind}")
            for labels, value in samples:
                label_text = ",".join(f'{k}="{_escape(v)}"' for k, v in sorted(labels.items()))
                lines.append(f"{name}{{{label_text}}} {value}" if label_text else f"{name} {value}")

        metric(
            "callcheck_active_calls",
            "gauge",
            "Reflected calls in progress.",
            [({}, self.active_calls())],
        )
        metric(
            "callcheck_pending_calls",
            "gauge",
            "Answered calls whose client has not sent a valid ICE check yet.",
            [({}, self.pending_calls())],
        )
        metric(
            "callcheck_stun_checks_total",
            "counter",
            "ICE connectivity checks started by the reflector.",
            [({}, self.stun_checks_total)],
        )
        metric(
            "callcheck_stun_checks_refused_total",
            "counter",
            "ICE checks not started because the session reached its cap.",
            [({}, self.stun_checks_refused_total)],
        )
        metric(
            "callcheck_log_records_suppressed_total",
            "counter",
            "Warnings and errors not logged because of the log rate limit.",
            [({}, self.log_records_suppressed_total)],
        )
        metric(
            "callcheck_calls_total",
            "counter",
            "Reflected calls answered.",
            [({}, self.calls_total)],
        )
        metric(
            "callcheck_calls_ended_total",
            "counter",
            "Reflected calls ended, by reason.",
            [({"reason": r}, n) for r, n in sorted(self.calls_ended.items())],
        )
        metric(
            "callcheck_errors_total",
            "counter",
            "Rejected requests and internal errors, by kind.",
            [({"kind": k}, self.errors[k]) for k in sorted(set(ERROR_KINDS) | set(self.errors))],
        )
        metric(
            "callcheck_capacity_refusals_total",
            "counter",
            "New calls and probes refused at max_calls, by the limit reached (the server's "
            "cap, or one worker's share of it).",
            [
                ({"limit": k}, self.capacity_refusals[k])
                for k in sorted({"server", "worker_share"} | set(self.capacity_refusals))
            ],
        )
        metric(
            "callcheck_received_packets_total",
            "counter",
            "RTP packets received.",
            [({}, self.received_packets_total)],
        )
        metric(
            "callcheck_reflected_packets_total",
            "counter",
            "RTP packets reflected.",
            [({}, self.reflected_packets_total)],
        )
        metric(
            "callcheck_reflect_dropped_total",
            "counter",
            "RTP packets the reflector could not send back (connection not up).",
            [({}, self.reflect_dropped_total)],
        )
        name = "callcheck_reflect_delay_seconds"
        lines.append(f"# HELP {name} Time a packet spends in the reflector before it is sent back.")
        lines.append(f"# TYPE {name} histogram")
        cumulative = 0
        for bound, count in zip(REFLECT_DELAY_BUCKETS_S, self._reflect_delay_counts, strict=True):
            cumulative += count
            lines.append(f'{name}_bucket{{le="{bound:g}"}} {cumulative}')
        lines.append(f'{name}_bucket{{le="+Inf"}} {self._reflect_delay_count}')
        lines.append(f"{name}_sum {self._reflect_delay_sum_s:.9f}")
        lines.append(f"{name}_count {self._reflect_delay_count}")
        metric(
            "callcheck_active_rooms", "gauge", "Open peer-mode rooms.", [({}, self.active_rooms())]
        )
        metric(
            "callcheck_room_participants",
            "gauge",
            "Connected room participants.",
            [({}, self.room_participants())],
        )
        metric(
            "callcheck_room_backlog_bytes",
            "gauge",
            "Bytes of signaling messages kept for participants who have not joined yet.",
            [({}, self.room_backlog_bytes())],
        )
        metric("callcheck_rooms_total", "counter", "Rooms created.", [({}, self.rooms_total)])
        metric(
            "callcheck_room_messages_total",
            "counter",
            "Signaling messages relayed.",
            [({}, self.room_messages_total)],
        )
        metric("callcheck_active_probes", "gauge", "Open probes.", [({}, self.active_probes())])
        metric(
            "callcheck_probes_total",
            "counter",
            "Capacity/QoS probes opened.",
            [({}, self.probes_total)],
        )
        metric(
            "callcheck_probe_packets_total",
            "counter",
            "Probe datagrams received.",
            [({}, self.probe_packets_total)],
        )
        metric(
            "callcheck_probe_burst_packets_total",
            "counter",
            "Downlink burst datagrams sent.",
            [({}, self.probe_burst_packets_total)],
        )
        return "\n".join(lines) + "\n" + self.fleet.render()
