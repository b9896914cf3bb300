"""Pilot tests of the end-of-day reflection screen, hosted in a small app."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.widgets import Button, SelectionList, TextArea

from planner.app import PlannerApp
from planner.model import Profile, Purpose, Skill, Task, new_task, validated_reflection
from planner.screens.day import DayScreen
from planner.screens.reflection import ConfirmLeaveScreen, ReflectionScreen
from planner.screens.reminder import ReminderScreen
from planner.storage import StoreError
from planner.store import Store
from planner.themes import PLANNER_DARK, PLANNER_LIGHT
from planner.widgets.reflection_context import ContextLines
from planner.widgets.stress_rating import StressRating

TODAY = date(2026, 11, 25)
TOMORROW = TODAY + timedelta(days=1)
SIZE = (100, 30)
BOX = " │╭╮╰╯─▊▎▔▁▏▂▄▅▆"


def fixed_now() -> datetime:
    return datetime(2026, 11, 25, 21, 0)


def open_store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "record", now=fixed_now)


def task(task_id: str, title: str, *, done: bool = False, **links: Any) -> Task:
    return new_task(
        id=task_id,
        title=title,
        day=TODAY,
        done=done,
        created="2026-01-01T00:00:00",
        **links,
    )


def day_record(store: Store) -> None:
    """A day with two done tasks and three unfinished ones (one of them recurring)."""
    store.save_purpose(Purpose("help-others", "To help others"))
    store.save_skill(Skill("excel", "Excel"))
    store.add_task(task("d1", "Reviewed [b]Ana's[/b] deck", done=True, purposes=["help-others"]))
    store.add_task(task("d2", "Built the pivot report", done=True, skills=["excel"]))
    store.add_task(task("u1", "Write the onboarding guide", purposes=["help-others"]))
    store.add_task(task("u2", "Call the supplier"))
    store.add_task(task("u3", "Tidy inbox"))
    store.add_task(
        new_task(id="rec", title="Stand-up", day=TODAY - timedelta(days=7), recurrence="FREQ=DAILY")
    )


class Host(App[None]):
    """A bare app that opens the reflection on start and records what comes back."""

    def __init__(self, store: Store, day: date = TODAY) -> None:
        super().__init__()
        self.store = store
        self.day = day
        self.results: list[bool] = []
        self.reminders: list[date] = []

    def on_mount(self) -> None:
        self.register_theme(PLANNER_DARK)
        self.theme = PLANNER_DARK.name
        self.open_reflection()

    def open_reflection(self) -> None:
        self.push_screen(ReflectionScreen(self.store, self.day, TODAY), self._record)

    def _record(self, result: bool | None) -> None:
        assert result is not None
        self.results.append(result)

    def maybe_auto_remind(self, day: date) -> None:
        """Stands in for the planner app's hook: records the request."""
        self.reminders.append(day)


def screen_text(app: App[Any]) -> str:
    lines = (strip.text.strip(BOX) for strip in app.screen._compositor.render_strips())
    return " ".join(line for line in lines if line)


def area(app: App[Any], name: str) -> TextArea:
    return app.screen.query_one(f"#answer-{name}", TextArea)


async def type_into(pilot: Pilot[None], app: App[Any], name: str, text: str) -> None:
    area(app, name).focus()
    await pilot.pause()
    await pilot.press(*text)


async def test_rating_label_uses_the_profile_threshold_and_the_header_words(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path)
    store.save_profile(Profile(stress_threshold=3, welcomed=True))
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("3")
        await pilot.pause()
        assert "⚠ stressful (3/5)" in screen_text(app)  # as the day header says it
        await pilot.press("2")
        await pilot.pause()
        assert "stressful" not in screen_text(app).split("keys 1–5")[0]


