"""When the tray runs a scheduled test (issue 18, "Scheduled tests").

Pure: the caller passes the time (seconds on any monotonic clock) to every call, so the rules
are tested with a fake clock and the tray only asks :meth:`TestSchedule.due` on a timer.

Rules: off by default; ``at_login`` runs one test shortly after the app starts with the session
(after :data:`LOGIN_DELAY_S`, so the test does not compete with everything else starting);
``every_h`` runs one each N hours while logged in, counted from the last test that ran (a manual
"Test now" counts: there is no point in testing again right after). A test that could not run
now (the microphone is busy in another call) is retried after :data:`BUSY_RETRY_S` rather than
waiting a whole period. Never two at once: nothing is due while a test runs.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Final

__all__ = ["BUSY_RETRY_S", "LOGIN_DELAY_S", "ScheduleSettings", "TestSchedule"]

#: The login test waits this long after the app started.
LOGIN_DELAY_S: Final = 120.0
#: After a test was put off (microphone busy), try again this much later.
BUSY_RETRY_S: Final = 15 * 60.0
_S_PER_H: Final = 3600.0


@dataclass(frozen=True, slots=True)
class ScheduleSettings:
    """The schedule as set in Settings or by the managed config."""

    every_h: float | None = None
    """Hours between tests while logged in; ``None`` or ``0`` = no periodic tests."""
    at_login: bool = False
    """One test after login (the app's start with the session)."""

    @property
    def enabled(self) -> bool:
        """Any test is scheduled at all."""
        return self.at_login or bool(self.every_h)


class TestSchedule:
    """The next scheduled test's time, from the settings and what already ran."""

    __test__ = False  # not a pytest class

    def __init__(self, settings: ScheduleSettings, started_s: float) -> None:
        self._settings = settings
        self._started_s = started_s
        self._last_run_s: float | None = None
        self._retry_at_s: float | None = None
        self._login_done = not settings.at_login
        self._running = False

    @property
    def settings(self) -> ScheduleSettings:
        return self._settings

    def change(self, settings: ScheduleSettings) -> None:
        """New settings (from Settings); the login test is not run again for a change."""
        self._settings = settings
        self._login_done = self._login_done or not settings.at_login

    def next_due_s(self) -> float | None:
        """When the next scheduled test is due; ``None`` when nothing is scheduled."""
        if self._running:
            return None
        if self._retry_at_s is not None:
            return self._retry_at_s
        candidates: list[float] = []
        if not self._login_done:
            candidates.append(self._started_s + LOGIN_DELAY_S)
        every_h = self._settings.every_h
        if every_h:
            since = self._last_run_s if self._last_run_s is not None else self._started_s
            candidates.append(since + every_h * _S_PER_H)
        return min(candidates) if candidates else None

    def due(self, now_s: float) -> bool:
        """A scheduled test should start now."""
        due_s = self.next_due_s()
        return due_s is not None and now_s >= due_s

    def started(self, now_s: float) -> None:
        """A test (scheduled or "Test now") started at ``now_s``."""
        self._running = True
        self._retry_at_s = None
        self._login_done = True
        self._last_run_s = now_s

    def finished(self) -> None:
        """The running test ended (the period counts from its start)."""
        self._running = False

    def put_off(self, now_s: float) -> None:
        """A due test could not run now (the microphone is in use): try again later."""
        self._running = False
        self._retry_at_s = now_s + BUSY_RETRY_S
