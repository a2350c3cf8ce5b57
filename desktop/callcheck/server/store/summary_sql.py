"""The fleet store's read queries — the summary's and the report listing's — built once for
both SQL dialects (SQLite and PostgreSQL).

What comes from where (migration 3):

- **count, rated, mean MOS, mean loss / jitter / RTT** by site (and by hour on SQLite), and the
  **failure reasons** by site and by hour: the hourly rollup ``fleet_rollup`` /
  ``fleet_rollup_reasons`` (hour × site: counts and sums, kept by triggers at every insert and
  delete) for the whole hours inside [since, until), plus the rows themselves in the partial
  hours at either end. Counts are exact; a mean is the rollup's
  sum over its count — the same numbers added in another order, so equal to the rows' mean to
  the last bits of a double (≈1e-15 relative), far below the 4 decimals the API shows.
- **the 10th percentile MOS and the share below the pass mark**: from the rows, exactly. A
  percentile cannot be summed from buckets unless each bucket keeps every distinct MOS it saw,
  and with MOS to 2 decimals (401 values) that is again about a bucket per row. Migration 3's
  (group, MOS) indexes (PostgreSQL) let it read them in order from the index alone.
- **by host** (and **by hour** on PostgreSQL) the counts and means come from that same pass
  over the rows: a host × hour bucket holds about one test (a laptop tests a few times a
  day), and since the percentile must read every rated row of every hour anyway, adding the
  sums to that pass was measured faster than reading the rollup beside it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Final

from callcheck.server.store.model import (
    HOUR_FORMAT,
    LOW_PERCENTILE,
    PASS_MARK_MOS,
    ReportQuery,
    SummaryBy,
    SummaryRow,
    from_us,
    percentile_of_counts,
    to_us,
    top_reasons,
)

__all__ = [
    "POSTGRES",
    "SQLITE",
    "Dialect",
    "SummaryQuery",
    "lows_from_scores",
    "report_list",
    "summary_rows",
]

_HOUR: Final = timedelta(hours=1)
_US_PER_HOUR: Final = 3_600_000_000
#: The rollup's sums, in the order every figures query returns them after the key.
_SUMS: Final = (
    "n",
    "rated",
    "mos_sum",
    "loss_sum",
    "loss_n",
    "jitter_sum",
    "jitter_n",
    "rtt_sum",
    "rtt_n",
)
_INTEGER_SUMS: Final = frozenset({"n", "rated", "loss_n", "jitter_n", "rtt_n"})
#: The same sums from the rows themselves.
_ROW_SUMS: Final = (
    "COUNT(*)",
    "COUNT(mos)",
    "COALESCE(SUM(mos), 0)",
    "COALESCE(SUM(loss_pct), 0)",
    "COUNT(loss_pct)",
    "COALESCE(SUM(jitter_ms), 0)",
    "COUNT(jitter_ms)",
    "COALESCE(SUM(rtt_ms), 0)",
    "COUNT(rtt_ms)",
)


@dataclass(frozen=True, slots=True)
class Dialect:
    """What differs between the two back ends' SQL."""

    started: str
    """The rows' start-time column."""
    row_hour: str
    """The SQL of a row's hour, with the values of the rollup's ``hour`` column."""
    numbered: bool
    """Placeholders ``$1, $2 …`` (asyncpg) rather than ``?`` (sqlite3)."""
    time_value: Callable[[datetime], Any]
    """A moment as the start-time column holds it."""
    hour_value: Callable[[datetime], Any]
    """An hour's start as the rollup's ``hour`` column holds it."""
    hour_key: Callable[[Any], str]
    """A stored hour as the API names it (:data:`~.model.HOUR_FORMAT`)."""