async def test_rating_row_has_focus_first_and_digits_set_it(tmp_path: Path) -> None:
    app = Host(open_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rating = app.screen.query_one("#rating", StressRating)
        assert app.focused is rating
        await pilot.press("3")
        assert rating.value == 3
        await pilot.press("right", "right", "right")
        assert rating.value == 5
        await pilot.press("left")
        assert rating.value == 4
        assert "⚠ stressful (4/5)" in screen_text(app)
        # In a text area, digits are text and leave the rating alone.
        await pilot.press("tab")
        focused: object = app.focused
        assert focused is area(app, "learned")
        await pilot.press("1", "2")
        assert rating.value == 4
        assert area(app, "learned").text == "12"


async def test_ctrl_s_saves_and_a_reopened_reflection_has_its_answers(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2")
        await type_into(pilot, app, "learned", "pivot tables")
        await type_into(pilot, app, "intention", "ship the guide")
        area(app, "helped").insert("Ana\nand Sam")
        await pilot.pause()
        assert "unsaved changes" in screen_text(app)
        await pilot.press("ctrl+s")
        await pilot.pause()
        record = store.day_record(TODAY)
        assert record.stress == 2
        assert record.reflection is not None
        assert record.reflection.learned == "pivot tables"
        assert record.reflection.helped == "Ana\nand Sam"
        assert record.reflection.intention == "ship the guide"
        assert record.reflection.saved_at == "2026-11-25T21:00:00"
        assert [n.message for n in app._notifications] == ["Reflection saved"]
        assert "✓ saved" in screen_text(app)
        assert app.reminders == []  # 2 is calm: no reminder
        await pilot.press("escape")  # nothing unsaved: closes at once
        await pilot.pause()
        assert app.results == [True]
        app.open_reflection()
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        assert area(app, "learned").text == "pivot tables"
        assert area(app, "helped").text == "Ana\nand Sam"
        assert area(app, "intention").text == "ship the guide"
        assert app.screen.query_one("#rating", StressRating).value == 2
        assert "✓ saved" in screen_text(app)
        # Edit and save again: the saved reflection is replaced.
        await type_into(pilot, app, "intention", "!")
        await pilot.press("ctrl+s")
        await pilot.pause()
        reflection = store.day_record(TODAY).reflection
        assert reflection is not None
        assert reflection.intention in ("!ship the guide", "ship the guide!")


async def test_closing_without_changes_returns_false(tmp_path: Path) -> None:
    app = Host(open_store(tmp_path))
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [False]
        assert open_store(tmp_path).day_record(TODAY).reflection is None


async def test_escape_with_edits_asks_and_discard_loses_them(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("5")
        await type_into(pilot, app, "learned", "secret")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmLeaveScreen)
        await pilot.press("d")
        await pilot.pause()
        assert app.results == [False]
        record = store.day_record(TODAY)
        assert record.reflection is None
        assert record.stress is None
        assert app.reminders == []


async def test_escape_with_edits_then_cancel_keeps_editing(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await type_into(pilot, app, "served_why", "kept")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmLeaveScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        assert area(app, "served_why").text == "kept"
        assert app.results == []
        assert store.day_record(TODAY).reflection is None


async def test_escape_with_edits_then_save_keeps_them_and_reminds(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("4")
        await type_into(pilot, app, "above_beyond", "trained Sam")
        await pilot.press("escape")
        await pilot.pause()
        await pilot.click("#save")
        await pilot.pause()
        assert app.results == [True]
        record = store.day_record(TODAY)
        assert record.stress == 4
        assert record.reflection is not None
        assert record.reflection.above_beyond == "trained Sam"
        # Stressful (threshold 4): the app is asked for the reminder once the screen closed.
        assert app.reminders == [TODAY]
        assert not isinstance(app.screen, ReflectionScreen)


async def test_saving_a_stressful_rating_asks_for_the_reminder(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_profile(Profile(stress_threshold=3))
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("2", "ctrl+s")
        await pilot.pause()
        assert app.reminders == []
        await pilot.press("3", "ctrl+s")
        await pilot.pause()
        assert app.reminders == [TODAY]
        assert store.day_record(TODAY).stress == 3


async def test_clearing_the_rating_clears_it_on_save(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.set_stress(TODAY, 4)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        rating = app.screen.query_one("#rating", StressRating)
        assert rating.value == 4
        await pilot.press("0", "ctrl+s")
        await pilot.pause()
        assert store.day_record(TODAY).stress is None


async def test_context_lists_done_and_unfinished_with_links(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    day_record(store)
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        text = screen_text(app)
        assert "Done (2)" in text
        assert "✓ Reviewed [b]Ana's[/b] deck" in text
        assert "why: To help others" in text
        assert "grows: Excel" in text
        assert "Unfinished (4)" in text
        assert "↻ Stand-up" in text
        carry = app.screen.query_one("#carry-list", SelectionList)
        assert carry.option_count == 3  # the recurring task is not offered


async def test_context_wraps_a_task_s_links_under_its_title(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    day_record(store)
    store.save_skill(Skill("mentoring", "Mentoring"))
    store.add_task(
        task(
            "d3",
            "Wrote the migration plan",
            done=True,
            purposes=["help-others"],
            skills=["excel", "mentoring"],
            people=["ana", "sam"],
        )
    )
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        lines = [line.plain for line in app.screen.query_one(ContextLines).lines(24)]
        assert lines[:2] == ["", "Done (3)"]  # a heading has a blank line above it
        title = lines.index("✓ Wrote the migration")
        assert lines[title + 1] == "plan"  # a title wraps at the left edge
        links = lines[title + 2 : lines.index("", title)]
        # The links wrap under their own indent, every line of them.
        assert len(links) > 2
        assert all(line.startswith("  ") and line[2] != " " for line in links)
        assert all(len(line) <= 24 for line in lines)
        assert " ".join(line.strip() for line in links) == (
            "why: To help others · grows: Excel, Mentoring · with @ana, @sam"
        )
        assert lines[lines.index("Unfinished (4)") - 1] == ""


async def test_the_context_follows_a_new_theme(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    day_record(store)
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        context = app.screen.query_one(ContextLines)

        def rows() -> list[list[tuple[str, object]]]:
            return [[(s.text, s.style) for s in context.render_line(y)] for y in range(4)]

        before = rows()
        app.register_theme(PLANNER_LIGHT)
        app.theme = PLANNER_LIGHT.name
        await pilot.pause()
        after = rows()
        assert after != before  # the headings and muted lines take the new colours
        context._drawn = None
        context.refresh()
        await pilot.pause()
        assert rows() == after, "lines drawn under the old theme were shown again"


async def test_the_context_is_one_widget_however_many_tasks_the_day_has(
    tmp_path: Path,
) -> None:
    """Its lines are drawn by one widget: more tasks must not mean more widgets to build."""
    counts = []
    for extra in (0, 12):
        store = open_store(tmp_path / str(extra))
        day_record(store)
        for i in range(extra):
            store.add_task(task(f"x{i}", f"Extra {i}", done=True, skills=["excel"]))
        app = Host(store)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            context = app.screen.query_one("#context")
            counts.append(len(list(context.walk_children())))
            assert f"Done ({2 + extra})" in screen_text(app)
    assert counts[0] == counts[1]


async def test_carry_chosen_tasks_to_tomorrow(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    day_record(store)
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        carry = app.screen.query_one("#carry-list", SelectionList)
        carry.focus()
        await pilot.pause()
        await pilot.press("space", "down", "down", "space")  # the first and the third
        await pilot.pause()
        assert str(app.screen.query_one("#carry-chosen", Button).label) == "Chosen (2)"
        # Each box says whether its row is chosen, not only by its colour.
        assert [carry.render_line(y).text[:3] for y in range(3)] == ["▐✓▌", "▐ ▌", "▐✓▌"]
        await pilot.click("#carry-chosen")
        await pilot.pause()
        tomorrow = {t.id for t in store.tasks_for_day(TOMORROW)}
        today = {t.id for t in store.tasks_for_day(TODAY)}
        assert {"u1", "u3"} <= tomorrow
        assert "u2" in today and "u1" not in today and "u3" not in today
        assert "Unfinished (2)" in screen_text(app)  # u2 and the recurring one
        assert app.focused is app.screen.query_one("#carry-list")  # the keyboard stays useful
        assert "Carried 2 tasks to Thu 26 Nov 2026 (tomorrow)" in [
            n.message for n in app._notifications
        ]
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [True]  # something was written


async def test_choosing_with_keys_typed_quickly_chooses_the_right_rows(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    day_record(store)
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        carry = app.screen.query_one("#carry-list", SelectionList)
        carry.focus()
        await pilot.pause()
        # A terminal hands over space, down, space in one read: no pause between them.
        for key, character in (("space", " "), ("down", None), ("space", " ")):
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert carry.selected == ["u1", "u2"]
        assert str(app.screen.query_one("#carry-chosen", Button).label) == "Chosen (2)"


async def test_carry_all_tasks_to_tomorrow(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    day_record(store)
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.click("#carry-all")
        await pilot.pause()
        tomorrow = {t.id for t in store.tasks_for_day(TOMORROW)}
        assert {"u1", "u2", "u3"} <= tomorrow
        today = store.tasks_for_day(TODAY)
        assert {t.id for t in today if not t.done} == {f"rec~{TODAY:%Y%m%d}"}
        assert {t.id for t in today if t.done} == {"d1", "d2"}
        assert "Everything is done." not in screen_text(app)
        assert not app.screen.query("#carry-list")
        assert app.focused is app.screen.query_one("#rating")


async def test_carry_chosen_with_nothing_chosen_moves_nothing(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    day_record(store)
    app = Host(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        await pilot.click("#carry-chosen")
        await pilot.pause()
        assert not [t for t in store.tasks_for_day(TOMORROW) if t.id in {"u1", "u2", "u3"}]


async def test_hostile_text_is_stored_cleaned_and_shown_literally(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    app = Host(store)
    async with app.run_test(size=(100, 50)) as pilot:
        await pilot.pause()
        await type_into(pilot, app, "learned", "[/] [@click=app.quit]x[/]")
        learned = area(app, "learned")
        # Control characters arrive by paste (the terminal hands it to the app), never by typing.
        assert app.focused is learned
        app.post_message(events.Paste(" wipe\x1b[2J\x07 done"))
        area(app, "intention").insert("[bold]tomorrow[/bold] \x1b]0;title\x07ok")
        await pilot.pause()
        assert "\x1b" not in learned.text
        await pilot.press("ctrl+s")
        await pilot.pause()
        reflection = store.day_record(TODAY).reflection
        assert reflection is not None
        assert reflection.learned == "[/] [@click=app.quit]x[/] wipe done"
        assert reflection.intention == "[bold]tomorrow[/bold] ok"
        # Nothing of the reflection leaks into notifications or the title.
        messages = " ".join(str(n.message) for n in app._notifications)
        assert "wipe" not in messages and "tomorrow" not in messages
        assert "wipe" not in app.title and "wipe" not in (app.sub_title or "")
        await pilot.press("escape")
        await pilot.pause()
        app.open_reflection()
        await pilot.pause()
        text = screen_text(app)
        assert "[/] [@click=app.quit]x[/] wipe done" in text
        assert "[bold]tomorrow[/bold] ok" in text
        # Clicking across the hostile text runs no action.
        for x in range(0, 40, 2):
            await pilot.click("#answer-learned", offset=(x, 1))
        await pilot.pause()
        assert app.is_running
        assert isinstance(app.screen, ReflectionScreen)


async def test_a_saved_reflection_with_hostile_text_reopens_literally(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    store.save_reflection(
        TODAY, validated_reflection(helped="[@click=app.quit]Ana[/]\x1b[31m"), stress=1
    )
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert area(app, "helped").text == "[@click=app.quit]Ana[/]"
        assert "[@click=app.quit]Ana[/]" in screen_text(app)
        assert "not saved yet" not in screen_text(app)


# --------------------------------------------------------------------------- in the real app


def planner_app(store: Store, today: date = TODAY) -> PlannerApp:
    """The real app on ``store`` with a fixed clock (polling slowed: nothing else writes)."""
    return PlannerApp(store, today=lambda: today, poll_interval=3600)


async def settle(app: App[Any], pilot: Pilot[None]) -> None:
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_r_opens_the_reflection_and_a_stressful_save_brings_the_reminder(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path)
    day_record(store)
    store.save_profile(Profile(welcomed=True, next_step="Team lead"))
    app = planner_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)
        await pilot.press("5")
        await type_into(pilot, app, "learned", "patience")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert store.day_record(TODAY).stress == 5
        assert isinstance(app.screen, ReminderScreen)
        assert "This job is a stepping stone to: Team lead" in screen_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ReflectionScreen)  # back to writing
        await pilot.press("ctrl+s")  # saving again does not nag
        await settle(app, pilot)
        assert isinstance(app.screen, ReflectionScreen)
        await pilot.press("escape")
        await settle(app, pilot)
        assert isinstance(app.screen, DayScreen)
        assert "stressful (5/5)" in screen_text(app)


async def test_a_calm_save_in_the_app_shows_no_reminder(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    day_record(store)
    store.save_profile(Profile(welcomed=True))
    app = planner_app(store)
    async with app.run_test(size=SIZE) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("2", "ctrl+s")
        await settle(app, pilot)
        assert isinstance(app.screen, ReflectionScreen)
        assert not any(isinstance(s, ReminderScreen) for s in app.screen_stack)


async def test_intention_and_carried_tasks_appear_on_the_next_day(tmp_path: Path) -> None:
    store = open_store(tmp_path)
    day_record(store)
    store.save_profile(Profile(welcomed=True))
    app = planner_app(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(app, pilot)
        await pilot.press("r")
        await pilot.pause()
        await type_into(pilot, app, "intention", "Finish [b]the guide[/b] first")
        await pilot.click("#carry-all")
        await pilot.press("ctrl+s", "escape")
        await settle(app, pilot)
        assert isinstance(app.screen, DayScreen)
        await pilot.press("]")
        await settle(app, pilot)
        text = screen_text(app)
        assert "Thu 26 Nov 2026 (tomorrow)" in text
        assert "Intention for this day: Finish [b]the guide[/b] first" in text
        assert "Write the onboarding guide" in text and "Tidy inbox" in text
    # Opened on the next day, the header says it is today's intention.
    tomorrow = planner_app(open_store(tmp_path), TOMORROW)
    async with tomorrow.run_test(size=(120, 40)) as pilot:
        await settle(tomorrow, pilot)
        assert "Today's intention: Finish [b]the guide[/b] first" in screen_text(tomorrow)


def test_an_unreadable_record_fails_before_drawing_and_keeps_the_reflection_private(
    tmp_path: Path,
) -> None:
    store = open_store(tmp_path)
    store.save_reflection(TODAY, validated_reflection(helped="my secret worry"), stress=3)
    month = tmp_path / "record" / "2026-11.json"
    month.write_text(month.read_text(encoding="utf-8") + "garbage", encoding="utf-8")
    with pytest.raises(StoreError) as raised:
        ReflectionScreen(store, TODAY, TODAY)
    assert "2026-11.json" in str(raised.value)
    assert "secret" not in str(raised.value)
