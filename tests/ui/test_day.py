"""Pilot tests of the day screen: showing a day, moving around, changing tasks, undo, carry,
rating, living beside the shell, user text as text, and small terminals."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, time, timedelta
from typing import Any

import pytest
from textual.app import App
from textual.widgets import OptionList, Static

from planner.app import PlannerApp
from planner.model import Profile, validated_reflection
from planner.screens.carry import CarryScreen
from planner.screens.day import DayScreen
from planner.screens.goto import GotoScreen
from planner.store import Store
from planner.widgets.day_header import DayHeader
from planner.widgets.day_summary import DaySummary
from planner.widgets.task_list import TaskList
from planner.widgets.why_panel import WhyPanel
from tests.ui.conftest import SIZE, TODAY, add_task, make_app, open_store


def day_screen(app: App[Any]) -> DayScreen:
    """The day screen, asserting it is the one on top."""
    screen = app.screen
    assert isinstance(screen, DayScreen), f"expected the day screen, got {screen!r}"
    return screen


def titles(app: App[Any]) -> list[str]:
    return [t.title for t in day_screen(app).tasks]


def selected_title(app: App[Any]) -> str | None:
    task = day_screen(app).selected_task
    return task.title if task else None


def record_calls(
    monkeypatch: pytest.MonkeyPatch, owner: object, name: str, note: Callable[..., Any]
) -> list[Any]:
    """Wrap ``owner.name``: each call still happens, and ``note(*args, **kwargs)`` is kept."""
    calls: list[Any] = []
    real = getattr(owner, name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls.append(note(*args, **kwargs))
        return real(*args, **kwargs)

    monkeypatch.setattr(owner, name, wrapper)
    return calls


async def settle(app: App[Any], pilot: Any) -> None:
    """Wait until the app has drawn and its workers (skill growth) have finished."""
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


def header_text(app: App[Any]) -> str:
    return app.screen.query_one(DayHeader).render().plain


def why_text(app: App[Any]) -> str:
    return app.screen.query_one(WhyPanel).describe().plain


def three_tasks(store: Store) -> None:
    add_task(store, "First")
    add_task(store, "Second")
    add_task(store, "Third")


# ---------------------------------------------------------------------------- showing a day


async def test_opens_on_today_with_header_progress_and_stress_marker(welcomed: Store) -> None:
    add_task(welcomed, "Done one", done=True)
    add_task(welcomed, "Open one")
    welcomed.set_stress(TODAY, 4)
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = header_text(pilot.app)
        assert "Wed 25 Nov 2026 (today)" in text
        assert "⚠ stressful" in text  # a symbol and a word, never colour alone
        assert "1/2 done" in text


async def test_calm_rating_is_not_marked_stressful(welcomed: Store) -> None:
    welcomed.set_stress(TODAY, 2)
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "stressful" not in header_text(pilot.app)
        assert "stress 2/5" in header_text(pilot.app)


async def test_header_shows_yesterdays_intention(welcomed: Store) -> None:
    welcomed.save_reflection(TODAY - timedelta(days=1), validated_reflection(intention="Ask early"))
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert "Today's intention: Ask early" in header_text(pilot.app)


async def test_start_day_and_time_first(welcomed: Store) -> None:
    other = date(2026, 12, 3)
    add_task(welcomed, "At nine", other, at=time(9))
    add_task(welcomed, "Untimed", other)
    async with make_app(welcomed, start_day=other).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert day_screen(pilot.app).day == other
        assert titles(pilot.app) == ["At nine", "Untimed"]
        row = pilot.app.screen.query_one(TaskList).get_option_at_index(0).prompt
        assert str(row).startswith("09:00")  # time first


async def test_why_panel_shows_statements_growth_people_and_nudge(welcomed: Store) -> None:
    from planner.model import Purpose

    welcomed.save_purpose(Purpose("help-others", "To help others grow"))
    add_task(welcomed, "Old excel", TODAY - timedelta(days=40), skills=("excel",), done=True)
    add_task(welcomed, "Recent excel", TODAY - timedelta(days=3), skills=("excel",), done=True)
    add_task(
        welcomed,
        "Mentor Marilyn",
        purposes=("help-others",),
        skills=("excel",),
        people=("marilyn",),
        stretch=True,
        notes="Bring the sheet",
    )
    add_task(welcomed, "Tied to nothing")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        assert selected_title(pilot.app) == "Mentor Marilyn"
        text = why_text(pilot.app)
        assert "To help others grow" in text and "#help-others" not in text
        assert "Excel" in text and "1 in 30 days · 2 in all" in text
        assert "@marilyn" in text and "Stretch" in text and "Bring the sheet" in text
        await pilot.press("down")
        assert "Not tied to a purpose yet" in why_text(pilot.app)
        summary = pilot.app.screen.query_one(DaySummary).render().plain
        assert "1 of 2 tasks serve a purpose" in summary and "Excel" in summary


async def test_recurring_occurrence_is_shown_and_marked(welcomed: Store) -> None:
    add_task(welcomed, "Stand-up", TODAY, recurrence="FREQ=DAILY")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert titles(pilot.app) == ["Stand-up"]
        await pilot.press("right")
        assert titles(pilot.app) == ["Stand-up"]
        row = pilot.app.screen.query_one(TaskList).get_option_at_index(0).prompt
        assert "↻" in str(row)


# ---------------------------------------------------------------------------- moving around


async def test_select_with_arrows_and_vim_keys(welcomed: Store) -> None:
    three_tasks(welcomed)
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert selected_title(pilot.app) == "First"
        await pilot.press("down")
        assert selected_title(pilot.app) == "Second"
        await pilot.press("j")
        assert selected_title(pilot.app) == "Third"
        await pilot.press("j")  # stays at the end
        assert selected_title(pilot.app) == "Third"
        await pilot.press("k")
        assert selected_title(pilot.app) == "Second"
        await pilot.press("up")
        assert selected_title(pilot.app) == "First"
        assert pilot.app.screen.query_one(TaskList).highlighted == 0


async def test_day_navigation_keys(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = day_screen(pilot.app)
        await pilot.press("right")
        assert screen.day == TODAY + timedelta(days=1)
        await pilot.press("]")
        assert screen.day == TODAY + timedelta(days=2)
        await pilot.press("[", "left", "left")
        assert screen.day == TODAY - timedelta(days=1)
        assert "(yesterday)" in header_text(pilot.app)
        await pilot.press("t")
        assert screen.day == TODAY


async def test_go_to_date_parses_and_reports_errors(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("g")
        assert isinstance(pilot.app.screen, GotoScreen)
        await pilot.press(*"feb 30", "enter")
        assert isinstance(pilot.app.screen, GotoScreen)  # stays open with the message
        message = str(pilot.app.screen.query_one("#goto-message").render())
        assert "feb 30" in message
        await pilot.press(*("backspace",) * 6, *"dec 3", "enter")
        assert day_screen(pilot.app).day == date(2026, 12, 3)
        await pilot.press("g", *"tomorrow", "escape")
        assert day_screen(pilot.app).day == date(2026, 12, 3)


async def test_escape_on_the_day_does_nothing(welcomed: Store) -> None:
    three_tasks(welcomed)
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "escape", "escape")
        assert pilot.app.is_running
        assert selected_title(pilot.app) == "Second"
        assert day_screen(pilot.app).day == TODAY


async def test_q_quits(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("q")
        await pilot.pause()
        assert not pilot.app.is_running


# ---------------------------------------------------------------------------- changing tasks


async def test_toggle_with_space_and_x(welcomed: Store) -> None:
    task = add_task(welcomed, "Write report")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("space")
        assert welcomed.get_task(task.id).done
        assert "1/1 done" in header_text(pilot.app)
        await pilot.press("x")
        assert not welcomed.get_task(task.id).done


async def test_delete_with_d_and_delete_then_undo_several_levels(welcomed: Store) -> None:
    three_tasks(welcomed)
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        assert titles(pilot.app) == ["Second", "Third"]
        assert selected_title(pilot.app) == "Second"
        await pilot.press("delete")
        assert titles(pilot.app) == ["Third"]
        await pilot.press("space")  # a third kind of change
        assert welcomed.tasks_for_day(TODAY)[0].done
        await pilot.press("u")
        assert not welcomed.tasks_for_day(TODAY)[0].done
        await pilot.press("u")
        assert titles(pilot.app) == ["Second", "Third"]
        await pilot.press("u")
        assert titles(pilot.app) == ["First", "Second", "Third"]
        assert [t.title for t in welcomed.tasks_for_day(TODAY)] == ["First", "Second", "Third"]
        await pilot.press("u")  # nothing left: no change, no crash
        assert titles(pilot.app) == ["First", "Second", "Third"]


async def test_move_to_tomorrow_and_undo(welcomed: Store) -> None:
    task = add_task(welcomed, "Call Ann")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("m")
        assert titles(pilot.app) == []
        assert welcomed.get_task(task.id).day == TODAY + timedelta(days=1)
        await pilot.press("u")
        assert welcomed.get_task(task.id).day == TODAY
        assert titles(pilot.app) == ["Call Ann"]


async def test_move_is_relative_to_the_shown_day(welcomed: Store) -> None:
    shown = date(2026, 12, 1)
    task = add_task(welcomed, "Later", shown)
    async with make_app(welcomed, start_day=shown).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("m")
        assert welcomed.get_task(task.id).day == date(2026, 12, 2)


async def test_reorder_with_shift_arrows_and_undo(welcomed: Store) -> None:
    three_tasks(welcomed)
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("shift+down")
        assert titles(pilot.app) == ["Second", "First", "Third"]
        assert selected_title(pilot.app) == "First"  # the moved task stays selected
        await pilot.press("shift+down")
        assert titles(pilot.app) == ["Second", "Third", "First"]
        await pilot.press("shift+up")
        assert titles(pilot.app) == ["Second", "First", "Third"]
        assert [t.title for t in welcomed.tasks_for_day(TODAY)] == ["Second", "First", "Third"]
        await pilot.press("u", "u", "u")
        assert titles(pilot.app) == ["First", "Second", "Third"]


async def test_actions_that_need_a_task_are_greyed_on_an_empty_day(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = day_screen(pilot.app)
        for action in ("edit", "toggle_done", "delete", "move_tomorrow", "reorder", "undo"):
            assert screen.check_action(action, ()) is None, action
        assert screen.check_action("quick_add", ()) is True
        await pilot.press("e", "space", "d", "m", "shift+up", "u")
        assert pilot.app.screen is screen  # nothing opened, nothing broke


async def test_carry_picks_and_moves_earlier_unfinished_tasks(welcomed: Store) -> None:
    old = add_task(welcomed, "Old one", TODAY - timedelta(days=3))
    older = add_task(welcomed, "Older one", TODAY - timedelta(days=9))
    add_task(welcomed, "Finished", TODAY - timedelta(days=2), done=True)
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        assert isinstance(pilot.app.screen, CarryScreen)
        await pilot.press("space")  # untick the first (the oldest) candidate
        await pilot.press("enter")
        assert titles(pilot.app) == ["Old one"]
        assert welcomed.get_task(old.id).day == TODAY
        assert welcomed.get_task(older.id).day == TODAY - timedelta(days=9)
        await pilot.press("u")
        assert welcomed.get_task(old.id).day == TODAY - timedelta(days=3)
        assert titles(pilot.app) == []


async def test_carry_with_nothing_to_carry_says_so(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c")
        assert isinstance(pilot.app.screen, DayScreen)
        assert any("Nothing to carry" in str(n.message) for n in pilot.app._notifications)


async def test_carry_escape_carries_nothing(welcomed: Store) -> None:
    old = add_task(welcomed, "Old one", TODAY - timedelta(days=3))
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("c", "escape")
        assert welcomed.get_task(old.id).day == TODAY - timedelta(days=3)


# ---------------------------------------------------------------------------- rating


async def test_s_then_digit_rates_the_shown_day(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("right", "s")
        assert day_screen(pilot.app).rating_pending
        assert pilot.app.screen.query_one("#rate-hint").display
        await pilot.press("2")
        assert welcomed.day_record(TODAY + timedelta(days=1)).stress == 2
        assert welcomed.day_record(TODAY).stress is None
        assert not pilot.app.screen.query_one("#rate-hint").display


async def test_rating_is_cancelled_by_escape_and_other_keys(welcomed: Store) -> None:
    add_task(welcomed, "One")
    add_task(welcomed, "Two")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("s", "escape", "3")
        assert welcomed.day_record(TODAY).stress is None
        await pilot.press("s", "9")
        assert welcomed.day_record(TODAY).stress is None
        assert not day_screen(pilot.app).rating_pending
        await pilot.press("s", "down")  # cancels the rating; the key still does its job
        assert selected_title(pilot.app) == "Two"
        assert welcomed.day_record(TODAY).stress is None


async def test_stressful_rating_calls_the_reminder_hook_once(welcomed: Store) -> None:
    calls: list[date] = []
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = day_screen(pilot.app)
        screen._maybe_auto_remind = calls.append  # type: ignore[method-assign, assignment]
        await pilot.press("s", "3")
        assert calls == []
        await pilot.press("s", "5")
        assert calls == [TODAY]
        assert "⚠ stressful" in header_text(pilot.app)


async def test_start_after_a_stressful_day_reminds_once(welcomed: Store) -> None:
    welcomed.set_stress(TODAY - timedelta(days=1), 5)
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert type(pilot.app.screen).__name__ == "ReminderScreen"
        assert welcomed.day_record(TODAY).reminded
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, DayScreen)  # once a day, never nagging


# ---------------------------------------------------------------------------- other screens


async def test_keys_open_the_other_screens(welcomed: Store) -> None:
    expected = {
        "w": "ReminderScreen",
        "r": "ReflectionScreen",
        "i": "InsightsScreen",
        "p": "PurposesScreen",
        "slash": "SearchScreen",
    }
    for key, name in expected.items():
        async with make_app(welcomed).run_test(size=SIZE) as pilot:
            await pilot.pause()
            await pilot.press(key)
            await pilot.pause()
            if type(pilot.app.screen).__name__ != name:
                # A screen still being written says so instead of failing.
                assert isinstance(pilot.app.screen, DayScreen), key
                messages = [str(n.message) for n in pilot.app._notifications]
                assert any("not available yet" in m for m in messages), (key, messages)


async def test_welcome_opens_for_a_new_record_only(store: Store) -> None:
    async with make_app(store).run_test(size=SIZE) as pilot:
        await pilot.pause()
        name = type(pilot.app.screen).__name__
        assert name in ("WelcomeScreen", "DayScreen")
        if name == "DayScreen":
            assert any("not available" in str(n.message) for n in pilot.app._notifications)
    store.save_profile(Profile(welcomed=True))
    async with make_app(store).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(pilot.app.screen, DayScreen)


# ---------------------------------------------------------------------------- beside the shell


async def test_changes_from_another_process_appear_after_a_poll(welcomed: Store) -> None:
    add_task(welcomed, "Untimed")
    kept = add_task(welcomed, "Kept selected", at=time(8))
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down")
        assert selected_title(pilot.app) == "Kept selected"
        screen = day_screen(pilot.app)
        assert screen.poll_changes() is False  # nothing changed: no reload
        other = open_store(welcomed.folder)  # "planner add" in another terminal
        add_task(other, "From the shell", at=time(7))
        other.set_stress(TODAY, 5)
        assert screen.poll_changes() is True
        await pilot.pause()
        assert titles(pilot.app) == ["Untimed", "From the shell", "Kept selected"]
        assert screen.selected_id == kept.id  # the selection follows the task, not the row
        assert "⚠ stressful" in header_text(pilot.app)


async def test_the_poll_timer_runs(welcomed: Store) -> None:
    app = PlannerApp(welcomed, today=lambda: TODAY, poll_interval=0.05)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        add_task(open_store(welcomed.folder), "Arrived")
        for _ in range(40):
            await pilot.pause(0.05)
            if "Arrived" in titles(app):
                break
        assert "Arrived" in titles(app)


async def test_store_errors_are_reported_and_nothing_looks_saved(welcomed: Store) -> None:
    task = add_task(welcomed, "Will fail")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        from planner.storage import WriteError

        def broken(*_args: object) -> None:
            raise WriteError(welcomed.folder / "2026-11.json", OSError(28, "No space left"))

        welcomed.put_task = broken  # type: ignore[method-assign, assignment]
        await pilot.press("space")
        await pilot.pause()
        assert not day_screen(pilot.app).tasks[0].done
        assert not day_screen(pilot.app).undo  # nothing to undo: nothing happened
        errors = [n for n in pilot.app._notifications if n.severity == "error"]
        assert errors and "\n" not in str(errors[0].message)
        assert welcomed.get_task(task.id).done is False


# ---------------------------------------------------------------------------- user text


async def test_markup_in_a_title_is_text_and_clicking_it_does_nothing(welcomed: Store) -> None:
    add_task(welcomed, "[@click=app.quit]x[/]")
    add_task(welcomed, "[b]not bold[/b] 日本語 🎉")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        task_list = pilot.app.screen.query_one(TaskList)
        first = str(task_list.get_option_at_index(0).prompt)
        assert "[@click=app.quit]x[/]" in first
        assert "[b]not bold[/b]" in str(task_list.get_option_at_index(1).prompt)
        row_y = 1  # inside the border: the first row
        for x in range(task_list.outer_size.width):
            await pilot.click(TaskList, offset=(x, row_y))
            assert pilot.app.is_running, f"clicking column {x} quit the app"
        assert pilot.app.is_running
        assert isinstance(pilot.app.screen, DayScreen)
        assert "[@click=app.quit]x[/]" in why_text(pilot.app)


async def test_clicking_a_row_selects_its_task(welcomed: Store) -> None:
    three_tasks(welcomed)
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.click(TaskList, offset=(10, 3))
        await pilot.pause()
        assert selected_title(pilot.app) == "Third"


async def test_deleted_title_toast_is_literal(welcomed: Store) -> None:
    add_task(welcomed, "[red]x[/red]")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("d")
        toast = next(n for n in pilot.app._notifications if "Deleted" in str(n.message))
        assert "[red]x[/red]" in toast.message and toast.markup is False


# ---------------------------------------------------------------------------- sizes


async def test_usable_at_80_by_24(welcomed: Store) -> None:
    three_tasks(welcomed)
    async with make_app(welcomed).run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = day_screen(pilot.app)
        assert not screen.has_class("-too-small")
        assert screen.query_one(TaskList).region.height >= 10
        assert screen.query_one(WhyPanel).region.width >= 24


async def test_too_small_shows_a_message_and_recovers(welcomed: Store) -> None:
    three_tasks(welcomed)
    async with make_app(welcomed).run_test(size=(50, 12)) as pilot:
        await pilot.pause()
        screen = day_screen(pilot.app)
        assert screen.has_class("-too-small")
        assert screen.query_one("#too-small").display
        assert "too small" in str(screen.query_one("#too-small").render())
        await pilot.resize_terminal(100, 30)
        await pilot.pause()
        assert not screen.has_class("-too-small")
        assert screen.query_one(OptionList).region.height > 0


async def test_a_new_day_starts_with_its_first_task_selected(welcomed: Store) -> None:
    three_tasks(welcomed)
    add_task(welcomed, "Tomorrow first", TODAY + timedelta(days=1))
    add_task(welcomed, "Tomorrow second", TODAY + timedelta(days=1))
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "down", "right")
        assert selected_title(pilot.app) == "Tomorrow first"


async def test_a_change_redraws_only_what_it_changes(
    welcomed: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The why panel is redrawn only when its text changes, and no change redraws the whole
    screen (the screen's state changing repaints nothing by itself)."""
    add_task(welcomed, "Mentor Sam", purposes=("help-others",))
    add_task(welcomed, "Plain task", skills=("excel",))
    app = make_app(welcomed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        screen = day_screen(app)
        whole = record_calls(monkeypatch, screen, "refresh", lambda *_, **kwargs: repr(kwargs))
        body = app.screen.query_one("#why-body", Static)
        updates = record_calls(monkeypatch, body, "update", lambda content="", **_: str(content))
        await pilot.press("space")  # ticked off: the panel says the same
        await pilot.pause()
        assert app.screen.tasks[0].done  # type: ignore[attr-defined]
        assert updates == []
        await pilot.press("j")  # another task: another text, drawn
        await pilot.pause()
        assert len(updates) == 1 and "Plain task" in updates[0]
        assert "Plain task" in str(body.content)
        await pilot.press("k")
        await pilot.pause()
        assert "Mentor Sam" in str(body.content), "back to the first task's text"
        for key in ("j", "space", "]", "["):  # a skill's growth counted again, another day
            await pilot.press(key)
            await pilot.pause()
        await settle(app, pilot)
        assert [t.done for t in screen.tasks] == [True, True]
        assert whole == [], "the screen's state changed and the whole screen was redrawn"


async def test_a_tick_draws_again_only_the_row_it_changed(
    welcomed: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    for title in ("First", "Second", "Third", "Fourth", "Fifth"):
        add_task(welcomed, title)
    app = make_app(welcomed)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        task_list = app.screen.query_one(TaskList)
        drawn = record_calls(
            monkeypatch, OptionList, "_get_option_render", lambda _list, option, _style: option.id
        )
        await pilot.press("j", "j", "space")
        await pilot.pause()
        screen = day_screen(app)
        assert [t.done for t in screen.tasks] == [False, False, True, False, False]
        third = screen.tasks[2].id
        # The rows whose look changed: the highlight moving down twice, then the tick.
        assert set(drawn) <= {screen.tasks[0].id, screen.tasks[1].id, third}, drawn
        assert drawn.count(third) <= 2, drawn
        rows = [task_list.render_line(y).text for y in range(5)]
        assert "✓ Third" in rows[2] and "☐ Fourth" in rows[3], rows
        shown = {task_list.get_option_at_index(i).row_key for i in range(5)}  # type: ignore[attr-defined]
        assert {key[0] for key in task_list._drawn} <= shown, "rows of the old version are let go"


async def test_rows_follow_a_new_theme(welcomed: Store) -> None:
    add_task(welcomed, "First", done=True)
    add_task(welcomed, "Second")
    app = make_app(welcomed)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        task_list = app.screen.query_one(TaskList)

        def rows() -> list[list[tuple[str, object]]]:
            return [[(s.text, s.style) for s in task_list.render_line(y)] for y in range(2)]

        before = rows()
        app.theme = "planner-light" if app.theme != "planner-light" else "planner-dark"
        await pilot.pause()
        after = rows()
        assert after != before
        task_list._drawn.clear()
        task_list._clear_caches()
        assert rows() == after, "rows drawn under the old theme were shown again"
