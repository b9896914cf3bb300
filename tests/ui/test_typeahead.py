"""Keys that arrive together (a paste, a script, a fast typist) go where the first one sent the
focus: after ``a`` into the quick-add bar, after ``/`` into search, after ``g`` into the date
box, and the digit of ``s`` + digit rates the day. Each test hands the app all its keys at once,
as a terminal does when they come in one read, before the first has been handled."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import timedelta
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.widgets import Input

from planner.screens.day import DayScreen
from planner.screens.edit_task import EditTaskScreen
from planner.screens.goto import GotoScreen
from planner.screens.search import SearchScreen
from planner.store import Store
from planner.widgets import typeahead
from planner.widgets.quick_add import QuickAdd
from tests.ui.conftest import SIZE, TODAY, add_task, make_app

KEY_NAMES = {" ": "space", "/": "slash", "\r": "enter", "\x1b": "escape", "\x13": "ctrl+s"}


def type_at_once(app: App[Any], text: str) -> None:
    """Every character of ``text`` handed to the app in one go (``\\r`` is Enter)."""
    for character in text:
        key = KEY_NAMES.get(character, character)
        app.post_message(events.Key(key, character if len(key) == 1 or key == "space" else None))


@asynccontextmanager
async def after_burst(store: Store, text: str) -> AsyncIterator[App[Any]]:
    """The app on ``store`` once ``text`` came in one burst and everything it did is done."""
    app = make_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        type_at_once(app, text)
        for _ in range(4):
            await pilot.pause()
            await app.workers.wait_for_complete()
        yield app


async def test_what_is_typed_with_a_goes_into_the_quick_add_bar(welcomed: Store) -> None:
    first = add_task(welcomed, "First task")
    # x would tick the selected task off, d delete it, e open the editor, u undo.
    async with after_burst(welcomed, "axdeu") as app:
        assert app.screen.query_one("#quick-input", Input).value == "xdeu"
        assert app.focused is app.screen.query_one("#quick-input", Input)
        assert [t.title for t in welcomed.tasks_for_day(TODAY)] == ["First task"]
        assert not welcomed.tasks_for_day(TODAY)[0].done
        assert welcomed.tasks_for_day(TODAY)[0] == first


async def test_a_task_typed_at_once_with_a_and_enter_is_added(welcomed: Store) -> None:
    add_task(welcomed, "First task")
    async with after_burst(welcomed, "aBuy milk tomorrow\r") as app:
        assert [t.title for t in welcomed.tasks_for_day(TODAY + timedelta(days=1))] == ["Buy milk"]
        assert [t.title for t in welcomed.tasks_for_day(TODAY)] == ["First task"]
        assert not app.screen.query_one(QuickAdd).display


async def test_the_digit_typed_with_s_rates_the_day(welcomed: Store) -> None:
    async with after_burst(welcomed, "s3") as app:
        assert welcomed.day_record(TODAY).stress == 3
        assert isinstance(app.screen, DayScreen) and not app.screen.rating_pending


async def test_another_key_typed_with_s_cancels_the_rating_and_does_its_job(
    welcomed: Store,
) -> None:
    add_task(welcomed, "First task")
    # Space ticks the task off; the 3 then rates nothing.
    async with after_burst(welcomed, "s 3"):
        assert welcomed.tasks_for_day(TODAY)[0].done
        assert welcomed.day_record(TODAY).stress is None


async def test_what_is_typed_with_slash_is_searched_for(welcomed: Store) -> None:
    add_task(welcomed, "Second task")
    async with after_burst(welcomed, "/sec") as app:
        assert isinstance(app.screen, SearchScreen)
        assert app.screen.query_one(Input).value == "sec"


async def test_a_date_typed_with_g_is_gone_to(welcomed: Store) -> None:
    async with after_burst(welcomed, "gtomorrow\r") as app:
        assert not isinstance(app.screen, GotoScreen)
        screen = app.screen
        assert isinstance(screen, DayScreen)
        assert screen.day == TODAY + timedelta(days=1)


async def test_what_is_typed_with_e_goes_into_the_title(welcomed: Store) -> None:
    add_task(welcomed, "First task")
    async with after_burst(welcomed, "eNew") as app:
        assert isinstance(app.screen, EditTaskScreen)
        # The title is selected when the editor opens, so what is typed replaces it.
        assert app.screen.query_one("#edit-title", Input).value == "New"


async def test_ctrl_s_typed_with_the_text_saves_the_text(welcomed: Store) -> None:
    add_task(welcomed, "First task")
    async with after_burst(welcomed, "eNew\x13") as app:
        assert isinstance(app.screen, DayScreen)
        assert [t.title for t in welcomed.tasks_for_day(TODAY)] == ["New"]


async def test_keys_after_enter_do_not_end_up_in_the_title(welcomed: Store) -> None:
    async with after_burst(welcomed, "aBuy milk\rxyz"):
        assert [t.title for t in welcomed.tasks_for_day(TODAY)] == ["Buy milk"]


async def test_two_tasks_typed_at_once_are_both_added_whole(welcomed: Store) -> None:
    # The second a comes while the first Enter is still being saved: it must open the bar again,
    # not be typed into the bar that is closing.
    async with after_burst(welcomed, "aTask one\raTask two\rx") as app:
        titles = [t.title for t in welcomed.tasks_for_day(TODAY)]
        assert sorted(titles) == ["Task one", "Task two"]
        # The x after the second Enter is a day key again: it ticked the new task off.
        assert [t.title for t in welcomed.tasks_for_day(TODAY) if t.done] == ["Task two"]
        assert not app.screen.query_one(QuickAdd).display


async def test_keys_after_enter_in_search_go_to_the_day_it_opens(welcomed: Store) -> None:
    last_week = TODAY - timedelta(days=7)
    add_task(welcomed, "Bravo review", last_week)
    # Enter comes before the search for "bravo" has ended: it opens the newest result when the
    # search ends, and the keys after it wait for that day instead of going into the search box.
    async with after_burst(welcomed, "/bravo\raFound it\r") as app:
        screen = app.screen
        assert isinstance(screen, DayScreen) and screen.day == last_week
        assert [t.title for t in welcomed.tasks_for_day(last_week)] == ["Bravo review", "Found it"]


async def test_a_search_result_opens_its_day_with_its_task_selected(welcomed: Store) -> None:
    last_week = TODAY - timedelta(days=7)
    for title in ("Alpha", "Bravo review", "Charlie"):
        add_task(welcomed, title, last_week)
    # The x after it ticks off the task found, not the day's first.
    async with after_burst(welcomed, "/bravo\rx") as app:
        screen = app.screen
        assert isinstance(screen, DayScreen) and screen.day == last_week
        assert screen.selected_task is not None and screen.selected_task.title == "Bravo review"
        assert [t.title for t in welcomed.tasks_for_day(last_week) if t.done] == ["Bravo review"]


async def test_a_recurring_search_result_selects_its_occurrence(welcomed: Store) -> None:
    add_task(welcomed, "Alpha")
    add_task(welcomed, "Water the plants", recurrence="FREQ=DAILY")
    async with after_burst(welcomed, "/water\rx") as app:
        screen = app.screen
        assert isinstance(screen, DayScreen) and screen.day == TODAY
        assert [t.title for t in welcomed.tasks_for_day(TODAY) if t.done] == ["Water the plants"]


async def test_keys_held_by_a_screen_go_on_after_the_hold_limit(
    welcomed: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(typeahead, "HOLD_LIMIT", 0.3)
    app = make_app(welcomed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("slash")
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        screen._open_when_found = True  # an Enter waits for a search that never ends
        type_at_once(app, "xyz")
        await pilot.pause()
        assert screen.query_one(Input).value == ""  # held
        await pilot.pause(0.5)
        assert screen.query_one(Input).value == "xyz"  # the line went on
