"""Snapshot tests of the purpose reminder and the reflection screen, at 100×30 and 80×24.

Each screen is hosted in a bare app with the planner's dark theme, so these pictures change only
when these screens change. Records are built in ``tmp_path`` with fixed days, ids and clock;
nothing rendered depends on the real date or on random ids.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen

from planner.model import Profile, Purpose, Skill, new_task, validated_reflection
from planner.screens.reflection import ReflectionScreen
from planner.screens.reminder import ReminderScreen
from planner.store import Store
from planner.themes import PLANNER_DARK

TODAY = date(2026, 11, 25)
SIZES = [(100, 30), (80, 24)]
Snap = Callable[..., bool]


def open_store(tmp_path: Path) -> Store:
    return Store.open(tmp_path / "record", now=lambda: datetime(2026, 11, 25, 21, 0))


def add(store: Store, task_id: str, title: str, day: date, **fields: Any) -> None:
    store.add_task(
        new_task(id=task_id, title=title, day=day, created="2026-01-01T00:00:00", **fields)
    )


def full_record(store: Store) -> None:
    """Purposes with done work, growing skills, stretch tasks, people, a calm line, a next step."""
    store.save_purpose(Purpose("help-others", "To help others"))
    store.save_purpose(Purpose("analyst", "To become a great analyst"))
    store.save_skill(Skill("excel", "Excel"))
    store.save_skill(Skill("mentoring", "Mentoring"))
    store.save_profile(Profile(next_step="Senior data analyst", welcomed=True))
    for i in range(4):
        add(
            store,
            f"h{i}",
            f"Answered the team's data questions, round {i + 1}",
            TODAY - timedelta(days=1 + 2 * i),
            done=True,
            purposes=["help-others"],
            skills=["excel"],
            people=["marilyn"],
        )
    add(
        store,
        "st1",
        "Trained the new hire on pivot tables",
        TODAY - timedelta(days=3),
        done=True,
        purposes=["help-others", "analyst"],
        skills=["mentoring"],
        people=["sam"],
        stretch=True,
    )
    add(
        store,
        "st2",
        "Rebuilt the [monthly] report 日本語 ✨",
        TODAY - timedelta(days=9),
        done=True,
        purposes=["analyst"],
        skills=["excel"],
        stretch=True,
    )
    add(
        store,
        "old",
        "Old spreadsheet work",
        TODAY - timedelta(days=40),
        done=True,
        skills=["excel"],
    )
    store.save_reflection(
        TODAY - timedelta(days=15),
        validated_reflection(served_why="I untangled a report and Ana could finally use it."),
        stress=2,
    )


def reflection_day(store: Store) -> None:
    """Today's tasks: two done, two unfinished, one recurring."""
    store.save_purpose(Purpose("help-others", "To help others"))
    store.save_skill(Skill("excel", "Excel"))
    add(store, "d1", "Reviewed Ana's [draft] deck", TODAY, done=True, purposes=["help-others"])
    add(store, "d2", "Built the pivot report", TODAY, done=True, skills=["excel"])
    add(store, "u1", "Write the onboarding guide", TODAY, purposes=["help-others"])
    add(store, "u2", "Call the supplier", TODAY)
    add(store, "rec", "Stand-up", TODAY - timedelta(days=7), recurrence="FREQ=DAILY")


class Host(App[None]):
    """A bare app with the planner's dark theme that opens one screen on start."""

    def __init__(self, make_screen: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make_screen = make_screen

    def on_mount(self) -> None:
        self.register_theme(PLANNER_DARK)
        self.theme = PLANNER_DARK.name
        self.push_screen(self.make_screen())


async def settled(pilot: Pilot[None]) -> None:
    """Wait for the reminder's worker and the repaint after it."""
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


class TestReminderSnapshots:
    """The purpose reminder with a full record and with an empty one."""

    @pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
    def test_full_record(self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
        """Purposes with counts and titles, skills grown, stretch, people, calm line, next step."""
        store = open_store(tmp_path)
        full_record(store)
        app = Host(lambda: ReminderScreen(store, TODAY))
        assert snap_compare(app, terminal_size=size, run_before=settled)

    @pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
    def test_empty_record(self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
        """The kind first-time version that asks for a purpose."""
        store = open_store(tmp_path)
        app = Host(lambda: ReminderScreen(store, TODAY))
        assert snap_compare(app, terminal_size=size, run_before=settled)


class TestReflectionSnapshots:
    """The reflection screen, new and reopened with its answers."""

    @pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
    def test_empty(self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
        """A day with tasks and no reflection yet: rating focused, prompts empty."""
        store = open_store(tmp_path)
        reflection_day(store)
        app = Host(lambda: ReflectionScreen(store, TODAY, TODAY))
        assert snap_compare(app, terminal_size=size, run_before=settled)

    @pytest.mark.parametrize("size", SIZES, ids=["100x30", "80x24"])
    def test_filled(self, snap_compare: Snap, tmp_path: Path, size: tuple[int, int]) -> None:
        """A saved, stressful reflection reopened: its answers, its rating, the saved mark."""
        store = open_store(tmp_path)
        reflection_day(store)
        store.save_reflection(
            TODAY,
            validated_reflection(
                learned="How to build a pivot report with [calculated] fields.",
                above_beyond="Stayed to walk Sam through the data model.\nTwice.",
                helped="Sam; Ana helped me with the deck 🙂",
                served_why="Helping Sam is exactly why I do this.",
                intention="Finish the onboarding guide first.",
            ),
            stress=4,
        )
        app = Host(lambda: ReflectionScreen(store, TODAY, TODAY))
        assert snap_compare(app, terminal_size=size, run_before=settled)
