"""Fleet aggregates for ``GET /metrics``: uploads by site and result, and a MOS histogram.

Labels are the site (from the admin's sites CSV, a short list) and the result — never a laptop,
user or address (each would be a new time series: cardinality). Counted per server process
as reports arrive (duplicates are not counted), the Prometheus way: ``sum()`` across instances.
"""

from __future__ import annotations

from collections import Counter
from typing import Final

__all__ = ["FLEET_MOS_BUCKETS", "FleetMetrics"]

#: Histogram bounds: the grade bands' edges (Bad < 3.1 ≤ Poor < 3.6 ≤ Fair < 4.0 ≤ Good < 4.3 ≤
#: Excellent), plus 2.0/2.6 to split "Bad", and 4.5 near the wideband ceiling.
FLEET_MOS_BUCKETS: Final = (2.0, 2.6, 3.1, 3.6, 4.0, 4.3, 4.5)


def _escape(value: str) -> str:
    return value.replace("\\", "\\\\").replace("\n", "\\n").replace('"', '\\"')


class FleetMetrics:
    """Counters of uploaded reports, updated on the event loop."""

    def __init__(self) -> None:
        self.reports: Counter[tuple[str, str]] = Counter()
        """Stored uploads by (site, result)."""
        self._mos_buckets: dict[str, list[int]] = {}
        self._mos_count: Counter[str] = Counter()
        self._mos_sum: dict[str, float] = {}

    def observe(self, site: str, result: str, mos: float | None) -> None:
        """Count one newly stored report (``result``: pass, fail or error)."""
        self.reports[(site, result)] += 1
        if mos is None:
            return
        buckets = self._mos_buckets.setdefault(site, [0] * len(FLEET_MOS_BUCKETS))
        for i, bound in enumerate(FLEET_MOS_BUCKETS):
            if mos <= bound:
                buckets[i] += 1
                break
        self._mos_count[site] += 1
        self._mos_sum[site] = self._mos_sum.get(site, 0.0) + mos

    def render(self) -> str:
        """The fleet families in Prometheus text format (0.0.4)."""
        name = "callcheck_fleet_reports_total"
        lines = [
            f"# HELP {name} Uploaded test reports stored, by site and result (pass, fail, error).",
            f"# TYPE {name} counter",
        ]
        for (site, result), n in sorted(self.reports.items()):
            lines.append(f'{name}{{result="{_escape(result)}",site="{_escape(site)}"}} {n}')
        name = "callcheck_fleet_mos"
        lines.append(f"# HELP {name} MOS of uploaded tests, by site.")
        lines.append(f"# TYPE {name} histogram")
        for site in sorted(self._mos_count):
            label = f'site="{_escape(site)}"'
            cumulative = 0
            for bound, count in zip(FLEET_MOS_BUCKETS, self._mos_buckets[site], strict=True):
                cumulative += count
                lines.append(f'{name}_bucket{{{label},le="{bound:g}"}} {cumulative}')
            lines.append(f'{name}_bucket{{{label},le="+Inf"}} {self._mos_count[site]}')
            lines.append(f"{name}_sum{{{label}}} {self._mos_sum[site]:.6g}")
            lines.append(f"{name}_count{{{label}}} {self._mos_count[site]}")
        return "\n".join(lines) + "\n"
