"""A repeating task edited or stopped as a whole: the edit dialog's "every day of the series",
an emptied rule that stops the series, the delete question, undo of each, and UNTIL rules."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Checkbox, Input

from planner import dates
from planner.screens.confirm_series import ConfirmSeriesScreen
from planner.screens.day import DayScreen
from planner.screens.edit_task import EditTaskScreen
from planner.screens.series_edit import rule_until
from planner.store import Store
from tests.ui.conftest import SIZE, TODAY, add_task, make_app

YESTERDAY = TODAY - timedelta(days=1)
LAST_WEEK = TODAY - timedelta(days=7)


def titles(store: Store, day: date) -> list[str]:
    return [t.title for t in store.tasks_for_day(day)]


def series_rule(store: Store) -> str | None:
    (series,) = store.series()
    return series.template.recurrence


def set_field(app: App[Any], name: str, value: str) -> None:
    app.screen.query_one(f"#edit-{name}", Input).value = value


async def tick_whole_series(app: App[Any]) -> None:
    screen = app.screen
    assert isinstance(screen, EditTaskScreen)
    assert screen.query_one("#edit-repeats", Input).disabled  # this day only, at first
    screen.query_one("#edit-scope", Checkbox).value = True
    await app.workers.wait_for_complete()


def test_rule_until_ends_the_rule_and_dates_honour_it() -> None:
    rule = rule_until("FREQ=WEEKLY;BYDAY=MO;COUNT=9", date(2026, 12, 6))
    assert rule == "FREQ=WEEKLY;BYDAY=MO;UNTIL=20261206"
    start = date(2026, 11, 2)
    assert dates.occurs_on(rule, start, date(2026, 11, 30))
    assert not dates.occurs_on(rule, start, date(2026, 12, 7))
    shown = dates.occurrences_between(rule, start, date(2026, 11, 1), date(2026, 12, 31))
    assert shown[-1] == date(2026, 11, 30)


async def test_edit_applies_to_the_whole_series_and_undo_puts_it_back(welcomed: Store) -> None:
    add_task(welcomed, "Stand-up", LAST_WEEK, recurrence="FREQ=DAILY")
    welcomed.remove_task(welcomed.tasks_for_day(TODAY + timedelta(days=2))[0].id)  # a skipped day
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await tick_whole_series(pilot.app)
        await pilot.pause()
        assert not pilot.app.screen.query_one("#edit-repeats", Input).disabled
        set_field(pilot.app, "title", "Team stand-up")
        set_field(pilot.app, "time", "9:30am")
        set_field(pilot.app, "repeats", "every weekday")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DayScreen)
        (series,) = welcomed.series()
        assert series.template.title == "Team stand-up"
        assert series.template.time == time(9, 30)
        assert series.template.day == LAST_WEEK  # the series keeps its first day
        assert series.exdates == frozenset({TODAY + timedelta(days=2)})  # and its skipped days
        assert titles(welcomed, TODAY + timedelta(days=1)) == ["Team stand-up"]
        assert titles(welcomed, date(2026, 11, 28)) == []  # a Saturday: weekdays only now
        await pilot.press("u")
        await pilot.pause()
        (series,) = welcomed.series()
        assert series.template.title == "Stand-up"
        assert series.template.recurrence == "FREQ=DAILY"
        assert series.exdates == frozenset({TODAY + timedelta(days=2)})


async def test_this_day_only_is_still_the_default(welcomed: Store) -> None:
    add_task(welcomed, "Stand-up", LAST_WEEK, recurrence="FREQ=DAILY")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        set_field(pilot.app, "title", "Long stand-up")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert titles(welcomed, TODAY) == ["Long stand-up"]
        assert titles(welcomed, TODAY + timedelta(days=1)) == ["Stand-up"]


async def test_emptied_rule_stops_the_series_from_the_shown_day(welcomed: Store) -> None:
    add_task(welcomed, "Stand-up", LAST_WEEK, recurrence="FREQ=DAILY")
    done = welcomed.tasks_for_day(YESTERDAY)[0]
    welcomed.set_done(done.id, True)
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        await tick_whole_series(pilot.app)
        set_field(pilot.app, "repeats", "")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert titles(welcomed, TODAY) == []
        assert titles(welcomed, TODAY + timedelta(days=30)) == []
        assert titles(welcomed, LAST_WEEK) == ["Stand-up"]  # the past is kept
        assert welcomed.tasks_for_day(YESTERDAY)[0].done  # with its done history
        assert series_rule(welcomed) == f"FREQ=DAILY;UNTIL={YESTERDAY:%Y%m%d}"
        await pilot.press("u")
        await pilot.pause()
        assert series_rule(welcomed) == "FREQ=DAILY"
        assert titles(welcomed, TODAY + timedelta(days=30)) == ["Stand-up"]


async def test_d_asks_and_can_delete_this_day_only(welcomed: Store) -> None:
    add_task(welcomed, "Stand-up", LAST_WEEK, recurrence="FREQ=DAILY")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmSeriesScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert titles(welcomed, TODAY) == ["Stand-up"]  # cancel deletes nothing
        await pilot.press("d", "t")
        await pilot.pause()
        assert titles(welcomed, TODAY) == []
        assert titles(welcomed, TODAY + timedelta(days=1)) == ["Stand-up"]


async def test_d_can_stop_the_series_and_undo_brings_it_back(welcomed: Store) -> None:
    add_task(welcomed, "Stand-up", LAST_WEEK, recurrence="FREQ=DAILY")
    welcomed.set_done(welcomed.tasks_for_day(TODAY)[0].id, True)  # a stored copy on the day
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d", "s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, DayScreen)
        assert titles(welcomed, TODAY) == []
        assert titles(welcomed, TODAY + timedelta(days=3)) == []
        assert titles(welcomed, YESTERDAY) == ["Stand-up"]
        await pilot.press("u")
        await pilot.pause()
        assert [t.done for t in welcomed.tasks_for_day(TODAY)] == [True]
        assert titles(welcomed, TODAY + timedelta(days=3)) == ["Stand-up"]


async def test_stopping_a_series_on_its_first_day_removes_it(welcomed: Store) -> None:
    add_task(welcomed, "Gym", TODAY, recurrence="FREQ=WEEKLY")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d", "s")
        await pilot.pause()
        assert welcomed.series() == []
        await pilot.press("u")
        await pilot.pause()
        assert series_rule(welcomed) == "FREQ=WEEKLY"


def test_a_stopped_series_exports_and_shows_up_to_its_end(
    welcomed: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from icalendar import Calendar

    from planner.cli import main
    from planner.exports import export_ics
    from planner.screens.series_edit import stop_series

    add_task(welcomed, "Stand-up", LAST_WEEK, at=time(9), recurrence="FREQ=DAILY")
    stop_series(welcomed, welcomed.tasks_for_day(TODAY)[0])
    ics = export_ics(welcomed)
    assert f"RRULE:FREQ=DAILY;UNTIL={YESTERDAY:%Y%m%d}T235959" in ics
    (event,) = Calendar.from_ical(ics).walk("VEVENT")
    until: Any = event["RRULE"]
    assert until["UNTIL"][0] == datetime(2026, 11, 24, 23, 59, 59)
    days = [LAST_WEEK + timedelta(days=n) for n in range(10)]
    assert [d for d in days if welcomed.tasks_for_day(d)] == days[:7]  # up to yesterday
    capsys.readouterr()
    assert main(["--data", str(tmp_path / "record"), "show", YESTERDAY.isoformat(), "--json"]) == 0
    assert '"Stand-up"' in capsys.readouterr().out
    assert main(["--data", str(tmp_path / "record"), "show", TODAY.isoformat(), "--json"]) == 0
    assert '"tasks": []' in capsys.readouterr().out
