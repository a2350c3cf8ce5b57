"""The tray's schedule with a fake clock (issue 18): no sleeps, every rule against its time."""

from __future__ import annotations

from callcheck.core.schedule import BUSY_RETRY_S, LOGIN_DELAY_S, ScheduleSettings, TestSchedule

H = 3600.0
T0 = 1000.0  # the app's start (login), on any monotonic clock


def test_off_by_default_never_due() -> None:
    schedule = TestSchedule(ScheduleSettings(), T0)
    assert not schedule.settings.enabled
    assert schedule.next_due_s() is None
    assert not schedule.due(T0 + 1000 * H)


def test_every_n_hours_counted_from_the_last_start() -> None:
    schedule = TestSchedule(ScheduleSettings(every_h=4), T0)
    assert not schedule.due(T0 + 4 * H - 1)
    assert schedule.due(T0 + 4 * H)
    schedule.started(T0 + 4 * H + 5)
    assert not schedule.due(T0 + 5 * H)  # nothing while a test runs
    schedule.finished()
    assert schedule.next_due_s() == T0 + 8 * H + 5
    # A manual "Test now" counts: the next scheduled test is 4 h after it.
    schedule.started(T0 + 6 * H)
    schedule.finished()
    assert schedule.next_due_s() == T0 + 10 * H


def test_at_login_once_after_the_delay_then_the_period() -> None:
    schedule = TestSchedule(ScheduleSettings(every_h=4, at_login=True), T0)
    assert schedule.next_due_s() == T0 + LOGIN_DELAY_S
    assert not schedule.due(T0 + LOGIN_DELAY_S - 1)
    assert schedule.due(T0 + LOGIN_DELAY_S)
    schedule.started(T0 + LOGIN_DELAY_S)
    schedule.finished()
    assert schedule.next_due_s() == T0 + LOGIN_DELAY_S + 4 * H


def test_at_login_only() -> None:
    schedule = TestSchedule(ScheduleSettings(at_login=True), T0)
    assert schedule.due(T0 + LOGIN_DELAY_S)
    schedule.started(T0 + LOGIN_DELAY_S)
    schedule.finished()
    assert schedule.next_due_s() is None
    # Changing the settings later does not run the login test again.
    schedule.change(ScheduleSettings(at_login=True))
    assert schedule.next_due_s() is None


def test_microphone_busy_retries_sooner_than_the_period() -> None:
    schedule = TestSchedule(ScheduleSettings(every_h=4), T0)
    now = T0 + 4 * H
    assert schedule.due(now)
    schedule.put_off(now)
    assert not schedule.due(now + BUSY_RETRY_S - 1)
    assert schedule.due(now + BUSY_RETRY_S)
    schedule.started(now + BUSY_RETRY_S)
    schedule.finished()
    assert schedule.next_due_s() == now + BUSY_RETRY_S + 4 * H


def test_turning_the_schedule_on_later_counts_from_the_start() -> None:
    schedule = TestSchedule(ScheduleSettings(), T0)
    schedule.change(ScheduleSettings(every_h=1))
    assert schedule.next_due_s() == T0 + H
    schedule.change(ScheduleSettings(every_h=0))
    assert schedule.next_due_s() is None