def _utc_naive(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(tzinfo=None)


#: Times as integer microseconds, hours as integer hours since the epoch.
SQLITE: Final = Dialect(
    started="started_at_us",
    row_hour=f"started_at_us / {_US_PER_HOUR}",
    numbered=False,
    time_value=to_us,
    hour_value=lambda hour: to_us(hour) // _US_PER_HOUR,
    hour_key=lambda hour: from_us(int(hour) * _US_PER_HOUR).strftime(HOUR_FORMAT),
)
#: ``timestamptz`` times, hours as UTC ``timestamp`` (an immutable expression: indexable).
POSTGRES: Final = Dialect(
    started="started_at",
    row_hour="date_trunc('hour', started_at AT TIME ZONE 'UTC')",
    numbered=True,
    time_value=lambda moment: moment,
    hour_value=_utc_naive,
    hour_key=lambda hour: hour.strftime(HOUR_FORMAT),
)


def report_list(dialect: Dialect, select: str, query: ReportQuery) -> tuple[str, list[Any]]:
    """The SQL of one page of ``GET /api/v1/reports``: ``select`` (the store's ``SELECT …
    FROM fleet_reports``) filtered, newest first, keyset-paged on (start time, id), one row
    more than the page to tell whether another follows."""
    params: list[Any] = []

    def p(value: Any) -> str:
        params.append(value)
        return f"${len(params)}" if dialect.numbered else "?"

    started = dialect.started
    where = []
    if query.since is not None:
        where.append(f"{started} >= {p(dialect.time_value(query.since))}")
    if query.until is not None:
        where.append(f"{started} < {p(dialect.time_value(query.until))}")
    if query.site is not None:
        where.append(f"site = {p(query.site)}")
    if query.host is not None:
        where.append(f"host = {p(query.host)}")
    if query.after is not None:
        after_time, after_id = query.after
        where.append(f"({started}, id) < ({p(dialect.time_value(after_time))}, {p(after_id)})")
    sql = select + (" WHERE " + " AND ".join(where) if where else "")
    sql += f" ORDER BY {started} DESC, id DESC LIMIT {p(query.limit + 1)}"
    return sql, params


def _floor_hour(moment: datetime) -> datetime:
    return moment.astimezone(UTC).replace(minute=0, second=0, microsecond=0)


def _ceil_hour(moment: datetime) -> datetime:
    floor = _floor_hour(moment)
    return floor if floor == moment else floor + _HOUR


class SummaryQuery:
    """The SQL of one ``summary(by, since, until, site)`` call; each method returns
    ``(sql, params)`` for the dialect's driver."""

    def __init__(
        self,
        dialect: Dialect,
        by: SummaryBy,
        since: datetime | None,
        until: datetime | None,
        site: str | None,
    ) -> None:
        self._d = dialect
        self.by = by
        self._since = since
        self._until = until
        self._site = site
        self._params: list[Any] = []
        # Whole hours [low, high) come from the rollup (host has none); the rest from rows.
        self._rollup = by != "host"
        self._low = None if since is None else _ceil_hour(since)
        self._high = None if until is None else _floor_hour(until)
        if self._low is not None and self._high is not None and self._low >= self._high:
            self._rollup = False  # not one whole hour inside

    # ---------------------------------------------------------------- parameters and ranges

    def _p(self, value: Any) -> str:
        self._params.append(value)
        return f"${len(self._params)}" if self._d.numbered else "?"

    def _take(self, sql: str) -> tuple[str, list[Any]]:
        params, self._params = self._params, []
        return sql, params

    def _range(self, column: str, low: Any, high: Any) -> list[str]:
        where = []
        if low is not None:
            where.append(f"{column} >= {self._p(low)}")
        if high is not None:
            where.append(f"{column} < {self._p(high)}")
        return where

    def _row_ranges(self) -> list[tuple[datetime | None, datetime | None]]:
        """The start-time ranges read from the rows."""
        if not self._rollup:
            return [(self._since, self._until)]
        ranges: list[tuple[datetime | None, datetime | None]] = []
        if self._since is not None and self._low is not None and self._since < self._low:
            ranges.append((self._since, self._low))
        if self._until is not None and self._high is not None and self._high < self._until:
            ranges.append((self._high, self._until))
        return ranges

    def _row_where(self, ranges: Sequence[tuple[datetime | None, datetime | None]]) -> str:
        time = self._d.time_value
        alternatives = []
        for low, high in ranges:
            part = self._range(
                self._d.started,
                None if low is None else time(low),
                None if high is None else time(high),
            )
            alternatives.append("(" + " AND ".join(part) + ")" if part else "TRUE")
        where = ["(" + " OR ".join(alternatives) + ")"]
        if self._site is not None:
            where.append(f"site = {self._p(self._site)}")
        return " AND ".join(where)

    def _rollup_where(self) -> str:
        hour = self._d.hour_value
        where = self._range(
            "hour",
            None if self._low is None else hour(self._low),
            None if self._high is None else hour(self._high),
        )
        if self._site is not None:
            where.append(f"site = {self._p(self._site)}")
        return " WHERE " + " AND ".join(where) if where else ""

    def _row_group(self) -> str:
        return self._d.row_hour if self.by == "hour" else self.by

    # ---------------------------------------------------------------- the queries

    def figures(self) -> tuple[str, list[Any]]:
        """Rows (key, n, rated, mos_sum, loss_sum, loss_n, jitter_sum, jitter_n, rtt_sum,
        rtt_n) per group."""
        parts = []
        if self._rollup:
            parts.append(
                f"SELECT {self.by} AS k, {', '.join(_SUMS)} FROM fleet_rollup"
                + self._rollup_where()
            )
        ranges = self._row_ranges()
        if ranges:
            sums = ", ".join(
                f"{expr} AS {name}" for expr, name in zip(_ROW_SUMS, _SUMS, strict=True)
            )
            parts.append(
                f"SELECT {self._row_group()} AS k, {sums} FROM fleet_reports "
                f"WHERE {self._row_where(ranges)} GROUP BY k"
            )
        totals = ", ".join(
            f"CAST(SUM({name}) AS BIGINT)" if name in _INTEGER_SUMS else f"SUM({name})"
            for name in _SUMS
        )
        return self._take(
            f"SELECT k, {totals} FROM ({' UNION ALL '.join(parts)}) AS parts GROUP BY k"
        )

    def reasons(self) -> tuple[str, list[Any]]:
        """Rows (key, reason, count) per group and failure reason."""
        parts = []
        if self._rollup:
            parts.append(
                f"SELECT {self.by} AS k, reason, n FROM fleet_rollup_reasons" + self._rollup_where()
            )
        ranges = self._row_ranges()
        if ranges:
            parts.append(
                f"SELECT {self._row_group()} AS k, failure_reason AS reason, COUNT(*) AS n "
                f"FROM fleet_reports WHERE failure_reason IS NOT NULL AND "
                f"{self._row_where(ranges)} GROUP BY k, failure_reason"
            )
        return self._take(
            f"SELECT k, reason, CAST(SUM(n) AS BIGINT) FROM ({' UNION ALL '.join(parts)}) "
            "AS parts GROUP BY k, reason"
        )

    def _all_rows_where(self) -> str:
        where = self._row_where([(self._since, self._until)])
        if self.by != "hour":
            return where
        # The same window on the hour, the leading key of the (hour, MOS) index: a window of a
        # few days (or one slice of a long one, PostgresStore.summary) then reads its own part
        # of the index, not all of it filtered by the start time it carries.
        hours = self._range(
            self._d.row_hour,
            None if self._since is None else self._d.hour_value(_floor_hour(self._since)),
            None if self._until is None else self._d.hour_value(_ceil_hour(self._until)),
        )
        return " AND ".join([where, *hours])

    def scores(self) -> tuple[str, list[Any]]:
        """Rows (key, MOS, count) of the rated tests: the exact percentile and share below the
        pass mark, with few groups (by site; every grouping on SQLite)."""
        return self._take(
            f"SELECT {self._row_group()} AS k, mos, COUNT(*) FROM fleet_reports "
            f"WHERE mos IS NOT NULL AND {self._all_rows_where()} GROUP BY k, mos"
        )

    def figures_and_low(self) -> tuple[str, list[Any]]:
        """PostgreSQL, by host or hour: the figures, the p10 and how many are below the pass
        mark in one pass over the rows in (group, MOS) index order — rows (key, the sums of
        :meth:`figures`, p10, below). ``percentile_cont`` skips the unrated (NULL) MOS."""
        sums = ", ".join(f"{e} AS {name}" for e, name in zip(_ROW_SUMS, _SUMS, strict=True))
        below = f"COUNT(*) FILTER (WHERE mos < {self._p(PASS_MARK_MOS)}) AS below"
        return self._take(
            f"SELECT {self._row_group()} AS k, {sums}, "
            f"percentile_cont({LOW_PERCENTILE / 100}) WITHIN GROUP (ORDER BY mos) AS p10, "
            f"{below} FROM fleet_reports WHERE {self._all_rows_where()} GROUP BY k"
        )

    def key(self, value: Any) -> str:
        """A group key as the API names it."""
        return self._d.hour_key(value) if self.by == "hour" else str(value)


def lows_from_scores(
    scores: Sequence[tuple[str, float, int]],
) -> dict[str, tuple[float, int]]:
    """(key, MOS, count) rows → key: (p10, how many below the pass mark)."""
    by_key: dict[str, list[tuple[float, int]]] = {}
    for key, mos, n in scores:
        by_key.setdefault(key, []).append((float(mos), int(n)))
    return {
        key: (
            percentile_of_counts(counts, LOW_PERCENTILE),
            sum(n for mos, n in counts if mos < PASS_MARK_MOS),
        )
        for key, counts in by_key.items()
    }


def summary_rows(
    figures: Sequence[Sequence[Any]],
    reasons: Sequence[tuple[str, str, int]],
    lows: dict[str, tuple[float, int]],
) -> tuple[SummaryRow, ...]:
    """The API's rows from the three parts (keys already named), ordered by key."""
    top = top_reasons(reasons)

    def mean(total: Any, n: Any) -> float | None:
        return float(total) / int(n) if n else None

    rows = []
    for key, n, rated, mos_sum, loss, loss_n, jitter, jitter_n, rtt, rtt_n in figures:
        p10, below = lows.get(key, (None, 0))
        rows.append(
            SummaryRow(
                key=key,
                count=int(n),
                rated=int(rated),
                mean_mos=mean(mos_sum, rated),
                p10_mos=p10,
                below_pass_share=below / int(rated) if rated else None,
                mean_loss_pct=mean(loss, loss_n),
                mean_jitter_ms=mean(jitter, jitter_n),
                mean_rtt_ms=mean(rtt, rtt_n),
                top_failure_reasons=top.get(key, ()),
            )
        )
    return tuple(sorted(rows, key=lambda r: r.key))
