"""Pilot tests of the welcome (first run), hosted in a small app."""

from __future__ import annotations

from datetime import datetime
from importlib.resources import files
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.widgets import Input

from planner.model import Profile, Purpose
from planner.screens.purposes import slug_for_statement
from planner.screens.welcome import WelcomeScreen
from planner.store import Store

SIZE = (100, 30)


def fixed_now() -> datetime:
    return datetime(2026, 11, 25, 9, 0)


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "record", now=fixed_now)


class Host(App[None]):
    """A bare app that opens the welcome on start."""

    CSS_PATH = str(files("planner.styles").joinpath("welcome.tcss"))

    def __init__(self, store: Store) -> None:
        super().__init__()
        self.store = store
        self.closed = False

    def on_mount(self) -> None:
        self.push_screen(WelcomeScreen(self.store), self.record_close)

    def record_close(self, _result: None) -> None:
        self.closed = True


def screen_text(app: App[Any]) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def record_bytes(store: Store) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(store.folder.glob("*.json"))}


def test_slug_for_statement() -> None:
    assert slug_for_statement("To help others") == "help-others"
    assert slug_for_statement("To provide for my family, always") == "provide-for-my-family"
    assert slug_for_statement("Help others", taken={"help-others"}) == "help-others-2"
    assert slug_for_statement("!!!") == "purpose"
    assert slug_for_statement("To") == "to"


async def test_answering_both_questions_saves_them(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"To help others", "tab", *"To provide for my family", "enter")
        await pilot.pause()
        note = str(app.screen.query_one("#welcome-saved-as").render())
        assert note == (
            "Tie a task to your why with #help-others, #provide-for-my-family in quick add."
        )
        await pilot.press(*"Team lead", "enter")
        await pilot.pause()
        assert app.closed
    assert store.purposes() == [
        Purpose("help-others", "To help others"),
        Purpose("provide-for-my-family", "To provide for my family"),
    ]
    assert store.profile() == Profile(next_step="Team lead", welcomed=True)


async def test_one_statement_is_enough(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"To help others", "enter")  # the second left empty
        await pilot.press(*"Analyst", "enter")
        await pilot.pause()
        assert app.closed
    assert [p.slug for p in store.purposes()] == ["help-others"]
    assert store.profile().next_step == "Analyst"


async def test_skip_buttons_skip_each_question(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#why-1", Input).value = "Typed, then skipped"
        await pilot.click("#welcome-skip")
        await pilot.pause()
        assert app.screen.query_one("#next-step", Input).has_focus
        app.screen.query_one("#next-step", Input).value = "Also skipped"
        await pilot.press("tab", "tab")  # Continue, then Skip
        assert app.focused is not None and app.focused.id == "welcome-skip"
        await pilot.press("enter")
        await pilot.pause()
        assert app.closed
    assert store.purposes() == []
    assert store.profile() == Profile(welcomed=True)


async def test_escape_skips_everything_and_marks_welcomed(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"half typed", "escape")
        await pilot.pause()
        assert app.closed
    assert store.purposes() == []
    assert store.profile().welcomed


async def test_escape_on_the_second_question_keeps_the_first_answer(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"To help others", "enter", *"not confirmed", "escape")
        await pilot.pause()
        assert app.closed
    assert [p.slug for p in store.purposes()] == ["help-others"]
    assert store.profile() == Profile(next_step="", welcomed=True)


async def test_an_existing_slug_is_not_overwritten(store: Store) -> None:
    store.save_purpose(Purpose("help-others", "Mine already"))
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"To help others", "enter", "escape")
        await pilot.pause()
    assert store.purposes() == [
        Purpose("help-others", "Mine already"),
        Purpose("help-others-2", "To help others"),
    ]


async def test_overlong_answer_is_explained_and_nothing_written(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        before = record_bytes(store)
        app.screen.query_one("#why-1", Input).value = "w" * 100_000
        await pilot.click("#welcome-continue")
        await pilot.pause()
        assert record_bytes(store) == before
        message = str(app.screen.query_one("#welcome-message").render())
        assert message == "statement too long: at most 500 characters, not 100,000"
        assert not app.closed
        assert app.screen.query_one("#why-1", Input).value  # kept, to be shortened


async def test_an_enter_typed_ahead_into_the_first_question_is_ignored(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, WelcomeScreen)
        first = screen.query_one("#why-1", Input)
        first.value = "To help others"
        await pilot.press("enter")
        assert screen.step == "next"
        # An Enter that reached the first field before the focus moved on answers nothing.
        first.post_message(Input.Submitted(first, first.value))
        await pilot.pause()
        assert not app.closed
        assert screen.step == "next"


async def test_overlong_next_step_is_explained(store: Store) -> None:
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # nothing typed: the first question is skipped
        app.screen.query_one("#next-step", Input).value = "n" * 100_000
        await pilot.press("enter")
        await pilot.pause()
        message = str(app.screen.query_one("#welcome-message").render())
        assert message.startswith("next step too long")
        assert not app.closed
    assert store.profile().welcomed is False


async def test_hostile_answers_are_cleaned_and_shown_literally(store: Store) -> None:
    hostile = "[@click=app.quit]x[/] [/] \x1b[2J 🎉 中文"
    app = Host(store)
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#why-1", Input).value = hostile
        await pilot.press("enter")
        await pilot.pause()
        text = screen_text(app)
        assert "\x1b" not in text
        app.screen.query_one("#next-step", Input).value = "[b]Lead[/b]"
        await pilot.press("enter")
        await pilot.pause()
        assert app.is_running
    (purpose,) = store.purposes()
    assert purpose.statement == "[@click=app.quit]x[/] [/] 🎉 中文"
    assert store.profile().next_step == "[b]Lead[/b]"


# ---------------------------------------------------------------------------- in the app


async def test_the_app_welcomes_an_empty_record_once(store: Store) -> None:
    from datetime import date

    from planner.app import PlannerApp
    from planner.screens.day import DayScreen

    today = date(2026, 11, 25)
    app = PlannerApp(store, today=lambda: today, poll_interval=3600)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.press(*"To help others", "enter", *"Team lead", "enter")
        await pilot.pause()
        assert isinstance(app.screen, DayScreen)
    assert store.profile() == Profile(next_step="Team lead", welcomed=True)
    again = PlannerApp(store, today=lambda: today, poll_interval=3600)
    async with again.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(again.screen, DayScreen)
