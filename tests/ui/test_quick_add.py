"""Pilot tests of quick add: the live preview, saving to the shown day or the named one, new
purposes and skills, inline errors, Esc, and undo."""

from __future__ import annotations

from datetime import date, time, timedelta
from typing import Any

from textual.app import App
from textual.widgets import Input

from planner.model import Purpose
from planner.store import Store
from planner.widgets.quick_add import QuickAdd
from planner.widgets.task_list import TaskList
from tests.ui.conftest import SIZE, TODAY, add_task, make_app


def bar(app: App[Any]) -> QuickAdd:
    return app.screen.query_one(QuickAdd)


def preview(app: App[Any]) -> str:
    return str(app.screen.query_one("#quick-preview").render())


def shown_titles(app: App[Any]) -> list[str]:
    return [t.title for t in app.screen.tasks]  # type: ignore[attr-defined]


async def test_a_opens_the_bar_and_the_preview_follows_the_text(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert pilot.app.screen.quick_add_bar is None, "built when first opened"
        await pilot.press("a")
        assert bar(pilot.app).display
        assert isinstance(pilot.app.focused, Input)
        await pilot.press(*"Mentor Bo tomorrow 3pm #help-others +excel @bo ! every mon")
        text = preview(pilot.app)
        for expected in (
            "title Mentor Bo",
            "day Mon 30 Nov 2026",  # the first Monday from tomorrow
            "time 15:00",
            "purposes #help-others",
            "skills +excel",
            "people @bo",
            "stretch yes",
            "repeats every Monday",
        ):
            assert expected in text, (expected, text)


async def test_a_weekday_counts_from_the_day_on_screen(welcomed: Store) -> None:
    shown = date(2026, 12, 3)  # a Thursday; today is Wed 25 Nov
    async with make_app(welcomed, start_day=shown).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Call the supplier fri")
        assert "day Fri 4 Dec 2026" in preview(pilot.app)
        await pilot.press("enter")
        assert [t.title for t in welcomed.tasks_for_day(date(2026, 12, 4))] == ["Call the supplier"]
        await pilot.press("a", *"Send the notes tomorrow", "enter")
        assert [t.title for t in welcomed.tasks_for_day(TODAY + timedelta(days=1))] == [
            "Send the notes"
        ]


async def test_enter_saves_to_the_shown_day_and_creates_tags(welcomed: Store) -> None:
    shown = date(2026, 12, 1)
    async with make_app(welcomed, start_day=shown).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Review deck 9am #grow-team +slides @ann", "enter")
        assert not bar(pilot.app).display
        assert shown_titles(pilot.app) == ["Review deck"]
        saved = welcomed.tasks_for_day(shown)[0]
        assert saved.time == time(9) and saved.people == ("ann",)
        assert "grow-team" in {p.slug for p in welcomed.purposes()}
        assert "slides" in {s.slug for s in welcomed.skills()}
        assert pilot.app.screen.selected_task.title == "Review deck"  # type: ignore[attr-defined]
        assert isinstance(pilot.app.focused, TaskList)
        assert any("New purpose #grow-team" in n.message for n in pilot.app._notifications)


async def test_a_task_linked_to_an_archived_purpose_says_so(welcomed: Store) -> None:
    welcomed.save_purpose(Purpose("old-why", "An old why", archived=True))
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Look back #old-why", "enter")
        await pilot.pause()
        assert welcomed.tasks_for_day(TODAY)[-1].purposes == ("old-why",)
        notes = [n.message for n in pilot.app._notifications]
        assert "#old-why archived: linked all the same; p brings it back" in notes


async def test_a_named_day_saves_there_and_says_where(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Call Ann tomorrow", "enter")
        assert shown_titles(pilot.app) == []
        assert pilot.app.screen.day == TODAY  # type: ignore[attr-defined]
        assert [t.title for t in welcomed.tasks_for_day(TODAY + timedelta(days=1))] == ["Call Ann"]
        assert any("Added to Thu 26 Nov 2026" in n.message for n in pilot.app._notifications)


async def test_errors_show_inline_and_nothing_is_saved(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Report feb 30")
        assert "feb 30" in preview(pilot.app) and "✗" in preview(pilot.app)
        await pilot.press("enter")
        assert bar(pilot.app).display  # still open, text kept to fix
        assert bar(pilot.app).input.value == "Report feb 30"
        await pilot.press(*("backspace",) * 7, "enter")
        assert welcomed.tasks_for_day(TODAY)[0].title == "Report"
        await pilot.press("a", *"#only-a-tag", "enter")
        assert "empty title" in preview(pilot.app)
        await pilot.press("a")  # typed into the input, not a new bar
        assert bar(pilot.app).input.value == "#only-a-taga"
        assert len(welcomed.tasks_for_day(TODAY)) == 1


async def test_escape_cancels_without_saving(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Never mind", "escape")
        assert not bar(pilot.app).display
        assert welcomed.tasks_for_day(TODAY) == []
        assert isinstance(pilot.app.focused, TaskList)
        await pilot.press("a")
        assert bar(pilot.app).input.value == ""  # a fresh line each time


async def test_quick_add_is_undoable_including_a_repeating_task(welcomed: Store) -> None:
    add_task(welcomed, "Existing")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Stand-up every day", "enter")
        assert shown_titles(pilot.app) == ["Existing", "Stand-up"]
        assert len(welcomed.series()) == 1
        await pilot.press("u")
        assert shown_titles(pilot.app) == ["Existing"]
        assert welcomed.series() == []  # the whole series, not just today's occurrence


async def test_literal_text_and_markup_stay_text(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *'"call #2 back" [b]x[/b]')
        assert "title call #2 back [b]x[/b]" in preview(pilot.app)
        await pilot.press("enter")
        assert welcomed.tasks_for_day(TODAY)[0].title == "call #2 back [b]x[/b]"


async def test_keys_typed_right_after_a_go_into_the_new_bar(welcomed: Store) -> None:
    """The bar is built on the first a: the letters that follow at once are its text, never
    the day's keys (d deletes, space ticks off)."""
    add_task(welcomed, "Keep me")
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", "d", "space", "u", "e")
        await pilot.pause()
        assert bar(pilot.app).input.value == "d ue"
        assert [t.done for t in pilot.app.screen.tasks] == [False]  # type: ignore[attr-defined]
        assert shown_titles(pilot.app) == ["Keep me"]


async def test_the_bar_built_late_reads_dates_from_the_shown_day(welcomed: Store) -> None:
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("]")  # tomorrow, before the bar exists
        await pilot.press("a", *"Plan the week")
        await pilot.pause()
        assert bar(pilot.app).default_day == TODAY + timedelta(days=1)
        assert bar(pilot.app).today == TODAY
        await pilot.press("escape", "]")
        assert bar(pilot.app).default_day == TODAY + timedelta(days=2), "kept in step"


async def test_a_line_feed_saves_like_enter(welcomed: Store) -> None:
    # What Enter sends before the app has the terminal (typed with the command that starts it).
    async with make_app(welcomed).run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("a", *"Early bird", "ctrl+j")
        assert [t.title for t in welcomed.tasks_for_day(TODAY)] == ["Early bird"]
        assert not bar(pilot.app).display
