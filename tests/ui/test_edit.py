"""Pilot tests of the edit dialog: every field, validation messages, cancel, undo, and
turning a one-off task into a repeating one."""

from __future__ import annotations

from datetime import date, time
from typing import Any

from textual.app import App
from textual.widgets import Input, TextArea

from planner.screens.edit_task import EditTaskScreen
from planner.store import Store
from tests.ui.conftest import SIZE, TODAY, add_task, make_app


def edit_screen(app: App[Any]) -> EditTaskScreen:
    screen = app.screen
    assert isinstance(screen, EditTaskScreen), screen
    return screen


def set_field(app: App[Any], name: str, value: str) -> None:
    app.screen.query_one(f"#edit-{name}", Input).value = value


def error_of(app: App[Any], name: str) -> str:
    line = app.screen.query_one(f"#edit-{name}-error")
    return str(line.render()) if line.display else ""


async def test_e_and_enter_open_the_dialog_with_every_field(welcomed: Store) -> None:
    add_task(
        welcomed,
        "Mentor Bo",
        at=time(15),
        purposes=("help-others",),
        skills=("excel",),
        people=("bo",),
        stretch=True,
        notes="Bring the sheet",
    )
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        for key in ("e", "enter"):
            await pilot.press(key)
            screen = edit_screen(pilot.app)
            values = {w.id: w.value for w in screen.query(Input)}
            assert values["edit-title"] == "Mentor Bo"
            assert values["edit-day"] == "2026-11-25"
            assert values["edit-time"] == "15:00"
            assert values["edit-purposes"] == "#help-others"
            assert values["edit-skills"] == "+excel"
            assert values["edit-people"] == "@bo"
            assert values["edit-repeats"] == ""
            assert "edit-links" in values
            assert screen.query_one("#edit-notes", TextArea).text == "Bring the sheet"
            assert screen.query_one("#edit-stretch").value is True  # type: ignore[attr-defined]
            assert screen.query_one("#edit-done").value is False  # type: ignore[attr-defined]
            await pilot.press("escape")
            assert not isinstance(pilot.app.screen, EditTaskScreen)


async def test_ctrl_s_saves_every_field_and_undo_restores(welcomed: Store) -> None:
    task = add_task(welcomed, "Draft")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        set_field(pilot.app, "title", "Final [b]report[/b]")
        set_field(pilot.app, "time", "3:30pm")
        set_field(pilot.app, "purposes", "#grow, learn")
        set_field(pilot.app, "skills", "+writing")
        set_field(pilot.app, "people", "@ann @bo")
        set_field(pilot.app, "links", "https://example.com/a https://example.com/b")
        pilot.app.screen.query_one("#edit-notes", TextArea).text = "line one\nline two"
        pilot.app.screen.query_one("#edit-stretch").value = True  # type: ignore[attr-defined]
        pilot.app.screen.query_one("#edit-done").value = True  # type: ignore[attr-defined]
        await pilot.press("ctrl+s")
        assert not isinstance(pilot.app.screen, EditTaskScreen)
        saved = welcomed.get_task(task.id)
        assert saved.title == "Final [b]report[/b]"
        assert saved.time == time(15, 30)
        assert saved.purposes == ("grow", "learn")
        assert saved.skills == ("writing",)
        assert saved.people == ("ann", "bo")
        assert saved.links == ("https://example.com/a", "https://example.com/b")
        assert saved.notes == "line one\nline two"
        assert saved.stretch and saved.done
        assert {"grow", "learn"} <= {p.slug for p in welcomed.purposes()}
        await pilot.press("u")
        assert welcomed.get_task(task.id).title == "Draft"
        assert welcomed.get_task(task.id).time is None


async def test_invalid_fields_show_messages_and_nothing_is_saved(welcomed: Store) -> None:
    task = add_task(welcomed, "Keep me")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        set_field(pilot.app, "title", "   ")
        set_field(pilot.app, "day", "feb 30")
        set_field(pilot.app, "time", "25:00")
        set_field(pilot.app, "repeats", "every blue moon")
        await pilot.press("ctrl+s")
        edit_screen(pilot.app)  # still open
        assert "empty title" in error_of(pilot.app, "title")
        assert "feb 30" in error_of(pilot.app, "day")
        assert 'not a time: "25:00"' in error_of(pilot.app, "time")  # the whole value, quoted
        assert "repeat rule" in error_of(pilot.app, "repeats")
        assert error_of(pilot.app, "people") == ""
        assert welcomed.get_task(task.id).title == "Keep me"
        set_field(pilot.app, "title", "Fixed")
        set_field(pilot.app, "day", "2026-12-02")
        set_field(pilot.app, "time", "")
        set_field(pilot.app, "repeats", "")
        await pilot.click("#edit-save")
        await pilot.pause()
        assert welcomed.get_task(task.id).title == "Fixed"
        assert welcomed.get_task(task.id).day == date(2026, 12, 2)
        assert [t.title for t in pilot.app.screen.tasks] == []  # type: ignore[attr-defined]


async def test_escape_and_cancel_button_discard(welcomed: Store) -> None:
    task = add_task(welcomed, "Untouched")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        set_field(pilot.app, "title", "Changed")
        await pilot.press("escape")
        await pilot.press("e")
        set_field(pilot.app, "title", "Changed again")
        await pilot.click("#edit-cancel")
        await pilot.pause()
        assert welcomed.get_task(task.id).title == "Untouched"
        assert not pilot.app.screen.undo  # type: ignore[attr-defined]


async def test_a_repeat_rule_turns_a_task_into_a_series_and_undo_reverts(welcomed: Store) -> None:
    task = add_task(welcomed, "Water plants")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        set_field(pilot.app, "repeats", "every weekday")
        await pilot.press("ctrl+s")
        assert len(welcomed.series()) == 1
        assert [t.title for t in welcomed.tasks_for_day(TODAY)] == ["Water plants"]
        assert welcomed.tasks_for_day(TODAY)[0].series is not None
        await pilot.press("u")
        assert welcomed.series() == []
        assert welcomed.get_task(task.id).recurrence is None


async def test_an_occurrence_keeps_its_rule_and_edits_only_that_day(welcomed: Store) -> None:
    add_task(welcomed, "Stand-up", recurrence="FREQ=DAILY")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("e")
        repeats = pilot.app.screen.query_one("#edit-repeats", Input)
        assert repeats.disabled and repeats.value == "every day"
        set_field(pilot.app, "title", "Stand-up (short)")
        await pilot.press("ctrl+s")
        assert welcomed.tasks_for_day(TODAY)[0].title == "Stand-up (short)"
        assert welcomed.tasks_for_day(date(2026, 11, 26))[0].title == "Stand-up"


async def test_a_new_time_puts_the_task_back_in_time_order(welcomed: Store) -> None:
    add_task(welcomed, "Nine", at=time(9))
    moved = add_task(welcomed, "Eleven", at=time(11))
    add_task(welcomed, "Three", at=time(15))
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("down", "e")
        set_field(pilot.app, "time", "4pm")
        await pilot.press("ctrl+s")
        assert [t.title for t in welcomed.tasks_for_day(TODAY)] == ["Nine", "Three", "Eleven"]
        assert pilot.app.screen.selected_id == moved.id  # type: ignore[attr-defined]
        await pilot.press("u")
        assert [t.title for t in welcomed.tasks_for_day(TODAY)] == ["Nine", "Eleven", "Three"]
        assert welcomed.get_task(moved.id).time == time(11)
